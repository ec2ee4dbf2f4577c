import type {Assessment} from '../assessment/schema.js'
import {InputError} from '../errors.js'
import type {Finding, PolicyOutcome, RuleVerdict} from '../policy/types.js'
import {decodeResourceChunk, encodeResourceChunks, RESOURCE_CODEC} from './chunks.js'
import type {ColumnSpec, SqlDriver, SqlRunner, SqlValue} from './driver.js'
import {migrate, SCHEMA_VERSION} from './schema.js'

/** One input of an assessment: the file (or built-in name) and, where it could be read, its hash. */
export interface HistoryInput {
  path: string
  sha256?: string
  bytes?: number
}

/** A resource as history keeps it: what diff and trends need, not the whole breakdown. */
export interface ResourceScore {
  id: string
  provider: string
  type: string
  name?: string
  category: string
  portability: string
  score: number
  weight: number
  critical: boolean
  stateful: boolean
}

/** What `history list` shows of one assessment. */
export interface HistoryEntry {
  id: number
  createdAt: string
  recordedAt: string
  generatorVersion: string
  catalogFingerprint?: string
  inputs: HistoryInput[]
  grade: Assessment['summary']['grade']
  readiness: number
  resourceCount: number
  lockInIndex: number
  hhi: number
  jurisdictionExposure: number
  foreignReachShare: number
  unmappedShare: number
  dataGiB: number
  unknownSizeCount: number
}

/** A recorded assessment read back: everything but the resources' breakdowns, which history does not keep. */
export type StoredAssessment = Omit<Assessment, 'resources'> & {resources: ResourceScore[]}

export interface RecordEntry {
  assessment: Assessment
  policies: PolicyOutcome[]
  inputs: HistoryInput[]
}

/** Test hook: called inside the write transaction after each batch of resource scores. */
export interface RecordHooks {
  afterResourceBatch?: (written: number) => void | Promise<void>
}

const FINDING_COLUMNS: readonly ColumnSpec[] = [
  {name: 'assessment_id', type: 'int8'},
  {name: 'position', type: 'int4'},
  {name: 'finding_key', type: 'text'},
  {name: 'policy', type: 'text'},
  {name: 'rule_id', type: 'text'},
  {name: 'severity', type: 'text'},
  {name: 'resource_id', type: 'text'},
  {name: 'subject', type: 'text'},
  {name: 'message', type: 'text'},
  {name: 'value', type: 'float8'},
  {name: 'bound', type: 'float8'},
  {name: 'waiver', type: 'text'},
]

/** The key diff compares findings by (policy/evaluate.ts findingKey), kept here so history needs no policy engine. */
export const historyFindingKey = (f: Finding): string => `${f.policy}/${f.ruleId}/${f.resourceId ?? f.subject ?? ''}`

interface AssessmentRow {
  id: number
  created_at: string
  recorded_at: string
  generator_version: string
  catalog_fingerprint: string | null
  grade: HistoryEntry['grade']
  readiness: number
  resource_count: number
  lock_in_index: number
  hhi: number
  jurisdiction_exposure: number
  foreign_reach_share: number
  unmapped_share: number
  data_gib: number
  unknown_size_count: number
}

/** Ids per `IN (…)`: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const IDS_PER_QUERY = 500

/** Runs `sql` (with `IN (:ids)`) over the ids in slices, so any number of assessments can be read. */
export async function queryByIds<Row>(runner: SqlRunner, sql: string, ids: readonly number[]): Promise<Row[]> {
  const out: Row[] = []
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const slice = ids.slice(start, start + IDS_PER_QUERY)
    const rows = await runner.query<Row>(sql.replace(':ids', slice.map(() => '?').join(', ')), slice)
    for (const row of rows) out.push(row)
  }
  return out
}

