import {isValidLei} from './lei.js'
import type {Cell, Register, Row} from './register.js'
import {type Column, TEMPLATES, type TemplateId, WRITTEN_TEMPLATES} from './templates.js'

export interface RegisterProblem {
  severity: 'error' | 'warning'
  template?: TemplateId
  column?: string
  /** 1-based data row (the header is row 0). */
  row?: number
  /** The row's key values, to find it without counting. */
  key?: string
  message: string
  /** Where to supply or fix it in the arrangements file. */
  field?: string
}

export interface ProposedValue {
  template: TemplateId
  column: string
  row: number
  key: string
  value: string
  from: string
  field?: string
}

export interface Validation {
  problems: RegisterProblem[]
  proposed: ProposedValue[]
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const validDate = (value: string) =>
  DATE.test(value) && (value === '9999-12-31' || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value)
const KIND_CHECKS: Record<string, [RegExp | ((v: string) => boolean), string]> = {
  d: [validDate, 'a date as YYYY-MM-DD'],
  i: [/^\d+$/, 'a natural number'],
  m: [/^\d+(\.\d+)?$/, 'a non-negative amount with a dot as decimal separator'],
  t: [/^true$/, 'true'],
}

const value = (row: Row, code: string): string | undefined => {
  const v = row[code]?.value
  return v === undefined || v === '' ? undefined : v
}

/** Conditional columns: when they become required (ITS "C" options and the named rules). */
const CONDITIONS: Partial<Record<TemplateId, {column: string; when: (row: Row) => boolean; why: string}[]>> = {
  'B_01.02': [
    {
      column: 'c0060',
      when: (r) => ['eba_RP:x551', 'eba_RP:x56'].includes(value(r, 'c0050') ?? ''),
      why: 'the entity has a direct parent',
    },
    {
      column: 'c0110',
      when: (r) => !['eba_CT:x317', 'eba_CT:x318'].includes(value(r, 'c0040') ?? ''),
      why: 'rule v8804: a financial entity reports its total assets',
    },
    {column: 'c0100', when: (r) => value(r, 'c0110') !== undefined, why: 'rule v8803: total assets are reported'},
  ],
  'B_02.01': [{column: 'c0030', when: (r) => value(r, 'c0020') === 'eba_CO:x3', why: 'rule v8805: a subsequent arrangement'}],
  'B_02.02': [
    ...['c0100', 'c0110', 'c0120', 'c0140', 'c0180'].map((column) => ({
      column,
      when: (r: Row) => r._critical !== undefined,
      why: 'the arrangement supports a critical or important function',
    })),
    {
      column: 'c0170',
      when: (r) => r._critical !== undefined && value(r, 'c0140') === 'eba_BT:x28',
      why: 'the provider stores data for a critical or important function',
    },
  ],
  'B_05.01': [
    {column: 'c0090', when: (r) => value(r, 'c0100') !== undefined, why: 'an amount is reported'},
    {column: 'c0040', when: (r) => value(r, 'c0030') !== undefined, why: 'an additional code is reported'},
  ],
  'B_07.01': [
    {
      column: 'c0060',
      when: (r) => ['eba_ZZ:x959', 'eba_ZZ:x960'].includes(value(r, 'c0050') ?? ''),
      why: 'rule v8825: the provider is not or hardly substitutable',
    },
  ],
}

/** Foreign keys: these columns of a template must name a row of another. */
export const FOREIGN_KEYS: {from: TemplateId; columns: string[]; to: TemplateId; target: string[]; what: string}[] = [
  ...(['B_02.02', 'B_03.01', 'B_03.02', 'B_05.02', 'B_07.01'] as TemplateId[]).map((from) => ({
    from,
    columns: ['c0010'],
    to: 'B_02.01' as TemplateId,
    target: ['c0010'],
    what: 'contract',
  })),
  {from: 'B_02.01', columns: ['c0030'], to: 'B_02.01', target: ['c0010'], what: 'overarching contract'},
  {from: 'B_01.02', columns: ['c0060'], to: 'B_01.02', target: ['c0010'], what: 'direct parent'},
  {from: 'B_02.02', columns: ['c0020', 'c0050'], to: 'B_06.01', target: ['c0040', 'c0010'], what: 'function'},
  {from: 'B_02.02', columns: ['c0010', 'c0030'], to: 'B_03.02', target: ['c0010', 'c0020'], what: 'contract and provider pair'},
  {from: 'B_03.02', columns: ['c0020'], to: 'B_05.01', target: ['c0010'], what: 'provider'},
  {from: 'B_05.01', columns: ['c0110'], to: 'B_05.01', target: ['c0010'], what: 'ultimate parent'},
  {from: 'B_05.02', columns: ['c0030'], to: 'B_05.01', target: ['c0010'], what: 'provider'},
  {from: 'B_05.02', columns: ['c0060'], to: 'B_05.01', target: ['c0010'], what: 'recipient provider'},
  {from: 'B_07.01', columns: ['c0020'], to: 'B_05.01', target: ['c0010'], what: 'provider'},
  {from: 'B_06.01', columns: ['c0040'], to: 'B_01.02', target: ['c0010'], what: 'entity'},
  {from: 'B_03.01', columns: ['c0020'], to: 'B_01.02', target: ['c0010'], what: 'entity'},
]

const keyOf = (row: Row, columns: readonly string[]) => columns.map((c) => value(row, c) ?? '').join(' / ')

function fieldOf(cell: Cell | undefined, row: Row, column: Column): string | undefined {
  if (cell?.field) return cell.field
  // A cell without a field of its own: the block its row comes from.
  for (const other of Object.values(row)) if (other?.field) return other.field.replace(/\.[^.[\]]+$/, '')
  return column.code
}

/** Checks every written table before anything is written: keys, mandatory values, closed lists, LEIs, links. */
export function validateRegister(register: Register): Validation {
  const problems: RegisterProblem[] = register.notes.map((n) => ({...n}))
  const proposed: ProposedValue[] = []
  for (const template of WRITTEN_TEMPLATES) {
    const columns = TEMPLATES[template]!
    const keys = columns.filter((c) => c.key).map((c) => c.code)
    const rows = register.tables.get(template) ?? []
    const seen = new Map<string, number>()
    const conditions = CONDITIONS[template] ?? []
    rows.forEach((row, i) => {
      const at = {template, row: i + 1, key: keyOf(row, keys.length ? keys : ['c0010'])}
      for (const column of columns) {
        const cell = row[column.code]
        const v = value(row, column.code)
        const add = (message: string, severity: 'error' | 'warning' = 'error') =>
          problems.push({severity, ...at, column: column.code, message, field: fieldOf(cell, row, column)})
        if (v === undefined) {
          const condition = conditions.find((c) => c.column === column.code && c.when(row))
          if (column.key) add(`${column.name}: empty, but it is part of the key (rejected by check 805).`)
          else if (column.required) add(`${column.name}: mandatory, missing.`)
          else if (condition) add(`${column.name}: required because ${condition.why}, missing.`)
          continue
        }
        if (cell?.source === 'proposed')
          proposed.push({...at, column: column.code, value: v, from: cell.from ?? '', field: cell.field})
        if (column.allowed && !column.allowed.has(v)) add(`${column.name}: "${v}" is not a value of its closed list.`)
        const check = KIND_CHECKS[column.kind]
        if (check) {
          const [test, wanted] = check
          if (!(typeof test === 'function' ? test(v) : test.test(v))) add(`${column.name}: "${v}" is not ${wanted}.`)
        }
        const isLei = column.lei === 'always' || (column.lei !== undefined && value(row, column.lei) === 'eba_qCO:qx2000')
        if (isLei && !isValidLei(v)) add(`${column.name}: "${v}" is not a valid LEI (ISO 17442 check digits).`)
      }
      if (keys.length > 0 && keys.every((k) => value(row, k) !== undefined)) {
        const previous = seen.get(at.key)
        if (previous !== undefined)
          problems.push({severity: 'error', ...at, message: `The same key as row ${previous} (rejected by check 806).`})
        else seen.set(at.key, i + 1)
      }
    })
  }
  for (const fk of FOREIGN_KEYS) {
    const targets = new Set((register.tables.get(fk.to) ?? []).map((row) => keyOf(row, fk.target)))
    ;(register.tables.get(fk.from) ?? []).forEach((row, i) => {
      if (fk.columns.some((c) => value(row, c) === undefined)) return
      const key = keyOf(row, fk.columns)
      if (!targets.has(key))
        problems.push({
          severity: 'error',
          template: fk.from,
          column: fk.columns.join('+'),
          row: i + 1,
          key,
          message: `The ${fk.what} ${key} is not in ${fk.to} (rejected by check 807).`,
          field: row[fk.columns.at(-1)!]?.field,
        })
    })
  }
  return {problems, proposed}
}

export const errorsOf = (v: Validation) => v.problems.filter((p) => p.severity === 'error')
