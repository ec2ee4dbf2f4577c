import type {ColumnSpec, SqlDriver, SqlRunner, SqlValue} from './driver.js'

/** Rows per `INSERT … SELECT FROM unnest(…)`: one round trip per batch, bounded memory. */
const BATCH_ROWS = 5000
/** Any constant works; it only has to be the same for every exitready writer of one database. */
const MIGRATION_LOCK = 0x65786974

/** `?` placeholders → `$1, $2, …` (history statements have no `?` inside literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'postgres://…'
  }
}

interface PgQueryable {
  query(sql: string, params?: unknown[]): Promise<{rows: unknown[]}>
}

class PostgresRunner implements SqlRunner {
  constructor(protected readonly client: PgQueryable) {}

  async exec(sql: string): Promise<void> {
    await this.client.query(sql)
  }

  async query<Row>(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return (await this.client.query(numberPlaceholders(sql), params)).rows as Row[]
  }

  async insertRows(
    table: string,
    columns: readonly ColumnSpec[],
    rows: Iterable<SqlValue[]>,
    afterBatch?: (written: number) => void | Promise<void>,
  ): Promise<number> {
    const sql = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${columns
      .map((c, i) => `$${i + 1}::${c.type}[]`)
      .join(', ')})`
    let arrays: SqlValue[][] = columns.map(() => [])
    let inBatch = 0
    let written = 0
    const flush = async () => {
      await this.client.query(sql, arrays)
      written += inBatch
      arrays = columns.map(() => [])
      inBatch = 0
      await afterBatch?.(written)
    }
    for (const row of rows) {
      for (let i = 0; i < columns.length; i++) arrays[i]!.push(row[i] ?? null)
      if (++inBatch === BATCH_ROWS) await flush()
    }
    if (inBatch > 0) await flush()
    return written
  }
}

class PostgresDriver extends PostgresRunner implements SqlDriver {
  readonly dialect = 'postgres' as const
  private busy = false

  constructor(
    private readonly connection: PgQueryable & {end(): Promise<void>},
    readonly location: string,
  ) {
    super(connection)
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>, options: {exclusive?: boolean} = {}): Promise<T> {
    if (this.busy) throw new Error('history transactions do not nest')
    this.busy = true
    await this.connection.query('BEGIN')
    try {
      // Pipelines sharing one database migrate one at a time; the lock ends with the transaction.
      if (options.exclusive) await this.connection.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      const result = await work(this)
      await this.connection.query('COMMIT')
      return result
    } catch (error) {
      await this.connection.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      this.busy = false
    }
  }

  async close(): Promise<void> {
    await this.connection.end()
  }
}

/** Connects to a PostgreSQL history (`postgres://…`); `pg` loads only when a URL asks for it. */
export async function openPostgres(url: string): Promise<SqlDriver> {
  const pg = (await import('pg')).default
  // int8 (counts, ids) as numbers: history ids and counts stay far below 2^53.
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
  }
  // A server that never answers fails the command instead of hanging it.
  const client = new pg.Client({connectionString: url, types, application_name: 'exitready', connectionTimeoutMillis: 15_000})
  await client.connect()
  // A dropped connection mid-run surfaces on the next query; this keeps it from crashing the process meanwhile.
  client.on('error', () => undefined)
  return new PostgresDriver(client, redactUrl(url))
}
