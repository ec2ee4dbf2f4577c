/**
 * CloudFormation templates (JSON, or YAML through ./yaml.ts) → resources. Each resource keeps its
 * CloudFormation type, which is the canonical AWS type; `DependsOn`, `Ref`, `Fn::GetAtt` and the
 * `${Resource}` / `${Resource.Attribute}` placeholders of `Fn::Sub` become `dependsOn`.
 * `Fn::ForEach` loops (AWS::LanguageExtensions) over a literal list expand to one resource per item.
 * `AWS::CDK::Metadata`, custom resources and wait conditions are helpers, not resources; nested
 * stacks and stack sets are counted and named, since their resources are in other templates.
 */
import type {ResourceInput} from '../../inventory/model.js'
import {isObject, type JsonObject as Json} from '../../util/json.js'
import {bump} from '../terraform/types.js'
import type {ExportRead} from '../types.js'
import {type ArnScope, arnFor, NAME_PROPERTY, partitionOf} from './arns.js'

export interface TemplateContext {
  file: string
  source: string
  /** What makes a logical id unique: the stack name, else the file. */
  namespace: string
  account?: string
  region?: string
  /** Physical ids by logical id, when a stack export tells them. */
  physicalIds?: ReadonlyMap<string, string>
}

const RESOURCE_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::[A-Za-z0-9]+)?$|^Custom::[A-Za-z0-9_@.-]+$/

/** A parsed object that looks like a CloudFormation template. */
export function looksLikeTemplate(data: unknown): boolean {
  if (!isObject(data)) return false
  if (typeof data.AWSTemplateFormatVersion === 'string' && isObject(data.Resources)) return true
  if (!isObject(data.Resources)) return false
  const values = Object.entries(data.Resources)
  return (
    values.length > 0 &&
    values.every(([key, r]) => key.startsWith('Fn::ForEach::') || (isObject(r) && typeof r.Type === 'string')) &&
    values.some(([, r]) => isObject(r) && typeof r.Type === 'string' && RESOURCE_TYPE.test(r.Type))
  )
}

/** Helpers that are part of how a stack is deployed, not of the estate: label → test. */
const HELPERS: [label: string, test: (type: string) => boolean][] = [
  ['CDK metadata', (t) => t === 'AWS::CDK::Metadata'],
  ['custom resources (deploy-time helpers)', (t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource'],
  ['wait conditions', (t) => t === 'AWS::CloudFormation::WaitCondition' || t === 'AWS::CloudFormation::WaitConditionHandle'],
]
const NESTED = new Set(['AWS::CloudFormation::Stack', 'AWS::CloudFormation::StackSet'])

/** Pseudo parameters are not resources. */
const PSEUDO = /^AWS::/

/** `${Name}` and `${Name.Attribute}` in a `Fn::Sub` string; `${!Literal}` is not a reference. */
const SUB_PLACEHOLDER = /\$\{([^!}][^}]*)\}/g

/** Every logical id an expression refers to (Ref, GetAtt, Sub), iteratively. */
function references(value: unknown, into: Set<string>): void {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const current = stack.pop()
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item)
      continue
    }
    if (!isObject(current)) continue
    for (const [key, inner] of Object.entries(current)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner)
      else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(inner) ? inner[0] : typeof inner === 'string' ? inner.split('.')[0] : undefined
        if (typeof target === 'string') into.add(target)
        else stack.push(inner)
      } else if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(inner) ? inner : [inner, undefined]
        const local = isObject(variables) ? new Set(Object.keys(variables)) : new Set<string>()
        if (typeof text === 'string')
          for (const match of text.matchAll(SUB_PLACEHOLDER)) {
            const name = match[1]!.trim().split('.')[0]!
            if (!local.has(name)) into.add(name)
          }
        if (isObject(variables)) stack.push(variables)
      } else stack.push(inner)
    }
  }
}

/** A literal string, or undefined for anything computed at deploy time. */
const literal = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

/**
 * A parameter's default, when a property is `Ref` to it (or `Fn::Sub` of only it): templates often
 * take a bucket name as a parameter with a default.
 */
