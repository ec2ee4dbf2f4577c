/**
 * Offline sources → one inventory snapshot: each file is read once, its format detected (or forced),
 * mapped to resources with canonical types, and all files merged; the same id from two files becomes
 * one resource that records, in `seenBy`, every source that saw it. One rule holds for every source:
 * containers (resource groups, projects, accounts) are containment, not resources.
 */
import {stat} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import type {Catalog} from '../catalog/catalog.js'
import {loadCatalog} from '../catalog/load.js'
import {parseArrangements} from '../dora/arrangements.js'
import {InputError} from '../errors.js'
import type {ResourceInput, Snapshot, SourceStatus} from '../inventory/model.js'
import {createSnapshot, mergeSnapshots} from '../inventory/snapshot.js'
import {readArmTemplate} from './arm/template.js'
import {readAwsResourceExplorer} from './aws-resource-explorer.js'
import {readAwsTagging} from './aws-tagging.js'
import {readAzGraph} from './az-graph.js'
import {isCdkAssemblyFolder, readCdkAssembly} from './cloudformation/cdk.js'
import {readStackResources} from './cloudformation/stack-resources.js'
import {readTemplate} from './cloudformation/template.js'
import {parseCloudFormationYaml} from './cloudformation/yaml.js'
import {CONTAINERS_LABEL, withoutContainers} from './containers.js'
import {detectJsonFormat, detectYamlFormat, looksLikeJson} from './detect.js'
import {readDnsFile, saasFromTerraformDns} from './dns.js'
import {readGcloudAssets} from './gcloud-assets.js'
import {readInventoryYaml} from './inventory-yaml.js'
import {parseJsonText} from './json-text.js'
import {readKubernetes} from './kubernetes.js'
import {readPulumiState} from './pulumi.js'
import {displayName, readImportText, STDIN, sourceLabel} from './read.js'
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
  /**
   * Refuse a file that uses a provider exitready does not know. Without it, those resources are
   * skipped, the file's source is marked partial, and the warning names the provider.
   */
  strict?: boolean
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
  /** Types the catalog does not know (kept, assessed as unmapped): type → count. */
  unmapped: Record<string, number>
  /** Providers exitready does not know, whose resources were skipped: `namespace/type` → count. */
  unknownProviders: Record<string, number>
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
  'cloudformation-template': 'aws',
  'cdk-assembly': 'aws',
  'cloudformation-stack-resources': 'aws',
  'arm-template': 'azure',
  'pulumi-state': 'pulumi',
  'aws-tagging': 'aws',
  'aws-resource-explorer': 'aws',
  'az-graph': 'azure',
  'az-resource-list': 'azure',
  'gcloud-assets': 'gcp',
  kubernetes: 'kubernetes',
  dns: 'saas',
  'inventory-yaml': 'saas',
  arrangements: 'none',
  empty: 'unknown',
}

const FORMAT_LIST = Object.keys(IMPORT_FORMATS).join(', ')

interface FileRead extends ExportRead {
  format: ImportFormat | 'empty'
  detail: string
  skipped: Record<string, number>
  unknownProviders: Record<string, number>
  /** Rows the file listed (resources and skipped), for az graph pages that complete each other. */
  rows: number
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

/** Where a file's address-based ids are unique: the path as the user named it. */
const namespaceOf = (file: string) => (file === STDIN ? 'stdin' : file.replaceAll('\\', '/'))

async function isFolder(file: string): Promise<boolean> {
  if (file === STDIN) return false
  try {
    return (await stat(file)).isDirectory()
  } catch {
    return false
  }
}

function finish(
  format: ImportFormat | 'empty',
  detail: string,
  read: ExportRead & {unknownProviders?: Record<string, number>},
): FileRead {
  const skipped = read.skipped ?? {}
  return {
    ...read,
    format,
    detail,
    skipped,
    unknownProviders: read.unknownProviders ?? {},
    rows: read.resources.length + sum(skipped),
  }
}

/**
 * A file nested thousands of levels deep (hostile, or not what any tool writes) overflows the
 * stack of the readers that walk it: said as the file's problem (exit 2), not as a bug.
 */
async function readOneBounded(file: string, options: ImportOptions, catalog: Catalog): Promise<FileRead> {
  try {
    return await readOne(file, options, catalog)
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message))
      throw new InputError(
        `${displayName(file)}: nested too deeply to read (thousands of levels); no Terraform, CloudFormation or CLI export nests like this.`,
        'Check that the file is the tool’s own output.',
      )
    throw error
  }
}

