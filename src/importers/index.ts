/**
 * Offline sources → one inventory snapshot: each file is read once, its format detected (or forced),
 * mapped to resources with canonical types, and all files merged; the same id from two files becomes
 * one resource that records, in `seenBy`, every source that saw it.
 */
import type {Catalog} from '../catalog/catalog.js'
import {loadCatalog} from '../catalog/load.js'
import {InputError} from '../errors.js'
import type {ResourceInput, Snapshot, SourceStatus} from '../inventory/model.js'
import {createSnapshot, mergeSnapshots} from '../inventory/snapshot.js'
import {readAwsResourceExplorer} from './aws-resource-explorer.js'
import {readAwsTagging} from './aws-tagging.js'
import {readAzGraph} from './az-graph.js'
import {detectJsonFormat, detectYamlFormat, looksLikeJson} from './detect.js'
import {readGcloudAssets} from './gcloud-assets.js'
import {readInventoryYaml} from './inventory-yaml.js'
import {displayName, parseJson, readImportText, sourceLabel} from './read.js'
import {buildResources} from './terraform/build.js'
import {readTerraformShow} from './terraform-show.js'
import {readTerraformState} from './terraform-state.js'
import {type ExportRead, IMPORT_FORMATS, type ImportFormat} from './types.js'

export {IMPORT_FORMATS, type ImportFormat} from './types.js'

export interface ImportOptions {
  /** Skip detection and read every file in this format. */
  format?: ImportFormat
  /** A loaded catalog; otherwise the built-in one plus `catalogFiles`. */
  catalog?: Catalog
  catalogFiles?: string[]
  /** Terraform providers (`namespace/type` or `type`) whose resources are skipped instead of refused. */
  skipProviders?: string[]
  now?: Date
}

export interface FileSummary {
  file: string
  format: ImportFormat | 'empty'
  /** What the file turned out to be, e.g. `state v4, written by 1.9.5, OpenTofu`. */
  detail: string
  resources: number
  byProvider: Record<string, number>
  /** Data sources, non-cloud resources, resource groups …: label → count. */
  skipped: Record<string, number>
  /** Types the catalog does not know (kept, assessed as unknown risk): type → count. */
  unmapped: Record<string, number>
  warnings: string[]
  status: 'complete' | 'partial'
  /** Why the file is incomplete, when it is. */
  incomplete?: string
}

export interface ImportOutcome {
  snapshot: Snapshot
  files: FileSummary[]
  /** Resources that two or more files listed, merged into one. */
  duplicatesMerged: number
}

const EMPTY_PROVIDER: Record<ImportFormat | 'empty', string> = {
  'terraform-state': 'terraform',
  'terraform-show': 'terraform',
  'aws-tagging': 'aws',
  'aws-resource-explorer': 'aws',
  'az-graph': 'azure',
  'gcloud-assets': 'gcp',
  'inventory-yaml': 'saas',
  empty: 'unknown',
}

const FORMAT_LIST = Object.keys(IMPORT_FORMATS).join(', ')

interface FileRead extends ExportRead {
  format: ImportFormat | 'empty'
  detail: string
  skipped: Record<string, number>
}

async function readOne(file: string, options: ImportOptions, catalog: Catalog): Promise<FileRead> {
  const name = displayName(file)
  const text = await readImportText(file)
  let format: ImportFormat | 'empty' | undefined = options.format
  let data: unknown
  if (format === 'inventory-yaml' || (!format && !looksLikeJson(text))) {
    format ??= detectYamlFormat(text)
    if (!format)
      throw new InputError(
        `${name}: not JSON, and not an exitready inventory (no "kind: Inventory").`,
        `Pass --format with one of: ${FORMAT_LIST}.`,
      )
  } else {
    data = parseJson(text, file)
    format ??= detectJsonFormat(data)
    if (!format)
      throw new InputError(
        `${name}: the format cannot be recognised (not a Terraform state, \`terraform show -json\` output, or an AWS, Azure or gcloud export).`,
        `Pass --format with one of: ${FORMAT_LIST}.`,
      )
  }

  const source = `${format}:${sourceLabel(file)}`
  switch (format) {
    case 'empty':
      return {
        format,
        detail: 'an empty list',
        resources: [],
        warnings: ['The file is an empty list; nothing to import.'],
        skipped: {},
      }
    case 'terraform-state':
    case 'terraform-show': {
      const read = format === 'terraform-state' ? readTerraformState(data, name) : readTerraformShow(data, name)
      const built = buildResources(read.instances, {
        file: name,
        source,
        canonicalType: (tfType) => catalog.canonicalType(tfType),
        skipProviders: new Set((options.skipProviders ?? []).map((p) => p.toLowerCase())),
      })
      const skipped = {...read.skipped}
      for (const [label, count] of Object.entries(built.skipped)) skipped[label] = (skipped[label] ?? 0) + count
      return {
        format,
        detail: `${read.detail}${built.opentofu ? ', OpenTofu' : ''}`,
        resources: built.resources,
        warnings: [],
        skipped,
      }
    }
    case 'aws-tagging':
      return withDefaults(format, 'aws resourcegroupstaggingapi get-resources', readAwsTagging(data, name, source))
    case 'aws-resource-explorer':
      return withDefaults(format, 'aws resource-explorer-2', readAwsResourceExplorer(data, name, source))
    case 'az-graph':
      return withDefaults(
        format,
        Array.isArray(data) ? 'az graph query, plain list' : 'az graph query, paged',
        readAzGraph(data, name, source),
      )
    case 'gcloud-assets':
      return withDefaults(format, 'gcloud asset search-all-resources', readGcloudAssets(data, name, source))
    case 'inventory-yaml':
      return withDefaults(format, 'manual inventory', readInventoryYaml(text, name, source, catalog))
  }
}

