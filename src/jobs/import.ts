import {type FileSummary, type ImportOptions, importFilesDetailed} from '../importers/index.js'
import {snapshotTarget, writeSnapshot} from '../inventory/snapshot.js'

export interface ImportJobOptions extends Omit<ImportOptions, 'catalog'> {
  files: string[]
  /** The snapshot file; by default inventory.json, or inventory.ndjson for a large estate. */
  out?: string
}

export interface ImportJobResult {
  out: string
  /** Why the snapshot is NDJSON when no --out was given. */
  note?: string
  resources: number
  duplicatesMerged: number
  byProvider: Record<string, number>
  files: FileSummary[]
  /** Types the catalog does not know, over all files: type → count. */
  unmapped: Record<string, number>
  skipped: Record<string, number>
}

function add(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [key, count] of Object.entries(counts)) into[key] = (into[key] ?? 0) + count
}

/** Imports the files and writes the snapshot; the result is what `exitready import --json` prints. */
export async function runImport(options: ImportJobOptions): Promise<ImportJobResult> {
  const {files, out, ...importOptions} = options
  const outcome = await importFilesDetailed(files, importOptions)
  const target = snapshotTarget(out, outcome.snapshot.resources.length)
  await writeSnapshot(target.file, outcome.snapshot)
  const byProvider: Record<string, number> = {}
  for (const resource of outcome.snapshot.resources) byProvider[resource.provider] = (byProvider[resource.provider] ?? 0) + 1
  const unmapped: Record<string, number> = {}
  const skipped: Record<string, number> = {}
  for (const file of outcome.files) {
    add(unmapped, file.unmapped)
    add(skipped, file.skipped)
  }
  return {
    out: target.file,
    ...(target.note ? {note: target.note} : {}),
    resources: outcome.snapshot.resources.length,
    duplicatesMerged: outcome.duplicatesMerged,
    byProvider,
    files: outcome.files,
    unmapped,
    skipped,
  }
}

const counts = (values: Record<string, number>, limit = 10) => {
  const entries = Object.entries(values).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const shown = entries.slice(0, limit).map(([key, n]) => `${key} ${n}`)
  return entries.length > limit ? `${shown.join(', ')}, and ${entries.length - limit} more` : shown.join(', ')
}

/** The short summary for people: per file and provider, what was skipped, and what the catalog does not know. */
export function renderImportSummary(result: ImportJobResult): string {
  const lines: string[] = []
  for (const file of result.files) {
    const providers = Object.keys(file.byProvider).length > 0 ? ` (${counts(file.byProvider)})` : ''
    lines.push(`${file.file} [${file.format}: ${file.detail}]: ${file.resources} resources${providers}`)
    if (Object.keys(file.skipped).length > 0) lines.push(`  skipped: ${counts(file.skipped)}`)
    if (file.incomplete) lines.push(`  incomplete: ${file.incomplete}`)
    for (const warning of file.warnings) if (!warning.startsWith('Skipped:')) lines.push(`  note: ${warning}`)
  }
  const unmappedTotal = Object.values(result.unmapped).reduce((a, b) => a + b, 0)
  if (unmappedTotal > 0)
    lines.push(`Unmapped: ${unmappedTotal} resources of types the catalog does not know (kept): ${counts(result.unmapped, 8)}`)
  const merged = result.duplicatesMerged > 0 ? `, ${result.duplicatesMerged} listed by more than one file and merged` : ''
  lines.push(`Wrote ${result.out}: ${result.resources} resources${merged} (${counts(result.byProvider)}).`)
  if (result.note) lines.push(result.note)
  return lines.join('\n')
}
