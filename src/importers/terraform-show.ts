/**
 * `terraform show -json` (and `tofu show -json`) output, of a state or of a saved plan.
 * A state's resources are under `values.root_module`; a plan's under `planned_values.root_module`,
 * with dependencies from `prior_state` and from the configuration's references, and region or project
 * defaults from the provider configuration.
 */
import {InputError} from '../errors.js'
import {isObject, type JsonObject as Json} from '../util/json.js'
import {parseAddress} from './terraform/address.js'
import {
  bump,
  emptySensitivity,
  markSensitive,
  type Sensitivity,
  type TerraformInstance,
  type TerraformRead,
} from './terraform/types.js'

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

/** `format_version` is shared with `terraform providers schema -json`, which lists no resources. */
export function looksLikeShowJson(data: unknown): boolean {
  return isObject(data) && typeof data.format_version === 'string' && !('provider_schemas' in data)
}

export const isPlan = (data: Json) => 'planned_values' in data || 'resource_changes' in data || 'prior_state' in data

/** Whether a `sensitive_values` marker holds `true` anywhere; iterative, so no depth overflows the stack. */
function containsTrue(marker: unknown): boolean {
  const stack: unknown[] = [marker]
  while (stack.length > 0) {
    const value = stack.pop()
    if (value === true) return true
    if (Array.isArray(value)) for (const item of value) stack.push(item)
    else if (isObject(value)) for (const key in value) stack.push(value[key])
  }
  return false
}

/** `sensitive_values` mirrors `values` with `true` where a value is sensitive. */
function sensitivityOf(values: unknown): Sensitivity | undefined {
  if (!isObject(values)) return undefined
  let sensitivity: Sensitivity | undefined
  for (const [attribute, marker] of Object.entries(values)) {
    if (!containsTrue(marker)) continue
    sensitivity ??= emptySensitivity()
    if (isObject(marker) && Object.values(marker).every((v) => v === true || v === false)) {
      for (const [key, flag] of Object.entries(marker)) if (flag === true) markSensitive(sensitivity, attribute, key)
      if (!sensitivity.mapKeys.has(attribute)) sensitivity.whole.add(attribute)
    } else sensitivity.whole.add(attribute)
  }
  return sensitivity
}

interface ConfigResource {
  providerKey?: string
  dependencies: string[]
}

/** Every `references` list inside a resource's expressions (nested blocks included). */
function collectReferences(expressions: unknown, into: string[]): string[] {
  const stack: unknown[] = [expressions]
  while (stack.length > 0) {
    const value = stack.pop()
    if (Array.isArray(value)) for (const item of value) stack.push(item)
    else if (isObject(value))
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'references') for (const ref of strings(inner)) into.push(ref)
        else if (typeof inner === 'object') stack.push(inner)
      }
  }
  return into
}

/** A configuration reference as an absolute dependency address, or undefined (`var.x`, `data.…`, `each.key`). */
function referenceAddress(reference: string, modulePath: string): string | undefined {
  const parsed = parseAddress(reference)
  if (!parsed) return undefined
  if (parsed.resource?.mode === 'data') return undefined
  const prefix = modulePath ? `${modulePath}.` : ''
  if (parsed.resource) {
    const modules = parsed.modules.map((m) => `module.${m.name}${m.key ?? ''}`)
    modules.push(`${parsed.resource.type}.${parsed.resource.name}${parsed.resource.key ?? ''}`)
    return `${prefix}${modules.join('.')}`
  }
  const first = parsed.modules[0]
  return first ? `${prefix}module.${first.name}${first.key ?? ''}` : undefined
}

/** What a module's configuration can resolve: its input variables and what every resource in it inherits. */
interface ModuleScope {
  /** Config path of the module: `''` for the root, `module.app.module.nic` inside. */
  path: string
  /** Input variable → the absolute addresses its value in the module call refers to. */
  inputs: ReadonlyMap<string, readonly string[]>
  /** The enclosing calls' `depends_on`, `count` and `for_each` references: every resource inside waits for them. */
  inherited: readonly string[]
}

const VARIABLE = /^var\.([A-Za-z_][A-Za-z0-9_-]*)/

/**
 * References of an expression as absolute addresses: `var.x` through the module call's input (so a
 * NIC in a module depends on the subnet the caller passed), `each.*` through the `for_each` it
 * ranges over, resources and modules relative to the module path.
 */
