import type {AssessedResource} from '../assessment/schema.js'
import type {DependencyGraph} from '../graph/types.js'
import type {RuleVerdict} from '../policy/types.js'
import {money} from './format.js'
import {
  buildExitPlans,
  buildWaveSummaries,
  type DataActTimeline,
  DEFAULT_PLANNING,
  dataActTimeline,
  type ExitPlan,
  type PlanningAssumptions,
  type WaveSummary,
} from './plan.js'
import {type RegulationRow, regulationRows} from './regulation.js'
import {type Risk, selectRisks} from './risks.js'
import type {ReportData} from './types.js'

/** The day from which the EU Data Act forbids switching charges, egress included (Art. 29(1)). */
export const DATA_ACT_NO_CHARGES_FROM = '2027-01-12'

export type {ExitPlan, WaveSummary} from './plan.js'

export type {RegulationRow} from './regulation.js'
export type {Risk} from './risks.js'

export interface ReportModel {
  waves: WaveSummary[]
  components: {id: number; size: number; providers: string[]; meanLockIn: number; statefulGiB: number; examples: string[]}[]
  blast: {service: string; provider: string; portability: string; dependents: number}[]
  risks: Risk[]
  plans: ExitPlan[]
  rules: (RuleVerdict & {policy: string; policyTitle: string})[]
  regulation: RegulationRow[]
  dataActNote: string
  /** The Data Act's switching windows next to the data to move and the transfer time. */
  dataAct: DataActTimeline
  /** Person-days per effort size and the bandwidth the plan assumes. */
  planning: PlanningAssumptions
  topResources: AssessedResource[]
  portability: Record<string, number>
}

const PORTABILITY_ORDER = ['portable', 'compatible', 'proprietary', 'captive', 'unmapped'] as const

const cache = new WeakMap<ReportData, ReportModel>()

/** A node's name by id, through the graph's index (no map of every resource's name). */
const nameIn = (graph: DependencyGraph, id: string): string => {
  const v = graph.index.get(id)
  return (v === undefined ? undefined : graph.nodes[v]!.name) ?? id
}

/** The highest-scoring resources, without sorting the whole estate (linear for a fixed n). */
function topByScore(resources: AssessedResource[], n: number): AssessedResource[] {
  const byScore = (x: AssessedResource, y: AssessedResource) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)
  let kept: AssessedResource[] = []
  let floor = Number.NEGATIVE_INFINITY
  for (const r of resources) {
    if (r.score < floor) continue
    kept.push(r)
    // Keep at most 2n candidates, pruning whenever the buffer fills.
    if (kept.length >= 2 * n) {
      kept = kept.sort(byScore).slice(0, n)
      floor = kept[n - 1]!.score
    }
  }
  return kept.sort(byScore).slice(0, n)
}

/** Derives everything the human-readable reports show; pure, linear, and built once per set of report data. */
export function buildReportModel(data: ReportData): ReportModel {
  let model = cache.get(data)
  if (!model) {
    model = deriveModel(data)
    cache.set(data, model)
  }
  return model
}

function deriveModel(data: ReportData, options: {plans?: number; topResources?: number} = {}): ReportModel {
  const {assessment: a, policies, now, dependencies} = data
  const planning = data.planning ?? DEFAULT_PLANNING
  const plans = buildExitPlans(data, planning, options.plans ?? 40)
  const dataAct = dataActTimeline(a, planning, DATA_ACT_NO_CHARGES_FROM)
  const rules = policies.flatMap((p) => p.rules.map((r) => ({...r, policy: p.name, policyTitle: p.title})))
  const portability: Record<string, number> = Object.fromEntries(PORTABILITY_ORDER.map((p) => [p, 0]))
  for (const r of a.resources) portability[r.portability] = (portability[r.portability] ?? 0) + 1

  const afterDeadline = now.toISOString().slice(0, 10) >= DATA_ACT_NO_CHARGES_FROM
  const egressTotal = a.egress.estimates.filter((e) => e.cost !== undefined)
  const egressText = egressTotal.map((e) => `${e.provider} ${money(e.cost, e.currency)}`).join(', ') || 'no priced provider'
  // Art. 34: running on two providers side by side is parallel use, not switching, and egress for it may still be billed at cost.
  const parallelUse =
    ' Parallel use is not switching: while workloads run on both providers, egress may still be charged at cost (Art. 34).'
  const dataActNote = afterDeadline
    ? `Since ${DATA_ACT_NO_CHARGES_FROM}, the EU Data Act (Regulation (EU) 2023/2854, Art. 29) forbids providers to charge switching charges, egress included, to a customer who switches. The list-price estimate (${egressText}) shows what leaving would otherwise cost; it should not be paid.${parallelUse}`
    : `Until ${DATA_ACT_NO_CHARGES_FROM}, the EU Data Act (Regulation (EU) 2023/2854, Art. 29) allows only reduced, cost-based switching charges, egress included; from that date none may be charged. At list prices the move would cost ${egressText}.${parallelUse}`

  const regulation: RegulationRow[] = regulationRows(a, policies)

  const waves = buildWaveSummaries(data)
  const components = (dependencies?.components ?? []).slice(0, 10).map((c) => ({
    id: c.id,
    size: c.resources.length,
    providers: c.providers,
    meanLockIn: c.meanLockIn,
    statefulGiB: c.statefulGiB,
    examples: c.resources.slice(0, 4).map((id) => nameIn(dependencies!.graph, id)),
  }))
  const blast = (dependencies?.blastRadius ?? [])
    .filter((b) => b.dependents > 0)
    .slice(0, 10)
    .map((b) => ({service: b.type, provider: b.provider, portability: b.portability, dependents: b.dependents}))
  const titleOf = new Map(a.services.map((x) => [`${x.provider}\u0000${x.type}`, x.title]))
  const widest = blast[0]
  const risks: Risk[] = selectRisks(
    a,
    policies,
    widest && {...widest, title: titleOf.get(`${widest.provider}\u0000${widest.service}`)},
    a.services[0],
  )

  const topResources = topByScore(a.resources, options.topResources ?? 200)
  return {
    waves,
    components,
    blast,
    risks,
    plans,
    rules,
    regulation,
    dataActNote,
    dataAct,
    planning,
    topResources,
    portability,
  }
}
