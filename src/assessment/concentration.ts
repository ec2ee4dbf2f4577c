import type {Catalog} from '../catalog/catalog.js'
import {type ControlData, loadControlData} from '../catalog/control.js'
import {namespaceOf} from '../catalog/namespace.js'
import type {AssessedResource, Concentration, ConcentrationByControl, ControlShares} from './schema.js'
import {hhi, round} from './score.js'

/**
 * Who holds a part of the estate: a cloud provider, or one SaaS vendor (its namespace, `saas:slack`),
 * never "saas" as a whole. Plain per-holder sums, so the concentration below is computed over a
 * handful of rows, not the estate.
 */
export interface HolderAggregate {
  /** A provider id, or a SaaS namespace. */
  holder: string
  provider: string
  /** A type of one of its resources (for the SaaS vendor's name). */
  sampleType: string
  count: number
  /** Sum of criticality weights, as in the estate indices. */
  weight: number
  /** Resources tagged critical-function=true (DORA's critical or important functions). */
  criticalFunctionCount: number
}

const isCriticalFunction = (r: AssessedResource) => r.tags['critical-function'] === 'true'

/** One pass over the assessed resources: a row per provider and per SaaS vendor. */
export function aggregateHolders(resources: readonly AssessedResource[]): HolderAggregate[] {
  const rows = new Map<string, HolderAggregate>()
  for (const r of resources) {
    const holder = r.provider === 'saas' ? namespaceOf(r.type) : r.provider
    let row = rows.get(holder)
    if (!row) {
      row = {holder, provider: r.provider, sampleType: r.type, count: 0, weight: 0, criticalFunctionCount: 0}
      rows.set(holder, row)
    }
    row.count++
    row.weight += r.weight
    if (isCriticalFunction(r)) row.criticalFunctionCount++
  }
  return [...rows.values()]
}

interface Totals {
  count: number
  weight: number
  criticalFunctionCount: number
}

const sharesOf = (part: {count: number; weight: number; criticalFunctionCount: number}, total: Totals): ControlShares => ({
  count: part.count,
  share: total.weight > 0 ? round(part.weight / total.weight, 4) : 0,
  countShare: total.count > 0 ? round(part.count / total.count, 4) : 0,
  criticalFunctionCount: part.criticalFunctionCount,
  criticalFunctionShare: total.criticalFunctionCount > 0 ? round(part.criticalFunctionCount / total.criticalFunctionCount, 4) : 0,
})

/**
 * Concentration by who controls: per vendor (each SaaS vendor apart) and per ultimate parent (a
 * group: Azure and Microsoft 365 are one), with SaaS that runs on a cloud provider counted as a
 * fourth-party dependency of that provider's group, and the groups the ESAs designated as critical
 * ICT third-party providers flagged. Shares are weighted by criticality unless named otherwise.
 */
