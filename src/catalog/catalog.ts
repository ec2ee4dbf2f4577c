import {InputError} from '../errors.js'
import {globToRegExp} from '../util/glob.js'
import {namespaceOf} from './namespace.js'
import type {
  CatalogEntry,
  CatalogFile,
  Category,
  Effort,
  EgressFile,
  EuropeanOffer,
  PortabilityOrUnmapped,
  ProviderInfo,
  RefineRule,
  ServiceDefault,
  Vendor,
} from './schema.js'
import {checkSovereignty} from './sovereignty.js'
import type {SovereigntyData} from './sovereignty-schema.js'
import {type CompiledChildRule, TerraformIndex, type TerraformRoute, type TerraformTableFile, variantType} from './terraform.js'
import type {TerraformSet} from './terraform-schema.js'

/** How a type was resolved, in lookup order. */
export type MatchKind = 'type' | 'alias' | 'service' | 'unmapped'

/**
 * The finer route of a lookup, for coverage and `catalog show`: its own entry, an entry's alias, a
 * Terraform table to an entry, a Terraform table to a service default or child rule, a child rule
 * on a canonical type without an entry, the service default, or nothing.
 */
export type LookupRoute = 'type' | 'alias' | 'terraform-entry' | 'terraform-default' | 'child' | 'service' | 'unmapped'

export interface LookupExplanation {
  route: LookupRoute
  /** The table line or child rule that decided, e.g. `terraform/aws.yaml: types.aws_db_instance`. */
  source?: string
}

/** What the catalog says about one resource. */
export interface Mapping {
  /** The canonical type (an alias resolves to its type). */
  type: string
  matchedBy: MatchKind
  category: string
  portability: PortabilityOrUnmapped
  stateful: boolean
  /** What the service speaks today (its API or protocol). */
  speaks?: string
  /** The open standard or protocol to move to. */
  target?: string
  /** Deprecated: equal to `target`, kept for one release. */
  standard?: string
  equivalents: string[]
  european: EuropeanOffer[]
  effort?: Effort
  exit?: string
  exitSteps?: string[]
  title?: string
  vendor?: Vendor
  /** The note of the refine rule that changed the mapping, if any. */
  refinedBy?: string
  /** What the mapping assumes because an attribute is unknown ("engine unknown: …"); absent when nothing was assumed. */
  assumptions?: string[]
  /** The provider retires the service (or this tier) on this day; a forced migration is the cheapest moment to exit. */
  retiring?: string
  successor?: string
  retirementNotice?: string
}

export interface CatalogData {
  categories: Record<string, Category>
  providers: Record<string, ProviderInfo>
  regions: Record<string, Record<string, string>>
  egress: EgressFile
  /** Provider catalog files in load order; later files override earlier ones. */
  files: {file: string; data: CatalogFile; override?: boolean}[]
  /** The Terraform tables (catalog/terraform/). */
  terraform?: TerraformTableFile[]
  /** catalog/sovereignty/: the EU Cloud Sovereignty Framework, certification schemes and provider profiles. */
  sovereignty?: SovereigntyData
}

interface IndexedEntry {
  provider: string
  file: string
  entry: CatalogEntry
}
interface IndexedService {
  provider: string
  file: string
  default: ServiceDefault
}

const UNMAPPED_CATEGORY = 'unmapped'

/** What a child rule says when it gives no exit of its own. */
const CHILD_EXIT =
  'A setting of its parent resource, not a resource to move on its own: re-create it with the parent at the target.'

interface Resolved {
  mapping: Mapping
  refine?: RefineRule[]
  explanation: LookupExplanation
}

interface CompiledRefine {
  rule: RefineRule
  /** Each test gets the attribute value, or undefined when it is absent or the collector could not read it. */
  tests: [key: string, test: (value: string | undefined) => boolean][]
}

function compileRefine(rule: RefineRule): CompiledRefine {
  const tests = Object.entries(rule.when).map(([key, expected]): [string, (value: string | undefined) => boolean] => {
    if (expected === null) return [normaliseKey(key), (value) => value === undefined]
    const patterns = (Array.isArray(expected) ? expected : [expected]).map((p) => globToRegExp(p, 'i'))
    return [normaliseKey(key), (value) => value !== undefined && patterns.some((re) => re.test(value))]
  })
  return {rule, tests}
}

