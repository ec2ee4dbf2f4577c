import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {assess} from '../assessment/assess.js'
import {resolveScoring} from '../assessment/constants.js'
import type {Assessment} from '../assessment/schema.js'
import {loadCatalog} from '../catalog/load.js'
import {ExitCode, InputError} from '../errors.js'
import type {Snapshot} from '../inventory/model.js'
import {mergeSnapshots, readSnapshot} from '../inventory/snapshot.js'
import type {PolicyOutcome} from '../policy/types.js'
import {REPORT_FORMATS, writeReports} from '../report/index.js'

export const DEMO_SNAPSHOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/demo/inventory.json')

export interface AssessJobOptions {
  snapshots: string[]
  demo?: boolean
  outDir: string
  formats: string[]
  catalogFiles?: string[]
  now?: Date
  version?: string
}

export interface AssessJobResult {
  assessment: Assessment
  policies: PolicyOutcome[]
  files: string[]
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
  const [snapshot, catalog] = await Promise.all([loadSnapshots(inputs), loadCatalog({extraFiles: options.catalogFiles})])
  const now = options.now ?? new Date()
  const assessment = assess(snapshot, catalog, {
    constants: resolveScoring(),
    inputs: options.demo ? ['demo estate', ...options.snapshots] : inputs,
    now,
    version: options.version,
  })
  const policies: PolicyOutcome[] = []
  const files = await writeReports({assessment, policies, now}, options.formats, options.outDir)
  const incomplete = snapshot.sources.some((s) => s.status !== 'complete')
  return {assessment, policies, files, exitCode: incomplete ? ExitCode.incomplete : ExitCode.ok}
}

export const defaultOutDir = (cwd = process.cwd()) => join(cwd, 'exitready-report')