async function readOne(file: string, options: ImportOptions, catalog: Catalog): Promise<FileRead> {
  const name = displayName(file)
  const label = sourceLabel(file)
  if (await isFolder(file)) {
    if (!(await isCdkAssemblyFolder(file)))
      throw new InputError(`${name}: is a folder, not a file.`, 'Name a file, or a cdk.out folder that holds a manifest.json.')
    const manifest = join(file, 'manifest.json')
    const read = await readCdkAssembly(
      (await parseJsonText(await readImportText(manifest), manifest)).data,
      manifest,
      `cdk-assembly:${label}`,
    )
    return finish('cdk-assembly', `cdk.out assembly, ${read.stacks} stacks`, read)
  }
  const text = await readImportText(file)
  let format: ImportFormat | 'empty' | undefined = options.format
  let data: unknown
  let wrapper: string | undefined
  const yamlForced =
    format === 'inventory-yaml' ||
    format === 'arrangements' ||
    format === 'dns' ||
    ((format === 'cloudformation-template' || format === 'kubernetes') && !looksLikeJson(text))
  if (yamlForced || (!format && !looksLikeJson(text))) {
    format ??= detectYamlFormat(text)
    if (!format)
      throw new InputError(
        `${name}: not JSON, and neither an exitready inventory ("kind: Inventory") nor a CloudFormation template.`,
        `Pass --format with one of: ${FORMAT_LIST}.`,
      )
  } else {
    const parsed = await parseJsonText(text, name)
    data = parsed.data
    wrapper = parsed.wrapper
    format ??= detectJsonFormat(data)
    if (!format)
      throw new InputError(
        `${name}: the format cannot be recognised (not a Terraform or OpenTofu state or plan, a CloudFormation, CDK, ARM or Pulumi file, or an AWS, Azure or gcloud export).`,
        `Pass --format with one of: ${FORMAT_LIST}.`,
      )
  }
  const captured = wrapper ? `, captured through the ${wrapper}` : ''

  const source = `${format}:${label}`
  switch (format) {
    case 'empty':
      return finish(format, 'an empty list', {resources: [], warnings: ['The file is an empty list; nothing to import.']})
    case 'terraform-state':
    case 'terraform-show': {
      const read = format === 'terraform-state' ? readTerraformState(data, name) : readTerraformShow(data, name)
      const built = buildResources(read.instances, {
        file: name,
        source,
        canonicalType: (tfType, attributes) => catalog.canonicalType(tfType, attributes),
        skipProviders: new Set((options.skipProviders ?? []).map((p) => p.toLowerCase())),
        strict: options.strict,
        namespace: read.lineage ?? namespaceOf(file),
      })
      const opentofu = Boolean(read.opentofu || built.opentofu)
      // Named as what wrote it: `opentofu-state:…` next to `terraform-state:…`.
      if (opentofu) for (const resource of built.resources) resource.source = source.replace(/^terraform-/, 'opentofu-')
      const skipped = {...read.skipped}
      for (const [key, count] of Object.entries(built.skipped)) skipped[key] = (skipped[key] ?? 0) + count
      // SaaS revealed by the DNS records the state or plan manages (source dns:<file>).
      const dns = await saasFromTerraformDns(data, source, catalog)
      return finish(format, `${read.detail}${opentofu ? ', OpenTofu' : ''}${captured}`, {
        resources: built.resources.concat(dns.resources),
        warnings: dns.warnings,
        skipped,
        unknownProviders: built.unknownProviders,
      })
    }
    case 'cloudformation-template': {
      const template = data ?? parseCloudFormationYaml(text, name)
      const read = readTemplate(template, {file: name, source, namespace: namespaceOf(file)})
      return finish(format, `CloudFormation template, ${data === undefined ? 'YAML' : 'JSON'}`, read)
    }
    case 'cdk-assembly': {
      if (file === STDIN)
        throw new InputError(
          'stdin: a CDK assembly names its templates by path.',
          'Name the cdk.out folder instead of piping its manifest.',
        )
      // An assembly is named by its folder (`cdk.out`), not by its manifest.json.
      const folder = basename(dirname(file))
      const read = await readCdkAssembly(data, file, /^manifest\.json$/i.test(label) ? `cdk-assembly:${folder}` : source)
      return finish(format, `cdk.out assembly, ${read.stacks} stacks`, read)
    }
    case 'cloudformation-stack-resources':
      return finish(format, 'aws cloudformation describe-stack-resources', readStackResources(data, name, source))
    case 'arm-template': {
      const bicep = (data as {metadata?: {_generator?: {name?: unknown}}})?.metadata?._generator?.name === 'bicep'
      const symbolic = (data as {languageVersion?: unknown})?.languageVersion === '2.0'
      return finish(
        format,
        `${bicep ? 'Bicep build' : 'ARM template'}${symbolic ? ', symbolic names (languageVersion 2.0)' : ''}`,
        readArmTemplate(data, name, source, namespaceOf(file)),
      )
    }
    case 'pulumi-state': {
      const read = readPulumiState(data, {
        file: name,
        source,
        canonicalType: (type) => catalog.canonicalType(type),
        strict: options.strict,
      })
      const shape = (data as {deployment?: unknown}).deployment ? 'pulumi stack export' : 'Pulumi checkpoint'
      return finish(format, `${shape}${read.stack ? `, stack ${read.stack}` : ''}`, read)
    }
    case 'aws-tagging':
      return finish(format, 'aws resourcegroupstaggingapi get-resources', readAwsTagging(data, name, source))
    case 'aws-resource-explorer':
      return finish(format, 'aws resource-explorer-2', readAwsResourceExplorer(data, name, source))
    case 'az-graph':
    case 'az-resource-list': {
      const shape = Array.isArray(data)
        ? format === 'az-graph'
          ? 'az graph query, plain list'
          : 'az resource list'
        : isTableBody(data)
          ? 'Resource Graph REST body, table format'
          : format === 'az-graph'
            ? 'az graph query, paged'
            : 'ARM resource list'
      return finish(format, shape, readAzGraph(data, name, source))
    }
    case 'gcloud-assets':
      return finish(format, 'gcloud asset search-all-resources', readGcloudAssets(data, name, source))
    case 'inventory-yaml':
      return finish(format, 'manual inventory', await readInventoryYaml(text, name, source, catalog))
    case 'kubernetes': {
      const read = readKubernetes(data === undefined ? {text} : {data}, name, source, catalog)
      return finish(format, read.detail, read)
    }
    case 'dns': {
      const read = await readDnsFile(text, name, source, catalog)
      return finish(format, read.detail, read)
    }
    case 'arrangements': {
      // Contracts, not resources: checked here (file:line:column), joined to the resources by assess and dora register.
      const file = parseArrangements(name, text)
      const critical = new Set(file.functions.filter((f) => f.critical === 'yes').map((f) => f.id))
      const supporting = file.arrangements.filter((a) => a.functions.some((f) => critical.has(f))).length
      return finish(
        format,
        `DORA arrangements, valid: ${file.arrangements.length} arrangements (${supporting} supporting a critical or important function), ${file.functions.length} functions, ${Object.keys(file.providers).length} providers`,
        {
          resources: [],
          warnings: [
            `Arrangements are not part of the snapshot: pass the file to \`exitready assess --arrangements ${name}\` or \`exitready dora register --arrangements ${name}\`.`,
          ],
        },
      )
    }
  }
}

