import type {AssessedResource} from '../assessment/schema.js'
import type {Finding, RuleVerdict} from '../policy/types.js'
import {gib, money, pct} from './format.js'
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
import type {ReportData} from './types.js'

/** The day from which the EU Data Act forbids switching charges, egress included (Art. 29(1)). */
export const DATA_ACT_NO_CHARGES_FROM = '2027-01-12'

export type {ExitPlan, WaveSummary} from './plan.js'

export interface Risk {
  title: string
  detail: string
}

export interface RegulationRow {
  framework: string
  provision: string
  measure: string
  status: 'ok' | 'attention' | 'info'
  findings: number
}

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
  const failing = rules.filter((r) => r.status === 'fail')
  const findingsFor = (match: (r: (typeof rules)[number]) => boolean) =>
    rules.filter(match).reduce((n, r) => n + r.findings.filter((f: Finding) => !f.waiver).length, 0)
  const refersTo = (text: RegExp) => (r: (typeof rules)[number]) =>
    [...r.references, r.title, r.rationale].some((x) => text.test(x))

  const s = a.summary
  const portability: Record<string, number> = Object.fromEntries(PORTABILITY_ORDER.map((p) => [p, 0]))
  for (const r of a.resources) portability[r.portability] = (portability[r.portability] ?? 0) + 1
  const movable = (portability.portable! + portability.compatible!) / Math.max(1, a.resources.length)
  const nonEuGiB = a.resources
    .filter((r) => r.stateful && r.control !== 'EU' && r.control !== 'EEA+CH')
    .reduce((n, r) => n + (r.sizeGiB ?? 0), 0)
  const topRegionShare = (() => {
    const counts = new Map<string, number>()
    for (const r of a.resources)
      if (r.stateful && r.critical) counts.set(`${r.provider}/${r.region}`, (counts.get(`${r.provider}/${r.region}`) ?? 0) + 1)
    const total = [...counts.values()].reduce((x, y) => x + y, 0)
    return total ? Math.max(...counts.values()) / total : 0
  })()

  const afterDeadline = now.toISOString().slice(0, 10) >= DATA_ACT_NO_CHARGES_FROM
  const egressTotal = a.egress.estimates.filter((e) => e.cost !== undefined)
  const egressText = egressTotal.map((e) => `${e.provider} ${money(e.cost, e.currency)}`).join(', ') || 'no priced provider'
  // Art. 34: running on two providers side by side is parallel use, not switching, and egress for it may still be billed at cost.
  const parallelUse =
    ' Parallel use is not switching: while workloads run on both providers, egress may still be charged at cost (Art. 34).'
  const dataActNote = afterDeadline
    ? `Since ${DATA_ACT_NO_CHARGES_FROM}, the EU Data Act (Regulation (EU) 2023/2854, Art. 29) forbids providers to charge switching charges, egress included, to a customer who switches. The list-price estimate (${egressText}) shows what leaving would otherwise cost; it should not be paid.${parallelUse}`
    : `Until ${DATA_ACT_NO_CHARGES_FROM}, the EU Data Act (Regulation (EU) 2023/2854, Art. 29) allows only reduced, cost-based switching charges, egress included; from that date none may be charged. At list prices the move would cost ${egressText}.${parallelUse}`

  const regulation: RegulationRow[] = [
    {
      framework: 'DORA',
      provision: 'Art. 28(8) exit strategies',
      measure: `${a.resources.filter((r) => r.tags['critical-function'] === 'true').length} resources support critical or important functions; ${a.resources.filter((r) => r.tags['critical-function'] === 'true' && r.tags['exit-plan']).length} carry an exit plan.`,
      status: findingsFor(refersTo(/28\(8\)/)) > 0 ? 'attention' : 'ok',
      findings: findingsFor(refersTo(/28\(8\)/)),
    },
    {
      framework: 'DORA',
      provision: 'Art. 29 concentration risk',
      measure: `HHI ${Math.round(s.concentration.hhi)}; ${s.concentration.top ? `${s.concentration.top.provider} holds ${pct(s.concentration.top.share)}` : 'no provider'}.`,
      status: findingsFor(refersTo(/Art\. 29|concentration/i)) > 0 || s.concentration.hhi > 5000 ? 'attention' : 'ok',
      findings: findingsFor(refersTo(/Art\. 29|concentration/i)),
    },
    {
      framework: 'EU Data Act',
      provision: 'Arts. 23–29 switching and egress',
      measure: `${gib(s.dataGiB)} of data to move (${s.unknownSizeCount} stateful resources of unknown size). ${afterDeadline ? 'No switching charges may be charged.' : `Cost-based charges only, none from ${DATA_ACT_NO_CHARGES_FROM}.`}`,
      status: 'info',
      findings: 0,
    },
    {
      framework: 'EU Data Act',
      provision: 'Art. 30 functional equivalence and open interfaces',
      measure: `${pct(movable)} of resources are portable or compatible (reached through open or de-facto standards).`,
      status: movable >= 0.6 ? 'ok' : 'attention',
      findings: findingsFor(refersTo(/Art\. 30|open standards/i)),
    },
    {
      framework: 'EU Cloud Sovereignty Framework',
      provision: 'SOV-2 legal and jurisdictional',
      measure: `${pct(s.jurisdictionExposure)} jurisdiction exposure of stateful or critical resources (non-EU control${s.foreignReachShare ? `, plus ${pct(s.foreignReachShare)} EU-controlled with a non-EU reach counted at ${a.constants.foreignReachWeight}` : ''}).`,
      status: s.jurisdictionExposure > 0.4 ? 'attention' : 'ok',
      findings: findingsFor(refersTo(/SOV-2|jurisdiction|EU control/i)),
    },
    {
      framework: 'EU Cloud Sovereignty Framework',
      provision: 'SOV-3 data',
      measure: `${gib(nonEuGiB)} of stored data sits with providers under non-EU control.`,
      status: nonEuGiB > 0 ? 'attention' : 'ok',
      findings: findingsFor(refersTo(/SOV-3|stateful data/i)),
    },
    {
      framework: 'EU Cloud Sovereignty Framework',
      provision: 'SOV-4 operational',
      measure: `Top provider share ${pct(s.concentration.top?.share ?? 0)}; ${pct(topRegionShare)} of stateful critical resources in their most used region.`,
      status: (s.concentration.top?.share ?? 0) > 0.6 || topRegionShare > 0.8 ? 'attention' : 'ok',
      findings: findingsFor(refersTo(/SOV-4|region/i)),
    },
    {
      framework: 'EU Cloud Sovereignty Framework',
      provision: 'SOV-6 technology',
      measure: `Lock-in index ${s.lockInIndex}; ${portability.captive} captive and ${portability.unmapped} unmapped resources.`,
      status: s.lockInIndex > 45 ? 'attention' : 'ok',
      findings: findingsFor(refersTo(/SOV-6|captive|exit path/i)),
    },
  ]

  const risks: Risk[] = []
  const nameOf = new Map(a.resources.map((r) => [r.id, r.name ?? r.id]))
  const waves = buildWaveSummaries(data)
  const components = (dependencies?.components ?? []).slice(0, 10).map((c) => ({
    id: c.id,
    size: c.resources.length,
    providers: c.providers,
    meanLockIn: c.meanLockIn,
    statefulGiB: c.statefulGiB,
    examples: c.resources.slice(0, 4).map((id) => nameOf.get(id) ?? id),
  }))
  const blast = (dependencies?.blastRadius ?? [])
    .filter((b) => b.dependents > 0)
    .slice(0, 10)
    .map((b) => ({service: b.type, provider: b.provider, portability: b.portability, dependents: b.dependents}))
  const titleOf = new Map(a.services.map((x) => [`${x.provider}\u0000${x.type}`, x.title]))
  const widest = blast[0]
  if (widest && widest.dependents >= 5)
    risks.push({
      title: `${widest.dependents} resources depend on ${titleOf.get(`${widest.provider}\u0000${widest.service}`) ?? widest.service} at ${widest.provider}, directly or transitively`,
      detail: `It is ${widest.portability}: leaving it means changing everything that uses it, so its replacement decides the order of the exit waves.`,
    })
  // The plans are in the order to act; the risk is the service causing the most lock-in.
  const top = plans.reduce<ExitPlan | undefined>(
    (best, p) => (!best || p.lockInContribution > best.lockInContribution ? p : best),
    undefined,
  )
  if (top)
    risks.push({
      title: `${top.title ?? top.type} on ${top.provider} causes ${pct(top.lockInContribution)} of the lock-in`,
      detail:
        `${top.count} resources, ${top.portability}${top.dependents ? `, used by ${top.dependents} other resources` : ''}. ${top.exit ?? ''}`.trim(),
    })
  if (s.concentration.top && s.concentration.top.share > 0.4)
    risks.push({
      title: `${s.concentration.top.provider} holds ${pct(s.concentration.top.share)} of the estate`,
      detail: `An outage, price rise or withdrawal there reaches most of the organisation at once (HHI ${Math.round(s.concentration.hhi)}).`,
    })
  if (s.jurisdictionExposure > 0.2)
    risks.push({
      title: `Jurisdiction exposure of ${pct(s.jurisdictionExposure)} for stateful or critical resources`,
      detail: `EU data residency does not prevent foreign access: the US CLOUD Act reaches US-controlled providers in their EU regions, and a sanction can cut access overnight.${s.foreignReachShare ? ` EU control is not the end of it either: ${pct(s.foreignReachShare)} sit with EU providers that a non-EU court can reach through a subsidiary or location (a Canadian court ordered OVHcloud data stored in Europe in 2025).` : ''}`,
    })
  const worstRule = failing.sort(
    (x, y) =>
      ['info', 'low', 'medium', 'high', 'critical'].indexOf(y.severity) -
      ['info', 'low', 'medium', 'high', 'critical'].indexOf(x.severity),
  )[0]
  if (risks.length < 3 && worstRule)
    risks.push({
      title: `Policy ${worstRule.policy}: ${worstRule.title}`,
      detail: `${worstRule.findings.length} findings (${worstRule.severity}). ${worstRule.remediation}`,
    })

  const topResources = topByScore(a.resources, options.topResources ?? 200)
  return {
    waves,
    components,
    blast,
    risks: risks.slice(0, 3),
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
