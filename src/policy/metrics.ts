import type {AssessedResource} from '../assessment/schema.js'
import {hhi} from '../assessment/score.js'
import type {BlastRadius} from '../graph/analysis.js'
import {type SovereigntyLookup, sovereigntyScoreOf} from '../sovereignty/rules.js'
import type {Limit} from './schema.js'
import {compileSelector} from './select.js'

/** Everything an aggregate metric may need besides the selected resources. */
export interface MetricContext {
  /** All resources of the estate, by id (dependency metrics look outside the selection). */
  byId: ReadonlyMap<string, AssessedResource>
  /** Per proprietary or captive service, the resources that depend on it directly or transitively (from the graph stage). */
  blastRadius?: readonly BlastRadius[]
  /** Each resource's sovereignty profile (minSeal, sovereigntyScore), built on first use. */
  sovereignty?: () => SovereigntyLookup
}

const weightedShare = (selected: AssessedResource[], predicate: (r: AssessedResource) => boolean): number => {
  let total = 0
  let hit = 0
  for (const r of selected) {
    total += r.weight
    if (predicate(r)) hit += r.weight
  }
  return total > 0 ? hit / total : 0
}

function weightsBy(selected: AssessedResource[], key: (r: AssessedResource) => string): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of selected) out.set(key(r), (out.get(key(r)) ?? 0) + r.weight)
  return out
}

export interface Measurement {
  value: number
  /** What the value is about, e.g. the provider that holds the share. */
  subject?: string
}

/** Computes a limit metric over the selected resources. Shares are weighted by category criticality. */
export function measure(limit: Limit, selected: AssessedResource[], context: MetricContext): Measurement {
  switch (limit.metric) {
    case 'sovereigntyScore':
      return {value: context.sovereignty ? sovereigntyScoreOf(selected, context.sovereignty()) : 0}
    case 'count':
      return {value: selected.length}
    case 'providerShare': {
      const weights = weightsBy(selected, (r) => r.provider)
      const total = [...weights.values()].reduce((a, b) => a + b, 0)
      if (total === 0) return {value: 0}
      if (limit.provider) return {value: (weights.get(limit.provider) ?? 0) / total, subject: limit.provider}
      const [provider, weight] = [...weights.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!
      return {value: weight / total, subject: provider}
    }
    case 'jurisdictionShare': {
      const set = new Set<string>(limit.jurisdiction === undefined ? ['non-EU', 'unknown'] : [limit.jurisdiction].flat())
      return {value: weightedShare(selected, (r) => set.has(r.control)), subject: [...set].join(', ')}
    }
    case 'hhi':
      return {value: hhi(weightsBy(selected, (r) => r.provider).values())}
    case 'lockInIndex': {
      let total = 0
      let sum = 0
      for (const r of selected) {
        total += r.weight
        sum += r.weight * r.score
      }
      return {value: total > 0 ? sum / total : 0}
    }
    case 'share': {
      const matches = compileSelector(limit.of ?? {})
      return {value: weightedShare(selected, matches)}
    }
    case 'unmappedShare':
      return {value: weightedShare(selected, (r) => r.matchedBy === 'unmapped')}
    case 'singleRegionShare': {
      const counts = weightsBy(selected, (r) => `${r.provider}/${r.region ?? 'unknown'}`)
      const total = [...counts.values()].reduce((a, b) => a + b, 0)
      if (total === 0) return {value: 0}
      const [region, weight] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!
      return {value: weight / total, subject: region}
    }
    case 'crossProviderEdges': {
      let edges = 0
      for (const r of selected)
        for (const id of r.dependsOn ?? []) {
          const dep = context.byId.get(id)
          if (dep && dep.provider !== r.provider) edges++
        }
      return {value: edges}
    }
    case 'maxBlastRadius': {
      const services = new Set(
        selected
          .filter((r) => r.portability === 'proprietary' || r.portability === 'captive')
          .map((r) => `${r.provider}\u0000${r.type}`),
      )
      let best: Measurement = {value: 0}
      for (const b of context.blastRadius ?? [])
        if (services.has(`${b.provider}\u0000${b.type}`) && b.dependents > best.value)
          best = {value: b.dependents, subject: `${b.type} at ${b.provider}`}
      return best
    }
  }
}
