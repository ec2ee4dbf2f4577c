// The stores the history suites run against: the same tests for SQLite and a real PostgreSQL.
import {join} from 'node:path'
import {afterAll, beforeAll} from 'vitest'
import {openHistory} from '../../src/history/open.js'
import type {HistoryStore} from '../../src/history/store.js'
import {tempDir} from '../helpers/cli.js'
import {type PostgresServer, startPostgres} from './support/postgres.js'

export interface StoreKind {
  name: 'sqlite' | 'postgres'
  /** A fresh, empty history target (file path or URL) for one test. */
  target(): Promise<string>
}

let server: PostgresServer | undefined

export const STORE_KINDS: StoreKind[] = [
  {name: 'sqlite', target: async () => join(tempDir('exitready-history-'), 'exitready.db')},
  {
    name: 'postgres',
    target: async () => {
      if (!server) throw new Error('the PostgreSQL test server did not start')
      return server.createDatabase()
    },
  },
]

/** Starts (and stops) the PostgreSQL server for one test file. */
export function usePostgres(): void {
  beforeAll(async () => {
    server = await startPostgres()
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    server = undefined
  })
}

export const fixedNow =
  (iso = '2026-12-01T10:00:00Z') =>
  () =>
    new Date(iso)

export async function open(kind: StoreKind, target?: string): Promise<{store: HistoryStore; target: string}> {
  const where = target ?? (await kind.target())
  return {store: await openHistory(where, {now: fixedNow()}), target: where}
}
