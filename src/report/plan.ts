import type {AssessedResource, Assessment, ServiceSummary} from '../assessment/schema.js'
import type {Effort} from '../catalog/schema.js'
import {waveOfNodes} from '../graph/analysis.js'
import {figuresFor} from '../i18n/figures.js'
import type {Lang} from '../i18n/locale.js'
import {planMessages} from '../i18n/messages/plan.js'
import type {EffortBlock} from '../policy/schema.js'
import {getOrAdd} from '../util/maps.js'
import type {ReportData} from './types.js'

/**
 * The exit plan as people execute it: cards ordered by wave, then risk, then effort; each with the
 * resources it covers, their app and owner, an effort range in person-days, and steps that read
 * as sentences. Also the exit waves' summaries and the Data Act timeline.
 */

export const EFFORT_SIZES = ['S', 'M', 'L', 'XL'] as const
const EFFORT_RANK: Record<string, number> = {S: 0, M: 1, L: 2, XL: 3}

/** Person-days for one size: a fixed part per service (design, target, cut-over) plus a part per resource. */
export interface EffortDays {
  service: [number, number]
  perResource: [number, number]
}

/** The planning assumptions a policy's `effort` block may override. */
export interface PlanningAssumptions {
  sizes: Record<Effort, EffortDays>
  /** Sustained transfer bandwidth for moving data, in Gbit/s. */
  bandwidthGbps: number
}

/**
 * Defaults, stated in the methodology: planning estimates for a team that knows the target, not
 * measurements. S is a reconfiguration, M a redeployment, L a re-engineering, XL a rebuild.
 */
export const DEFAULT_PLANNING: PlanningAssumptions = {
  sizes: {
    S: {service: [1, 3], perResource: [0.1, 0.25]},
    M: {service: [3, 10], perResource: [0.25, 1]},
    L: {service: [10, 30], perResource: [1, 3]},
    XL: {service: [30, 90], perResource: [3, 10]},
  },
  bandwidthGbps: 1,
}

/** What each effort size means, in English (the report's language names it through `effortDefinition`). */
export const EFFORT_MEANING: Record<Effort, string> = Object.fromEntries(
  EFFORT_SIZES.map((size) => [size, planMessages.en.effortMeaning(size)]),
) as Record<Effort, string>

/** The assumptions in effect: the defaults, overridden by each policy's `effort` block in order. */
export function resolvePlanning(blocks: readonly (EffortBlock | undefined)[]): PlanningAssumptions {
  const sizes = Object.fromEntries(EFFORT_SIZES.map((s) => [s, {...DEFAULT_PLANNING.sizes[s]}])) as Record<Effort, EffortDays>
  let bandwidthGbps = DEFAULT_PLANNING.bandwidthGbps
  for (const block of blocks) {
    if (!block) continue
    for (const size of EFFORT_SIZES) {
      const override = block[size]
      if (override?.service) sizes[size].service = override.service
      if (override?.perResource) sizes[size].perResource = override.perResource
    }
    if (block.bandwidthGbps !== undefined) bandwidthGbps = block.bandwidthGbps
  }
  return {sizes, bandwidthGbps}
}

const roundDays = (days: number): number => (days < 10 ? Math.round(days * 2) / 2 : Math.round(days))

/** Person-days to move `count` resources of one effort size, as [low, high]. */
export function effortDays(effort: Effort, count: number, planning: PlanningAssumptions): [number, number] {
  const {service, perResource} = planning.sizes[effort]
  return [roundDays(service[0] + count * perResource[0]), roundDays(service[1] + count * perResource[1])]
}

export const daysText = ([low, high]: [number, number], lang: Lang = 'en'): string =>
  planMessages[lang].days(figuresFor(lang), low, high)

// ---- Steps ----

/**
 * The generic steps for a service the catalog gives none for, in the report's language. Each is an
 * imperative sentence: a verb first, a capital, one final period, the target named as what the
 * replacement is based on. The catalog's values (title, target, offer) stay as written.
 */