const withDefaults = (format: ImportFormat, detail: string, read: ExportRead): FileRead => ({
  ...read,
  format,
  detail,
  skipped: read.skipped ?? {},
})

function describeCounts(counts: Record<string, number>, limit = 8): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const shown = entries.slice(0, limit).map(([key, count]) => `${key} ×${count}`)
  return entries.length > limit ? `${shown.join(', ')} and ${entries.length - limit} more` : shown.join(', ')
}

/** Imports files into one snapshot, with a summary of each file. */
export async function importFilesDetailed(files: string[], options: ImportOptions = {}): Promise<ImportOutcome> {
  if (files.length === 0)
    throw new InputError('No file to import.', 'Name at least one file, e.g. `exitready import terraform.tfstate`.')
  const catalog = options.catalog ?? (await loadCatalog({extraFiles: options.catalogFiles}))
  const now = options.now ?? new Date()
  const reads: {file: string; read: FileRead}[] = []
  // One file at a time: a large state is parsed and mapped before the next one is read.
  for (const file of files) reads.push({file, read: await readOne(file, options, catalog)})

  // Pages of one az graph query count as complete when together they hold every row.
  const graphPages = reads.filter(({read}) => read.format === 'az-graph' && read.totalRecords !== undefined)
  const graphRows = graphPages.reduce(
    (sum, {read}) => sum + read.resources.length + Object.values(read.skipped).reduce((a, b) => a + b, 0),
    0,
  )
  if (graphPages.length > 0 && graphRows >= Math.max(...graphPages.map(({read}) => read.totalRecords!)))
    for (const {read} of graphPages) delete read.partial

  const summaries: FileSummary[] = []
  const snapshots: Snapshot[] = []
  let total = 0
  for (const {file, read} of reads) {
    const byProvider: Record<string, number> = {}
    const unmappedByProvider = new Map<string, Record<string, number>>()
    const unmapped: Record<string, number> = {}
    for (const resource of read.resources) {
      resource.type = catalog.canonicalType(resource.type) ?? resource.type
      byProvider[resource.provider] = (byProvider[resource.provider] ?? 0) + 1
      if (catalog.lookup(resource.type).matchedBy === 'unmapped') {
        unmapped[resource.type] = (unmapped[resource.type] ?? 0) + 1
        const perProvider = unmappedByProvider.get(resource.provider) ?? {}
        unmappedByProvider.set(resource.provider, perProvider)
        perProvider[resource.type] = (perProvider[resource.type] ?? 0) + 1
      }
    }
    const fileWarnings = [...read.warnings]
    if (Object.keys(read.skipped).length > 0) fileWarnings.push(`Skipped: ${describeCounts(read.skipped)}.`)
    const status = read.partial ? 'partial' : 'complete'
    const scope = displayName(file)
    const providers = Object.keys(byProvider).sort()
    const sources: SourceStatus[] = (providers.length > 0 ? providers : [EMPTY_PROVIDER[read.format]]).map((provider, i) => {
      const warnings = i === 0 ? [...fileWarnings] : []
      const types = unmappedByProvider.get(provider)
      if (types)
        warnings.push(
          `${Object.values(types).reduce((a, b) => a + b, 0)} resources of types the catalog does not know, kept and assessed as unmapped: ${describeCounts(types)}.`,
        )
      const status_: SourceStatus = {provider, scope, status, count: byProvider[provider] ?? 0}
      if (read.partial) status_.error = `The export is incomplete: ${read.partial}.`
      if (warnings.length > 0) status_.warnings = warnings
      return status_
    })
    total += read.resources.length
    snapshots.push(createSnapshot(read.resources as ResourceInput[], sources, now))
    summaries.push({
      file: scope,
      format: read.format,
      detail: read.detail,
      resources: read.resources.length,
      byProvider,
      skipped: read.skipped,
      unmapped,
      warnings: fileWarnings,
      status,
      ...(read.partial ? {incomplete: read.partial} : {}),
    })
  }
  const snapshot = mergeSnapshots(snapshots, now)
  return {snapshot, files: summaries, duplicatesMerged: total - snapshot.resources.length}
}

/** Imports files into one inventory snapshot (see importFilesDetailed for the per-file summary). */
export async function importFiles(files: string[], options: ImportOptions = {}): Promise<Snapshot> {
  return (await importFilesDetailed(files, options)).snapshot
}
