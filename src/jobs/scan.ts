import {parseEndpoints, runScan, type ScanProgress} from '../collectors/scan.js'
import {ExitCode} from '../errors.js'
import {writeSnapshot} from '../inventory/snapshot.js'
import {DEFAULT_FORMATS} from '../report/index.js'
import {type AssessJobResult, runAssess} from './assess.js'

export interface ScanJobOptions {
  providers?: string[]
  endpointFlags?: string[]
  env: NodeJS.ProcessEnv
  concurrency: number
  options: Record<string, Record<string, unknown>>
  progress: ScanProgress
  out: string
  /** Assess the fresh snapshot and write the reports into this folder. */
  assessInto?: string
  version?: string
}

/** Scans, writes the snapshot (unless nothing could be read), and optionally assesses it. */
export async function runScanJob(options: ScanJobOptions) {
  let result: Awaited<ReturnType<typeof runScan>>
  try {
    result = await runScan({
      providers: options.providers,
      endpoints: parseEndpoints(options.endpointFlags, options.env),
      concurrency: options.concurrency,
      progress: options.progress,
      options: options.options,
    })
  } finally {
    await options.progress.close?.()
  }
  // With nothing read (exit 4), an earlier good inventory is not replaced by an empty one.
  const written = result.exitCode !== ExitCode.noProvider
  if (written) await writeSnapshot(options.out, result.snapshot)
  let assessed: AssessJobResult | undefined
  if (written && options.assessInto)
    assessed = await runAssess({
      snapshots: [options.out],
      outDir: options.assessInto,
      formats: DEFAULT_FORMATS,
      version: options.version,
    })
  // An incomplete inventory (3) outranks findings: the findings may be missing resources.
  const exitCode = result.exitCode !== ExitCode.ok || !assessed ? result.exitCode : assessed.exitCode
  return {result, written, assessed, exitCode}
}