/** Attribute keys compare without case or underscores: collectors write databaseVersion, Terraform database_version. */
export const normaliseKey = (key: string): string => key.toLowerCase().replace(/_/g, '')

/** The attribute in which a collector lists the keys it could not read (a describe call failed): unknown, not absent. */
export const UNREAD_ATTRIBUTE = 'attributesUnread'

/** The normalised keys a collector says it could not read (a list, or a comma-separated string). */
function unreadKeys(attributes: Record<string, unknown>): Set<string> | undefined {
  const unread = attributes[UNREAD_ATTRIBUTE]
  const names = Array.isArray(unread) ? unread : typeof unread === 'string' ? unread.split(',') : undefined
  if (!names?.length) return undefined
  return new Set(names.filter((n): n is string => typeof n === 'string').map((n) => normaliseKey(n.trim())))
}

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'

/** Reads an attribute whatever the casing of its key; a list of scalars reads as its comma-joined values. */
function attributeValue(attributes: Record<string, unknown>, key: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (normaliseKey(name) !== key) continue
    if (isScalar(value)) return String(value)
    if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) return value.join(',')
  }
  return undefined
}

/** A portable or compatible service that names no `speaks` already speaks its target (S3 speaks the S3 API). */
function spokenTarget(portability: PortabilityOrUnmapped, target: string | undefined): string | undefined {
  return portability === 'portable' || portability === 'compatible' ? target : undefined
}

/** How deep a `resolveTo` chain may go (an entry resolving to one that resolves again is a catalog error). */
const MAX_RESOLVE_DEPTH = 2

/** A child or configuration type: its parent's class, the rule's category, no data of its own. */
function applyChild(mapping: Mapping, {rule}: CompiledChildRule): Mapping {
  return {
    ...mapping,
    category: rule.keepCategories?.includes(mapping.category) ? mapping.category : rule.category,
    stateful: false,
    effort: 'S',
    title: rule.title ?? mapping.title,
    exit: rule.exit ?? CHILD_EXIT,
    exitSteps: undefined,
  }
}

function applySet(mapping: Mapping, set: TerraformSet): Mapping {
  const next = {...mapping, exitSteps: undefined}
  for (const [key, value] of Object.entries(set)) if (value !== undefined) Object.assign(next, {[key]: value})
  return next
}

/**
 * The validated, indexed catalog. Lookup: exact type → alias (unless a Terraform table overrides it)
 * → Terraform table (to a canonical type and its entry, or a service default) → child rule → service
 * default → unmapped.
 */
export class Catalog {
  readonly categories: ReadonlyMap<string, Category>
  readonly providers: ReadonlyMap<string, ProviderInfo>
  readonly egress: EgressFile
  readonly sovereignty?: SovereigntyData
  readonly entries = new Map<string, IndexedEntry>()
  readonly services = new Map<string, IndexedService>()
  readonly aliases = new Map<string, string>()
  terraform = new TerraformIndex()
  private readonly explanations = new Map<string, LookupExplanation>()
  private readonly regionCountry = new Map<string, Map<string, string>>()
  private readonly baseCache = new Map<string, Mapping>()
  private readonly refineCache = new Map<string, CompiledRefine[]>()
  private readonly readsCache = new Map<string, boolean>()
  private readonly countryCache = new Map<string, Map<string, string | undefined>>()

  private constructor(data: CatalogData) {
    this.categories = new Map(Object.entries(data.categories))
    this.providers = new Map(Object.entries(data.providers))
    this.egress = data.egress
    this.sovereignty = data.sovereignty
    for (const [provider, regions] of Object.entries(data.regions))
      this.regionCountry.set(provider, new Map(Object.entries(regions).map(([r, c]) => [r.toLowerCase(), c])))
  }

