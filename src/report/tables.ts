import type {Assessment} from '../assessment/schema.js'
import {round} from '../assessment/score.js'
import type {PolicyOutcome, RuleVerdict} from '../policy/types.js'
import {gib, money, num, share} from './format.js'
import type {ReportModel} from './model.js'
import {firstToMoveText} from './plan.js'

/**
 * The tables the human-readable reports share: one definition of each table's columns and cells,
 * rendered as Markdown or HTML. `numeric` lists the columns to right-align.
 */
export interface Table {
  head: string[]
  rows: unknown[][]
  numeric?: number[]
}

export const FINDINGS_SHOWN = 50
export const SOURCES_SHOWN = 200

export function policyVerdicts(policies: PolicyOutcome[]): Table {
  return {
    head: ['Policy', 'Verdict', 'Rules failed', 'Open findings'],
    rows: policies.map((p) => {
      const failed = p.rules.filter((r) => r.status === 'fail')
      const open = failed.reduce((n, r) => n + r.findings.filter((f) => !f.waiver).length, 0)
      return [p.title, failed.length ? 'fail' : 'pass', `${failed.length} of ${p.rules.length}`, open]
    }),
    numeric: [3],
  }
}

export function providers(a: Assessment): Table {
  return {
    head: [
      'Provider',
      'Controlled from',
      'Foreign access laws',
      'Resources',
      'Share (weighted by criticality)',
      'Share (by count)',
      'Lock-in',
      'Stateful data',
    ],
    rows: a.providers.map((p) => [
      p.name,
      `${p.control}${p.parent ? `: ${p.parent}` : ''}`,
      p.extraterritorial.join('; ') || 'none known',
      p.count,
      share(p.share),
      // Rounded as the stored shares are, so the control table below shows the same figure.
      share(round(p.count / Math.max(1, a.summary.resourceCount), 4)),
      num(p.lockInIndex, 1),
      gib(p.statefulGiB),
    ]),
    numeric: [3, 4, 5, 6],
  }
}

export function categories(a: Assessment): Table {
  return {
    head: ['Category', 'Critical', 'Resources', 'Lock-in', 'HHI over providers (weighted)', 'Top provider (weighted share)'],
    rows: a.categories.map((c) => [
      c.title,
      c.critical ? 'yes' : '',
      c.count,
      num(c.lockInIndex, 1),
      num(c.concentration.hhi),
      c.concentration.top ? `${c.concentration.top.provider} ${share(c.concentration.top.share)}` : '',
    ]),
    numeric: [2, 3, 4],
  }
}

export const residency = (a: Assessment): Table => ({
  head: ['Country (residency)', 'Control', 'Resources'],
  rows: a.residency.map((r) => [r.country, r.control, r.count]),
  numeric: [2],
})

/** SaaS services found from DNS, with the records that showed them; empty when there are none. */
export const foundFromDns = (a: Assessment): Table => ({
  head: ['Service', 'Resource', 'Evidence'],
  rows: a.resources
    .filter((r) => r.evidence?.length)
    .slice(0, SOURCES_SHOWN)
    .map((r) => [r.type.replace(/^saas:/, ''), r.name ?? r.id, r.evidence!.join('; ')]),
})

export const sources = (a: Assessment): Table => ({
  head: ['Provider', 'Scope', 'Status', 'Resources', 'Reason'],
  rows: a.sources.slice(0, SOURCES_SHOWN).map((x) => [x.provider, x.scope, x.status, x.count, x.error ?? '']),
  numeric: [3],
})

export const waves = (m: ReportModel): Table => ({
  head: ['Wave', 'Resources', 'Effort S/M/L/XL/unknown', 'Stateful data', 'First to move (unblocks)', 'Why here'],
  rows: m.waves.map((w) => [
    w.wave,
    w.count,
    `${w.effort.S}/${w.effort.M}/${w.effort.L}/${w.effort.XL}/${w.effort.unknown}`,
    gib(w.statefulGiB),
    firstToMoveText(w),
    w.members[0]?.reason ?? '',
  ]),
  numeric: [1],
})

