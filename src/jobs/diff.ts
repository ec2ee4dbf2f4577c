import {z} from 'zod'
import {type AssessmentDiff, diffAssessments, type Side} from '../assessment/diff.js'
import {AssessmentSchema} from '../assessment/schema.js'
import {loadCatalog} from '../catalog/load.js'
import {InputError} from '../errors.js'
import {isHistoryRef} from '../history/refs.js'
import {SNAPSHOT_SCHEMA_ID, type Snapshot} from '../inventory/model.js'
import {isNdjsonPath, MAX_JSON_SNAPSHOT_BYTES, readSnapshot, validateSnapshot} from '../inventory/snapshot.js'
import {loadPolicies} from '../policy/load.js'
import {type Finding, type PolicyOutcome, type Severity, severityRank} from '../policy/types.js'
import {describeJsonError} from '../util/json.js'
import {readInputFile} from '../util/yaml.js'
import {evaluateEstate} from './pipeline.js'

export interface DiffJobOptions {
  old: string
  new: string
  policies?: string[]
  catalogFiles?: string[]
  failOnNew?: Severity
  /** Where history references (`@previous`, `@latest`, `#12`, a date) are looked up. */
  history?: string
  now?: Date
}

const SavedAssessmentSchema = AssessmentSchema.extend({policies: z.array(z.any()).default([])})

/** Reads an assessment from the history, an assessment.json, or assesses a snapshot on the spot with the given policies. */
async function loadSide(file: string, options: DiffJobOptions): Promise<Side> {
  if (isHistoryRef(file)) {
    const {openHistory} = await import('../history/open.js')
    const {loadHistorySide} = await import('../history/refs.js')
    const store = await openHistory(options.history, {mustExist: true})
    try {
      const {assessment, policies} = await loadHistorySide(store, file)
      return {assessment, policies}
    } finally {
      await store.close()
    }
  }
  if (isNdjsonPath(file)) return assessSnapshot(await readSnapshot(file), file, options)
  const text = await readInputFile(file, MAX_JSON_SNAPSHOT_BYTES)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new InputError(`${file}: ${await describeJsonError(text)}.`)
  }
  const schema = (data as {schema?: unknown} | null)?.schema
  if (schema === SNAPSHOT_SCHEMA_ID) return assessSnapshot(validateSnapshot(data, file), file, options)
  const parsed = SavedAssessmentSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new InputError(
      `${file}: neither an inventory snapshot nor an assessment.json (${issue.path.join('.') || 'schema'}: ${issue.message}).`,
      'Compare two files written by `exitready scan`/`import` or two assessment.json files from `exitready assess`.',
    )
  }
  const {policies, ...assessment} = parsed.data
  return {assessment, policies: policies as PolicyOutcome[]}
}

async function assessSnapshot(snapshot: Snapshot, file: string, options: DiffJobOptions) {
  const [catalog, loaded] = await Promise.all([
    loadCatalog({extraFiles: options.catalogFiles}),
    loadPolicies(options.policies ?? []),
  ])
  const {assessment, policies} = evaluateEstate(snapshot, catalog, loaded, {now: options.now ?? new Date(), inputs: [file]})
  return {assessment, policies}
}

/** Why `diff --fail-on-new` exits 1: the threshold and the new findings at or above it. */
export interface DiffGate {
  failOn: Severity
  blocking: Finding[]
}

export interface DiffJobResult {
  diff: AssessmentDiff
  gate?: DiffGate
  /** Resource id → name on either side, so that messages can name what a finding is about. */
  names: Map<string, string>
  exitCode: number
}

export async function runDiff(options: DiffJobOptions): Promise<DiffJobResult> {
  const [before, after] = await Promise.all([loadSide(options.old, options), loadSide(options.new, options)])
  const diff = diffAssessments(before, after)
  const threshold = options.failOnNew ? severityRank(options.failOnNew) : undefined
  const blocking = threshold === undefined ? [] : diff.newFindings.filter((f) => severityRank(f.severity) >= threshold)
  const gate = options.failOnNew ? {failOn: options.failOnNew, blocking} : undefined
  // Names only for the findings a reader is shown, not a map of both estates.
  const wanted = new Set<string>()
  for (const list of [diff.newFindings, diff.resolvedFindings, blocking])
    for (const f of list.slice(0, FINDINGS_NAMED)) if (f.resourceId) wanted.add(f.resourceId)
  const names = new Map<string, string>()
  for (const side of [before, after])
    for (const r of side.assessment.resources) if (r.name && wanted.has(r.id)) names.set(r.id, r.name)
  return {diff, gate, names, exitCode: blocking.length > 0 ? 1 : 0}
}

/** How many findings of each list the renderers name. */
export const FINDINGS_NAMED = 50
