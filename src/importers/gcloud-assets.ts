/**
 * `gcloud asset search-all-resources --scope=… --format=json`: a list of ResourceSearchResult
 * (`name`, `assetType`, `project`, `location`, `labels`, `additionalAttributes` …), mapped by the
 * live collector's own mapping so a scan and an import give the same resources.
 */
import {mapSearchResult, projectIdsAsAccounts} from '../collectors/gcp/mapping.js'
import {InputError} from '../errors.js'
import type {ResourceInput} from '../inventory/model.js'
import {isObject} from '../util/json.js'
import type {ExportRead} from './types.js'

export const looksLikeGcloudAssets = (rows: unknown[]) =>
  rows.some((row) => isObject(row) && typeof row.assetType === 'string' && typeof row.name === 'string')

export function readGcloudAssets(data: unknown, file: string, source: string): ExportRead {
  if (!Array.isArray(data))
    throw new InputError(`${file}: not \`gcloud asset search-all-resources --format=json\` output (expected a list).`)
  const resources: ResourceInput[] = []
  let unreadable = 0
  for (const row of data) {
    if (!isObject(row)) {
      unreadable++
      continue
    }
    // gcloud prints additionalAttributes as plain JSON; the mapping reads a protobuf Struct, whose
    // `fields` hold the same values (plain values pass through its decoder unchanged).
    const additional = isObject(row.additionalAttributes) ? {fields: row.additionalAttributes} : undefined
    const resource = mapSearchResult({...row, additionalAttributes: additional})
    if (!resource) {
      unreadable++
      continue
    }
    resource.source = source
    resources.push(resource)
  }
  if (data.length > 0 && unreadable === data.length)
    throw new InputError(`${file}: none of the ${data.length} results has a "name" and an "assetType".`)
  projectIdsAsAccounts(resources)
  return {resources, warnings: unreadable > 0 ? [`${unreadable} results without a "name" and an "assetType" were left out.`] : []}
}
