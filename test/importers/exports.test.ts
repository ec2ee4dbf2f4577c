import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {InputError} from '../../src/errors.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {tempDir} from '../helpers/cli.js'
import {byId, fixture, fixtureJson} from './helpers.js'

const ACCOUNT = '412345678901'
const SUB = '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9'
const RG = `/subscriptions/${SUB}/resourceGroups/rg-prod-weu`

function writeJson(name: string, data: unknown): string {
  const file = join(tempDir(), name)
  writeFileSync(file, JSON.stringify(data, null, 2))
  return file
}

describe('aws resourcegroupstaggingapi get-resources', async () => {
  const {snapshot, files} = await importFilesDetailed([fixture('exports/aws-tagging.json')])

  it('maps each ARN to its CloudFormation type, account and region, with its tags', () => {
    expect(files[0]).toMatchObject({format: 'aws-tagging', resources: 9, unmapped: {}})
    expect(byId(snapshot, `arn:aws:rds:eu-central-1:${ACCOUNT}:db:prod-orders`)).toMatchObject({
      type: 'AWS::RDS::DBInstance',
      account: ACCOUNT,
      region: 'eu-central-1',
      name: 'prod-orders',
      tags: {'critical-function': 'true', 'data-class': 'confidential'},
      source: 'aws-tagging:aws-tagging.json',
    })
    expect(
      byId(snapshot, `arn:aws:elasticloadbalancing:eu-central-1:${ACCOUNT}:loadbalancer/app/prod-api/50dc6c495c0c9188`).type,
    ).toBe('AWS::ElasticLoadBalancingV2::LoadBalancer')
    expect(byId(snapshot, `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`).region).toBe('global')
  })

  it('stores no empty account or region for an S3 bucket, whose ARN names neither', () => {
    const bucket = byId(snapshot, 'arn:aws:s3:::acme-web-assets-prod')
    expect(bucket.type).toBe('AWS::S3::Bucket')
    expect(bucket).not.toHaveProperty('account')
    expect(bucket).not.toHaveProperty('region')
  })

  it('warns that never-tagged resources are missing', () => {
    expect(snapshot.sources[0]!.warnings?.join(' ')).toMatch(/never had a tag/)
  })

  it('marks the export partial when it stops at a pagination token', async () => {
    const data = fixtureJson('exports/aws-tagging.json') as Record<string, unknown>
    const {snapshot: cut, files: cutFiles} = await importFilesDetailed([
      writeJson('page.json', {...data, PaginationToken: 'eyJrIjoiMSJ9'}),
    ])
    expect(cutFiles[0]!.status).toBe('partial')
    expect(cut.sources[0]).toMatchObject({status: 'partial', error: expect.stringMatching(/PaginationToken/)})
  })

  it('refuses a mapping without an ARN, naming the entry', async () => {
    const file = writeJson('bad.json', {ResourceTagMappingList: [{Tags: []}]})
    await expect(importFilesDetailed([file])).rejects.toThrow(/bad\.json: ResourceTagMappingList\[0\] has no ResourceARN/)
  })
})

describe('aws resource-explorer-2 list-resources', async () => {
  const {snapshot, files} = await importFilesDetailed([fixture('exports/aws-resource-explorer.json')])

  it('includes untagged resources, and keeps a type without a CloudFormation name as its service:resource type', async () => {
    const catalog = await loadCatalog()
    const agentAlias = catalog.canonicalType('bedrock:agent-alias') ?? 'bedrock:agent-alias'
    expect(files[0]).toMatchObject({format: 'aws-resource-explorer', resources: 6})
    if (agentAlias === 'bedrock:agent-alias') expect(files[0]!.unmapped).toEqual({'bedrock:agent-alias': 1})
    expect(byId(snapshot, `arn:aws:ec2:eu-central-1:${ACCOUNT}:volume/vol-0d2e4f6a8b0c1d3e0`)).toMatchObject({
      type: 'AWS::EC2::Volume',
      tags: {},
      account: ACCOUNT,
    })
    expect(byId(snapshot, `arn:aws:ec2:eu-central-1:${ACCOUNT}:subnet/subnet-0b4f6e2d9c81a3f57`).tags).toEqual({
      Name: 'prod-private-a',
      environment: 'prod',
    })
    expect(byId(snapshot, `arn:aws:bedrock:eu-central-1:${ACCOUNT}:agent-alias/QWERTY1234/TSTALIASID`).type).toBe(
      'bedrock:agent-alias',
    )
  })
})