  /** Builds the indexes and checks cross-references; throws InputError naming file and field. */
  static fromData(data: CatalogData): Catalog {
    const catalog = new Catalog(data)
    for (const {file, data: catalogFile, override} of data.files) {
      for (const [namespace, service] of Object.entries(catalogFile.services)) {
        const where = `${file}: services.${namespace}`
        if (service.default) {
          catalog.check(service.default, `${where}.default`)
          catalog.services.set(namespace, {provider: catalogFile.provider, file, default: service.default})
        }
        for (const [type, entry] of Object.entries(service.types ?? {})) {
          const at = `${where}.types.${type}`
          if (namespaceOf(type) !== namespace)
            throw new InputError(`${at}: type ${type} belongs to namespace ${namespaceOf(type)}, not ${namespace}.`)
          catalog.check(entry, at)
          catalog.entries.set(type, {provider: catalogFile.provider, file, entry})
          for (const alias of entry.aliases ?? []) {
            const previous = catalog.aliases.get(alias)
            if (previous && previous !== type && !override)
              throw new InputError(`${at}.aliases: alias ${alias} already names ${previous}; an alias must map to one type.`)
            catalog.aliases.set(alias, type)
          }
        }
      }
    }
    catalog.indexTerraform(data.terraform ?? [])
    if (data.sovereignty) checkSovereignty(data.sovereignty, catalog.providers)
    return catalog
  }

  /** Indexes the Terraform tables; their service defaults fill only namespaces that no entry file has. */
  private indexTerraform(tables: readonly TerraformTableFile[]): void {
    this.terraform = TerraformIndex.fromTables(tables)
    for (const {file, data} of tables) {
      for (const [namespace, service] of Object.entries(data.services ?? {})) {
        if (this.services.has(namespace)) continue
        this.check(service.default, `${file}: services.${namespace}.default`)
        this.services.set(namespace, {provider: data.provider, file, default: service.default})
      }
    }
    for (const route of this.terraform.routes())
      if (route.set?.category && !this.categories.has(route.set.category))
        throw new InputError(`${route.source}.set.category: unknown category "${route.set.category}".`)
    for (const {rule, source} of this.terraform.children)
      for (const category of [rule.category, ...(rule.keepCategories ?? [])])
        if (!this.categories.has(category)) throw new InputError(`${source}.category: unknown category "${category}".`)
  }

  private check(fields: Pick<ServiceDefault, 'category' | 'european' | 'refine'>, at: string): void {
    if (!this.categories.has(fields.category))
      throw new InputError(`${at}.category: unknown category "${fields.category}"; it must be one of categories.yaml.`)
    for (const [i, offer] of (fields.european ?? []).entries())
      if (!this.providers.has(offer.provider))
        throw new InputError(`${at}.european[${i}].provider: "${offer.provider}" is not in providers.yaml.`)
    for (const [i, rule] of (fields.refine ?? []).entries()) {
      if (rule.set.category && !this.categories.has(rule.set.category))
        throw new InputError(`${at}.refine[${i}].set.category: unknown category "${rule.set.category}".`)
    }
  }

  /**
   * The canonical type for a type or alias (Terraform type, ARN pattern, Resource Explorer type), or
   * undefined when the name stays as it is: a Terraform type that is a setting of something else
   * (its lookup goes through the Terraform table), or one whose type depends on attributes not given.
   */
  canonicalType(typeOrAlias: string, attributes?: Record<string, unknown>): string | undefined {
    if (this.entries.has(typeOrAlias)) return typeOrAlias
    const route = this.terraform.route(typeOrAlias)
    if (route?.variants) return attributes ? variantType(route, attributes) : undefined
    const own = route?.kind === 'type' ? route.target : undefined
    if (route?.overridesAlias) return own
    return this.aliases.get(typeOrAlias) ?? own
  }

  /** How a type resolves and what decided it. */
  explain(type: string): LookupExplanation {
    this.baseMapping(type)
    return this.explanations.get(type)!
  }

  /**
   * Whether a type's mapping can depend on a resource's attributes (a refine rule on it, or a
   * Terraform type whose canonical type an attribute decides). When false, `lookup(type, anything)`
   * is `lookup(type, {})`, so callers may share one mapping per type.
   */
  readsAttributes(type: string): boolean {
    let reads = this.readsCache.get(type)
    if (reads === undefined) {
      const route = this.entries.has(type) ? undefined : this.terraform.route(type)
      reads = route?.variants !== undefined || this.refineCache.has(this.baseMapping(type).type)
      this.readsCache.set(type, reads)
    }
    return reads
  }

