import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {InputError} from '../../src/errors.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {tempDir} from '../helpers/cli.js'
import {byId, fixture} from './helpers.js'

const HEADER = 'apiVersion: exitready.dev/v1\nkind: Inventory\n'

function writeYaml(body: string, name = 'saas.yaml'): string {
  const file = join(tempDir(), name)
  writeFileSync(file, HEADER + body)
  return file
}

async function failure(file: string): Promise<InputError> {
  const error = await importFilesDetailed([file]).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(InputError)
  return error as InputError
}

describe('manual inventory (kind: Inventory)', async () => {
  const {snapshot, files} = await importFilesDetailed([fixture('saas-inventory.yaml')])
  const catalog = await loadCatalog()

  it('imports every SaaS entry as saas:<vendor>/<service>, resolving aliases through the catalog', () => {
    expect(files[0]).toMatchObject({format: 'inventory-yaml', resources: 15, unmapped: {}})
    expect(snapshot.resources.filter((r) => r.provider === 'saas')).toHaveLength(14)
    const types = snapshot.resources.map((r) => r.type)
    for (const type of [
      'saas:microsoft-365/exchange-online',
      'saas:google-workspace/gmail',
      'saas:slack/slack',
      'saas:zoom/meetings',
      'saas:salesforce/sales-cloud',
      'saas:atlassian/jira-cloud',
      'saas:github/enterprise-cloud',
    ])
      expect(types).toContain(type)
    for (const type of types) expect(catalog.lookup(type).matchedBy).not.toBe('unmapped')
  })

  it('keeps seats, users and plan as attributes, data volume as size, criticality and defaults as tags', () => {
    expect(byId(snapshot, 'saas:microsoft-365/exchange-online:exchange-online')).toMatchObject({
      name: 'Exchange Online',
      account: 'acme-versicherung.onmicrosoft.com',
      region: 'eu',
      sizeGiB: 9200,
      attributes: {seats: 1850, users: 1790, plan: 'E5'},
      tags: {criticality: 'critical', 'critical-function': 'true', 'data-class': 'confidential', owner: 'it-procurement'},
      source: 'inventory-yaml:saas-inventory.yaml',
    })
    // The default account applies where an entry has none.
    expect(byId(snapshot, 'saas:zoom/meetings:zoom')).toMatchObject({account: 'acme-versicherung', attributes: {seats: 400}})
    // Notes are for people; they are not stored.
    expect(JSON.stringify(snapshot)).not.toContain('court mail')
  })

  it('resolves dependsOn by entry name, and keeps an entry with a provider-native id as it is', () => {
    const entra = 'saas:microsoft-365/entra-id:entra-id-acme-versicherung.example'
    expect(byId(snapshot, 'saas:microsoft-365/teams:microsoft-teams').dependsOn).toEqual([
      entra,
      'saas:microsoft-365/exchange-online:exchange-online',
    ])
    expect(byId(snapshot, 'saas:github/enterprise-cloud:github-enterprise-cloud').dependsOn).toEqual([entra])
    expect(byId(snapshot, 'arn:aws:ses:eu-central-1:412345678901:identity/claims.acme-versicherung.example')).toMatchObject({
      provider: 'aws',
      type: 'AWS::SES::EmailIdentity',
      account: '412345678901',
    })
  })

  it('keeps an unknown service under its saas: type and reports it as unmapped', async () => {
    const file = writeYaml('resources:\n  - service: acme-erp/finance\n    seats: 12\n  - service: Slack\n')
    const result = await importFilesDetailed([file])
    expect(result.snapshot.resources.map((r) => r.type)).toEqual(['saas:acme-erp/finance', 'saas:slack/slack'])
    expect(result.files[0]!.unmapped).toEqual({'saas:acme-erp/finance': 1})
  })

  it('names file, line and column for an unknown key', async () => {
    const error = await failure(writeYaml('resources:\n  - service: slack\n    seets: 12\n'))
    expect(error.message).toMatch(/saas\.yaml:5:\d+: unknown key "seets" at resources\[0\]\.seets \(did you mean "seats"\?\)/)
  })

  it('names file, line and column for a wrong value', async () => {
    const error = await failure(writeYaml('resources:\n  - service: zoom\n    criticality: urgent\n'))
    expect(error.message).toMatch(/saas\.yaml:5:18: resources\[0\]\.criticality: .*expected one of .*; found a string/)
    // The value itself is not quoted: the file might not be what it seems.
    expect(error.message).not.toContain('urgent')
  })

  it('requires either a service or a type', async () => {
    const error = await failure(writeYaml('resources:\n  - name: Something\n    seats: 3\n'))
    expect(error.message).toMatch(/saas\.yaml:4:\d+: resources\[0\]\.service: give either "service" .* or "type"/)
  })

  it('refuses two entries that would get the same id', async () => {
    const error = await failure(
      writeYaml('resources:\n  - service: slack\n    name: Slack\n  - service: slack\n    name: Slack\n'),
    )
    expect(error.message).toMatch(/saas\.yaml:6:5: resources\[1\]: same service and name as resources\[0\]/)
  })

  it('refuses a type that names no provider', async () => {
    const error = await failure(writeYaml('resources:\n  - type: mainframe\n    name: Host\n'))
    expect(error.message).toMatch(/saas\.yaml: resources\[0\]: the type "mainframe" does not name its provider/)
  })

  it('refuses YAML that is not an inventory, and custom tags', async () => {
    const notInventory = join(tempDir(), 'policy.yaml')
    writeFileSync(notInventory, 'apiVersion: exitready.dev/v1\nkind: Policy\nmetadata: {name: x}\n')
    expect((await failure(notInventory)).message).toMatch(
      /policy\.yaml: not JSON, and neither an exitready inventory \("kind: Inventory"\) nor a CloudFormation template/,
    )
    const tagged = writeYaml('resources:\n  - service: !!js/function "x"\n')
    expect((await failure(tagged)).message).toMatch(/saas\.yaml:\d+:\d+: custom YAML tags are not allowed/)
  })
})
