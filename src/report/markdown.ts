import {GRADE_MEANING, gib, money, num, pct} from './format.js'
import {buildReportModel} from './model.js'
import * as t from './tables.js'
import type {ReportData} from './types.js'

/** Escapes text for a Markdown table cell or inline text: no HTML, no table breaks. */
export const mdCell = (value: unknown): string =>
  String(value ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/[*_`[\]]/g, '\\$&')
    .replace(/\r?\n/g, ' ')

const md = (table: t.Table): string => mdTable(table.head, table.rows)

function mdTable(head: string[], rows: unknown[][]): string {
  const line = (cells: unknown[]) => `| ${cells.map(mdCell).join(' | ')} |`
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n')
}

/** A Mermaid pie chart; GitHub and GitLab render it, other viewers show the numbers. */
function mermaidPie(title: string, slices: [string, number][]): string {
  const safe = (s: string) => s.replace(/["\n]/g, "'")
  return [
    '```mermaid',
    `pie showData title ${safe(title)}`,
    ...slices.filter(([, v]) => v > 0).map(([k, v]) => `    "${safe(k)}" : ${v}`),
    '```',
  ].join('\n')
}

/** exit-report.md: the exit-strategy report, with the same sections as the HTML report. */
export function* renderMarkdown(data: ReportData): Generator<string> {
  const {assessment: a, policies} = data
  const m = buildReportModel(data)
  const s = a.summary
  yield '# Exit-strategy report\n\n'
  yield `Generated ${data.now.toISOString().slice(0, 10)} by exitready ${a.generator.version} from ${a.inputs.map((i) => mdCell(i)).join(', ') || 'the given inventory'}: ${num(s.resourceCount)} resources at ${a.providers.length} providers.\n\n`

  yield '## 1. Executive summary\n\n'
  yield `**Exit readiness: grade ${s.grade}** (${num(s.readiness, 1)} of 100): ${GRADE_MEANING[s.grade]}.\n\n`
  yield `${mdTable(
    ['Measure', 'Value', 'What it means'],
    [
      ['Lock-in index', `${num(s.lockInIndex, 1)} / 100`, 'Mean lock-in score, weighted by how critical each category is.'],
      [
        'Concentration (HHI)',
        num(s.concentration.hhi),
        s.concentration.top
          ? `${s.concentration.top.provider} holds ${pct(s.concentration.top.share)}; 10,000 means one provider.`
          : '',
      ],
      ['Jurisdiction exposure', pct(s.jurisdictionExposure), 'Stateful or critical resources controlled from outside the EU.'],
      [
        'Data to move',
        gib(s.dataGiB),
        s.unknownSizeCount
          ? `${s.unknownSizeCount} stateful resources of unknown size are counted, not guessed.`
          : 'Every stateful size is known.',
      ],
      [
        'Egress at list price',
        a.egress.estimates
          .filter((e) => e.cost)
          .map((e) => `${e.provider} ${money(e.cost, e.currency)}`)
          .join(', ') || '—',
        'See the Data Act note below.',
      ],
    ],
  )}\n\n`
  yield `${m.dataActNote}\n\n`
  if (policies.length) yield `${md(t.policyVerdicts(policies))}\n\n`
  yield '**The three biggest risks**\n\n'
  for (const [i, risk] of m.risks.entries()) yield `${i + 1}. **${mdCell(risk.title)}.** ${mdCell(risk.detail)}\n`
  yield '\n'

  yield '## 2. Inventory overview\n\n'
  yield `${mermaidPie(
    'Resources by provider',
    a.providers.map((p) => [p.name, p.count]),
  )}\n\n`
  yield `${md(t.providers(a))}\n\n`
  yield `${mermaidPie('Resources by portability class', Object.entries(m.portability))}\n\n`
  yield '### By category\n\n'
  yield `${md(t.categories(a))}\n\n`
  yield `### Residency versus control\n\n${t.RESIDENCY_INTRO}\n\n${md(t.residency(a))}\n\n`
  yield `### Completeness of sources\n\n${md(t.sources(a))}\n\n`

  yield "## 3. Exit plan per provider and service\n\nRanked by contribution to the estate's lock-in.\n\n"
  for (const p of m.plans) {
    yield `### ${p.rank}. ${mdCell(p.title ?? p.type)} (${mdCell(p.provider)})\n\n`
    yield `${mdTable(
      ['', ''],
      [
        ['Type', p.type],
        [
          'Resources',
          `${p.count}, ${p.portability}, mean score ${num(p.meanScore, 1)}, ${pct(p.lockInContribution, 1)} of the lock-in`,
        ],
        ['Target standard', p.standard ?? '—'],
        ['Open-source equivalents', p.equivalents.join(', ') || '—'],
        ['European providers', p.european.map((e) => `${e.provider}: ${e.service}`).join('; ') || '—'],
        ['Effort', p.effort ?? 'unknown'],
        [
          'Stateful data',
          p.stateful ? `${gib(p.sizeGiB)}${p.unknownSize ? ` (+${p.unknownSize} of unknown size)` : ''}` : 'none',
        ],
        ['Used by', p.dependents ? `${p.dependents} resources, e.g. ${p.dependentExamples.join(', ')}` : 'nothing recorded'],
      ],
    )}\n\n`
    for (const [i, step] of p.steps.entries()) yield `${i + 1}. ${mdCell(step)}\n`
    yield '\n'
  }

  yield '## 4. Exit waves and what moves together\n\n'
  yield m.waves.length ? `${t.WAVES_INTRO}\n\n${md(t.waves(m))}\n\n` : 'No dependency information.\n\n'
  if (m.components.length)
    yield `**Components that must move together** (connected by dependencies):\n\n${md(t.components(m))}\n\n`
  if (m.blast.length)
    yield `**Blast radius**: resources that depend, directly or transitively, on each proprietary or captive service.\n\n${md(t.blast(m))}\n\n`

  yield '## 5. Findings per policy rule\n\n'
  if (m.rules.length === 0) yield 'No policy was evaluated.\n\n'
  for (const r of m.rules) {
    yield `### ${mdCell(r.policy)} / ${mdCell(r.id)}: ${mdCell(r.title)}\n\n`
    yield `**${r.status.toUpperCase()}**, severity ${r.severity}, ${r.selected} resources selected. ${mdCell(r.rationale)}\n\n`
    if (r.findings.length) {
      yield `${md(t.findings(r))}\n\n`
      if (r.findings.length > t.FINDINGS_SHOWN)
        yield `… and ${r.findings.length - t.FINDINGS_SHOWN} more in assessment.json and resources.csv.\n\n`
      yield `Remediation: ${mdCell(r.remediation)}\n\n`
    }
  }
  const expired = t.expiredWaivers(policies)
  if (expired.rows.length) yield `**Expired waivers** (no longer applied):\n\n${md(expired)}\n\n`

  yield '## 6. Regulatory mapping\n\n'
  yield `${mdTable(
    ['Framework', 'Provision', 'What the estate shows', 'Status', 'Open findings'],
    m.regulation.map((r) => [r.framework, r.provision, r.measure, r.status, r.findings]),
  )}\n\n`
  yield `${m.dataActNote}\n\n${md(t.egress(a))}\n\nList prices as of ${a.egress.pricesAsOf}; resources without a known size are counted, not guessed.\n\n`

  yield '## 7. Methodology\n\n'
  const c = a.constants
  yield `- **Resource score (0–100)** = base by portability class (${Object.entries(c.portabilityBase)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )}) + data gravity (stateful: ${c.statefulBonus}, plus ${c.sizeBonusPerDecade} × log10(1 + GiB), at most ${c.maxSizeBonus}) + coupling (${c.couplingFactor} × the gap to the most locked-in proprietary or captive dependency, at most ${c.maxCoupling}); capped at 100.\n`
  yield `- **Lock-in index**: the mean resource score weighted by category criticality (categories.yaml; unmapped weight ${c.unmappedCategoryWeight}).\n`
  yield '- **Concentration**: the Herfindahl–Hirschman index of criticality-weighted provider shares (0–10,000), overall and per category.\n'
  yield '- **Jurisdiction exposure**: the weighted share of stateful or critical resources whose provider (or SaaS vendor) is controlled from outside the EU; control follows ownership, not headquarters or region.\n'
  yield `- **Egress**: known stateful GiB × each provider's tiered list price (prices as of ${a.egress.pricesAsOf}); resources without a size are counted, not guessed.\n`
  yield `- **Readiness** = 100 − ${c.readinessWeights.lockIn} × lock-in index − ${c.readinessWeights.concentration} × HHI/100 − ${c.readinessWeights.jurisdiction} × exposure (%) − ${c.readinessWeights.unmapped} × unmapped share (%) = 100 − ${s.deductions.lockIn} − ${s.deductions.concentration} − ${s.deductions.jurisdiction} − ${s.deductions.unmapped} = ${s.readiness}. Grades: ${Object.entries(
    c.gradeThresholds,
  )
    .map(([g, t]) => `${g} ≥ ${t}`)
    .join(', ')}, else F.\n\n`

  yield '## 8. Appendix\n\n### Unmapped types\n\n'
  yield a.unmapped.length ? `${md(t.unmapped(a))}\n\n` : 'None: every type is mapped.\n\n'
  yield `### Resources by lock-in score (top ${m.topResources.length} of ${num(a.resources.length)}; all in resources.csv)\n\n`
  yield `${md(t.topResources(m))}\n`
}
