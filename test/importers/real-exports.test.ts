/**
 * Cloud exports as their REST APIs and CLIs return them (fixtures/import/real/azure, …/aws: see the
 * READMEs): Resource Graph bodies in both result formats, `az resource list`, the AWS CLI's own
 * get-resources example with its stray space, and one rule for containers across every source.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {InputError} from '../../src/errors.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {tempDir} from '../helpers/cli.js'
import {byId, fixture, real} from './helpers.js'

const SUB = 'cfbbd179-59d2-4052-aa06-9270a38aa9d6'
const refused = (files: string[]) =>
  importFilesDetailed(files).then(
    () => new Error('imported'),
    (e: unknown) => e as InputError,
  )

describe('Azure Resource Graph REST bodies', () => {
  it('reads the table result format (data.columns + data.rows), with tags, as one complete page', async () => {
    const {snapshot, files} = await importFilesDetailed([real('azure/graph-rest-table-basic.json')])
    expect(files[0]).toMatchObject({format: 'az-graph', detail: 'Resource Graph REST body, table format', status: 'complete'})
    expect(
      byId(snapshot, `/subscriptions/${SUB}/resourceGroups/RG1/providers/Microsoft.Network/networkInterfaces/myNetworkInterface`),
    ).toMatchObject({type: 'microsoft.network/networkinterfaces', account: SUB, region: 'centralus', tags: {tag1: 'Value1'}})
    expect(snapshot.resources).toHaveLength(3)
  })

  it('marks a table page with a $skipToken partial, and complete when every page of the query is there', async () => {
    const first = real('azure/graph-rest-table-first-page.json')
    const {files} = await importFilesDetailed([first])
    expect(files[0]).toMatchObject({status: 'partial', incomplete: expect.stringMatching(/one page of 386 rows/)})
    // The object-array page that follows (2022-10-01 example) has the same shape of paging.
    const next = await importFilesDetailed([real('azure/graph-rest-objects-next-page.json')])
    expect(next.files[0]).toMatchObject({format: 'az-graph', detail: 'az graph query, paged', status: 'partial'})
    // The runbook, a child of the automation account, depends on it.
    expect(
      byId(
        next.snapshot,
        `/subscriptions/${SUB}/resourceGroups/RG2/providers/Microsoft.Automation/automationAccounts/TestAA/runbooks/RBTest`,
      ).dependsOn,
    ).toEqual([`/subscriptions/${SUB}/resourceGroups/RG2/providers/Microsoft.Automation/automationAccounts/TestAA`])
  })

  it('takes type, subscription and resource group from the id of a row that projects only id and name', async () => {
    const {snapshot, files} = await importFilesDetailed([real('azure/graph-rest-history-snapshots.json')])
    // Two snapshots of one resource are one resource; the extension resource's type is its own.
    expect(files[0]).toMatchObject({resources: 1, status: 'complete'})
    const [monitor] = snapshot.resources
    expect(monitor).toMatchObject({
      type: 'microsoft.workloadmonitor/monitors',
      account: 'a7f33fdb-e646-4f15-89aa-3a360210861e',
      name: 'cpu-utilization',
      attributes: {resourceGroup: 'meya-test-rg'},
    })
    // A projection without a location says nothing about the region.
    expect(monitor).not.toHaveProperty('region')
  })

  it('refuses a summarised result, whose rows name no resource', async () => {
    const error = await refused([real('azure/graph-rest-summarize.json')])
    expect(error.message).toMatch(
      /graph-rest-summarize\.json: none of the 3 rows has an ARM "id", so no resource can be read \(a summarised query\?\)/,
    )
  })
})

describe('az resource list', () => {
  it('reads the ARM Resources - List body, with the account from the id and types in the graph’s spelling', async () => {
    const {snapshot, files} = await importFilesDetailed([real('azure/arm-resources-list.json')])
    expect(files[0]).toMatchObject({format: 'az-resource-list', detail: 'ARM resource list', resources: 8})
    const storage = byId(
      snapshot,
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/acctestRG-240806053502886224/providers/Microsoft.Storage/storageAccounts/unlikely23exst2acct7yg0f',
    )
    expect(storage).toMatchObject({
      type: 'microsoft.storage/storageaccounts',
      account: '00000000-0000-0000-0000-000000000000',
      tags: {environment: 'staging'},
      attributes: {sku: 'Standard_GRS', kind: 'StorageV2', resourceGroup: 'acctestRG-240806053502886224'},
    })
  })

  it('reads the array the CLI prints and merges it with a graph export of the same resources', async () => {
    const body = JSON.parse(readFileSync(real('azure/arm-resources-list.json'), 'utf8')) as {value: unknown[]}
    const file = join(tempDir(), 'az-resources.json')
    writeFileSync(file, JSON.stringify(body.value, null, 2))
    const {files, snapshot} = await importFilesDetailed([file])
    expect(files[0]).toMatchObject({format: 'az-resource-list', detail: 'az resource list', resources: 8})
    expect(snapshot.resources.every((r) => r.source === 'az-resource-list:az-resources.json')).toBe(true)
  })
})

describe('AWS exports', () => {
  it('says an ARN has a stray space, as in the AWS CLI’s own get-resources example, instead of “has no ResourceARN”', async () => {
    const error = await refused([real('aws/get-resources.json')])
    expect(error.message).toBe(
      `${real('aws/get-resources.json')}: ResourceTagMappingList[0].ResourceARN has a space or line break before or after the ARN.`,
    )
    expect((error as InputError).suggestion).toMatch(/Remove the whitespace/)
    // A value that is no ARN at all, and one that is missing, each get their own sentence.
    const notArn = join(tempDir(), 'tags.json')
    writeFileSync(notArn, JSON.stringify({ResourceTagMappingList: [{ResourceARN: 'i-0abc', Tags: []}]}))
    expect((await refused([notArn])).message).toMatch(/ResourceARN is not an ARN \(it does not start with "arn:"\)/)
    writeFileSync(notArn, JSON.stringify({ResourceTagMappingList: [{Tags: []}]}))
    expect((await refused([notArn])).message).toMatch(/ResourceTagMappingList\[0\] has no ResourceARN\./)
  })
})

describe('one rule for containers, in every source', () => {
  const LABEL = 'containers (subscriptions, resource groups, projects, accounts)'

  it('skips resource groups, projects and data centres alike from Terraform, az graph and gcloud', async () => {
    const {snapshot, files} = await importFilesDetailed([
      fixture('terraform/show-state.json'),
      fixture('exports/az-graph.json'),
      fixture('exports/gcloud-assets.json'),
      fixture('terraform/opentofu.tfstate'),
    ])
    for (const file of files) expect(file.skipped[LABEL], file.file).toBe(1)
    const containerTypes = new Set([
      'microsoft.resources/subscriptions/resourcegroups',
      'cloudresourcemanager.googleapis.com/Project',
      'ionos:datacenter',
    ])
    expect(snapshot.resources.filter((r) => containerTypes.has(r.type))).toEqual([])
    // Nothing refers to a container that is not there.
    const ids = new Set(snapshot.resources.map((r) => r.id.toLowerCase()))
    for (const resource of snapshot.resources)
      for (const dependency of resource.dependsOn ?? [])
        expect(
          dependency.toLowerCase().match(/\/resourcegroups\/[^/]+$|^ionos:datacenter:/) && !ids.has(dependency.toLowerCase()),
        ).toBeFalsy()
  })

  it('skips Terraform 0.12 OpenStack projects as containment too', async () => {
    const {files} = await importFilesDetailed([real('terraform/legacy-openstack.tfstate')])
    expect(files[0]!.skipped[LABEL]).toBe(1)
  })
})
