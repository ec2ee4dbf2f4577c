import {closeSync, existsSync, openSync, readSync} from 'node:fs'
import {dirname, isAbsolute, relative, resolve, sep} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {Finding, Severity} from '../policy/types.js'
import {pretty, prettyList, prettyObject} from '../util/pretty-json.js'
import type {ReportData} from './types.js'

/** GitHub code scanning accepts at most 25,000 results per run. */
export const SARIF_MAX_RESULTS = 25_000

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
}
/** GitHub's security-severity scale (0–10) for the severity badges; GitHub reads it only on rules tagged `security`. */
const SECURITY_SEVERITY: Record<Severity, string> = {critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0'}

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** What `assess --demo` records as its input (src/jobs/assess.ts), and the file behind it. */
const DEMO_LABEL = 'demo estate'
export const DEMO_FILE = resolve(PACKAGE_ROOT, 'fixtures/demo/inventory.json')

export interface Artifact {
  /** Where the file is read from. */
  path: string
  /** How SARIF names it: relative to the working folder (the repository, in CI), the demo file relative to exitready. */
  uri: string
}

/** A relative path as a URI reference: each segment percent-encoded, forward slashes. */
const uriOfRelative = (path: string) => path.split(sep).map(encodeURIComponent).join('/')

export function artifactFor(path: string, cwd: string): Artifact {
  const absolute = resolve(cwd, path)
  if (absolute === DEMO_FILE) return {path: absolute, uri: 'fixtures/demo/inventory.json'}
  const inside = relative(cwd, absolute)
  const uri = inside && !inside.startsWith('..') && !isAbsolute(inside) ? uriOfRelative(inside) : pathToFileURL(absolute).href
  return {path: absolute, uri}
}

/** The snapshot files behind a report: those the job names, else the assessment's inputs that are files. */
export function inputArtifacts(data: ReportData, cwd = process.cwd()): Artifact[] {
  const candidates = data.inputFiles ?? data.assessment.inputs.map((input) => (input === DEMO_LABEL ? DEMO_FILE : input))
  return candidates.filter((file) => existsSync(resolve(cwd, file))).map((file) => artifactFor(file, cwd))
}

const CHUNK = 1 << 22
/** A line longer than this (a minified snapshot over 64 MiB) ends the search; later ids get no line. */
const MAX_LINE = 1 << 26
const KEY = Buffer.from('"id"')
const NEWLINE = 0x0a

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0
  for (let i = buf.indexOf(NEWLINE, from); i >= 0 && i < to; i = buf.indexOf(NEWLINE, i + 1)) n++
  return n
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d

/** The JSON string value after an `"id"` key at `pos`, and where it ends; undefined when it is not one. */
function idValueAt(buf: Buffer, pos: number, end: number): {id: string; next: number} | undefined {
  let i = pos
  while (i < end && isSpace(buf[i])) i++
  if (buf[i] !== 0x3a) return undefined
  i++
  while (i < end && isSpace(buf[i])) i++
  if (buf[i] !== 0x22) return undefined
  const start = ++i
  // The common case: no backslash before the closing quote, found natively.
  let close = buf.indexOf(0x22, start)
  if (close < 0 || close >= end) return undefined
  const escaped = buf.subarray(start, close).includes(0x5c)
  if (escaped)
    for (close = start; close < end; close++) {
      const byte = buf[close]
      if (byte === 0x22) break
      if (byte === 0x5c) close++ // the escaped character, which may be a quote
    }
  if (close >= end || buf.subarray(start, close).includes(NEWLINE)) return undefined
  i = close
  const raw = buf.toString('utf8', start, i)
  try {
    return {id: escaped ? (JSON.parse(`"${raw}"`) as string) : raw, next: i + 1}
  } catch {
    return undefined
  }
}

/**
 * The line of each wanted resource id in a JSON or NDJSON snapshot: where `"id": "<id>"` first
 * appears. Read in 4 MiB chunks, so a large snapshot is never held whole; an unreadable file gives no lines.
 * A tag named "id" whose value equals a later resource's id would be taken for it: accepted, as rare.
 */
export function findIdLines(path: string, wanted: ReadonlySet<string>): Map<string, number> {
  const lines = new Map<string, number>()
  if (wanted.size === 0) return lines
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return lines
  }
  try {
    const chunk = Buffer.allocUnsafe(CHUNK)
    let carry: Buffer | undefined
    let line = 1
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, null)
      const final = read === 0
      const fresh = chunk.subarray(0, read)
      const buf = carry ? (final ? carry : Buffer.concat([carry, fresh])) : fresh
      if (buf.length === 0) break
      // Only whole lines are searched, so no key or value is cut at a chunk's end.
      const end = final ? buf.length : buf.lastIndexOf(NEWLINE) + 1
      if (end === 0) {
        if (buf.length > MAX_LINE) break
        carry = Buffer.from(buf)
        continue
      }
      let pos = 0
      for (;;) {
        const at = buf.indexOf(KEY, pos)
        if (at < 0 || at >= end) break
        line += countNewlines(buf, pos, at)
        pos = at + KEY.length
        const value = idValueAt(buf, pos, end)
        if (!value) continue
        line += countNewlines(buf, pos, value.next)
        pos = value.next
        if (wanted.has(value.id) && !lines.has(value.id)) {
          lines.set(value.id, line)
          if (lines.size === wanted.size) return lines
        }
      }
      line += countNewlines(buf, pos, end)
      carry = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined
      if (final) break
    }
  } catch {
    // A read error leaves the lines found so far; the rest get no region.
  } finally {
    closeSync(fd)
  }
  return lines
}

