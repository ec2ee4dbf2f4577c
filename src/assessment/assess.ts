import type {Catalog, Mapping} from '../catalog/catalog.js'
import type {ProviderInfo} from '../catalog/schema.js'
import {type UsageLinks, usageLinks} from '../inventory/links.js'
import type {Snapshot} from '../inventory/model.js'
import {aggregateHolders, concentrationByControl, estateConcentration} from './concentration.js'
import {resolveScoring, type ScoringConstants} from './constants.js'
import {egressCost} from './egress.js'
import {
  ASSESSMENT_SCHEMA_ID,
  type AssessedResource,
  type Assessment,
  type Control,
  type Exposure,
  type ServiceSummary,
} from './schema.js'
import {baseScore, type CouplingInput, couplingScore, gradeFor, gravityScore, hhi, round, totalScore} from './score.js'

export interface AssessOptions {
  constants?: ScoringConstants
  inputs?: string[]
  now?: Date
  version?: string
  /** Usage links (declared and inferred) over the snapshot's resources; computed from the snapshot when not given. */
  links?: UsageLinks
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

/**
 * What every resource of one (provider, region, type, attributes that matter) shares: its mapping
 * and everything derived from it. Estates repeat a few thousand such combinations, so assessing a
 * million resources resolves each once; the summary slots let `summarise` add numbers by index
 * instead of looking up maps by string per resource.
 */
interface Profile {
  mapping: Mapping
  control: Control
  exposure: Exposure
  country: string | undefined
  base: number
  weight: number
  critical: boolean
  provider: number
  category: number
  categoryProvider: number
  service: number
  residency: number
  unmapped: number
}

/** Interns keys to dense slot numbers in first-seen order (the order the summaries list them before sorting). */
class Slots<T> {
  readonly byKey = new Map<string, number>()
  readonly items: T[] = []
  slot(key: string, create: () => T): number {
    let slot = this.byKey.get(key)
    if (slot === undefined) {
      slot = this.items.length
      this.items.push(create())
      this.byKey.set(key, slot)
    }
    return slot
  }
}

interface ProviderGroup extends Tally {
  provider: string
  statefulGiB: number
}
interface CategoryGroup extends Tally {
  category: string
  /** Provider → slot in `categoryProviders`, in first-seen order. */
  providers: Map<string, number>
}
interface CategoryProviderGroup {
  weight: number
  count: number
}
interface ResidencyGroup {
  country: string
  control: Control
  count: number
}
interface UnmappedGroup {
  type: string
  provider: string
  count: number
}

interface Summaries {
  providers: Slots<ProviderGroup>
  categories: Slots<CategoryGroup>
  categoryProviders: CategoryProviderGroup[]
  services: Slots<ServiceGroup>
  residency: Slots<ResidencyGroup>
  unmapped: Slots<UnmappedGroup>
}

export function assess(snapshot: Snapshot, catalog: Catalog, options: AssessOptions = {}): Assessment {
  const constants = options.constants ?? resolveScoring()
  const resources: AssessedResource[] = new Array(snapshot.resources.length)
  const profileOf = new Int32Array(snapshot.resources.length)
  // type + date → successor and notice; a handful of entries, so the report can name them per service.
  const retirements: Retirements = new Map()
  const profiles: Profile[] = []
  const summaries: Summaries = {
    providers: new Slots(),
    categories: new Slots(),
    categoryProviders: [],
    services: new Slots(),
    residency: new Slots(),
    unmapped: new Slots(),
  }
  const EMPTY: Record<string, unknown> = {}

  // type → provider → region (→ attributes, for the types whose mapping reads them) → profile. Nested
  // maps of the short strings cost less than hashing one concatenated key per resource.
  const byType = new Map<string, {reads: boolean; byProvider: Map<string, Map<string, number | Map<string, number>>>}>()
  const profileFor = (provider: string, region: string | undefined, type: string, attributes: Record<string, unknown>) => {
    let typeNode = byType.get(type)
    if (typeNode === undefined) {
      typeNode = {reads: catalog.readsAttributes(type), byProvider: new Map()}
      byType.set(type, typeNode)
    }
    let byRegion = typeNode.byProvider.get(provider)
    if (byRegion === undefined) {
      byRegion = new Map()
      typeNode.byProvider.set(provider, byRegion)
    }
    const regionKey = region ?? ''
    let slot = byRegion.get(regionKey)
    const create = () => {
      profiles.push(newProfile(catalog, constants, summaries, provider, region, type, attributes, retirements))
      return profiles.length - 1
    }
    if (!typeNode.reads) {
      if (slot === undefined) {
        slot = create()
        byRegion.set(regionKey, slot)
      }
      return slot as number
    }
    // An empty attribute set still applies the rules for an unknown engine (the harder case).
    let byAttributes = slot as Map<string, number> | undefined
    if (byAttributes === undefined) {
      byAttributes = new Map()
      byRegion.set(regionKey, byAttributes)
    }
    const key = JSON.stringify(attributes)
    let p = byAttributes.get(key)
    if (p === undefined) {
      p = create()
      byAttributes.set(key, p)
    }
    return p
  }

  // Pass 1: mapping (once per profile), base and gravity.
  for (let i = 0; i < snapshot.resources.length; i++) {
    const r = snapshot.resources[i]!
    const p = profileFor(r.provider, r.region, r.type, r.attributes ?? EMPTY)
    profileOf[i] = p
    const profile = profiles[p]!
    const mapping = profile.mapping
    const gravity = gravityScore(mapping.stateful, r.sizeGiB, constants)
    const breakdown = {base: profile.base, gravity, coupling: 0, couplingFrom: [] as string[]}
    // One object shape for every resource: absent assumptions and retirements are undefined, which JSON leaves out.
    resources[i] = {
      id: r.id,
      provider: r.provider,
      type: mapping.type,
      name: r.name,
      account: r.account,
      region: r.region,
      country: profile.country,
      control: profile.control,
      exposure: profile.exposure,
      category: mapping.category,
      portability: mapping.portability,
      matchedBy: mapping.matchedBy,
      refinedBy: mapping.refinedBy,
      assumptions: mapping.assumptions,
      retiring: mapping.retiring,
      stateful: mapping.stateful,
      sizeGiB: r.sizeGiB,
      effort: mapping.effort,
      critical: profile.critical,
      weight: profile.weight,
      score: 0,
      breakdown,
      tags: r.tags,
    }
    if (r.attributes?.evidence !== undefined) {
      const evidence = evidenceOf(r.attributes)
      if (evidence) resources[i]!.evidence = evidence
    }
  }

  // Pass 2: every usage link, declared or inferred from attributes, feeds coupling and dependsOn.
  const links = options.links ?? usageLinks(snapshot.resources)
  const dependsOn: (number[] | undefined)[] = new Array(resources.length)
  for (let k = 0; k < links.length; k++) {
    const from = links.from[k]!
    const to = links.to[k]!
    const list = dependsOn[from]
    if (list) list.push(to)
    else dependsOn[from] = [to]
    const resource = resources[from]!
    if (resource.dependsOn) resource.dependsOn.push(links.ids[to]!)
    else resource.dependsOn = [links.ids[to]!]
  }
  for (let i = 0; i < resources.length; i++) {
    const resource = resources[i]!
    const breakdown = resource.breakdown
    const uses = dependsOn[i]
    if (uses) {
      // Only a more locked-in proprietary or captive dependency couples; most have none, so nothing is allocated for them.
      let causes: CouplingInput[] | undefined
      for (const to of uses) {
        const dep = resources[to]!
        if ((dep.portability === 'proprietary' || dep.portability === 'captive') && dep.breakdown.base > breakdown.base) {
          causes ??= []
          causes.push({id: dep.id, base: dep.breakdown.base, portability: dep.portability})
        }
      }
      if (causes) {
        const coupling = couplingScore(breakdown, causes, constants)
        breakdown.coupling = coupling.coupling
        breakdown.couplingFrom = coupling.couplingFrom
      }
    }
    resource.score = round(totalScore(breakdown))
    breakdown.gravity = round(breakdown.gravity)
    breakdown.coupling = round(breakdown.coupling)
  }

  return summarise(snapshot, catalog, resources, profiles, profileOf, summaries, constants, options, retirements)
}

/** Resolves one profile: the catalog lookup and everything derived from it, and its summary slots. */
function newProfile(
  catalog: Catalog,
  constants: ScoringConstants,
  summaries: Summaries,
  provider: string,
  region: string | undefined,
  type: string,
  attributes: Record<string, unknown>,
  retirements: Retirements,
): Profile {
  const mapping = catalog.lookup(type, attributes)
  const category = catalog.category(mapping.category)
  const info = catalog.provider(provider)
  const control: Control = mapping.vendor?.jurisdiction ?? info?.jurisdiction ?? 'unknown'
  const country = catalog.countryOf(provider, region)
  const weight =
    mapping.matchedBy === 'unmapped'
      ? constants.unmappedCategoryWeight
      : (constants.categoryWeights[mapping.category] ?? category?.weight ?? constants.unmappedCategoryWeight)
  if (mapping.retiring)
    retirements.set(`${mapping.type}\u0000${mapping.retiring}`, {
      retiring: mapping.retiring,
      successor: mapping.successor,
      retirementNotice: mapping.retirementNotice,
    })
  const categorySlot = summaries.categories.slot(mapping.category, () => ({
    ...tally(),
    category: mapping.category,
    providers: new Map(),
  }))
  const categoryGroup = summaries.categories.items[categorySlot]!
  let categoryProvider = categoryGroup.providers.get(provider)
  if (categoryProvider === undefined) {
    categoryProvider = summaries.categoryProviders.length
    summaries.categoryProviders.push({weight: 0, count: 0})
    categoryGroup.providers.set(provider, categoryProvider)
  }
  const serviceSlot = summaries.services.slot(
    `${provider}\u0000${mapping.type}\u0000${mapping.portability}`,
    (): ServiceGroup => ({
      tally: tally(),
      provider,
      type: mapping.type,
      category: mapping.category,
      portability: mapping.portability,
      matchedBy: mapping.matchedBy,
      stateful: mapping.stateful,
      sizeGiB: 0,
      unknownSize: 0,
    }),
  )
  const service = summaries.services.items[serviceSlot]!
  if (mapping.assumptions) {
    service.assumptions ??= new Set()
    for (const a of mapping.assumptions) service.assumptions.add(a)
  }
  // The member retiring first (a refine rule may retire one tier only); the first seen wins a tie.
  if (mapping.retiring && (!service.retiring || mapping.retiring < service.retiring.retiring))
    service.retiring = {type: mapping.type, retiring: mapping.retiring}
  return {
    mapping,
    control,
    exposure: exposureOf(control, mapping, info),
    country,
    base: baseScore(mapping, constants),
    weight,
    critical: category?.critical ?? false,
    provider: summaries.providers.slot(provider, () => ({...tally(), provider, statefulGiB: 0})),
    category: categorySlot,
    categoryProvider,
    service: serviceSlot,
    residency: summaries.residency.slot(`${country ?? 'unknown'}\u0000${control}`, () => ({
      country: country ?? 'unknown',
      control,
      count: 0,
    })),
    unmapped:
      mapping.matchedBy === 'unmapped'
        ? summaries.unmapped.slot(`${provider}\u0000${mapping.type}`, () => ({type: mapping.type, provider, count: 0}))
        : -1,
  }
}

interface ServiceGroup {
  tally: Tally
  provider: string
  type: string
  category: string
  portability: AssessedResource['portability']
  matchedBy: AssessedResource['matchedBy']
  stateful: boolean
  sizeGiB: number
  unknownSize: number
  assumptions?: Set<string>
  /** The member retiring first, if any. */
  retiring?: {type: string; retiring: string}
}

type Retirements = Map<string, {retiring: string; successor?: string; retirementNotice?: string}>

function summarise(
  snapshot: Snapshot,
  catalog: Catalog,
  resources: AssessedResource[],
  profiles: Profile[],
  profileOf: Int32Array,
  summaries: Summaries,
  constants: ScoringConstants,
  options: AssessOptions,
  retirements: Retirements,
): Assessment {
  const overall = tally()
  const providerGroups = summaries.providers.items
  const categoryGroups = summaries.categories.items
  const serviceGroups = summaries.services.items
  let exposedWeight = 0
  let reachedWeight = 0
  let exposureBase = 0
  let unmappedWeight = 0
  let dataGiB = 0
  let unknownSizeCount = 0

  // Every sum adds the resources in snapshot order, as a per-resource pass would: the figures are exact to the last bit.
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!
    const profile = profiles[profileOf[i]!]!
    add(overall, r.weight, r.score)
    const p = providerGroups[profile.provider]!
    add(p, r.weight, r.score)
    add(categoryGroups[profile.category]!, r.weight, r.score)
    const cp = summaries.categoryProviders[profile.categoryProvider]!
    cp.weight += r.weight
    cp.count++
    const s = serviceGroups[profile.service]!
    add(s.tally, r.weight, r.score)
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
    if (profile.unmapped >= 0) {
      unmappedWeight += r.weight
      summaries.unmapped.items[profile.unmapped]!.count++
    }
    summaries.residency.items[profile.residency]!.count++
  }
  const providerWeight = new Map(providerGroups.map((p) => [p.provider, p.weight]))
  const byProvider = new Map(providerGroups.map((p) => [p.provider, p]))

