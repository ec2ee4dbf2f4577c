import type {AssessedResource, Assessment, ServiceSummary} from '../assessment/schema.js'
import type {Catalog} from '../catalog/catalog.js'
import type {Arrangement, ArrangementProvider, ArrangementsFile, BusinessFunction, CodeType, ServiceType} from './arrangements.js'
import {B99_KEYS} from './arrangements.js'
import type {CoveredService, JoinResult} from './join.js'
import {COUNTRIES, COUNTRY_NOT_APPLICABLE} from './lists.js'
import type {TemplateId} from './templates.js'

/**
 * Where a value comes from: `supplied` (the arrangements file), `derived` (computed from supplied
 * or technical data without judgement), `proposed` (exitready's judgement from the catalog and the
 * inventory: the user confirms it by writing it into the arrangements file), `default` (the value the
 * instructions prescribe when nothing is given, e.g. 9999-12-31).
 */
export type CellSource = 'supplied' | 'derived' | 'proposed' | 'default'

export interface Cell {
  value: string
  source: CellSource
  /** What the value was made from, for derived, proposed and default values. */
  from?: string
  /** Where in the arrangements file the user supplies or confirms it. */
  field?: string
}

export type Row = Record<string, Cell | undefined>

export interface Register {
  tables: Map<TemplateId, Row[]>
  /** Findings made while building (not column checks): coverage, currencies, unknown countries. */
  notes: {
    severity: 'error' | 'warning'
    template?: TemplateId
    column?: string
    /** 1-based data row, as in the validation's problems. */
    row?: number
    key?: string
    message: string
    field?: string
  }[]
  /** The package parameters. */
  entityId: string
  refPeriod: string
  baseCurrency: string
  reportingDate: string
}

export const DATE_NOT_APPLICABLE = '9999-12-31'
export const PROPOSED = 'proposed by exitready'

const CODE_TYPE_QNAMES: Record<CodeType, string> = {
  lei: 'eba_qCO:qx2000',
  national: 'eba_qCO:qx2001',
  euid: 'eba_qCO:qx2002',
  crn: 'eba_qCO:qx2003',
  vat: 'eba_qCO:qx2004',
  passport: 'eba_qCO:qx2005',
}
const ARRANGEMENT_TYPES = {standalone: 'eba_CO:x1', overarching: 'eba_CO:x2', subsequent: 'eba_CO:x3'} as const
const TERMINATION = {
  expired: 'eba_CO:x4',
  breach: 'eba_CO:x5',
  impediment: 'eba_CO:x6',
  'data-security': 'eba_CO:x7',
  authority: 'eba_CO:x8',
  other: 'eba_CO:x9',
} as const
const HIERARCHY = {
  'ultimate-parent': 'eba_RP:x53',
  parent: 'eba_RP:x551',
  subsidiary: 'eba_RP:x56',
  other: 'eba_RP:x21',
  outsourcing: 'eba_RP:x210',
} as const
const YES_NO_NA = {yes: 'eba_BT:x28', no: 'eba_BT:x29', 'not-assessed': 'eba_BT:x21'} as const
const IMPACT = {low: 'eba_ZZ:x791', medium: 'eba_ZZ:x792', high: 'eba_ZZ:x793', 'not-assessed': 'eba_ZZ:x799'} as const
const SENSITIVITY = {low: 'eba_ZZ:x791', medium: 'eba_ZZ:x792', high: 'eba_ZZ:x793'} as const
const RELIANCE = {'not-significant': 'eba_ZZ:x794', low: 'eba_ZZ:x795', material: 'eba_ZZ:x796', full: 'eba_ZZ:x797'} as const
const SUBSTITUTABILITY = {
  'not-substitutable': 'eba_ZZ:x959',
  'highly-complex': 'eba_ZZ:x960',
  medium: 'eba_ZZ:x961',
  easy: 'eba_ZZ:x962',
} as const
const REASON = {'no-alternatives': 'eba_ZZ:x963', 'difficult-migration': 'eba_ZZ:x964', both: 'eba_ZZ:x965'} as const
const REINTEGRATION = {
  easy: 'eba_ZZ:x798',
  difficult: 'eba_ZZ:x966',
  'highly-complex': 'eba_ZZ:x967',
  'not-applicable': 'eba_ZZ:x0',
} as const

