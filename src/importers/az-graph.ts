/**
 * `az graph query -q "Resources" --first 1000` output: the paged object of the resource-graph
 * extension 2.x (`{count, data, skip_token, total_records}`) or the plain array of 1.x. Rows hold full
 * `properties`; the fields the live collector projects in its query are picked from them here, and the
 * row is mapped by the collector's own mapping, so a scan and an import give the same resources.
 */
import {alignReferenceCase, isResourceGroupRow, mapResourceRow, SUBSCRIPTION_TYPE} from '../collectors/azure/mapping.js'
import {InputError} from '../errors.js'
import type {ResourceInput} from '../inventory/model.js'
import {isObject, type JsonObject as Json} from '../util/json.js'
import {bump} from './terraform/types.js'
import type {ExportRead} from './types.js'

const AZURE_ID = /^\/(subscriptions|providers)\//i

export const looksLikeAzGraphObject = (data: unknown) =>
  isObject(data) && Array.isArray(data.data) && ('skip_token' in data || 'total_records' in data || 'count' in data)
export const looksLikeAzGraphRows = (rows: unknown[]) =>
  rows.some((row) => isObject(row) && typeof row.id === 'string' && AZURE_ID.test(row.id) && typeof row.type === 'string')

function at(value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (!isObject(current)) return undefined
    current = current[key]
  }
  return current
}

/** The fields RESOURCES_QUERY projects, read from a full row's `properties` when the row was not projected. */
function project(row: Json): Json {
  const p = row.properties
  if (!isObject(p)) return row
  const fields: Json = {
    vmSize: at(p, 'hardwareProfile', 'vmSize'),
    osType: at(p, 'storageProfile', 'osDisk', 'osType'),
    imageReference: at(p, 'storageProfile', 'imageReference'),
    osDiskId: at(p, 'storageProfile', 'osDisk', 'managedDisk', 'id'),
    dataDisks: at(p, 'storageProfile', 'dataDisks'),
    networkInterfaces: at(p, 'networkProfile', 'networkInterfaces'),
    ipConfigurations: p.ipConfigurations,
    networkSecurityGroupId: at(p, 'networkSecurityGroup', 'id'),
    diskSizeGB: p.diskSizeGB,
    diskOsType: p.osType,
    serverFarmId: p.serverFarmId,
    version: p.version,
    storageSizeGB: at(p, 'storage', 'storageSizeGB'),
    redisVersion: p.redisVersion,
    kubernetesVersion: p.kubernetesVersion,
    agentPoolProfiles: p.agentPoolProfiles,
    isHnsEnabled: p.isHnsEnabled,
    kafkaEnabled: p.kafkaEnabled,
    capabilities: p.capabilities,
    mongoServerVersion: at(p, 'apiProperties', 'serverVersion'),
    subnetId: at(p, 'subnet', 'id'),
    privateLinkServiceConnections: p.privateLinkServiceConnections,
  }
  const out: Json = {...row}
  delete out.properties
  for (const [key, value] of Object.entries(fields)) if (out[key] === undefined && value !== undefined) out[key] = value
  return out
}

const CONTAINER_TYPES = new Set([SUBSCRIPTION_TYPE, 'microsoft.management/managementgroups'])

export function readAzGraph(data: unknown, file: string, source: string): ExportRead {
  const paged = isObject(data)
  const rows = paged ? data.data : data
  if (!Array.isArray(rows)) throw new InputError(`${file}: not \`az graph query\` output (expected "data" or a list of rows).`)
  const resources: ResourceInput[] = []
  const skipped: Record<string, number> = {}
  let unreadable = 0
  for (const row of rows) {
    if (!isObject(row)) {
      unreadable++
      continue
    }
    if (isResourceGroupRow(row)) {
      bump(skipped, 'resource groups')
      continue
    }
    if (typeof row.type === 'string' && CONTAINER_TYPES.has(row.type.toLowerCase())) {
      bump(skipped, 'subscriptions and management groups')
      continue
    }
    const resource = mapResourceRow(project(row))
    if (!resource) {
      unreadable++
      continue
    }
    resource.source = source
    resources.push(resource)
  }
  if (rows.length > 0 && unreadable === rows.length)
    throw new InputError(
      `${file}: none of the ${rows.length} rows has an "id" and a "type", so no resource can be read.`,
      "Export a query that returns whole resources, e.g. `az graph query -q 'Resources' --first 1000 -o json`.",
    )
  alignReferenceCase(resources)
  const warnings = unreadable > 0 ? [`${unreadable} rows without an "id" and a "type" were left out.`] : []
  const result: ExportRead = {resources, warnings, skipped}
  if (paged) {
    const token = data.skip_token ?? data.$skipToken
    const total = typeof data.total_records === 'number' ? data.total_records : undefined
    if (total !== undefined) result.totalRecords = total
    if (typeof token === 'string' && token !== '')
      result.partial = `this is one page of ${total ?? 'more'} rows; export the rest with --skip-token and import every page`
  }
  return result
}
