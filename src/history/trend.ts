import {InputError} from '../errors.js'
import {type HistoryStore, queryByIds} from './store.js'

export const TREND_GROUPS = ['estate', 'provider', 'category'] as const
export type TrendGroup = (typeof TREND_GROUPS)[number]

/** The metrics each grouping has, and the column each reads. */
const METRICS: Record<TrendGroup, Record<string, string>> = {
  estate: {
    grade: 'grade',
    readiness: 'readiness',
    lockInIndex: 'lock_in_index',
    hhi: 'hhi',
    jurisdictionExposure: 'jurisdiction_exposure',
    foreignReachShare: 'foreign_reach_share',
    unmappedShare: 'unmapped_share',
    dataGiB: 'data_gib',
    resourceCount: 'resource_count',
    unknownSizeCount: 'unknown_size_count',
  },
  provider: {lockInIndex: 'lock_in_index', resourceCount: 'count', share: 'share', dataGiB: 'stateful_gib'},
  category: {lockInIndex: 'lock_in_index', resourceCount: 'count', hhi: 'hhi'},
}

export const trendMetrics = (by: TrendGroup): string[] => Object.keys(METRICS[by])
export const ALL_TREND_METRICS = [...new Set(TREND_GROUPS.flatMap(trendMetrics))]

/** Grades as numbers for a chart: A is best (5), F worst (0). */
export const GRADE_VALUE: Record<string, number> = {A: 5, B: 4, C: 3, D: 2, E: 1, F: 0}
const GRADE_LETTER = Object.fromEntries(Object.entries(GRADE_VALUE).map(([k, v]) => [v, k]))

export interface Trend {
  metric: string
  by: TrendGroup
  /** Oldest first: the x axis. */
  assessments: {id: number; createdAt: string; grade: string}[]
  /** One series per estate/provider/category; `null` where that assessment had none of it. */
  series: {name: string; values: (number | null)[]}[]
}

/** A metric over the last `limit` assessments (oldest first), for the estate or per provider or category. */
export async function historyTrend(
  store: HistoryStore,
  options: {metric?: string; by?: TrendGroup; limit?: number} = {},
): Promise<Trend> {
  const by = options.by ?? 'estate'
  const metric = options.metric ?? 'lockInIndex'
  const column = METRICS[by][metric]
  if (!column)
    throw new InputError(
      `--metric ${metric} has no trend${by === 'estate' ? '' : ` by ${by}`}.`,
      `Choose from: ${trendMetrics(by).join(', ')}.`,
    )
  const limit = options.limit ?? 100
  const recent = await store.driver.query<{id: number; created_at: string; grade: string; value: number | string}>(
    `SELECT id, created_at, grade, ${by === 'estate' ? column : 'grade'} AS value FROM assessments ORDER BY created_at DESC, id DESC LIMIT ?`,
    [limit],
  )
  recent.reverse()
  const assessments = recent.map((r) => ({id: Number(r.id), createdAt: r.created_at, grade: r.grade}))
  if (by === 'estate') {
    const values = recent.map((r) => (metric === 'grade' ? GRADE_VALUE[String(r.value)]! : Number(r.value)))
    return {metric, by, assessments, series: [{name: 'estate', values}]}
  }
  const index = new Map(assessments.map((a, i) => [a.id, i]))
  const series = new Map<string, (number | null)[]>()
  if (assessments.length > 0) {
    const table = by === 'provider' ? 'provider_figures' : 'category_figures'
    const rows = await queryByIds<{assessment_id: number; name: string; value: number}>(
      store.driver,
      `SELECT assessment_id, ${by} AS name, ${column} AS value FROM ${table} WHERE assessment_id IN (:ids)`,
      assessments.map((a) => a.id),
    )
    for (const row of rows) {
      let values = series.get(row.name)
      if (!values) {
        values = assessments.map(() => null)
        series.set(row.name, values)
      }
      values[index.get(Number(row.assessment_id))!] = Number(row.value)
    }
  }
  return {
    metric,
    by,
    assessments,
    series: [...series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, values]) => ({name, values})),
  }
}

const BARS = '▁▂▃▄▅▆▇█'

/** A sparkline of values (gaps where null), scaled between their own minimum and maximum. */
export function sparkline(values: readonly (number | null)[]): string {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const v of values)
    if (v !== null) {
      if (v < min) min = v
      if (v > max) max = v
    }
  return values
    .map((v) => {
      if (v === null) return ' '
      if (max === min) return BARS[3]
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))]
    })
    .join('')
}

const show = (metric: string, value: number | null): string => {
  if (value === null) return '–'
  if (metric === 'grade') return GRADE_LETTER[value] ?? String(value)
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '')
}

/** The trend as text: one line per series with its sparkline, first and last value. */
export function renderTrend(trend: Trend): string {
  const n = trend.assessments.length
  if (n === 0) return 'No assessments in the history yet.'
  const first = trend.assessments[0]!.createdAt.slice(0, 10)
  const last = trend.assessments[n - 1]!.createdAt.slice(0, 10)
  const width = Math.max(6, ...trend.series.map((s) => s.name.length))
  const lines = [
    `${trend.metric}${trend.by === 'estate' ? '' : ` by ${trend.by}`} over ${n} assessment${n === 1 ? '' : 's'} (${first} → ${last})`,
  ]
  for (const s of trend.series) {
    const known = s.values.filter((v) => v !== null)
    lines.push(
      `${s.name.padEnd(width)}  ${sparkline(s.values)}  ${show(trend.metric, known[0] ?? null)} → ${show(trend.metric, known[known.length - 1] ?? null)}`,
    )
  }
  return lines.join('\n')
}