export function defaultSteps(
  plan: Pick<ServiceSummary, 'title' | 'type' | 'count' | 'stateful' | 'target' | 'european'>,
  lang: Lang = 'en',
): string[] {
  const t = planMessages[lang]
  const offer = plan.european[0]
  const facts = {
    what: plan.title ? `${plan.title} (${plan.type})` : plan.type,
    count: plan.count,
    ...(plan.target ? {target: plan.target} : {}),
    ...(offer ? {offer: {service: offer.service, provider: offer.provider}} : {}),
  }
  return [
    t.stepList(figuresFor(lang), facts),
    plan.stateful ? t.stepCopy(facts) : t.stepSetUp(facts),
    t.stepSwitch,
    t.stepDecommission(plan.count),
  ]
}

/** A step from the catalog as a sentence: trimmed, single-spaced, ending with one period. */
export const asSentence = (step: string): string => {
  const text = step.trim().replace(/\s+/g, ' ')
  return /[.!?]$/.test(text) ? text : `${text}.`
}

// ---- Cards ----

export interface ExitPlan extends ServiceSummary {
  rank: number
  /** Resources (outside the service) that use it, directly. */
  dependents: number
  dependentExamples: string[]
  steps: string[]
  /** "Retiring on …, successor …": the provider forces a migration, the cheapest moment to exit. */
  lifecycle?: string
  /** The first and last exit wave holding one of its resources (absent without dependency data). */
  waves?: [number, number]
  /** The first resources it covers, by name; `count` says how many in all. */
  resourceNames: string[]
  /** Resources per `app` and per `owner` tag value, most first; resources without the tag are left out. */
  apps: [string, number][]
  owners: [string, number][]
  /** Person-days as [low, high], from its effort size and count; absent when the effort is unknown. */
  days?: [number, number]
  /** For a service split over several cards: what sets this card apart. */
  differs?: string
  /** The catalog's refine notes that gave its resources their class (e.g. the engine), at most two. */
  refinements: string[]
}

/** How many names a card lists, and how many tag values per group. */
export const CARD_RESOURCES_SHOWN = 8
const GROUPS_SHOWN = 6

/** A retirement, said as the opportunity it is: the provider forces a migration anyway. */
function lifecycleText(retiring: string, successor: string | undefined, today: string, lang: Lang): string {
  return planMessages[lang].lifecycle(figuresFor(lang), retiring < today, retiring, successor)
}

/** Each resource's exit wave, by position in the assessment (0 where there is no dependency data); no per-resource allocation. */
function wavesByResource(data: ReportData): Int32Array {
  const {assessment: a, dependencies} = data
  const out = new Int32Array(a.resources.length)
  if (!dependencies?.waves.length) return out
  const {graph} = dependencies
  const waveOfNode = waveOfNodes(dependencies)
  for (let i = 0; i < a.resources.length; i++) {
    const id = a.resources[i]!.id
    // Nodes are built in resource order, so the same position is almost always the node.
    const v = graph.nodes[i]?.id === id ? i : graph.index.get(id)
    out[i] = v === undefined ? 0 : waveOfNode[v]!
  }
  return out
}

const topCounts = (counts: Map<string, number>): [string, number][] =>
  [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, GROUPS_SHOWN)

const classWords = (p: ExitPlan, lang: Lang): string => {
  const why = p.refinements.length ? p.refinements : (p.assumptions ?? [])
  const notes = why.length ? ` (${why.map((w) => w.replace(/\.$/, '')).join('; ')})` : ''
  const t = planMessages[lang]
  return t.classWords(figuresFor(lang), p.count, t.portability(p.portability), notes)
}

/**
 * The exit-plan cards for the `limit` services that cause most lock-in, then ordered by what to
 * do first: earliest wave, then higher share of lock-in (risk), then smaller effort. One linear
 * pass over the resources; no per-resource keys.
 */
