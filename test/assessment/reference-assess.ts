// The assessment as it was before profiles and slots (issue #15), kept as the oracle that the faster one must equal.

import {aggregateHolders, concentrationByControl, estateConcentration} from '../../src/assessment/concentration.js'
import {resolveScoring, type ScoringConstants} from '../../src/assessment/constants.js'
import {egressCost} from '../../src/assessment/egress.js'
import {
  ASSESSMENT_SCHEMA_ID,
  type AssessedResource,
  type Assessment,
  type Control,
  type Exposure,
  type ServiceSummary,
} from '../../src/assessment/schema.js'
import {baseScore, couplingScore, gradeFor, gravityScore, hhi, round, totalScore} from '../../src/assessment/score.js'
import type {Catalog, Mapping} from '../../src/catalog/catalog.js'
import type {ProviderInfo} from '../../src/catalog/schema.js'
import {usageEdges} from '../../src/graph/infer.js'
import type {UsageEdge} from '../../src/graph/types.js'
import type {Snapshot} from '../../src/inventory/model.js'

export interface AssessOptions {
  constants?: ScoringConstants
  inputs?: string[]
  now?: Date
  version?: string
  /** Usage edges (declared and inferred); computed from the snapshot when not given. */
  edges?: readonly UsageEdge[]
}

interface Tally {
  count: number
  weight: number
  weightedScore: number
}
const tally = (): Tally => ({count: 0, weight: 0, weightedScore: 0})
const add = (t: Tally, weight: number, score: number) => {
  t.count++
  t.weight += weight
  t.weightedScore += weight * score
}
function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = create()
    map.set(key, value)
  }
  return value
}
const mean = (t: Tally) => (t.weight > 0 ? t.weightedScore / t.weight : 0)

/** Non-EU control, or EU control that non-EU authorities can still reach (a foreign subsidiary, operating entity or location). */
function exposureOf(control: Control, mapping: Mapping, info: ProviderInfo | undefined): Exposure {
  if (control === 'unknown') return 'unknown'
  if (control === 'non-EU') return 'foreign-control'
  const operator = mapping.vendor?.operatingEntity
  if (operator && operator.country !== 'EU' && !EU_EEA_CH.has(operator.country)) return 'foreign-reach'
  if (!mapping.vendor && info?.foreignAccessVia?.length) return 'foreign-reach'
  return 'none'
}
const EU_EEA_CH = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE HU IS LI NO CH'.split(' '),
)

function concentration(byProvider: Map<string, number>) {
  let total = 0
  let top: {provider: string; weight: number} | undefined
  for (const [provider, weight] of byProvider) {
    total += weight
    if (!top || weight > top.weight || (weight === top.weight && provider < top.provider)) top = {provider, weight}
  }
  return {
    hhi: round(hhi(byProvider.values()), 0),
    top: top && total > 0 ? {provider: top.provider, share: round(top.weight / total, 4)} : undefined,
    providers: byProvider.size,
  }
}

/** Maps and scores a snapshot. Pure: no network, no files; linear in the number of resources. */
/**
 * The records that showed a SaaS service found from DNS (attributes.evidence from the DNS reader),
 * as sentences for the report: `MX contoso.com → contoso-com.mail.protection.outlook.com (zone:3)`.
 */
function evidenceOf(attributes: Record<string, unknown> | undefined): string[] | undefined {
  const records = attributes?.evidence
  if (!Array.isArray(records) || records.length === 0) return undefined
  const lines: string[] = []
  for (const record of records as {type?: unknown; name?: unknown; value?: unknown; where?: unknown}[]) {
    if (typeof record !== 'object' || record === null) continue
    const where = typeof record.where === 'string' ? ` (${record.where})` : ''
    lines.push(`${String(record.type ?? '')} ${String(record.name ?? '')} → ${String(record.value ?? '')}${where}`.trim())
  }
  return lines.length > 0 ? lines : undefined
}

