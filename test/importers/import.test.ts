import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {InputError} from '../../src/errors.js'
import {importFiles, importFilesDetailed} from '../../src/importers/index.js'
import {AddressIndex, parseAddress} from '../../src/importers/terraform/address.js'
import {mapProvider, providerFromStateField} from '../../src/importers/terraform/providers.js'
import {tempDir} from '../helpers/cli.js'
import {byId, fixture, leakedSecrets} from './helpers.js'

const ALL = [
  'terraform/prod.tfstate',
  'terraform/opentofu.tfstate',
  'terraform/show-state.json',
  'terraform/plan.json',
  'exports/aws-tagging.json',
  'exports/aws-resource-explorer.json',
  'exports/az-graph.json',
  'exports/az-graph-array.json',
  'exports/gcloud-assets.json',
  'saas-inventory.yaml',
].map(fixture)

describe('format detection', () => {
  it('recognises every supported format from the content', async () => {
    const {files} = await importFilesDetailed(ALL)
    expect(files.map((f) => f.format)).toEqual([
      'terraform-state',
      'terraform-state',
      'terraform-show',
      'terraform-show',
      'aws-tagging',
      'aws-resource-explorer',
      'az-graph',
      'az-graph',
      'gcloud-assets',
      'inventory-yaml',
    ])
  })

  it('--format forces a format, and a file that does not fit it is refused with the reason', async () => {
    const refused = (file: string, format: 'terraform-state' | 'aws-tagging') =>
      importFilesDetailed([fixture(file)], {format}).then(
        () => new Error('imported'),
        (e: unknown) => e as InputError,
      )
    expect((await refused('exports/gcloud-assets.json', 'terraform-state')).message).toMatch(
      /gcloud-assets\.json: not a Terraform state \(expected a JSON object\)/,
    )
    expect((await refused('exports/az-graph.json', 'terraform-state')).message).toMatch(
      /az-graph\.json: not a Terraform state \(no "version" field\)/,
    )
    expect((await refused('terraform/prod.tfstate', 'aws-tagging')).message).toMatch(
      /prod\.tfstate: not `aws resourcegroupstaggingapi get-resources` output/,
    )
  })

  it('refuses JSON it cannot recognise, suggesting --format', async () => {
    const file = join(tempDir(), 'mystery.json')
    writeFileSync(file, JSON.stringify({items: [{id: 1}]}))
    const error = (await importFilesDetailed([file]).catch((e: unknown) => e)) as InputError
    expect(error.message).toMatch(/mystery\.json: the format cannot be recognised/)
    expect(error.suggestion).toMatch(/--format with one of: terraform-state, terraform-show/)
  })

  it('reads a UTF-16 export as Windows PowerShell redirection writes it', async () => {
    const file = join(tempDir(), 'az-ps.json')
    const text = readFileSync(fixture('exports/az-graph-array.json'), 'utf8')
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    const {files} = await importFilesDetailed([file])
    expect(files[0]).toMatchObject({format: 'az-graph', resources: 2})
  })

  it('imports an empty export as nothing, with a note', async () => {
    const file = join(tempDir(), 'empty.json')
    writeFileSync(file, '[]\n')
    const {snapshot, files} = await importFilesDetailed([file])
    expect(snapshot.resources).toEqual([])
    expect(files[0]!.warnings).toEqual(['The file is an empty list; nothing to import.'])
    expect(snapshot.sources).toEqual([
      {
        provider: 'unknown',
        scope: file,
        status: 'complete',
        count: 0,
        warnings: ['The file is an empty list; nothing to import.'],
      },
    ])
  })

  it('names a missing or empty file', async () => {
    await expect(importFiles([join(tempDir(), 'nope.tfstate')])).rejects.toThrow(/nope\.tfstate: no such file/)
    const empty = join(tempDir(), 'empty.tfstate')
    writeFileSync(empty, '')
    await expect(importFiles([empty])).rejects.toThrow(/empty\.tfstate: (the file is empty|not JSON)/)
  })
})

describe('several files into one snapshot', async () => {
  const {snapshot, files, duplicatesMerged} = await importFilesDetailed(ALL, {now: new Date('2026-11-28T10:00:00Z')})

  it('merges the same id from different sources and records every source in seenBy', () => {
    // 124 listed, less three containers (a resource group, a GCP project, an IONOS data centre).
    expect(files.reduce((n, f) => n + f.resources, 0)).toBe(121)
    expect(duplicatesMerged).toBe(15)
    expect(snapshot.resources).toHaveLength(106)
    const db = byId(snapshot, 'arn:aws:rds:eu-central-1:412345678901:db:prod-orders')
    expect(db.seenBy).toEqual([
      'terraform-state:prod.tfstate',
      'aws-tagging:aws-tagging.json',
      'aws-resource-explorer:aws-resource-explorer.json',
    ])
    // Tags from the export join those from the state; the size and dependencies from the state stay.
    expect(db.tags).toMatchObject({'critical-function': 'true', 'data-class': 'confidential', Name: 'prod-orders'})
    expect(db.sizeGiB).toBe(200)
    expect(db.dependsOn).toHaveLength(5)
    expect(byId(snapshot, 'arn:aws:s3:::acme-web-assets-prod').seenBy).toEqual([
      'opentofu-state:opentofu.tfstate',
      'aws-tagging:aws-tagging.json',
    ])
    const storage =
      '/subscriptions/3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9/resourceGroups/rg-prod-weu/providers/Microsoft.Storage/storageAccounts/stacmedocsprod'
    expect(byId(snapshot, storage).seenBy).toEqual(['terraform-show:show-state.json', 'az-graph:az-graph.json'])
  })

  it('keeps one source status per file and provider, and writes a valid snapshot', () => {
    expect(snapshot.createdAt).toBe('2026-11-28T10:00:00.000Z')
    expect(snapshot.sources.filter((s) => s.scope.endsWith('prod.tfstate'))).toHaveLength(7)
    expect(snapshot.sources.find((s) => s.scope.endsWith('saas-inventory.yaml') && s.provider === 'saas')?.count).toBe(14)
    expect(snapshot.sources.every((s) => s.status === 'complete')).toBe(true)
  })

  it('leaks nothing from any source', () => {
    expect(leakedSecrets(snapshot)).toEqual([])
  })
})

