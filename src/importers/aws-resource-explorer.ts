/**
 * `aws resource-explorer-2 list-resources` (or `search`) output:
 * `{"Resources": [{"Arn", "OwningAccountId", "Region", "ResourceType", "Service", "Properties"}], "ViewArn"}`.
 * Unlike the tagging API it includes resources that never had a tag.
 */
import {resourceFromArn, type UnmappedCounter} from '../collectors/aws/resource.js'
import {InputError} from '../errors.js'
import type {ResourceInput} from '../inventory/model.js'
import {isObject, type JsonObject as Json} from '../util/json.js'
import {checkArn, clean} from './aws-tagging.js'
import type {ExportRead} from './types.js'

export const looksLikeAwsResourceExplorer = (data: unknown) =>
  isObject(data) &&
  Array.isArray(data.Resources) &&
  ('ViewArn' in data || data.Resources.some((r) => isObject(r) && typeof r.Arn === 'string' && 'ResourceType' in r))

/** Tags are the `tags` property: `{"Name": "tags", "Data": [{"Key", "Value"}]}`. */
function tagsOf(properties: unknown): Record<string, string> {
  const tags: Record<string, string> = {}
  if (!Array.isArray(properties)) return tags
  const data = properties.find((p) => isObject(p) && p.Name === 'tags')?.Data
  if (Array.isArray(data))
    for (const tag of data)
      if (isObject(tag) && typeof tag.Key === 'string') tags[tag.Key] = typeof tag.Value === 'string' ? tag.Value : ''
  return tags
}

export function readAwsResourceExplorer(data: unknown, file: string, source: string): ExportRead {
  const list = isObject(data) ? data.Resources : undefined
  if (!Array.isArray(list))
    throw new InputError(`${file}: not \`aws resource-explorer-2 list-resources\` output (no Resources list).`)
  const unmapped: UnmappedCounter = new Map()
  const resources: ResourceInput[] = []
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    if (!isObject(item)) throw new InputError(`${file}: Resources[${i}] is not an object.`)
    const arn = checkArn(item.Arn, file, `Resources[${i}]`, 'Arn')
    const region = typeof item.Region === 'string' && item.Region !== '' ? item.Region : 'global'
    resources.push(
      resourceFromArn(
        arn,
        tagsOf(item.Properties),
        {
          account: typeof item.OwningAccountId === 'string' ? item.OwningAccountId : '',
          region,
          source,
          explorerType: typeof item.ResourceType === 'string' ? item.ResourceType : undefined,
        },
        unmapped,
      ),
    )
  }
  if (typeof (data as Json).NextToken === 'string' && (data as Json).NextToken !== '')
    return {resources: clean(resources), warnings: [], partial: 'the export stops at a NextToken, so later pages are missing'}
  return {resources: clean(resources), warnings: []}
}
