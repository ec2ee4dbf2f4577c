import {waveOfNodes} from '../graph/analysis.js'
import type {ReportData} from './types.js'

/**
 * A spreadsheet cell that starts with =, +, -, @, tab or carriage return is a formula (or becomes
 * one); a leading apostrophe makes every spreadsheet show it as text.
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r'])

export function neutraliseCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value)
  return FORMULA_START.has(text.charAt(0)) ? `'${text}` : text
}

const HEADER = [
  'id',
  'name',
  'provider',
  'account',
  'region',
  'country',
  'control',
  'type',
  'category',
  'portability',
  'score',
  'base',
  'gravity',
  'coupling',
  'stateful',
  'size_gib',
  'speaks',
  'target',
  'european_alternatives',
  'findings',
  'effort',
  'wave',
  'app',
  'owner',
]

/** Tag columns (`tag:<key>`): the most common keys, up to this many. */
export const CSV_TAG_COLUMNS = 20

/** The tag keys that fill the app and owner columns, in order of preference (any case). */
const APP_KEYS = ['app', 'application']
const OWNER_KEYS = ['owner']

/** The first of `keys` (any case) that the tags carry. */
function tagValue(tags: Record<string, string>, keys: string[]): string | undefined {
  for (const key of keys) if (tags[key] !== undefined) return tags[key]
  for (const name in tags) if (keys.includes(name.toLowerCase())) return tags[name]
  return undefined
}

/** The resource's application and owner, from its tags (`app` or `application`, `owner`). */
export const appOf = (tags: Record<string, string>) => tagValue(tags, APP_KEYS)
export const ownerOf = (tags: Record<string, string>) => tagValue(tags, OWNER_KEYS)

const hasOwnColumn = (key: string) => APP_KEYS.includes(key.toLowerCase()) || OWNER_KEYS.includes(key.toLowerCase())

/**
 * The tag keys that get a column: the most frequent first, ties by name, so the header is the same
 * for the same estate; the keys behind the app and owner columns have theirs already.
 */
export function tagColumns(resources: readonly {tags: Record<string, string>}[], max = CSV_TAG_COLUMNS): string[] {
  const counts = new Map<string, number>()
  for (const r of resources) for (const key in r.tags) counts.set(key, (counts.get(key) ?? 0) + 1)
  return [...counts]
    .filter(([key]) => !hasOwnColumn(key))
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, max)
    .map(([key]) => key)
}

/** RFC 4180: a field with a quote, comma or line break is quoted, and its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/
const quote = (cell: string): string => (NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
/** One cell as written: neutralised, then quoted. */
const cell = (value: unknown): string => quote(neutraliseCell(value))
const line = (cells: unknown[]): string => `${cells.map(cell).join(',')}\r\n`

/** Cells of columns with few distinct values (provider, region, country, scores …), each worked out once. */
class CellMemo {
  /** Beyond this many distinct values a column is not worth remembering. */
  static readonly MAX = 4096
  private readonly cells = new Map<unknown, string>()
  get(value: unknown): string {
    let text = this.cells.get(value)
    if (text === undefined) {
      text = cell(value)
      if (this.cells.size < CellMemo.MAX) this.cells.set(value, text)
    }
    return text
  }
}

/** A map several keys deep, for cells that depend only on a resource's profile (type, category, class). */
function memoBy<K extends unknown[], V>(make: (...keys: K) => V): (...keys: K) => V {
  const root = new Map<unknown, unknown>()
  return (...keys: K) => {
    let level = root
    for (let i = 0; i < keys.length - 1; i++) {
      let next = level.get(keys[i]) as Map<unknown, unknown> | undefined
      if (!next) {
        next = new Map()
        level.set(keys[i], next)
      }
      level = next
    }
    const last = keys[keys.length - 1]
    if (level.has(last)) return level.get(last) as V
    const value = make(...keys)
    level.set(last, value)
    return value
  }
}