export function concentrationByControl(
  holders: readonly HolderAggregate[],
  catalog: Catalog,
  control: ControlData = loadControlData(),
): ConcentrationByControl {
  const total: Totals = {count: 0, weight: 0, criticalFunctionCount: 0}
  for (const h of holders) {
    total.count += h.count
    total.weight += h.weight
    total.criticalFunctionCount += h.criticalFunctionCount
  }
  const designatedEntity = new Map<string, string>()
  const designatedGroups = new Map<string, string[]>()
  for (const d of control.ctpp.designated) {
    for (const holder of d.covers ?? []) designatedEntity.set(holder, d.entity)
    designatedGroups.set(d.group, [...(designatedGroups.get(d.group) ?? []), d.entity])
  }

  type Group = {id: string; name: string; country?: string; members: string[]} & Totals & {fourth: Totals; via: string[]}
  const groups = new Map<string, Group>()
  const groupOf = (id: string, name: string, country?: string): Group => {
    let g = groups.get(id)
    if (!g) {
      const known = control.ownership.groups[id]
      g = {
        id,
        name: known?.name ?? name,
        country: known?.country ?? country,
        members: [],
        count: 0,
        weight: 0,
        criticalFunctionCount: 0,
        fourth: {count: 0, weight: 0, criticalFunctionCount: 0},
        via: [],
      }
      groups.set(id, g)
    }
    return g
  }
  const providerGroup = (provider: string) => {
    const info = catalog.provider(provider)
    return groupOf(info?.parentId ?? provider, info?.ultimateParent ?? provider, info?.parentCountry)
  }

  const vendors = holders.map((h) => {
    const saas = h.provider === 'saas'
    const owned = saas ? control.ownership.saas[h.holder] : undefined
    const vendor = saas ? catalog.lookup(h.sampleType).vendor : undefined
    const name = saas ? (vendor?.name ?? h.holder.replace(/^saas:/, '')) : (catalog.provider(h.provider)?.name ?? h.provider)
    const group = saas ? groupOf(owned?.group ?? h.holder, vendor?.name ?? name, vendor?.country) : providerGroup(h.provider)
    group.members.push(name)
    group.count += h.count
    group.weight += h.weight
    group.criticalFunctionCount += h.criticalFunctionCount
    for (const host of owned?.hostedOn ?? []) {
      const g = providerGroup(host.provider)
      g.fourth.count += h.count
      g.fourth.weight += h.weight
      g.fourth.criticalFunctionCount += h.criticalFunctionCount
      g.via.push(name)
    }
    const ctpp = designatedEntity.get(h.holder)
    return {
      id: h.holder,
      name,
      kind: saas ? ('saas' as const) : ('provider' as const),
      group: group.id,
      ...sharesOf(h, total),
      ...(ctpp ? {ctpp} : {}),
      weight: h.weight,
    }
  })

  const groupRows = [...groups.values()]
    .filter((g) => g.count > 0 || g.fourth.count > 0)
    .map((g) => ({
      id: g.id,
      name: g.name,
      ...(g.country ? {country: g.country} : {}),
      members: g.members.sort(),
      ...sharesOf(g, total),
      fourthParty: {
        count: g.fourth.count,
        share: total.weight > 0 ? round(g.fourth.weight / total.weight, 4) : 0,
        via: g.via.sort(),
      },
      withFourthPartyShare: total.weight > 0 ? round(Math.min(1, (g.weight + g.fourth.weight) / total.weight), 4) : 0,
      ctpp: designatedGroups.get(g.id) ?? [],
      weight: g.weight,
    }))
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))

  const designated = groupRows.filter((g) => g.ctpp.length > 0)
  const sum = (rows: {count: number; weight: number; criticalFunctionCount: number}[]) =>
    rows.reduce(
      (t, r) => ({
        count: t.count + r.count,
        weight: t.weight + r.weight,
        criticalFunctionCount: t.criticalFunctionCount + r.criticalFunctionCount,
      }),
      {
        count: 0,
        weight: 0,
        criticalFunctionCount: 0,
      },
    )
  return {
    vendors: vendors.sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id)).map(({weight: _w, ...v}) => v),
    groups: groupRows.map(({weight: _w, ...g}) => g),
    hhi: {
      vendor: round(hhi(holders.map((h) => h.weight)), 0),
      group: round(hhi(groupRows.map((g) => g.weight)), 0),
    },
    ctpp: {
      asOf: control.ctpp.asOf,
      sources: control.ctpp.sources,
      ...sharesOf(sum(designated), total),
    },
  }
}

/**
 * The estate's concentration as the grade counts it: over ultimate parents, the base of the
 * concentration section (one definition of "HHI" per report), with the largest group on top.
 */
export function estateConcentration(control: ConcentrationByControl): Concentration {
  const held = control.groups.filter((g) => g.count > 0)
  const top = held[0]
  return {
    hhi: control.hhi.group,
    ...(top ? {top: {provider: top.id, share: top.share, name: top.name}} : {}),
    providers: held.length,
    base: 'ultimate-parent',
  }
}
