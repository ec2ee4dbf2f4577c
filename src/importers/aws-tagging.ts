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
    if (!isObject(item)) throw new InputError(`${file}: ResourceTagMappingList[${i}] is not an object.`)
    const arn = checkArn(item.ResourceARN, file, `ResourceTagMappingList[${i}]`, 'ResourceARN')
    const tags = tagsFromList(Array.isArray(item.Tags) ? (item.Tags as {Key?: string; Value?: string}[]) : [])
    resources.push(resourceFromArn(arn, tags, {account: '', region: '', source}, unmapped))
  }
  const warnings = [
    'The tagging API never lists resources that never had a tag; export `aws resource-explorer-2 list-resources` too to include them.',
  ]
  if (typeof (data as Json).PaginationToken === 'string' && (data as Json).PaginationToken !== '')
    return {resources: clean(resources), warnings, partial: 'the export stops at a PaginationToken, so later pages are missing'}
  return {resources: clean(resources), warnings}
}

/**
 * The ARN in `field` of an entry, or an error that says what is wrong with it: missing, surrounded
 * by spaces (a hand-edited export), or not an ARN at all.
 */
export function checkArn(value: unknown, file: string, where: string, field: string): string {
  if (value === undefined || value === null || value === '') throw new InputError(`${file}: ${where} has no ${field}.`)
  if (typeof value !== 'string') throw new InputError(`${file}: ${where}.${field} is not a string.`)
  if (value !== value.trim())
    throw new InputError(
      `${file}: ${where}.${field} has a space or line break before or after the ARN.`,
      'Remove the whitespace (was the export edited by hand?), or export it again.',
    )
  if (!value.startsWith('arn:')) throw new InputError(`${file}: ${where}.${field} is not an ARN (it does not start with "arn:").`)
  return value
}

/** An export names no account or region of its own; drop the empty placeholders rather than store them. */
export function clean(resources: ResourceInput[]): ResourceInput[] {
  for (const resource of resources) {
    if (!resource.account) delete resource.account
    if (!resource.region) delete resource.region
  }
  return resources
}