export interface SarifOptions {
  maxResults?: number
  /** The folder artifact URIs are relative to (the repository root in CI). */
  cwd?: string
}

/**
 * findings.sarif (SARIF 2.1.0), streamed result by result. Each result points at the snapshot file it came from, at the line of
 * its resource's id where the file shows it, and names the resource as a logical location. Aggregate
 * findings point at the first input file without a region. Waived findings carry a suppression.
 */
export function* renderSarif(data: ReportData, options: SarifOptions | number = {}): Generator<string> {
  const {maxResults = SARIF_MAX_RESULTS, cwd = process.cwd()} = typeof options === 'number' ? {maxResults: options} : options
  const {assessment, policies} = data
  const rules: object[] = []
  // Only the findings that are included are gathered; the rest are counted.
  const included: {finding: Finding; index: number}[] = []
  let total = 0
  for (const policy of policies)
    for (const rule of policy.rules) {
      const id = `${policy.name}/${rule.id}`
      rules.push({
        id,
        name: rule.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
        shortDescription: {text: rule.title},
        fullDescription: {text: rule.rationale},
        help: {
          text: rule.remediation,
          markdown: `**${rule.title}**\n\n${rule.rationale}\n\n**Remediation:** ${rule.remediation}`,
        },
        defaultConfiguration: {level: LEVEL[rule.severity]},
        properties: {
          tags: [...new Set(['security', 'exitready', policy.name, ...rule.references])],
          'security-severity': SECURITY_SEVERITY[rule.severity],
          precision: 'high',
        },
      })
      total += rule.findings.length
      for (const finding of rule.findings) {
        if (included.length >= maxResults) break
        included.push({finding, index: rules.length - 1})
      }
    }
  const artifacts = inputArtifacts(data, cwd)
  // Which file and line each resource is at: the first file that shows it.
  const wanted = new Set<string>()
  for (const {finding} of included) if (finding.resourceId) wanted.add(finding.resourceId)
  const located = new Map<string, {artifact: number; line: number}>()
  artifacts.forEach((artifact, index) => {
    if (located.size === wanted.size) return
    let missing: Set<string> = wanted
    if (located.size > 0) {
      missing = new Set<string>()
      for (const id of wanted) if (!located.has(id)) missing.add(id)
    }
    for (const [id, line] of findIdLines(artifact.path, missing)) located.set(id, {artifact: index, line})
  })
  const physical = (resourceId: string | undefined) => {
    const at = resourceId === undefined ? undefined : located.get(resourceId)
    const index = at?.artifact ?? 0
    const artifact = artifacts[index]
    if (!artifact) return {}
    return {
      physicalLocation: {
        artifactLocation: {uri: artifact.uri, index},
        ...(at ? {region: {startLine: at.line}} : {}),
      },
    }
  }
  const resultOf = ({finding, index}: {finding: Finding; index: number}) => ({
    ruleId: `${finding.policy}/${finding.ruleId}`,
    ruleIndex: index,
    level: LEVEL[finding.severity],
    message: {text: finding.message},
    locations: [
      {
        ...physical(finding.resourceId),
        logicalLocations: [
          {
            fullyQualifiedName: finding.resourceId ?? finding.subject ?? 'estate',
            kind: finding.resourceId ? 'resource' : 'module',
          },
        ],
      },
    ],
    partialFingerprints: {exitreadyFinding: `${finding.policy}/${finding.ruleId}/${finding.resourceId ?? finding.subject ?? ''}`},
    ...(finding.waiver
      ? {
          suppressions: [
            {kind: 'external', status: 'accepted', justification: `${finding.waiver.reason} (until ${finding.waiver.expires})`},
          ],
        }
      : {}),
    ...(finding.value !== undefined ? {properties: {value: finding.value, bound: finding.bound}} : {}),
  })
  const truncated = total > maxResults
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {name: 'exitready', version: assessment.generator.version, informationUri: 'https://exitready.dev', rules},
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: truncated
              ? [
                  {
                    level: 'warning',
                    message: {
                      text: `${total} findings exceed the limit of ${maxResults} results per run; the first ${maxResults} are included. The full list is in assessment.json.`,
                    },
                  },
                ]
              : [],
          },
        ],
        ...(artifacts.length ? {artifacts: artifacts.map((a) => ({location: {uri: a.uri}, roles: ['analysisTarget']}))} : {}),
        results: included,
        properties: {grade: assessment.summary.grade, totalFindings: total, truncated},
      },
    ],
  }
  // Streamed: the results one by one, the rest of the log as JSON.stringify would print it.
  yield* prettyObject(log, 0, {
    runs: (runs) =>
      prettyList(runs as object[], 1, (run) =>
        prettyObject(run, 2, {
          results: (items) => prettyList(items as typeof included, 3, (item) => [pretty(resultOf(item), 4)!]),
        }),
      ),
  })
  yield '\n'
}
