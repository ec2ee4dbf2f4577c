/**
 * ARN → CloudFormation type. ARN layouts differ by service (`db:name`, `table/name`,
 * `loadbalancer/app/name/id`, `/restapis/id`, or no type at all), so the resource part is cut into
 * a Resource-Explorer-style key (`rds:db`, `elasticloadbalancing:loadbalancer/app`) and looked up here.
 * An ARN with no entry keeps that key as its type and is reported as unmapped.
 */

import {TYPES_BY_SERVICE} from './arn-types.js'

/** Services whose ARNs often carry no resource type: `arn:aws:sqs:eu-west-1:123456789012:orders`. */
const UNTYPED: Record<string, (resource: string) => string | undefined> = {
  s3: (r) => (r.includes('/') ? undefined : 'AWS::S3::Bucket'),
  sqs: () => 'AWS::SQS::Queue',
  sns: (r) => (r.includes(':') ? 'AWS::SNS::Subscription' : 'AWS::SNS::Topic'),
  codecommit: () => 'AWS::CodeCommit::Repository',
  codepipeline: () => 'AWS::CodePipeline::Pipeline',
}

/** Services whose resource part starts with `/` (API Gateway) or with a scope segment (WAFv2). */
const LEADING_SLASH = new Set(['apigateway', 'cassandra', 'emr-containers', 'emr-serverless', 'grafana'])
const SCOPED = new Set(['wafv2'])

export interface ParsedArn {
  partition: string
  service: string
  region: string
  account: string
  resource: string
}

export function parseArn(arn: string): ParsedArn | undefined {
  const match = /^arn:([\w-]+):([\w.-]+):([\w-]*):(\d{12}|aws|)?:(.+)$/.exec(arn)
  if (!match) return undefined
  return {partition: match[1]!, service: match[2]!, region: match[3]!, account: match[4] ?? '', resource: match[5]!}
}

export interface ArnMapping {
  /** CloudFormation type when known, else the `service:resourcetype` key. */
  type: string
  mapped: boolean
  /** The `service:resourcetype` key, e.g. `rds:db` or `elasticloadbalancing:loadbalancer/app`. */
  key: string
  /** A readable name taken from the ARN (ids such as `/50dc6c495c0c9188` dropped). */
  name: string
  /** The parsed ARN; undefined when the string is not an ARN. */
  arn?: ParsedArn
}

/** Every `service:resourcetype` key the table maps, for tests and documentation. */
export function knownArnKeys(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [service, types] of Object.entries(TYPES_BY_SERVICE))
    for (const [key, type] of Object.entries(types)) out[`${service}:${key}`] = type
  return out
}

export function mappedServiceCount(): number {
  return new Set([...Object.keys(TYPES_BY_SERVICE), ...Object.keys(UNTYPED)]).size
}

const ID_LIKE = /^([0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-\d+)?)$/i

function readableName(rest: string): string {
  let name = rest.endsWith(':*') ? rest.slice(0, -2) : rest
  const afterName = name.indexOf('Name/') // autoscaling: uuid:autoScalingGroupName/web
  if (afterName >= 0) return name.slice(afterName + 5)
  if (!name.includes('/')) return name
  const segments = name.split('/').filter(Boolean)
  while (segments.length > 1 && ID_LIKE.test(segments.at(-1)!)) segments.pop()
  name = segments.join('/')
  return name || rest
}

function separatorIndex(resource: string): number {
  for (let i = 0; i < resource.length; i++) {
    const c = resource.charCodeAt(i)
    if (c === 47 /* / */ || c === 58 /* : */) return i
  }
  return -1
}

/** Maps an ARN to its CloudFormation type (or its `service:resourcetype` key when unknown) and a name. */
export function mapArn(arn: string): ArnMapping {
  const parsed = parseArn(arn)
  if (!parsed) return {type: 'aws:unknown', mapped: false, key: 'aws:unknown', name: arn}
  const {service} = parsed
  let resource = parsed.resource
  if (LEADING_SLASH.has(service)) resource = resource.replace(/^\/+/, '')
  if (SCOPED.has(service)) resource = resource.replace(/^(regional|global)\//, '')
  const at = separatorIndex(resource)
  const types = TYPES_BY_SERVICE[service]

  if (at >= 0) {
    const typeSegment = resource.slice(0, at)
    const rest = resource.slice(at + 1)
    if (types) {
      // A sub-type right after the type (loadbalancer/app/…), or a child type after an id (restapis/id/stages/…).
      if (resource[at] === '/' && rest.includes('/')) {
        const segments = rest.split('/')
        const subtype = types[`${typeSegment}/${segments[0]}`]
        if (subtype) return mapped(subtype, `${service}:${typeSegment}/${segments[0]}`, segments.slice(1).join('/'), parsed)
        const child = segments.length > 2 ? types[`${typeSegment}/${segments[1]}`] : undefined
        if (child) return mapped(child, `${service}:${typeSegment}/${segments[1]}`, segments.slice(2).join('/'), parsed)
      }
      const type = types[typeSegment]
      if (type) return mapped(type, `${service}:${typeSegment}`, rest, parsed)
    }
    const untyped = UNTYPED[service]?.(resource)
    if (untyped) return {type: untyped, mapped: true, key: `${service}:${untypedKey(untyped)}`, name: resource, arn: parsed}
    const key = `${service}:${typeSegment}`
    return {type: key, mapped: false, key, name: readableName(rest), arn: parsed}
  }
  const untyped = UNTYPED[service]?.(resource)
  if (untyped) return {type: untyped, mapped: true, key: `${service}:${untypedKey(untyped)}`, name: resource, arn: parsed}
  const key = `${service}:resource`
  return {type: key, mapped: false, key, name: resource, arn: parsed}
}

function mapped(type: string, key: string, remainder: string, arn: ParsedArn): ArnMapping {
  return {type, mapped: true, key, name: readableName(remainder), arn}
}

function untypedKey(cfnType: string): string {
  return cfnType.split('::').at(-1)!.toLowerCase()
}
