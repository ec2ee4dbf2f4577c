import Table from 'cli-table3'
import type {Assessment} from '../assessment/schema.js'
import type {PolicyOutcome} from '../policy/types.js'
import {GRADE_MEANING, gib, num, pct} from './format.js'

// Compact tables: no line between rows.
const table = (head: string[]) =>
  new Table({
    head,
    style: {head: [], border: [], compact: true},
    wordWrap: true,
    chars: {mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''},
  })

/** The terminal summary of `assess`: grade, indices, hotspots, unmapped types. */
export function renderTerminalSummary(assessment: Assessment, options: {hotspots?: number} = {}): string {
  const s = assessment.summary
  const lines: string[] = []
  lines.push(`Exit readiness: grade ${s.grade} (${num(s.readiness, 1)}/100) — ${GRADE_MEANING[s.grade]}`)
  lines.push(`${num(s.resourceCount)} resources from ${assessment.providers.length} providers`)
  const indices = table(['Index', 'Value', 'Meaning'])
  indices.push(
    ['Lock-in index', `${num(s.lockInIndex, 1)} / 100`, 'criticality-weighted mean of resource scores'],
    [
      'Concentration (HHI)',
      num(s.concentration.hhi),
      s.concentration.top ? `top provider ${s.concentration.top.provider} holds ${pct(s.concentration.top.share)}` : '—',
    ],
    ['Jurisdiction exposure', pct(s.jurisdictionExposure), 'stateful or critical resources under non-EU control'],
    [
      'Data to move',
      gib(s.dataGiB),
      s.unknownSizeCount ? `plus ${s.unknownSizeCount} stateful resources of unknown size` : 'all sizes known',
    ],
    [
      'Unmapped',
      pct(s.unmappedShare, 1),
      `${assessment.unmapped.reduce((n, u) => n + u.count, 0)} resources the catalog does not know`,
    ],
  )
  lines.push(indices.toString())

  const hotspots = table(['Lock-in hotspot', 'Provider', 'Count', 'Class', 'Score', 'Share of lock-in'])
  for (const service of assessment.services.slice(0, options.hotspots ?? 8))
    hotspots.push([
      service.title ?? service.type,
      service.provider,
      String(service.count),
      service.portability,
      num(service.meanScore, 1),
      pct(service.lockInContribution, 1),
    ])
  lines.push(hotspots.toString())

  if (assessment.unmapped.length > 0) {
    const unmapped = table(['Unmapped type', 'Provider', 'Count'])
    for (const u of assessment.unmapped.slice(0, 10)) unmapped.push([u.type, u.provider, String(u.count)])
    lines.push(unmapped.toString())
  }
  const failed = assessment.sources.filter((source) => source.status !== 'complete')
  if (failed.length > 0)
    lines.push(
      `Incomplete sources: ${failed.map((f) => `${f.provider}/${f.scope} (${f.status}${f.error ? `: ${f.error}` : ''})`).join('; ')}`,
    )
  return lines.join('\n')
}

/** One line per rule: verdict, severity, title and the number of findings. */
export function renderPolicyVerdicts(policies: PolicyOutcome[], blocking: number): string {
  const t = table(['Policy', 'Rule', 'Severity', 'Verdict', 'Findings'])
  for (const policy of policies)
    for (const rule of policy.rules) {
      const open = rule.findings.filter((f) => !f.waiver).length
      const waived = rule.findings.length - open
      t.push([
        policy.name,
        rule.title,
        rule.severity,
        rule.status.toUpperCase(),
        `${open}${waived ? ` (+${waived} waived)` : ''}`,
      ])
    }
  const expired = policies.flatMap((p) => p.expiredWaivers.map((w) => `${p.name}/${w.rule} (expired ${w.expires})`))
  const lines = [t.toString()]
  if (expired.length) lines.push(`Expired waivers, no longer applied: ${expired.join(', ')}`)
  lines.push(
    blocking > 0
      ? `${blocking} finding${blocking > 1 ? 's' : ''} at or above the fail-on severity: exit code 1.`
      : 'No finding at or above the fail-on severity.',
  )
  return lines.join('\n')
}
