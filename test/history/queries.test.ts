import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {diffAssessments} from '../../src/assessment/diff.js'
import {InputError} from '../../src/errors.js'
import {markFindings, previousFindings} from '../../src/history/marks.js'
import {recordAssessment} from '../../src/history/record.js'
import {isHistoryRef, loadHistorySide, resolveHistoryRef} from '../../src/history/refs.js'
import type {HistoryStore} from '../../src/history/store.js'
import {historyTrend, renderTrend, sparkline} from '../../src/history/trend.js'
import type {Snapshot} from '../../src/inventory/model.js'
import type {EstateEvaluation} from '../../src/jobs/pipeline.js'
import type {Finding} from '../../src/policy/types.js'
import {open, STORE_KINDS, usePostgres} from './stores.js'
import {demoAssessment} from './support/assessment.js'

usePostgres()

const without =
  (...providers: string[]) =>
  (s: Snapshot) => {
    s.resources = s.resources.filter((r) => !providers.includes(r.provider))
  }

let runs: EstateEvaluation[]

beforeAll(async () => {
  runs = [
    await demoAssessment({now: '2026-09-30T08:00:00Z'}),
    await demoAssessment({now: '2026-10-31T08:00:00Z', change: without('hetzner')}),
    await demoAssessment({now: '2026-11-30T08:00:00Z', change: without('hetzner', 'scaleway')}),
  ]
}, 60_000)

describe.each(STORE_KINDS)('history queries ($name)', (kind) => {
  let store: HistoryStore
  let ids: number[]
  afterEach(async () => {
    await store?.close()
  })

  const recordAll = async () => {
    store = (await open(kind)).store
    ids = []
    for (const r of runs) ids.push(await recordAssessment(store, r.assessment, r.policies, []))
  }

  it('resolves @latest, @previous, @latest~N, @first, #id and dates (the last run on or before that day)', async () => {
    await recordAll()
    const [sep, oct, nov] = ids as [number, number, number]
    expect(await resolveHistoryRef(store, '@latest')).toBe(nov)
    expect(await resolveHistoryRef(store, '@previous')).toBe(oct)
    expect(await resolveHistoryRef(store, '@latest~2')).toBe(sep)
    expect(await resolveHistoryRef(store, '@first')).toBe(sep)
    expect(await resolveHistoryRef(store, `#${oct}`)).toBe(oct)
    expect(await resolveHistoryRef(store, String(oct))).toBe(oct)
    expect(await resolveHistoryRef(store, '2026-09-30')).toBe(sep)
    expect(await resolveHistoryRef(store, '2026-10-15')).toBe(sep)
    expect(await resolveHistoryRef(store, '2026-12-31')).toBe(nov)
    const errors = await Promise.all(
      ['@latest~3', '2026-09-29', '2026-02-30', '#999', '@yesterday'].map((ref) =>
        resolveHistoryRef(store, ref).catch((e: unknown) => e),
      ),
    )
    for (const e of errors) expect(e).toBeInstanceOf(InputError)
    expect(errors.map((e) => (e as Error).message.replace(store.location, 'DB'))).toEqual([
      'The history at DB has fewer than 4 assessments, so @latest~3 names none.',
      'The history at DB has no assessment made on or before 2026-09-29.',
      '2026-02-30 is not a calendar date.',
      'The history at DB has no assessment #999 (pruned, or never recorded).',
      '"@yesterday" does not name an assessment in the history.',
    ])
  })

  it('gives diff a side from history with the recorded resources and policies', async () => {
    await recordAll()
    const side = await loadHistorySide(store, '@previous')
    expect(side.id).toBe(ids[1])
    expect(side.assessment.createdAt).toBe(runs[1]!.assessment.createdAt)
    expect(side.assessment.resources.map((r) => r.id)).toEqual(runs[1]!.assessment.resources.map((r) => r.id))
    expect(side.policies).toEqual(runs[1]!.policies)
  })

  it('diff @previous @latest from history gives what diffing the two assessments in memory gives', async () => {
    await recordAll()
    const before = await loadHistorySide(store, '@previous')
    const after = await loadHistorySide(store, '@latest')
    // The cast stands in for widening diff's Side to the fields it reads (see docs/history.md).
    type DiffSide = Parameters<typeof diffAssessments>[0]
    const fromHistory = diffAssessments(before as unknown as DiffSide, after as unknown as DiffSide)
    expect(fromHistory).toEqual(diffAssessments(runs[1]!, runs[2]!))
    expect(fromHistory.removed.length).toBeGreaterThan(0)
  })

  it('trends an estate metric oldest first, and grades as letters and numbers', async () => {
    await recordAll()
    const lockIn = await historyTrend(store, {metric: 'lockInIndex'})
    expect(lockIn.assessments.map((a) => a.id)).toEqual(ids)
    expect(lockIn.series).toEqual([{name: 'estate', values: runs.map((r) => r.assessment.summary.lockInIndex)}])
    const grade = await historyTrend(store, {metric: 'grade', limit: 2})
    expect(grade.assessments.map((a) => a.id)).toEqual(ids.slice(1))
    const letters = runs.slice(1).map((r) => r.assessment.summary.grade)
    expect(grade.assessments.map((a) => a.grade)).toEqual(letters)
    expect(grade.series[0]!.values).toEqual(letters.map((g) => ({A: 5, B: 4, C: 3, D: 2, E: 1, F: 0})[g]))
  })

  it('trends per provider with a gap where a provider was gone, and per category', async () => {
    await recordAll()
    const byProvider = await historyTrend(store, {metric: 'resourceCount', by: 'provider'})
    const counts = (provider: string) =>
      runs.map((r) => r.assessment.providers.find((p) => p.provider === provider)?.count ?? null)
    expect(byProvider.series.map((s) => s.name)).toEqual(['aws', 'azure', 'gcp', 'hetzner', 'scaleway'])
    expect(byProvider.series.find((s) => s.name === 'hetzner')!.values).toEqual([counts('hetzner')[0], null, null])
    expect(byProvider.series.find((s) => s.name === 'scaleway')!.values).toEqual(counts('scaleway'))
    const byCategory = await historyTrend(store, {metric: 'hhi', by: 'category'})
    const first = runs[0]!.assessment.categories[0]!
    expect(byCategory.series.find((s) => s.name === first.category)!.values[0]).toBe(first.concentration.hhi)
    await expect(historyTrend(store, {metric: 'grade', by: 'provider'})).rejects.toThrow(
      '--metric grade has no trend by provider.',
    )
  })

  it('trends over 100 assessments in well under a second', async () => {
    store = (await open(kind)).store
    const base = runs[0]!
    for (let i = 0; i < 100; i++) {
      base.assessment.createdAt = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString()
      await recordAssessment(store, {...base.assessment, resources: base.assessment.resources.slice(0, 5)}, [], [])
    }
    base.assessment.createdAt = '2026-09-30T08:00:00.000Z'
    const start = performance.now()
    const trend = await historyTrend(store, {metric: 'lockInIndex', by: 'provider', limit: 100})
    const estate = await historyTrend(store, {metric: 'grade', limit: 100})
    const elapsed = performance.now() - start
    expect(trend.assessments).toHaveLength(100)
    expect(estate.series[0]!.values).toHaveLength(100)
    expect(elapsed).toBeLessThan(250)
  }, 60_000)

  it('marks each finding new or unchanged since the previous assessment, and lists the resolved', async () => {
    store = (await open(kind)).store
    const september = runs[0]!
    const target = september.policies.flatMap((p) => p.rules.flatMap((r) => r.findings)).find((f) => f.resourceId)!.resourceId!
    const october = await demoAssessment({
      now: '2026-10-31T08:00:00Z',
      change: (s) => {
        s.resources = s.resources.filter((r) => r.id !== target)
      },
    })
    const first = await recordAssessment(store, september.assessment, september.policies, [])
    const second = await recordAssessment(store, october.assessment, october.policies, [])
    expect(await previousFindings(store, first)).toBeUndefined()
    const previous = (await previousFindings(store, second))!
    expect(previous.id).toBe(first)
    const current = await store.findings(second)
    const {marks, resolved} = markFindings(previous.findings, current)
    const aboutTarget = previous.findings.filter((f) => f.resourceId === target)
    expect(aboutTarget.length).toBeGreaterThan(0)
    expect(resolved).toEqual(expect.arrayContaining(aboutTarget))
    const key = (f: Finding) => `${f.policy}/${f.ruleId}/${f.resourceId ?? f.subject ?? ''}`
    const unchangedElsewhere = current.filter((f) => f.resourceId && previous.findings.some((p) => key(p) === key(f)))
    expect(unchangedElsewhere.length).toBeGreaterThan(0)
    for (const f of unchangedElsewhere) expect(marks.get(key(f))).toBe('unchanged')
  })
})

