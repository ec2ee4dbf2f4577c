import {InputError} from '../errors.js'
import type {SqlDriver} from './driver.js'

type Dialect = SqlDriver['dialect']

export interface Migration {
  version: number
  description: string
  /** DDL for one dialect; the few differences (identity column) are spelled per dialect. */
  sql: (dialect: Dialect) => string
}

const id = (dialect: Dialect) =>
  // AUTOINCREMENT so that a pruned id is never handed out again: a report that cites #12 keeps meaning one run.
  dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'

const owned = 'assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE'

/** Every schema change ever made, in order. Never edit a released migration: add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'assessments with inputs, policies, provider and category figures, findings and resource score chunks',
    sql: (dialect) => `
      CREATE TABLE assessments (
        id ${id(dialect)},
        created_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        generator_version TEXT NOT NULL,
        catalog_fingerprint TEXT,
        grade TEXT NOT NULL,
        readiness DOUBLE PRECISION NOT NULL,
        resource_count BIGINT NOT NULL,
        lock_in_index DOUBLE PRECISION NOT NULL,
        hhi DOUBLE PRECISION NOT NULL,
        jurisdiction_exposure DOUBLE PRECISION NOT NULL,
        foreign_reach_share DOUBLE PRECISION NOT NULL,
        unmapped_share DOUBLE PRECISION NOT NULL,
        data_gib DOUBLE PRECISION NOT NULL,
        unknown_size_count BIGINT NOT NULL,
        document TEXT NOT NULL
      );
      CREATE INDEX assessments_by_date ON assessments (created_at, id);
      CREATE TABLE assessment_inputs (
        ${owned},
        position INTEGER NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT,
        bytes BIGINT,
        PRIMARY KEY (assessment_id, position)
      );
      CREATE TABLE assessment_policies (
        ${owned},
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT,
        outcome TEXT NOT NULL,
        PRIMARY KEY (assessment_id, position)
      );
      CREATE TABLE provider_figures (
        ${owned},
        provider TEXT NOT NULL,
        count BIGINT NOT NULL,
        share DOUBLE PRECISION NOT NULL,
        lock_in_index DOUBLE PRECISION NOT NULL,
        stateful_gib DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (assessment_id, provider)
      );
      CREATE TABLE category_figures (
        ${owned},
        category TEXT NOT NULL,
        count BIGINT NOT NULL,
        lock_in_index DOUBLE PRECISION NOT NULL,
        hhi DOUBLE PRECISION NOT NULL,
        critical INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, category)
      );
      CREATE TABLE findings (
        ${owned},
        position INTEGER NOT NULL,
        finding_key TEXT NOT NULL,
        policy TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        resource_id TEXT,
        subject TEXT,
        message TEXT NOT NULL,
        value DOUBLE PRECISION,
        bound DOUBLE PRECISION,
        waiver TEXT,
        PRIMARY KEY (assessment_id, position)
      );
      CREATE TABLE resource_chunks (
        ${owned},
        chunk INTEGER NOT NULL,
        resources INTEGER NOT NULL,
        codec TEXT NOT NULL,
        data ${dialect === 'sqlite' ? 'BLOB' : 'BYTEA'} NOT NULL,
        PRIMARY KEY (assessment_id, chunk)
      )`,
  },
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

const newerSchema = (driver: SqlDriver, found: number, latest: number) =>
  new InputError(
    `The history at ${driver.location} has schema version ${found}, newer than this exitready understands (${latest}).`,
    'Upgrade exitready, or point --history at another database.',
  )

/**
 * Brings the database to SCHEMA_VERSION in one exclusive transaction (all pending migrations or
 * none), and refuses a database that a newer exitready has migrated further.
 */
export async function migrate(
  driver: SqlDriver,
  recordedAt: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{from: number; to: number}> {
  const latest = migrations[migrations.length - 1]!.version
  // Up to date (the common case): no writer lock, so reading a history never waits for a long write.
  const current = await driver
    .query<{version: number | null}>('SELECT MAX(version) AS version FROM schema_migrations')
    .then(([row]) => Number(row?.version ?? 0))
    .catch(() => undefined)
  if (current !== undefined && current > latest) throw newerSchema(driver, current, latest)
  if (current === latest) return {from: latest, to: latest}
  return driver.transaction(
    async (tx) => {
      await tx.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)',
      )
      const [row] = await tx.query<{version: number | null}>('SELECT MAX(version) AS version FROM schema_migrations')
      const from = Number(row?.version ?? 0)
      if (from > latest) throw newerSchema(driver, from, latest)
      for (const migration of migrations) {
        if (migration.version <= from) continue
        await tx.exec(migration.sql(driver.dialect))
        await tx.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.description,
          recordedAt,
        ])
      }
      return {from, to: latest}
    },
    {exclusive: true},
  )
}
