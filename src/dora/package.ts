import {strToU8, zipSync} from 'fflate'
import type {AssessedResource} from '../assessment/schema.js'
import {neutraliseCell} from '../report/csv.js'
import type {ExitPlanFinding} from './exit-plan.js'
import type {JoinResult} from './join.js'
import type {Register, Row} from './register.js'
import {TEMPLATE_IDS, TEMPLATES, type TemplateId, tableFile, WRITTEN_TEMPLATES} from './templates.js'
import type {RegisterProblem, Validation} from './validate.js'

/** The DORA module the report extends (EBA framework 4.0, module 1.1.0); unconfirmed for reference dates after 2025 (4.3). */
export const DORA_ENTRY_POINT = 'http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json'
const MODULE_CODE = 'DORA010100'

/**
 * RFC 4180 quoting over the project's formula neutralisation (src/report/csv.ts). The fixed
 * package files are not neutralised: `decimalsMonetary,-3` must stay a number.
 */
const NEEDS_QUOTES = /[",\r\n]/
function csvLine(cells: readonly unknown[], neutralise = true): string {
  return `${cells
    .map((c) => {
      const text = neutralise ? neutraliseCell(c) : String(c ?? '')
      return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
    })
    .join(',')}\r\n`
}

const timestamp = (now: Date) =>
  now
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 17)

/** `<LEI>.CON_<country>_DORA010100_DORA_<refPeriod>_<YYYYMMDDhhmmssfff>` (EBA filing rules naming). */
export function packageName(register: Register, country: string, now: Date): string {
  return `${register.entityId.replace(/^rs:/, '')}_${country}_${MODULE_CODE}_DORA_${register.refPeriod}_${timestamp(now)}`
}

function table(columns: readonly string[], rows: readonly Row[]): string {
  let text = csvLine(columns)
  for (const row of rows) text += csvLine(columns.map((c) => row[c]?.value))
  return text
}

/** The files of the report package, by path inside the zip (under its one top-level folder). */
export function packageFiles(register: Register, name: string): Record<string, string> {
  const files: Record<string, string> = {
    [`${name}/META-INF/reportPackage.json`]: `${JSON.stringify({documentInfo: {documentType: 'https://xbrl.org/report-package/2023'}})}\n`,
    [`${name}/reports/report.json`]: `${JSON.stringify(
      {documentInfo: {documentType: 'https://xbrl.org/2021/xbrl-csv', extends: [DORA_ENTRY_POINT]}},
      null,
      2,
    )}\n`,
    [`${name}/reports/parameters.csv`]:
      csvLine(['name', 'value'], false) +
      csvLine(['entityID', register.entityId], false) +
      csvLine(['refPeriod', register.refPeriod], false) +
      csvLine(['baseCurrency', `iso4217:${register.baseCurrency}`], false) +
      csvLine(['decimalsInteger', '0'], false) +
      csvLine(['decimalsMonetary', '-3'], false),
    [`${name}/reports/FilingIndicators.csv`]:
      csvLine(['templateID', 'reported'], false) +
      TEMPLATE_IDS.map((id) => csvLine([id, WRITTEN_TEMPLATES.includes(id) ? 'true' : 'false'], false)).join(''),
  }
  for (const id of WRITTEN_TEMPLATES)
    files[`${name}/reports/${tableFile(id)}`] = table(
      TEMPLATES[id]!.map((c) => c.code),
      register.tables.get(id) ?? [],
    )
  return files
}

/** The zip: one folder named like the zip; fixed modification times, so the same input gives the same bytes. */
export function zipPackage(files: Record<string, string>, now: Date): Uint8Array {
  const entries: Record<string, [Uint8Array, {mtime: Date}]> = {}
  for (const [path, text] of Object.entries(files)) entries[path] = [strToU8(text), {mtime: now}]
  return zipSync(entries, {level: 6})
}

/** The same tables for people: column names in the header, and every value's source in sources.csv. */
export function readableFiles(register: Register): Record<string, string> {
  const files: Record<string, string> = {}
  let sources = csvLine(['template', 'row', 'column', 'value', 'source', 'from', 'field'])
  for (const id of WRITTEN_TEMPLATES) {
    const columns = TEMPLATES[id]!
    const rows = register.tables.get(id) ?? []
    files[tableFile(id)] = table(
      columns.map((c) => c.code),
      rows,
    ).replace(/^[^\r]*\r\n/, csvLine(columns.map((c) => `${c.code} ${c.name}`)))
    rows.forEach((row, i) => {
      for (const c of columns) {
        const cell = row[c.code]
        if (cell && cell.value !== '') sources += csvLine([id, i + 1, c.code, cell.value, cell.source, cell.from, cell.field])
      }
    })
  }
  files['sources.csv'] = sources
  return files
}

const md = (text: unknown) =>
  String(text ?? '')
    .replaceAll('|', '\\|')
    .replace(/[\r\n]+/g, ' ')

const NOT_WRITTEN: Partial<Record<TemplateId, string>> = {
  'B_01.03': 'branches: exitready has no data on them',
  'B_02.03': 'intra-group links between arrangements',
  'B_03.03': 'entities providing ICT services intra-group',
  'B_04.01':
    'entities using the services: its branch column c0040 is a key in the DPM but empty for non-branches, and what to report there is not settled (reference §2.7); fill it with your authority’s convention',
}

/** At most this many rows per list in the gap report; the CSV files hold everything. */
const LIST_LIMIT = 200