export function buildExitPlans(data: ReportData, planning: PlanningAssumptions, limit = 40): ExitPlan[] {
  const {assessment: a, dependencies, now} = data
  const lang = data.lang ?? 'en'
  const planned = a.services.slice(0, limit)
  // Provider → type → class → card: nested maps, so that a million resources build no string keys.
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
  const waveOf = wavesByResource(data)
  const index = dependencies?.graph.index ?? new Map(a.resources.map((r, i) => [r.id, i]))
  const cards = planned.map(() => ({
    dependents: 0,
    examples: [] as string[],
    names: [] as string[],
    apps: new Map<string, number>(),
    owners: new Map<string, number>(),
    firstWave: 0,
    lastWave: 0,
    refinements: [] as string[],
  }))
  const lastCounted = new Int32Array(planned.length).fill(-1)
  for (let i = 0; i < n; i++) {
    const r: AssessedResource = a.resources[i]!
    const own = planIndex[i]!
    if (own >= 0) {
      const card = cards[own]!
      if (card.names.length < CARD_RESOURCES_SHOWN) card.names.push(r.name ?? r.id)
      const app = r.tags.app
      if (app) card.apps.set(app, (card.apps.get(app) ?? 0) + 1)
      const owner = r.tags.owner
      if (owner) card.owners.set(owner, (card.owners.get(owner) ?? 0) + 1)
      if (r.refinedBy && card.refinements.length < 2 && !card.refinements.includes(r.refinedBy))
        card.refinements.push(r.refinedBy)
      const wave = waveOf[i]!
      if (wave > 0) {
        if (card.firstWave === 0 || wave < card.firstWave) card.firstWave = wave
        if (wave > card.lastWave) card.lastWave = wave
      }
    }
    if (!r.dependsOn) continue
    for (const dep of r.dependsOn) {
      const j = index.get(dep)
      const plan = j === undefined ? -1 : planIndex[j]!
      if (plan < 0 || plan === own || lastCounted[plan] === i) continue
      lastCounted[plan] = i
      cards[plan]!.dependents++
      if (cards[plan]!.examples.length < 3) cards[plan]!.examples.push(r.name ?? r.id)
    }
  }
  const today = now.toISOString().slice(0, 10)
  const plans: ExitPlan[] = planned.map((s, i) => {
    const card = cards[i]!
    return {
      ...s,
      rank: 0,
      dependents: card.dependents,
      dependentExamples: card.examples,
      steps: s.exitSteps?.length ? s.exitSteps.map(asSentence) : defaultSteps(s, lang),
      ...(s.retiring ? {lifecycle: lifecycleText(s.retiring, s.successor, today, lang)} : {}),
      ...(card.firstWave ? {waves: [card.firstWave, card.lastWave] as [number, number]} : {}),
      resourceNames: card.names,
      refinements: card.refinements,
      apps: topCounts(card.apps),
      owners: topCounts(card.owners),
      ...(s.effort ? {days: effortDays(s.effort, s.count, planning)} : {}),
    }
  })
  plans.sort(
    (x, y) =>
      (x.waves?.[0] ?? Number.MAX_SAFE_INTEGER) - (y.waves?.[0] ?? Number.MAX_SAFE_INTEGER) ||
      y.lockInContribution - x.lockInContribution ||
      (x.effort ? EFFORT_RANK[x.effort]! : 4) - (y.effort ? EFFORT_RANK[y.effort]! : 4) ||
      (x.type < y.type ? -1 : x.type > y.type ? 1 : 0),
  )
  plans.forEach((p, i) => {
    p.rank = i + 1
  })
  // Cards of one service split by class (a refine rule, e.g. the engine): each names the others.
  const byService = new Map<string, ExitPlan[]>()
  for (const p of plans) {
    const key = `${p.provider}\u0000${p.type}`
    byService.set(key, [...(byService.get(key) ?? []), p])
  }
  for (const group of byService.values()) {
    if (group.length < 2) continue
    for (const p of group) {
      const t = planMessages[lang]
      const others = group.filter((o) => o !== p).map((o) => t.otherCard(o.rank, classWords(o, lang)))
      p.differs = t.differs(others, classWords(p, lang))
    }
  }
  return plans
}

// ---- What a card shows ----

const counted = (pairs: [string, number][]) => pairs.map(([k, n]) => `${k} (${n})`).join(', ')

/** "S (reconfigure …): 1–3 + 0.1–0.25 per resource; M …", in the report's language. */
export const effortDefinition = (planning: PlanningAssumptions, lang: Lang = 'en'): string => {
  const t = planMessages[lang]
  const f = figuresFor(lang)
  return EFFORT_SIZES.map((size) => {
    const {service, perResource} = planning.sizes[size]
    return `${size} (${t.effortMeaning(size)}): ${f.n(service[0])}–${f.n(service[1])} + ${f.n(perResource[0])}–${f.n(perResource[1])} ${t.perResource}`
  }).join('; ')
}