  /**
   * Maps a type. With attributes (even none: `{}`), refine rules apply, including those for an
   * attribute that is absent or unread; without, it is the type-level mapping.
   */
  lookup(type: string, attributes?: Record<string, unknown>): Mapping {
    const base = attributes ? this.variantMapping(type, attributes) : this.baseMapping(type)
    if (!attributes) return base
    return this.refined(base, attributes, 0)
  }

  private refined(base: Mapping, attributes: Record<string, unknown>, depth: number): Mapping {
    const rules = this.refineCache.get(base.type)
    if (!rules) return base
    const unread = unreadKeys(attributes)
    for (const {rule, tests} of rules) {
      if (!tests.every(([key, test]) => test(unread?.has(key) ? undefined : attributeValue(attributes, key)))) continue
      const refinedBy =
        rule.note ??
        Object.entries(rule.when)
          .map(([k, v]) => `${k}=${v === null ? 'unknown' : v}`)
          .join(', ')
      let mapping: Mapping
      if (rule.resolveTo && depth < MAX_RESOLVE_DEPTH) {
        const target = this.baseMapping(rule.resolveTo)
        mapping = {...this.refined(target, attributes, depth + 1), matchedBy: base.matchedBy}
      } else mapping = {...base}
      Object.assign(mapping, rule.set)
      if (rule.set.target && !rule.set.speaks) mapping.speaks = spokenTarget(mapping.portability, rule.set.target)
      mapping.refinedBy = mapping.refinedBy && mapping.refinedBy !== refinedBy ? `${refinedBy}; ${mapping.refinedBy}` : refinedBy
      if (rule.assume) mapping.assumptions = [...(mapping.assumptions ?? []), rule.assume]
      return mapping
    }
    return base
  }

  private baseMapping(type: string): Mapping {
    const cached = this.baseCache.get(type)
    if (cached) return cached
    const {mapping, refine, explanation} = this.resolve(type)
    if (refine?.length && !this.refineCache.has(mapping.type)) this.refineCache.set(mapping.type, refine.map(compileRefine))
    this.baseCache.set(type, mapping)
    this.explanations.set(type, explanation)
    return mapping
  }

  /** A Terraform type whose canonical type depends on attributes (a security group rule's `type`). */
  private variantMapping(type: string, attributes: Record<string, unknown>): Mapping {
    const route = this.entries.has(type) ? undefined : this.terraform.route(type)
    if (!route?.variants) return this.baseMapping(type)
    const chosen = variantType(route, attributes)
    const mapping = this.baseMapping(chosen)
    return mapping.matchedBy === 'type' ? {...mapping, matchedBy: 'alias'} : mapping
  }

  /** Exact type → alias (unless a Terraform table overrides it) → Terraform table → child rule → service default. */
  private resolve(type: string): Resolved {
    const direct = this.entries.get(type)
    if (direct) return this.fromEntry(type, 'type', direct, {route: 'type'})
    const route = this.terraform.route(type)
    if (route?.overridesAlias) return this.viaTerraform(type, route)
    const viaAlias = this.aliases.get(type)
    if (viaAlias) return this.fromEntry(viaAlias, 'alias', this.entries.get(viaAlias)!, {route: 'alias'})
    if (route) return this.viaTerraform(type, route)
    return this.viaService(namespaceOf(type), type, [type], undefined)
  }

  private fromEntry(type: string, matchedBy: MatchKind, indexed: IndexedEntry, explanation: LookupExplanation): Resolved {
    const mapping = this.fromFields(type, matchedBy, indexed.entry)
    mapping.exitSteps = indexed.entry.exitSteps
    mapping.title = indexed.entry.title
    return {mapping, refine: indexed.entry.refine, explanation}
  }

