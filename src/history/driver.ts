/** A value a history statement binds: both stores take these as they are (bytes: BLOB / BYTEA). */
export type SqlValue = string | number | null | Uint8Array

/**
 * The little SQL the history store needs, the same for SQLite and PostgreSQL. Statements use `?`
 * placeholders; the PostgreSQL driver numbers them. Everything is async so both drivers fit.
 */
export interface SqlRunner {
  /** Statements without parameters (DDL), separated by semicolons. */
  exec(sql: string): Promise<void>
  query<Row = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<Row[]>
  /**
   * Inserts rows in bulk (batched statements), calling `afterBatch` with the rows written so far;
   * the tests use it to kill a writer half-way.
   */
  insertRows(
    table: string,
    columns: readonly ColumnSpec[],
    rows: Iterable<SqlValue[]>,
    afterBatch?: (written: number) => void | Promise<void>,
  ): Promise<number>
}

/** A column of a bulk insert with its PostgreSQL array type (for `unnest`). */
export interface ColumnSpec {
  name: string
  type: 'text' | 'float8' | 'int8' | 'int4'
}

export interface SqlDriver extends SqlRunner {
  readonly dialect: 'sqlite' | 'postgres'
  /** Where the history is, without a password. */
  readonly location: string
  /**
   * Runs `work` in one transaction: all of it is written or none (a thrown error or a killed
   * process rolls back). `exclusive` takes the writer lock at the start (schema migrations).
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>, options?: {exclusive?: boolean}): Promise<T>
  close(): Promise<void>
}
