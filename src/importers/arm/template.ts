/**
 * Azure Resource Manager templates and Bicep builds (`az bicep build`, `az group export`) → resources.
 * Both resource layouts are read: the classic array, with child resources nested in their parent,
 * and the symbolic-name object of `languageVersion: 2.0`. `copy` loops expand to their count where
 * parameter defaults and variables tell it; inline nested deployments (Bicep modules) are followed,
 * their resources inheriting the module's dependencies. `dependsOn` in each of its spellings becomes
 * edges: a symbolic name, a resource name, `type/name`, `resourceId(…)`, or a copy loop's name.
 * A template names no subscription or resource group, so ids are namespaced by the file.
 */
import type {ResourceInput} from '../../inventory/model.js'
import {isObject, type JsonObject as Json} from '../../util/json.js'
import {bump} from '../terraform/types.js'
import type {ExportRead} from '../types.js'
import {evaluateJson, evaluateString, isExpression, ResourceRef, type Scope, text, Unknown, type Value} from './expressions.js'

const DEPLOYMENT_SCHEMA = /\/(subscription|managementGroup|tenant)?deploymentTemplate\.json#?$/i

export function looksLikeArmTemplate(data: unknown): boolean {
  if (!isObject(data)) return false
  if (typeof data.$schema === 'string' && DEPLOYMENT_SCHEMA.test(data.$schema)) return true
  return typeof data.contentVersion === 'string' && (Array.isArray(data.resources) || isObject(data.resources))
}

/** ARM allows at most 800 copies of a resource. */
const MAX_COPIES = 800
const DEPLOYMENTS = 'microsoft.resources/deployments'

interface Template {
  /** Deployment names from the file's root to this template, for ids and names. */
  path: string
  scope: TemplateScope
}

class TemplateScope implements Scope {
  private readonly variableCache = new Map<string, Value>()
  private readonly evaluating = new Set<string>()
  constructor(
    private readonly template: Json,
    private readonly passed: ReadonlyMap<string, Value>,
    /** For a nested template evaluated in the outer scope (ARM's default), the outer template. */
    private readonly outer?: Scope,
  ) {}
  parameter(name: string): Value {
    if (this.outer) return this.outer.parameter(name)
    if (this.passed.has(name)) return this.passed.get(name)!
    const definition = isObject(this.template.parameters) ? this.template.parameters[name] : undefined
    if (isObject(definition) && definition.defaultValue !== undefined) return this.cached(`p:${name}`, definition.defaultValue)
    return new Unknown(`parameters('${name}')`)
  }
  variable(name: string): Value {
    if (this.outer) return this.outer.variable(name)
    const variables = isObject(this.template.variables) ? this.template.variables : {}
    if (!(name in variables) || name === 'copy') return new Unknown(`variables('${name}')`)
    return this.cached(`v:${name}`, variables[name])
  }
  copyIndex(): number | undefined {
    return undefined
  }
  private cached(key: string, raw: unknown): Value {
    const hit = this.variableCache.get(key)
    if (hit !== undefined) return hit
    // A variable that refers to itself (directly or not) is invalid; leave it unknown.
    if (this.evaluating.has(key)) return new Unknown(key)
    this.evaluating.add(key)
    const value = evaluateJson(raw, this)
    this.evaluating.delete(key)
    this.variableCache.set(key, value)
    return value
  }
}

/** A scope with the copy indexes of the loops a resource is in. */
class LoopScope implements Scope {
  constructor(
    private readonly base: Scope,
    private readonly loops: ReadonlyMap<string, number>,
    private readonly current: string | undefined,
  ) {}
  parameter(name: string): Value {
    return this.base.parameter(name)
  }
  variable(name: string): Value {
    return this.base.variable(name)
  }
  copyIndex(loop: string | undefined): number | undefined {
    return this.loops.get(loop ?? this.current ?? '') ?? this.base.copyIndex(loop)
  }
}

interface Item {
  template: Template
  symbol?: string
  loop?: string
  type: string
  /** Full name, `vnet/subnet` for a child; unknown parts marked. */
  name: string
  definition: Json
  scope: Scope
  existing: boolean
  /** Deployment items: the template they deploy. */
  inner?: Template
  /** The enclosing deployment, whose dependsOn every resource inside inherits. */
  parentDeployment?: Item
  /** The parent resource, for a child nested in it. */
  parent?: Item
}

