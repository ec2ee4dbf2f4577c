import {join} from 'node:path'
import {writeChunksAtomic} from '../util/atomic.js'
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

export function parseFormats(value: string): string[] {
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean)
  return [...new Set(formats)]
}

/** Writes the chosen formats into `outDir`; returns the paths written. */
export async function writeReports(data: ReportData, formats: string[], outDir: string): Promise<string[]> {
  const written: string[] = []
  for (const format of formats) {
    const spec = REPORT_FORMATS[format]
    if (!spec) continue
    const path = join(outDir, spec.file)
    await writeChunksAtomic(path, spec.render(data))
    written.push(path)
  }
  return written
}
