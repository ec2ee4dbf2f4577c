import type {Mapping} from '../catalog/catalog.js'
import type {ScoringConstants} from './constants.js'
import type {ScoreBreakdown} from './schema.js'

/** Rounds for output; internal sums keep full precision. */
export const round = (value: number, digits = 1): number => {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export function baseScore(mapping: Pick<Mapping, 'portability'>, constants: ScoringConstants): number {
  return constants.portabilityBase[mapping.portability]
}

/** Data gravity: a stateful resource is harder to move, and more so the more data it holds. */
export function gravityScore(stateful: boolean, sizeGiB: number | undefined, constants: ScoringConstants): number {
  if (!stateful) return 0
  const size =
    sizeGiB && sizeGiB > 0 ? Math.min(constants.maxSizeBonus, constants.sizeBonusPerDecade * Math.log10(1 + sizeGiB)) : 0
  return constants.statefulBonus + size
}

export interface CouplingInput {
  id: string
  base: number
  portability: string
}

/**
 * Coupling: a resource that uses a more locked-in proprietary or captive resource inherits a share
 * of the gap between their bases (the largest gap counts, so the score stays bounded).
 */
export function couplingScore(
  own: {base: number},
  dependencies: CouplingInput[],
  constants: ScoringConstants,
): Pick<ScoreBreakdown, 'coupling' | 'couplingFrom'> {
  const causes = dependencies
    .filter((d) => (d.portability === 'proprietary' || d.portability === 'captive') && d.base > own.base)
    .sort((a, b) => b.base - a.base || a.id.localeCompare(b.id))
  if (causes.length === 0) return {coupling: 0, couplingFrom: []}
  const gap = causes[0]!.base - own.base
  return {
    coupling: Math.min(constants.maxCoupling, constants.couplingFactor * gap),
    couplingFrom: causes.slice(0, 5).map((c) => c.id),
  }
}

export function totalScore(breakdown: Pick<ScoreBreakdown, 'base' | 'gravity' | 'coupling'>): number {
  return Math.min(100, breakdown.base + breakdown.gravity + breakdown.coupling)
}

/** Herfindahl–Hirschman index (0–10,000) from weights per holder. */
export function hhi(weights: Iterable<number>): number {
  let total = 0
  const values: number[] = []
  for (const w of weights) {
    values.push(w)
    total += w
  }
  if (total === 0) return 0
  let sum = 0
  for (const w of values) sum += ((100 * w) / total) ** 2
  return sum
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F'

export function gradeFor(readiness: number, thresholds: ScoringConstants['gradeThresholds']): Grade {
  for (const grade of ['A', 'B', 'C', 'D', 'E'] as const) if (readiness >= thresholds[grade]) return grade
  return 'F'
}