describe('az graph query', async () => {
  const paged = await importFilesDetailed([fixture('exports/az-graph.json')])
  const array = await importFilesDetailed([fixture('exports/az-graph-array.json')])

  it('reads the paged object form, projecting what the catalog and the graph need from properties', () => {
    expect(paged.files[0]).toMatchObject({
      format: 'az-graph',
      detail: 'az graph query, paged',
      resources: 8,
      skipped: {'containers (subscriptions, resource groups, projects, accounts)': 1},
    })
    const vm = byId(paged.snapshot, `${RG}/providers/Microsoft.Compute/virtualMachines/vm-jump`)
    expect(vm).toMatchObject({type: 'microsoft.compute/virtualmachines', region: 'westeurope', account: SUB})
    expect(vm.attributes).toMatchObject({vmSize: 'Standard_B2s', osType: 'Linux', imagePublisher: 'Canonical'})
    expect(vm.dependsOn).toEqual(
      expect.arrayContaining([
        `${RG}/providers/Microsoft.Compute/disks/vm-jump-os`,
        `${RG}/providers/Microsoft.Network/networkInterfaces/nic-jump`,
      ]),
    )
    expect(byId(paged.snapshot, `${RG}/providers/Microsoft.Compute/disks/vm-jump-os`).sizeGiB).toBe(30)
    // The reference spells serverfarms in lower case; it is aligned to the listed id.
    expect(byId(paged.snapshot, `${RG}/providers/Microsoft.Web/sites/app-checkout-prod`).dependsOn).toEqual([
      `${RG}/providers/Microsoft.Web/serverFarms/asp-prod`,
    ])
    expect(
      byId(paged.snapshot, `${RG}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-catalog-prod`).attributes,
    ).toMatchObject({
      kind: 'GlobalDocumentDB',
      capabilities: 'EnableServerless',
    })
  })

  it('copies no raw properties (site configuration, verification ids)', () => {
    const text = JSON.stringify(paged.snapshot)
    expect(text).not.toMatch(/customDomainVerificationId|A1B2C3D4E5F60718293A|siteConfig|linuxFxVersion/)
  })

  it('reads the plain array form of older az versions', () => {
    expect(array.files[0]).toMatchObject({format: 'az-graph', detail: 'az graph query, plain list', resources: 2})
    const pool = array.snapshot.resources.find((r) => r.type === 'microsoft.synapse/workspaces/sqlpools')!
    expect(pool).toMatchObject({region: 'northeurope', attributes: {sku: 'DW100c'}})
    expect(pool.dependsOn).toEqual([
      '/subscriptions/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/resourceGroups/rg-analytics-neu/providers/Microsoft.Synapse/workspaces/syn-analytics',
    ])
  })

  it('marks one page of several as partial, and complete when every page is imported', async () => {
    const data = fixtureJson('exports/az-graph.json') as {data: unknown[]}
    const first = writeJson('page-1.json', {
      count: 5,
      data: data.data.slice(0, 5),
      skip_token: 'ew0KICAiJGlkIjogIjEiLA0K',
      total_records: 9,
    })
    const second = writeJson('page-2.json', {count: 4, data: data.data.slice(5), skip_token: null, total_records: 9})
    const alone = await importFilesDetailed([first])
    expect(alone.files[0]).toMatchObject({status: 'partial', incomplete: expect.stringMatching(/one page of 9 rows/)})
    expect(alone.snapshot.sources[0]!.status).toBe('partial')
    const both = await importFilesDetailed([first, second])
    expect(both.files.map((f) => f.status)).toEqual(['complete', 'complete'])
    expect(both.snapshot.resources).toHaveLength(8)
  })

  it('refuses rows that carry no id and type (a projection or a count)', async () => {
    const file = writeJson('count.json', {count: 1, data: [{Count: 42}], skip_token: null, total_records: 1})
    const error = await importFilesDetailed([file], {format: 'az-graph'}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message).toMatch(/count\.json: none of the 1 rows has an ARM "id", so no resource can be read/)
  })
})

describe('gcloud asset search-all-resources', async () => {
  const {snapshot, files} = await importFilesDetailed([fixture('exports/gcloud-assets.json')])

  it('maps results with their Cloud Asset names, project ids as accounts, and plain additionalAttributes', () => {
    // The project is containment (one rule for every source), though its id still names the accounts.
    expect(files[0]).toMatchObject({
      format: 'gcloud-assets',
      resources: 6,
      skipped: {'containers (subscriptions, resource groups, projects, accounts)': 1},
    })
    expect(snapshot.resources.some((r) => r.type === 'cloudresourcemanager.googleapis.com/Project')).toBe(false)
    expect(byId(snapshot, '//cloudsql.googleapis.com/projects/acme-prod-eu/instances/prod-pg')).toMatchObject({
      type: 'sqladmin.googleapis.com/Instance',
      account: 'acme-prod-eu',
      region: 'europe-west3',
      attributes: {databaseVersion: 'POSTGRES_16', tier: 'db-custom-4-16384'},
    })
    expect(
      byId(snapshot, '//compute.googleapis.com/projects/acme-prod-eu/zones/europe-west3-a/instances/worker-0').dependsOn,
    ).toEqual(['//compute.googleapis.com/projects/acme-prod-eu/global/networks/prod-vpc'])
    expect(byId(snapshot, '//storage.googleapis.com/acme-prod-exports').attributes).toMatchObject({storageClass: 'STANDARD'})
  })
})
