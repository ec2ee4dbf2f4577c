import type {PolicyOutcome} from '../policy/types.js'
import {ruleAnchor} from './regulation.js'

/** A figure of the executive summary, by what stands behind it. */
export type SummaryFact =
  | 'lockIn'
  | 'concentration'
  | 'jurisdiction'
  | 'unmapped'
  | 'data'
  | 'egress'
  | 'findings'
  | 'blastRadius'

/**
 * Where the table behind each figure of the executive summary sits, so a reader can follow it to
 * the resources: its HTML id, and the Markdown anchor that GitHub and GitLab derive from its heading.
 */
export const BEHIND: Record<SummaryFact, {html: string; md: string; label: string}> = {
  lockIn: {html: 'resources-by-score', md: '8-appendix', label: 'the resources by lock-in score'},
  concentration: {html: 'by-who-controls', md: 'by-who-controls', label: 'concentration by who controls'},
  jurisdiction: {html: 'residency', md: 'residency-versus-control', label: 'residency versus control'},
  unmapped: {html: 'unmapped-types', md: 'unmapped-types', label: 'the unmapped types'},
  data: {html: 'data-act-timeline', md: 'switching-timeline-under-the-eu-data-act', label: 'the data to move per provider'},
  egress: {html: 'egress', md: '6-regulatory-mapping', label: 'the egress estimate per provider'},
  findings: {html: 'findings', md: '5-findings-per-policy-rule', label: 'the findings'},
  blastRadius: {html: 'blast-radius', md: '4-exit-waves-and-what-moves-together', label: 'the blast radius'},
}

/** The HTML anchor of a policy's findings: its first rule with open findings, else its first rule. */
export function policyAnchor(p: PolicyOutcome): string {
  const rule = p.rules.find((r) => r.findings.some((f) => !f.waiver)) ?? p.rules[0]
  return rule ? ruleAnchor(p.name, rule.id) : BEHIND.findings.html
}

/** The HTML anchor behind a risk: the rule whose findings it counts, else the table behind its number. */
export const riskAnchor = (risk: {fact: SummaryFact; rule?: {policy: string; id: string}}): string =>
  risk.rule ? ruleAnchor(risk.rule.policy, risk.rule.id) : BEHIND[risk.fact].html
