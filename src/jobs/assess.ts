import {dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Assessment} from '../assessment/schema.js'
import {loadCatalog} from '../catalog/load.js'
import {ExitCode, InputError} from '../errors.js'
import type {Snapshot} from '../inventory/model.js'
import {mergeSnapshots, readSnapshot} from '../inventory/snapshot.js'
import {blockingFindings} from '../policy/evaluate.js'
import {loadPolicies} from '../policy/load.js'
import type {Finding, PolicyOutcome, Severity} from '../policy/types.js'
import {REPORT_FORMATS, writeReports} from '../report/index.js'
import {evaluateEstate} from './pipeline.js'

export const DEMO_SNAPSHOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/demo/inventory.json')

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
}

export async function loadSnapshots(files: string[]): Promise<Snapshot> {
  const snapshots = await Promise.all(files.map((file) => readSnapshot(file)))
  return snapshots.length === 1 ? snapshots[0]! : mergeSnapshots(snapshots)
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
  const loaded = await loadPolicies(options.policies ?? [])
  const [snapshot, catalog] = await Promise.all([loadSnapshots(inputs), loadCatalog({extraFiles: options.catalogFiles})])
  const now = options.now ?? new Date()
  const {assessment, policies, dependencies} = evaluateEstate(snapshot, catalog, loaded, {
    now,
    inputs: options.demo ? ['demo estate', ...options.snapshots] : inputs,
    version: options.version,
  })
  const incomplete = snapshot.sources.some((s) => s.status !== 'complete')
  // The raw resources are not needed once assessed; letting them go keeps peak memory down on large estates.
  snapshot.resources = []
  const files = await writeReports({assessment, policies, now, dependencies}, options.formats, options.outDir, {
    version: options.version,
  })
  const blocking = blockingFindings(policies, options.failOn)
  const exitCode = blocking.length > 0 ? ExitCode.findings : incomplete ? ExitCode.incomplete : ExitCode.ok
  return {assessment, policies, files, blocking, exitCode}
}
