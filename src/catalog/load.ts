import {readdir} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {z} from 'zod'
import {InputError} from '../errors.js'
import {loadYamlFile} from '../util/yaml.js'
import {Catalog, type CatalogData} from './catalog.js'
import {CatalogFileSchema, CategoriesFileSchema, EgressFileSchema, ProvidersFileSchema, RegionsFileSchema} from './schema.js'

/** The catalog shipped with exitready (catalog/ at the package root). */
export const BUILTIN_CATALOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../catalog')

/** Files in the catalog folder that are not provider catalogs. */
const SPECIAL_FILES = new Set(['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml'])

export interface LoadCatalogOptions {
  dir?: string
  /** Private catalog files (--catalog); their entries override the built-in ones. */
  extraFiles?: string[]
}

const cache = new Map<string, Promise<Catalog>>()

/** Loads and validates the catalog; the result is cached per set of files. */
export function loadCatalog(options: LoadCatalogOptions = {}): Promise<Catalog> {
  const dir = options.dir ?? BUILTIN_CATALOG_DIR
  const key = JSON.stringify([dir, options.extraFiles ?? []])
  let pending = cache.get(key)
  if (!pending) {
    pending = readCatalog(dir, options.extraFiles ?? [])
    pending.catch(() => cache.delete(key))
    cache.set(key, pending)
  }
  return pending
}

async function readCatalog(dir: string, extraFiles: string[]): Promise<Catalog> {
  let present: string[]
  try {
    present = await readdir(dir)
  } catch {
    throw new InputError(`The catalog folder ${dir} cannot be read.`)
  }
  const names = present.filter((name) => name.endsWith('.yaml') && !SPECIAL_FILES.has(name)).sort()
  const optional = <T extends z.ZodType>(name: string, schema: T, empty: z.infer<T>) =>
    present.includes(name) ? loadYamlFile(join(dir, name), schema) : Promise.resolve(empty)
  const [categories, providers, regions, egress] = await Promise.all([
    loadYamlFile(join(dir, 'categories.yaml'), CategoriesFileSchema),
    loadYamlFile(join(dir, 'providers.yaml'), ProvidersFileSchema),
    loadYamlFile(join(dir, 'regions.yaml'), RegionsFileSchema),
    optional('egress.yaml', EgressFileSchema, {asOf: '1970-01-01', providers: {}}),
  ])
  const files = await Promise.all(
    [...names.map((name) => join(dir, name)), ...extraFiles].map(async (file) => ({
      file: extraFiles.includes(file) ? file : basename(file),
      data: await loadYamlFile(file, CatalogFileSchema),
      override: extraFiles.includes(file),
    })),
  )
  const data: CatalogData = {
    categories: categories.categories,
    providers: providers.providers,
    regions: regions.regions,
    egress,
    files,
  }
  return Catalog.fromData(data)
}