/** Portability class → B_07.01 c0050 (reference §7.1): the harder the exit, the less substitutable. */
const SUBSTITUTABILITY_OF_CLASS: Record<string, keyof typeof SUBSTITUTABILITY | undefined> = {
  portable: 'easy',
  compatible: 'medium',
  proprietary: 'highly-complex',
  captive: 'not-substitutable',
}
const CLASS_ORDER = ['portable', 'compatible', 'proprietary', 'captive']
const EFFORT_ORDER = ['S', 'M', 'L', 'XL']

/** Categories proposed as IaaS (S17); SaaS providers are S19, every other category PaaS (S18). A judgement. */
const IAAS_CATEGORIES = new Set([
  'compute-vm',
  'block-storage',
  'file-storage',
  'object-storage',
  'network',
  'load-balancer',
  'firewall',
  'dns',
  'backup',
])

export function proposedServiceType(r: AssessedResource): ServiceType {
  if (r.provider === 'saas' || r.type.startsWith('saas:')) return 'S19'
  return IAAS_CATEGORIES.has(r.category) ? 'S17' : 'S18'
}

const supplied = (value: string | number | undefined, field: string): Cell | undefined =>
  value === undefined ? undefined : {value: String(value), source: 'supplied', field}
const derived = (value: string | number, from: string, field?: string): Cell => ({
  value: String(value),
  source: 'derived',
  from,
  field,
})
const proposed = (value: string, from: string, field: string): Cell => ({value, source: 'proposed', from, field})
const byDefault = (value: string, from: string, field?: string): Cell => ({value, source: 'default', from, field})
/** An empty cell that says where the user supplies the value. */
const missing = (field: string): Cell => ({value: '', source: 'supplied', field})

interface ProviderIdentity {
  key: string
  code?: string
  codeType: string
  provider: ArrangementProvider
}

/** One ICT service type of one arrangement with its resources. */
interface ServiceGroup {
  arrangement: Arrangement
  type: ServiceType
  typeCell: Cell
  resources: AssessedResource[]
  storesData?: boolean
  sensitivity?: 'low' | 'medium' | 'high'
  reliance?: keyof typeof RELIANCE
  locations?: {country: string; storesData: boolean}[]
  field: string
}

function groupServices(file: ArrangementsFile, join: JoinResult): ServiceGroup[] {
  const groups = new Map<string, ServiceGroup>()
  const at = (a: Arrangement) => `arrangements[${file.arrangements.indexOf(a)}]`
  const add = (s: CoveredService, type: ServiceType, typeCell: Cell, resources: AssessedResource[]) => {
    const spec = s.arrangement.services[s.index]!
    const key = `${s.arrangement.reference}\u0000${type}`
    const group = groups.get(key)
    if (group) {
      for (const r of resources) group.resources.push(r)
      return
    }
    groups.set(key, {
      arrangement: s.arrangement,
      type,
      typeCell,
      resources: resources.slice(),
      storesData: spec.storesData,
      sensitivity: spec.dataSensitivity,
      reliance: spec.reliance,
      locations: spec.locations,
      field: `${at(s.arrangement)}.services[${s.index}]`,
    })
  }
  for (const s of join.services) {
    const spec = s.arrangement.services[s.index]!
    const field = `${at(s.arrangement)}.services[${s.index}].type`
    if (spec.type) {
      add(s, spec.type, supplied(`eba_TA:${spec.type}`, field)!, s.resources)
      continue
    }
    const byType = new Map<ServiceType, AssessedResource[]>()
    for (const r of s.resources) {
      const type = proposedServiceType(r)
      const list = byType.get(type)
      if (list) list.push(r)
      else byType.set(type, [r])
    }
    if (byType.size === 0) continue
    for (const [type, resources] of byType)
      add(s, type, proposed(`eba_TA:${type}`, `resource categories (${categoriesOf(resources)})`, field), resources)
  }
  return [...groups.values()]
}

function categoriesOf(resources: readonly AssessedResource[]): string {
  const set = new Set<string>()
  for (const r of resources) set.add(r.category)
  const list = [...set].sort()
  return list.length > 4 ? `${list.slice(0, 4).join(', ')} and ${list.length - 4} more` : list.join(', ')
}

/** Per ISO country (known to the taxonomy) its regions and those holding stateful resources, in one pass; and regions without a country. */
interface Locations {
  countries: Map<string, {regions: Set<string>; statefulRegions: Set<string>}>
  unknown: Set<string>
}