const key = (type: string, name: string) => `${type.toLowerCase()}|${name.toLowerCase()}`
const lastSegment = (name: string) => name.slice(name.lastIndexOf('/') + 1).toLowerCase()

/** `Microsoft.Network/virtualNetworks/vnet/subnets/s1` → type and name, or undefined for a bare name. */
function splitTypeAndName(reference: string): {type: string; name: string} | undefined {
  const parts = reference.split('/')
  if (parts.length < 3 || !parts[0]!.includes('.')) return undefined
  const types = [parts[0], parts[1]]
  const names: string[] = []
  for (let i = 2; i < parts.length; i++) (i % 2 === 0 ? names : types).push(parts[i]!)
  return {type: types.join('/'), name: names.join('/')}
}

/** A readable name: unknown parts shown as the expression they came from. */
const displayName = (name: string) => name.replace(/\u27e8([^\u27e9]*)\u27e9/g, '[$1]')

interface Context {
  file: string
  source: string
  namespace: string
  skipped: Record<string, number>
  warnings: Set<string>
  items: Item[]
}

function readResources(template: Template, resources: unknown, context: Context, parentDeployment: Item | undefined): void {
  const entries: [string | undefined, unknown][] = Array.isArray(resources)
    ? resources.map((r) => [undefined, r])
    : isObject(resources)
      ? Object.entries(resources)
      : []
  for (const [symbol, definition] of entries) readResource(template, symbol, definition, undefined, context, parentDeployment)
}

function copyCount(definition: Json, scope: Scope, context: Context, what: string): {count: number; loop?: string} {
  if (!isObject(definition.copy)) return {count: 1}
  const loop = typeof definition.copy.name === 'string' ? definition.copy.name : undefined
  const raw = definition.copy.count
  const value = typeof raw === 'string' ? evaluateString(raw, scope) : (raw as Value)
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    context.warnings.add(`The copy loop of ${what} has a count known only at deploy time; it is counted once.`)
    return {count: 1, loop}
  }
  if (value > MAX_COPIES) {
    context.warnings.add(
      `The copy loop of ${what} asks for ${value} copies, more than ARM's ${MAX_COPIES}; ${MAX_COPIES} are counted.`,
    )
    return {count: MAX_COPIES, loop}
  }
  return {count: value, loop}
}

function readResource(
  template: Template,
  symbol: string | undefined,
  definition: unknown,
  parent: Item | undefined,
  context: Context,
  parentDeployment: Item | undefined,
): void {
  if (!isObject(definition) || typeof definition.type !== 'string') {
    bump(context.skipped, 'template entries without a type')
    return
  }
  const base = parent?.scope ?? template.scope
  const rawType = definition.type
  const fullType = parent && !rawType.split('/')[0]!.includes('.') ? `${parent.type}/${rawType}` : rawType
  const {count, loop} = copyCount(definition, base, context, symbol ?? fullType)
  for (let index = 0; index < count; index++) {
    const loops = new Map<string, number>()
    if (isObject(definition.copy)) loops.set(loop ?? '', index)
    const scope: Scope = isObject(definition.copy) ? new LoopScope(base, loops, loop ?? '') : base
    const rawName = typeof definition.name === 'string' ? evaluateString(definition.name, scope) : new Unknown('name')
    const ownName = text(rawName)
    const name = parent && fullType !== rawType ? `${parent.name}/${ownName}` : ownName
    const item: Item = {
      template,
      symbol,
      loop,
      type: fullType,
      name,
      definition,
      scope,
      existing: definition.existing === true,
      parentDeployment,
      parent,
    }
    context.items.push(item)
    if (fullType.toLowerCase() === DEPLOYMENTS) readDeployment(item, context)
    if (Array.isArray(definition.resources) && fullType.toLowerCase() !== DEPLOYMENTS)
      for (const child of definition.resources) readResource(template, undefined, child, item, context, parentDeployment)
  }
}

