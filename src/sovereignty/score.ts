import type {AssessedResource, Assessment} from '../assessment/schema.js'
import type {Catalog} from '../catalog/catalog.js'
import {OBJECTIVE_IDS, type ObjectiveId, type Profile, type SovereigntyData} from '../catalog/sovereignty-schema.js'
import {InputError} from '../errors.js'
import {didYouMean} from '../util/suggest.js'
import {profileMatcher} from './match.js'
import type {ProfileUse, Raise, SealLevel, SovereigntyResult, SovereigntyScope, SovereigntyScore, WeakestLink} from './schema.js'

/** The tag DORA work uses for resources that support critical or important functions. */
export const CRITICAL_FUNCTION_TAG = 'critical-function'
const EXAMPLES = 3
/** Profile id for resources whose provider has no profile: every objective unknown. */
const NO_PROFILE = (provider: string) => `none:${provider}`

/** The weight set by name (the framework's default when none); an unknown name is an InputError with the choices. */
export function resolveWeights(
  data: SovereigntyData,
  name?: string,
): {set: string} & SovereigntyData['framework']['weightSets'][string] {
  const set = name ?? data.framework.defaultWeights
  const found = data.framework.weightSets[set]
  if (!found) {
    const names = Object.keys(data.framework.weightSets)
    throw new InputError(
      `--sovereignty-weights: there is no weight set "${set}"${didYouMean(set, names)}.`,
      `Choose from: ${names.join(', ')}.`,
    )
  }
  return {set, ...found}
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits

/** The weakest of several levels: exact only when every part is exact and known (or the minimum is an exact 0). */
export function weakest(levels: readonly SealLevel[]): SealLevel {
  let min: number | null = null
  let exactZero = false
  let allExact = levels.length > 0
  for (const l of levels) {
    if (l.seal === null) {
      allExact = false
      continue
    }
    if (l.bound !== 'exact') allExact = false
    if (l.seal === 0 && l.bound === 'exact') exactZero = true
    if (min === null || l.seal < min) min = l.seal
  }
  return {seal: min, bound: min !== null && (allExact || exactZero) ? 'exact' : 'at-most'}
}

interface ProfileView {
  id: string
  use: ProfileUse
  /** Objective ratio 0–1 where the profile has a score. */
  ratio: Record<ObjectiveId, number | undefined>
}

function viewOf(id: string, profile: Profile | undefined, provider: string, name: string, today: string): ProfileView {
  const objectives = Object.fromEntries(
    OBJECTIVE_IDS.map((o) => {
      const p = profile?.objectives[o]
      const known = p && p.seal !== 'unknown'
      return [
        o,
        {
          seal: known ? (p.seal as number) : null,
          bound: known ? p.bound : 'at-most',
          ...(p?.score !== undefined ? {score: p.score} : {}),
          basis: p?.basis ?? 'unknown',
          ...(p?.source ? {source: p.source} : {}),
          ...(p?.date ? {date: p.date} : {}),
        },
      ]
    }),
  ) as ProfileUse['objectives']
  const use: ProfileUse = {
    id,
    provider,
    name: profile?.name ?? name,
    ...(profile?.offering ? {offering: profile.offering} : {}),
    ...(profile?.operator ? {operator: profile.operator} : {}),
    ...(profile?.match ? {match: profile.match} : {}),
    frameworkVersion: profile?.frameworkVersion ?? 'none',
    count: 0,
    overall: weakest(Object.values(objectives)),
    objectives,
    // A certificate past its expiry date is shown as expired, never as held.
    certifications: (profile?.certifications ?? []).map((c) =>
      c.status === 'held' && c.expires !== undefined && c.expires < today ? {...c, status: 'expired' as const} : c,
    ),
  }
  const ratio = Object.fromEntries(
    OBJECTIVE_IDS.map((o) => [o, profile?.objectives[o].score === undefined ? undefined : profile.objectives[o].score! / 100]),
  ) as ProfileView['ratio']
  return {id, use, ratio}
}

/** One aggregate cell: the resources of one profile, category, type and flags. */
interface Cell {
  profile: number
  category: string
  type: string
  provider: string
  stateful: boolean
  critical: boolean
  criticalFunction: boolean
  count: number
  weight: number
  examples: string[]
}

function aggregate(resources: readonly AssessedResource[], profileOf: (r: AssessedResource) => number): Cell[] {
  // profile → category → type → flags (stateful, critical, critical function as bits): nested maps, no key strings per resource.
  const index = new Map<number, Map<string, Map<string, (Cell | undefined)[]>>>()
  const cells: Cell[] = []
  for (const r of resources) {
    const profile = profileOf(r)
    const criticalFunction = r.tags[CRITICAL_FUNCTION_TAG] === 'true'
    const byCategory = index.get(profile) ?? new Map<string, Map<string, (Cell | undefined)[]>>()
    if (byCategory.size === 0) index.set(profile, byCategory)
    const byType = byCategory.get(r.category) ?? new Map<string, (Cell | undefined)[]>()
    if (byType.size === 0) byCategory.set(r.category, byType)
    const byFlags = byType.get(r.type) ?? []
    if (byFlags.length === 0) byType.set(r.type, byFlags)
    const flags = (r.stateful ? 1 : 0) | (r.critical ? 2 : 0) | (criticalFunction ? 4 : 0)
    let cell = byFlags[flags]
    if (!cell) {
      cell = {
        profile,
        category: r.category,
        type: r.type,
        provider: r.provider,
        stateful: r.stateful,
        critical: r.critical,
        criticalFunction,
        count: 0,
        weight: 0,
        examples: [],
      }
      byFlags[flags] = cell
      cells.push(cell)
    }
    cell.count++
    cell.weight += r.weight
    if (cell.examples.length < EXAMPLES) cell.examples.push(r.name ?? r.id)
  }
  return cells
}

function scoreOf(
  cells: readonly Cell[],
  views: readonly ProfileView[],
  weights: Record<ObjectiveId, number>,
  by: 'count' | 'weight',
): SovereigntyScore {
  let all = 0
  const sum = Object.fromEntries(OBJECTIVE_IDS.map((o) => [o, 0])) as Record<ObjectiveId, number>
  const known = Object.fromEntries(OBJECTIVE_IDS.map((o) => [o, 0])) as Record<ObjectiveId, number>
  for (const c of cells) {
    const w = by === 'count' ? c.count : c.weight
    all += w
    const view = views[c.profile]!
    for (const o of OBJECTIVE_IDS) {
      const ratio = view.ratio[o]
      if (ratio === undefined) continue
      sum[o] += w * ratio
      known[o] += w
    }
  }
  let total = 0
  let knownTotal = 0
  let knownWeight = 0
  let coverage = 0
  const objectives = {} as Record<ObjectiveId, number | null>
  for (const o of OBJECTIVE_IDS) {
    const share = all > 0 ? weights[o] / 100 : 0
    objectives[o] = known[o] > 0 ? round((sum[o] / known[o]) * 100) : null
    if (all > 0) {
      total += share * (sum[o] / all) * 100
      coverage += share * (known[o] / all)
    }
    if (known[o] > 0) {
      knownTotal += weights[o] * (sum[o] / known[o])
      knownWeight += weights[o]
    }
  }
  return {
    total: round(total),
    known: knownWeight > 0 ? round((knownTotal / knownWeight) * 100) : null,
    coverage: round(coverage, 3),
    objectives,
  }
}

function weakestLinkOf(cells: readonly Cell[], views: readonly ProfileView[]): WeakestLink {
  const present = new Map<number, {count: number; examples: string[]}>()
  for (const c of cells) {
    const holder = present.get(c.profile) ?? {count: 0, examples: []}
    holder.count += c.count
    for (const e of c.examples) if (holder.examples.length < EXAMPLES) holder.examples.push(e)
    present.set(c.profile, holder)
  }
  const used = [...present.keys()].map((i) => views[i]!)
  const overall = weakest(used.map((v) => v.use.overall))
  const objectives = Object.fromEntries(
    OBJECTIVE_IDS.map((o) => [o, weakest(used.map((v) => v.use.objectives[o]))]),
  ) as WeakestLink['objectives']
  const holders = (test: (v: ProfileView) => boolean) =>
    used
      .filter(test)
      .map((v) => ({profile: v.id, ...present.get(views.indexOf(v))!}))
      .sort((a, b) => b.count - a.count || a.profile.localeCompare(b.profile))
  return {
    ...overall,
    heldDownBy: overall.seal === null ? [] : holders((v) => v.use.overall.seal === overall.seal),
    unknown: holders((v) => v.use.overall.seal === null),
    objectives,
  }
}

function scopeOf(
  scope: SovereigntyScope['scope'],
  title: string,
  cells: readonly Cell[],
  views: readonly ProfileView[],
  weights: Record<ObjectiveId, number>,
  extra: Partial<SovereigntyScope> = {},
): SovereigntyScope {
  return {
    scope,
    ...extra,
    title,
    count: cells.reduce((n, c) => n + c.count, 0),
    score: {resource: scoreOf(cells, views, weights, 'count'), criticality: scoreOf(cells, views, weights, 'weight')},
    seal: weakestLinkOf(cells, views),
  }
}

/** Moves to the catalog's European alternatives that lift the weakest link of one critical category. */
function raiseOf(
  category: SovereigntyScope,
  cells: readonly Cell[],
  views: readonly ProfileView[],
  viewIndex: ReadonlyMap<string, number>,
  assessment: Assessment,
): Raise | undefined {
  const current = category.seal
  if (current.seal === null || current.seal >= 4) return undefined
  const services = new Map(assessment.services.map((s) => [`${s.provider}\u0000${s.type}`, s]))
  const held = new Map<string, {profile: number; type: string; provider: string; count: number}>()
  for (const c of cells) {
    const seal = views[c.profile]!.use.overall.seal
    if (seal === null || seal > current.seal) continue
    const key = `${c.profile}\u0000${c.provider}\u0000${c.type}`
    const h = held.get(key) ?? {profile: c.profile, type: c.type, provider: c.provider, count: 0}
    h.count += c.count
    held.set(key, h)
  }
  const moves: Raise['moves'] = []
  const blocked: string[] = []
  const targets: SealLevel[] = []
  for (const h of [...held.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type))) {
    const service = services.get(`${h.provider}\u0000${h.type}`)
    const options = (service?.european ?? [])
      .map((offer) => {
        const index = viewIndex.get(offer.provider)
        return {offer, view: index === undefined ? undefined : views[index]}
      })
      .filter((o) => o.view?.use.overall.seal != null && o.view.use.overall.seal > current.seal!)
      .sort((a, b) => b.view!.use.overall.seal! - a.view!.use.overall.seal! || a.offer.provider.localeCompare(b.offer.provider))
    if (options.length === 0) {
      blocked.push(service?.title ?? h.type)
      continue
    }
    targets.push(options[0]!.view!.use.overall)
    for (const {offer, view} of options.slice(0, 3))
      moves.push({
        from: {profile: views[h.profile]!.id, type: h.type, ...(service?.title ? {title: service.title} : {}), count: h.count},
        to: {provider: offer.provider, service: offer.service, profile: view!.id},
        toSeal: view!.use.overall,
        ...(service?.effort ? {effort: service.effort} : {}),
      })
  }
  if (moves.length === 0 && blocked.length === 0) return undefined
  // What stays: the profiles of the category above the current level, plus the best target of each move.
  const staying = [...new Set(cells.map((c) => c.profile))]
    .map((i) => views[i]!.use.overall)
    .filter((l) => l.seal === null || l.seal > current.seal!)
  const after = blocked.length ? current : weakest([...staying, ...targets])
  return {
    category: category.category!,
    title: category.title,
    current: {seal: current.seal, bound: current.bound},
    after,
    moves,
    blocked,
  }
}

