import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {Catalog} from './catalog.js'
import {BUILTIN_CATALOG_DIR} from './load.js'
import {namespaceOf} from './namespace.js'
import type {CatalogEntry} from './schema.js'

/** The reference lists of real resource types that coverage is measured against (vendored from the provider schemas). */
export const REFERENCE_LISTS = {
  aws: 'aws-cloudformation-types.txt',
  azure: 'azure-arm-types.txt',
  gcp: 'gcp-asset-types.txt',
} as const

export interface ProviderCoverage {
  provider: string
  referenceTypes: number
  referenceNamespaces: number
  /** Reference types with an entry of their own (exact type). */
  typeLevel: number
  /** Reference types resolved by an entry or a service default. */
  serviceLevel: number
  namespacesWithDefault: number
  /** Entries with every field: standard, equivalents, european (where the class allows), effort, exit, aliases. */
  fullDepthEntries: number
  missingNamespaces: string[]
}

/** An entry has full depth when a reader gets a complete exit path from it. */
export function isFullDepth(entry: CatalogEntry): boolean {
  const needsTarget = entry.portability !== 'captive'
  return Boolean(
    entry.effort &&
      (entry.exit || entry.exitSteps?.length) &&
      entry.aliases?.length &&
      (!needsTarget || (entry.standard && entry.equivalents?.length && entry.european?.length)),
  )
}

export async function readReferenceList(provider: keyof typeof REFERENCE_LISTS, dir = join(BUILTIN_CATALOG_DIR, 'reference')) {
  const text = await readFile(join(dir, REFERENCE_LISTS[provider]), 'utf8')
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

export async function measureCoverage(catalog: Catalog, referenceDir?: string): Promise<ProviderCoverage[]> {
  const results: ProviderCoverage[] = []
  for (const provider of Object.keys(REFERENCE_LISTS) as (keyof typeof REFERENCE_LISTS)[]) {
    const types = await readReferenceList(provider, referenceDir)
    const namespaces = new Set(types.map(namespaceOf))
    let typeLevel = 0
    let serviceLevel = 0
    for (const type of types) {
      const {matchedBy} = catalog.lookup(type)
      if (matchedBy === 'type') typeLevel++
      if (matchedBy !== 'unmapped') serviceLevel++
    }
    const missingNamespaces = [...namespaces].filter((ns) => !catalog.services.has(ns)).sort()
    let fullDepthEntries = 0
    for (const indexed of catalog.entries.values())
      if (indexed.provider === provider && isFullDepth(indexed.entry)) fullDepthEntries++
    results.push({
      provider,
      referenceTypes: types.length,
      referenceNamespaces: namespaces.size,
      typeLevel,
      serviceLevel,
      namespacesWithDefault: namespaces.size - missingNamespaces.length,
      fullDepthEntries,
      missingNamespaces,
    })
  }
  return results
}
