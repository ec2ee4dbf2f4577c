import type {ResourceInput} from '../../inventory/model.js'
import {mapArn} from './arn.js'

/** Counts resources whose ARN has no CloudFormation type, by `service:resourcetype` key. */
export type UnmappedCounter = Map<string, number>

export interface ArnContext {
  /** The account that was listed: S3 and Route 53 ARNs carry no account. */
  account: string
  /** The region that was listed: S3 bucket ARNs carry no region. */
  region: string
  source: string
  /** Resource Explorer tells the CloudFormation type itself, where it knows it. */
  cfnType?: string
  /** Resource Explorer's own `service:resourcetype`, used when neither it nor the table knows a CFN type. */
  explorerType?: string
}

export function tagsFromList(list: {Key?: string; Value?: string}[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {}
  for (const tag of list ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? ''
  return tags
}

export function resourceFromArn(
  arn: string,
  tags: Record<string, string>,
  context: ArnContext,
  unmapped: UnmappedCounter,
): ResourceInput {
  const mapping = mapArn(arn)
  const parsed = mapping.arn
  let type = mapping.type
  if (context.cfnType?.startsWith('AWS::')) type = context.cfnType
  else if (!mapping.mapped) {
    if (context.explorerType) type = context.explorerType
    unmapped.set(type, (unmapped.get(type) ?? 0) + 1)
  }
  const region = parsed?.region || (parsed?.service === 's3' || parsed?.service === 's3express' ? context.region : 'global')
  const resource: ResourceInput = {
    id: arn,
    provider: 'aws',
    type,
    name: tags.Name || mapping.name,
    account: parsed?.account && parsed.account !== 'aws' ? parsed.account : context.account,
    region,
    tags,
    source: context.source,
  }
  if (!mapping.mapped && type === mapping.key) resource.attributes = {arnType: mapping.key}
  const fromArn = attributesFromArn(mapping.key, mapping.name)
  if (fromArn) resource.attributes = {...resource.attributes, ...fromArn}
  return resource
}

const LOAD_BALANCER_TYPES: Record<string, string> = {
  'elasticloadbalancing:loadbalancer/app': 'application',
  'elasticloadbalancing:loadbalancer/net': 'network',
  'elasticloadbalancing:loadbalancer/gwy': 'gateway',
}

/**
 * Attributes the catalog refines on that the ARN itself tells, so no call is needed: an SQS queue
 * is FIFO exactly when its name ends in `.fifo`, and an ELBv2 load balancer's ARN names its type
 * (`loadbalancer/app|net|gwy/…`).
 */
function attributesFromArn(key: string, name: string): Record<string, string> | undefined {
  if (key === 'sqs:queue') return {fifoQueue: name.endsWith('.fifo') ? 'true' : 'false'}
  const loadBalancer = LOAD_BALANCER_TYPES[key]
  return loadBalancer ? {type: loadBalancer} : undefined
}

/** One line for the user about resources the ARN table does not know, most frequent first. */
export function unmappedSummary(unmapped: UnmappedCounter): string | undefined {
  if (unmapped.size === 0) return undefined
  const total = [...unmapped.values()].reduce((sum, n) => sum + n, 0)
  const top = [...unmapped.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 8)
    .map(([key, count]) => `${key} ×${count}`)
  const more = unmapped.size > 8 ? `, and ${unmapped.size - 8} more kinds` : ''
  return `${total} resource${total === 1 ? '' : 's'} of ${unmapped.size} kind${unmapped.size === 1 ? '' : 's'} have no CloudFormation type in exitready's ARN table and keep their service:resource type (${top.join(', ')}${more}); they are assessed as unmapped.`
}