const ENTRY_COLUMNS =
  'id, created_at, recorded_at, generator_version, catalog_fingerprint, grade, readiness, resource_count, lock_in_index, hhi, jurisdiction_exposure, foreign_reach_share, unmapped_share, data_gib, unknown_size_count'

/** Findings in order with their policy; the outcomes keep their rules without the findings. */
function* findingRows(id: number, policies: PolicyOutcome[]): Generator<SqlValue[]> {
  let position = 0
  for (const outcome of policies)
    for (const rule of outcome.rules)
      for (const f of rule.findings)
        yield [
          id,
          position++,
          historyFindingKey(f),
          f.policy,
          f.ruleId,
          f.severity,
          f.resourceId ?? null,
          f.subject ?? null,
          f.message,
          f.value ?? null,
          f.bound ?? null,
          f.waiver ? JSON.stringify(f.waiver) : null,
        ]
}

/**
 * The history of assessments in one database (SQLite file or PostgreSQL). Every write is one
 * transaction; reads see only whole assessments.
 */
export class HistoryStore {
  private constructor(
    readonly driver: SqlDriver,
    private readonly now: () => Date,
  ) {}

  /** Opens a store on a driver, migrating its schema first. */
  static async open(driver: SqlDriver, options: {now?: () => Date} = {}): Promise<HistoryStore> {
    const now = options.now ?? (() => new Date())
    try {
      await migrate(driver, now().toISOString())
    } catch (error) {
      await driver.close()
      throw error
    }
    return new HistoryStore(driver, now)
  }

  get location(): string {
    return this.driver.location
  }

  async schemaVersion(): Promise<number> {
    const [row] = await this.driver.query<{version: number}>('SELECT MAX(version) AS version FROM schema_migrations')
    return Number(row?.version ?? SCHEMA_VERSION)
  }