/** The facts of one card as label and value, shared by the HTML and Markdown renderers. */
export function planFacts(p: ExitPlan, lang: Lang = 'en'): [string, string][] {
  const t = planMessages[lang]
  const f = figuresFor(lang)
  const more = p.count - p.resourceNames.length
  return [
    [t.factWave, t.wave(f, p.waves)],
    [t.factEffort, p.effort && p.days ? t.effort(f, p.effort, daysText(p.days, lang), p.count) : t.effortUnknown],
    [t.factResources, t.resources(f, p.count, t.portability(p.portability), p.lockInContribution)],
    [t.factCovers, t.covers(f, p.resourceNames, more)],
    ...(p.apps.length ? [[t.factApps, counted(p.apps)] as [string, string]] : []),
    ...(p.owners.length ? [[t.factOwners, counted(p.owners)] as [string, string]] : []),
    [t.factSpeaks, p.speaks ?? '—'],
    [t.factMoveTo, p.target ?? '—'],
    [t.factEquivalents, p.equivalents.join(', ') || '—'],
    [t.factEuropean, p.european.map((e) => `${e.provider}: ${e.service}`).join('; ') || '—'],
    [t.factStateful, p.stateful ? t.stateful(f, f.gib(p.sizeGiB), p.unknownSize) : t.statefulNone],
    [t.factUsedBy, p.dependents ? t.usedBy(f, p.dependents, p.dependentExamples) : t.usedByNone],
    ...(p.differs ? [[t.factDiffers, p.differs] as [string, string]] : []),
    ...(p.lifecycle ? [[t.factLifecycle, p.lifecycle] as [string, string]] : []),
    ...(p.assumptions?.length ? [[t.factAssumed, p.assumptions.join('; ')] as [string, string]] : []),
  ]
}

/** How the cards are ordered and what each names, in the report's language. */
export const plansIntro = (lang: Lang = 'en'): string => planMessages[lang].plansIntro(CARD_RESOURCES_SHOWN)
export const PLANS_INTRO = plansIntro('en')

// ---- Waves ----

export interface WaveSummary {
  wave: number
  count: number
  effort: Record<string, number>
  statefulGiB: number
  /** The first members, in the wave's order. */
  members: {name: string; type: string; provider: string; effort?: string; reason: string}[]
  /** The services of the wave that most later resources use directly: moving them unblocks those. */
  firstToMove: {provider: string; type: string; title?: string; count: number; unblocks: number}[]
}

const FIRST_TO_MOVE = 3

/**
 * Per wave, its summary and the services that unblock the most: for each service in the wave, the
 * distinct resources of later waves that use one of its members directly. Linear in the edges.
 */
export function buildWaveSummaries(data: ReportData): WaveSummary[] {
  const {dependencies, assessment: a} = data
  if (!dependencies) return []
  const {graph, waves} = dependencies
  const waveOfNode = waveOfNodes(dependencies)
  const titleOf = new Map(a.services.map((s) => [`${s.provider}\u0000${s.type}`, s.title]))
  // Per wave, its services (provider → type, nested so no per-node key is built), in node order.
  type WaveService = {provider: string; type: string; count: number; unblocks: number; id: number}
  const servicesOf = new Map<number, Map<string, Map<string, WaveService>>>()
  const stamp = new Int32Array(graph.nodes.length).fill(-1)
  let serviceIds = 0
  for (let v = 0; v < graph.nodes.length; v++) {
    const wave = waveOfNode[v]!
    if (wave === 0) continue
    const node = graph.nodes[v]!
    const byProvider = getOrAdd(servicesOf, wave, () => new Map<string, Map<string, WaveService>>())
    const byType = getOrAdd(byProvider, node.provider, () => new Map<string, WaveService>())
    const service = getOrAdd(byType, node.type, () => ({
      provider: node.provider,
      type: node.type,
      count: 0,
      unblocks: 0,
      id: serviceIds++,
    }))
    service.count++
    for (let k = graph.inStart[v]!; k < graph.inStart[v + 1]!; k++) {
      const u = graph.inTargets[k]!
      if (waveOfNode[u]! <= wave || stamp[u] === service.id) continue
      stamp[u] = service.id
      service.unblocks++
    }
  }
  return waves.map((w) => {
    const services = [...(servicesOf.get(w.wave)?.values() ?? [])].flatMap((byType) => [...byType.values()])
    const firstToMove = services
      .filter((s) => s.unblocks > 0)
      .sort((x, y) => y.unblocks - x.unblocks || y.count - x.count || (x.type < y.type ? -1 : 1))
      .slice(0, FIRST_TO_MOVE)
      .map(({provider, type, count, unblocks}) => ({
        provider,
        type,
        count,
        unblocks,
        ...(titleOf.get(`${provider}\u0000${type}`) ? {title: titleOf.get(`${provider}\u0000${type}`)} : {}),
      }))
    return {
      wave: w.wave,
      count: w.count,
      effort: w.effort,
      statefulGiB: w.statefulGiB,
      members: w
        .first(12)
        .map((m) => ({name: m.name ?? m.id, type: m.type, provider: m.provider, effort: m.effort, reason: m.reason})),
      firstToMove,
    }
  })
}

