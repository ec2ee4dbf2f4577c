import {existsSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Assessment} from '../assessment/schema.js'
import type {Catalog} from '../catalog/catalog.js'
import {loadCatalog} from '../catalog/load.js'
import {guessProvider} from '../cli/provider-names.js'
import {type ArrangementsFile, loadArrangements} from '../dora/arrangements.js'
import {ErrorCode, exitCodeFor, InputError, withErrorCode} from '../errors.js'
import type {Snapshot} from '../inventory/model.js'
import {mergeSnapshots, readSnapshot} from '../inventory/snapshot.js'
import {blockingFindings} from '../policy/evaluate.js'
import {loadPolicies} from '../policy/load.js'
import {type Finding, type PolicyOutcome, type Severity, severityRank} from '../policy/types.js'
import {applyWaiverFiles} from '../policy/waivers.js'
import {REPORT_FORMATS, writeReports} from '../report/index.js'
import {resolvePlanning} from '../report/plan.js'
import {globMatcher} from '../util/glob.js'
import {stageAsync} from '../util/stages.js'
import {evaluateEstate, hashFiles} from './pipeline.js'

export const DEMO_SNAPSHOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/demo/inventory.json')
/** The demo estate's example DORA arrangements (`assess --demo --arrangements demo`). */
export const DEMO_ARRANGEMENTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/demo/arrangements.yaml')

export interface AssessJobOptions {
  snapshots: string[]
  demo?: boolean
  outDir: string
  formats: string[]
  catalogFiles?: string[]
  /** Built-in policy names or policy files; the baseline policy when empty. */
  policies?: string[]
  /** Overrides each policy's failOn. */
  failOn?: Severity
  /** Only rules of this severity or above are evaluated, reported and gate the exit code. */
  severity?: Severity
  /** Only resources (and sources) of these providers. */
  providers?: string[]
  /** Only resources with these tags: tag key → value globs (`*`: any value); keys AND, values OR. */
  tags?: Record<string, string[]>
  /** Waiver files kept outside the policies (`--waivers`). */
  waiverFiles?: string[]
  /** DORA arrangements (kind: Arrangements) to join to the resources; `demo` with demo: the demo's example. */
  arrangements?: string
  /** Record the assessment in this history (a SQLite file or a postgres:// URL) after the reports are written. */
  history?: string
  /** The weight set of the Sovereignty Score (catalog/sovereignty/framework.yaml); the framework's default when absent. */
  sovereigntyWeights?: string
  now?: Date
  version?: string
}

export interface AssessJobResult {
  assessment: Assessment
  policies: PolicyOutcome[]
  files: string[]
  /** Unwaived findings at or above the threshold: they make the exit code 1. */
  blocking: Finding[]
  exitCode: number
  /** The assessment's id in the history, with --history. */
  recorded?: {id: number; history: string}
}

export async function loadSnapshots(files: string[]): Promise<Snapshot> {
  try {
    const snapshots = await Promise.all(files.map((file) => readSnapshot(file)))
    return snapshots.length === 1 ? snapshots[0]! : mergeSnapshots(snapshots)
  } catch (error) {
    throw withErrorCode(error, ErrorCode.snapshotInvalid)
  }
}

/** Keeps the resources (and sources) that the provider and tag filters select, in place. */
export function filterSnapshot(snapshot: Snapshot, filter: {providers?: string[]; tags?: Record<string, string[]>}): Snapshot {
  const providers = filter.providers?.length ? new Set(filter.providers) : undefined
  const tags = Object.entries(filter.tags ?? {}).map(([key, values]) => [key, globMatcher(values)] as const)
  if (!providers && tags.length === 0) return snapshot
  snapshot.resources = snapshot.resources.filter(
    (r) =>
      (!providers || providers.has(r.provider)) &&
      tags.every(([key, matches]) => r.tags[key] !== undefined && matches(r.tags[key])),
  )
  if (providers) snapshot.sources = snapshot.sources.filter((s) => providers.has(s.provider))
  return snapshot
}

/**
 * Provider names of --provider, case-insensitive, each known to the catalog or present in the
 * snapshot; a typo is exit 2 with a did-you-mean rather than an empty assessment.
 */
export function knownProviders(names: string[] | undefined, catalog: Catalog, snapshot: Snapshot): string[] | undefined {
  if (!names?.length) return undefined
  const known = new Set(catalog.providers.keys())
  for (const r of snapshot.resources) known.add(r.provider)
  const list = [...known].sort()
  return names.map((name) => {
    const id = name.trim().toLowerCase()
    if (known.has(id)) return id
    const guess = guessProvider(id, list)
    throw new InputError(
      `--provider: there is no provider "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}.`,
      /^(baseline|one-hole|sovereign-first|dora-exit|bio2|secnumcloud|c3a)$/.test(id)
        ? `-p is --provider; name a policy with --policy ${id}.`
        : `Choose from: ${list.join(', ')}.`,
    )
  })
}

/** "only provider aws; tag env=prod; rules of severity high or above", or undefined without filters. */
export function filterNote(
  filter: {providers?: string[]; tags?: Record<string, string[]>},
  severity?: Severity,
): string | undefined {
  const parts: string[] = []
  if (filter.providers?.length) parts.push(`provider ${filter.providers.join(' or ')}`)
  for (const [key, values] of Object.entries(filter.tags ?? {}))
    parts.push(`tag ${values.map((v) => `${key}=${v}`).join(' or ')}`)
  if (severity) parts.push(`rules of severity ${severity} or above`)
  return parts.length ? `only ${parts.join('; ')}` : undefined
}