describe('history references and charts', () => {
  it('marks by finding key: new, unchanged, resolved', () => {
    const f = (ruleId: string, resourceId?: string, subject?: string): Finding => ({
      policy: 'p',
      ruleId,
      severity: 'high',
      message: 'm',
      ...(resourceId ? {resourceId} : {}),
      ...(subject ? {subject} : {}),
    })
    const {marks, resolved} = markFindings(
      [f('a', 'r1'), f('b', undefined, 'storage'), f('c', 'r2')],
      [f('a', 'r1'), f('b', undefined, 'compute'), f('c', 'r3')],
    )
    expect([...marks]).toEqual([
      ['p/a/r1', 'unchanged'],
      ['p/b/compute', 'new'],
      ['p/c/r3', 'new'],
    ])
    expect(resolved).toEqual([f('b', undefined, 'storage'), f('c', 'r2')])
  })

  it('tells history references from file names', () => {
    expect(['@latest', '@previous', '@first', '@latest~3', '#12', '2026-09-30'].every((r) => isHistoryRef(r))).toBe(true)
    expect(['old.json', '12', 'report-2026-09-30/assessment.json', '@latest~'].some((r) => isHistoryRef(r))).toBe(false)
    expect(isHistoryRef('12', {bareIds: true})).toBe(true)
  })

  it('draws a sparkline scaled to its own range, with gaps', () => {
    expect(sparkline([0, 5, 10, null, 10])).toBe('▁▅█ █')
    expect(sparkline([3, 3])).toBe('▄▄')
    expect(
      renderTrend({
        metric: 'grade',
        by: 'estate',
        assessments: [
          {id: 1, createdAt: '2026-09-30T08:00:00.000Z', grade: 'D'},
          {id: 2, createdAt: '2026-10-31T08:00:00.000Z', grade: 'C'},
        ],
        series: [{name: 'estate', values: [2, 3]}],
      }),
    ).toBe('grade over 2 assessments (2026-09-30 → 2026-10-31)\nestate  ▁█  D → C')
  })
})
