import type {Assessment, ServiceSummary} from '../assessment/schema.js'
import type {PolicyOutcome} from '../policy/types.js'
import {hhiLabel, topHolder} from './concentration-labels.js'
import {hhiBand, num, share} from './format.js'
import {exposureText} from './regulation.js'
import type {SummaryFact} from './summary-links.js'

export interface Risk {
  title: string
  detail: string
  /** What to do about it. */
  action: string
  /** Why it is among the three: the deduction in readiness points, the findings, the dependents. */
  kind: 'deduction' | 'critical-findings' | 'blast-radius' | 'concentration'
  /** The table behind its number, for the link from the summary. */
  fact: SummaryFact
  /** The rule whose findings it counts (critical findings), for a link to them. */
  rule?: {policy: string; id: string}
}

type Deduction = keyof Assessment['summary']['deductions']

/** A service with the most dependents, directly or transitively (from the graph stage). */
export interface BlastCandidate {
  service: string
  title?: string
  provider: string
  portability: string
  dependents: number
}

const points = (value: number) => `${num(value, 1)} readiness point${value === 1 ? '' : 's'}`

function deductionRisk(a: Assessment, which: Deduction, rank: number, topService?: ServiceSummary): Risk {
  const s = a.summary
  const lost = s.deductions[which]
  const largest = rank === 0 ? ', the largest deduction from the grade' : ''
  const top = s.concentration.top
  switch (which) {
    case 'jurisdiction':
      return {
        kind: 'deduction',
        fact: 'jurisdiction',
        title: `Jurisdiction exposure of ${exposureText(a)} of stateful or critical resources costs ${points(lost)}${largest}`,
        detail:
          'EU data residency does not prevent foreign access: the US CLOUD Act reaches US-controlled providers in their EU regions, and a sanction can cut access overnight.',
        action:
          'Move stateful and critical workloads that run on portable technology to an EU-controlled provider first, and hold the keys of what stays outside the provider (the sovereign-first policy checks both).',
      }
    case 'lockIn':
      return {
        kind: 'deduction',
        fact: 'lockIn',
        title: `A lock-in index of ${num(s.lockInIndex, 1)} of 100 costs ${points(lost)}${largest}`,
        detail: topService
          ? `${topService.title ?? topService.type} on ${topService.provider} causes ${share(topService.lockInContribution)} of the weighted lock-in (${num(topService.count)} resources, ${topService.portability}).`
          : 'Proprietary and captive services carry most of it.',
        action: topService?.exit ?? 'Start the exit plan with the services that cause the most lock-in (section 3).',
      }
    case 'concentration':
      return {
        kind: 'deduction',
        fact: 'concentration',
        title: `Concentration (${hhiLabel(s.concentration)} ${num(s.concentration.hhi)}, ${hhiBand(s.concentration.hhi)}) costs ${points(lost)}${largest}`,
        detail: top
          ? `${topHolder(top)} holds ${share(top.share, 'weighted')}; an outage, price rise or withdrawal there reaches most of the organisation at once.`
          : 'Most of the estate rests with few providers.',
        action:
          'Move portable workloads (VMs, Kubernetes, PostgreSQL, object storage) to a second provider first; they cost least to move.',
      }
    case 'unmapped':
      return {
        kind: 'deduction',
        fact: 'unmapped',
        title: `${share(s.unmappedShare, 'weighted')} of the estate is unmapped and costs ${points(lost)}${largest}`,
        detail: 'An unmapped type is scored as unknown risk; the grade says less about the estate the more there are.',
        action:
          'Map the largest unmapped types with a private catalog entry (`--catalog`); `exitready catalog coverage --snapshot` lists them.',
      }
  }
}

/**
 * The three biggest risks, in this order of precedence: the largest deduction from the grade; open
 * critical findings; the proprietary or captive service with the largest blast radius; concentration
 * on one provider or group (with the ESAs' designation); then the next deductions. Each names its
 * number and what to do.
 */
export function selectRisks(
  a: Assessment,
  policies: PolicyOutcome[],
  blast: BlastCandidate | undefined,
  topService: ServiceSummary | undefined,
): Risk[] {
  const s = a.summary
  const deductions = (Object.entries(s.deductions) as [Deduction, number][])
    .filter(([, v]) => v > 0)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
  const candidates: Risk[] = []
  if (deductions[0]) candidates.push(deductionRisk(a, deductions[0][0], 0, topService))

  const critical = policies
    .flatMap((p) =>
      p.rules.map((r) => ({
        policy: p.name,
        rule: r,
        open: r.findings.filter((f) => !f.waiver && f.severity === 'critical').length,
      })),
    )
    .filter((x) => x.open > 0)
    .sort((x, y) => y.open - x.open || x.rule.id.localeCompare(y.rule.id))
  if (critical.length) {
    const total = critical.reduce((n, x) => n + x.open, 0)
    const worst = critical[0]!
    candidates.push({
      kind: 'critical-findings',
      fact: 'findings',
      rule: {policy: worst.policy, id: worst.rule.id},
      title: `${num(total)} open critical finding${total === 1 ? '' : 's'}, ${num(worst.open)} of them from ${worst.policy}/${worst.rule.id}: ${worst.rule.title}`,
      detail: worst.rule.rationale,
      action: worst.rule.remediation,
    })
  }

  if (blast && blast.dependents >= 5)
    candidates.push({
      kind: 'blast-radius',
      fact: 'blastRadius',
      title: `${num(blast.dependents)} resources depend on ${blast.title ?? blast.service} at ${blast.provider}, directly or transitively`,
      detail: `It is ${blast.portability}: leaving it means changing everything that uses it, so its replacement decides the order of the exit waves.`,
      action:
        'Put an open interface or an adapter between its users and it now, then replace it before what depends on it moves.',
    })

  const top = s.concentration.top
  const group = a.concentrationByControl?.groups[0]
  if (top && top.share > 0.4 && deductions[0]?.[0] !== 'concentration') {
    const ctpp = group?.ctpp.length
      ? ` The ESAs designated ${group.ctpp.join(', ')} a critical ICT third-party provider (${a.concentrationByControl!.ctpp.asOf}): it is under EU oversight, which does not reduce the entity's own concentration risk (DORA Art. 29).`
      : ''
    candidates.push({
      kind: 'concentration',
      fact: 'concentration',
      title: `${topHolder(top)} holds ${share(top.share, 'weighted')} of the estate (${hhiLabel(s.concentration)} ${num(s.concentration.hhi)}, ${hhiBand(s.concentration.hhi)})`,
      detail: `An outage, price rise or withdrawal there reaches most of the organisation at once.${group && group.share > top.share ? ` By ultimate parent, ${group.name} holds ${share(group.share, 'weighted')}.` : ''}${ctpp}`,
      action: 'Place a share of the critical functions with a second provider, or hold a tested warm standby there.',
    })
  }
  for (const [which] of deductions.slice(1)) candidates.push(deductionRisk(a, which, 1, topService))
  return candidates.slice(0, 3)
}
