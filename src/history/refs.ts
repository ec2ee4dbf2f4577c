import {InputError} from '../errors.js'
import type {PolicyOutcome} from '../policy/types.js'
import type {HistoryStore, StoredAssessment} from './store.js'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const LATEST = /^@latest(?:~(\d+))?$/
const ID = /^#?(\d+)$/

/**
 * Whether a command argument names a history entry rather than a file: `@latest`, `@previous`,
 * `@first`, `@latest~N`, `#N`, or a date `YYYY-MM-DD`. A bare number is an id only where no file
 * is expected (`history show 12`).
 */
export function isHistoryRef(arg: string, options: {bareIds?: boolean} = {}): boolean {
  return (
    arg === '@previous' ||
    arg === '@first' ||
    LATEST.test(arg) ||
    DATE.test(arg) ||
    /^#\d+$/.test(arg) ||
    (options.bareIds === true && /^\d+$/.test(arg))
  )
}

const refHelp = 'Name one with an id from `exitready history list`, @latest, @previous, @latest~N, @first or a date (YYYY-MM-DD).'

/**
 * The id a reference names. A date means the estate as of that day: the last assessment made on
 * or before it (UTC), so `2026-09-30` finds the quarter's last run even if none ran that day.
 */
export async function resolveHistoryRef(store: HistoryStore, ref: string): Promise<number> {
  const latest = LATEST.exec(ref)
  const back = ref === '@previous' ? 1 : latest ? Number(latest[1] ?? 0) : undefined
  if (back !== undefined) {
    const [row] = await store.driver.query<{id: number}>(
      'SELECT id FROM assessments ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?',
      [back],
    )
    if (!row)
      throw new InputError(
        `The history at ${store.location} has ${back === 0 ? 'no assessment' : `fewer than ${back + 1} assessments`}, so ${ref} names none.`,
        'Record assessments with `exitready assess --history`.',
      )
    return Number(row.id)
  }
  if (ref === '@first') {
    const [row] = await store.driver.query<{id: number}>('SELECT id FROM assessments ORDER BY created_at, id LIMIT 1')
    if (!row)
      throw new InputError(`The history at ${store.location} has no assessment.`, 'Record one with `exitready assess --history`.')
    return Number(row.id)
  }
  const date = DATE.exec(ref)
  if (date) {
    const day = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))
    if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== ref)
      throw new InputError(`${ref} is not a calendar date.`, refHelp)
    const end = new Date(day + 86_400_000).toISOString()
    const [row] = await store.driver.query<{id: number}>(
      'SELECT id FROM assessments WHERE created_at < ? ORDER BY created_at DESC, id DESC LIMIT 1',
      [end],
    )
    if (!row) throw new InputError(`The history at ${store.location} has no assessment made on or before ${ref}.`, refHelp)
    return Number(row.id)
  }
  const id = ID.exec(ref)
  if (id) {
    const [row] = await store.driver.query<{id: number}>('SELECT id FROM assessments WHERE id = ?', [Number(id[1])])
    if (!row)
      throw new InputError(`The history at ${store.location} has no assessment #${id[1]} (pruned, or never recorded).`, refHelp)
    return Number(row.id)
  }
  throw new InputError(`"${ref}" does not name an assessment in the history.`, refHelp)
}

/**
 * One side of `diff` from history: the hook for the diff job. Resources carry id, name, type,
 * provider and score (all that diffAssessments reads), not their breakdowns.
 */
export async function loadHistorySide(
  store: HistoryStore,
  ref: string,
): Promise<{id: number; assessment: StoredAssessment; policies: PolicyOutcome[]}> {
  const id = await resolveHistoryRef(store, ref)
  const side = await store.load(id)
  if (!side) throw new InputError(`Assessment #${id} was pruned while it was being read.`, 'Run the command again.')
  return {id, ...side}
}
