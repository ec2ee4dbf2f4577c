import {GRADE_MEANING, gib, money, num, pct} from './format.js'
import type {ReportData} from './types.js'

/** Escapes text for a Markdown table cell. */
export const mdCell = (value: unknown): string =>
  String(value ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/\r?\n/g, ' ')

function mdTable(head: string[], rows: unknown[][]): string {
  const line = (cells: unknown[]) => `| ${cells.map(mdCell).join(' | ')} |`
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n')
}

/** exit-report.md: the exit-strategy report for people, in Markdown. */
export function* renderMarkdown({assessment: a, policies}: ReportData): Generator<string> {
  const s = a.summary
  yield `# Exit-strategy report\n\n`
  yield `Generated ${a.createdAt.slice(0, 10)} by exitready ${a.generator.version} from ${a.inputs.length ? a.inputs.map((i) => `\`${i}\``).join(', ') : 'the given inventory'}.\n\n`
  yield `## Executive summary\n\n`
  yield `**Exit readiness: grade ${s.grade}** (${num(s.readiness, 1)} of 100): ${GRADE_MEANING[s.grade]}.\n\n`
  yield `${mdTable(
    ['Measure', 'Value', 'What it means'],
    [
      [
        'Lock-in index',
        `${num(s.lockInIndex, 1)} / 100`,
        'Mean lock-in score of all resources, weighted by how critical their category is.',
      ],
      [
        'Concentration (HHI)',
        num(s.concentration.hhi),
        s.concentration.top
          ? `${s.concentration.top.provider} holds ${pct(s.concentration.top.share)} of the weighted estate (10,000 = one provider).`
          : '',
      ],
      [
        'Jurisdiction exposure',
        pct(s.jurisdictionExposure),
        'Share of stateful or critical resources controlled from outside the EU.',
      ],
      [
        'Data to move',
        gib(s.dataGiB),
        s.unknownSizeCount
          ? `${s.unknownSizeCount} stateful resources have no known size and are not counted.`
          : 'Every stateful size is known.',
      ],
      ['Unmapped', pct(s.unmappedShare, 1), 'Resources the catalog does not know, scored as unknown risk.'],
    ],
  )}\n\n`
  for (const policy of policies) {
    const failed = policy.rules.filter((r) => r.status === 'fail')
    yield `- Policy **${mdCell(policy.title)}**: ${failed.length === 0 ? 'passed' : `${failed.length} of ${policy.rules.length} rules failed`}.\n`
  }
  if (policies.length) yield '\n'

  yield `## Inventory overview\n\n### By provider\n\n`
  yield `${mdTable(
    ['Provider', 'Controlled from', 'Resources', 'Share', 'Lock-in', 'Stateful data'],
    a.providers.map((p) => [
      p.name,
      `${p.control}${p.parent ? ` (${p.parent})` : ''}`,
      p.count,
      pct(p.share),
      num(p.lockInIndex, 1),
      gib(p.statefulGiB),
    ]),
  )}\n\n`
  yield `### Lock-in hotspots\n\n`
  yield `${mdTable(
    ['Service', 'Provider', 'Count', 'Class', 'Mean score', 'Share of lock-in', 'Move to'],
    a.services
      .slice(0, 15)
      .map((v) => [
        v.title ?? v.type,
        v.provider,
        v.count,
        v.portability,
        num(v.meanScore, 1),
        pct(v.lockInContribution, 1),
        v.standard ?? '—',
      ]),
  )}\n\n`
  if (a.unmapped.length) {
    yield `## Unmapped types\n\n`
    yield `${mdTable(
      ['Type', 'Provider', 'Count'],
      a.unmapped.map((u) => [`\`${u.type}\``, u.provider, u.count]),
    )}\n\n`
  }
  yield `## Data to move\n\nList prices as of ${a.egress.pricesAsOf}.\n\n`
  yield `${mdTable(
    ['Provider', 'Stateful data', 'Unknown sizes', 'Egress at list price'],
    a.egress.estimates.map((e) => [e.provider, gib(e.statefulGiB), e.unknownSize, money(e.cost, e.currency)]),
  )}\n\n`
  yield `## Methodology\n\n`
  const c = a.constants
  yield `Each resource scores 0–100: a base from its portability class (${Object.entries(c.portabilityBase)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )}), plus data gravity when it holds data (${c.statefulBonus}, plus ${c.sizeBonusPerDecade} × log10(1 + GiB), at most ${c.maxSizeBonus}), plus coupling (${c.couplingFactor} × the gap to its most locked-in proprietary or captive dependency, at most ${c.maxCoupling}). `
  yield `Readiness is 100 minus ${c.readinessWeights.lockIn} × lock-in index, ${c.readinessWeights.concentration} × HHI/100, ${c.readinessWeights.jurisdiction} × jurisdiction exposure (%), and ${c.readinessWeights.unmapped} × unmapped share (%). Grades: ${Object.entries(
    c.gradeThresholds,
  )
    .map(([g, t]) => `${g} ≥ ${t}`)
    .join(', ')}, else F.\n`
}
