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

/** How a type was resolved, in lookup order. */
export type MatchKind = 'type' | 'alias' | 'service' | 'unmapped'

/** What the catalog says about one resource. */
export interface Mapping {
  /** The canonical type (an alias resolves to its type). */
  type: string
  matchedBy: MatchKind
  category: string
  portability: PortabilityOrUnmapped
  stateful: boolean
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
}

export interface CatalogData {
  categories: Record<string, Category>
  providers: Record<string, ProviderInfo>
  regions: Record<string, Record<string, string>>
  egress: EgressFile
  /** Provider catalog files in load order; later files override earlier ones. */
  files: {file: string; data: CatalogFile; override?: boolean}[]
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

interface CompiledRefine {
  rule: RefineRule
  tests: [key: string, test: (value: string) => boolean][]
}

function compileRefine(rule: RefineRule): CompiledRefine {
  const tests = Object.entries(rule.when).map(([key, expected]): [string, (value: string) => boolean] => {
    const patterns = (Array.isArray(expected) ? expected : [expected]).map((p) => globToRegExp(p, 'i'))
    return [normaliseKey(key), (value) => patterns.some((re) => re.test(value))]
  })
  return {rule, tests}
}

/** Attribute keys compare without case or underscores: collectors write databaseVersion, Terraform database_version. */
const normaliseKey = (key: string): string => key.toLowerCase().replace(/_/g, '')

/** Reads an attribute whatever the casing of its key. */
function attributeValue(attributes: Record<string, unknown>, key: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (normaliseKey(name) === key && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'))
      return String(value)
  }
  return undefined
}

/** The validated, indexed catalog. Lookup: exact type → alias → service default → unmapped. */
export class Catalog {
  readonly categories: ReadonlyMap<string, Category>
  readonly providers: ReadonlyMap<string, ProviderInfo>
  readonly egress: EgressFile
  readonly entries = new Map<string, IndexedEntry>()
  readonly services = new Map<string, IndexedService>()
  readonly aliases = new Map<string, string>()
  private readonly regionCountry = new Map<string, Map<string, string>>()
  private readonly baseCache = new Map<string, Mapping>()
  private readonly refineCache = new Map<string, CompiledRefine[]>()
  private readonly countryCache = new Map<string, Map<string, string | undefined>>()

  private constructor(data: CatalogData) {
    this.categories = new Map(Object.entries(data.categories))
    this.providers = new Map(Object.entries(data.providers))
    this.egress = data.egress
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
    return catalog
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

  /** The canonical type for a type or alias (Terraform type, ARN pattern, Resource Explorer type). */
  canonicalType(typeOrAlias: string): string | undefined {
    if (this.entries.has(typeOrAlias)) return typeOrAlias
    return this.aliases.get(typeOrAlias)
  }

  /** Maps a type, refined by the resource's attributes where the entry has refine rules. */
  lookup(type: string, attributes?: Record<string, unknown>): Mapping {
    const base = this.baseMapping(type)
    const rules = this.refineCache.get(base.type)
    if (!rules || !attributes) return base
    for (const {rule, tests} of rules) {
      if (
        tests.every(([key, test]) => {
          const value = attributeValue(attributes, key)
          return value !== undefined && test(value)
        })
      ) {
        return {
          ...base,
          ...rule.set,
          refinedBy:
            rule.note ??
            Object.entries(rule.when)
              .map(([k, v]) => `${k}=${v}`)
              .join(', '),
        }
      }
    }
    return base
  }

  private baseMapping(type: string): Mapping {
    const cached = this.baseCache.get(type)
    if (cached) return cached
    let mapping: Mapping
    let refine: RefineRule[] | undefined
    const direct = this.entries.get(type)
    const viaAlias = direct ? undefined : this.aliases.get(type)
    const indexed = direct ?? (viaAlias ? this.entries.get(viaAlias) : undefined)
    if (indexed) {
      mapping = this.fromFields(viaAlias ?? type, direct ? 'type' : 'alias', indexed.entry)
      mapping.exitSteps = indexed.entry.exitSteps
      mapping.title = indexed.entry.title
      refine = indexed.entry.refine
    } else {
      const service = this.services.get(namespaceOf(type))
      if (service) {
        mapping = this.fromFields(type, 'service', service.default)
        mapping.title = service.default.title
        refine = service.default.refine
      } else {
        mapping = {
          type,
          matchedBy: 'unmapped',
          category: UNMAPPED_CATEGORY,
          portability: 'unmapped',
          stateful: false,
          equivalents: [],
          european: [],
        }
      }
    }
    if (refine?.length) this.refineCache.set(mapping.type, refine.map(compileRefine))
    this.baseCache.set(type, mapping)
    return mapping
  }

  private fromFields(type: string, matchedBy: MatchKind, fields: ServiceDefault | CatalogEntry): Mapping {
    return {
      type,
      matchedBy,
      category: fields.category,
      portability: fields.portability,
      stateful: fields.stateful,
      standard: fields.standard,
      equivalents: fields.equivalents ?? [],
      european: fields.european ?? [],
      effort: fields.effort,
      exit: fields.exit,
      vendor: fields.vendor,
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
