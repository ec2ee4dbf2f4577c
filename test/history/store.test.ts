import {spawn} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {openHistory} from '../../src/history/open.js'
import {recordAssessment} from '../../src/history/record.js'
import {MIGRATIONS, type Migration, migrate, SCHEMA_VERSION} from '../../src/history/schema.js'
import type {HistoryInput, HistoryStore} from '../../src/history/store.js'
import type {Snapshot} from '../../src/inventory/model.js'
import type {EstateEvaluation} from '../../src/jobs/pipeline.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {open, STORE_KINDS, usePostgres} from './stores.js'
import {demoAssessment} from './support/assessment.js'

usePostgres()

/** Another process recording the demo estate, as a second pipeline would. */
function recordInChild(target: string, date: string): Promise<{status: number | null; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/history/support/record-once.ts'), target, date], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('exit', (status) => resolve({status, stderr}))
  })
}

const dropHetzner = (s: Snapshot) => {
  s.resources = s.resources.filter((r) => r.provider !== 'hetzner')
}

let september: EstateEvaluation
let october: EstateEvaluation
let november: EstateEvaluation

beforeAll(async () => {
  september = await demoAssessment({now: '2026-09-30T08:00:00Z'})
  october = await demoAssessment({now: '2026-10-31T08:00:00Z', change: dropHetzner})
  november = await demoAssessment({
    now: '2026-11-30T08:00:00Z',
    change: (s) => {
      dropHetzner(s)
      s.resources = s.resources.filter((r) => r.provider !== 'scaleway')
    },
  })
}, 60_000)

const record = (
  store: HistoryStore,
  e: EstateEvaluation,
  inputs: HistoryInput[] = [{path: 'inventory.json', sha256: 'ab'.repeat(32), bytes: 42}],
) => recordAssessment(store, e.assessment, e.policies, inputs)

