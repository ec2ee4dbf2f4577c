import type {ArrangementsBlock, AssessedResource, Assessment} from '../assessment/schema.js'
import {share} from '../report/format.js'
import {minSealProblem, sovereigntyLookup} from '../sovereignty/rules.js'
import {globMatcher} from '../util/glob.js'
import {arrangementFindings} from './arrangements.js'
import type {LoadedPolicy} from './load.js'
import {type MetricContext, measure} from './metrics.js'
import type {ArrangementRule, Limit, Requirement, Rule, Waiver} from './schema.js'
import {compileSelector} from './select.js'
import {type Finding, type PolicyOutcome, type RuleVerdict, type Severity, severityRank} from './types.js'

export interface EvaluateOptions {
  /** Today, for waiver expiry (injectable for tests). */
  now: Date
  blastRadius?: MetricContext['blastRadius']
  /** The DORA arrangements (assess --arrangements), for arrangements rules. */
  arrangements?: ArrangementsBlock
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
const isShare = (metric: Limit['metric']) => metric.endsWith('Share') || metric === 'share'
const fmt = (metric: Limit['metric'], value: number) =>
  isShare(metric) ? share(value) : Number.isInteger(value) ? String(value) : value.toFixed(1)

/** What a limit measures, in words, with its base: findings name the fact, not the metric's id. */
function metricText(limit: Limit, ofEstate: boolean): string {
  const of = ofEstate ? 'of the estate' : 'of the selected resources'
  switch (limit.metric) {
    case 'providerShare':
      return `${limit.provider ? `${limit.provider}'s` : 'the largest provider’s'} share ${of} (weighted by criticality)`
    case 'jurisdictionShare':
      return `the share ${of} under ${asList(limit.jurisdiction).join(' or ') || 'non-EU or unknown'} control (weighted by criticality)`
    case 'share':
      return `the share ${of} that matches the rule (weighted by criticality)`
    case 'unmappedShare':
      return `the unmapped share ${of} (weighted by criticality)`
    case 'singleRegionShare':
      return `the share ${of} in the most used region (weighted by criticality)`
    case 'hhi':
      return `the HHI over providers ${of} (weighted by criticality, 0–10,000)`
    case 'lockInIndex':
      return `the lock-in index ${of} (0–100)`
    case 'count':
      return 'the number of selected resources'
    case 'maxBlastRadius':
      return 'the most resources depending on one proprietary or captive service'
    case 'crossProviderEdges':
      return 'the number of dependencies that cross providers'
    case 'sovereigntyScore':
      return `the Sovereignty Score ${of} (weighted by criticality, 0–100, unknown objectives as 0)`
  }
}

/**
 * A requirement compiled once per rule: its lists and sets are built here, not per resource, and the
 * returned test gives the first assertion a resource fails, in words (undefined when it passes).
 */
function compileRequirement(req: Requirement, context: MetricContext): (r: AssessedResource) => string | undefined {
  const jurisdictions = asList(req.jurisdiction)
  const jurisdictionSet = new Set<string>(jurisdictions)
  const countries = asList(req.country).map((c) => c.toUpperCase())
  const countrySet = new Set(countries)
  const classes = asList(req.portability)
  const classSet = new Set<string>(classes)
  const forbidden = new Set<string>(asList(req.portabilityNot))
  const tags = asList(req.tags)
  const dependencyTest = req.noDependencyOn ? compileSelector(req.noDependencyOn) : undefined
  return (r) => {
    if (jurisdictions.length && !jurisdictionSet.has(r.control))
      return `is under ${r.control} control; required: ${jurisdictions.join(' or ')}`
    if (countries.length && !countrySet.has(r.country ?? ''))
      return `is in ${r.country ?? 'an unknown country'}${r.region ? ` (${r.region})` : ''}; required: ${countries.join(', ')}`
    if (classes.length && !classSet.has(r.portability)) return `is ${r.portability}; required: ${classes.join(' or ')}`
    if (forbidden.has(r.portability)) return `is ${r.portability}`
    if (tags.length) {
      const missing = tags.filter((tag) => !r.tags[tag]?.trim())
      if (missing.length) return `lacks the tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
    }
    if (req.maxScore !== undefined && r.score > req.maxScore) return `scores ${r.score}, above ${req.maxScore}`
    if (dependencyTest && r.dependsOn)
      for (const id of r.dependsOn) {
        const dep = context.byId.get(id)
        if (dep && dependencyTest(dep)) return `depends on ${dep.name ?? dep.id} (${dep.type}, ${dep.portability})`
      }
    if (req.minSeal && context.sovereignty) return minSealProblem(r, req.minSeal, context.sovereignty())
    return undefined
  }
}

function limitFindings(
  policy: string,
  rule: Rule & {limit: Limit},
  selected: AssessedResource[],
  context: MetricContext,
): Finding[] {
  const limit = rule.limit
  const groups = limit.perCategory
    ? [...Map.groupBy(selected, (r) => r.category).entries()].sort((a, b) => a[0].localeCompare(b[0]))
    : [[undefined, selected] as const]
  const findings: Finding[] = []
  for (const [category, resources] of groups) {
    const {value, subject} = measure(limit, [...resources], context)
    const over = limit.max !== undefined && value > limit.max
    const under = limit.min !== undefined && value < limit.min
    if (!over && !under) continue
    const bound = over ? limit.max! : limit.min!
    const scope = category ? ` in ${category}` : ''
    const about = subject ? ` (${subject})` : ''
    findings.push({
      policy,
      ruleId: rule.id,
      severity: rule.severity,
      subject: category ?? subject,
      message: `${capitalise(metricText(limit, Object.keys(rule.select).length === 0))}${scope} is ${fmt(limit.metric, value)}${about}; ${over ? 'at most' : 'at least'} ${fmt(limit.metric, bound)} allowed.`,
      value: Math.round(value * 10_000) / 10_000,
      bound,
    })
  }
  return findings
}

function isExpired(waiver: Waiver, now: Date): boolean {
  return now.toISOString().slice(0, 10) > waiver.expires
}

/** Evaluates each policy's rules over the assessed estate. Linear in resources × rules. */
export function evaluatePolicies(assessment: Assessment, policies: LoadedPolicy[], options: EvaluateOptions): PolicyOutcome[] {
  let byId: Map<string, AssessedResource> | undefined
  const context: MetricContext = {
    // Only dependency rules and metrics look resources up by id: the index of a million ids is built when first asked for.
    get byId() {
      byId ??= new Map(assessment.resources.map((r) => [r.id, r]))
      return byId
    },
    blastRadius: options.blastRadius,
    sovereignty: sovereigntyLookup(assessment),
  }
  return policies.map(({policy, source}) => {
    const name = policy.metadata.name
    const active = policy.waivers.filter((w) => !isExpired(w, options.now))
    const rules: RuleVerdict[] = policy.rules.map((rule) => {
      const perArrangement = rule.arrangements
        ? arrangementFindings(name, rule as Rule & {arrangements: ArrangementRule}, options.arrangements, options.now)
        : undefined
      const selected = perArrangement ? [] : assessment.resources.filter(compileSelector(rule.select))
      let findings: Finding[]
      if (perArrangement) findings = perArrangement.findings
      else if (rule.require) {
        const check = compileRequirement(rule.require, context)
        findings = []
        for (const r of selected) {
          const problem = check(r)
          if (problem)
            findings.push({
              policy: name,
              ruleId: rule.id,
              severity: rule.severity,
              resourceId: r.id,
              message: `${r.name ?? r.id} ${problem}.`,
            })
        }
      } else {
        findings = limitFindings(name, rule as Rule & {limit: Limit}, selected, context)
      }
      const waivers = active.filter((w) => w.rule === rule.id).map((w) => ({waiver: w, matches: globMatcher(w.resources)}))
      for (const finding of findings) {
        // An arrangement finding is waived by its reference, as a resource finding by its id.
        const target = finding.resourceId ?? finding.arrangement
        const hit = waivers.find(({waiver, matches}) => (target ? matches(target) : waiver.resources.includes('*')))
        if (hit) finding.waiver = {reason: hit.waiver.reason, expires: hit.waiver.expires}
      }
      const open = findings.filter((f) => !f.waiver)
      return {
        id: rule.id,
        title: rule.title,
        severity: rule.severity,
        kind: rule.require ? 'require' : perArrangement ? 'arrangements' : 'limit',
        rationale: rule.rationale,
        remediation: rule.remediation,
        references: rule.references ?? [],
        provisions: rule.provisions ?? [],
        selectsBy: Object.keys(rule.select),
        selected: perArrangement?.selected ?? selected.length,
        status: findings.length === 0 ? 'pass' : open.length === 0 ? 'waived' : 'fail',
        findings,
      }
    })
    return {
      name,
      title: policy.metadata.title,
      description: policy.metadata.description,
      references: policy.metadata.references,
      source,
      failOn: policy.failOn,
      rules,
      expiredWaivers: policy.waivers.filter((w) => isExpired(w, options.now)).map((w) => ({...w})),
    }
  })
}

/** Unwaived findings at or above the threshold (the CLI flag, else each policy's own failOn). */
export function blockingFindings(outcomes: PolicyOutcome[], failOn?: Severity): Finding[] {
  return outcomes.flatMap((outcome) => {
    const threshold = severityRank(failOn ?? outcome.failOn)
    return outcome.rules.flatMap((rule) => rule.findings.filter((f) => !f.waiver && severityRank(f.severity) >= threshold))
  })
}

/** A stable key for a finding, for diffs between runs. */
export const findingKey = (f: Finding): string => `${f.policy}/${f.ruleId}/${f.resourceId ?? f.subject ?? ''}`
