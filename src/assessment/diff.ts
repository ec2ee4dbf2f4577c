import {findingKey} from '../policy/evaluate.js'
import type {Finding, PolicyOutcome} from '../policy/types.js'
import {gib, num, pct} from '../report/format.js'
import type {Assessment} from './schema.js'

/** How an index is said in words: a score out of 100, a share, the HHI, data, or a count. */
export type IndexUnit = 'score' | 'share' | 'hhi' | 'gib' | 'count'

export interface IndexChange {
  /** The summary field, e.g. `jurisdictionExposure`. */
  name: string
  /** The index in words, e.g. "jurisdiction exposure". */
  label: string
  unit: IndexUnit
  old: number
  new: number
  delta: number
}

export interface ResourceChange {
  id: string
  name?: string
  type: string
  provider: string
  score: number
}

/** Findings that cannot be new or resolved: their policy or rule was evaluated on one side only. */
export interface NotCompared {
  side: 'old' | 'new'
  policy: string
  /** Absent when the whole policy is on one side only. */
  rule?: string
  findings: number
}

export interface AssessmentDiff {
  grade: {old: string; new: string}
  indices: IndexChange[]
  added: ResourceChange[]
  removed: ResourceChange[]
  scoreChanges: {id: string; type: string; old: number; new: number; delta: number}[]
  /** Open findings of rules both sides evaluated, on the new side only. */
  newFindings: Finding[]
  /** Open findings of rules both sides evaluated, on the old side only. */
  resolvedFindings: Finding[]
  notCompared: NotCompared[]
  /** Why the two sides may differ for reasons other than the estate: other policies, catalog or constants. */
  warnings: string[]
}

/** What diff reads of a resource: an assessment.json has more, a history keeps just this. */
type DiffedResource = Pick<Assessment['resources'][number], 'id' | 'name' | 'type' | 'provider' | 'score'>

export interface Side {
  assessment: Omit<Assessment, 'resources'> & {resources: DiffedResource[]}
  policies: PolicyOutcome[]
}

const INDICES: {name: keyof Assessment['summary'] | 'hhi'; label: string; unit: IndexUnit}[] = [
  {name: 'readiness', label: 'readiness', unit: 'score'},
  {name: 'lockInIndex', label: 'lock-in index', unit: 'score'},
  {name: 'hhi', label: 'concentration (HHI over ultimate parents)', unit: 'hhi'},
  {name: 'jurisdictionExposure', label: 'jurisdiction exposure', unit: 'share'},
  {name: 'dataGiB', label: 'data to move', unit: 'gib'},
  {name: 'unmappedShare', label: 'unmapped share', unit: 'share'},
  {name: 'resourceCount', label: 'resources', unit: 'count'},
]

const indexValue = (a: Side['assessment'], name: string): number =>
  name === 'hhi' ? a.summary.concentration.hhi : (a.summary[name as keyof Assessment['summary']] as number)

/** A value in its unit: "61.2%", "44.0", "3,065", "168.2 TiB", "385". */
export function formatIndex(unit: IndexUnit, value: number): string {
  if (unit === 'share') return pct(value, 1)
  if (unit === 'score') return num(value, 1)
  if (unit === 'gib') return gib(value)
  return num(value)
}

const signed = (text: string, delta: number) => (delta > 0 ? `+${text}` : delta < 0 ? `−${text}` : '±0')

/** "jurisdiction exposure 53.9% → 61.2% (+7.3 points)", "lock-in index 41.2 → 44.0 (+2.8)". */
export function describeIndexChange(change: IndexChange): string {
  const {unit, delta} = change
  const magnitude = Math.abs(delta)
  const by =
    unit === 'share'
      ? `${signed(num(magnitude * 100, 1), delta)} points`
      : unit === 'gib'
        ? signed(gib(magnitude), delta)
        : signed(unit === 'score' ? num(magnitude, 1) : num(magnitude), delta)
  return `${change.label} ${formatIndex(unit, change.old)} → ${formatIndex(unit, change.new)} (${delta === 0 ? 'unchanged' : by})`
}

const openFindings = (outcome: PolicyOutcome, rule: string) =>
  outcome.rules.find((r) => r.id === rule)?.findings.filter((f) => !f.waiver) ?? []

/**
 * The findings that can be compared (rules both sides evaluated) by key, and what cannot: a policy
 * or rule present on one side only would otherwise show all its findings as new or resolved.
 */
function comparable(before: PolicyOutcome[], after: PolicyOutcome[]) {
  const oldByName = new Map(before.map((p) => [p.name, p]))
  const newByName = new Map(after.map((p) => [p.name, p]))
  const oldFindings = new Map<string, Finding>()
  const newFindings = new Map<string, Finding>()
  const notCompared: NotCompared[] = []
  const collect = (
    side: 'old' | 'new',
    mine: PolicyOutcome[],
    theirs: Map<string, PolicyOutcome>,
    into: Map<string, Finding>,
  ) => {
    for (const outcome of mine) {
      const other = theirs.get(outcome.name)
      if (!other) {
        const findings = outcome.rules.reduce((n, r) => n + r.findings.filter((f) => !f.waiver).length, 0)
        notCompared.push({side, policy: outcome.name, findings})
        continue
      }
      const otherRules = new Set(other.rules.map((r) => r.id))
      for (const rule of outcome.rules) {
        const open = openFindings(outcome, rule.id)
        if (!otherRules.has(rule.id)) {
          notCompared.push({side, policy: outcome.name, rule: rule.id, findings: open.length})
          continue
        }
        for (const f of open) into.set(findingKey(f), f)
      }
    }
  }
  collect('old', before, newByName, oldFindings)
  collect('new', after, oldByName, newFindings)
  return {oldFindings, newFindings, notCompared}
}

