import {createHash} from 'node:crypto'
import {readdir, readFile} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {z} from 'zod'
import {InputError} from '../errors.js'
import {writeFileAtomic} from '../util/atomic.js'
import {loadYamlFile, parseYaml, readInputFile} from '../util/yaml.js'
import {Catalog, type CatalogData} from './catalog.js'
import {CONTROL_FILES} from './control.js'
import {CatalogFileSchema, CategoriesFileSchema, EgressFileSchema, ProvidersFileSchema, RegionsFileSchema} from './schema.js'
import {readSovereigntyData, SOVEREIGNTY_DIR, sovereigntyFiles} from './sovereignty.js'
import {SovereigntyDataSchema} from './sovereignty-schema.js'
import type {TerraformTableFile} from './terraform.js'
import {type TerraformTable, TerraformTableSchema} from './terraform-schema.js'

/** The catalog shipped with exitready (catalog/ at the package root). */
export const BUILTIN_CATALOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../catalog')

/** Files in the catalog folder that are not provider catalogs. */
const SPECIAL_FILES = new Set(['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml', ...CONTROL_FILES])

/** The subfolder with one Terraform table per Terraform provider. */
export const TERRAFORM_DIR = 'terraform'

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

/** The built-in catalog compiled to JSON at build time (npm run build); YAML parsing costs seconds, JSON milliseconds. */
export const COMPILED_CATALOG = resolve(dirname(fileURLToPath(import.meta.url)), '../catalog.compiled.json')

const CompiledCatalogSchema = z.object({
  fingerprint: z.string(),
  categories: CategoriesFileSchema.shape.categories,
  providers: ProvidersFileSchema.shape.providers,
  regions: RegionsFileSchema.shape.regions,
  egress: EgressFileSchema,
  files: z.array(z.object({file: z.string(), data: CatalogFileSchema})),
  terraform: z.array(z.object({file: z.string(), data: TerraformTableSchema})),
  sovereignty: SovereigntyDataSchema.optional(),
})

/** YAML files of a folder, sorted; none when the folder is absent. */
async function yamlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** A hash of every YAML file of the folder and its Terraform tables, so a compiled catalog is only used while it matches the sources. */
export async function catalogFingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256')
  for (const name of await yamlFiles(dir)) {
    hash.update(name)
    hash.update(await readFile(join(dir, name)))
  }
  for (const name of await yamlFiles(join(dir, TERRAFORM_DIR))) {
    hash.update(`${TERRAFORM_DIR}/${name}`)
    hash.update(await readFile(join(dir, TERRAFORM_DIR, name)))
  }
  for (const name of await sovereigntyFiles(dir)) {
    hash.update(`${SOVEREIGNTY_DIR}/${name}`)
    hash.update(await readFile(join(dir, SOVEREIGNTY_DIR, name)))
  }
  return hash.digest('hex')
}

/** Reads one Terraform table; every key must start with the table's type prefix. */
export async function loadTerraformTable(file: string, name = file): Promise<TerraformTable> {
  return parseYaml({file: name, text: await readInputFile(file)}, TerraformTableSchema, (table, at) => {
    for (const section of ['prefixes', 'types'] as const)
      for (const key of Object.keys(table[section] ?? {}))
        if (!key.startsWith(table.typePrefix))
          throw new InputError(
            `${at([section, key])}: ${section}.${key} does not start with the table's typePrefix ${table.typePrefix}.`,
          )
  })
}

async function readTerraformTables(dir: string): Promise<TerraformTableFile[]> {
  const folder = join(dir, TERRAFORM_DIR)
  return Promise.all(
    (await yamlFiles(folder)).map(async (name) => {
      const file = `${TERRAFORM_DIR}/${name}`
      return {file, data: await loadTerraformTable(join(folder, name), join(folder, name))}
    }),
  )
}

/** Reads and validates the YAML of a catalog folder (every error names file, line and column). */
export async function readCatalogData(dir: string): Promise<CatalogData> {
  let present: string[]
  try {
    present = await readdir(dir)
  } catch {
    throw new InputError(`The catalog folder ${dir} cannot be read.`)
  }
  const names = present.filter((name) => name.endsWith('.yaml') && !SPECIAL_FILES.has(name)).sort()
  const optional = <T extends z.ZodType>(name: string, schema: T, empty: z.infer<T>) =>
    present.includes(name) ? loadYamlFile(join(dir, name), schema) : Promise.resolve(empty)
  const [categories, providers, regions, egress, files, terraform, sovereignty] = await Promise.all([
    loadYamlFile(join(dir, 'categories.yaml'), CategoriesFileSchema),
    loadYamlFile(join(dir, 'providers.yaml'), ProvidersFileSchema),
    loadYamlFile(join(dir, 'regions.yaml'), RegionsFileSchema),
    optional('egress.yaml', EgressFileSchema, {asOf: '1970-01-01', providers: {}}),
    Promise.all(names.map(async (name) => ({file: name, data: await loadYamlFile(join(dir, name), CatalogFileSchema)}))),
    readTerraformTables(dir),
    readSovereigntyData(dir),
  ])
  return {
    categories: categories.categories,
    providers: providers.providers,
    regions: regions.regions,
    egress,
    files,
    terraform,
    ...(sovereignty ? {sovereignty} : {}),
  }
}

/** The compiled built-in catalog when it is present and current, else undefined. */
async function readCompiled(dir: string): Promise<CatalogData | undefined> {
  if (dir !== BUILTIN_CATALOG_DIR) return undefined
  let text: string
  try {
    text = await readFile(COMPILED_CATALOG, 'utf8')
  } catch {
    return undefined
  }
  const parsed = CompiledCatalogSchema.safeParse(JSON.parse(text))
  if (!parsed.success || parsed.data.fingerprint !== (await catalogFingerprint(dir))) return undefined
  const {fingerprint: _fingerprint, ...data} = parsed.data
  return data
}

/** Writes the compiled built-in catalog; run by `npm run build`. */
export async function writeCompiledCatalog(file = COMPILED_CATALOG, dir = BUILTIN_CATALOG_DIR): Promise<void> {
  const data = await readCatalogData(dir)
  Catalog.fromData(data) // cross-reference checks, so a broken catalog fails the build
  await writeFileAtomic(file, JSON.stringify({fingerprint: await catalogFingerprint(dir), ...data}))
}

async function readCatalog(dir: string, extraFiles: string[]): Promise<Catalog> {
  const base = (await readCompiled(dir)) ?? (await readCatalogData(dir))
  const extra = await Promise.all(
    extraFiles.map(async (file) => ({file, data: await loadYamlFile(file, CatalogFileSchema), override: true})),
  )
  return Catalog.fromData({...base, files: [...base.files, ...extra]})
}