export const components = (m: ReportModel): Table => ({
  head: ['#', 'Resources', 'Providers', 'Mean lock-in', 'Stateful data', 'For example'],
  rows: m.components.map((c) => [
    c.id,
    c.size,
    c.providers.join(', '),
    num(c.meanLockIn, 1),
    gib(c.statefulGiB),
    c.examples.join(', '),
  ]),
  numeric: [1, 3],
})

export const blast = (m: ReportModel): Table => ({
  head: ['Service', 'Provider', 'Class', 'Dependents'],
  rows: m.blast.map((b) => [b.service, b.provider, b.portability, b.dependents]),
  numeric: [3],
})

export const findings = (rule: RuleVerdict): Table => ({
  head: ['Resource', 'Finding', 'Waiver'],
  rows: rule.findings
    .slice(0, FINDINGS_SHOWN)
    .map((f) => [
      f.resourceId ?? f.subject ?? 'estate',
      f.message,
      f.waiver ? `${f.waiver.reason} (until ${f.waiver.expires})` : '',
    ]),
})

export const expiredWaivers = (policies: PolicyOutcome[]): Table => ({
  head: ['Policy', 'Rule', 'Resources', 'Reason', 'Expired'],
  rows: policies.flatMap((p) => p.expiredWaivers.map((w) => [p.name, w.rule, w.resources.join(', '), w.reason, w.expires])),
})

export const egress = (a: Assessment): Table => ({
  head: ['Provider', 'Stateful data', 'Unknown sizes', 'Egress at list price', 'Price note'],
  rows: a.egress.estimates.map((e) => [
    e.provider,
    gib(e.statefulGiB),
    e.unknownSize,
    money(e.cost, e.currency),
    e.priceNote ?? '',
  ]),
  numeric: [1, 2, 3],
})

export const unmapped = (a: Assessment): Table => ({
  head: ['Type', 'Provider', 'Count'],
  rows: a.unmapped.slice(0, 200).map((u) => [u.type, u.provider, u.count]),
  numeric: [2],
})

export const topResources = (m: ReportModel): Table => ({
  head: ['Resource', 'Provider', 'Type', 'Region', 'Country', 'Class', 'Score', 'Base + gravity + coupling', 'Tags'],
  rows: m.topResources.map((r) => [
    r.name ?? r.id,
    r.provider,
    r.type,
    r.region ?? '',
    r.country ?? '',
    r.portability,
    r.score,
    `${r.breakdown.base} + ${r.breakdown.gravity} + ${r.breakdown.coupling}`,
    Object.entries(r.tags)
      .slice(0, 6)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
  ]),
  numeric: [6],
})

export const WAVES_INTRO =
  'Leave in waves: a dependency that holds data moves before what uses it; a stateless one moves with it or before. Stateless plumbing (log groups, alarms, IAM roles, networks, security groups) forms no wave of its own: it moves with the workload that uses it. Within a wave, what unblocks the most later resources goes first, then plumbing last, then the smallest effort. "First to move" names the services of each wave that most resources of later waves use directly: moving them unblocks those.'
export const RESIDENCY_INTRO = 'Where data sits (country) and who controls the provider (jurisdiction) are two different facts.'