/** The outcomes without the rules below `severity`, and without waivers of rules left out. */
export function atOrAbove(outcomes: PolicyOutcome[], severity: Severity | undefined): PolicyOutcome[] {
  if (severity === undefined) return outcomes
  const min = severityRank(severity)
  return outcomes.map((outcome) => {
    const rules = outcome.rules.filter((rule) => severityRank(rule.severity) >= min)
    const kept = new Set(rules.map((rule) => rule.id))
    return {...outcome, rules, expiredWaivers: outcome.expiredWaivers.filter((w) => kept.has(w.rule))}
  })
}

/** The arrangements file of --arrangements, read and checked before anything is written (`demo` with --demo: the demo's). */
async function arrangementsFor(options: AssessJobOptions): Promise<{file: ArrangementsFile; path: string} | undefined> {
  if (options.arrangements === undefined) return undefined
  if (options.arrangements === 'demo' && options.demo)
    return {file: await loadArrangements(DEMO_ARRANGEMENTS), path: 'demo: fixtures/demo/arrangements.yaml'}
  if (options.arrangements === 'demo' && !existsSync('demo'))
    throw new InputError(
      "--arrangements demo names the demo estate's example arrangements, which go with --demo only.",
      'Add --demo, or name your arrangements file (`exitready init --dora` writes a starter).',
    )
  return {file: await loadArrangements(options.arrangements), path: options.arrangements}
}

/** The main job: load snapshots, map and score, evaluate policies, write the reports. */
export async function runAssess(options: AssessJobOptions): Promise<AssessJobResult> {
  const inputs = options.demo ? [DEMO_SNAPSHOT, ...options.snapshots] : options.snapshots
  if (inputs.length === 0)
    throw new InputError(
      'No inventory snapshot given.',
      'Pass a snapshot from `exitready scan` or `exitready import`, or try `exitready assess --demo`.',
    )
  const unknown = options.formats.filter((f) => !REPORT_FORMATS[f])
  if (unknown.length)
    throw new InputError(`Unknown report format "${unknown[0]}".`, `Choose from: ${Object.keys(REPORT_FORMATS).join(', ')}.`)
  // Policies first: a bad policy must stop the run before anything is written, and their scoring blocks set the constants.
  const loaded = await applyWaiverFiles(options.waiverFiles ?? [], await loadPolicies(options.policies ?? []))
  const arrangements = await arrangementsFor(options)
  const [snapshot, catalog, hashes] = await Promise.all([
    stageAsync('read', () => loadSnapshots(inputs)),
    loadCatalog({extraFiles: options.catalogFiles}).catch((error: unknown) => {
      throw withErrorCode(error, ErrorCode.catalogInvalid)
    }),
    // The audit trail: each input's SHA-256, read alongside the parse (a file the parse cannot read fails there first).
    hashFiles(inputs).then(
      (list) => list.map((h) => (h.file === DEMO_SNAPSHOT ? {...h, file: 'demo estate (fixtures/demo/inventory.json)'} : h)),
      () => undefined,
    ),
  ])
  const filter = {providers: knownProviders(options.providers, catalog, snapshot), tags: options.tags}
  filterSnapshot(snapshot, filter)
  const note = filterNote(filter, options.severity)
  const now = options.now ?? new Date()
  const evaluation = evaluateEstate(snapshot, catalog, loaded, {
    now,
    // A filtered report says so where it names its inputs, so that nobody reads it as the whole estate.
    inputs: [...(options.demo ? ['demo estate', ...options.snapshots] : inputs), ...(note ? [note] : [])],
    version: options.version,
    sovereigntyWeights: options.sovereigntyWeights,
    arrangements,
    provenance: {inputs: hashes, catalogFiles: options.catalogFiles},
  })
  const {assessment, dependencies} = evaluation
  // Coverage over a filtered estate is not the estate's: say so wherever the arrangements are shown.
  const resourceFilter = filterNote(filter)
  if (assessment.arrangements && resourceFilter) assessment.arrangements.filtered = resourceFilter
  const policies = atOrAbove(evaluation.policies, options.severity)
  const incomplete = snapshot.sources.some((s) => s.status !== 'complete')
  // The raw resources are not needed once assessed; letting them go keeps peak memory down on large estates.
  snapshot.resources = []
  // The files read (SARIF points at them) and the --fail-on override (JUnit fails what the exit code fails).
  // The policies' planning assumptions, and with --history the trend and the findings' marks before this run is recorded.
  const planning = resolvePlanning(loaded.map((l) => l.policy.effort))
  const history = options.history
    ? await (await import('../history/report.js')).loadReportHistory(options.history, assessment, policies)
    : undefined
  const report = {assessment, policies, now, dependencies, inputFiles: inputs, failOn: options.failOn, planning, history}
  const files = await writeReports(report, options.formats, options.outDir, {
    version: options.version,
  }).catch((error: unknown) => {
    throw withErrorCode(error, ErrorCode.writeFailed)
  })
  const blocking = blockingFindings(policies, options.failOn)
  const exitCode = exitCodeFor({blocking: blocking.length, incomplete})
  // After the reports: a history that cannot be written loses no report (and is exit 2, the user's to fix).
  let recorded: AssessJobResult['recorded']
  if (options.history) {
    const {recordToHistory} = await import('../history/record.js')
    recorded = await recordToHistory(
      options.history,
      assessment,
      policies,
      options.demo ? [DEMO_SNAPSHOT, ...options.snapshots] : inputs,
    )
  }
  return {assessment, policies, files, blocking, exitCode, ...(recorded ? {recorded} : {})}
}