const count = async (store: HistoryStore, table: string) =>
  Number((await store.driver.query<{n: number}>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n)

/** Resources recorded, over all assessments (their scores are kept in chunks). */
const resourcesRecorded = async (store: HistoryStore) =>
  Number((await store.driver.query<{n: number | null}>('SELECT SUM(resources) AS n FROM resource_chunks'))[0]!.n ?? 0)

const CHILD_TABLES = [
  'assessment_inputs',
  'assessment_policies',
  'provider_figures',
  'category_figures',
  'findings',
  'resource_chunks',
]

describe.each(STORE_KINDS)('history store ($name)', (kind) => {
  let store: HistoryStore
  afterEach(async () => {
    await store?.close()
  })

  it('creates the schema at the current version once, and reopening migrates nothing', async () => {
    const opened = await open(kind)
    store = opened.store
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION)
    await store.close()
    store = (await open(kind, opened.target)).store
    const rows = await store.driver.query<{version: number; applied_at: string}>(
      'SELECT version, applied_at FROM schema_migrations',
    )
    expect(rows.map((r) => [Number(r.version), r.applied_at])).toEqual([[1, '2026-12-01T10:00:00.000Z']])
  })

  it('two pipelines opening a new history at once migrate it once and both record', async () => {
    const target = await kind.target()
    const runs = await Promise.all(['2026-09-30T08:00:00Z', '2026-10-31T08:00:00Z'].map((date) => recordInChild(target, date)))
    for (const run of runs) expect(run.status, run.stderr).toBe(0)
    store = (await open(kind, target)).store
    const rows = await store.driver.query<{version: number}>('SELECT version FROM schema_migrations')
    expect(rows.map((r) => Number(r.version))).toEqual([1])
    expect((await store.list()).map((e) => e.createdAt)).toEqual(['2026-10-31T08:00:00.000Z', '2026-09-30T08:00:00.000Z'])
    expect(await resourcesRecorded(store)).toBe(770)
  }, 60_000)

  it('applies a later migration to an existing history, or none of it when a statement fails', async () => {
    const opened = await open(kind)
    store = opened.store
    await record(store, september)
    const broken: Migration = {
      version: 2,
      description: 'test: a table, then a statement that fails',
      sql: () => 'CREATE TABLE half_done (x INTEGER); ALTER TABLE no_such_table ADD COLUMN y INTEGER',
    }
    await expect(migrate(store.driver, 'now', [...MIGRATIONS, broken])).rejects.toThrow(/no_such_table|no such table/)
    const tables = async () =>
      (
        await store.driver.query<{n: number}>(
          kind.name === 'sqlite'
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'half_done'",
        )
      )[0]!.n
    expect(Number(await tables())).toBe(0)
    expect(await store.schemaVersion()).toBe(1)
    const working: Migration = {
      version: 2,
      description: 'test: a column',
      sql: () => 'ALTER TABLE assessments ADD COLUMN label TEXT',
    }
    expect(await migrate(store.driver, 'later', [...MIGRATIONS, working])).toEqual({from: 1, to: 2})
    expect(await store.schemaVersion()).toBe(2)
    expect(await store.list()).toHaveLength(1)
  })

  it('refuses a history that a newer exitready migrated further', async () => {
    const opened = await open(kind)
    await opened.store.driver.query("INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', 'x')")
    await opened.store.close()
    const error = await open(kind, opened.target).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message).toMatch(/schema version 99, newer than this exitready understands \(1\)/)
    store = (await open(kind)).store
  })

  it('records an assessment with inputs, figures, findings and scores, and reads it back whole', async () => {
    store = (await open(kind)).store
    const id = await record(store, september)
    const [entry] = await store.list()
    const s = september.assessment.summary
    expect(entry).toEqual({
      id,
      createdAt: '2026-09-30T08:00:00.000Z',
      recordedAt: '2026-12-01T10:00:00.000Z',
      generatorVersion: '0.0.0-test',
      catalogFingerprint: september.assessment.provenance!.catalog.fingerprint,
      inputs: [{path: 'inventory.json', sha256: 'ab'.repeat(32), bytes: 42}],
      grade: s.grade,
      readiness: s.readiness,
      resourceCount: 385,
      lockInIndex: s.lockInIndex,
      hhi: s.concentration.hhi,
      jurisdictionExposure: s.jurisdictionExposure,
      foreignReachShare: s.foreignReachShare,
      unmappedShare: s.unmappedShare,
      dataGiB: s.dataGiB,
      unknownSizeCount: s.unknownSizeCount,
    })
    const loaded = (await store.load(id))!
    const {resources, ...document} = september.assessment
    const {resources: storedResources, ...storedDocument} = loaded.assessment
    expect(storedDocument).toEqual(document)
    expect(storedResources).toHaveLength(385)
    expect(storedResources.map((r) => [r.id, r.score, r.provider, r.type, r.critical, r.stateful])).toEqual(
      resources.map((r) => [r.id, r.score, r.provider, r.type, r.critical, r.stateful]),
    )
    // Findings go back into their rules in order, waivers and values included.
    expect(loaded.policies).toEqual(september.policies)
    expect(await count(store, 'findings')).toBe(318)
    const [policy] = await store.driver.query<{name: string; sha256: string}>(
      'SELECT name, sha256 FROM assessment_policies WHERE position = 0',
    )
    expect(policy).toEqual({name: 'baseline', sha256: september.assessment.provenance!.policies[0]!.sha256})
  })

  it('lists newest first by the assessment date, not by the order of recording', async () => {
    store = (await open(kind)).store
    const nov = await record(store, november)
    const sep = await record(store, september)
    const oct = await record(store, october, [{path: 'stdin'}])
    const list = await store.list()
    expect(list.map((e) => e.id)).toEqual([nov, oct, sep])
    expect(list[1]!.inputs).toEqual([{path: 'stdin'}])
    expect((await store.list({limit: 1})).map((e) => e.id)).toEqual([nov])
  })

  it('lists assessments across several IN (…) slices (500 ids each), each with its own inputs', async () => {
    store = (await open(kind)).store
    const tiny = {...september.assessment, resources: september.assessment.resources.slice(0, 1)}
    for (let i = 0; i < 501; i++) await recordAssessment(store, tiny, [], [{path: `input-${i}.json`}])
    const list = await store.list()
    expect(list).toHaveLength(501)
    expect(list.every((e) => e.inputs.length === 1 && e.inputs[0]!.path === `input-${e.id - list[500]!.id}.json`)).toBe(true)
  }, 60_000)

  it('rolls back a write that fails half-way: no assessment and no orphan rows', async () => {
    store = (await open(kind)).store
    await record(store, september)
    const failing = recordAssessment(store, october.assessment, october.policies, [], {
      afterResourceBatch: () => {
        throw new Error('disk full')
      },
    })
    await expect(failing).rejects.toThrow('disk full')
    expect(await count(store, 'assessments')).toBe(1)
    expect(await resourcesRecorded(store)).toBe(385)
    expect(await count(store, 'findings')).toBe(318)
    // The store is usable afterwards.
    await record(store, october)
    expect(await count(store, 'assessments')).toBe(2)
  })

  it('prunes all but the newest N with everything they hold, and never reuses a pruned id', async () => {
    store = (await open(kind)).store
    const sep = await record(store, september)
    const oct = await record(store, october)
    const nov = await record(store, november)
    expect(await store.prune(2)).toEqual([sep])
    expect((await store.list()).map((e) => e.id)).toEqual([nov, oct])
    for (const table of CHILD_TABLES) {
      const [row] = await store.driver.query<{n: number}>(`SELECT COUNT(*) AS n FROM ${table} WHERE assessment_id = ?`, [sep])
      expect(Number(row!.n), table).toBe(0)
    }
    expect(await resourcesRecorded(store)).toBe(october.assessment.resources.length + november.assessment.resources.length)
    const next = await record(store, september)
    expect(next).toBeGreaterThan(nov)
    expect(await store.prune(0)).toHaveLength(3)
    expect(await resourcesRecorded(store)).toBe(0)
    await expect(store.prune(-1)).rejects.toThrow(/not a whole number/)
  })
})

describe('history store (sqlite file that is not a database)', () => {
  it('is an input error with a suggestion, and the file is left alone', async () => {
    const file = join(tempDir(), 'notes.db')
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200))
    const error = await openHistory(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message).toBe(`Cannot open the history at ${file}: file is not a database.`)
    expect(readFileSync(file, 'utf8')).toBe('these are my notes, not a database\n'.repeat(200))
  })
})