function resolveReferences(references: readonly string[], scope: ModuleScope, each: readonly string[] = []): string[] {
  const out: string[] = []
  for (const reference of references) {
    const variable = VARIABLE.exec(reference)
    if (variable) for (const address of scope.inputs.get(variable[1]!) ?? []) out.push(address)
    else if (reference.startsWith('each.')) for (const address of each) out.push(address)
    else {
      const address = referenceAddress(reference, scope.path)
      if (address) out.push(address)
    }
  }
  return out
}

/** Config resources by config address (`module.network.aws_vpc.main`), with their provider key and dependencies. */
function readConfiguration(module: unknown, scope: ModuleScope, into: Map<string, ConfigResource>): void {
  if (!isObject(module)) return
  const prefix = scope.path ? `${scope.path}.` : ''
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    if (!isObject(resource) || resource.mode !== 'managed' || typeof resource.address !== 'string') continue
    const each = resolveReferences(collectReferences(resource.for_each_expression, []), scope)
    const references = collectReferences(resource.expressions, [])
    collectReferences(resource.count_expression, references)
    for (const dependency of strings(resource.depends_on)) references.push(dependency)
    const dependencies = new Set(resolveReferences(references, scope, each))
    for (const address of each) dependencies.add(address)
    for (const address of scope.inherited) dependencies.add(address)
    const providerKey = typeof resource.provider_config_key === 'string' ? resource.provider_config_key : undefined
    into.set(`${prefix}${resource.address}`, {providerKey, dependencies: [...dependencies]})
  }
  if (!isObject(module.module_calls)) return
  for (const [name, call] of Object.entries(module.module_calls)) {
    if (!isObject(call)) continue
    const each = resolveReferences(collectReferences(call.for_each_expression, []), scope)
    const inherited = new Set(scope.inherited)
    for (const address of each) inherited.add(address)
    for (const address of resolveReferences(collectReferences(call.count_expression, []), scope)) inherited.add(address)
    for (const address of resolveReferences(strings(call.depends_on), scope)) inherited.add(address)
    const inputs = new Map<string, readonly string[]>()
    if (isObject(call.expressions))
      for (const [variable, expression] of Object.entries(call.expressions))
        inputs.set(variable, resolveReferences(collectReferences(expression, []), scope, each))
    readConfiguration(call.module, {path: `${prefix}module.${name}`, inputs, inherited: [...inherited]}, into)
  }
}

function constant(expressions: unknown, key: string): string | undefined {
  const expression = isObject(expressions) ? expressions[key] : undefined
  const value = isObject(expression) ? expression.constant_value : undefined
  return typeof value === 'string' && value !== '' ? value : undefined
}

type Defaults = {region?: string; project?: string; subscription?: string}

/** Region and project set as constants in provider blocks, by provider config key and by provider name. */
function readProviderDefaults(configs: unknown): Map<string, Defaults> {
  const defaults = new Map<string, Defaults>()
  if (!isObject(configs)) return defaults
  for (const [key, config] of Object.entries(configs)) {
    if (!isObject(config)) continue
    const region = constant(config.expressions, 'region') ?? constant(config.expressions, 'location')
    const project = constant(config.expressions, 'project')
    const subscription = constant(config.expressions, 'subscription_id')
    if (!region && !project && !subscription) continue
    const values = {region, project, subscription}
    defaults.set(key, values)
    // Unaliased root blocks are inherited by modules that do not configure the provider themselves.
    if (!config.alias && !config.module_address && typeof config.full_name === 'string')
      defaults.set(`provider:${config.full_name}`, values)
    if (!config.alias && !config.module_address && typeof config.name === 'string') defaults.set(`name:${config.name}`, values)
  }
  return defaults
}

/** Walks `root_module` and its `child_modules` without recursion (deep module trees stay safe). */
function* moduleResources(root: unknown): Generator<Json> {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const module = stack.pop()
    if (!isObject(module)) continue
    if (Array.isArray(module.resources)) for (const resource of module.resources) if (isObject(resource)) yield resource
    if (Array.isArray(module.child_modules))
      for (let i = module.child_modules.length - 1; i >= 0; i--) stack.push(module.child_modules[i])
  }
}

