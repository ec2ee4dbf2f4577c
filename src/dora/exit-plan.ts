import type {ArrangementSummary, AssessedResource, Assessment, ExitPlan} from '../assessment/schema.js'
import {waveOfNodes} from '../graph/analysis.js'
import {figuresFor} from '../i18n/figures.js'
import type {Lang} from '../i18n/locale.js'
import {doraMessages} from '../i18n/messages/dora.js'
import type {GraphFindings} from '../report/types.js'
import {getOrAdd} from '../util/maps.js'

const EFFORT_KEYS = ['S', 'M', 'L', 'XL', 'unknown'] as const

import type {Arrangement, ArrangementsFile} from './arrangements.js'
import type {JoinResult} from './join.js'

// EU Data Act (Regulation (EU) 2023/2854) Art. 25 switching windows, read from secondary sources
// (law-firm summaries); the article text itself was not read here: unconfirmed wording.
export const DATA_ACT = {
  maxNoticeDays: 60, // "two months" at most
  transitionDays: 30, // mandatory maximum transitional period
  transitionExtendedDays: 210, // up to seven months where 30 days are technically unfeasible
  retrievalDays: 30, // at least 30 days after the transition to retrieve data
}
/** RTS 2024/1773 Art. 10 asks for exit plans to be tested periodically; exitready's rule of thumb is yearly. */
export const TEST_INTERVAL_MONTHS = 12

export type {ExitPlan}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.toISOString().slice(0, 10)
}

/** Transfer time in hours of `gib` GiB at `mbps` megabits per second. */
export const transferHours = (gib: number, mbps: number) => Math.round(((gib * 1024 ** 3 * 8) / (mbps * 1e6) / 3600) * 10) / 10

