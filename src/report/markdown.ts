import {waveOfNodes} from '../graph/analysis.js'
import {renderMermaid} from '../graph/render.js'
import {collapse, subgraph} from '../graph/view.js'
import {safeForTerminal} from '../util/terminal.js'
import {arrangementsMarkdown, selectedText} from './arrangements.js'
import {hhiLabel, topHolder} from './concentration-labels.js'
import {GRADE_MEANING, gib, hhiBand, money, num, pct, share} from './format.js'
import {markedFindings, marksSentence, type ReportHistory, resolvedFindings, trendSentence} from './history.js'
import {buildReportModel, type ReportModel} from './model.js'
import {DATA_ACT_SOURCE, effortDefinition, hoursText, PLANS_INTRO, planFacts} from './plan.js'
import {exposureText, STATUS_LABEL} from './regulation.js'
import {sovereigntyMarkdown} from './sovereignty.js'
import {BEHIND, type SummaryFact} from './summary-links.js'
import * as t from './tables.js'
import {DIFF_FINDINGS_SHOWN, type DiffView, gateReason, indexLines, notComparedText, resourceLines} from './terminal.js'
import type {ReportData} from './types.js'

/**
 * Everything that ends a line somewhere: CommonMark ends one at CR, LF or CRLF (a lone CR in a cell
 * ends the table row, and the next "line" may be a heading); JavaScript-based renderers also at
 * U+2028, U+2029; NEL, VT and FF in others.
 */
const LINE_ENDS = /\r\n|[\r\n\t\v\f\u0085\u2028\u2029]/g
/** An invisible joiner that stops autolinking without changing what a reader sees. */
const ZWJ = '\u200d'

/**
 * Values from the estate must not become links: GitHub autolinks bare `http://`, `https://`,
 * `ftp://` and `www.`, GitLab any `scheme://`; `javascript:` and its kin are broken too, in case a
 * renderer links them. A zero-width joiner goes between the scheme and its colon, and into `www.`.
 */
export const breakAutolinks = (text: string): string =>
  text
    .replace(/([a-z][a-z0-9+.-]*)(:\/\/)/gi, `$1${ZWJ}$2`)
    .replace(/\b(javascript|vbscript|data|file|mailto|xmpp)(:)/gi, `$1${ZWJ}$2`)
    .replace(/\b(www)(\.)/gi, `$1${ZWJ}$2`)

/**
 * Escapes text for a Markdown table cell or inline text: control and bidi characters removed, every
 * line ending made a space (no row ends early), HTML and entities escaped, table pipes and the
 * characters of emphasis, code, links, strikethrough and math escaped, and no autolinks.
 */
export const mdCell = (value: unknown): string =>
  breakAutolinks(
    safeForTerminal(String(value ?? '').replace(LINE_ENDS, ' '))
      .replace(/\\/g, '\\\\')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '\\|')
      .replace(/[*_`[\]~$]/g, '\\$&'),
  )

const md = (table: t.Table): string => mdTable(table.head, table.rows)

function mdTable(head: string[], rows: unknown[][]): string {
  const line = (cells: unknown[]) => `| ${cells.map(mdCell).join(' | ')} |`
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n')
}

/** A Mermaid pie chart; GitHub and GitLab render it, other viewers show the numbers. */
function mermaidPie(title: string, slices: [string, number][]): string {
  // Quotes end a label, % { } make a Mermaid directive, backticks could end the fence.
  const safe = (s: string) => safeForTerminal(s, {singleLine: true}).replace(/["`%{}]/g, "'")
  return [
    '```mermaid',
    `pie showData title ${safe(title)}`,
    ...slices.filter(([, v]) => v > 0).map(([k, v]) => `    "${safe(k)}" : ${v}`),
    '```',
  ].join('\n')
}

/**
 * The dependency diagram collapsed to services, as Mermaid (GitHub and GitLab draw it): one node per
 * service type that uses or is used by another, a box per provider. Labels are made safe here and
 * escaped by the Mermaid renderer; services without a recorded dependency are counted, not drawn.
 */