describe('Terraform providers', () => {
  it('reads provider fields of current and legacy states, with aliases and modules', () => {
    expect(providerFromStateField('provider["registry.terraform.io/hashicorp/aws"]')).toBe('registry.terraform.io/hashicorp/aws')
    expect(providerFromStateField('module.edge.provider["registry.opentofu.org/hetznercloud/hcloud"].fsn')).toBe(
      'registry.opentofu.org/hetznercloud/hcloud',
    )
    expect(providerFromStateField('provider.aws.eu')).toBe('aws')
  })

  it('maps the same provider from any registry, skips helpers, and knows what it does not know', () => {
    const none = new Set<string>()
    expect(mapProvider('registry.opentofu.org/UpCloudLtd/upcloud', none)).toEqual({
      kind: 'cloud',
      provider: 'upcloud',
      source: 'upcloudltd/upcloud',
      opentofu: true,
    })
    expect(mapProvider('registry.terraform.io/ovh/ovh', none)).toMatchObject({
      kind: 'cloud',
      provider: 'ovhcloud',
      opentofu: false,
    })
    expect(mapProvider('aws', none)).toMatchObject({kind: 'cloud', provider: 'aws'})
    expect(mapProvider('registry.terraform.io/hashicorp/random', none)).toEqual({kind: 'skip', source: 'hashicorp/random'})
    expect(mapProvider('registry.terraform.io/acme/widgets', none)).toEqual({kind: 'unknown', source: 'acme/widgets'})
    expect(mapProvider('registry.terraform.io/acme/widgets', new Set(['widgets']))).toEqual({
      kind: 'skip',
      source: 'acme/widgets',
    })
  })
})

describe('Terraform addresses', () => {
  it('parses modules with keys, data sources, instance keys, and config references', () => {
    expect(parseAddress('module.edge["fsn1.a"].module.db.aws_db_instance.main[0]')).toEqual({
      modules: [
        {name: 'edge', key: '["fsn1.a"]'},
        {name: 'db', key: undefined},
      ],
      resource: {mode: 'managed', type: 'aws_db_instance', name: 'main', key: '[0]'},
    })
    expect(parseAddress('data.aws_ami.ubuntu')?.resource?.mode).toBe('data')
    expect(parseAddress('aws_vpc.main.id')?.resource).toEqual({mode: 'managed', type: 'aws_vpc', name: 'main', key: undefined})
    expect(parseAddress('module.cache.endpoint')).toEqual({modules: [{name: 'cache', key: undefined}]})
    expect(parseAddress('var.region')).toBeUndefined()
    expect(parseAddress('each.value')).toBeUndefined()
  })

  it('resolves a dependency to one instance, every instance, the same module instance, or a whole module', () => {
    const index = new AddressIndex()
    const edge = (key: string) => [{name: 'edge', key: `["${key}"]`}]
    index.add([], 'aws_subnet', 'private', '[0]', 'subnet-a')
    index.add([], 'aws_subnet', 'private', '[1]', 'subnet-b')
    index.add(edge('fsn1'), 'hcloud_server', 'web', '[0]', 'fsn1-0')
    index.add(edge('hel1'), 'hcloud_server', 'web', '[0]', 'hel1-0')
    expect(index.resolve('aws_subnet.private', [])).toEqual(['subnet-a', 'subnet-b'])
    expect(index.resolve('aws_subnet.private[1]', [])).toEqual(['subnet-b'])
    expect(index.resolve('module.edge.hcloud_server.web', edge('hel1'))).toEqual(['hel1-0'])
    expect(index.resolve('module.edge.hcloud_server.web', [])).toEqual(['fsn1-0', 'hel1-0'])
    expect(index.resolve('module.edge', [])).toEqual(['fsn1-0', 'hel1-0'])
    expect(index.resolve('module.edge["fsn1"]', [])).toEqual(['fsn1-0'])
    expect(index.resolve('data.aws_ami.x', [])).toEqual([])
    expect(index.resolve('aws_vpc.gone', [])).toEqual([])
  })
})
