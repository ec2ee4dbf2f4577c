import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {Catalog, LookupRoute} from './catalog.js'
import {BUILTIN_CATALOG_DIR, TERRAFORM_DIR} from './load.js'
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
  /** Entries with every field: target, equivalents, european (where the class allows), effort, exit, aliases. */
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
      (!needsTarget || (entry.target && entry.equivalents?.length && entry.european?.length)),
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

/** The real lists of managed resource types of each Terraform provider (catalog/terraform/reference/<provider>.txt). */
export const TERRAFORM_REFERENCE_DIR = join(BUILTIN_CATALOG_DIR, TERRAFORM_DIR, 'reference')

/** How one Terraform provider's registered types resolve; every type counts once, in the first bucket that fits. */
export interface TerraformCoverage {
  /** The Terraform provider type name (aws, azurerm, google-beta …). */
  terraform: string
  /** The exitready provider its resources belong to, from its table. */
  provider?: string
  referenceTypes: number
  /** Resolved by the Terraform table to a canonical type that has an entry. */
  entry: number
  /** Resolved by an entry's alias. */
  alias: number
  /** Resolved by the Terraform table to a service default or a child rule. */
  default: number
  unmapped: number
  unmappedTypes: string[]
}

const BUCKET: Record<LookupRoute, 'entry' | 'alias' | 'default' | 'unmapped'> = {
  type: 'entry',
  'terraform-entry': 'entry',
  alias: 'alias',
  'terraform-default': 'default',
  child: 'default',
  service: 'default',
  unmapped: 'unmapped',
}

async function readLines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

/** Coverage of every Terraform list in the folder, sorted by provider name. */
export async function measureTerraformCoverage(catalog: Catalog, dir = TERRAFORM_REFERENCE_DIR): Promise<TerraformCoverage[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort()
  const results: TerraformCoverage[] = []
  for (const name of names) {
    const terraform = name.slice(0, -'.txt'.length)
    const coverage: TerraformCoverage = {
      terraform,
      provider: catalog.terraform.providers.get(terraform)?.data.provider,
      referenceTypes: 0,
      entry: 0,
      alias: 0,
      default: 0,
      unmapped: 0,
      unmappedTypes: [],
    }
    for (const type of await readLines(join(dir, name))) {
      coverage.referenceTypes++
      const bucket = BUCKET[catalog.explain(type).route]
      coverage[bucket]++
      if (bucket === 'unmapped') coverage.unmappedTypes.push(type)
    }
    results.push(coverage)
  }
  return results
}