/** "Amazon RDS ×12 (unblocks 40)", or the first members when nothing later waits on the wave. */
export function firstToMoveText(w: WaveSummary, lang: Lang = 'en'): string {
  const t = planMessages[lang]
  const f = figuresFor(lang)
  if (w.firstToMove.length)
    return w.firstToMove.map((s) => t.firstToMove(f, s.title ?? s.type, s.provider, s.count, s.unblocks)).join('; ')
  const names = w.members.slice(0, 3).map((m) => m.name)
  return names.length ? t.nothingWaits(names) : ''
}

// ---- Data Act timeline ----

/** Where the Data Act's figures come from, read on 2026-12-02. */
export const dataActSource = (lang: Lang = 'en'): string => planMessages[lang].dataActSource
export const DATA_ACT_SOURCE = dataActSource('en')

export interface TimelineRow {
  step: string
  period: string
  reference: string
}

export interface DataTransfer {
  provider: string
  statefulGiB: number
  unknownSize: number
  /** Hours at the stated bandwidth, running flat out. */
  hours: number
}

export interface DataActTimeline {
  rows: TimelineRow[]
  bandwidthGbps: number
  transfers: DataTransfer[]
  totalGiB: number
  totalHours: number
  /** Whether the longest single-provider transfer fits in the 30-day transition period. */
  fitsTransition: boolean
}

const BITS_PER_GIB = 8 * 2 ** 30

/** Hours to move `gib` at `gbps`, at full sustained rate (no protocol overhead, no throttling). */
export const transferHours = (gib: number, gbps: number): number => (gib * BITS_PER_GIB) / (gbps * 1e9) / 3600

export const hoursText = (hours: number, lang: Lang = 'en'): string => {
  const t = planMessages[lang]
  return hours < 1
    ? t.minutes(figuresFor(lang), Math.max(1, Math.round(hours * 60)))
    : hours < 48
      ? t.hours(hours)
      : t.daysOf(hours / 24)
}

/** The switching windows the Data Act sets, next to the data to move and how long that takes. */
export function dataActTimeline(
  a: Assessment,
  planning: PlanningAssumptions,
  noChargesFrom: string,
  lang: Lang = 'en',
): DataActTimeline {
  const t = planMessages[lang]
  const gbps = planning.bandwidthGbps
  const transfers = a.egress.estimates
    .filter((e) => e.statefulGiB > 0 || e.unknownSize > 0)
    .map((e) => ({
      provider: e.provider,
      statefulGiB: e.statefulGiB,
      unknownSize: e.unknownSize,
      hours: transferHours(e.statefulGiB, gbps),
    }))
  const totalGiB = transfers.reduce((n, t) => n + t.statefulGiB, 0)
  const longest = Math.max(0, ...transfers.map((t) => t.hours))
  return {
    rows: [
      {step: t.noticeStep, period: t.noticePeriod, reference: t.noticeRef},
      {step: t.transitionStep, period: t.transitionPeriod, reference: t.transitionRef},
      {step: t.retrievalStep, period: t.retrievalPeriod, reference: t.retrievalRef},
      {step: t.chargesStep, period: t.chargesPeriod(figuresFor(lang), noChargesFrom), reference: t.chargesRef},
      {step: t.parallelStep, period: t.parallelPeriod, reference: t.parallelRef},
    ],
    bandwidthGbps: gbps,
    transfers,
    totalGiB,
    totalHours: transferHours(totalGiB, gbps),
    fitsTransition: longest <= 30 * 24,
  }
}