function* serviceDiagram({dependencies}: ReportData): Generator<string> {
  if (!dependencies || dependencies.graph.edgeCount === 0) return
  const services = collapse(dependencies.graph, 'service')
  const connected: number[] = []
  for (let i = 0; i < services.nodes.length; i++) if (services.out[i]!.length + services.in[i]!.length > 0) connected.push(i)
  const drawn = subgraph(services, connected)
  const clean = (text: string | undefined) => (text === undefined ? undefined : safeForTerminal(text, {singleLine: true}))
  // Each service box starts with the exit waves its resources fall in (W1, W2–3 …).
  const waves = new Map<string, [number, number]>()
  const waveOfNode = waveOfNodes(dependencies)
  const {nodes} = dependencies.graph
  for (let v = 0; v < nodes.length; v++) {
    const wave = waveOfNode[v]!
    if (wave === 0) continue
    const seen = waves.get(nodes[v]!.type)
    if (!seen) waves.set(nodes[v]!.type, [wave, wave])
    else if (wave < seen[0]) seen[0] = wave
    else if (wave > seen[1]) seen[1] = wave
  }
  const waveMark = (type: string) => {
    const range = waves.get(type)
    return range ? `${range[0] === range[1] ? `W${range[0]}` : `W${range[0]}–${range[1]}`} · ` : ''
  }
  const safe = {
    ...drawn,
    nodes: drawn.nodes.map((n) => ({
      ...n,
      name: clean(`${waveMark(n.type)}${n.name ?? n.id}`),
      type: clean(n.type)!,
      provider: clean(n.provider)!,
    })),
  }
  const isolated = services.nodes.length - connected.length
  yield '**Dependencies between services** (an arrow points from a service to what it uses; dotted when inferred; W is the exit wave):\n\n'
  yield `\`\`\`mermaid\n${renderMermaid(safe, {clusters: true})}\`\`\`\n\n`
  if (isolated > 0)
    yield `${num(isolated)} of ${num(services.nodes.length)} services have no recorded dependency and are not drawn.\n\n`
}

/** The Data Act's switching windows and the data to move, then one card per service in the order to act. */
function* planSectionMd(m: ReportModel): Generator<string> {
  yield `## 3. Exit plan per provider and service\n\n${mdCell(PLANS_INTRO)}\n\n`
  const d = m.dataAct
  yield `### Switching timeline under the EU Data Act\n\n${mdTable(
    ['Step', 'Period', 'Reference'],
    d.rows.map((r) => [r.step, r.period, r.reference]),
  )}\n\n`
  yield `Data to move: **${gib(d.totalGiB)}** of known size, ${hoursText(d.totalHours)} at ${num(d.bandwidthGbps, 1)} Gbit/s sustained. ${
    d.fitsTransition
      ? 'Each provider’s data fits within the 30-day transition period.'
      : 'The data of at least one provider does not fit within the 30-day transition period at this bandwidth: ask for the extension early, or move data ahead of the switch.'
  }\n\n`
  if (d.transfers.length)
    yield `${mdTable(
      ['Provider', 'Stateful data', 'Unknown sizes', `Transfer at ${num(d.bandwidthGbps, 1)} Gbit/s`],
      d.transfers.map((x) => [x.provider, gib(x.statefulGiB), x.unknownSize, hoursText(x.hours)]),
    )}\n\n`
  yield `Source: ${mdCell(DATA_ACT_SOURCE)}. Resources of unknown size are counted, not guessed, and add to the time.\n\n`
  for (const p of m.plans) {
    yield `### ${p.rank}. ${mdCell(p.title ?? p.type)} (${mdCell(p.provider)})\n\n`
    yield `${mdTable(['', ''], [['Type', p.type], ...planFacts(p)])}\n\n`
    for (const [i, step] of p.steps.entries()) yield `${i + 1}. ${mdCell(step)}\n`
    yield '\n'
  }
}