function resolveName(value: unknown, parameters: Json): string | undefined {
  const direct = literal(value)
  if (direct) return /\$\{/.test(direct) ? undefined : direct
  if (!isObject(value)) return undefined
  const ref = typeof value.Ref === 'string' ? value.Ref : undefined
  const sub = typeof value['Fn::Sub'] === 'string' ? /^\$\{([A-Za-z0-9]+)\}$/.exec(value['Fn::Sub'])?.[1] : undefined
  const parameter = ref ?? sub
  const definition = parameter ? parameters[parameter] : undefined
  return isObject(definition) ? literal(definition.Default) : undefined
}

/** Replaces a `Fn::ForEach` identifier in keys and strings of one loop body. */
function substitute(value: unknown, identifier: string, item: string): unknown {
  const alnum = item.replace(/[^A-Za-z0-9]/g, '')
  const text = (s: string) => s.replaceAll(`\${${identifier}}`, item).replaceAll(`&{${identifier}}`, alnum)
  if (typeof value === 'string') return text(value)
  if (Array.isArray(value)) return value.map((v) => substitute(v, identifier, item))
  if (!isObject(value)) return value
  if (value.Ref === identifier && Object.keys(value).length === 1) return item
  const out: Json = {}
  for (const [key, inner] of Object.entries(value)) out[text(key)] = substitute(inner, identifier, item)
  return out
}

/** The items of a `Fn::ForEach` collection: a literal list, or a list parameter's default. */
function loopItems(collection: unknown, parameters: Json): string[] | undefined {
  if (Array.isArray(collection) && collection.every((v) => typeof v === 'string')) return collection as string[]
  const ref = isObject(collection) && typeof collection.Ref === 'string' ? parameters[collection.Ref] : undefined
  if (isObject(ref) && typeof ref.Default === 'string') return ref.Default.split(',').map((s) => s.trim())
  if (isObject(ref) && Array.isArray(ref.Default)) return ref.Default.map(String)
  return undefined
}

/** The template's resources with `Fn::ForEach` loops expanded (nested loops included). */
function expandResources(resources: Json, parameters: Json, warnings: string[]): [string, unknown][] {
  const out: [string, unknown][] = []
  const pending: [string, unknown][] = Object.entries(resources).reverse()
  while (pending.length > 0) {
    const [key, value] = pending.pop()!
    if (!key.startsWith('Fn::ForEach::')) {
      out.push([key, value])
      continue
    }
    const [identifier, collection, body] = Array.isArray(value) ? value : []
    if (typeof identifier !== 'string' || !isObject(body)) continue
    const items = loopItems(collection, parameters)
    if (!items) {
      warnings.push(`The loop ${key} ranges over values known only at deploy time; each of its resources is counted once.`)
      for (const entry of Object.entries(body).reverse()) pending.push(entry)
      continue
    }
    const expanded: [string, unknown][] = []
    for (const item of items)
      for (const [name, inner] of Object.entries(substitute(body, identifier, item) as Json)) expanded.push([name, inner])
    for (let i = expanded.length - 1; i >= 0; i--) pending.push(expanded[i]!)
  }
  return out
}

/** CloudFormation `Tags` (a list of Key/Value, or SAM's map); values computed at deploy time are left out. */
function tagsOf(properties: Json): Record<string, string> {
  const tags: Record<string, string> = {}
  const raw = properties.Tags
  if (Array.isArray(raw)) {
    for (const tag of raw)
      if (isObject(tag) && typeof tag.Key === 'string' && typeof tag.Value === 'string') tags[tag.Key] = tag.Value
  } else if (isObject(raw)) for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') tags[key] = value
  return tags
}

/** CloudFormation property → the attribute names the catalog refines on. */
const KEPT: Record<string, string> = {
  Engine: 'engine',
  EngineVersion: 'engineVersion',
  DBInstanceClass: 'instanceClass',
  InstanceType: 'instanceType',
  Runtime: 'runtime',
  PackageType: 'packageType',
  FifoQueue: 'fifoQueue',
  StorageClass: 'storageClass',
  StorageType: 'storageType',
  CacheNodeType: 'nodeType',
  EngineType: 'engineType',
  VolumeType: 'volumeType',
}

const SIZE_GIB = ['AllocatedStorage', 'Size', 'StorageCapacity']

function attributesOf(properties: Json): {kept: Record<string, unknown>; sizeGiB?: number} {
  const kept: Record<string, unknown> = {}
  for (const [key, name] of Object.entries(KEPT)) {
    const value = properties[key]
    if ((typeof value === 'string' && value !== '' && value.length <= 100) || typeof value === 'boolean') kept[name] = value
  }
  let sizeGiB: number | undefined
  for (const key of SIZE_GIB) {
    const value = typeof properties[key] === 'string' ? Number(properties[key]) : properties[key]
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      sizeGiB = value
      break
    }
  }
  return {kept, sizeGiB}
}