export function assess(snapshot: Snapshot, catalog: Catalog, options: AssessOptions = {}): Assessment {
  const constants = options.constants ?? resolveScoring()
  const resources: AssessedResource[] = new Array(snapshot.resources.length)
  const indexById = new Map<string, number>()
  // type + date → successor and notice; a handful of entries, so the report can name them per service.
  const retirements: Retirements = new Map()

  // Pass 1: mapping, base and gravity.
  for (let i = 0; i < snapshot.resources.length; i++) {
    const r = snapshot.resources[i]!
    // An empty attribute set still applies the rules for an unknown engine (the harder case).
    const mapping = catalog.lookup(r.type, r.attributes ?? {})
    const category = catalog.category(mapping.category)
    const info = catalog.provider(r.provider)
    const control: Control = mapping.vendor?.jurisdiction ?? info?.jurisdiction ?? 'unknown'
    const base = baseScore(mapping, constants)
    const gravity = gravityScore(mapping.stateful, r.sizeGiB, constants)
    const weight =
      mapping.matchedBy === 'unmapped'
        ? constants.unmappedCategoryWeight
        : (constants.categoryWeights[mapping.category] ?? category?.weight ?? constants.unmappedCategoryWeight)
    resources[i] = {
      id: r.id,
      provider: r.provider,
      type: mapping.type,
      name: r.name,
      account: r.account,
      region: r.region,
      country: catalog.countryOf(r.provider, r.region),
      control,
      exposure: exposureOf(control, mapping, info),
      category: mapping.category,
      portability: mapping.portability,
      matchedBy: mapping.matchedBy,
      refinedBy: mapping.refinedBy,
      ...(mapping.assumptions ? {assumptions: mapping.assumptions} : {}),
      ...(mapping.retiring ? {retiring: mapping.retiring} : {}),
      stateful: mapping.stateful,
      sizeGiB: r.sizeGiB,
      effort: mapping.effort,
      critical: category?.critical ?? false,
      weight,
      score: 0,
      breakdown: {base, gravity, coupling: 0, couplingFrom: []},
      tags: r.tags,
    }
    const evidence = evidenceOf(r.attributes)
    if (evidence) resources[i]!.evidence = evidence
    indexById.set(r.id, i)
    if (mapping.retiring)
      retirements.set(`${mapping.type}\u0000${mapping.retiring}`, {
        retiring: mapping.retiring,
        successor: mapping.successor,
        retirementNotice: mapping.retirementNotice,
      })
  }

  // Pass 2: every usage edge, declared or inferred from attributes, feeds coupling and dependsOn.
  for (const edge of options.edges ?? usageEdges(snapshot.resources)) {
    const from = indexById.get(edge.from)
    if (from === undefined || !indexById.has(edge.to)) continue
    const resource = resources[from]!
    if (resource.dependsOn) resource.dependsOn.push(edge.to)
    else resource.dependsOn = [edge.to]
  }
  for (const resource of resources) {
    if (resource.dependsOn) {
      const deps = resource.dependsOn.map((id) => {
        const dep = resources[indexById.get(id)!]!
        return {id: dep.id, base: dep.breakdown.base, portability: dep.portability}
      })
      Object.assign(resource.breakdown, couplingScore(resource.breakdown, deps, constants))
    }
    resource.score = round(totalScore(resource.breakdown))
    resource.breakdown.gravity = round(resource.breakdown.gravity)
    resource.breakdown.coupling = round(resource.breakdown.coupling)
  }

  return summarise(snapshot, catalog, resources, constants, options, retirements)
}

interface ServiceGroup {
  tally: Tally
  sample: AssessedResource
  sizeGiB: number
  unknownSize: number
  assumptions?: Set<string>
  /** The member retiring first, if any. */
  retiring?: AssessedResource
}

type Retirements = Map<string, {retiring: string; successor?: string; retirementNotice?: string}>