/** The trend as a table (Markdown viewers draw no inline SVG), with the grade at each assessment. */
function* trendMd(h: ReportHistory): Generator<string> {
  yield '**Trend**\n\n'
  if (h.points.length > 1)
    yield `${mdTable(
      ['Assessed', 'Grade', 'Readiness', 'Lock-in index', 'HHI', 'Jurisdiction exposure'],
      h.points.map((p) => [
        p.createdAt.slice(0, 10),
        p.grade,
        num(p.readiness, 1),
        num(p.lockInIndex, 1),
        num(p.hhi),
        pct(p.jurisdictionExposure, 1),
      ]),
    )}\n\n`
  yield `${mdCell(trendSentence(h))}\n\n`
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
        `Concentration (${hhiLabel(s.concentration)})`,
        num(s.concentration.hhi),
        `${s.concentration.top ? `${topHolder(s.concentration.top)} holds ${share(s.concentration.top.share, 'weighted')}; ` : ''}${hhiBand(s.concentration.hhi)}; 10,000 means one ${s.concentration.base === 'ultimate-parent' ? 'group' : 'provider'}.`,
      ],
      [
        'Jurisdiction exposure',
        share(s.jurisdictionExposure),
        `Of stateful or critical resources, weighted by criticality: ${exposureText(a)}.`,
      ],
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
  const behind: SummaryFact[] = ['lockIn', 'concentration', 'jurisdiction', 'data', 'egress']
  yield `Behind these figures: ${behind.map((f) => `[${BEHIND[f].label}](#${BEHIND[f].md})`).join(', ')}.\n\n`
  if (data.history) yield* trendMd(data.history)
  yield `${mdCell(m.dataActNote)}\n\n`
  if (policies.length)
    yield `${md(t.policyVerdicts(policies))}\n\nEach rule with its findings: [${BEHIND.findings.label}](#${BEHIND.findings.md}).\n\n`
  yield '**The three biggest risks**\n\n'
  for (const [i, risk] of m.risks.entries())
    yield `${i + 1}. **${mdCell(risk.title)}.** ${mdCell(risk.detail)} *What to do:* ${mdCell(risk.action)} [See ${BEHIND[risk.fact].label}](#${BEHIND[risk.fact].md}).\n`
  yield '\n'

  yield '## 2. Inventory overview\n\n'
  yield `${mermaidPie(
    'Resources by provider',
    a.providers.map((p) => [p.name, p.count]),
  )}\n\n`
  yield `${md(t.providers(a))}\n\n`
  if (a.concentrationByControl) {
    yield `### By who controls\n\n${mdCell(t.controlIntro(a))}\n\n${md(t.controlGroups(a))}\n\n`
    if (a.concentrationByControl.vendors.some((v) => v.kind === 'saas')) yield `${md(t.controlVendors(a))}\n\n`
  }
  yield `${mermaidPie('Resources by portability class', Object.entries(m.portability))}\n\n`
  yield '### By category\n\n'
  yield `${md(t.categories(a))}\n\n`
  yield `### Residency versus control\n\n${t.RESIDENCY_INTRO}\n\n${md(t.residency(a))}\n\n`
  yield `### Completeness of sources\n\n${md(t.sources(a))}\n\n`
  const dns = t.foundFromDns(a)
  if (dns.rows.length > 0)
    yield `### SaaS found from DNS\n\nServices no API lists, recognised from the organisation's DNS records (MX, SPF, DKIM, SRV, CNAME, verification TXT); each row names the records that showed it.\n\n${md(dns)}\n\n`

  yield* planSectionMd(m)

  yield '## 4. Exit waves and what moves together\n\n'
  yield m.waves.length ? `${t.WAVES_INTRO}\n\n${md(t.waves(m))}\n\n` : 'No dependency information.\n\n'
  if (m.components.length)
    yield `**Components that must move together** (connected by dependencies):\n\n${md(t.components(m))}\n\n`
  if (m.blast.length)
    yield `**Blast radius**: resources that depend, directly or transitively, on each proprietary or captive service.\n\n${md(t.blast(m))}\n\n`
  yield* serviceDiagram(data)
  yield arrangementsMarkdown(data)

  yield '## 5. Findings per policy rule\n\n'
  if (m.rules.length === 0) yield 'No policy was evaluated.\n\n'
  if (data.history) yield `${mdCell(marksSentence(data.history))}\n\n`
  for (const r of m.rules) {
    yield `### ${mdCell(r.policy)} / ${mdCell(r.id)}: ${mdCell(r.title)}\n\n`
    yield `**${r.status.toUpperCase()}**, severity ${r.severity}, ${selectedText(r)}. ${mdCell(r.rationale)}\n\n`
    if (r.findings.length) {
      yield `${md(data.history?.previous ? markedFindings(r, data.history) : t.findings(r))}\n\n`
      if (r.findings.length > t.FINDINGS_SHOWN)
        yield `… and ${r.findings.length - t.FINDINGS_SHOWN} more in assessment.json and resources.csv.\n\n`
      yield `Remediation: ${mdCell(r.remediation)}\n\n`
    }
  }
  if (data.history?.previous && data.history.resolved.length)
    yield `**Resolved since the previous assessment:**\n\n${md(resolvedFindings(data.history))}\n\n`
  const expired = t.expiredWaivers(policies)
  if (expired.rows.length) yield `**Expired waivers** (no longer applied):\n\n${md(expired)}\n\n`

  yield '## 6. Regulatory mapping\n\n'
  yield `${regulationTable(m.regulation)}\n\n`
  yield sovereigntyMarkdown(a, mdCell)
  yield `${mdCell(m.dataActNote)}\n\n${md(t.egress(a))}\n\nList prices as of ${a.egress.pricesAsOf}; resources without a known size are counted, not guessed.\n\n`

  yield '## 7. Methodology\n\n'
  const c = a.constants
  yield `- **Resource score (0–100)** = base by portability class (${Object.entries(c.portabilityBase)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )}) + data gravity (stateful: ${c.statefulBonus}, plus a size bonus of ${c.sizeBonusPerDecade} × log10(1 + GiB) of at most ${c.maxSizeBonus}, so gravity is at most ${c.statefulBonus + c.maxSizeBonus}) + coupling (${c.couplingFactor} × the gap to the most locked-in proprietary or captive dependency, at most ${c.maxCoupling}); capped at 100.\n`
  yield `- **Effort** (person-days per service = a fixed part + a part per resource): ${mdCell(effortDefinition(m.planning))}. Planning estimates, not measurements; the effort block of a policy overrides them. Transfer times assume ${num(m.planning.bandwidthGbps, 1)} Gbit/s sustained.\n`
  yield `- **Lock-in index**: the mean resource score weighted by category criticality (categories.yaml; unmapped weight ${c.unmappedCategoryWeight}).\n`
  yield '- **Concentration**: the Herfindahl–Hirschman index of criticality-weighted shares (0–10,000): for the estate (and the grade) over ultimate parents, per category over providers.\n'
  yield `- **Jurisdiction exposure**: the weighted share of stateful or critical resources whose provider (or SaaS vendor) is controlled from outside the EU; control follows ownership, not headquarters or region. EU-controlled providers with a non-EU reach (a foreign subsidiary or location) count at the foreignReachWeight constant (${c.foreignReachWeight}). Here: ${mdCell(exposureText(a))}.\n`
  yield "- **Shares** name their base: *weighted by criticality* (the base of every index above), *by count* of resources, or *of the resources tagged critical-function=true*. Concentration by ultimate parent counts a group's providers and SaaS vendors together.\n"
  yield `- **Egress**: known stateful GiB × each provider's tiered list price (prices as of ${a.egress.pricesAsOf}); resources without a size are counted, not guessed.\n`
  yield `- **Readiness** = 100 − ${c.readinessWeights.lockIn} × lock-in index − ${c.readinessWeights.concentration} × ${hhiLabel(s.concentration)} ÷ 100 − ${c.readinessWeights.jurisdiction} × exposure (%) − ${c.readinessWeights.unmapped} × unmapped share (%) = 100 − ${s.deductions.lockIn} − ${s.deductions.concentration} − ${s.deductions.jurisdiction} − ${s.deductions.unmapped} = ${s.readiness}. Grades: ${Object.entries(
    c.gradeThresholds,
  )
    .map(([g, t]) => `${g} ≥ ${t}`)
    .join(', ')}, else F.\n\n`

  yield '## 8. Appendix\n\n### Unmapped types\n\n'
  yield a.unmapped.length ? `${md(t.unmapped(a))}\n\n` : 'None: every type is mapped.\n\n'
  yield `### Resources by lock-in score (top ${m.topResources.length} of ${num(a.resources.length)}; all in resources.csv)\n\n`
  yield `${md(t.topResources(m))}\n\n`
  yield `### Audit trail\n\nWhat this report was made from; the same inputs, catalog and policies with the same version give the same report.\n\n${md(t.auditTrail(a))}\n`
}