  const lockInIndex = mean(overall)
  // The grade counts concentration by who controls (SaaS vendors apart, a group's providers together).
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

  const services: ServiceSummary[] = serviceGroups
    .map((sample) => {
      const {tally: t, sizeGiB, unknownSize, assumptions, retiring} = sample
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
      for (const s of serviceGroups) if (s.provider === provider) unknownSize += s.unknownSize
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
    categories: categoryGroups
      .map((c) => {
        const category = c.category
        const info = catalog.category(category)
        return {
          category,
          title: info?.title ?? (category === 'unmapped' ? 'Unmapped types' : category),
          critical: info?.critical ?? false,
          count: c.count,
          lockInIndex: round(mean(c)),
          concentration: concentration(
            new Map([...c.providers].map(([provider, slot]) => [provider, summaries.categoryProviders[slot]!.weight])),
          ),
          byProvider: Object.fromEntries(
            [...c.providers].map(([provider, slot]) => [provider, summaries.categoryProviders[slot]!.count]),
          ),
        }
      })
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    services,
    residency: [...summaries.residency.items].sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
    egress: {
      pricesAsOf: catalog.egress.asOf,
      ...(catalog.egress.dataAct ? {dataAct: catalog.egress.dataAct} : {}),
      estimates: egressEstimates,
    },
    unmapped: [...summaries.unmapped.items].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    sources: snapshot.sources,
    resources,
    concentrationByControl: control,
  }
}