  private viaTerraform(tfType: string, route: TerraformRoute): Resolved {
    const source = route.source
    if (route.kind === 'type') {
      const entry = this.entries.get(route.target)
      if (entry) return this.fromEntry(route.target, 'alias', entry, {route: 'terraform-entry', source})
      return this.viaService(namespaceOf(route.target), route.target, [route.target, tfType], source)
    }
    // A part or a setting: the Terraform type keeps its name, and its fields come from the parent. A
    // prefix's `set` is a family default that a child rule refines; a type's own `set` has the last word.
    const entry = route.kind === 'parent' ? this.entries.get(route.target) : undefined
    const service = entry ? undefined : this.services.get(route.kind === 'namespace' ? route.target : namespaceOf(route.target))
    if (!entry && !service) return this.viaService(route.target, tfType, [], source)
    let mapping = entry ? this.fromFields(tfType, 'alias', entry.entry) : this.fromFields(tfType, 'service', service!.default)
    mapping.title = entry ? entry.entry.title : service!.default.title
    const child = this.terraform.childRule(tfType)
    if (route.set && !route.exact) mapping = applySet(mapping, route.set)
    if (child) mapping = applyChild(mapping, child)
    if (route.set && route.exact) mapping = applySet(mapping, route.set)
    const refine = child || route.set ? undefined : (entry?.entry.refine ?? service?.default.refine)
    return {
      mapping,
      refine,
      explanation: {route: entry && !child ? 'terraform-entry' : 'terraform-default', source: child?.source ?? source},
    }
  }

  /** A namespace's service default as the first child rule matching one of `candidates` adjusts it. */
  private viaService(namespace: string, typeName: string, candidates: string[], source: string | undefined): Resolved {
    const service = this.services.get(namespace)
    if (!service)
      return {
        mapping: {
          type: typeName,
          matchedBy: 'unmapped',
          category: UNMAPPED_CATEGORY,
          portability: 'unmapped',
          stateful: false,
          equivalents: [],
          european: [],
        },
        explanation: {route: 'unmapped', source},
      }
    const mapping = this.fromFields(typeName, 'service', service.default)
    mapping.title = service.default.title
    let child: CompiledChildRule | undefined
    for (const candidate of candidates) {
      child = this.terraform.childRule(candidate)
      if (child) break
    }
    const tableRoute: LookupRoute = source === undefined ? 'service' : 'terraform-default'
    if (child)
      return {
        mapping: applyChild(mapping, child),
        explanation: {route: source === undefined ? 'child' : tableRoute, source: child.source},
      }
    return {mapping, refine: service.default.refine, explanation: {route: tableRoute, source}}
  }

  private fromFields(type: string, matchedBy: MatchKind, fields: ServiceDefault | CatalogEntry): Mapping {
    return {
      type,
      matchedBy,
      category: fields.category,
      portability: fields.portability,
      stateful: fields.stateful,
      speaks: fields.speaks ?? spokenTarget(fields.portability, fields.target),
      target: fields.target,
      standard: fields.target,
      equivalents: fields.equivalents ?? [],
      european: fields.european ?? [],
      effort: fields.effort,
      exit: fields.exit,
      vendor: fields.vendor,
      retiring: fields.retiring,
      successor: fields.successor,
      retirementNotice: fields.retirementNotice,
    }
  }

  /** ISO country of a region or zone; zones fall back to their region (eu-central-1a → eu-central-1). */
  countryOf(provider: string, region: string | undefined): string | undefined {
    if (!region) return undefined
    const regions = this.regionCountry.get(provider)
    if (!regions) return undefined
    // Estates repeat a handful of regions; resolving each once keeps assessment linear and cheap.
    let cache = this.countryCache.get(provider)
    if (!cache) {
      cache = new Map()
      this.countryCache.set(provider, cache)
    }
    if (cache.has(region)) return cache.get(region)
    const country = this.resolveCountry(regions, region)
    cache.set(region, country)
    return country
  }

  private resolveCountry(regions: ReadonlyMap<string, string>, region: string): string | undefined {
    let key = region.toLowerCase()
    for (;;) {
      const country = regions.get(key)
      if (country) return country
      // An availability zone drops its letter (eu-central-1a); anything else its last segment (fsn1-dc14).
      const shorter = /\d[a-z]$/.test(key) ? key.slice(0, -1) : key.replace(/-[^-]*$/, '')
      if (shorter === key || shorter.length === 0) return undefined
      key = shorter
    }
  }

  provider(id: string): ProviderInfo | undefined {
    return this.providers.get(id)
  }

  category(id: string): Category | undefined {
    return this.categories.get(id)
  }
}