/** The findings section's heading anchor, as GitHub and GitLab derive it from "## 5. Findings per policy rule". */
const FINDINGS_ANCHOR = '5-findings-per-policy-rule'

/**
 * The regulatory mapping as a Markdown table: status in words, the reason naming its rules, and a
 * link to the findings section (no raw HTML anchors: the report has no HTML at all).
 */
function regulationTable(rows: ReturnType<typeof buildReportModel>['regulation']): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [
    line(['Framework', 'Provision', 'What the estate shows', 'Status', 'Why']),
    `|${[1, 2, 3, 4, 5].map(() => ' --- ').join('|')}|`,
    ...rows.map((r) =>
      line([
        mdCell(r.framework),
        mdCell(r.provision),
        mdCell(r.measure),
        `**${mdCell(STATUS_LABEL[r.status])}**`,
        `${mdCell(r.explanation)}${r.findings ? ` [See the findings](#${FINDINGS_ANCHOR}).` : ''}${r.checkedBy.length ? ` Rules: ${mdCell(r.checkedBy.map((x) => `${x.policy}/${x.rule}`).join(', '))}.` : ''}`,
      ]),
    ),
  ].join('\n')
}

/**
 * `exitready diff --format md`, for a pull-request comment: grade, indices in words and units,
 * resources added and removed, warnings, the findings, and why the gate exits as it does.
 */