const stripKeys = (address: string) => address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '')

/**
 * OpenTofu writes the same JSON as Terraform (its version goes into `terraform_version`), but
 * resolves unqualified providers from its own registry, so its provider addresses say so.
 */
function namesOpenTofuRegistry(data: Json): boolean {
  const configs = isObject(data.configuration) ? data.configuration.provider_config : undefined
  if (!isObject(configs)) return false
  return Object.values(configs).some(
    (config) => isObject(config) && typeof config.full_name === 'string' && config.full_name.startsWith('registry.opentofu.org/'),
  )
}

export function readTerraformShow(data: unknown, file: string): TerraformRead {
  if (!isObject(data)) throw new InputError(`${file}: not \`terraform show -json\` output (expected a JSON object).`)
  const plan = isPlan(data)
  const values = plan ? data.planned_values : data.values
  const root = isObject(values) ? values.root_module : undefined

  const priorDependencies = new Map<string, string[]>()
  const config = new Map<string, ConfigResource>()
  let providerDefaults = new Map<string, Defaults>()
  const actions = new Map<string, string>()
  if (plan) {
    const prior =
      isObject(data.prior_state) && isObject(data.prior_state.values) ? data.prior_state.values.root_module : undefined
    for (const resource of moduleResources(prior))
      if (typeof resource.address === 'string') priorDependencies.set(resource.address, strings(resource.depends_on))
    const configuration = isObject(data.configuration) ? data.configuration : {}
    readConfiguration(configuration.root_module, {path: '', inputs: new Map(), inherited: []}, config)
    providerDefaults = readProviderDefaults(configuration.provider_config)
    for (const change of Array.isArray(data.resource_changes) ? data.resource_changes : []) {
      if (!isObject(change) || typeof change.address !== 'string' || !isObject(change.change)) continue
      const list = strings(change.change.actions)
      const action = list.length === 2 ? 'replace' : list[0]
      if (action && action !== 'no-op' && action !== 'read') actions.set(change.address, action)
    }
  }

  const instances: TerraformInstance[] = []
  const skipped: Record<string, number> = {}
  for (const resource of moduleResources(root)) {
    const address = resource.address
    if (typeof address !== 'string' || typeof resource.type !== 'string') continue
    if (resource.mode === 'data') {
      bump(skipped, 'data sources')
      continue
    }
    if (typeof resource.deposed_key === 'string') {
      bump(skipped, 'deposed objects')
      continue
    }
    const parsed = parseAddress(address)
    if (!parsed?.resource) throw new InputError(`${file}: the resource address ${JSON.stringify(address)} cannot be read.`)
    if (typeof resource.provider_name !== 'string') throw new InputError(`${file}: ${address} has no "provider_name".`)

    let dependencies = strings(resource.depends_on)
    let defaults: Defaults | undefined
    if (plan) {
      const configAddress = stripKeys(address)
      const fromConfig = config.get(configAddress)
      const all = new Set(priorDependencies.get(address))
      for (const dependency of dependencies) all.add(dependency)
      for (const dependency of fromConfig?.dependencies ?? []) all.add(dependency)
      dependencies = [...all]
      // Keys are `aws`, `aws.eu`, or `<module>:aws` inside a module; a module without its own block inherits the root one.
      const key = fromConfig?.providerKey
      defaults =
        (key ? (providerDefaults.get(key) ?? providerDefaults.get(key.slice(key.lastIndexOf(':') + 1))) : undefined) ??
        providerDefaults.get(`provider:${resource.provider_name}`) ??
        providerDefaults.get(`name:${resource.provider_name.split('/').at(-1)}`)
    }
    instances.push({
      address,
      modules: parsed.modules,
      type: resource.type,
      name: parsed.resource.name,
      key: parsed.resource.key,
      provider: resource.provider_name,
      attributes: isObject(resource.values) ? resource.values : {},
      sensitive: sensitivityOf(resource.sensitive_values),
      dependencies,
      providerDefaults: defaults,
      plannedAction: actions.get(address),
    })
  }
  const version = typeof data.terraform_version === 'string' ? `, ${data.terraform_version}` : ''
  return {instances, skipped, detail: `${plan ? 'plan' : 'state'} (show -json${version})`, opentofu: namesOpenTofuRegistry(data)}
}
