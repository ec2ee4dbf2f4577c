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
  'standard',
  'european_alternatives',
  'findings',
]

/** RFC 4180: a field with a quote, comma or line break is quoted, and its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/
const quote = (cell: string): string => (NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
const line = (cells: unknown[]): string => `${cells.map((c) => quote(neutraliseCell(c))).join(',')}\r\n`

/**
 * resources.csv: one row per resource, RFC 4180 quoting, every cell neutralised. Quoting is done
 * here rather than with csv-stringify, which took longer for 100,000 rows than parsing the whole
 * input; the tests parse the output back with csv-parse.
 */
export function* renderCsv({assessment, policies}: ReportData): Generator<string> {
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
  yield line(HEADER)
  let batch = ''
  for (const r of assessment.resources) {
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
      service?.standard,
      service?.european.map((e) => `${e.provider}: ${e.service}`).join('; '),
      findingsById.get(r.id)?.join('; '),
    ])
    if (batch.length > 1 << 16) {
      yield batch
      batch = ''
    }
  }
  yield batch
}