/** Reads one template; its resources get ARNs where the stack's account, region and names allow. */
export function readTemplate(data: unknown, context: TemplateContext): ExportRead & {skipped: Record<string, number>} {
  const template = isObject(data) ? data : {}
  const parameters = isObject(template.Parameters) ? template.Parameters : {}
  const warnings: string[] = []
  const skipped: Record<string, number> = {}
  const entries = expandResources(isObject(template.Resources) ? template.Resources : {}, parameters, warnings)
  const scope: ArnScope = {partition: partitionOf(context.region), region: context.region, account: context.account}

  const ids = new Map<string, string>()
  const kept: {logicalId: string; definition: Json; type: string}[] = []
  const nested: string[] = []
  let conditional = 0
  for (const [logicalId, definition] of entries) {
    if (!isObject(definition) || typeof definition.Type !== 'string') {
      bump(skipped, 'entries without a Type')
      continue
    }
    const type = definition.Type
    const helper = HELPERS.find(([, test]) => test(type))
    if (helper) {
      bump(skipped, helper[0])
      continue
    }
    if (NESTED.has(type)) {
      bump(skipped, 'nested stacks and stack sets')
      nested.push(logicalId)
      continue
    }
    const properties = isObject(definition.Properties) ? definition.Properties : {}
    const physical = context.physicalIds?.get(logicalId)
    const nameProperty = NAME_PROPERTY[type]
    const name = nameProperty ? resolveName(properties[nameProperty], parameters) : undefined
    const id =
      (physical ? arnFor(type, physical, scope) : undefined) ??
      (name ? arnFor(type, name, scope) : undefined) ??
      `aws:${type}:${context.namespace}#${logicalId}`
    ids.set(logicalId, id)
    kept.push({logicalId, definition, type})
    if (definition.Condition !== undefined) conditional++
  }

  const resources: ResourceInput[] = []
  for (const {logicalId, definition, type} of kept) {
    const properties = isObject(definition.Properties) ? definition.Properties : {}
    const refs = new Set<string>()
    references(properties, refs)
    const dependsOn = definition.DependsOn
    if (typeof dependsOn === 'string') refs.add(dependsOn)
    else if (Array.isArray(dependsOn)) for (const d of dependsOn) if (typeof d === 'string') refs.add(d)
    const dependencies = new Set<string>()
    for (const ref of refs) {
      if (ref === logicalId || PSEUDO.test(ref)) continue
      const target = ids.get(ref)
      if (target) dependencies.add(target)
    }
    const id = ids.get(logicalId)!
    const physical = context.physicalIds?.get(logicalId)
    const nameProperty = NAME_PROPERTY[type]
    const {kept: attributes, sizeGiB} = attributesOf(properties)
    attributes.cloudformationLogicalId = logicalId
    const resource: ResourceInput = {
      id,
      provider: 'aws',
      type,
      name: (nameProperty ? resolveName(properties[nameProperty], parameters) : undefined) ?? physical ?? logicalId,
      tags: tagsOf(properties),
      attributes,
      source: context.source,
    }
    const arn = /^arn:[\w-]+:([\w.-]+):([\w-]*):(\d{12})?:/.exec(id)
    const account = arn?.[3] || context.account
    // A bucket's ARN names no region (it is the stack's); IAM, CloudFront and Route 53 have none.
    const region = arn?.[2] || (arn && arn[1] !== 's3' ? 'global' : context.region)
    if (account) resource.account = account
    if (region) resource.region = region
    if (sizeGiB !== undefined) resource.sizeGiB = sizeGiB
    if (dependencies.size > 0) resource.dependsOn = [...dependencies]
    resources.push(resource)
  }
  if (nested.length > 0)
    warnings.push(
      `${nested.length} nested stacks or stack sets (${nested.slice(0, 5).join(', ')}${nested.length > 5 ? ' …' : ''}) deploy resources from other templates; import those too.`,
    )
  if (conditional > 0)
    warnings.push(`${conditional} resources are deployed only under a condition; they are counted as if deployed.`)
  return {resources, warnings, skipped}
}
