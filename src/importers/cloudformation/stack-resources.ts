/**
 * `aws cloudformation describe-stack-resources --stack-name …` (`{"StackResources": […]}`) and
 * `list-stack-resources` (`{"StackResourceSummaries": […], "NextToken"}`): a deployed stack's
 * resources with their physical ids, which become the ARNs a live scan and a Terraform state give the
 * same resources. The export names no dependencies; import the template too for those.
 */
import {InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {isObject} from '../../util/json.js'
import {bump} from '../terraform/types.js'
import type {ExportRead} from '../types.js'
import {arnFor, partitionOf} from './arns.js'

export const looksLikeStackResources = (data: unknown) =>
  isObject(data) && (Array.isArray(data.StackResources) || Array.isArray(data.StackResourceSummaries))

const STACK_ARN = /^arn:([\w-]+):cloudformation:([\w-]+):(\d{12}):stack\/([^/]+)\//
/** describe-stack-resources returns at most this many resources of a stack (list-stack-resources pages). */
const DESCRIBE_LIMIT = 100

const HELPER = (type: string) =>
  type === 'AWS::CDK::Metadata' ||
  type.startsWith('Custom::') ||
  type === 'AWS::CloudFormation::CustomResource' ||
  type === 'AWS::CloudFormation::WaitCondition' ||
  type === 'AWS::CloudFormation::WaitConditionHandle'

export function readStackResources(data: unknown, file: string, source: string): ExportRead & {skipped: Record<string, number>} {
  const list = isObject(data) ? (data.StackResources ?? data.StackResourceSummaries) : undefined
  if (!Array.isArray(list))
    throw new InputError(`${file}: not \`aws cloudformation describe-stack-resources\` output (no StackResources list).`)
  const resources: ResourceInput[] = []
  const skipped: Record<string, number> = {}
  const warnings: string[] = []
  const perStack = new Map<string, number>()
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    const where = `${Array.isArray((data as {StackResources?: unknown}).StackResources) ? 'StackResources' : 'StackResourceSummaries'}[${i}]`
    if (!isObject(item) || typeof item.LogicalResourceId !== 'string' || typeof item.ResourceType !== 'string')
      throw new InputError(`${file}: ${where} has no LogicalResourceId or ResourceType.`)
    const type = item.ResourceType
    const status = typeof item.ResourceStatus === 'string' ? item.ResourceStatus : ''
    const stack = typeof item.StackId === 'string' ? STACK_ARN.exec(item.StackId) : null
    const stackName = typeof item.StackName === 'string' ? item.StackName : (stack?.[4] ?? 'stack')
    perStack.set(stackName, (perStack.get(stackName) ?? 0) + 1)
    if (HELPER(type)) {
      bump(skipped, 'CloudFormation helpers (CDK metadata, custom resources, wait conditions)')
      continue
    }
    if (status === 'DELETE_COMPLETE' || status === 'CREATE_FAILED') {
      bump(skipped, 'deleted or never created')
      continue
    }
    if (type === 'AWS::CloudFormation::Stack') {
      bump(skipped, 'nested stacks (export them too)')
      continue
    }
    const region = stack?.[2]
    const account = stack?.[3]
    const physical =
      typeof item.PhysicalResourceId === 'string' && item.PhysicalResourceId !== '' ? item.PhysicalResourceId : undefined
    const id =
      (physical ? arnFor(type, physical, {partition: stack?.[1] ?? partitionOf(region), region, account}) : undefined) ??
      `aws:${type}:${stackName}#${item.LogicalResourceId}`
    const resource: ResourceInput = {
      id,
      provider: 'aws',
      type,
      name: physical ?? item.LogicalResourceId,
      tags: {},
      attributes: {cloudformationLogicalId: item.LogicalResourceId, cloudformationStack: stackName},
      source,
    }
    const arn = /^arn:[\w-]+:([\w.-]+):([\w-]*):(\d{12})?:/.exec(id)
    if (arn?.[3] || account) resource.account = arn?.[3] || account
    const resourceRegion = arn?.[2] || (arn && arn[1] !== 's3' ? 'global' : region)
    if (resourceRegion) resource.region = resourceRegion
    resources.push(resource)
  }
  const described = Array.isArray((data as {StackResources?: unknown}).StackResources)
  for (const [stackName, count] of perStack)
    if (described && count >= DESCRIBE_LIMIT)
      warnings.push(
        `describe-stack-resources returns at most ${DESCRIBE_LIMIT} resources of a stack, and ${stackName} reached it; export \`aws cloudformation list-stack-resources\` for all of them.`,
      )
  const result: ExportRead & {skipped: Record<string, number>} = {resources, warnings, skipped}
  if (isObject(data) && typeof data.NextToken === 'string' && data.NextToken !== '')
    result.partial = 'the export stops at a NextToken, so later pages are missing'
  if (perStack.size > 0 && !list.some((item) => isObject(item) && typeof item.StackId === 'string'))
    warnings.push(
      'list-stack-resources names no account or region, so only bucket and queue ids can be matched with other sources.',
    )
  return result
}
