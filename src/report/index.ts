import {randomUUID} from 'node:crypto'
import {mkdir, open, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {InputError} from '../errors.js'
import {removeStaleTemporaryFiles, type WrittenFile, writeChunksAtomic, writeError, writeFileAtomic} from '../util/atomic.js'
import {stageAsync} from '../util/stages.js'
import {didYouMean} from '../util/suggest.js'
import {renderCsv} from './csv.js'
import {renderHtml} from './html.js'
import {renderJson} from './json.js'
import {renderJunit} from './junit.js'
import {renderMarkdown} from './markdown.js'
import {renderSarif} from './sarif.js'
import type {Renderer, ReportData} from './types.js'

/** Every output format: its file name and renderer. Each file is written atomically. */
export const REPORT_FORMATS: Record<string, {file: string; render: Renderer; description: string}> = {
  html: {
    file: 'exit-report.html',
    render: renderHtml,
    description: 'the exit-strategy report as one self-contained page, for people and printing',
  },
  json: {
    file: 'assessment.json',
    render: renderJson,
    description: 'the full assessment, every resource with its score breakdown',
  },
  md: {file: 'exit-report.md', render: renderMarkdown, description: 'the exit-strategy report in Markdown'},
  csv: {file: 'resources.csv', render: renderCsv, description: 'one row per resource, for spreadsheets'},
  sarif: {
    file: 'findings.sarif',
    render: (data) => renderSarif(data),
    description: 'policy findings as SARIF 2.1.0, for code scanning',
  },
  junit: {file: 'junit.xml', render: renderJunit, description: 'one test case per policy rule, for CI test reports'},
}

export const DEFAULT_FORMATS = ['md', 'html', 'json']

/** Formats from `--format md,json` (and repetition): known, unique, and at least one. */
export function parseFormats(value: string | string[]): string[] {
  const formats = (Array.isArray(value) ? value : [value])
    .flatMap((item) => item.split(','))
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean)
  const known = Object.keys(REPORT_FORMATS)
  if (formats.length === 0)
    throw new InputError('--format names no format.', `Choose one or more of: ${known.join(', ')} (comma-separated).`)
  for (const format of formats)
    if (!REPORT_FORMATS[format])
      throw new InputError(`Unknown report format "${format}"${didYouMean(format, known)}.`, `Choose from: ${known.join(', ')}.`)
  return [...new Set(formats)]
}

/** The manifest written last into a report folder: which files belong to one run, with their hashes. */
export const RUN_MANIFEST = 'exitready-run.json'
const LOCK = '.exitready.lock'

export interface RunManifest {
  schema: 'exitready/run@1'
  runId: string
  createdAt: string
  version?: string
  inputs: string[]
  files: ({file: string; format: string} & WrittenFile)[]
}

/**
 * One run at a time per folder: a lock file naming the process; a lock left by a process that is
 * gone is taken over. Another live run is exit 2 with what to do.
 */
async function lockFolder(outDir: string): Promise<() => Promise<void>> {
  const path = join(outDir, LOCK)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(path, {force: true})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(path, error)
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      let alive = false
      if (owner > 0 && owner !== process.pid)
        try {
          process.kill(owner, 0)
          alive = true
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === 'EPERM'
        }
      if (alive)
        throw new InputError(
          `${outDir}: another exitready run (process ${owner}) is writing reports into this folder.`,
          'Wait for it to finish, or choose another --out-dir.',
        )
      await rm(path, {force: true})
    }
  }
  throw writeError(path, {code: 'EBUSY'})
}

/**
 * Writes the chosen formats into `outDir` under a lock, each file atomically, then the run
 * manifest (`exitready-run.json`) naming every file with its SHA-256: a reader can tell that the
 * files belong together, even after an interrupted or concurrent run. Returns the paths written.
 */
export async function writeReports(
  data: ReportData,
  formats: string[],
  outDir: string,
  run: {inputs?: string[]; version?: string} = {},
): Promise<string[]> {
  await mkdir(outDir, {recursive: true}).catch((error: unknown) => {
    throw writeError(outDir, error)
  })
  const unlock = await lockFolder(outDir)
  try {
    await removeStaleTemporaryFiles(outDir)
    const manifest: RunManifest = {
      schema: 'exitready/run@1',
      runId: randomUUID(),
      createdAt: data.now.toISOString(),
      ...(run.version ? {version: run.version} : {}),
      inputs: run.inputs ?? data.assessment.inputs ?? [],
      files: [],
    }
    // The old manifest goes first: until the new one is written, the folder claims no complete set.
    await rm(join(outDir, RUN_MANIFEST), {force: true})
    const written: string[] = []
    for (const format of formats) {
      const spec = REPORT_FORMATS[format]
      if (!spec) continue
      const path = join(outDir, spec.file)
      const file = await stageAsync(`write ${format}`, () => writeChunksAtomic(path, spec.render(data)))
      manifest.files.push({file: spec.file, format, ...file})
      written.push(path)
    }
    await writeFileAtomic(join(outDir, RUN_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
    return written
  } finally {
    await unlock()
  }
}