function alternativesOf(resources: readonly AssessedResource[], assessment: Assessment): ExitPlan['alternatives'] {
  const counts = new Map<string, number>()
  for (const r of resources) {
    const key = `${r.provider}\u0000${r.type}\u0000${r.portability}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const result: ExitPlan['alternatives'] = []
  const matched = assessment.services.filter((s) => counts.has(`${s.provider}\u0000${s.type}\u0000${s.portability}`))
  // One type refined into several classes (RDS by engine) is told apart by its class.
  const titles = new Map<string, number>()
  for (const s of matched) titles.set(s.title ?? s.type, (titles.get(s.title ?? s.type) ?? 0) + 1)
  for (const s of matched) {
    const count = counts.get(`${s.provider}\u0000${s.type}\u0000${s.portability}`)!
    const title = s.title ?? s.type
    result.push({
      service: titles.get(title)! > 1 ? `${title} (${s.portability})` : title,
      count,
      european: s.european.map((e) => `${e.provider}: ${e.service}`),
      equivalents: s.equivalents,
      effort: s.effort,
    })
  }
  const rank = {XL: 0, L: 1, M: 2, S: 3} as Record<string, number>
  return result.sort((a, b) => (rank[a.effort ?? ''] ?? 4) - (rank[b.effort ?? ''] ?? 4) || b.count - a.count)
}

/** What a plan's generated texts say, as the plan's own figures give it (so any report language can re-tell them). */
export interface ExitPlanTextFacts {
  provider: string
  /** The contract's notice in days; undefined when the arrangement gives none (the Data Act maximum is assumed). */
  contractNotice: number | undefined
  transitionDays: number
  statefulGiB: number
  bandwidthMbps: number
  transferHours: number
}

/** The scenarios, notice source and timeline notes of one plan in one language; assessment.json keeps the English. */
export function exitPlanTexts(
  facts: ExitPlanTextFacts,
  lang: Lang,
): Pick<ExitPlan, 'scenarios'> & Pick<ExitPlan['timeline'], 'noticeSource' | 'notes'> {
  const t = doraMessages[lang]
  const f = figuresFor(lang)
  const name = facts.provider
  const notes: string[] = []
  if (facts.contractNotice === undefined) notes.push(t.noteNoNotice)
  else if (facts.contractNotice > DATA_ACT.maxNoticeDays) notes.push(t.noteLongNotice(f.n(facts.contractNotice)))
  notes.push(t.noteTransition)
  if (facts.transferHours / 24 > facts.transitionDays)
    notes.push(t.noteSlowTransfer(f.n(Math.round(facts.statefulGiB)), f.n(facts.bandwidthMbps)))
  return {
    scenarios: [
      {scenario: t.interruption, trigger: t.interruptionTrigger(name), response: t.interruptionResponse},
      {scenario: t.failedDelivery, trigger: t.failedDeliveryTrigger(name), response: t.failedDeliveryResponse},
      {scenario: t.termination, trigger: t.terminationTrigger(name), response: t.terminationResponse},
    ],
    noticeSource: facts.contractNotice === undefined ? t.noticeAssumed : t.noticeContract,
    notes,
  }
}

/** The facts `exitPlanTexts` needs, read back from a plan (the contract's notice is known when the plan says it came from the contract). */
export const textFactsOf = (p: ExitPlan): ExitPlanTextFacts => ({
  provider: p.provider,
  contractNotice: p.timeline.noticeSource === doraMessages.en.noticeAssumed ? undefined : p.timeline.noticeDays,
  transitionDays: p.timeline.transitionDays,
  statefulGiB: p.data.statefulGiB,
  bandwidthMbps: p.data.bandwidthMbps,
  transferHours: p.data.transferHours,
})

function planFor(
  a: Arrangement,
  file: ArrangementsFile,
  resources: readonly AssessedResource[],
  assessment: Assessment,
  dependencies: GraphFindings | undefined,
  now: Date,
): ExitPlan {
  const today = now.toISOString().slice(0, 10)
  const provider = file.providers[a.provider]!
  const name = provider.legalName ?? a.provider
  const transition: ExitPlan['transition'] = []
  if (dependencies) {
    // Per wave, the arrangement's resources in it: one lookup per covered resource, not a pass over every wave's members.
    const waveOf = waveOfNodes(dependencies)
    const byWave = new Map<number, {count: number; gib: number; effort: Record<string, number>}>()
    for (const r of resources) {
      const v = dependencies.graph.index.get(r.id)
      const wave = v === undefined ? 0 : waveOf[v]!
      if (wave === 0) continue
      const row = getOrAdd(byWave, wave, () => ({count: 0, gib: 0, effort: {} as Record<string, number>}))
      row.count++
      row.effort[r.effort ?? 'unknown'] = (row.effort[r.effort ?? 'unknown'] ?? 0) + 1
      if (r.stateful && r.sizeGiB) row.gib += r.sizeGiB
    }
    for (const [wave, row] of [...byWave].sort((x, y) => x[0] - y[0])) {
      const effort = Object.fromEntries(EFFORT_KEYS.filter((k) => row.effort[k]).map((k) => [k, row.effort[k]!]))
      transition.push({wave, resources: row.count, statefulGiB: Math.round(row.gib * 10) / 10, effort})
    }
  }
  let statefulGiB = 0
  let unknownSize = 0
  for (const r of resources)
    if (r.stateful) {
      if (r.sizeGiB === undefined) unknownSize++
      else statefulGiB += r.sizeGiB
    }
  const bandwidthMbps = file.exitPlanning?.bandwidthMbps ?? 1000
  const contractNotice = a.notice?.entityDays
  const noticeDays = contractNotice ?? DATA_ACT.maxNoticeDays
  const transitionDays = DATA_ACT.transitionDays
  const hours = transferHours(statefulGiB, bandwidthMbps)
  // The English texts, from the figures the plan records, so every report language says the same.
  const texts = exitPlanTexts(
    {
      provider: name,
      contractNotice,
      transitionDays,
      statefulGiB: Math.round(statefulGiB * 10) / 10,
      bandwidthMbps,
      transferHours: hours,
    },
    'en',
  )
  const totalDays = noticeDays + transitionDays + DATA_ACT.retrievalDays
  const contractEnd = a.end
  const endsAfterContract = contractEnd !== undefined && addDays(today, totalDays) > contractEnd
  const lastTested = a.exitPlan?.lastTested
  const nextDue = lastTested ? addMonths(lastTested, TEST_INTERVAL_MONTHS) : undefined
  const functions = a.functions.map((id) => ({id, name: file.functions.find((f) => f.id === id)?.name ?? id}))
  return {
    reference: a.reference,
    provider: name,
    functions,
    plan: {link: a.exitPlan?.link, owner: a.exitPlan?.owner},
    scenarios: texts.scenarios,
    alternatives: alternativesOf(resources, assessment),
    transition,
    timeline: {
      noticeDays,
      noticeSource: texts.noticeSource,
      transitionDays,
      retrievalDays: DATA_ACT.retrievalDays,
      totalDays,
      contractEnd,
      endsAfterContract,
      notes: texts.notes,
    },
    data: {statefulGiB: Math.round(statefulGiB * 10) / 10, unknownSize, bandwidthMbps, transferHours: hours},
    tests: {lastTested, nextDue, overdue: nextDue === undefined || nextDue < today},
    resources: resources.length,
  }
}

/** One plan per arrangement that supports a critical or important function (DORA Art. 28(8)). */
export function buildExitPlans(
  file: ArrangementsFile,
  join: JoinResult,
  assessment: Assessment,
  dependencies: GraphFindings | undefined,
  now: Date,
): ExitPlan[] {
  const critical = new Set(file.functions.filter((f) => f.critical === 'yes').map((f) => f.id))
  return file.arrangements
    .filter((a) => a.functions.some((f) => critical.has(f)))
    .map((a) => planFor(a, file, join.byArrangement.get(a.reference) ?? [], assessment, dependencies, now))
}

/** What a per-arrangement rule can require (the dora-exit policy's arrangement rule, the gap report). */
export interface ExitRequirements {
  /** An exit plan is linked (exitPlan.link). */
  exitPlan?: boolean
  /** The plan was tested within this many months (exitPlan.lastTested). */
  testedWithinMonths?: number
  /** Alternatives are identified (assessment.alternatives: yes) where not or hardly substitutable. */
  alternatives?: boolean
}

/** DORA Art. 28(8) and RTS 2024/1773 Art. 10 as exitready checks them by default. */
export const DORA_EXIT_REQUIREMENTS: Required<ExitRequirements> = {
  exitPlan: true,
  testedWithinMonths: TEST_INTERVAL_MONTHS,
  alternatives: true,
}

export interface ExitProblem {
  rule: 'exit-plan' | 'exit-test' | 'alternatives'
  message: string
  /** The field of the arrangements file where it is fixed, below arrangements[i]. */
  field: string
}

const HARD = new Set(['not-substitutable', 'highly-complex'])

/**
 * What an arrangement lacks of the requirements. Alternatives count as identified only when the
 * arrangements file says so: the catalog's proposals are named, but they are not the entity's assessment.
 */
export function exitProblems(s: ArrangementSummary, require: ExitRequirements, now: Date): ExitProblem[] {
  const problems: ExitProblem[] = []
  if (require.exitPlan && !s.exitPlan.link)
    problems.push({rule: 'exit-plan', message: 'links no exit plan', field: 'exitPlan.link'})
  const months = require.testedWithinMonths
  if (months !== undefined) {
    const last = s.exitPlan.lastTested
    if (!last) problems.push({rule: 'exit-test', message: 'the exit plan has never been tested', field: 'exitPlan.lastTested'})
    else if (addMonths(last, months) < now.toISOString().slice(0, 10))
      problems.push({
        rule: 'exit-test',
        message: `the exit plan was last tested on ${last}, more than ${months} months ago`,
        field: 'exitPlan.lastTested',
      })
  }
  if (require.alternatives && s.alternatives.identified !== 'yes') {
    const sub = s.substitutability
    if (sub.value === undefined)
      problems.push({
        rule: 'alternatives',
        message: `its substitutability is unknown (${sub.basis}), so whether it needs identified alternatives cannot be told`,
        field: 'assessment.substitutability',
      })
    else if (HARD.has(sub.value))
      problems.push({
        rule: 'alternatives',
        message: `${sub.value === 'not-substitutable' ? 'not substitutable' : 'hardly substitutable'} (${sub.source === 'supplied' ? 'as assessed' : sub.basis}) without identified alternatives${
          s.alternatives.source === 'proposed' && s.alternatives.providers.length
            ? `; the catalog names ${s.alternatives.providers.slice(0, 3).join(', ')}${s.alternatives.providers.length > 3 ? ' …' : ''}: confirm them`
            : ''
        }`,
        field: 'assessment.alternatives',
      })
  }
  return problems
}

export interface ExitPlanFinding {
  reference: string
  rule: ExitProblem['rule']
  message: string
  field: string
}

/**
 * What DORA asks of each arrangement supporting a critical or important function, checked with
 * the default requirements: a documented exit plan, tested within the last twelve months, and
 * identified alternatives where the provider is not or hardly substitutable. For the gap report.
 */
export function exitPlanFindings(file: ArrangementsFile, summaries: readonly ArrangementSummary[], now: Date): ExitPlanFinding[] {
  const index = new Map(file.arrangements.map((a, i) => [a.reference, i]))
  return summaries
    .filter((s) => s.critical)
    .flatMap((s) =>
      exitProblems(s, DORA_EXIT_REQUIREMENTS, now).map((p) => ({
        reference: s.reference,
        rule: p.rule,
        message: `${s.reference}: ${p.message}.`,
        field: `arrangements[${index.get(s.reference)}].${p.field}`,
      })),
    )
}
