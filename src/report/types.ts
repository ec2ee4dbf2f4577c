import type {Assessment} from '../assessment/schema.js'
import type {PolicyOutcome} from '../policy/types.js'

/** Everything a renderer may show; renderers are pure functions of it. */
export interface ReportData {
  assessment: Assessment
  policies: PolicyOutcome[]
  /** The report date (injectable, e.g. for Data Act dates in tests). */
  now: Date
}

export type Renderer = (data: ReportData) => Iterable<string>
