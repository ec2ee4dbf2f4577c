import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Resource, Snapshot} from '../../src/inventory/model.js'
import {ROOT} from '../helpers/cli.js'

export const IMPORT_FIXTURES = join(ROOT, 'fixtures/import')
export const fixture = (path: string) => join(IMPORT_FIXTURES, path)
/** A recorded or generated real file under fixtures/import/real (see the README next to each). */
export const real = (path: string) => join(IMPORT_FIXTURES, 'real', path)
export const fixtureText = (path: string) => readFileSync(fixture(path), 'utf8')
export const fixtureJson = (path: string): unknown => JSON.parse(fixtureText(path))

/** The resource with this id, or a failing assertion that lists what is there. */
export function byId(snapshot: Snapshot, id: string): Resource {
  const found = snapshot.resources.find((r) => r.id === id)
  if (!found) throw new Error(`no resource ${id}; have:\n${snapshot.resources.map((r) => r.id).join('\n')}`)
  return found
}

export function byAddress(snapshot: Snapshot, address: string): Resource {
  const found = snapshot.resources.find((r) => r.attributes?.terraformAddress === address)
  if (!found) throw new Error(`no resource at ${address}`)
  return found
}

/** Every secret value planted in the fixtures; none may appear anywhere in a snapshot. */
export const PLANTED_SECRETS = [
  'Wint3r-Is-Coming-42',
  'sk_live_51HfKxAcmeSecretDoNotLeak',
  'AKIAXEXAMPLEQ7Z3K2M4',
  'wJalrXUtnFEMI',
  'BLt8mF0oZp9wQ1sExampleSmtp',
  '$2a$10$N9qo8uLOickgx2ZMRZoMy',
  'Sc4l3way-Db-P4ssw0rd!',
  'SCWXEXAMPLE4HQ2V7RLN',
  '3f9c2b1a-0e8d-4c7b-9a6f-5e4d3c2b1a0f',
  '0vh-B4stion-Adm1n!',
  'Ex0-PG-Adm1n-P4ss',
  'glrt-EXAMPLErunnerTOKEN',
  'client-key-data',
  'LS0tLS1CRUdJTiBSU0E',
  'Rj9aL2h5cXZ0bXBzZWNyZXQ',
  'I0n0s-Imag3-P4ss!',
  'I0n0s-PG-P4ssw0rd',
  'UpCl0ud-Adm1n-Pw',
  'AVNS_ExampleUpcloudServicePassw0rd',
  'Azur3-Jump-Adm1n!',
  'Azur3-PG-Adm1n!',
  'bXlTdG9yYWdlQWNjb3VudEtleUV4YW1wbGVEb05vdExlYWsx',
  'c2Vjb25kYXJ5S2V5RXhhbXBsZURvTm90TGVhazEy',
  'AccountKey=',
  'G00gle-SQL-R00t!',
  'ya29.ExampleOnlyToken',
  'whsec_ExampleSigningSecretDoNotLeak',
  'I2Nsb3VkLWNvbmZpZwpwYXNzd29yZDogaHVudGVyMg',
  'not-a-real-password',
  // Pulumi: a plain input password and the secret envelope's ciphertext (fixtures/import/real/pulumi).
  'mypassword',
  'd3VHy2+9FGGmsJpJ76Taw5',
]

export function leakedSecrets(value: unknown): string[] {
  const text = JSON.stringify(value)
  return PLANTED_SECRETS.filter((secret) => text.includes(secret))
}
