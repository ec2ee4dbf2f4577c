import type {Assessment} from '../assessment/schema.js'
import type {PolicyOutcome} from '../policy/types.js'
import type {ReportHistory, TrendPoint} from '../report/history.js'
import {markFindings} from './marks.js'
import {openHistory} from './open.js'
import type {HistoryStore} from './store.js'

/** How many assessments the report's trend shows, this one included. */
export const REPORT_TREND_POINTS = 12

/**
 * What the report shows of the history before this assessment is recorded: the trend of the last
 * assessments with this one as the last point, and its findings marked against the previous one.
 */
export async function reportHistoryFrom(
  store: HistoryStore,
  assessment: Assessment,
  policies: PolicyOutcome[],
): Promise<ReportHistory> {
  const created = assessment.createdAt
  // Only assessments dated up to this one: re-assessing an old snapshot does not compare with the future.
  const earlier = (await store.list({limit: REPORT_TREND_POINTS * 4}))
    .filter((e) => e.createdAt <= created)
    .slice(0, REPORT_TREND_POINTS - 1)
    .reverse()
  const s = assessment.summary
  const points: TrendPoint[] = [
    ...earlier.map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      grade: e.grade,
      readiness: e.readiness,
      lockInIndex: e.lockInIndex,
      hhi: e.hhi,
      jurisdictionExposure: e.jurisdictionExposure,
    })),
    {
      createdAt: created,
      grade: s.grade,
      readiness: s.readiness,
      lockInIndex: s.lockInIndex,
      hhi: s.concentration.hhi,
      jurisdictionExposure: s.jurisdictionExposure,
    },
  ]
  const previous = earlier[earlier.length - 1]
  if (!previous) return {location: store.location, points, marks: new Map(), resolved: []}
  const current = policies.flatMap((p) => p.rules.flatMap((r) => r.findings))
  const {marks, resolved} = markFindings(await store.findings(previous.id), current)
  return {location: store.location, points, previous: {id: previous.id, createdAt: previous.createdAt}, marks, resolved}
}

/** The same, opening (and creating, if need be) the history at a path or URL. */
export async function loadReportHistory(
  target: string,
  assessment: Assessment,
  policies: PolicyOutcome[],
): Promise<ReportHistory> {
  const store = await openHistory(target)
  try {
    return await reportHistoryFrom(store, assessment, policies)
  } finally {
    await store.close()
  }
}