function readDeployment(item: Item, context: Context): void {
  const properties = isObject(item.definition.properties) ? item.definition.properties : {}
  if (!isObject(properties.template)) {
    if (properties.templateLink !== undefined) {
      bump(context.skipped, 'linked templates (not followed; import them too)')
      context.warnings.add('Linked templates (templateLink) are not followed; import each of them too.')
    }
    return
  }
  const evaluation = isObject(properties.expressionEvaluationOptions) ? properties.expressionEvaluationOptions.scope : undefined
  const inner = typeof evaluation === 'string' && evaluation.toLowerCase() === 'inner'
  const passed = new Map<string, Value>()
  if (inner && isObject(properties.parameters))
    for (const [name, parameter] of Object.entries(properties.parameters))
      if (isObject(parameter) && 'value' in parameter) passed.set(name, evaluateJson(parameter.value, item.scope))
  const template: Template = {
    path: `${item.template.path}${item.name}/`,
    scope: new TemplateScope(properties.template, passed, inner ? undefined : item.scope),
  }
  item.inner = template
  readResources(template, properties.template.resources, context, item)
}

/** Every item a dependsOn entry stands for, within the template it is written in. */
function resolver(items: readonly Item[]) {
  const byKey = new Map<string, Item[]>()
  const bySymbol = new Map<string, Item[]>()
  const byLoop = new Map<string, Item[]>()
  const byLastName = new Map<string, Item[]>()
  const push = (map: Map<string, Item[]>, k: string, item: Item) => {
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  for (const item of items) {
    const t = item.template.path
    push(byKey, `${t}\u0000${key(item.type, item.name)}`, item)
    if (item.symbol) push(bySymbol, `${t}\u0000${item.symbol}`, item)
    if (item.loop) push(byLoop, `${t}\u0000${item.loop.toLowerCase()}`, item)
    push(byLastName, `${t}\u0000${lastSegment(item.name)}`, item)
  }
  return (entry: string, from: Item): Item[] | undefined => {
    const t = from.template.path
    const value = evaluateString(entry, from.scope)
    if (value instanceof ResourceRef) return byKey.get(`${t}\u0000${key(value.type, value.names.join('/'))}`)
    if (typeof value !== 'string') return undefined
    if (!isExpression(entry)) {
      const symbolic = bySymbol.get(`${t}\u0000${value}`)
      if (symbolic) return symbolic
    }
    const loop = byLoop.get(`${t}\u0000${value.toLowerCase()}`)
    if (loop) return loop
    const split = splitTypeAndName(value)
    if (split) return byKey.get(`${t}\u0000${key(split.type, split.name)}`)
    return byLastName.get(`${t}\u0000${value.toLowerCase()}`)
  }
}

/** The resources a deployment item stands for: everything its template deploys, recursively. */
function deployed(item: Item, items: readonly Item[]): Item[] {
  if (!item.inner) return [item]
  const prefix = item.inner.path
  return items.filter((other) => other.template.path.startsWith(prefix) && !other.inner && !other.existing)
}

function pick(value: Value | undefined, ...path: string[]): Value | undefined {
  let current = value
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || current instanceof Unknown) return undefined
    if (current instanceof ResourceRef) return undefined
    current = current[segment]
  }
  return current
}

const known = (value: Value | undefined): string | undefined =>
  typeof value === 'string' && value !== '' && !value.includes('\u27e8') ? value : undefined

function attributesOf(item: Item): Record<string, unknown> {
  const attributes: Record<string, unknown> = {armName: displayName(item.name)}
  if (item.symbol) attributes.armSymbol = item.symbol
  const sku = item.definition.sku === undefined ? undefined : evaluateJson(item.definition.sku, item.scope)
  const put = (name: string, value: string | boolean | undefined) => {
    if (value !== undefined) attributes[name] = value
  }
  put('sku', known(pick(sku, 'name')))
  put('skuTier', known(pick(sku, 'tier')))
  put('kind', typeof item.definition.kind === 'string' ? known(evaluateString(item.definition.kind, item.scope)) : undefined)
  const properties = isObject(item.definition.properties) ? item.definition.properties : undefined
  const read = (...path: string[]): Value | undefined => {
    let current: unknown = properties
    for (const segment of path) current = isObject(current) ? current[segment] : undefined
    return current === undefined ? undefined : evaluateJson(current, item.scope)
  }
  put('vmSize', known(read('hardwareProfile', 'vmSize')))
  put('osType', known(read('storageProfile', 'osDisk', 'osType')))
  put('version', known(read('version')))
  put('kubernetesVersion', known(read('kubernetesVersion')))
  put('redisVersion', known(read('redisVersion')))
  const hns = read('isHnsEnabled')
  put('isHnsEnabled', typeof hns === 'boolean' ? hns : undefined)
  return attributes
}

