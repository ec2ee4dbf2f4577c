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
  for (const [name, value] of Object.entries(tags)) if (keys.includes(name.toLowerCase())) return value
  return undefined
}

/** The resource's application and owner, from its tags (`app` or `application`, `owner`). */
export const appOf = (tags: Record<string, string>) => tagValue(tags, APP_KEYS)
export const ownerOf = (tags: Record<string, string>) => tagValue(tags, OWNER_KEYS)

/**
 * The tag keys that get a column: the most frequent first, ties by name, so the header is the same
 * for the same estate; the keys behind the app and owner columns have theirs already.
 */
export function tagColumns(resources: readonly {tags: Record<string, string>}[], max = CSV_TAG_COLUMNS): string[] {
  const counts = new Map<string, number>()
  for (const r of resources)
    for (const key in r.tags)
      if (!APP_KEYS.includes(key.toLowerCase()) && !OWNER_KEYS.includes(key.toLowerCase()))
        counts.set(key, (counts.get(key) ?? 0) + 1)
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, max)
    .map(([key]) => key)
}

/** RFC 4180: a field with a quote, comma or line break is quoted, and its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/
const quote = (cell: string): string => (NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
const line = (cells: unknown[]): string => `${cells.map((c) => quote(neutraliseCell(c))).join(',')}\r\n`

/**
 * resources.csv: one row per resource, RFC 4180 quoting, every cell neutralised. Quoting is done
 * here rather than with csv-stringify, which took longer for 100,000 rows than parsing the whole
 * input; the tests parse the output back with csv-parse.
 */
export function* renderCsv({assessment, policies, dependencies}: ReportData): Generator<string> {
  const findingsById = new Map<string, string[]>()
  for (const policy of policies)
    for (const rule of policy.rules)
      for (const f of rule.findings) {
        if (!f.resourceId) continue
        const ids = findingsById.get(f.resourceId)
        if (ids) ids.push(`${f.policy}/${f.ruleId}`)
        else findingsById.set(f.resourceId, [`${f.policy}/${f.ruleId}`])
      }
  const services = new Map(assessment.services.map((s) => [`${s.provider}\u0000${s.type}\u0000${s.portability}`, s]))
  // Wave per graph node: one typed array, not a map of every id.
  const graph = dependencies?.graph
  const waveOf = new Int32Array(graph ? graph.nodes.length : 0)
  if (graph)
    for (const wave of dependencies.waves)
      for (const member of wave.members) {
        const i = graph.index.get(member.id)
        if (i !== undefined) waveOf[i] = wave.wave
      }
  const tagKeys = tagColumns(assessment.resources)
  yield line([...HEADER, ...tagKeys.map((key) => `tag:${key}`)])
  let batch = ''
  for (const r of assessment.resources) {
    const node = graph?.index.get(r.id)
    const wave = node === undefined ? 0 : waveOf[node]!
    const service = services.get(`${r.provider}\u0000${r.type}\u0000${r.portability}`)
    batch += line([
      r.id,
      r.name,
      r.provider,
      r.account,
      r.region,
      r.country,
      r.control,
      r.type,
      r.category,
      r.portability,
      r.score,
      r.breakdown.base,
      r.breakdown.gravity,
      r.breakdown.coupling,
      r.stateful,
      r.sizeGiB,
      service?.speaks,
      service?.target,
      service?.european.map((e) => `${e.provider}: ${e.service}`).join('; '),
      findingsById.get(r.id)?.join('; '),
      r.effort,
      wave > 0 ? wave : undefined,
      appOf(r.tags),
      ownerOf(r.tags),
      ...tagKeys.map((key) => r.tags[key]),
    ])
    if (batch.length > 1 << 16) {
      yield batch
      batch = ''
    }
  }
  yield batch
}