const short = (hash: string) => hash.slice(0, 12)
const list = (names: string[]) => names.join(', ')

/** Reasons other than the estate for differences between the sides, in words. */
function warningsFor(before: Side, after: Side, notCompared: NotCompared[]): string[] {
  const warnings: string[] = []
  const a = before.assessment
  const b = after.assessment
  const oldNames = before.policies.map((p) => p.name)
  const newNames = after.policies.map((p) => p.name)
  const onlyOld = oldNames.filter((n) => !newNames.includes(n))
  const onlyNew = newNames.filter((n) => !oldNames.includes(n))
  if (onlyOld.length || onlyNew.length) {
    const skipped = notCompared.filter((n) => !n.rule).reduce((n, x) => n + x.findings, 0)
    warnings.push(
      `The two sides were assessed with different policies (${onlyOld.length ? `before only: ${list(onlyOld)}` : ''}${onlyOld.length && onlyNew.length ? '; ' : ''}${onlyNew.length ? `after only: ${list(onlyNew)}` : ''}); their ${num(skipped)} findings are not counted as new or resolved.`,
    )
  }
  const ruleGaps = notCompared.filter((n) => n.rule)
  if (ruleGaps.length)
    warnings.push(
      `Some rules were evaluated on one side only (${list(ruleGaps.slice(0, 5).map((n) => `${n.policy}/${n.rule}`))}${ruleGaps.length > 5 ? ` and ${ruleGaps.length - 5} more` : ''}); their findings are not counted as new or resolved.`,
    )
  const pa = a.provenance
  const pb = b.provenance
  if (!pa || !pb) {
    const who =
      !pa && !pb
        ? 'Neither side records a'
        : `The ${pa ? 'new' : 'old'} side (written by exitready ${(pa ? b : a).generator.version}) records no`
    warnings.push(
      `${who} catalog fingerprint or policy hashes, so a change of catalog or policy cannot be told apart from a change of the estate.`,
    )
  } else {
    if (pa.catalog.fingerprint !== pb.catalog.fingerprint)
      warnings.push(
        `The two sides were assessed with different catalogs (fingerprint ${short(pa.catalog.fingerprint)} → ${short(pb.catalog.fingerprint)}${a.generator.version !== b.generator.version ? `, exitready ${a.generator.version} → ${b.generator.version}` : ''}): changed mappings move scores and findings without any change in the estate.`,
      )
    const oldHash = new Map(pa.policies.map((p) => [p.name, p.sha256]))
    const changed = pb.policies.filter((p) => oldHash.has(p.name) && oldHash.get(p.name) !== p.sha256).map((p) => p.name)
    if (changed.length)
      warnings.push(
        `Policy ${list(changed)} differs between the two sides (rules, waivers or scoring changed): its new and resolved findings may come from the policy, not the estate.`,
      )
  }
  const baseOf = (x: Side['assessment']) =>
    x.summary.concentration.base === 'ultimate-parent' ? 'ultimate parents' : 'providers (all SaaS as one)'
  if (baseOf(a) !== baseOf(b))
    warnings.push(
      `The two sides count concentration over different holders (HHI over ${baseOf(a)} → over ${baseOf(b)}): the HHI and the readiness move with the count, not the estate.`,
    )
  if (JSON.stringify(a.constants) !== JSON.stringify(b.constants))
    warnings.push('The scoring constants differ between the two sides (a policy scoring block changed): indices move with them.')
  return warnings
}

const resourceChange = (r: DiffedResource): ResourceChange => ({
  id: r.id,
  ...(r.name !== undefined ? {name: r.name} : {}),
  type: r.type,
  provider: r.provider,
  score: r.score,
})

/** What changed between two assessments: resources, scores, indices and findings. Linear in both sizes. */
export function diffAssessments(before: Side, after: Side, options: {maxScoreChanges?: number} = {}): AssessmentDiff {
  const a = before.assessment
  const b = after.assessment
  const oldById = new Map(a.resources.map((r) => [r.id, r]))
  const newIds = new Set<string>()
  const added: ResourceChange[] = []
  const scoreChanges: AssessmentDiff['scoreChanges'] = []
  for (const r of b.resources) {
    newIds.add(r.id)
    const old = oldById.get(r.id)
    if (!old) added.push(resourceChange(r))
    else if (old.score !== r.score)
      scoreChanges.push({
        id: r.id,
        type: r.type,
        old: old.score,
        new: r.score,
        delta: Math.round((r.score - old.score) * 10) / 10,
      })
  }
  const removed = a.resources.filter((r) => !newIds.has(r.id)).map(resourceChange)
  const indices = INDICES.map(({name, label, unit}) => {
    const o = indexValue(a, name)
    const n = indexValue(b, name)
    return {
      name: name === 'resourceCount' ? 'resources' : name,
      label,
      unit,
      old: o,
      new: n,
      delta: Math.round((n - o) * 1000) / 1000,
    }
  })
  const {oldFindings, newFindings, notCompared} = comparable(before.policies, after.policies)
  const newOnly: Finding[] = []
  for (const [key, f] of newFindings) if (!oldFindings.has(key)) newOnly.push(f)
  const resolved: Finding[] = []
  for (const [key, f] of oldFindings) if (!newFindings.has(key)) resolved.push(f)
  return {
    grade: {old: a.summary.grade, new: b.summary.grade},
    indices,
    added,
    removed,
    scoreChanges: scoreChanges
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .slice(0, options.maxScoreChanges ?? 50),
    newFindings: newOnly,
    resolvedFindings: resolved,
    notCompared,
    warnings: warningsFor(before, after, notCompared),
  }
}
