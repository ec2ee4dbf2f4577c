import type {ResourceInput} from '../../inventory/model.js'

export const RESOURCE_GROUP_TYPE = 'microsoft.resources/subscriptions/resourcegroups'
export const SUBSCRIPTION_TYPE = 'microsoft.resources/subscriptions'
export const AZURE_SOURCE = 'scan:azure:resource-graph'

/*
 * Every paged query projects `id`: Resource Graph returns a $skipToken only then, and without it
 * answers resultTruncated with the first 1,000 rows (Microsoft Learn, "Work with large data sets",
 * Paging results: "The query must project the id field in order for pagination to work").
 */

/** Subscriptions the identity can see (within the request's management groups, if any). */
export const SUBSCRIPTIONS_QUERY = `resourcecontainers
| where type =~ '${SUBSCRIPTION_TYPE}'
| project id, subscriptionId, name, tenantId, state = tostring(properties.state)
| order by subscriptionId asc`

/**
 * Every resource, plus the resource groups (counted as context, never listed as resources).
 * Only the properties the catalog refines on and the ids the dependency graph needs are projected.
 */
export const RESOURCES_QUERY = `resources
| union (resourcecontainers | where type =~ '${RESOURCE_GROUP_TYPE}')
| project id, name, type, location, subscriptionId, resourceGroup, tags, kind, sku, zones,
    vmSize = properties.hardwareProfile.vmSize,
    osType = properties.storageProfile.osDisk.osType,
    imageReference = properties.storageProfile.imageReference,
    osDiskId = properties.storageProfile.osDisk.managedDisk.id,
    dataDisks = properties.storageProfile.dataDisks,
    networkInterfaces = properties.networkProfile.networkInterfaces,
    ipConfigurations = properties.ipConfigurations,
    networkSecurityGroupId = properties.networkSecurityGroup.id,
    diskSizeGB = properties.diskSizeGB,
    diskOsType = properties.osType,
    serverFarmId = properties.serverFarmId,
    version = properties.version,
    storageSizeGB = properties.storage.storageSizeGB,
    redisVersion = properties.redisVersion,
    kubernetesVersion = properties.kubernetesVersion,
    agentPoolProfiles = properties.agentPoolProfiles,
    isHnsEnabled = properties.isHnsEnabled,
    kafkaEnabled = properties.kafkaEnabled,
    capabilities = properties.capabilities,
    mongoServerVersion = properties.apiProperties.serverVersion,
    subnetId = properties.subnet.id,
    privateLinkServiceConnections = properties.privateLinkServiceConnections`

type Row = Record<string, unknown>

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function objects(value: unknown): Row[] {
  return Array.isArray(value) ? value.filter((v): v is Row => typeof v === 'object' && v !== null) : []
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Row)[key]
  }
  return current
}

function ids(values: unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.startsWith('/')))]
}

/** `/…/virtualNetworks/vnet/subnets/a` → the virtual network, which is a resource (a subnet is not). */
export function networkOfSubnet(subnetId: string): string {
  return subnetId.replace(/\/subnets\/[^/]+$/i, '')
}

/** A child type (`microsoft.sql/servers/databases`) depends on its parent (`…/servers/x`). */
function parentId(id: string, type: string): string | undefined {
  if (type.split('/').length <= 2) return undefined
  const parts = id.split('/')
  return parts.length > 2 ? parts.slice(0, -2).join('/') : undefined
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined
}

/** The subscription of a row: its subscriptionId column, else the one its ARM id names; lower case. */
export function subscriptionOf(row: Row): string | undefined {
  const column = text(row.subscriptionId)
  if (column) return column.toLowerCase()
  const match = /^\/subscriptions\/([^/]+)/i.exec(text(row.id) ?? '')
  return match ? match[1]!.toLowerCase() : undefined
}

export function isResourceGroupRow(row: Row): boolean {
  return String(row.type).toLowerCase() === RESOURCE_GROUP_TYPE
}

