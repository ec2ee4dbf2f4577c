import type {Assessment} from '../assessment/schema.js'
import {builtinProvisionChecks, PROVISIONS, type ProvisionCheck} from '../policy/provisions.js'
import type {PolicyOutcome} from '../policy/types.js'
import {hhiLabel, topHolder} from './concentration-labels.js'
import {gib, hhiBand, num, share} from './format.js'

/**
 * One status per provision, from the rules that check it (their `provisions` field):
 * met (they ran on resources and passed), not met (open findings), partly assessed (some of the
 * built-in checks for it did not run, or selected nothing), not assessed (no selected rule checks it).
 */
export type ProvisionStatus = 'met' | 'not-met' | 'partly-assessed' | 'not-assessed'

export const STATUS_LABEL: Record<ProvisionStatus, string> = {
  met: 'met',
  'not-met': 'not met',
  'partly-assessed': 'partly assessed',
  'not-assessed': 'not assessed',
}

export interface ProvisionRule {
  policy: string
  rule: string
  title: string
  status: 'pass' | 'fail' | 'waived'
  selected: number
  /** It selected nothing because nothing carries the tags or ids it selects by: it could not check anything. */
  vacuous: boolean
  open: number
  /** The anchor of its section in the findings (HTML id, Markdown anchor). */
  anchor: string
}

export interface RegulationRow {
  id: string
  framework: string
  provision: string
  /** What the estate shows, independent of any rule: facts with their base named. */
  measure: string
  status: ProvisionStatus
  /** Open (unwaived) findings of the rules that check it. */
  findings: number
  /** The evaluated rules that check it. */
  checkedBy: ProvisionRule[]
  /** Built-in rules that check it but were not evaluated in this run. */
  notRun: ProvisionCheck[]
  /** The status in one sentence, naming the rules. */
  explanation: string
}

/** The anchor of a rule's section in the findings; policy names and rule ids are [a-z0-9-] by schema. */
export const ruleAnchor = (policy: string, rule: string): string => `rule-${policy}-${rule}`

const named = (checks: {policy: string; rule: string}[]) => checks.map((c) => `${c.policy}/${c.rule}`).join(', ')

/** Built-in rules grouped by policy: "dora-exit (exit-plan-documented, substitutable)". */
function byPolicy(checks: ProvisionCheck[]): string {
  const groups = new Map<string, string[]>()
  for (const c of checks) groups.set(c.policy, [...(groups.get(c.policy) ?? []), c.rule])
  return [...groups].map(([policy, rules]) => `${policy} (${rules.join(', ')})`).join(' and ')
}

function statusOf(
  checkedBy: ProvisionRule[],
  notRun: ProvisionCheck[],
  inventory: boolean,
): Pick<RegulationRow, 'status' | 'findings' | 'explanation'> {
  const findings = checkedBy.reduce((n, r) => n + r.open, 0)
  const ran = checkedBy.filter((r) => !r.vacuous)
  const empty = checkedBy.filter((r) => r.vacuous)
  const missing = notRun.length ? ` Not checked in this run: ${byPolicy(notRun)}.` : ''
  const vacuous = empty.length ? ` Selected no resource, as none carries the tags they select by: ${named(empty)}.` : ''
  if (findings > 0) {
    const failing = checkedBy.filter((r) => r.open > 0).map((r) => `${r.policy}/${r.rule} (${num(r.open)})`)
    return {
      status: 'not-met',
      findings,
      explanation: `${num(findings)} open finding${findings === 1 ? '' : 's'}: ${failing.join(', ')}.${missing}`,
    }
  }
  if (ran.length === 0) {
    const would = notRun.length
      ? `the built-in ${byPolicy(notRun)} would check it`
      : inventory
        ? 'nor does any built-in policy'
        : 'an inventory of cloud resources cannot show it, and no built-in policy checks it'
    return {
      status: 'not-assessed',
      findings: 0,
      explanation: `${checkedBy.length ? `The rules that check it selected no resource, as none carries the tags they select by (${named(empty)})` : 'No selected policy checks it'}; ${would}.`,
    }
  }
  const waived = ran.filter((r) => r.status === 'waived')
  const passed = `${named(ran)} ran on the estate and passed${waived.length ? ` (${named(waived)} with waived findings only)` : ''}.`
  if (notRun.length || empty.length) return {status: 'partly-assessed', findings: 0, explanation: `${passed}${vacuous}${missing}`}
  return {status: 'met', findings: 0, explanation: passed}
}