function locationsOf(resources: readonly AssessedResource[]): Locations {
  const countries: Locations['countries'] = new Map()
  const unknown = new Set<string>()
  for (const r of resources) {
    if (r.country && COUNTRIES.has(r.country)) {
      let entry = countries.get(r.country)
      if (!entry) {
        entry = {regions: new Set(), statefulRegions: new Set()}
        countries.set(r.country, entry)
      }
      const region = r.region ?? r.country
      entry.regions.add(region)
      if (r.stateful) entry.statefulRegions.add(region)
    } else if (r.region && r.region !== 'global') unknown.add(`${r.provider}/${r.region}`)
  }
  return {countries, unknown}
}

/** "eu-central-1, eu-central-2 (DE)": at most five regions named. */
function regionList(regions: ReadonlySet<string>, country: string): string {
  const list = [...regions].sort()
  return `${list.slice(0, 5).join(', ')}${list.length > 5 ? ` and ${list.length - 5} more` : ''} (${country})`
}

function worst<T extends string>(values: Iterable<T | undefined>, order: readonly string[]): T | undefined {
  let result: T | undefined
  for (const v of values) if (v !== undefined && order.indexOf(v) > order.indexOf(result ?? '')) result = v
  return result
}

export type Substitutability = keyof typeof SUBSTITUTABILITY

/**
 * B_07.01 c0050 as exitready proposes it: from the hardest portability class among the resources
 * (unmapped ones not counted); undefined when none is mapped. The register and the exit-plan checks share it.
 */
export function proposedSubstitutability(resources: readonly AssessedResource[]): {
  value?: Substitutability
  worstClass?: string
  unmapped: number
} {
  const classes = resources.map((r) => r.portability).filter((c) => c !== 'unmapped')
  const worstClass = worst(classes, CLASS_ORDER)
  return {
    value: worstClass ? SUBSTITUTABILITY_OF_CLASS[worstClass] : undefined,
    worstClass,
    unmapped: resources.length - classes.length,
  }
}

export interface BuildOptions {
  now: Date
}