/** Concentration per ultimate parent (a group): what it controls directly and through SaaS that runs on it. */
export function controlGroups(a: Assessment): Table {
  const c = a.concentrationByControl
  return {
    head: [
      'Ultimate parent',
      'Country',
      'Controls',
      'Resources',
      'Share (weighted by criticality)',
      'Share (by count)',
      'Share of critical-function resources (by count)',
      'With SaaS that runs on it (weighted)',
      `Designated critical ICT third-party provider (ESAs, ${c?.ctpp.asOf ?? '—'})`,
    ],
    rows: (c?.groups ?? []).map((g) => [
      g.name,
      g.country ?? 'unknown',
      g.members.join(', ') || '—',
      g.count,
      share(g.share),
      share(g.countShare),
      share(g.criticalFunctionShare),
      g.fourthParty.count
        ? `${share(g.withFourthPartyShare)} (via ${g.fourthParty.via.join(', ')})`
        : share(g.withFourthPartyShare),
      g.ctpp.join('; ') || 'no',
    ]),
    numeric: [3, 4, 5, 6],
  }
}

/** Concentration per vendor: each cloud provider and each SaaS vendor apart. */
export function controlVendors(a: Assessment): Table {
  return {
    head: [
      'Vendor',
      'Kind',
      'Ultimate parent',
      'Resources',
      'Share (weighted by criticality)',
      'Share (by count)',
      'Share of critical-function resources (by count)',
      'Contracts through a designated CTPP',
    ],
    rows: (a.concentrationByControl?.vendors ?? []).map((v) => [
      v.name,
      v.kind === 'saas' ? 'SaaS' : 'cloud',
      a.concentrationByControl?.groups.find((g) => g.id === v.group)?.name ?? v.group,
      v.count,
      share(v.share),
      share(v.countShare),
      share(v.criticalFunctionShare),
      v.ctpp ?? 'no',
    ]),
    numeric: [3, 4, 5, 6],
  }
}

/** The audit trail: what a filed report was made from, so it can be reproduced. */
export function auditTrail(a: Assessment): Table {
  const p = a.provenance
  const rows: unknown[][] = [
    ['Tool', `${p?.tool?.name ?? a.generator.name} ${p?.tool?.version ?? a.generator.version}`],
    ['Assessed at', p?.createdAt ?? a.createdAt],
  ]
  if (p?.inputs?.length) for (const i of p.inputs) rows.push([`Input ${i.file}`, `SHA-256 ${i.sha256} (${num(i.bytes)} bytes)`])
  else rows.push(['Inputs', `${a.inputs.join(', ') || 'not recorded'} (no file hash recorded)`])
  if (p) {
    rows.push([
      'Catalog',
      `fingerprint SHA-256 ${p.catalog.fingerprint}; built-in catalog of exitready ${p.catalog.version ?? a.generator.version}${p.catalog.files?.length ? `, with ${p.catalog.files.join(', ')}` : ''}`,
    ])
    for (const policy of p.policies)
      rows.push([`Policy ${policy.name}`, `SHA-256 ${policy.sha256}${policy.source ? ` (${policy.source})` : ''}`])
  } else rows.push(['Catalog and policies', 'not recorded in this assessment'])
  if (a.concentrationByControl)
    rows.push([
      'Critical ICT third-party providers',
      `the ESAs' list of ${a.concentrationByControl.ctpp.asOf} (${a.concentrationByControl.ctpp.sources.join('; ')})`,
    ])
  return {head: ['What', 'Value'], rows}
}

/** One sentence before the control tables: the HHIs by vendor and by parent, and what the designated CTPPs hold. */
export function controlIntro(a: Assessment): string {
  const c = a.concentrationByControl
  if (!c) return ''
  return `Concentration counted by who controls, not by label: each SaaS vendor apart, and providers and vendors of one group together (DORA Art. 29 speaks of closely connected providers). HHI over vendors ${num(c.hhi.vendor)}, over ultimate parents ${num(c.hhi.group)} (both weighted by criticality; the grade uses the one over ultimate parents). Groups that include a critical ICT third-party provider designated by the ESAs (list of ${c.ctpp.asOf}) hold ${share(c.ctpp.share, 'weighted')} and ${share(c.ctpp.criticalFunctionShare, 'critical-function')}. SaaS that runs on a cloud provider is a fourth-party dependency of that provider's group (catalog/ownership.yaml).`
}
