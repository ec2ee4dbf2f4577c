import {describe, expect, it} from 'vitest'
import {importFilesDetailed} from '../../src/importers/index.js'
import {byAddress, byId, fixture, leakedSecrets} from './helpers.js'

const SUB = '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9'
const RG = `/subscriptions/${SUB}/resourceGroups/rg-prod-weu`
const SUBNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/snet-app`
const VPC = '//compute.googleapis.com/projects/acme-prod-eu/global/networks/prod-vpc'

const state = await importFilesDetailed([fixture('terraform/show-state.json')])
const plan = await importFilesDetailed([fixture('terraform/plan.json')])
/** A planned resource without an id yet is named by its address, unique to the plan file. */
const planned = (type: string, address: string) => `aws:${type}:${fixture('terraform/plan.json')}#${address}`

describe('terraform show -json of a state', () => {
  const {snapshot, files} = state

  it('walks root_module and child_modules, skipping data sources', () => {
    expect(files[0]).toMatchObject({format: 'terraform-show', detail: 'state (show -json, 1.10.3)', skipped: {'data sources': 1}})
    // The resource group is containment, not a resource.
    expect(files[0]!.byProvider).toEqual({azure: 8, gcp: 6})
    expect(files[0]!.skipped).toMatchObject({'containers (subscriptions, resource groups, projects, accounts)': 1})
    expect(byAddress(snapshot, 'module.storage.azurerm_storage_account.docs').type).toBe('microsoft.storage/storageaccounts')
    expect(byAddress(snapshot, 'module.gke.google_container_cluster.main').type).toBe('container.googleapis.com/Cluster')
  })

  it('uses ARM ids on Azure, and keeps an association from taking the id of the subnet it attaches to', () => {
    expect(byAddress(snapshot, 'azurerm_subnet.app').id).toBe(SUBNET)
    expect(snapshot.resources.find((r) => r.id === RG)).toBeUndefined()
    expect(byAddress(snapshot, 'azurerm_subnet.app').account).toBe(SUB)
    const association = byAddress(snapshot, 'azurerm_subnet_network_security_group_association.app')
    expect(association.id).toBe(`azure:azurerm_subnet_network_security_group_association:${SUBNET}`)
    expect(association.account).toBe(SUB)
  })

  it('converts GCP ids and self links to Cloud Asset full resource names', () => {
    expect(byAddress(snapshot, 'google_compute_instance.worker[1]')).toMatchObject({
      id: '//compute.googleapis.com/projects/acme-prod-eu/zones/europe-west3-b/instances/worker-1',
      region: 'europe-west3-b',
      account: 'acme-prod-eu',
      tags: {env: 'prod', role: 'worker'},
      dependsOn: [VPC],
    })
    expect(byAddress(snapshot, 'google_storage_bucket.exports')).toMatchObject({
      id: '//storage.googleapis.com/acme-prod-exports',
      region: 'europe-west3',
    })
    expect(byAddress(snapshot, 'google_sql_database_instance.main').id).toBe(
      '//cloudsql.googleapis.com/projects/acme-prod-eu/instances/prod-pg',
    )
    expect(byAddress(snapshot, 'module.gke.google_container_cluster.main')).toMatchObject({
      id: '//container.googleapis.com/projects/acme-prod-eu/locations/europe-west3/clusters/prod-gke',
      attributes: {enableAutopilot: true},
    })
  })

  it('reads sizes in MB and the SKU the catalog refines on', () => {
    expect(byAddress(snapshot, 'module.storage.azurerm_postgresql_flexible_server.app')).toMatchObject({
      sizeGiB: 128,
      attributes: {sku: 'GP_Standard_D2s_v3', version: '16'},
    })
    expect(byAddress(snapshot, 'azurerm_linux_virtual_machine.jump').attributes).toMatchObject({vmSize: 'Standard_B2s'})
    expect(byAddress(snapshot, 'module.storage.azurerm_storage_account.docs').attributes).toMatchObject({
      kind: 'StorageV2',
      tier: 'Standard',
    })
  })

  it('honours sensitive_values: keys, connection strings, passwords and a sensitive tag never reach the snapshot', () => {
    expect(leakedSecrets(snapshot)).toEqual([])
    // The owner tag is marked sensitive; the env tag is not.
    expect(byAddress(snapshot, 'module.storage.azurerm_postgresql_flexible_server.app').tags).toEqual({env: 'prod'})
  })
})