/** Builds every written template from the arrangements, the joined resources and the catalog. */
export function buildRegister(
  file: ArrangementsFile,
  join: JoinResult,
  assessment: Assessment,
  catalog: Catalog,
  options: BuildOptions,
): Register {
  const notes: Register['notes'] = []
  const entity = file.entity
  const reportingDate = file.register.reportingDate ?? options.now.toISOString().slice(0, 10)
  const base = file.register.baseCurrency
  const lei = (field: string) => supplied(entity.lei, field)!
  const tables = new Map<TemplateId, Row[]>()

  tables.set('B_01.01', [
    {
      c0010: lei('entity.lei'),
      c0020: supplied(entity.name, 'entity.name'),
      c0030: supplied(`eba_GA:${entity.country}`, 'entity.country'),
      c0040: supplied(`eba_CT:${entity.type}`, 'entity.type'),
      c0050: supplied(entity.competentAuthority, 'entity.competentAuthority') ?? missing('entity.competentAuthority'),
      c0060: file.register.reportingDate
        ? supplied(reportingDate, 'register.reportingDate')
        : derived(reportingDate, 'the day the register was written', 'register.reportingDate'),
    },
  ])
  tables.set('B_01.02', [
    {
      c0010: lei('entity.lei'),
      c0020: supplied(entity.name, 'entity.name'),
      c0030: supplied(`eba_GA:${entity.country}`, 'entity.country'),
      c0040: supplied(`eba_CT:${entity.type}`, 'entity.type'),
      c0050: supplied(HIERARCHY[entity.hierarchy], 'entity.hierarchy'),
      c0060: supplied(entity.parentLei, 'entity.parentLei') ?? missing('entity.parentLei'),
      c0070:
        supplied(entity.lastUpdated, 'entity.lastUpdated') ?? derived(reportingDate, 'the reporting date', 'entity.lastUpdated'),
      c0080: supplied(entity.integratedOn, 'entity.integratedOn') ?? missing('entity.integratedOn'),
      c0090: byDefault(DATE_NOT_APPLICABLE, 'not deleted from the register'),
      c0100: entity.totalAssets === undefined ? undefined : derived(`eba_CU:${base}`, 'register.baseCurrency'),
      c0110: supplied(entity.totalAssets, 'entity.totalAssets') ?? missing('entity.totalAssets'),
    },
  ])

  // Providers: direct ones, their subcontractors and their ultimate parents, each once by code.
  const identity = (key: string): ProviderIdentity => {
    const provider = file.providers[key]!
    return {key, code: provider.code, codeType: CODE_TYPE_QNAMES[provider.codeType], provider}
  }
  const codeCell = (p: ProviderIdentity): Cell =>
    supplied(p.code, `providers.${p.key}.code`) ?? missing(`providers.${p.key}.code`)
  const typeCell = (p: ProviderIdentity): Cell => supplied(p.codeType, `providers.${p.key}.codeType`)!

  const functions = new Map(file.functions.map((f) => [f.id, f]))
  const supportsCritical = (a: Arrangement) => a.functions.some((id) => functions.get(id)?.critical === 'yes')
  const at = (a: Arrangement) => `arrangements[${file.arrangements.indexOf(a)}]`

  tables.set(
    'B_02.01',
    file.arrangements.map((a) => {
      const cost = a.annualCost
      if (cost && cost.currency !== base)
        notes.push({
          severity: 'warning',
          template: 'B_02.01',
          message: `${a.reference}: the annual cost is in ${cost.currency}, the base currency is ${base}; monetary facts take their unit from the base currency, so convert the amount.`,
          field: `${at(a)}.annualCost`,
        })
      return {
        c0010: supplied(a.reference, `${at(a)}.reference`),
        c0020: supplied(ARRANGEMENT_TYPES[a.type], `${at(a)}.type`),
        c0030: supplied(a.overarching, `${at(a)}.overarching`),
        c0040: cost ? supplied(`eba_CU:${cost.currency}`, `${at(a)}.annualCost.currency`) : missing(`${at(a)}.annualCost`),
        c0050: cost ? supplied(cost.amount, `${at(a)}.annualCost.amount`) : missing(`${at(a)}.annualCost`),
      }
    }),
  )

  const groups = groupServices(file, join)
  for (const a of file.arrangements)
    if (!groups.some((g) => g.arrangement === a))
      notes.push({
        severity: 'warning',
        template: 'B_02.02',
        message: `${a.reference}: its selectors match no resource, so exitready cannot say what type of ICT service it is or where it runs; give each service a type.`,
        field: `${at(a)}.services`,
      })

  const rows0202: Row[] = []
  for (const g of groups) {
    const a = g.arrangement
    const p = identity(a.provider)
    const critical = supportsCritical(a)
    const locations = locationsOf(g.resources)
    // Its rows start at the next one; the locations it lacks are those of c0130, c0150 and c0160.
    if (!g.locations)
      for (const region of locations.unknown)
        notes.push({
          severity: 'warning',
          template: 'B_02.02',
          column: 'c0130, c0150, c0160',
          row: rows0202.length + 1,
          key: a.reference,
          message: `${a.reference}: region ${region} has no single country in the catalog (a multi-country location?); name the service's countries in locations.`,
          field: `${g.field}.locations`,
        })
    const storesData = g.storesData ?? g.resources.some((r) => r.stateful)
    const storageCell =
      g.storesData === undefined
        ? proposed(
            storesData ? 'eba_BT:x28' : 'eba_BT:x29',
            storesData ? 'stateful resources in scope' : 'no stateful resource in scope',
            `${g.field}.storesData`,
          )
        : supplied(storesData ? 'eba_BT:x28' : 'eba_BT:x29', `${g.field}.storesData`)
    const countries = g.locations
      ? [...new Set(g.locations.map((l) => l.country))]
      : locations.countries.size > 0
        ? [...locations.countries.keys()].sort()
        : [COUNTRY_NOT_APPLICABLE]
    for (const fn of a.functions)
      for (const country of countries) {
        const given = g.locations?.filter((l) => l.country === country)
        const locationCells = given
          ? {
              c0130: supplied(`eba_GA:${country}`, `${g.field}.locations`),
              c0150: given.some((l) => l.storesData)
                ? supplied(`eba_GA:${country}`, `${g.field}.locations`)
                : byDefault(`eba_GA:${COUNTRY_NOT_APPLICABLE}`, `no data at rest in ${country}`, `${g.field}.locations`),
              c0160: supplied(`eba_GA:${country}`, `${g.field}.locations`),
            }
          : undefined
        const here = locations.countries.get(country)
        const known = here !== undefined
        const regions = here ? regionList(here.regions, country) : ''
        const storedHere = here !== undefined && here.statefulRegions.size > 0
        rows0202.push({
          c0010: supplied(a.reference, `${at(a)}.reference`),
          c0020: lei('entity.lei'),
          c0030: codeCell(p),
          c0040: typeCell(p),
          c0050: supplied(fn, `${at(a)}.functions`),
          c0060: g.typeCell,
          c0070: supplied(a.start, `${at(a)}.start`),
          c0080: supplied(a.end, `${at(a)}.end`) ?? byDefault(DATE_NOT_APPLICABLE, 'no end date: indefinite', `${at(a)}.end`),
          c0090: a.terminationReason ? supplied(TERMINATION[a.terminationReason], `${at(a)}.terminationReason`) : undefined,
          c0100: supplied(a.notice?.entityDays, `${at(a)}.notice.entityDays`) ?? missing(`${at(a)}.notice.entityDays`),
          c0110: supplied(a.notice?.providerDays, `${at(a)}.notice.providerDays`) ?? missing(`${at(a)}.notice.providerDays`),
          c0120: a.governingLaw
            ? supplied(`eba_GA:${a.governingLaw}`, `${at(a)}.governingLaw`)
            : missing(`${at(a)}.governingLaw`),
          c0130: known
            ? proposed(`eba_GA:${country}`, `regions ${regions}`, `${g.field}.locations`)
            : byDefault(`eba_GA:${COUNTRY_NOT_APPLICABLE}`, 'no resource with a known country', g.field),
          c0140: storageCell,
          c0150: storedHere
            ? derived(`eba_GA:${country}`, `stateful resources in ${regionList(here.statefulRegions, country)}`, g.field)
            : byDefault(
                `eba_GA:${COUNTRY_NOT_APPLICABLE}`,
                known ? `no stateful resource in ${country}` : 'no resource with a known country',
                g.field,
              ),
          // Proposed, not derived: remote administration and support may process data elsewhere, unseen by an inventory.
          c0160: known
            ? proposed(
                `eba_GA:${country}`,
                `resources in ${regions} (remote administration and support not seen)`,
                `${g.field}.locations`,
              )
            : byDefault(`eba_GA:${COUNTRY_NOT_APPLICABLE}`, 'no resource with a known country', g.field),
          c0170: g.sensitivity
            ? supplied(SENSITIVITY[g.sensitivity], `${g.field}.dataSensitivity`)
            : missing(`${g.field}.dataSensitivity`),
          c0180: g.reliance ? supplied(RELIANCE[g.reliance], `${g.field}.reliance`) : missing(`${g.field}.reliance`),
        })
        if (locationCells) Object.assign(rows0202.at(-1)!, locationCells)
        // A marker, never written (only template columns are): the ITS conditions of c0100–c0180 hang on it.
        if (critical) rows0202.at(-1)!._critical = {value: 'true', source: 'derived'}
      }
  }
  tables.set('B_02.02', rows0202)

  tables.set(
    'B_03.01',
    file.arrangements.map((a) => ({
      c0010: supplied(a.reference, `${at(a)}.reference`),
      c0020: lei('entity.lei'),
      c0030: derived('true', 'the entity signs its own arrangements'),
    })),
  )
  tables.set(
    'B_03.02',
    file.arrangements.map((a) => {
      const p = identity(a.provider)
      return {c0010: supplied(a.reference, `${at(a)}.reference`), c0020: codeCell(p), c0030: typeCell(p)}
    }),
  )

  // B_05.01: direct providers with their yearly total, then subcontractors, then ultimate parents.
  const rows0501: Row[] = []
  const seenCodes = new Set<string>()
  const costOf = new Map<string, number>()
  for (const a of file.arrangements) if (a.annualCost) costOf.set(a.provider, (costOf.get(a.provider) ?? 0) + a.annualCost.amount)
  const direct = new Set(file.arrangements.map((a) => a.provider))
  const subcontractors = new Set<string>()
  for (const key of direct) for (const s of file.providers[key]!.subcontractors ?? []) subcontractors.add(s.provider)
  const parents: Row[] = []
  for (const key of [...direct, ...[...subcontractors].filter((k) => !direct.has(k))]) {
    const p = identity(key)
    // The catalog's generic `saas` entry stands for every vendor at once: nothing to propose from it.
    const catalogId = p.provider.catalogProvider ?? key
    const info = catalogId === 'saas' ? undefined : catalog.provider(catalogId)
    const infoFrom = `providers.yaml ${catalogId}`
    const field = `providers.${key}`
    if (p.code !== undefined) {
      if (seenCodes.has(p.code)) continue
      seenCodes.add(p.code)
    }
    const parent = p.provider.ultimateParent
    const legalName = supplied(p.provider.legalName, `${field}.legalName`)
    const isDirect = direct.has(key)
    rows0501.push({
      c0010: codeCell(p),
      c0020: typeCell(p),
      c0030: supplied(p.provider.additionalCode, `${field}.additionalCode`),
      c0040: p.provider.additionalCodeType
        ? supplied(CODE_TYPE_QNAMES[p.provider.additionalCodeType], `${field}.additionalCodeType`)
        : undefined,
      c0050: legalName,
      c0060:
        supplied(p.provider.latinName, `${field}.latinName`) ??
        (legalName
          ? derived(legalName.value, 'the legal name (already in the Latin alphabet)', `${field}.latinName`)
          : undefined),
      c0070: supplied(p.provider.personType === 'legal' ? 'eba_CT:x212' : 'eba_CT:x213', `${field}.personType`),
      c0080:
        supplied(p.provider.headOffice && `eba_GA:${p.provider.headOffice}`, `${field}.headOffice`) ??
        (info
          ? proposed(
              `eba_GA:${info.legalHome}`,
              `${infoFrom} legalHome (the contracting entity; the parent is in ${info.parentCountry})`,
              `${field}.headOffice`,
            )
          : undefined),
      c0090: isDirect && costOf.has(key) ? derived(`eba_CU:${base}`, 'register.baseCurrency') : undefined,
      c0100:
        isDirect && costOf.has(key) ? derived(costOf.get(key)!, 'the sum of its arrangements\u2019 annual costs') : undefined,
      c0110:
        parent === 'self'
          ? p.code === undefined
            ? missing(`${field}.code`)
            : derived(p.code, 'its own ultimate parent', `${field}.ultimateParent`)
          : supplied(parent?.code, `${field}.ultimateParent.code`),
      c0120:
        parent === 'self'
          ? typeCell(p)
          : parent
            ? supplied(CODE_TYPE_QNAMES[parent.codeType], `${field}.ultimateParent.codeType`)
            : undefined,
    })
    if (parent && parent !== 'self' && parent.code !== undefined && !seenCodes.has(parent.code)) {
      seenCodes.add(parent.code)
      const pf = `${field}.ultimateParent`
      const name =
        supplied(parent.name, `${pf}.name`) ??
        (info ? proposed(info.ultimateParent, `${infoFrom} ultimateParent`, `${pf}.name`) : undefined)
      const parentType = supplied(CODE_TYPE_QNAMES[parent.codeType], `${pf}.codeType`)!
      parents.push({
        c0010: supplied(parent.code, `${pf}.code`),
        c0020: parentType,
        c0050: name,
        c0060: name && {...name, from: name.from ?? 'the legal name'},
        c0070: byDefault('eba_CT:x212', 'an ultimate parent undertaking is a legal person'),
        c0080:
          supplied(parent.country && `eba_GA:${parent.country}`, `${pf}.country`) ??
          (info ? proposed(`eba_GA:${info.parentCountry}`, `${infoFrom} parentCountry`, `${pf}.country`) : undefined),
        c0110: derived(parent.code, 'its own ultimate parent'),
        c0120: parentType,
      })
    }
  }
  for (const row of parents) rows0501.push(row)
  tables.set('B_05.01', rows0501)

  // B_05.02: rank 1 is the direct provider (recipient: itself, the practice of reference §2.9); rank 2 its subcontractors.
  const rows0502: Row[] = []
  for (const g of groups) {
    const a = g.arrangement
    const p = identity(a.provider)
    rows0502.push({
      c0010: supplied(a.reference, `${at(a)}.reference`),
      c0020: g.typeCell,
      c0030: codeCell(p),
      c0040: typeCell(p),
      c0050: derived(1, 'the direct provider'),
      c0060:
        p.code === undefined
          ? missing(`providers.${p.key}.code`)
          : derived(p.code, 'rank 1: the provider itself (practice, unconfirmed as EBA guidance)'),
      c0070: typeCell(p),
    })
    for (const s of p.provider.subcontractors ?? []) {
      if (s.services && !s.services.includes(g.type)) continue
      const sub = identity(s.provider)
      rows0502.push({
        c0010: supplied(a.reference, `${at(a)}.reference`),
        c0020: g.typeCell,
        c0030: codeCell(sub),
        c0040: typeCell(sub),
        c0050: derived(2, `a subcontractor of ${a.provider}`, `providers.${a.provider}.subcontractors`),
        c0060: codeCell(p),
        c0070: typeCell(p),
      })
    }
  }
  tables.set('B_05.02', rows0502)

  tables.set(
    'B_06.01',
    file.functions.map((f, i) => functionRow(f, `functions[${i}]`, lei('entity.lei'))),
  )

  // Critical-function tags on resources of an arrangement that supports no critical function.
  for (const a of file.arrangements) {
    const tagged = (join.byArrangement.get(a.reference) ?? []).filter((r) => r.tags['critical-function'] === 'true').length
    if (tagged > 0 && !supportsCritical(a))
      notes.push({
        severity: 'warning',
        template: 'B_06.01',
        message: `${a.reference}: ${tagged} of its resources are tagged critical-function=true, but none of its functions is assessed critical or important.`,
        field: `${at(a)}.functions`,
      })
  }

  tables.set(
    'B_07.01',
    groups.map((g) => assessmentRow(g, identity(g.arrangement.provider), assessment, catalog, functions, at(g.arrangement))),
  )

  const definitions = file.definitions ?? {}
  const undefinedScales = B99_KEYS.filter((key) => definitions[key] === undefined)
  if (undefinedScales.length)
    notes.push({
      severity: 'warning',
      template: 'B_99.01',
      message: `${undefinedScales.length} of the 19 scale definitions are missing (${undefinedScales.slice(0, 3).join(', ')}${undefinedScales.length > 3 ? ' …' : ''}); authorities read your closed-list values through them.`,
      field: 'definitions',
    })
  tables.set('B_99.01', [
    Object.fromEntries(
      B99_KEYS.map((key, i) => [`c${String((i + 1) * 10).padStart(4, '0')}`, supplied(definitions[key], `definitions.${key}`)]),
    ),
  ])

  return {
    tables,
    notes,
    entityId: `rs:${entity.lei}.${file.register.consolidation}`,
    refPeriod: file.register.referenceDate,
    baseCurrency: base,
    reportingDate,
  }
}

