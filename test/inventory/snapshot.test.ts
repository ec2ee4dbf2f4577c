import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {isSecretKey, redactAttributes} from '../../src/inventory/redact.js'
import {createSnapshot, mergeSnapshots, readSnapshot, writeSnapshot} from '../../src/inventory/snapshot.js'
import {tempDir} from '../helpers/cli.js'

const resources: ResourceInput[] = [
  {
    id: 'arn:aws:rds:eu-central-1:412345678901:db:claims',
    provider: 'aws',
    type: 'AWS::RDS::DBInstance',
    name: 'claims',
    account: '412345678901',
    region: 'eu-central-1',
    tags: {app: 'claims', note: 'ünïcödé ✓'},
    attributes: {engine: 'postgres', masterUserPassword: 'hunter2', kmsKeyId: 'arn:aws:kms:eu-central-1:412345678901:key/abc'},
    dependsOn: ['arn:aws:kms:eu-central-1:412345678901:key/abc'],
    sizeGiB: 750,
    source: 'aws:tagging',
  },
  {id: 'hetzner:server:42', provider: 'hetzner', type: 'hetzner:server', region: 'fsn1', source: 'hetzner'},
]

describe('snapshot round trips', () => {
  for (const ext of ['json', 'ndjson']) {
    it(`writes and reads ${ext} without loss, atomically`, async () => {
      const dir = tempDir()
      const file = join(dir, `inventory.${ext}`)
      const snapshot = createSnapshot(
        resources,
        [{provider: 'aws', scope: '412345678901/eu-central-1', status: 'complete', count: 1}],
        new Date('2026-11-28T10:00:00Z'),
      )
      await writeSnapshot(file, snapshot)
      const back = await readSnapshot(file)
      expect(back).toEqual(snapshot)
      expect(back.resources[1]!.tags).toEqual({})
      if (ext === 'ndjson') expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3)
    })
  }

  it('merges snapshots: same id becomes one resource that records every source', () => {
    const a = createSnapshot([{...resources[0]!, tags: {app: 'claims'}}], [])
    const b = createSnapshot(
      [{...resources[0]!, source: 'terraform', tags: {owner: 'x'}, dependsOn: ['other']}, resources[1]!],
      [],
    )
    const merged = mergeSnapshots([a, b])
    expect(merged.resources).toHaveLength(2)
    const db = merged.resources[0]!
    expect(db.tags).toEqual({app: 'claims', owner: 'x'})
    expect(db.seenBy).toEqual(['aws:tagging', 'terraform'])
    expect(db.dependsOn).toEqual(['arn:aws:kms:eu-central-1:412345678901:key/abc', 'other'])
  })
})

describe('redaction', () => {
  it('drops secret-looking attribute keys on write, at any depth, and keeps references', async () => {
    const snapshot = createSnapshot(
      [
        {
          ...resources[0]!,
          attributes: {
            engine: 'postgres',
            masterUserPassword: 'hunter2',
            kmsKeyId: 'arn:kms',
            environment: {variables: {API_TOKEN: 'tok', DB_HOST: 'db', STRIPE_SECRET: 's'}},
            connectionString: 'Server=x;Password=y',
            primaryKey: 'abc==',
            access_key: 'AKIA',
          },
        },
      ],
      [],
    )
    const file = join(tempDir(), 'inventory.json')
    await writeSnapshot(file, snapshot)
    const text = readFileSync(file, 'utf8')
    for (const secret of ['hunter2', 'tok', '"s"', 'Password=y', 'abc==', 'AKIA']) expect(text).not.toContain(secret)
    const back = await readSnapshot(file)
    expect(back.resources[0]!.attributes).toEqual({
      engine: 'postgres',
      kmsKeyId: 'arn:kms',
      environment: {variables: {DB_HOST: 'db'}},
    })
  })

  it.each(['password', 'clientSecret', 'token', 'sasToken', 'apiKey', 'private_key', 'key', 'connection_string', 'accountKey'])(
    '%s is secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  )
  it.each(['kmsKeyId', 'keyName', 'engine', 'keyVaultUri', 'sshKeyName', 'tokenType', 'primaryKeyArn'])('%s is kept', (key) =>
    expect(isSecretKey(key)).toBe(false),
  )
  it('returns undefined when nothing is left', () => expect(redactAttributes({password: 'x'})).toBeUndefined())
})

describe('bad snapshots', () => {
  const write = (name: string, text: string) => {
    const file = join(tempDir(), name)
    writeFileSync(file, text)
    return file
  }

  it('names the file and the field of an invalid resource', async () => {
    const file = write(
      'bad.json',
      JSON.stringify({
        schema: 'exitready/inventory@1',
        createdAt: '2026-11-28T10:00:00Z',
        sources: [],
        resources: [{id: 'x', type: 'T', source: 's'}],
      }),
    )
    const error = (await readSnapshot(file).catch((e: unknown) => e)) as InputError
    expect(error).toBeInstanceOf(InputError)
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain(file)
    expect(error.message).toMatch(/resources\[0\]\.provider/)
  })

  it('rejects truncated JSON, a foreign file, and a missing file', async () => {
    await expect(readSnapshot(write('t.json', '{"schema": "exitready/inventory@1", "resources": ['))).rejects.toThrow(
      /not valid JSON/,
    )
    await expect(readSnapshot(write('f.json', '{"Resources": {}}'))).rejects.toThrow(/not an exitready inventory snapshot/)
    await expect(readSnapshot('/nonexistent/inventory.json')).rejects.toThrow(/no such file/)
  })

  it('gives the line of a bad NDJSON record', async () => {
    const header = JSON.stringify({schema: 'exitready/inventory@1', createdAt: '2026-11-28T10:00:00Z', sources: []})
    const good = JSON.stringify({id: 'a', provider: 'aws', type: 'T', source: 's'})
    const file = write(
      'bad.ndjson',
      `${header}\n${good}\n{"id": "b", "provider": "aws", "type": "T", "source": "s", "sizeGiB": -1}\n`,
    )
    await expect(readSnapshot(file)).rejects.toThrow(/bad\.ndjson:3: resource\.sizeGiB/)
  })
})