/** The facts each provision row shows; every share names its base. */
function measures(a: Assessment): Map<string, string> {
  const s = a.summary
  let criticalFunction = 0
  let withPlan = 0
  let weight = 0
  let openWeight = 0
  let nonEuGiB = 0
  let captive = 0
  let unmapped = 0
  let regionWeight = 0
  const regions = new Map<string, number>()
  for (const r of a.resources) {
    if (r.tags['critical-function'] === 'true') {
      criticalFunction++
      if (r.tags['exit-plan']?.trim()) withPlan++
    }
    weight += r.weight
    if (r.portability === 'portable' || r.portability === 'compatible') openWeight += r.weight
    if (r.stateful && r.control !== 'EU' && r.control !== 'EEA+CH') nonEuGiB += r.sizeGiB ?? 0
    if (r.portability === 'captive') captive++
    if (r.portability === 'unmapped') unmapped++
    if (r.stateful && r.critical) {
      const key = `${r.provider}/${r.region ?? 'unknown'}`
      regions.set(key, (regions.get(key) ?? 0) + r.weight)
      regionWeight += r.weight
    }
  }
  const topRegion = [...regions.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]
  const control = a.concentrationByControl
  const topGroup = control?.groups[0]
  const nonEuGroups = control?.groups.filter((g) => g.country && !EU_EEA_CH.has(g.country)) ?? []
  const nonEuGroupShare = nonEuGroups.reduce((n, g) => n + g.share, 0)
  const top = s.concentration.top
  return new Map([
    [
      'DORA Art. 28(8)',
      `${num(criticalFunction)} resources are tagged critical-function=true; ${num(withPlan)} of them carry an exit-plan tag.`,
    ],
    [
      'DORA Art. 29',
      `${hhiLabel(s.concentration)} ${num(s.concentration.hhi)} (weighted by criticality; ${hhiBand(s.concentration.hhi)})${top ? `; ${topHolder(top)} holds ${share(top.share, 'weighted')}` : ''}.${
        control && topGroup
          ? ` Over vendors (each SaaS vendor apart, a group's providers apart): HHI ${num(control.hhi.vendor)}. Groups with a designated critical ICT third-party provider (ESAs, ${control.ctpp.asOf}) hold ${share(control.ctpp.share, 'weighted')} and ${share(control.ctpp.criticalFunctionShare, 'critical-function')}.`
          : ''
      }`,
    ],
    [
      'Data Act Arts. 23-29',
      `${gib(s.dataGiB)} of data to move (${num(s.unknownSizeCount)} stateful resources of unknown size). These articles oblige providers; they are shown for the exit plan, not checked by a rule.`,
    ],
    [
      'Data Act Art. 30',
      `${share(weight ? openWeight / weight : 0, 'weighted')} of the estate is portable or compatible (reached through open or de-facto standards).`,
    ],
    [
      'CSF SOV-1',
      control
        ? `${num(nonEuGroups.length)} of ${num(control.groups.length)} ultimate parents are outside the EU, EEA and Switzerland; they hold ${share(nonEuGroupShare, 'weighted')}.`
        : 'Ownership of the providers is listed under the providers table.',
    ],
    ['CSF SOV-2', `Jurisdiction exposure ${exposureText(a)} of stateful or critical resources (weighted).`],
    ['CSF SOV-3', `${gib(nonEuGiB)} of stored data sits with providers under non-EU control.`],
    [
      'CSF SOV-4',
      `${top ? `${topHolder(top)} holds ${share(top.share, 'weighted')}; ` : ''}${topRegion ? `${share(topRegion[1] / regionWeight, 'weighted')} of stateful resources in critical categories are in ${topRegion[0]}` : 'no stateful resource in a critical category'}.`,
    ],
    ['CSF SOV-5', 'Hardware, firmware and software origin are not visible in an inventory of cloud resources.'],
    [
      'CSF SOV-6',
      `Lock-in index ${num(s.lockInIndex, 1)} of 100; ${num(captive)} captive and ${num(unmapped)} unmapped resources.`,
    ],
    ['CSF SOV-7', 'Certifications, security operations and patch autonomy are not visible in an inventory of cloud resources.'],
    ['CSF SOV-8', 'Energy, carbon and hardware reuse are not visible in an inventory of cloud resources.'],
  ])
}

const EU_EEA_CH = new Set(
  'EU AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE HU IS LI NO CH'.split(' '),
)

/** Jurisdiction exposure as every report shows it: one rounding, with the reach part named. */
export function exposureText(a: Assessment): string {
  const s = a.summary
  return `${share(s.jurisdictionExposure)}${s.foreignReachShare ? ` (non-EU control, plus ${share(s.foreignReachShare)} EU-controlled with a non-EU reach counted at ${a.constants.foreignReachWeight})` : ''}`
}

/**
 * The regulatory mapping: every listed provision, plus any other provision a selected rule names,
 * with the status its rules give and the facts beside it.
 */
export function regulationRows(
  a: Assessment,
  policies: PolicyOutcome[],
  builtin: ReadonlyMap<string, ProvisionCheck[]> = builtinProvisionChecks(),
): RegulationRow[] {
  const evaluated = new Map<string, ProvisionRule[]>()
  const ran = new Set<string>()
  for (const p of policies)
    for (const r of p.rules) {
      ran.add(`${p.name}/${r.id}`)
      for (const provision of r.provisions ?? [])
        evaluated.set(provision, [
          ...(evaluated.get(provision) ?? []),
          {
            policy: p.name,
            rule: r.id,
            title: r.title,
            status: r.status,
            selected: r.selected,
            vacuous: r.selected === 0 && (r.selectsBy ?? []).some((key) => key === 'tags' || key === 'id'),
            open: r.findings.filter((f) => !f.waiver).length,
            anchor: ruleAnchor(p.name, r.id),
          },
        ])
    }
  const facts = measures(a)
  const known = new Set(PROVISIONS.map((p) => p.id))
  const listed = [
    ...PROVISIONS,
    ...[...evaluated.keys()]
      .filter((id) => !known.has(id))
      .sort()
      .map((id) => ({id, framework: 'Other' as const, title: id, inventory: true})),
  ]
  return listed.map((p) => {
    const checkedBy = evaluated.get(p.id) ?? []
    const notRun = (builtin.get(p.id) ?? []).filter((c) => !ran.has(`${c.policy}/${c.rule}`))
    return {
      id: p.id,
      framework: p.framework,
      provision: p.title,
      measure: facts.get(p.id) ?? 'Named by a selected policy rule.',
      checkedBy,
      notRun,
      ...statusOf(checkedBy, notRun, p.inventory),
    }
  })
}