function summarise(
  snapshot: Snapshot,
  catalog: Catalog,
  resources: AssessedResource[],
  constants: ScoringConstants,
  options: AssessOptions,
  retirements: Retirements,
): Assessment {
  const overall = tally()
  const byProvider = new Map<string, Tally & {statefulGiB: number}>()
  const byCategory = new Map<string, Tally & {providers: Map<string, number>; counts: Map<string, number>}>()
  const byService = new Map<string, ServiceGroup>()
  const unmapped = new Map<string, {type: string; provider: string; count: number}>()
  const residency = new Map<string, {country: string; control: Control; count: number}>()
  const providerWeight = new Map<string, number>()
  let exposedWeight = 0
  let reachedWeight = 0
  let exposureBase = 0
  let unmappedWeight = 0
  let dataGiB = 0
  let unknownSizeCount = 0

  for (const r of resources) {
    add(overall, r.weight, r.score)
    const p = getOrCreate(byProvider, r.provider, () => ({...tally(), statefulGiB: 0}))
    add(p, r.weight, r.score)
    providerWeight.set(r.provider, (providerWeight.get(r.provider) ?? 0) + r.weight)

    const c = getOrCreate(byCategory, r.category, () => ({
      ...tally(),
      providers: new Map<string, number>(),
      counts: new Map<string, number>(),
    }))
    add(c, r.weight, r.score)
    c.providers.set(r.provider, (c.providers.get(r.provider) ?? 0) + r.weight)
    c.counts.set(r.provider, (c.counts.get(r.provider) ?? 0) + 1)

    const serviceKey = `${r.provider}\u0000${r.type}\u0000${r.portability}`
    const s = getOrCreate(byService, serviceKey, (): ServiceGroup => ({tally: tally(), sample: r, sizeGiB: 0, unknownSize: 0}))
    add(s.tally, r.weight, r.score)
    if (r.assumptions) {
      s.assumptions ??= new Set()
      for (const a of r.assumptions) s.assumptions.add(a)
    }
    if (r.retiring && (!s.retiring || r.retiring < s.retiring.retiring!)) s.retiring = r

    if (r.stateful) {
      if (r.sizeGiB === undefined) {
        unknownSizeCount++
        s.unknownSize++
      } else {
        dataGiB += r.sizeGiB
        p.statefulGiB += r.sizeGiB
        s.sizeGiB += r.sizeGiB
      }
    }
    if (r.stateful || r.critical) {
      exposureBase += r.weight
      if (r.exposure === 'foreign-control' || r.exposure === 'unknown') exposedWeight += r.weight
      else if (r.exposure === 'foreign-reach') reachedWeight += r.weight
    }
    if (r.matchedBy === 'unmapped') {
      unmappedWeight += r.weight
      const key = `${r.provider}\u0000${r.type}`
      const u = unmapped.get(key)
      if (u) u.count++
      else unmapped.set(key, {type: r.type, provider: r.provider, count: 1})
    }
    const residencyKey = `${r.country ?? 'unknown'}\u0000${r.control}`
    const place = residency.get(residencyKey)
    if (place) place.count++
    else residency.set(residencyKey, {country: r.country ?? 'unknown', control: r.control, count: 1})
  }

  const lockInIndex = mean(overall)
  const control = concentrationByControl(aggregateHolders(resources), catalog)
  const overallConcentration = estateConcentration(control)
  const jurisdictionExposure =
    exposureBase > 0 ? (exposedWeight + constants.foreignReachWeight * reachedWeight) / exposureBase : 0
  const foreignReachShare = exposureBase > 0 ? reachedWeight / exposureBase : 0
  const unmappedShare = overall.weight > 0 ? unmappedWeight / overall.weight : 0
  const w = constants.readinessWeights
  const deductions = {
    lockIn: w.lockIn * lockInIndex,
    concentration: w.concentration * (overallConcentration.hhi / 100),
    jurisdiction: w.jurisdiction * jurisdictionExposure * 100,
    unmapped: w.unmapped * unmappedShare * 100,
  }
  const readiness = Math.max(
    0,
    100 - deductions.lockIn - deductions.concentration - deductions.jurisdiction - deductions.unmapped,
  )
  const totalWeightedScore = overall.weightedScore || 1

  const services: ServiceSummary[] = [...byService.values()]
    .map(({tally: t, sample, sizeGiB, unknownSize, assumptions, retiring}) => {
      const mapping = catalog.lookup(sample.type)
      // The earliest retirement among its resources (a refine rule may retire one tier only).
      const lifecycle = retiring ? retirements.get(`${retiring.type}\u0000${retiring.retiring}`) : undefined
      return {
        type: sample.type,
        provider: sample.provider,
        title: mapping.title,
        count: t.count,
        category: sample.category,
        portability: sample.portability,
        matchedBy: sample.matchedBy,
        meanScore: round(mean(t)),
        lockInContribution: round(t.weightedScore / totalWeightedScore, 4),
        stateful: sample.stateful,
        sizeGiB: round(sizeGiB, 2),
        unknownSize,
        speaks: mapping.speaks,
        target: mapping.target,
        standard: mapping.target,
        equivalents: mapping.equivalents,
        european: mapping.european,
        effort: mapping.effort,
        exit: mapping.exit,
        exitSteps: mapping.exitSteps,
        ...(assumptions ? {assumptions: [...assumptions].sort()} : {}),
        ...(lifecycle ?? {}),
      }
    })
    .sort((a, b) => b.lockInContribution - a.lockInContribution || a.type.localeCompare(b.type))

  const egressEstimates = [...byProvider.entries()]
    .map(([provider, p]) => {
      const price = catalog.egress.providers[provider]
      let unknownSize = 0
      for (const s of byService.values()) if (s.sample.provider === provider) unknownSize += s.unknownSize
      return {
        provider,
        statefulGiB: round(p.statefulGiB, 2),
        unknownSize,
        cost: price ? round(egressCost(p.statefulGiB, price), 2) : undefined,
        currency: price?.currency,
        priceNote: price ? price.note : 'No list price in the catalog for this provider.',
      }
    })
    .sort((a, b) => b.statefulGiB - a.statefulGiB)

  return {
    schema: ASSESSMENT_SCHEMA_ID,
    createdAt: (options.now ?? new Date()).toISOString(),
    generator: {name: 'exitready', version: options.version ?? '0.0.0'},
    inputs: options.inputs ?? [],
    constants,
    summary: {
      grade: gradeFor(readiness, constants.gradeThresholds),
      readiness: round(readiness),
      deductions: {
        lockIn: round(deductions.lockIn),
        concentration: round(deductions.concentration),
        jurisdiction: round(deductions.jurisdiction),
        unmapped: round(deductions.unmapped),
      },
      resourceCount: resources.length,
      lockInIndex: round(lockInIndex),
      concentration: overallConcentration,
      jurisdictionExposure: round(jurisdictionExposure, 4),
      foreignReachShare: round(foreignReachShare, 4),
      unmappedShare: round(unmappedShare, 4),
      dataGiB: round(dataGiB, 2),
      unknownSizeCount,
    },
    providers: [...byProvider.entries()]
      .map(([provider, p]) => {
        const info = catalog.provider(provider)
        return {
          provider,
          name: info?.name ?? provider,
          control: info?.jurisdiction ?? ('unknown' as const),
          parent: info ? `${info.ultimateParent} (${info.parentCountry})` : undefined,
          extraterritorial: info?.extraterritorial ?? [],
          ...(info?.foreignAccessVia?.length
            ? {foreignAccessVia: info.foreignAccessVia.map(({via, country, kind}) => ({via, country, kind}))}
            : {}),
          count: p.count,
          share: round((providerWeight.get(provider) ?? 0) / (overall.weight || 1), 4),
          lockInIndex: round(mean(p)),
          statefulGiB: round(p.statefulGiB, 2),
        }
      })
      .sort((a, b) => b.count - a.count || a.provider.localeCompare(b.provider)),
    categories: [...byCategory.entries()]
      .map(([category, c]) => {
        const info = catalog.category(category)
        return {
          category,
          title: info?.title ?? (category === 'unmapped' ? 'Unmapped types' : category),
          critical: info?.critical ?? false,
          count: c.count,
          lockInIndex: round(mean(c)),
          concentration: concentration(c.providers),
          byProvider: Object.fromEntries(c.counts),
        }
      })
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    services,
    residency: [...residency.values()].sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
    egress: {
      pricesAsOf: catalog.egress.asOf,
      ...(catalog.egress.dataAct ? {dataAct: catalog.egress.dataAct} : {}),
      estimates: egressEstimates,
    },
    unmapped: [...unmapped.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    sources: snapshot.sources,
    resources,
    // Added after the oracle was taken (issue #16): the same call, so the comparison covers the rest.
    concentrationByControl: control,
  }
}
