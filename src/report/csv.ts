import {stringify} from 'csv-stringify/sync'
import {findingKey} from '../policy/evaluate.js'
import type {ReportData} from './types.js'

/**
 * A spreadsheet cell that starts with =, +, -, @, tab or carriage return is a formula (or becomes
 * one); a leading apostrophe makes every spreadsheet show it as text.
 */
export function neutraliseCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value)
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
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

/** resources.csv: one row per resource, RFC 4180 quoting (csv-stringify), every cell neutralised. */
export function* renderCsv({assessment, policies}: ReportData): Generator<string> {
  const findingsById = new Map<string, string[]>()
  for (const policy of policies)
    for (const rule of policy.rules)
      for (const f of rule.findings)
        if (f.resourceId)
          findingsById.set(f.resourceId, [
            ...(findingsById.get(f.resourceId) ?? []),
            findingKey(f).split('/').slice(0, 2).join('/'),
          ])
  const services = new Map(assessment.services.map((s) => [`${s.provider}\u0000${s.type}\u0000${s.portability}`, s]))
  // csv-stringify is called once per batch of rows: per-row calls spend most of their time on option handling.
  const options = {record_delimiter: '\r\n', quoted_match: /[",\r\n]/} as const
  yield stringify([HEADER], options)
  let batch: string[][] = []
  for (const r of assessment.resources) {
    const service = services.get(`${r.provider}\u0000${r.type}\u0000${r.portability}`)
    batch.push(
      [
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
      ].map(neutraliseCell),
    )
    if (batch.length === 2000) {
      yield stringify(batch, options)
      batch = []
    }
  }
  if (batch.length) yield stringify(batch, options)
}
