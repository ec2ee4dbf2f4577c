import type {Finding} from '../policy/types.js'
import {type HistoryStore, historyFindingKey} from './store.js'

export type FindingMark = 'new' | 'unchanged'

/**
 * What the report marks in its findings section: each current finding is new or unchanged since
 * the previous recorded assessment, and the previous ones that are gone are resolved. Waived
 * findings count like open ones here; the report decides how to show them.
 */
export function markFindings(previous: readonly Finding[], current: readonly Finding[]) {
  const before = new Set<string>()
  for (const f of previous) before.add(historyFindingKey(f))
  const now = new Set<string>()
  const marks = new Map<string, FindingMark>()
  for (const f of current) {
    const key = historyFindingKey(f)
    now.add(key)
    marks.set(key, before.has(key) ? 'unchanged' : 'new')
  }
  const resolved = previous.filter((f) => !now.has(historyFindingKey(f)))
  return {marks, resolved}
}

/** The findings of the assessment recorded just before `id` (by date), or undefined if it is the first. */
export async function previousFindings(store: HistoryStore, id: number): Promise<{id: number; findings: Finding[]} | undefined> {
  const [self] = await store.driver.query<{created_at: string}>('SELECT created_at FROM assessments WHERE id = ?', [id])
  if (!self) return undefined
  const [row] = await store.driver.query<{id: number}>(
    'SELECT id FROM assessments WHERE created_at < ? OR (created_at = ? AND id < ?) ORDER BY created_at DESC, id DESC LIMIT 1',
    [self.created_at, self.created_at, id],
  )
  if (!row) return undefined
  return {id: Number(row.id), findings: await store.findings(Number(row.id))}
}
