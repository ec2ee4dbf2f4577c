import {parseEndpoints, runScan, type ScanProgress} from '../collectors/scan.js'
import {ExitCode, exitCodeFor} from '../errors.js'
import {snapshotTarget, writeSnapshot} from '../inventory/snapshot.js'
import {DEFAULT_FORMATS} from '../report/index.js'
import {type AssessJobResult, runAssess} from './assess.js'

export interface ScanJobOptions {
  providers?: string[]
  endpointFlags?: string[]
  env: NodeJS.ProcessEnv
  concurrency: number
  options: Record<string, Record<string, unknown>>
  progress: ScanProgress
  /** The snapshot file; by default inventory.json, or inventory.ndjson for a large estate. */
  out?: string
  /** Assess the fresh snapshot and write the reports into this folder. */
  assessInto?: string
  version?: string
  /** With false (--no-partial), an interrupted scan writes nothing. */
  keepPartial?: boolean
  /** Injected in tests; by default Ctrl-C (SIGINT) stops the scan. */
  signal?: AbortSignal
}

/** The exit code of a scan stopped by Ctrl-C, as shells report it (128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130

/**
 * Ctrl-C stops sending (the collectors see the signal) and lets the scan write what it read; a
 * second Ctrl-C exits at once.
 */
function interruptOnSigint(): {signal: AbortSignal; dispose: () => void} {
  const controller = new AbortController()
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE)
    process.stderr.write('\nInterrupted: stopping the scan and writing what was read (Ctrl-C again to quit at once).\n')
    controller.abort(new Error('interrupted'))
  }
  process.on('SIGINT', onSigint)
  return {signal: controller.signal, dispose: () => process.off('SIGINT', onSigint)}
}

/** Scans, writes the snapshot (unless nothing could be read), and optionally assesses it. */
export async function runScanJob(options: ScanJobOptions) {
  const sigint = options.signal ? undefined : interruptOnSigint()
  let result: Awaited<ReturnType<typeof runScan>>
  try {
    result = await runScan({
      providers: options.providers,
      endpoints: parseEndpoints(options.endpointFlags, options.env),
      concurrency: options.concurrency,
      progress: options.progress,
      options: options.options,
      signal: options.signal ?? sigint?.signal,
    })
  } finally {
    sigint?.dispose()
    await options.progress.close?.()
  }
  // With nothing read (exit 4), an earlier good inventory is not replaced by an empty one; an
  // interrupted scan is written, marked partial, unless --no-partial.
  const written = result.exitCode !== ExitCode.noProvider && (!result.interrupted || options.keepPartial !== false)
  const target = snapshotTarget(options.out, result.snapshot.resources.length)
  if (written) await writeSnapshot(target.file, result.snapshot)
  let assessed: AssessJobResult | undefined
  if (written && options.assessInto && !result.interrupted)
    assessed = await runAssess({
      snapshots: [target.file],
      outDir: options.assessInto,
      formats: DEFAULT_FORMATS,
      version: options.version,
    })
  // Assessed, the scan's code is the assessment's (one rule for all commands: findings outrank an
  // incomplete inventory); without an assessment, it is the scan's own (3 incomplete, 4 nothing read).
  const exitCode = result.interrupted
    ? INTERRUPTED_EXIT_CODE
    : assessed
      ? exitCodeFor({
          blocking: assessed.blocking.length,
          incomplete: result.exitCode !== ExitCode.ok || assessed.exitCode === ExitCode.incomplete,
        })
      : result.exitCode
  return {result, written, out: target.file, note: written ? target.note : undefined, assessed, exitCode}
}