const isTableBody = (data: unknown) => {
  const body = data as {data?: {columns?: unknown}; snapshots?: {columns?: unknown}}
  return Array.isArray(body?.data?.columns) || Array.isArray(body?.snapshots?.columns)
}

function describeCounts(counts: Record<string, number>, limit = 8): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const shown = entries.slice(0, limit).map(([key, count]) => `${key} ×${count}`)
  return entries.length > limit ? `${shown.join(', ')} and ${entries.length - limit} more` : shown.join(', ')
}

/** A provider id for a source status, from a Terraform or Pulumi provider's name (`acme/widgets` → `widgets`). */
const providerIdOf = (source: string) =>
  source
    .split('/')
    .at(-1)!
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+/, '') || 'unknown'

/**
 * ARM ids are case-insensitive, and sources spell them differently (`resourceGroups/RG` vs
 * `resourcegroups/rg`, `Microsoft.Storage` vs `microsoft.storage`): every file's ids and references
 * take the first spelling seen, so the same resource merges.
 */
function alignArmIds(reads: readonly FileRead[]): void {
  const spelling = new Map<string, string>()
  const isArm = (id: string) => id.startsWith('/')
  for (const read of reads)
    for (const resource of read.resources)
      if (isArm(resource.id)) spelling.set(resource.id.toLowerCase(), spelling.get(resource.id.toLowerCase()) ?? resource.id)
  if (spelling.size === 0) return
  for (const read of reads)
    for (const resource of read.resources) {
      if (isArm(resource.id)) resource.id = spelling.get(resource.id.toLowerCase())!
      if (resource.dependsOn)
        resource.dependsOn = resource.dependsOn.map((id) => (isArm(id) ? (spelling.get(id.toLowerCase()) ?? id) : id))
    }
}