export function renderDiffMarkdown(view: DiffView): string {
  const {diff} = view
  const out: string[] = []
  const grade =
    diff.grade.old === diff.grade.new ? `Grade ${diff.grade.new} (unchanged)` : `Grade ${diff.grade.old} → ${diff.grade.new}`
  out.push(`### exitready: ${mdCell(grade)}`, '')
  const reason = gateReason(view)
  if (reason) out.push(`**${mdCell(reason)}**`, '')
  for (const warning of diff.warnings) out.push(`> **Warning:** ${mdCell(warning)}`, '')
  const {changed, unchanged} = indexLines(diff)
  for (const line of changed) out.push(`- ${mdCell(line)}`)
  if (unchanged.length) out.push(`- Unchanged: ${mdCell(unchanged.join(', '))}.`)
  out.push(
    '',
    `Resources: ${num(diff.added.length)} added, ${num(diff.removed.length)} removed, ${num(diff.scoreChanges.length)} with a changed score.`,
    '',
  )
  const listed = (label: string, lines: string[]) => {
    if (lines.length) out.push(`**${label}:**`, '', ...lines.map((l) => `- ${mdCell(l)}`), '')
  }
  listed('Added', resourceLines('added', diff.added))
  listed('Removed', resourceLines('removed', diff.removed))
  const rows: unknown[][] = []
  for (const [kind, list] of [
    ['new', diff.newFindings],
    ['resolved', diff.resolvedFindings],
  ] as const)
    for (const f of list.slice(0, DIFF_FINDINGS_SHOWN - rows.length))
      rows.push([
        kind,
        f.severity,
        `${f.policy}/${f.ruleId}`,
        f.resourceId ? (view.names?.get(f.resourceId) ?? f.resourceId) : (f.subject ?? 'estate'),
        f.message,
      ])
  const total = diff.newFindings.length + diff.resolvedFindings.length
  if (rows.length) {
    out.push(mdTable(['', 'Severity', 'Rule', 'Resource', 'Finding'], rows))
    if (total > rows.length) out.push('', `… and ${num(total - rows.length)} more findings (use --json for all).`)
  } else out.push('No new or resolved findings.')
  const skipped = notComparedText(diff)
  if (skipped) out.push('', mdCell(skipped))
  return out.join('\n')
}
