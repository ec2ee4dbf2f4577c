import type {Catalog, LookupExplanation, Mapping} from './catalog.js'
import {isFullDepth} from './coverage.js'
import type {CatalogEntry} from './schema.js'

export interface CatalogListRow {
  type: string
  provider: string
  level: 'type' | 'service'
  category: string
  portability: string
  /** What the service speaks today. */
  speaks?: string
  /** The open standard or protocol to move to. */
  target?: string
  fullDepth: boolean
}

export interface CatalogListFilter {
  provider?: string
  category?: string
  portability?: string
  services?: boolean
}

/** Entries (and, with `services`, service defaults) matching the filter, sorted by type. */
export function listCatalog(catalog: Catalog, filter: CatalogListFilter = {}): CatalogListRow[] {
  const rows: CatalogListRow[] = []
  for (const [type, {provider, entry}] of catalog.entries)
    rows.push({
      type,
      provider,
      level: 'type',
      category: entry.category,
      portability: entry.portability,
      speaks: entry.speaks,
      target: entry.target,
      fullDepth: isFullDepth(entry),
    })
  if (filter.services)
    for (const [namespace, {provider, default: d}] of catalog.services)
      rows.push({
        type: `${namespace} (service default)`,
        provider,
        level: 'service',
        category: d.category,
        portability: d.portability,
        speaks: d.speaks,
        target: d.target,
        fullDepth: false,
      })
  return rows
    .filter(
      (r) =>
        (!filter.provider || r.provider === filter.provider) &&
        (!filter.category || r.category === filter.category) &&
        (!filter.portability || r.portability === filter.portability),
    )
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.type.localeCompare(b.type))
}

export interface CatalogShowResult {
  query: string
  mapping: Mapping
  provider?: string
  file?: string
  aliases: string[]
  refine: CatalogEntry['refine']
  /** How the lookup went and which Terraform table line or child rule decided, if one did. */
  explanation: LookupExplanation
}

/** Everything the catalog says about a type or alias, with where it came from. */
export function showCatalogType(catalog: Catalog, query: string): CatalogShowResult {
  const mapping = catalog.lookup(query)
  const indexed = catalog.entries.get(mapping.type)
  return {
    query,
    mapping,
    provider: indexed?.provider,
    file: indexed?.file,
    aliases: indexed?.entry.aliases ?? [],
    refine: indexed?.entry.refine,
    explanation: catalog.explain(query),
  }
}