function tagsOf(item: Item): Record<string, string> {
  const tags: Record<string, string> = {}
  const raw = item.definition.tags === undefined ? undefined : evaluateJson(item.definition.tags, item.scope)
  if (
    typeof raw === 'object' &&
    raw !== null &&
    !Array.isArray(raw) &&
    !(raw instanceof Unknown) &&
    !(raw instanceof ResourceRef)
  )
    for (const [k, v] of Object.entries(raw)) if (known(v)) tags[k] = v as string
  return tags
}

/** Reads a template (or Bicep build); `namespace` keeps its resources apart from another file's. */
export function readArmTemplate(
  data: unknown,
  file: string,
  source: string,
  namespace: string,
): ExportRead & {skipped: Record<string, number>} {
  const template = isObject(data) ? data : {}
  const context: Context = {file, source, namespace, skipped: {}, warnings: new Set(), items: []}
  const root: Template = {path: '', scope: new TemplateScope(template, new Map())}
  readResources(root, template.resources, context, undefined)

  const resolve = resolver(context.items)
  const ids = new Map<Item, string>()
  for (const item of context.items)
    ids.set(item, `azure:${item.type.toLowerCase()}:${namespace}#${item.template.path}${item.name}`)

  const resources: ResourceInput[] = []
  let unresolved = 0
  let conditional = 0
  const dependenciesOf = (item: Item, into: Set<string>) => {
    const dependsOn = item.definition.dependsOn
    for (const entry of Array.isArray(dependsOn) ? dependsOn : []) {
      if (typeof entry !== 'string') continue
      const targets = resolve(entry, item)
      if (!targets || targets.length === 0) {
        unresolved++
        continue
      }
      for (const target of targets) for (const resource of deployed(target, context.items)) into.add(ids.get(resource)!)
    }
  }
  for (const item of context.items) {
    if (item.inner || item.type.toLowerCase() === DEPLOYMENTS) {
      bump(context.skipped, 'nested deployments (their resources are read)')
      continue
    }
    if (item.existing) {
      bump(context.skipped, 'existing resources (referenced, not deployed here)')
      continue
    }
    if (item.definition.condition !== undefined && item.definition.condition !== true) conditional++
    const dependencies = new Set<string>()
    dependenciesOf(item, dependencies)
    // A child needs its parent, and a module's resources need what the module waits for.
    if (item.parent && !item.parent.existing) dependencies.add(ids.get(item.parent)!)
    for (let deployment = item.parentDeployment; deployment; deployment = deployment.parentDeployment)
      dependenciesOf(deployment, dependencies)
    const id = ids.get(item)!
    dependencies.delete(id)
    const location =
      typeof item.definition.location === 'string' ? known(evaluateString(item.definition.location, item.scope)) : undefined
    const resource: ResourceInput = {
      id,
      provider: 'azure',
      type: item.type.toLowerCase(),
      name: displayName(item.name),
      tags: tagsOf(item),
      attributes: attributesOf(item),
      source,
    }
    if (location) resource.region = location.toLowerCase().replace(/\s+/g, '')
    if (dependencies.size > 0) resource.dependsOn = [...dependencies]
    resources.push(resource)
  }
  const warnings = [...context.warnings]
  if (unresolved > 0)
    warnings.push(
      `${unresolved} dependsOn entries name something this template does not deploy (or only a deployment can tell); they were left out.`,
    )
  if (conditional > 0)
    warnings.push(`${conditional} resources are deployed only under a condition; they are counted as if deployed.`)
  return {resources, warnings, skipped: context.skipped}
}
