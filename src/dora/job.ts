import {mkdir} from 'node:fs/promises'
import {join as joinPath} from 'node:path'
import {loadCatalog} from '../catalog/load.js'
import {ErrorCode, ExitCode, InputError, withErrorCode} from '../errors.js'
import {DEMO_ARRANGEMENTS, DEMO_SNAPSHOT, loadSnapshots} from '../jobs/assess.js'
import {evaluateEstate} from '../jobs/pipeline.js'
import {renderExitPlansHtml, renderExitPlansMarkdown} from '../report/arrangements.js'
import {writeError, writeFileAtomic} from '../util/atomic.js'
import {loadArrangements} from './arrangements.js'
import {type ExitPlan, exitPlanFindings} from './exit-plan.js'
import {joinArrangements} from './join.js'
import {packageFiles, packageName, readableFiles, renderGapReport, zipPackage} from './package.js'
import {buildRegister} from './register.js'
import {summariseArrangements} from './summary.js'
import {type RegisterProblem, validateRegister} from './validate.js'

export {DEMO_ARRANGEMENTS} from '../jobs/assess.js'

export interface DoraRegisterOptions {
  snapshots: string[]
  demo?: boolean
  /** The arrangements file; with demo and none given, the demo's example. */
  arrangements?: string
  outDir: string
  catalogFiles?: string[]
  /** Validation errors make the exit code 1. */
  failOnGaps?: boolean
  now?: Date
  version?: string
}

export interface DoraRegisterResult {
  packageFile: string
  files: string[]
  errors: RegisterProblem[]
  warnings: number
  proposed: number
  uncovered: number
  emptyArrangements: number
  plans: ExitPlan[]
  exitCode: number
}

/** Inventory → assessment (the same pipeline as assess) → join with the arrangements → register, plans, gap report. */
export async function runDoraRegister(options: DoraRegisterOptions): Promise<DoraRegisterResult> {
  const inputs = options.demo ? [DEMO_SNAPSHOT, ...options.snapshots] : options.snapshots
  if (inputs.length === 0)
    throw new InputError(
      'No inventory snapshot given.',
      'Pass a snapshot from `exitready scan` or `exitready import`, or try `exitready dora register --demo`.',
    )
  const arrangementsFile = options.arrangements ?? (options.demo ? DEMO_ARRANGEMENTS : undefined)
  if (!arrangementsFile)
    throw new InputError(
      'No arrangements file given.',
      'Pass --arrangements arrangements.yaml (see docs/dora.md for the format).',
    )
  const now = options.now ?? new Date()
  const arrangements = await loadArrangements(arrangementsFile)
  const [snapshot, catalog] = await Promise.all([
    loadSnapshots(inputs),
    loadCatalog({extraFiles: options.catalogFiles}).catch((error: unknown) => {
      throw withErrorCode(error, ErrorCode.catalogInvalid)
    }),
  ])
  const incompleteSources = snapshot.sources.filter((s) => s.status !== 'complete').map((s) => `${s.provider} ${s.status}`)
  const {assessment, dependencies} = evaluateEstate(snapshot, catalog, [], {
    now,
    inputs: options.demo ? ['demo estate', ...options.snapshots] : inputs,
    version: options.version,
  })
  snapshot.resources = []
  const joined = joinArrangements(arrangements, assessment.resources)
  const register = buildRegister(arrangements, joined, assessment, catalog, {now})
  const validation = validateRegister(register)
  const summary = summariseArrangements(arrangements, arrangementsFile, assessment, dependencies, now, joined)
  const plans = summary.exitPlans
  const planFindings = exitPlanFindings(arrangements, summary.arrangements, now)

  const name = packageName(register, arrangements.register.filingCountry ?? arrangements.entity.country, now)
  const outDir = options.outDir
  const readableDir = joinPath(outDir, 'readable')
  await mkdir(readableDir, {recursive: true}).catch((error: unknown) => {
    throw withErrorCode(writeError(outDir, error), ErrorCode.writeFailed)
  })
  const packageFile = joinPath(outDir, `${name}.zip`)
  const written: [string, string | Uint8Array][] = [
    [packageFile, zipPackage(packageFiles(register, name), now)],
    ...Object.entries(readableFiles(register)).map(([file, text]): [string, string] => [joinPath(readableDir, file), text]),
    [
      joinPath(outDir, 'gap-report.md'),
      renderGapReport({
        register,
        validation,
        join: joined,
        packageFile: `${name}.zip`,
        incompleteSources,
        exitPlanFindings: planFindings,
      }),
    ],
    [joinPath(outDir, 'exit-plans.json'), `${JSON.stringify({generatedAt: now.toISOString(), plans}, null, 2)}\n`],
    [joinPath(outDir, 'exit-plans.md'), renderExitPlansMarkdown(plans)],
    [joinPath(outDir, 'exit-plans.html'), renderExitPlansHtml(plans)],
  ]
  for (const [file, data] of written)
    await writeFileAtomic(file, data).catch((error: unknown) => {
      throw withErrorCode(error, ErrorCode.writeFailed)
    })
  const errors = validation.problems.filter((p) => p.severity === 'error')
  const exitCode =
    options.failOnGaps && errors.length > 0 ? ExitCode.findings : incompleteSources.length ? ExitCode.incomplete : ExitCode.ok
  return {
    packageFile,
    files: written.map(([file]) => file),
    errors,
    warnings: validation.problems.length - errors.length,
    proposed: validation.proposed.length,
    uncovered: joined.uncovered.length,
    emptyArrangements: joined.empty.length,
    plans,
    exitCode,
  }
}