describe('terraform show -json of a plan', () => {
  const {snapshot, files} = plan

  it('imports the planned values: created, updated and unchanged resources, not deleted ones', () => {
    expect(files[0]).toMatchObject({format: 'terraform-show', detail: 'plan (show -json, 1.9.5)'})
    expect(snapshot.resources.map((r) => r.attributes?.terraformAddress).sort()).toEqual([
      'aws_acm_certificate.cdn',
      'aws_iam_role.ingest',
      'aws_lambda_event_source_mapping.ingest',
      'aws_lambda_function.ingest',
      'aws_sqs_queue.events',
      'module.cache.aws_elasticache_cluster.sessions',
      'module.cache.aws_elasticache_subnet_group.this',
    ])
    expect(byAddress(snapshot, 'aws_lambda_function.ingest').attributes?.plannedAction).toBe('create')
    expect(byAddress(snapshot, 'aws_sqs_queue.events').attributes?.plannedAction).toBe('update')
    expect(byAddress(snapshot, 'aws_iam_role.ingest').attributes).not.toHaveProperty('plannedAction')
  })

  it('takes the region from the provider configuration, per alias, when the resource does not exist yet', () => {
    const lambda = byAddress(snapshot, 'aws_lambda_function.ingest')
    expect(lambda).toMatchObject({id: planned('aws_lambda_function', 'aws_lambda_function.ingest'), region: 'eu-west-1'})
    expect(byAddress(snapshot, 'aws_acm_certificate.cdn').region).toBe('us-east-1')
    expect(byAddress(snapshot, 'module.cache.aws_elasticache_cluster.sessions')).toMatchObject({
      region: 'eu-west-1',
      attributes: {engine: 'redis', nodeType: 'cache.t4g.small'},
    })
  })

  it('derives dependencies from configuration references, including a whole module, and from the prior state', () => {
    const lambda = byAddress(snapshot, 'aws_lambda_function.ingest')
    expect(new Set(lambda.dependsOn)).toEqual(
      new Set([
        'arn:aws:sqs:eu-west-1:412345678901:ingest-events',
        'arn:aws:iam::412345678901:role/ingest-lambda',
        planned('aws_elasticache_cluster', 'module.cache.aws_elasticache_cluster.sessions'),
        planned('aws_elasticache_subnet_group', 'module.cache.aws_elasticache_subnet_group.this'),
      ]),
    )
    expect(new Set(byAddress(snapshot, 'aws_lambda_event_source_mapping.ingest').dependsOn)).toEqual(
      new Set(['arn:aws:sqs:eu-west-1:412345678901:ingest-events', planned('aws_lambda_function', 'aws_lambda_function.ingest')]),
    )
    expect(byAddress(snapshot, 'module.cache.aws_elasticache_cluster.sessions').dependsOn).toEqual([
      planned('aws_elasticache_subnet_group', 'module.cache.aws_elasticache_subnet_group.this'),
    ])
  })

  it('never reads variables or sensitive values of the plan', () => {
    expect(leakedSecrets(snapshot)).toEqual([])
  })
})

describe('several Terraform sources of the same estate', () => {
  it('merges a state and its show -json output of the same resources by id', async () => {
    const {snapshot, duplicatesMerged} = await importFilesDetailed([
      fixture('terraform/show-state.json'),
      fixture('exports/gcloud-assets.json'),
    ])
    expect(duplicatesMerged).toBe(4)
    expect(byId(snapshot, VPC).seenBy).toEqual(['terraform-show:show-state.json', 'gcloud-assets:gcloud-assets.json'])
  })
})
