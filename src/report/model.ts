import type {AssessedResource, ServiceSummary} from '../assessment/schema.js'
import type {RuleVerdict} from '../policy/types.js'
import {money} from './format.js'
import {type RegulationRow, regulationRows} from './regulation.js'
import {type Risk, selectRisks} from './risks.js'
import type {ReportData} from './types.js'

/** The day from which the EU Data Act forbids switching charges, egress included (Art. 29(1)). */
export const DATA_ACT_NO_CHARGES_FROM = '2027-01-12'

export interface ExitPlan extends ServiceSummary {
  rank: number
  /** Resources (outside the service) that use it, directly. */
  dependents: number
  dependentExamples: string[]
  steps: string[]
  /** "Retiring on …, successor …": the provider forces a migration, the cheapest moment to exit. */
  lifecycle?: string
}

export type {RegulationRow} from './regulation.js'
export type {Risk} from './risks.js'

export interface WaveSummary {
  wave: number
  count: number
  effort: Record<string, number>
  statefulGiB: number
  /** The first members, in the wave's order. */
  members: {name: string; type: string; provider: string; effort?: string; reason: string}[]
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
  topResources: AssessedResource[]
  portability: Record<string, number>
}

const PORTABILITY_ORDER = ['portable', 'compatible', 'proprietary', 'captive', 'unmapped'] as const

/** Default steps when the catalog gives none: a plain, generic exit sequence per class. */
function defaultSteps(plan: ServiceSummary): string[] {
  const target = plan.target ? ` onto ${plan.target}` : ''
  const where = plan.european[0] ? ` (for example ${plan.european[0].service} at ${plan.european[0].provider})` : ''
  return [
    `Inventory every ${plan.title ?? plan.type} and what uses it (see "used by").`,
    plan.stateful
      ? `Copy the data${target}${where}, and keep it in sync until cut-over.`
      : `Stand up the equivalent${target}${where}.`,
    'Switch clients and dependents over; run both side by side until verified.',
    'Decommission the original and remove its credentials.',
  ]
}

/** A retirement, said as the opportunity it is: the provider forces a migration anyway. */
function lifecycleText(retiring: string, successor: string | undefined, today: string): string {
  const when = retiring < today ? `Retired on ${retiring}` : `Retiring on ${retiring}`
  const next = successor ? `; the provider points to ${successor}` : ''
  return `${when}${next}. A forced migration is the cheapest moment to exit: plan the move to an open target instead.`
}

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

function deriveModel(
  {assessment: a, policies, now, dependencies}: ReportData,
  options: {plans?: number; topResources?: number} = {},
): ReportModel {
  // Reverse dependencies of the planned services, for "what depends on it": one pass, no per-resource keys.
  const planned = a.services.slice(0, options.plans ?? 40)
  const planOf = new Map<string, Map<string, Map<string, number>>>()
  planned.forEach((s, i) => {
    const byType = planOf.get(s.provider) ?? new Map<string, Map<string, number>>()
    const byClass = byType.get(s.type) ?? new Map<string, number>()
    byClass.set(s.portability, i)
    byType.set(s.type, byClass)
    planOf.set(s.provider, byType)
  })
  const n = a.resources.length
  const planIndex = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const r = a.resources[i]!
    planIndex[i] = planOf.get(r.provider)?.get(r.type)?.get(r.portability) ?? -1
  }
  const index = dependencies?.graph.index ?? new Map(a.resources.map((r, i) => [r.id, i]))
  const dependentCount = new Int32Array(planned.length)
  const examples: string[][] = planned.map(() => [])
  const lastCounted = new Int32Array(planned.length).fill(-1)
  for (let i = 0; i < n; i++) {
    const r = a.resources[i]!
    if (!r.dependsOn) continue
    for (const dep of r.dependsOn) {
      const j = index.get(dep)
      const plan = j === undefined ? -1 : planIndex[j]!
      if (plan < 0 || plan === planIndex[i] || lastCounted[plan] === i) continue
      lastCounted[plan] = i
      dependentCount[plan]!++
      if (examples[plan]!.length < 3) examples[plan]!.push(r.name ?? r.id)
    }
  }
  const today = now.toISOString().slice(0, 10)
  const plans: ExitPlan[] = planned.map((s, i) => ({
    ...s,
    rank: i + 1,
    dependents: dependentCount[i]!,
    dependentExamples: examples[i]!,
    steps: s.exitSteps?.length ? s.exitSteps : defaultSteps(s),
    ...(s.retiring ? {lifecycle: lifecycleText(s.retiring, s.successor, today)} : {}),
  }))

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

  const nameOf = new Map(a.resources.map((r) => [r.id, r.name ?? r.id]))
  const waves: WaveSummary[] = (dependencies?.waves ?? []).map((w) => ({
    wave: w.wave,
    count: w.members.length,
    effort: w.effort,
    statefulGiB: w.statefulGiB,
    members: w.members
      .slice(0, 12)
      .map((m) => ({name: m.name ?? m.id, type: m.type, provider: m.provider, effort: m.effort, reason: m.reason})),
  }))
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
  const risks: Risk[] = selectRisks(
    a,
    policies,
    widest && {...widest, title: titleOf.get(`${widest.provider}\u0000${widest.service}`)},
    a.services[0],
  )

  const topResources = topByScore(a.resources, options.topResources ?? 200)
  return {waves, components, blast, risks, plans, rules, regulation, dataActNote, topResources, portability}
}
