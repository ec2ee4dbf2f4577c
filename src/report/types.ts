import type {Assessment} from '../assessment/schema.js'
import type {BlastRadius, WavePlan} from '../graph/analysis.js'
import type {Component, DependencyGraph, Wave} from '../graph/types.js'
import type {Lang} from '../i18n/locale.js'
import type {PolicyOutcome, Severity} from '../policy/types.js'
import type {ReportHistory} from './history.js'
import type {PlanningAssumptions} from './plan.js'

/** What the dependency analysis adds to a report. */
export interface GraphFindings {
  graph: DependencyGraph
  waves: Wave[]
  components: Component[]
  blastRadius: BlastRadius[]
  /** The wave of each node as a number; outputs that touch every resource read it instead of listing the waves' members. */
  plan?: WavePlan
}

/** Everything a renderer may show; renderers are pure functions of it. */
export interface ReportData {
  assessment: Assessment
  policies: PolicyOutcome[]
  /** The report date (injectable, e.g. for Data Act dates in tests). */
  now: Date
  /** The dependency analysis; absent for renderers that do not need it. */
  dependencies?: GraphFindings
  /**
   * The snapshot files read, in order (for --demo, the demo file), so that SARIF can point at them;
   * by default the assessment's inputs that are readable files.
   */
  inputFiles?: string[]
  /** The --fail-on that overrides every policy's failOn; JUnit fails only the rules at or above it. */
  failOn?: Severity
  /** Person-days per effort size and the transfer bandwidth (policies' `effort` blocks); the defaults when absent. */
  planning?: PlanningAssumptions
  /** The recorded assessments before this one (assess --history): the trend and the findings' marks. */
  history?: ReportHistory
  /**
   * The language of the reports for people (HTML, Markdown, terminal); English when absent.
   * Machine outputs (JSON, CSV, SARIF, JUnit, xBRL-CSV) ignore it: they stay language-neutral.
   */
  lang?: Lang
}

export type Renderer = (data: ReportData) => Iterable<string>