function functionRow(f: BusinessFunction, field: string, lei: Cell): Row {
  return {
    c0010: supplied(f.id, `${field}.id`),
    c0020: supplied(`eba_TA:${f.licensedActivity}`, `${field}.licensedActivity`),
    c0030: supplied(f.name, `${field}.name`),
    c0040: lei,
    c0050: supplied(YES_NO_NA[f.critical], `${field}.critical`),
    c0060: supplied(f.reasons, `${field}.reasons`),
    c0070:
      supplied(f.lastAssessed, `${field}.lastAssessed`) ??
      (f.critical === 'not-assessed' ? byDefault(DATE_NOT_APPLICABLE, 'not assessed', `${field}.lastAssessed`) : undefined),
    c0080: supplied(f.rtoHours, `${field}.rtoHours`),
    c0090: supplied(f.rpoHours, `${field}.rpoHours`),
    c0100: supplied(IMPACT[f.impact], `${field}.impact`),
  }
}

/** European alternatives of the catalog for these resources' services, "provider: service", each once. */
export const catalogAlternatives = (resources: readonly AssessedResource[], assessment: Assessment): string[] =>
  alternativesOf(resources, servicesOf(assessment))

function alternativesOf(resources: readonly AssessedResource[], services: ReadonlyMap<string, ServiceSummary>): string[] {
  const names = new Set<string>()
  for (const r of resources) {
    const s = services.get(`${r.provider}\u0000${r.type}\u0000${r.portability}`)
    for (const e of s?.european ?? []) names.add(`${e.provider}: ${e.service}`)
  }
  return [...names].sort()
}

