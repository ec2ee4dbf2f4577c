/**
 * Azure Resource Graph results and ARM resource lists:
 * - `az graph query -q "Resources" --first 1000`: the paged object of the resource-graph extension
 *   2.x (`{count, data, skip_token, total_records}`) or the plain array of 1.x;
 * - the Resource Graph REST body (`{totalRecords, count, resultTruncated, $skipToken, data}`), whose
 *   `data` is an object array or, in the table format, `{columns, rows}`; a resources-history body
 *   carries the same table under `snapshots`;
 * - `az resource list` (an array) and the ARM `Resources - List` REST body (`{value, nextLink}`).
 * Rows hold full `properties`; the fields the live collector projects in its query are picked from
 * them here, and the row is mapped by the collector's own mapping, so a scan and an import give the
 * same resources. A projected row may have an `id` and nothing else: its type, subscription and
 * resource group are read from the id.
 */
import {alignReferenceCase, mapResourceRow} from '../collectors/azure/mapping.js'
import {InputError} from '../errors.js'
import type {ResourceInput} from '../inventory/model.js'
import {isObject, type JsonObject as Json} from '../util/json.js'
import {armTypeOf} from './terraform/ids.js'
import type {ExportRead} from './types.js'

const AZURE_ID = /^\/(subscriptions|providers)\//i
const ARM_SCOPE = /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?/i

const hasArmId = (row: unknown) => isObject(row) && typeof row.id === 'string' && AZURE_ID.test(row.id)

/** The table result format: `{columns: [{name, type}], rows: [[…]]}`. */
function isTable(value: unknown): value is {columns: unknown[]; rows: unknown[]} {
  return isObject(value) && Array.isArray(value.columns) && Array.isArray(value.rows)
}

const PAGING_KEYS = ['skip_token', 'total_records', 'count', 'totalRecords', '$skipToken', 'resultTruncated']

export const looksLikeAzGraphObject = (data: unknown) =>
  isObject(data) &&
  (Array.isArray(data.data) || isTable(data.data) || isTable(data.snapshots)) &&
  PAGING_KEYS.some((key) => key in data)
export const looksLikeAzGraphRows = (rows: unknown[]) => rows.some(hasArmId)
/** `az resource list` prints what ARM lists: creation and change times, `managedBy`, never a subscriptionId. */
export const looksLikeAzResourceList = (rows: unknown[]) =>
  rows.some(hasArmId) &&
  !rows.some((row) => isObject(row) && ('subscriptionId' in row || 'tenantId' in row)) &&
  rows.some((row) => isObject(row) && ('changedTime' in row || 'createdTime' in row || 'managedBy' in row))
export const looksLikeArmListBody = (data: unknown) => isObject(data) && Array.isArray(data.value) && data.value.some(hasArmId)

/** Table rows as objects keyed by column name. */
function tableRows(table: {columns: unknown[]; rows: unknown[]}): unknown[] {
  const names = table.columns.map((column) => (isObject(column) && typeof column.name === 'string' ? column.name : undefined))
  return table.rows.map((row) => {
    if (!Array.isArray(row)) return row
    const out: Json = {}
    for (let i = 0; i < names.length; i++) if (names[i] !== undefined) out[names[i]!] = row[i]
    return out
  })
}

/** The rows of any of the accepted shapes, or undefined when there are none. */
function rowsOf(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data
  if (!isObject(data)) return undefined
  if (Array.isArray(data.data)) return data.data
  if (isTable(data.data)) return tableRows(data.data)
  if (isTable(data.snapshots)) return tableRows(data.snapshots)
  if (Array.isArray(data.value)) return data.value
  return undefined
}

/** Type, subscription and resource group from the id, where the row does not say them. */
function completeFromId(row: Json): Json {
  if (typeof row.id !== 'string') return row
  const out = row
  if (typeof out.type !== 'string' || out.type === '') {
    const type = armTypeOf(row.id)
    if (type) out.type = type
  }
  const scope = ARM_SCOPE.exec(row.id)
  if (scope) {
    if (typeof out.subscriptionId !== 'string' || out.subscriptionId === '') out.subscriptionId = scope[1]
    if (scope[2] && (typeof out.resourceGroup !== 'string' || out.resourceGroup === '')) out.resourceGroup = scope[2]
  }
  return out
}

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

export function readAzGraph(data: unknown, file: string, source: string): ExportRead {
  const rows = rowsOf(data)
  if (!rows)
    throw new InputError(
      `${file}: not \`az graph query\` or \`az resource list\` output (expected "data", "value" or a list of rows).`,
    )
  const resources: ResourceInput[] = []
  const seen = new Set<string>()
  let unreadable = 0
  for (const row of rows) {
    if (!isObject(row)) {
      unreadable++
      continue
    }
    const completed = completeFromId({...row})
    const resource = mapResourceRow(project(completed))
    if (!resource) {
      unreadable++
      continue
    }
    // A projection without a location says nothing about where the resource is.
    if (!('location' in completed)) delete resource.region
    // A resources-history body lists one row per snapshot of the same resource.
    if (seen.has(resource.id.toLowerCase())) continue
    seen.add(resource.id.toLowerCase())
    resource.source = source
    resources.push(resource)
  }
  if (rows.length > 0 && unreadable === rows.length)
    throw new InputError(
      `${file}: none of the ${rows.length} rows has an ARM "id", so no resource can be read (a summarised query?).`,
      "Export a query that returns whole resources, e.g. `az graph query -q 'Resources' --first 1000 -o json`.",
    )
  alignReferenceCase(resources)
  const warnings = unreadable > 0 ? [`${unreadable} rows without an ARM "id" were left out.`] : []
  const result: ExportRead = {resources, warnings, skipped: {}}
  if (isObject(data)) {
    const token = data.skip_token ?? data.$skipToken
    const total =
      typeof data.total_records === 'number'
        ? data.total_records
        : typeof data.totalRecords === 'number'
          ? data.totalRecords
          : undefined
    if (total !== undefined) result.totalRecords = total
    if (typeof token === 'string' && token !== '')
      result.partial = `this is one page of ${total ?? 'more'} rows; export the rest with --skip-token and import every page`
    else if (data.resultTruncated === true || data.resultTruncated === 'true')
      result.partial = 'Resource Graph truncated the result (resultTruncated); page through it with a skip token'
    else if (typeof data.nextLink === 'string' && data.nextLink !== '')
      result.partial = 'the list stops at a nextLink, so later pages are missing'
  }
  return result
}
