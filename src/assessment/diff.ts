import {findingKey} from '../policy/evaluate.js'
import type {Finding, PolicyOutcome} from '../policy/types.js'
import type {Assessment} from './schema.js'

export interface AssessmentDiff {
  grade: {old: string; new: string}
  indices: {name: string; old: number; new: number; delta: number}[]
  added: {id: string; type: string; provider: string; score: number}[]
  removed: {id: string; type: string; provider: string; score: number}[]
  scoreChanges: {id: string; type: string; old: number; new: number; delta: number}[]
  newFindings: Finding[]
  resolvedFindings: Finding[]
}

const openFindings = (policies: PolicyOutcome[]) =>
  new Map(policies.flatMap((p) => p.rules.flatMap((r) => r.findings.filter((f) => !f.waiver))).map((f) => [findingKey(f), f]))

/** What changed between two assessments: resources, scores, indices and findings. Linear in both sizes. */
export function diffAssessments(
  before: {assessment: Assessment; policies: PolicyOutcome[]},
  after: {assessment: Assessment; policies: PolicyOutcome[]},
  options: {maxScoreChanges?: number} = {},
): AssessmentDiff {
  const a = before.assessment
  const b = after.assessment
  const oldById = new Map(a.resources.map((r) => [r.id, r]))
  const newIds = new Set<string>()
  const added: AssessmentDiff['added'] = []
  const scoreChanges: AssessmentDiff['scoreChanges'] = []
  for (const r of b.resources) {
    newIds.add(r.id)
    const old = oldById.get(r.id)
    if (!old) added.push({id: r.id, type: r.type, provider: r.provider, score: r.score})
    else if (old.score !== r.score)
      scoreChanges.push({
        id: r.id,
        type: r.type,
        old: old.score,
        new: r.score,
        delta: Math.round((r.score - old.score) * 10) / 10,
      })
  }
  const removed = a.resources
    .filter((r) => !newIds.has(r.id))
    .map((r) => ({id: r.id, type: r.type, provider: r.provider, score: r.score}))
  const index = (name: string, o: number, n: number) => ({name, old: o, new: n, delta: Math.round((n - o) * 1000) / 1000})
  const oldFindings = openFindings(before.policies)
  const newFindings = openFindings(after.policies)
  return {
    grade: {old: a.summary.grade, new: b.summary.grade},
    indices: [
      index('readiness', a.summary.readiness, b.summary.readiness),
      index('lockInIndex', a.summary.lockInIndex, b.summary.lockInIndex),
      index('hhi', a.summary.concentration.hhi, b.summary.concentration.hhi),
      index('jurisdictionExposure', a.summary.jurisdictionExposure, b.summary.jurisdictionExposure),
      index('dataGiB', a.summary.dataGiB, b.summary.dataGiB),
      index('unmappedShare', a.summary.unmappedShare, b.summary.unmappedShare),
      index('resources', a.summary.resourceCount, b.summary.resourceCount),
    ],
    added,
    removed,
    scoreChanges: scoreChanges
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .slice(0, options.maxScoreChanges ?? 50),
    newFindings: [...newFindings].filter(([key]) => !oldFindings.has(key)).map(([, f]) => f),
    resolvedFindings: [...oldFindings].filter(([key]) => !newFindings.has(key)).map(([, f]) => f),
  }
}