/** One Resource Graph row as an inventory resource; undefined when the row lacks an id or type. */
export function mapResourceRow(row: Row): ResourceInput | undefined {
  const id = text(row.id)
  const type = text(row.type)?.toLowerCase()
  if (!id || !type) return undefined

  const diskIds = ids([row.osDiskId, ...objects(row.dataDisks).map((d) => at(d, 'managedDisk', 'id'))])
  const nicIds = ids(objects(row.networkInterfaces).map((n) => n.id))
  const ipConfigurations = objects(row.ipConfigurations)
  const subnetIds = ids([
    row.subnetId,
    ...ipConfigurations.map((c) => at(c, 'properties', 'subnet', 'id')),
    ...objects(row.agentPoolProfiles).map((p) => p.vnetSubnetID),
  ])
  const publicIpIds = ids(ipConfigurations.map((c) => at(c, 'properties', 'publicIPAddress', 'id')))
  const linkedServiceIds = ids(objects(row.privateLinkServiceConnections).map((c) => at(c, 'properties', 'privateLinkServiceId')))
  const serverFarmId = text(row.serverFarmId)
  const networkSecurityGroupId = text(row.networkSecurityGroupId)

  const attributes: Record<string, unknown> = {}
  const put = (key: string, value: unknown) => {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) attributes[key] = value
  }
  put('resourceGroup', text(row.resourceGroup))
  put('kind', text(row.kind))
  put('sku', text(at(row.sku, 'name')))
  put('skuTier', text(at(row.sku, 'tier')))
  put('zones', Array.isArray(row.zones) ? row.zones.map(String).join(',') : undefined)
  put('vmSize', text(row.vmSize))
  put('osType', text(row.osType) ?? text(row.diskOsType))
  put('imagePublisher', text(at(row.imageReference, 'publisher')))
  put('imageOffer', text(at(row.imageReference, 'offer')))
  put('version', text(row.version))
  put('redisVersion', text(row.redisVersion))
  put('kubernetesVersion', text(row.kubernetesVersion))
  put('mongoServerVersion', text(row.mongoServerVersion))
  put('isHnsEnabled', typeof row.isHnsEnabled === 'boolean' ? row.isHnsEnabled : undefined)
  put('kafkaEnabled', typeof row.kafkaEnabled === 'boolean' ? row.kafkaEnabled : undefined)
  if (type === 'microsoft.documentdb/databaseaccounts')
    put(
      'capabilities',
      objects(row.capabilities)
        .map((c) => text(c.name))
        .filter(Boolean)
        .join(',') || undefined,
    )
  put('diskIds', diskIds)
  put('nicIds', nicIds)
  put('subnetIds', subnetIds)
  put('publicIpIds', publicIpIds)
  put('serverFarmId', serverFarmId)
  put('networkSecurityGroupId', networkSecurityGroupId)

  const parent = parentId(id, type)
  const dependsOn = [
    ...new Set(
      [
        ...diskIds,
        ...nicIds,
        ...subnetIds.map(networkOfSubnet),
        ...publicIpIds,
        ...linkedServiceIds,
        serverFarmId,
        networkSecurityGroupId,
        parent,
      ].filter((v): v is string => typeof v === 'string' && v.toLowerCase() !== id.toLowerCase()),
    ),
  ]

  let sizeGiB: number | undefined
  if (type === 'microsoft.compute/disks') sizeGiB = numberOf(row.diskSizeGB)
  else if (/^microsoft\.dbfor(postgresql|mysql)\/flexibleservers$/.test(type)) sizeGiB = numberOf(row.storageSizeGB)

  const tags: Record<string, string> = {}
  if (typeof row.tags === 'object' && row.tags !== null)
    for (const [key, value] of Object.entries(row.tags)) if (value !== null && value !== undefined) tags[key] = String(value)

  return {
    id,
    provider: 'azure',
    type,
    name: text(row.name),
    account: text(row.subscriptionId) ?? subscriptionOf(row),
    region: text(row.location)?.toLowerCase() ?? 'global',
    tags,
    attributes,
    ...(dependsOn.length > 0 ? {dependsOn} : {}),
    ...(sizeGiB !== undefined ? {sizeGiB} : {}),
    source: AZURE_SOURCE,
  }
}

/**
 * ARM ids are case-insensitive and references often differ in case from the resource's own id
 * (`resourceGroups/RG` vs `resourcegroups/rg`); rewrite references to the id as listed.
 */
export function alignReferenceCase(resources: ResourceInput[]): void {
  const byLower = new Map(resources.map((r) => [r.id.toLowerCase(), r.id]))
  for (const resource of resources) {
    if (resource.dependsOn) resource.dependsOn = resource.dependsOn.map((ref) => byLower.get(ref.toLowerCase()) ?? ref)
  }
}