  /** Records one assessment with everything it holds, in one transaction; returns its id. */
  async record(entry: RecordEntry, hooks: RecordHooks = {}): Promise<number> {
    const {assessment: a, policies, inputs} = entry
    const {resources: _resources, ...document} = a
    const s = a.summary
    return this.driver.transaction(async (tx) => {
      const [row] = await tx.query<{id: number}>(
        `INSERT INTO assessments (created_at, recorded_at, generator_version, catalog_fingerprint, grade, readiness, resource_count,
           lock_in_index, hhi, jurisdiction_exposure, foreign_reach_share, unmapped_share, data_gib, unknown_size_count, document)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          new Date(a.createdAt).toISOString(),
          this.now().toISOString(),
          a.generator.version,
          a.provenance?.catalog.fingerprint ?? null,
          s.grade,
          s.readiness,
          s.resourceCount,
          s.lockInIndex,
          s.concentration.hhi,
          s.jurisdictionExposure,
          s.foreignReachShare,
          s.unmappedShare,
          s.dataGiB,
          s.unknownSizeCount,
          JSON.stringify(document),
        ],
      )
      const id = Number(row!.id)
      await this.insertSmallTables(tx, id, a, policies, inputs)
      await tx.insertRows('findings', FINDING_COLUMNS, findingRows(id, policies))
      let chunk = 0
      let written = 0
      for (const encoded of encodeResourceChunks(a.resources)) {
        await tx.query('INSERT INTO resource_chunks (assessment_id, chunk, resources, codec, data) VALUES (?, ?, ?, ?, ?)', [
          id,
          chunk++,
          encoded.resources,
          RESOURCE_CODEC,
          encoded.data,
        ])
        written += encoded.resources
        await hooks.afterResourceBatch?.(written)
      }
      return id
    })
  }

  private async insertSmallTables(
    tx: SqlRunner,
    id: number,
    a: Assessment,
    policies: PolicyOutcome[],
    inputs: HistoryInput[],
  ): Promise<void> {
    await tx.insertRows(
      'assessment_inputs',
      [
        {name: 'assessment_id', type: 'int8'},
        {name: 'position', type: 'int4'},
        {name: 'path', type: 'text'},
        {name: 'sha256', type: 'text'},
        {name: 'bytes', type: 'int8'},
      ],
      inputs.map((input, i) => [id, i, input.path, input.sha256 ?? null, input.bytes ?? null]),
    )
    const policyHash = new Map((a.provenance?.policies ?? []).map((p) => [p.name, p.sha256]))
    await tx.insertRows(
      'assessment_policies',
      [
        {name: 'assessment_id', type: 'int8'},
        {name: 'position', type: 'int4'},
        {name: 'name', type: 'text'},
        {name: 'sha256', type: 'text'},
        {name: 'outcome', type: 'text'},
      ],
      policies.map((p, i) => [
        id,
        i,
        p.name,
        policyHash.get(p.name) ?? null,
        JSON.stringify({...p, rules: p.rules.map((r) => ({...r, findings: []}))}),
      ]),
    )
    await tx.insertRows(
      'provider_figures',
      [
        {name: 'assessment_id', type: 'int8'},
        {name: 'provider', type: 'text'},
        {name: 'count', type: 'int8'},
        {name: 'share', type: 'float8'},
        {name: 'lock_in_index', type: 'float8'},
        {name: 'stateful_gib', type: 'float8'},
      ],
      a.providers.map((p) => [id, p.provider, p.count, p.share, p.lockInIndex, p.statefulGiB]),
    )
    await tx.insertRows(
      'category_figures',
      [
        {name: 'assessment_id', type: 'int8'},
        {name: 'category', type: 'text'},
        {name: 'count', type: 'int8'},
        {name: 'lock_in_index', type: 'float8'},
        {name: 'hhi', type: 'float8'},
        {name: 'critical', type: 'int4'},
      ],
      a.categories.map((c) => [id, c.category, c.count, c.lockInIndex, c.concentration.hhi, c.critical ? 1 : 0]),
    )
  }

  /** Assessments newest first (by the assessment's own date, then id), at most `limit`. */
  async list(options: {limit?: number} = {}): Promise<HistoryEntry[]> {
    const limit = options.limit ?? -1
    const rows = await this.driver.query<AssessmentRow>(
      `SELECT ${ENTRY_COLUMNS} FROM assessments ORDER BY created_at DESC, id DESC${limit >= 0 ? ' LIMIT ?' : ''}`,
      limit >= 0 ? [limit] : [],
    )
    return this.withInputs(rows)
  }

  async entry(id: number): Promise<HistoryEntry | undefined> {
    const rows = await this.driver.query<AssessmentRow>(`SELECT ${ENTRY_COLUMNS} FROM assessments WHERE id = ?`, [id])
    return (await this.withInputs(rows))[0]
  }

  private async withInputs(rows: AssessmentRow[]): Promise<HistoryEntry[]> {
    if (rows.length === 0) return []
    const ids = rows.map((r) => Number(r.id))
    const inputs = await queryByIds<{assessment_id: number; path: string; sha256: string | null; bytes: number | null}>(
      this.driver,
      'SELECT assessment_id, path, sha256, bytes FROM assessment_inputs WHERE assessment_id IN (:ids) ORDER BY assessment_id, position',
      ids,
    )
    const byId = new Map<number, HistoryInput[]>()
    for (const i of inputs) {
      const list = byId.get(Number(i.assessment_id)) ?? []
      list.push({
        path: i.path,
        ...(i.sha256 !== null ? {sha256: i.sha256} : {}),
        ...(i.bytes !== null ? {bytes: Number(i.bytes)} : {}),
      })
      byId.set(Number(i.assessment_id), list)
    }
    return rows.map((r) => ({
      id: Number(r.id),
      createdAt: r.created_at,
      recordedAt: r.recorded_at,
      generatorVersion: r.generator_version,
      ...(r.catalog_fingerprint !== null ? {catalogFingerprint: r.catalog_fingerprint} : {}),
      inputs: byId.get(Number(r.id)) ?? [],
      grade: r.grade,
      readiness: r.readiness,
      resourceCount: Number(r.resource_count),
      lockInIndex: r.lock_in_index,
      hhi: r.hhi,
      jurisdictionExposure: r.jurisdiction_exposure,
      foreignReachShare: r.foreign_reach_share,
      unmappedShare: r.unmapped_share,
      dataGiB: r.data_gib,
      unknownSizeCount: Number(r.unknown_size_count),
    }))
  }

  /** The policy outcomes of one assessment with their findings put back in their rules, in order. */
  async policies(id: number): Promise<PolicyOutcome[]> {
    const outcomes = (
      await this.driver.query<{outcome: string}>(
        'SELECT outcome FROM assessment_policies WHERE assessment_id = ? ORDER BY position',
        [id],
      )
    ).map((r) => JSON.parse(r.outcome) as PolicyOutcome)
    const rules = new Map<string, RuleVerdict>()
    for (const o of outcomes) for (const r of o.rules) rules.set(`${o.name}\n${r.id}`, r)
    for (const f of await this.findings(id)) rules.get(`${f.policy}\n${f.ruleId}`)?.findings.push(f)
    return outcomes
  }

  async findings(id: number): Promise<Finding[]> {
    const rows = await this.driver.query<{
      policy: string
      rule_id: string
      severity: Finding['severity']
      resource_id: string | null
      subject: string | null
      message: string
      value: number | null
      bound: number | null
      waiver: string | null
    }>(
      'SELECT policy, rule_id, severity, resource_id, subject, message, value, bound, waiver FROM findings WHERE assessment_id = ? ORDER BY position',
      [id],
    )
    return rows.map((r) => {
      const f: Finding = {policy: r.policy, ruleId: r.rule_id, severity: r.severity, message: r.message}
      if (r.resource_id !== null) f.resourceId = r.resource_id
      if (r.subject !== null) f.subject = r.subject
      if (r.value !== null) f.value = r.value
      if (r.bound !== null) f.bound = r.bound
      if (r.waiver !== null) f.waiver = JSON.parse(r.waiver)
      return f
    })
  }

  async resources(id: number): Promise<ResourceScore[]> {
    const chunks = await this.driver.query<{codec: string; data: Uint8Array}>(
      'SELECT codec, data FROM resource_chunks WHERE assessment_id = ? ORDER BY chunk',
      [id],
    )
    const out: ResourceScore[] = []
    for (const c of chunks) for (const r of decodeResourceChunk(c.codec, c.data)) out.push(r)
    return out
  }

  /** One assessment as recorded, with its policies: a side for diff. */
  async load(id: number): Promise<{assessment: StoredAssessment; policies: PolicyOutcome[]} | undefined> {
    const [row] = await this.driver.query<{document: string}>('SELECT document FROM assessments WHERE id = ?', [id])
    if (!row) return undefined
    const document = JSON.parse(row.document) as Omit<Assessment, 'resources'>
    return {assessment: {...document, resources: await this.resources(id)}, policies: await this.policies(id)}
  }

  /** Keeps the newest `keep` assessments and deletes the others with all they hold, in one transaction. */
  async prune(keep: number): Promise<number[]> {
    if (!Number.isInteger(keep) || keep < 0)
      throw new InputError(`--keep ${keep} is not a whole number of assessments.`, 'Pass --keep 24, for example.')
    return this.driver.transaction(async (tx) => {
      const rows = await tx.query<{id: number}>('SELECT id FROM assessments ORDER BY created_at DESC, id DESC')
      const doomed = rows.slice(keep).map((r) => Number(r.id))
      for (const id of doomed) await tx.query('DELETE FROM assessments WHERE id = ?', [id])
      return doomed
    })
  }

  async close(): Promise<void> {
    await this.driver.close()
  }
}
