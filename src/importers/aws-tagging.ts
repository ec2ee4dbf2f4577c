/**
 * `aws resourcegroupstaggingapi get-resources` output (the CLI pages through every result):
 * `{"ResourceTagMappingList": [{"ResourceARN": …, "Tags": [{"Key", "Value"}]}]}`.
 * ARNs map to CloudFormation types with the same table the live collector uses.
 */
import {resourceFromArn, tagsFromList, type UnmappedCounter} from '../collectors/aws/resource.js'
import {InputError} from '../errors.js'
import type {ResourceInput} from '../inventory/model.js'
import {isObject, type JsonObject as Json} from '../util/json.js'
import type {ExportRead} from './types.js'

export const looksLikeAwsTagging = (data: unknown) => isObject(data) && Array.isArray(data.ResourceTagMappingList)

export function readAwsTagging(data: unknown, file: string, source: string): ExportRead {
  const list = isObject(data) ? data.ResourceTagMappingList : undefined
  if (!Array.isArray(list))
    throw new InputError(`${file}: not \`aws resourcegroupstaggingapi get-resources\` output (no ResourceTagMappingList).`)
  const unmapped: UnmappedCounter = new Map()
  const resources: ResourceInput[] = []
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    if (!isObject(item) || typeof item.ResourceARN !== 'string' || !item.ResourceARN.startsWith('arn:'))
      throw new InputError(`${file}: ResourceTagMappingList[${i}] has no ResourceARN.`)
    const tags = tagsFromList(Array.isArray(item.Tags) ? (item.Tags as {Key?: string; Value?: string}[]) : [])
    resources.push(resourceFromArn(item.ResourceARN, tags, {account: '', region: '', source}, unmapped))
  }
  const warnings = [
    'The tagging API never lists resources that never had a tag; export `aws resource-explorer-2 list-resources` too to include them.',
  ]
  if (typeof (data as Json).PaginationToken === 'string' && (data as Json).PaginationToken !== '')
    return {resources: clean(resources), warnings, partial: 'the export stops at a PaginationToken, so later pages are missing'}
  return {resources: clean(resources), warnings}
}

/** An export names no account or region of its own; drop the empty placeholders rather than store them. */
export function clean(resources: ResourceInput[]): ResourceInput[] {
  for (const resource of resources) {
    if (!resource.account) delete resource.account
    if (!resource.region) delete resource.region
  }
  return resources
}
