/**
 * Terraform addresses (`module.edge["fsn1"].hcloud_server.web[0]`) and the index that turns the
 * addresses in `dependencies` / `depends_on` / config references into resource ids.
 */

/** One module call on the path; `key` is the instance key as printed (`["fsn1"]`, `[0]`), if any. */
export interface ModuleStep {
  name: string
  key?: string
}

export interface ParsedAddress {
  modules: ModuleStep[]
  resource?: {mode: 'managed' | 'data'; type: string; name: string; key?: string}
}

/** Splits on dots outside brackets and quoted strings: `a["x.y"].b` → [`a["x.y"]`, `b`]. */
function splitTokens(address: string): string[] {
  const tokens: string[] = []
  let start = 0
  let depth = 0
  let quoted = false
  for (let i = 0; i < address.length; i++) {
    const c = address[i]
    if (quoted) {
      if (c === '\\') i++
      else if (c === '"') quoted = false
    } else if (c === '"') quoted = true
    else if (c === '[') depth++
    else if (c === ']') depth--
    else if (c === '.' && depth === 0) {
      tokens.push(address.slice(start, i))
      start = i + 1
    }
  }
  tokens.push(address.slice(start))
  return tokens
}

function splitKey(token: string): {name: string; key?: string} {
  const bracket = token.indexOf('[')
  return bracket < 0 ? {name: token} : {name: token.slice(0, bracket), key: token.slice(bracket)}
}

const NOT_RESOURCES = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'output', 'provider', 'ephemeral'])

/**
 * Parses a resource, resource instance or module address. Trailing attribute steps of a config
 * reference (`aws_vpc.main.id`) are ignored. Returns undefined for `var.x`, `local.y` and the like.
 */
export function parseAddress(address: string): ParsedAddress | undefined {
  const tokens = splitTokens(address)
  const modules: ModuleStep[] = []
  let i = 0
  while (tokens[i] === 'module' && tokens[i + 1] !== undefined) {
    modules.push(splitKey(tokens[i + 1]!))
    i += 2
  }
  if (i >= tokens.length) return modules.length > 0 ? {modules} : undefined
  let mode: 'managed' | 'data' = 'managed'
  if (tokens[i] === 'data') {
    mode = 'data'
    i++
  }
  const type = tokens[i]
  const nameToken = tokens[i + 1]
  if (!type || !nameToken || type.includes('[') || NOT_RESOURCES.has(type)) return modules.length > 0 ? {modules} : undefined
  const {name, key} = splitKey(nameToken)
  return {modules, resource: {mode, type, name, key}}
}

/** `[0]` or `["fsn1"]`, as Terraform prints instance keys. */
export function formatKey(key: unknown): string | undefined {
  if (typeof key === 'number') return `[${key}]`
  if (typeof key === 'string') return `[${JSON.stringify(key)}]`
  return undefined
}

export const moduleInstancePath = (modules: readonly ModuleStep[]): string =>
  modules.map((m) => `module.${m.name}${m.key ?? ''}`).join('.')
export const moduleConfigPath = (modules: readonly ModuleStep[]): string => modules.map((m) => `module.${m.name}`).join('.')
const join = (prefix: string, rest: string) => (prefix ? `${prefix}.${rest}` : rest)

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key)
  if (list) list.push(id)
  else map.set(key, [id])
}

/** Uses the caller's module instance keys where the dependency sits in the same module calls. */
function contextualise(target: readonly ModuleStep[], from: readonly ModuleStep[]): ModuleStep[] {
  const out: ModuleStep[] = []
  let same = true
  for (let i = 0; i < target.length; i++) {
    const step = target[i]!
    const mine = from[i]
    if (same && mine && mine.name === step.name && step.key === undefined) out.push(mine)
    else {
      if (!mine || mine.name !== step.name || (step.key !== undefined && step.key !== mine.key)) same = false
      out.push(step)
    }
  }
  return out
}

/**
 * Resource ids by address, at every level a dependency can name: one instance, all instances of a
 * resource in one module instance, all instances of a resource across module instances, and (built
 * on first use) everything inside a module. Lookups are cached, so 50,000 instances that share the
 * same few dependencies resolve them once.
 */
export class AddressIndex {
  private readonly byInstance = new Map<string, string>()
  private readonly byResource = new Map<string, string[]>()
  private readonly byConfig = new Map<string, string[]>()
  private readonly entries: {modules: readonly ModuleStep[]; id: string}[] = []
  private byModuleInstance?: Map<string, string[]>
  private byModuleConfig?: Map<string, string[]>
  private readonly cache = new Map<string, string[]>()

  add(modules: readonly ModuleStep[], type: string, name: string, key: string | undefined, id: string): void {
    const resource = join(moduleInstancePath(modules), `${type}.${name}`)
    this.byInstance.set(resource + (key ?? ''), id)
    push(this.byResource, resource, id)
    push(this.byConfig, join(moduleConfigPath(modules), `${type}.${name}`), id)
    if (modules.length > 0) this.entries.push({modules, id})
  }

  /** The ids a dependency address stands for, seen from a resource in module instance `from`. */
  resolve(dependency: string, from: readonly ModuleStep[]): readonly string[] {
    const cacheKey = `${moduleInstancePath(from)}\u0000${dependency}`
    let ids = this.cache.get(cacheKey)
    if (!ids) {
      ids = this.lookup(dependency, from)
      this.cache.set(cacheKey, ids)
    }
    return ids
  }

  private lookup(dependency: string, from: readonly ModuleStep[]): string[] {
    const parsed = parseAddress(dependency)
    if (!parsed || parsed.resource?.mode === 'data') return []
    const modules = contextualise(parsed.modules, from)
    const resource = parsed.resource
    if (!resource) return this.moduleIds(modules)
    const local = join(moduleInstancePath(modules), `${resource.type}.${resource.name}`)
    if (resource.key !== undefined) {
      const one = this.byInstance.get(local + resource.key)
      if (one) return [one]
    }
    return (
      this.byResource.get(local) ?? this.byConfig.get(join(moduleConfigPath(modules), `${resource.type}.${resource.name}`)) ?? []
    )
  }

  private moduleIds(modules: ModuleStep[]): string[] {
    if (!this.byModuleInstance || !this.byModuleConfig) {
      this.byModuleInstance = new Map()
      this.byModuleConfig = new Map()
      for (const {modules: path, id} of this.entries) {
        for (let depth = 1; depth <= path.length; depth++) {
          const prefix = path.slice(0, depth)
          push(this.byModuleInstance, moduleInstancePath(prefix), id)
          push(this.byModuleConfig, moduleConfigPath(prefix), id)
        }
      }
    }
    return this.byModuleInstance.get(moduleInstancePath(modules)) ?? this.byModuleConfig.get(moduleConfigPath(modules)) ?? []
  }
}