/** Imports files into one snapshot, with a summary of each file. */
export async function importFilesDetailed(files: string[], options: ImportOptions = {}): Promise<ImportOutcome> {
  if (files.length === 0)
    throw new InputError('No file to import.', 'Name at least one file, e.g. `exitready import terraform.tfstate`.')
  const catalog = options.catalog ?? (await loadCatalog({extraFiles: options.catalogFiles}))
  const now = options.now ?? new Date()
  const reads: {file: string; read: FileRead}[] = []
  // One file at a time: a large state is parsed and mapped before the next one is read.
  for (const file of files) reads.push({file, read: await readOneBounded(file, options, catalog)})

  // Pages of one az graph query count as complete when together they hold every row.
  const graphPages = reads.filter(({read}) => read.format === 'az-graph' && read.totalRecords !== undefined)
  let graphRows = 0
  let graphTotal = 0
  for (const {read} of graphPages) {
    graphRows += read.rows
    graphTotal = Math.max(graphTotal, read.totalRecords!)
  }
  if (graphPages.length > 0 && graphRows >= graphTotal) for (const {read} of graphPages) delete read.partial

  // One rule for every source: containers are containment, not resources.
  for (const {read} of reads) {
    for (const resource of read.resources)
      resource.type = catalog.canonicalType(resource.type, resource.attributes) ?? resource.type
    const {resources, containers} = withoutContainers(read.resources)
    read.resources = resources
    if (containers > 0) read.skipped[CONTAINERS_LABEL] = (read.skipped[CONTAINERS_LABEL] ?? 0) + containers
  }
  alignArmIds(reads.map(({read}) => read))

  if (reads.every(({read}) => read.format === 'arrangements'))
    throw new InputError(
      `${reads.map(({file}) => displayName(file)).join(', ')}: DORA arrangements only, and no inventory source to import.`,
      'Import the resources (a Terraform state, CLI exports, a manual inventory), then pass the arrangements to `exitready assess --arrangements <file>`.',
    )
  const summaries: FileSummary[] = []
  const snapshots: Snapshot[] = []
  let total = 0
  for (const {file, read} of reads) {
    const byProvider: Record<string, number> = {}
    const unmappedByProvider = new Map<string, Record<string, number>>()
    const unmapped: Record<string, number> = {}
    for (const resource of read.resources) {
      byProvider[resource.provider] = (byProvider[resource.provider] ?? 0) + 1
      if (catalog.lookup(resource.type).matchedBy === 'unmapped') {
        unmapped[resource.type] = (unmapped[resource.type] ?? 0) + 1
        const perProvider = unmappedByProvider.get(resource.provider) ?? {}
        unmappedByProvider.set(resource.provider, perProvider)
        perProvider[resource.type] = (perProvider[resource.type] ?? 0) + 1
      }
    }
    const fileWarnings = [...read.warnings]
    const unknown = Object.entries(read.unknownProviders)
    const skippedUnknown = sum(read.unknownProviders)
    if (unknown.length > 0) {
      read.skipped[`unknown providers (${unknown.map(([p]) => p).join(', ')})`] = skippedUnknown
      fileWarnings.push(
        `${skippedUnknown} resources of providers exitready does not know were not imported: ${describeCounts(read.unknownProviders)}. ` +
          'Pass --skip-provider for each to acknowledge them, or --strict to refuse such files.',
      )
    }
    if (Object.keys(read.skipped).length > 0) fileWarnings.push(`Skipped: ${describeCounts(read.skipped)}.`)
    const partial = read.partial
    const status = partial || unknown.length > 0 ? 'partial' : 'complete'
    const scope = displayName(file)
    const providers = Object.keys(byProvider).sort()
    const sources: SourceStatus[] = (providers.length > 0 ? providers : [EMPTY_PROVIDER[read.format]]).map((provider, i) => {
      const warnings = i === 0 ? [...fileWarnings] : []
      const types = unmappedByProvider.get(provider)
      if (types)
        warnings.push(
          `${sum(types)} resources of types the catalog does not know, kept and assessed as unmapped: ${describeCounts(types)}.`,
        )
      const status_: SourceStatus = {provider, scope, status: partial ? 'partial' : 'complete', count: byProvider[provider] ?? 0}
      if (partial) status_.error = `The export is incomplete: ${partial}.`
      if (warnings.length > 0) status_.warnings = warnings
      return status_
    })
    // Each unknown provider is a source of its own, partial, so the gap shows in every report.
    for (const [provider, count] of unknown)
      sources.push({
        provider: providerIdOf(provider),
        scope,
        status: 'partial',
        count: 0,
        error: `${count} resources of the provider ${provider} were not imported: exitready does not map it.`,
      })
    total += read.resources.length
    // An arrangements file is no inventory source: no source status, so no scope claims to be complete.
    if (read.format !== 'arrangements') snapshots.push(createSnapshot(read.resources as ResourceInput[], sources, now))
    const incomplete = [
      partial,
      unknown.length > 0 ? `providers exitready does not know: ${unknown.map(([p]) => p).join(', ')}` : undefined,
    ]
      .filter(Boolean)
      .join('; ')
    summaries.push({
      file: scope,
      format: read.format,
      detail: read.detail,
      resources: read.resources.length,
      byProvider,
      skipped: read.skipped,
      unmapped,
      unknownProviders: read.unknownProviders,
      warnings: fileWarnings,
      status,
      ...(incomplete ? {incomplete} : {}),
    })
  }
  const snapshot = mergeSnapshots(snapshots, now)
  return {snapshot, files: summaries, duplicatesMerged: total - snapshot.resources.length}
}

/** Imports files into one inventory snapshot (see importFilesDetailed for the per-file summary). */
export async function importFiles(files: string[], options: ImportOptions = {}): Promise<Snapshot> {
  return (await importFilesDetailed(files, options)).snapshot
}