function problemsTable(problems: readonly RegisterProblem[]): string {
  let text = '| Template | Column | Row | Key | Problem | Where to fix |\n|---|---|---|---|---|---|\n'
  for (const p of problems.slice(0, LIST_LIMIT))
    text += `| ${p.template ?? ''} | ${p.column ?? ''} | ${p.row ?? ''} | ${md(p.key)} | ${md(p.message)} | ${md(p.field)} |\n`
  if (problems.length > LIST_LIMIT) text += `\n(and ${problems.length - LIST_LIMIT} more)\n`
  return text
}

function resourceLine(r: AssessedResource): string {
  return `| ${md(r.provider)} | ${md(r.account)} | ${md(r.type)} | ${md(r.name ?? r.id)} |\n`
}

/** The Markdown gap report: what fails validation, what exitready proposed, what no arrangement covers. */
export function renderGapReport(input: {
  register: Register
  validation: Validation
  join: JoinResult
  packageFile: string
  incompleteSources: string[]
  exitPlanFindings?: ExitPlanFinding[]
}): string {
  const {register, validation, join} = input
  const errors = validation.problems.filter((p) => p.severity === 'error')
  const warnings = validation.problems.filter((p) => p.severity === 'warning')
  let text = `# DORA Register of Information: gap report\n\n`
  text += `Entity ${register.entityId.replace(/^rs:/, '')}, reference date ${register.refPeriod}, written ${register.reportingDate}. Package: \`${input.packageFile}\`.\n\n`
  text += `- ${errors.length} problems that an authority would reject or flag (validation errors)\n`
  text += `- ${warnings.length} warnings\n`
  text += `- ${validation.proposed.length} values ${'proposed by exitready'}: confirm them by writing them into the arrangements file\n`
  text += `- ${join.uncovered.length} resources that no arrangement covers; ${join.empty.length} arrangements or services that cover nothing\n\n`
  if (input.incompleteSources.length)
    text += `**The inventory is incomplete** (${input.incompleteSources.join(', ')}): locations and proposals may miss resources.\n\n`
  text += `## Problems to fix before filing\n\n`
  text += errors.length
    ? problemsTable(errors)
    : 'None: every key, mandatory value, closed-list value, LEI and cross-template link checked holds.\n'
  text += `\n## Warnings\n\n${warnings.length ? problemsTable(warnings) : 'None.\n'}`
  text += `\n## Proposed by exitready: to confirm\n\nThese values come from the inventory and the catalog, not from your contracts. Each is written into the package; confirm or correct it at the field named.\n\n`
  if (validation.proposed.length) {
    // One line per template, column, field, value and source: the same proposal repeats over many
    // B_02.02 rows; rows with the same value on different grounds stay apart so each names its own.
    const grouped = new Map<string, {count: number; p: (typeof validation.proposed)[number]}>()
    for (const p of validation.proposed) {
      const key = `${p.template}\u0000${p.column}\u0000${p.field}\u0000${p.value}\u0000${p.from}`
      const entry = grouped.get(key)
      if (entry) entry.count++
      else grouped.set(key, {count: 1, p})
    }
    text += '| Template | Column | Rows | Value | From | Confirm at |\n|---|---|---|---|---|---|\n'
    let shown = 0
    for (const {count, p} of grouped.values()) {
      if (shown++ >= LIST_LIMIT) break
      text += `| ${p.template} | ${p.column} | ${count > 1 ? `${count} rows from ${p.row}` : p.row} | ${md(p.value)} | ${md(p.from)} | ${md(p.field)} |\n`
    }
    if (grouped.size > LIST_LIMIT) text += `\n(and ${grouped.size - LIST_LIMIT} more; sources.csv lists every value)\n`
  } else text += 'None.\n'
  const planFindings = input.exitPlanFindings ?? []
  text += `\n## Exit plans (DORA Art. 28(8), RTS 2024/1773 Art. 10)\n\n`
  text += planFindings.length
    ? `| Arrangement | Requirement | Finding | Where to fix |\n|---|---|---|---|\n${planFindings
        .map((f) => `| ${md(f.reference)} | ${f.rule} | ${md(f.message)} | ${md(f.field)} |`)
        .join('\n')}\n`
    : 'Every arrangement supporting a critical or important function links an exit plan tested within twelve months, with alternatives identified where it is hardly substitutable.\n'
  text += `\n## Coverage\n\n`
  if (join.empty.length)
    text += `Arrangements or services whose selectors match no resource:\n\n${join.empty
      .map((e) => `- ${md(e.reference)}${e.service === undefined ? '' : `, service ${e.service}`}`)
      .join('\n')}\n\n`
  if (join.uncovered.length) {
    text += `Resources that no arrangement covers (${join.uncovered.length}): add them to an arrangement's selectors, or confirm that no ICT arrangement applies.\n\n| Provider | Account | Type | Resource |\n|---|---|---|---|\n`
    for (const r of join.uncovered.slice(0, LIST_LIMIT)) text += resourceLine(r)
    if (join.uncovered.length > LIST_LIMIT) text += `\n(and ${join.uncovered.length - LIST_LIMIT} more)\n`
  } else text += 'Every resource is covered by an arrangement.\n'
  text += `\n## Templates not written\n\nReported \`false\` in FilingIndicators.csv; supply them from your contract or vendor-management system if your authority expects them:\n\n`
  for (const [id, why] of Object.entries(NOT_WRITTEN)) text += `- ${id}: ${why}.\n`
  return text
}