/**
 * resources.csv: one row per resource, RFC 4180 quoting, every cell neutralised. Quoting is done
 * here rather than with csv-stringify, which took longer for 100,000 rows than parsing the whole
 * input; the tests parse the output back with csv-parse. The cells that depend only on the
 * resource's service and profile are worked out once per profile, not once per row.
 */
export function* renderCsv({assessment, policies, dependencies}: ReportData): Generator<string> {
  const {resources} = assessment
  const graph = dependencies?.graph
  // Graph node of each resource: by position when the graph lists the resources in order, else by id.
  const nodeOf = (id: string, i: number): number | undefined => (graph?.nodes[i]?.id === id ? i : graph?.index.get(id))
  // Findings per resource, as the cell text ("policy/rule; policy/rule"): by graph node where there is one.
  const findingsAtNode: (string | undefined)[] = []
  const findingsById = new Map<string, string>()
  for (const policy of policies)
    for (const rule of policy.rules) {
      let label = ''
      let labelOf: [string, string] | undefined
      for (const f of rule.findings) {
        if (!f.resourceId) continue
        if (labelOf?.[0] !== f.policy || labelOf[1] !== f.ruleId) {
          labelOf = [f.policy, f.ruleId]
          label = `${f.policy}/${f.ruleId}`
        }
        const node = graph?.index.get(f.resourceId)
        if (node !== undefined) {
          const text = findingsAtNode[node]
          findingsAtNode[node] = text === undefined ? label : `${text}; ${label}`
        } else {
          const text = findingsById.get(f.resourceId)
          findingsById.set(f.resourceId, text === undefined ? label : `${text}; ${label}`)
        }
      }
    }
  // Wave per graph node: one typed array, not a map of every id.
  const waveOf = dependencies ? waveOfNodes(dependencies) : new Int32Array(0)
  const serviceByKey = new Map(assessment.services.map((s) => [`${s.provider}\u0000${s.type}\u0000${s.portability}`, s]))
  const services = memoBy((provider: string, type: string, portability: string) => {
    const service = serviceByKey.get(`${provider}\u0000${type}\u0000${portability}`)
    return [
      cell(service?.speaks),
      cell(service?.target),
      cell(service?.european.map((e) => `${e.provider}: ${e.service}`).join('; ')),
    ].join(',')
  })
  const profile = memoBy(
    (type: string, category: string, portability: string) => `${cell(type)},${cell(category)},${cell(portability)}`,
  )
  const [provider, account, region, country, control, stateful, effort, small] = Array.from({length: 8}, () => new CellMemo())
  const tagKeys = tagColumns(resources)
  yield line([...HEADER, ...tagKeys.map((key) => `tag:${key}`)])
  let batch = ''
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!
    const node = graph ? nodeOf(r.id, i) : undefined
    const wave = node === undefined ? 0 : waveOf[node]!
    const findings = node === undefined ? findingsById.get(r.id) : (findingsAtNode[node] ?? findingsById.get(r.id))
    let row = `${cell(r.id)},${cell(r.name)},${provider!.get(r.provider)},${account!.get(r.account)},${region!.get(r.region)},${country!.get(r.country)},${control!.get(r.control)},${profile(r.type, r.category, r.portability)},${small!.get(r.score)},${small!.get(r.breakdown.base)},${small!.get(r.breakdown.gravity)},${small!.get(r.breakdown.coupling)},${stateful!.get(r.stateful)},${cell(r.sizeGiB)},${services(r.provider, r.type, r.portability)},${cell(findings)},${effort!.get(r.effort)},${small!.get(wave > 0 ? wave : undefined)},${cell(appOf(r.tags))},${cell(ownerOf(r.tags))}`
    for (const key of tagKeys) row += `,${cell(r.tags[key])}`
    batch += `${row}\r\n`
    if (batch.length > 1 << 16) {
      yield batch
      batch = ''
    }
  }
  yield batch
}