/**
 * The EU Cloud Sovereignty Framework over the estate: Sovereignty Score per objective and in total
 * (resource- and criticality-weighted) for the estate, what is critical, what is stateful, the
 * critical functions and each category; the weakest-link SEAL of each; and the moves that would raise
 * the weakest link of the critical categories. Linear in resources: resources are first counted into
 * cells of (profile, category, type, flags), and everything else works over the cells.
 */
export function sovereigntyOf(
  assessment: Assessment,
  catalog: Catalog,
  weightSet?: string,
  now: Date = new Date(),
): SovereigntyResult | undefined {
  const today = now.toISOString().slice(0, 10)
  const data = catalog.sovereignty
  if (!data) return undefined
  const weights = resolveWeights(data, weightSet)
  const views: ProfileView[] = []
  const viewIndex = new Map<string, number>()
  const add = (view: ProfileView) => {
    viewIndex.set(view.id, views.length)
    views.push(view)
    return views.length - 1
  }
  for (const [id, profile] of Object.entries(data.profiles)) add(viewOf(id, profile, profile.provider, profile.name, today))
  const match = profileMatcher(Object.entries(data.profiles).map(([id, p]) => ({id, ...p})))
  const profileOf = (r: AssessedResource): number => {
    const id = match(r) ?? NO_PROFILE(r.provider)
    return viewIndex.get(id) ?? add(viewOf(id, undefined, r.provider, `${r.provider} (no profile)`, today))
  }
  const cells = aggregate(assessment.resources, profileOf)
  for (const c of cells) views[c.profile]!.use.count += c.count

  const w = weights.weights
  const scopes: SovereigntyScope[] = [
    scopeOf('estate', 'Whole estate', cells, views, w),
    scopeOf(
      'critical',
      'Critical categories',
      cells.filter((c) => c.critical),
      views,
      w,
    ),
    scopeOf(
      'stateful',
      'Stateful resources (data)',
      cells.filter((c) => c.stateful),
      views,
      w,
    ),
  ]
  const functions = cells.filter((c) => c.criticalFunction)
  if (functions.length)
    scopes.push(
      scopeOf('critical-functions', `Critical or important functions (tag ${CRITICAL_FUNCTION_TAG}=true)`, functions, views, w),
    )
  const byCategory = Map.groupBy(cells, (c) => c.category)
  const categoryScopes = [...byCategory.entries()]
    .map(([category, list]) => {
      const info = catalog.category(category)
      return scopeOf('category', info?.title ?? category, list, views, w, {category, critical: info?.critical ?? false})
    })
    .sort((a, b) => Number(b.critical) - Number(a.critical) || b.count - a.count || a.category!.localeCompare(b.category!))
  for (const scope of categoryScopes) scopes.push(scope)
  const raise = categoryScopes
    .filter((s) => s.critical)
    .map((s) => raiseOf(s, byCategory.get(s.category!)!, views, viewIndex, assessment))
    .filter((r): r is Raise => r !== undefined)

  return {
    framework: {
      version: data.framework.version,
      title: data.framework.title,
      objectives: Object.fromEntries(OBJECTIVE_IDS.map((o) => [o, data.framework.objectives[o].name])) as Record<
        ObjectiveId,
        string
      >,
    },
    weights: {set: weights.set, title: weights.title, source: weights.source, weights: w},
    // The profiles in use, then the European alternatives the moves name (with 0 resources), for their certifications.
    profiles: views
      .filter((v) => v.use.count > 0 || raise.some((r) => r.moves.some((m) => m.to.profile === v.id)))
      .sort((a, b) => b.use.count - a.use.count || a.id.localeCompare(b.id))
      .map((v) => v.use),
    scopes,
    raise,
    schemes: Object.entries(data.schemes).map(([id, s]) => ({id, title: s.title, status: s.status, source: s.source})),
  }
}
