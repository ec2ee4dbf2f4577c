import {mkdirSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import type {DatabaseSync, StatementSync} from 'node:sqlite'
import type {ColumnSpec, SqlDriver, SqlRunner, SqlValue} from './driver.js'

type SqliteModule = typeof import('node:sqlite')
let sqliteModule: Promise<SqliteModule> | undefined

/**
 * node:sqlite is unflagged from Node 22.13 (the project needs 22.20) but still prints an
 * ExperimentalWarning on load; that one warning says nothing a user can act on, so it alone is
 * held back while the module loads. Every other warning passes through.
 */
export function loadSqlite(): Promise<SqliteModule> {
  sqliteModule ??= (async () => {
    const emitWarning = process.emitWarning
    process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
      const text = typeof warning === 'string' ? warning : warning.message
      const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as {type?: string} | undefined)?.type
      if (/^SQLite is an experimental feature/.test(text) && (type === 'ExperimentalWarning' || type === undefined)) return
      return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest)
    }) as typeof process.emitWarning
    try {
      return await import('node:sqlite')
    } finally {
      process.emitWarning = emitWarning
    }
  })()
  return sqliteModule
}

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound variables for a dozen columns. */
const BATCH_ROWS = 500

class SqliteRunner implements SqlRunner {
  private readonly statements = new Map<string, StatementSync>()

  constructor(protected readonly db: DatabaseSync) {}

  private prepare(sql: string): StatementSync {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql)
  }

  async query<Row>(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return this.prepare(sql).all(...params) as Row[]
  }

  async insertRows(
    table: string,
    columns: readonly ColumnSpec[],
    rows: Iterable<SqlValue[]>,
    afterBatch?: (written: number) => void | Promise<void>,
  ): Promise<number> {
    const head = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES `
    const tuple = `(${columns.map(() => '?').join(', ')})`
    const statementFor = (count: number) => this.prepare(head + Array.from({length: count}, () => tuple).join(', '))
    let batch: SqlValue[] = []
    let inBatch = 0
    let written = 0
    const flush = async () => {
      statementFor(inBatch).run(...batch)
      written += inBatch
      batch = []
      inBatch = 0
      await afterBatch?.(written)
    }
    for (const row of rows) {
      for (const value of row) batch.push(value)
      if (++inBatch === BATCH_ROWS) await flush()
    }
    if (inBatch > 0) await flush()
    return written
  }
}

class SqliteDriver extends SqliteRunner implements SqlDriver {
  readonly dialect = 'sqlite' as const
  private busy = false

  constructor(
    db: DatabaseSync,
    readonly location: string,
  ) {
    super(db)
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    if (this.busy) throw new Error('history transactions do not nest')
    this.busy = true
    // IMMEDIATE takes the write lock now, so two writers wait (busy_timeout) instead of failing mid-way.
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = await work(this)
      this.db.exec('COMMIT')
      return result
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw error
    } finally {
      this.busy = false
    }
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close()
  }
}

/** Opens (creating if needed) a SQLite history file. WAL keeps readers going while a run writes. */
export async function openSqlite(path: string): Promise<SqlDriver> {
  const {DatabaseSync} = await loadSqlite()
  const file = path === ':memory:' ? path : resolve(path)
  if (file !== ':memory:') mkdirSync(dirname(file), {recursive: true})
  const db = new DatabaseSync(file)
  try {
    db.exec('PRAGMA busy_timeout = 10000')
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA foreign_keys = ON')
  } catch (error) {
    db.close()
    throw error
  }
  return new SqliteDriver(db, path)
}