/** The providers of "provider: service" alternatives, those offering the most of them first. */
export function europeanProviders(alternatives: readonly string[]): string[] {
  const counts = new Map<string, number>()
  for (const a of alternatives) {
    const provider = a.slice(0, a.indexOf(':'))
    counts.set(provider, (counts.get(provider) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([provider]) => provider)
}

const servicesIndex = new WeakMap<Assessment, Map<string, ServiceSummary>>()
function servicesOf(assessment: Assessment): Map<string, ServiceSummary> {
  let index = servicesIndex.get(assessment)
  if (!index) {
    index = new Map(assessment.services.map((s) => [`${s.provider}\u0000${s.type}\u0000${s.portability}`, s]))
    servicesIndex.set(assessment, index)
  }
  return index
}

function assessmentRow(
  g: ServiceGroup,
  p: ProviderIdentity,
  assessment: Assessment,
  catalog: Catalog,
  functions: ReadonlyMap<string, BusinessFunction>,
  at: string,
): Row {
  const a = g.arrangement
  const given = a.assessment ?? {}
  const field = `${at}.assessment`
  const {value: proposedKey, worstClass, unmapped} = proposedSubstitutability(g.resources)
  const substitutabilityKey = given.substitutability ?? proposedKey
  const substitutability = given.substitutability
    ? supplied(SUBSTITUTABILITY[given.substitutability], `${field}.substitutability`)
    : substitutabilityKey
      ? proposed(
          SUBSTITUTABILITY[substitutabilityKey],
          `the hardest portability class among its ${g.resources.length} resources: ${worstClass}${unmapped ? ` (${unmapped} unmapped not counted)` : ''}`,
          `${field}.substitutability`,
        )
      : undefined
  const alternatives = alternativesOf(g.resources, servicesOf(assessment))
  const hard = substitutabilityKey === 'not-substitutable' || substitutabilityKey === 'highly-complex'
  const reason = given.reason
    ? supplied(REASON[given.reason], `${field}.reason`)
    : hard
      ? proposed(
          alternatives.length ? REASON['difficult-migration'] : REASON.both,
          alternatives.length
            ? `the catalog names ${alternatives.length} European alternatives, but the services are ${worstClass}`
            : `the catalog names no European alternative and the services are ${worstClass}`,
          `${field}.reason`,
        )
      : undefined
  const efforts = g.resources.map((r) => r.effort)
  const worstEffort = worst(efforts, EFFORT_ORDER)
  const reintegrationKey: keyof typeof REINTEGRATION | undefined =
    worstClass === 'captive'
      ? 'highly-complex'
      : worstEffort === 'S'
        ? 'easy'
        : worstEffort === 'M'
          ? 'difficult'
          : worstEffort
            ? 'highly-complex'
            : undefined
  const reintegration = given.reintegration
    ? supplied(REINTEGRATION[given.reintegration], `${field}.reintegration`)
    : reintegrationKey
      ? proposed(
          REINTEGRATION[reintegrationKey],
          `the largest exit effort among its resources: ${worstEffort ?? 'unknown'}${worstClass === 'captive' ? ', captive services' : ''}`,
          `${field}.reintegration`,
        )
      : undefined
  const impacts = a.functions.map((id) => functions.get(id)?.impact).filter((i) => i !== undefined && i !== 'not-assessed')
  const worstImpact = worst(impacts as ('low' | 'medium' | 'high')[], ['low', 'medium', 'high'])
  const impact = given.impact
    ? supplied(IMPACT[given.impact], `${field}.impact`)
    : worstImpact
      ? proposed(IMPACT[worstImpact], `the highest impact among its functions (${a.functions.join(', ')})`, `${field}.impact`)
      : undefined
  const exitPlanTagged = g.resources.some((r) => r.tags['exit-plan'] !== undefined)
  const exitPlan = a.exitPlan?.link
    ? derived('eba_BT:x28', 'the exit plan link in the arrangements file', `${at}.exitPlan.link`)
    : proposed(
        exitPlanTagged ? 'eba_BT:x28' : 'eba_BT:x29',
        exitPlanTagged ? 'resources tagged exit-plan' : 'no exit plan link and no resource tagged exit-plan',
        `${at}.exitPlan.link`,
      )
  const alternativesIdentified = given.alternatives
    ? supplied(YES_NO_NA[given.alternatives], `${field}.alternatives`)
    : alternatives.length
      ? proposed('eba_BT:x28', `the catalog's European alternatives for its services`, `${field}.alternatives`)
      : undefined
  // c0120 identifies providers, not services: every provider the catalog names, most alternatives first.
  const alternativeProviders = europeanProviders(alternatives)
  const names = given.alternatives
    ? undefined
    : alternativeProviders.map((id) => catalog.provider(id)?.name ?? id).join('; ') || undefined
  return {
    c0010: supplied(a.reference, `${at}.reference`),
    c0020: supplied(p.code, `providers.${p.key}.code`) ?? missing(`providers.${p.key}.code`),
    c0030: supplied(p.codeType, `providers.${p.key}.codeType`),
    c0040: g.typeCell,
    c0050: substitutability ?? missing(`${field}.substitutability`),
    c0060: reason ?? missing(`${field}.reason`),
    c0070: supplied(given.lastAudit, `${field}.lastAudit`) ?? missing(`${field}.lastAudit`),
    c0080: exitPlan,
    c0090: reintegration ?? missing(`${field}.reintegration`),
    c0100: impact ?? missing(`${field}.impact`),
    c0110: alternativesIdentified ?? missing(`${field}.alternatives`),
    c0120: given.alternativeProviders
      ? supplied(given.alternativeProviders, `${field}.alternativeProviders`)
      : names
        ? proposed(
            names,
            `the catalog's European alternatives: ${alternatives.length} services at ${alternativeProviders.length} providers`,
            `${field}.alternativeProviders`,
          )
        : undefined,
  }
}
