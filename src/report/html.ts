import {createHash} from 'node:crypto'
import {arrangementsHtml, arrangementsNav, selectedText} from './arrangements.js'
import {hhiLabel, topHolder} from './concentration-labels.js'
import {dependencyDiagram} from './diagram.js'
import {GRADE_MEANING, gib, num, share} from './format.js'
import {markedFindings, marksSentence, type ReportHistory, resolvedFindings, TREND_SERIES, trendSentence} from './history.js'
import {buildReportModel, type ReportModel} from './model.js'
import {DATA_ACT_SOURCE, effortDefinition, hoursText, PLANS_INTRO, planFacts} from './plan.js'
import {exposureText, ruleAnchor, STATUS_LABEL} from './regulation.js'
import {sovereigntyHtml} from './sovereignty.js'
import {BEHIND, policyAnchor, riskAnchor, type SummaryFact} from './summary-links.js'
import {barChart, CLASS_COLOURS, esc, gauge, heatMap, lineChart, stackedBar} from './svg.js'
import type {Table} from './tables.js'
import * as t from './tables.js'
import type {ReportData} from './types.js'

const CSS = `
:root{--ink:#1d2733;--muted:#5b6775;--line:#d8dee6;--accent:#1f5f8b;--bad:#b22222;--ok:#2e7d4f;--warn:#b8860b}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:28px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid var(--accent);padding-bottom:4px;margin-top:40px}h3{font-size:17px;margin:24px 0 8px}
.meta{color:var(--muted)}nav ol{columns:2;padding-left:20px}nav a{color:var(--accent)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:12px}.card .v{font-size:24px;font-weight:650}.card .v a{color:inherit;text-decoration:underline dotted 1px;text-underline-offset:4px}.card .k{color:var(--muted);font-size:13px}
.grade{display:inline-block;font-size:44px;font-weight:800;width:72px;height:72px;line-height:72px;text-align:center;border-radius:12px;color:#fff;margin-right:16px;vertical-align:middle}
.g-A,.g-B{background:var(--ok)}.g-C{background:var(--warn)}.g-D,.g-E,.g-F{background:var(--bad)}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13.5px}th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:normal;hyphens:manual}
.scroll{overflow-x:auto;max-width:100%}
th{background:#f2f5f8;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pill{border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600;color:#fff}.fail,.attention{background:var(--bad)}.pass,.ok{background:var(--ok)}.waived,.info{background:var(--muted)}
.plan{border:1px solid var(--line);border-radius:8px;padding:4px 16px 8px;margin:12px 0;break-inside:avoid}
.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}figure{margin:0}figcaption{font-size:13px;color:var(--muted)}
svg.chart text{font:12px system-ui,sans-serif;fill:var(--ink)}svg.chart .label,svg.chart .value{dominant-baseline:auto}
svg.chart .big{font-size:22px;font-weight:700}svg.chart .cell{font-size:11px}svg.chart .cell-dark{font-size:11px;fill:#fff}
.risk{border-left:4px solid var(--bad);padding:4px 12px;margin:8px 0;background:#fbf3f3}
.met{background:var(--ok)}.not-met{background:var(--bad)}.partly-assessed{background:var(--warn)}.not-assessed{background:var(--muted)}
.note{border-left:4px solid var(--accent);padding:8px 12px;background:#f2f6fa}
code{font-size:12.5px}.warn{color:var(--bad);font-weight:600}
#arrangements th{overflow-wrap:normal}#arrangements h4{font-size:16px;margin:8px 0}#arrangements h5{font-size:14.5px;margin:16px 0 6px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:8px 0;font-size:13.5px}dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0}
svg.chart{max-width:100%;height:auto}
svg.dependency-diagram{max-width:100%;height:auto}
@media (max-width:700px){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:4px}}
@page{size:A4;margin:16mm 14mm 18mm;@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8.5pt system-ui,sans-serif;color:#5b6775}@bottom-left{content:"Exit-strategy report";font:8.5pt system-ui,sans-serif;color:#5b6775}}
@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}.scroll{overflow:visible}table{font-size:8.5pt}dl.facts{font-size:9pt}
section{break-before:page}section#summary{break-before:auto}h1,h2,h3{break-after:avoid}h3+p{break-before:avoid}
.plan,figure,table.keep,.risk,.note,.card,dl.facts,tr{break-inside:avoid}thead{display:table-header-group}p,li,dd{orphans:3;widows:3}a{color:inherit;text-decoration:none}svg.dependency-diagram{max-height:125mm;width:auto}svg#chart-heatmap{max-height:150mm;width:auto}}
`

/** The Content-Security-Policy: nothing may be loaded; only this exact stylesheet may apply. */
export function contentSecurityPolicy(css = CSS): string {
  const hash = createHash('sha256').update(css).digest('base64')
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`
}

/** Tables this short are kept on one page when printed. */
const KEEP_ROWS = 12

/** Escaped text in which long tokens (ids, ARNs, paths) may wrap after a separator, never inside a word. */
const cell = (value: unknown): string =>
  esc(value).replace(/\S{25,}/g, (token) => token.replace(/([/:_@=,;]+|&amp;)(?=[^/:_@=,;])/g, '$1<wbr>'))

const table = (head: string[], rows: unknown[][], numeric: number[] = []) =>
  `<div class="scroll"><table${rows.length <= KEEP_ROWS ? ' class="keep"' : ''}><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${cell(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`
const html = (t: Table) => table(t.head, t.rows, t.numeric)
const pill = (status: string) => `<span class="pill ${esc(status)}">${esc(status.toUpperCase())}</span>`

/** The Data Act's switching windows, and the data to move with its transfer time. */
function* timelineHtml(m: ReportModel): Generator<string> {
  const d = m.dataAct
  yield `<h3 id="data-act-timeline">Switching timeline under the EU Data Act</h3>${table(
    ['Step', 'Period', 'Reference'],
    d.rows.map((r) => [r.step, r.period, r.reference]),
  )}`
  yield `<p>Data to move: <strong>${esc(gib(d.totalGiB))}</strong> of known size, ${esc(hoursText(d.totalHours))} at ${esc(num(d.bandwidthGbps, 1))} Gbit/s sustained. ${esc(
    d.fitsTransition
      ? 'Each provider’s data fits within the 30-day transition period.'
      : 'The data of at least one provider does not fit within the 30-day transition period at this bandwidth: ask for the extension early, or move data ahead of the switch.',
  )}</p>`
  if (d.transfers.length)
    yield table(
      ['Provider', 'Stateful data', 'Unknown sizes', `Transfer at ${num(d.bandwidthGbps, 1)} Gbit/s`],
      d.transfers.map((x) => [x.provider, gib(x.statefulGiB), x.unknownSize, hoursText(x.hours)]),
      [1, 2, 3],
    )
  yield `<p class="meta">Source: ${esc(DATA_ACT_SOURCE)}. Resources of unknown size are counted, not guessed, and add to the time.</p>`
}

function* planSection(m: ReportModel): Generator<string> {
  yield `<section id="plans"><h2>3. Exit plan per provider and service</h2><p>${esc(PLANS_INTRO)}</p>`
  yield* timelineHtml(m)
  for (const p of m.plans) {
    yield `<div class="plan"><h3>${p.rank}. ${esc(p.title ?? p.type)} <small>(${esc(p.provider)}, <code>${esc(p.type)}</code>)</small></h3>`
    yield `<dl class="facts">${planFacts(p)
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
      .join('')}</dl>`
    yield `<ol>${p.steps.map((step) => `<li>${esc(step)}</li>`).join('')}</ol></div>`
  }
  yield '</section>'
}

/** The x labels: dates, or date and time where two assessments share a day. */
function trendLabels(h: ReportHistory): string[] {
  const days = h.points.map((p) => p.createdAt.slice(0, 10))
  const repeated = new Set(days).size < days.length
  return h.points.map((p) => (repeated ? p.createdAt.slice(0, 16).replace('T', ' ') : p.createdAt.slice(0, 10)))
}

/** The trend of the grade and main indices over the recorded assessments, as an inline SVG line chart. */
function trendFigure(h: ReportHistory): string {
  const chart =
    h.points.length > 1
      ? lineChart(
          'chart-trend',
          'Grade and main indices over the recorded assessments (0–100)',
          trendLabels(h),
          TREND_SERIES.map((s) => ({label: s.label, values: h.points.map(s.value)})),
          h.points.map((p) => p.grade),
        )
      : ''
  return `<h3>Trend</h3>${chart ? `<figure>${chart}<figcaption>Readiness with the grade at each point, lock-in, jurisdiction exposure and HHI ÷ 100, from the history at ${esc(h.location)}</figcaption></figure>` : ''}<p>${esc(trendSentence(h))}</p>`
}

/** exit-report.html: one self-contained, script-free page with inline CSS and SVG charts. */
export function* renderHtml(data: ReportData): Generator<string> {
  const {assessment: a, policies} = data
  const m = buildReportModel(data)
  const s = a.summary
  yield `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy())}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>Exit-strategy report: grade ${esc(s.grade)}</title><style>${CSS}</style></head><body>`
  yield `<header><h1>Exit-strategy report</h1><p class="meta">Generated ${esc(data.now.toISOString().slice(0, 10))} by exitready ${esc(a.generator.version)} from ${esc(a.inputs.join(', ') || 'the given inventory')} · ${esc(num(s.resourceCount))} resources at ${a.providers.length} providers</p></header>`
  yield `<nav aria-label="Sections"><ol><li><a href="#summary">Executive summary</a></li><li><a href="#inventory">Inventory overview</a></li><li><a href="#plans">Exit plan per service</a></li><li><a href="#waves">Exit waves</a></li>${arrangementsNav(data)}<li><a href="#findings">Findings per policy rule</a></li><li><a href="#regulation">Regulatory mapping</a></li><li><a href="#methodology">Methodology</a></li><li><a href="#appendix">Appendix</a></li></ol></nav>`

  // 1. Executive summary
  yield `<main><section id="summary"><h2>1. Executive summary</h2><p><span class="grade g-${esc(s.grade)}" role="img" aria-label="Grade ${esc(s.grade)}">${esc(s.grade)}</span><strong>Exit readiness ${esc(num(s.readiness, 1))} of 100</strong>: ${esc(GRADE_MEANING[s.grade])}.</p>`
  const cards: [string, string, SummaryFact][] = [
    ['Lock-in index', `${num(s.lockInIndex, 1)} / 100`, 'lockIn'],
    [
      `Concentration (${hhiLabel(s.concentration)})`,
      `${num(s.concentration.hhi)}${s.concentration.top ? ` · ${topHolder(s.concentration.top)} ${share(s.concentration.top.share)} weighted` : ''}`,
      'concentration',
    ],
    ['Jurisdiction exposure (stateful or critical, weighted)', share(s.jurisdictionExposure), 'jurisdiction'],
    ['Data to move', `${gib(s.dataGiB)}${s.unknownSizeCount ? ` + ${s.unknownSizeCount} unknown` : ''}`, 'data'],
  ]
  yield `<div class="cards">${cards.map(([k, v, f]) => `<div class="card"><div class="v"><a href="#${BEHIND[f].html}">${esc(v)}</a></div><div class="k">${esc(k)}</div></div>`).join('')}</div>`
  if (data.history) yield trendFigure(data.history)
  yield `<p class="note">${esc(m.dataActNote)} <a href="#${BEHIND.egress.html}">See ${BEHIND.egress.label}.</a></p>`
  if (policies.length)
    yield `${html(t.policyVerdicts(policies))}<p class="meta">Findings per policy: ${policies.map((p) => `<a href="#${esc(policyAnchor(p))}">${esc(p.title)}</a>`).join(', ')}.</p>`
  yield '<h3>The three biggest risks</h3>'
  for (const risk of m.risks)
    yield `<div class="risk"><strong>${esc(risk.title)}.</strong> ${esc(risk.detail)} <em>What to do:</em> ${esc(risk.action)} <a href="#${esc(riskAnchor(risk))}">See ${esc(risk.rule ? 'its findings' : BEHIND[risk.fact].label)}.</a></div>`
  yield '</section>'

  // 2. Inventory overview, with the charts
  const providers = a.providers.map((p) => p.provider)
  yield '<section id="inventory"><h2>2. Inventory overview</h2><div class="charts">'
  yield `<figure>${barChart(
    'chart-provider-lockin',
    'Lock-in index by provider (0–100)',
    a.providers.map((p) => ({label: p.name, value: p.lockInIndex, text: `${num(p.lockInIndex, 1)} · ${p.count} resources`})),
  )}<figcaption>Lock-in by provider</figcaption></figure>`
  yield `<figure>${gauge('chart-concentration', `Concentration: ${hhiLabel(s.concentration)} ${Math.round(s.concentration.hhi)} of 10,000`, s.concentration.hhi, 10_000, `HHI (10,000 = one ${s.concentration.base === 'ultimate-parent' ? 'group' : 'provider'})`)}<figcaption>Concentration gauge: green below 1,500, amber to 2,500, red above</figcaption></figure>`
  yield `<figure>${stackedBar(
    'chart-portability',
    'Resources by portability class',
    Object.entries(m.portability).map(([label, value]) => ({label, value, colour: CLASS_COLOURS[label] ?? '#888'})),
  )}<figcaption>Portability classes</figcaption></figure>`
  yield '</div>'
  const categories = a.categories.slice(0, 24)
  yield `<figure>${heatMap(
    'chart-heatmap',
    'Resources per category and provider',
    categories.map((c) => c.title),
    providers,
    (row, column) => categories.find((c) => c.title === row)?.byProvider[column] ?? 0,
  )}<figcaption>Category × provider heat map (resource counts${a.categories.length > 24 ? `; top 24 of ${a.categories.length} categories` : ''})</figcaption></figure>`
  yield `<h3>By provider</h3>${html(t.providers(a))}`
  yield* controlSection(data)
  yield `<h3>By category</h3>${html(t.categories(a))}`
  yield `<h3 id="residency">Residency versus control</h3><p>${esc(t.RESIDENCY_INTRO)}</p>${html(t.residency(a))}`
  yield `<h3>Completeness of sources</h3>${html(t.sources(a))}`
  const dns = t.foundFromDns(a)
  if (dns.rows.length > 0)
    yield `<h3>SaaS found from DNS</h3><p>Services no API lists, recognised from the organisation's DNS records (MX, SPF, DKIM, SRV, CNAME, verification TXT); each row names the records that showed it.</p>${html(dns)}`
  yield '</section>'

  // 3. Exit plans
  yield* planSection(m)

  // 4. Exit waves, components, blast radius, diagram
  yield '<section id="waves"><h2>4. Exit waves and what moves together</h2>'
  yield m.waves.length ? `<p>${esc(t.WAVES_INTRO)}</p>${html(t.waves(m))}` : '<p>No dependency information.</p>'
  if (data.dependencies && m.components.length) yield `<h3>Components that must move together</h3>${html(t.components(m))}`
  if (m.blast.length)
    yield `<h3 id="blast-radius">Blast radius</h3><p>Resources that depend, directly or transitively, on each proprietary or captive service.</p>${html(t.blast(m))}`
  if (data.dependencies && m.components.length) {
    const diagram = dependencyDiagram(data.dependencies)
    if (diagram)
      yield `<figure>${diagram}<figcaption>Dependencies of the most locked-in components (arrows point from a resource to what it uses; each box starts with its exit wave)</figcaption></figure>`
  }
  yield '</section>'
  yield arrangementsHtml(data)

  // 5. Findings
  yield '<section id="findings"><h2>5. Findings per policy rule</h2>'
  if (m.rules.length === 0) yield '<p>No policy was evaluated.</p>'
  if (data.history) yield `<p class="note">${esc(marksSentence(data.history))}</p>`
  for (const r of m.rules) {
    yield `<h3 id="${esc(ruleAnchor(r.policy, r.id))}">${pill(r.status)} ${esc(r.policy)} / ${esc(r.title)}</h3><p>Severity <strong>${esc(r.severity)}</strong>, ${selectedText(r)}. ${esc(r.rationale)}${r.references.length ? ` <em>${esc(r.references.join('; '))}</em>` : ''}</p>`
    if (r.findings.length) {
      yield html(data.history?.previous ? markedFindings(r, data.history) : t.findings(r))
      if (r.findings.length > t.FINDINGS_SHOWN)
        yield `<p>… and ${r.findings.length - t.FINDINGS_SHOWN} more in assessment.json and resources.csv.</p>`
      yield `<p><strong>Remediation:</strong> ${esc(r.remediation)}</p>`
    }
  }
  if (data.history?.previous && data.history.resolved.length)
    yield `<h3>Resolved since the previous assessment</h3>${html(resolvedFindings(data.history))}${data.history.resolved.length > t.FINDINGS_SHOWN ? `<p>… and ${data.history.resolved.length - t.FINDINGS_SHOWN} more.</p>` : ''}`
  const expired = t.expiredWaivers(policies)
  if (expired.rows.length) yield `<h3>Expired waivers (no longer applied)</h3>${html(expired)}`
  yield '</section>'

  // 6. Regulation
  yield '<section id="regulation"><h2>6. Regulatory mapping</h2>'
  yield* regulationTable(m.regulation)
  yield sovereigntyHtml(a)
  yield `<p class="note">${esc(m.dataActNote)}</p>`
  yield `<div id="egress">${html(t.egress(a))}</div>`
  yield `<p class="meta">List prices as of ${esc(a.egress.pricesAsOf)}; resources without a known size are counted, not guessed.</p></section>`

  // 7. Methodology
  const c = a.constants
  yield '<section id="methodology"><h2>7. Methodology</h2><ul>'
  yield `<li><strong>Resource score (0–100)</strong> = base by portability class (${esc(
    Object.entries(c.portabilityBase)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  )}) + data gravity (stateful ${c.statefulBonus}, plus a size bonus of ${c.sizeBonusPerDecade} × log10(1 + GiB) of at most ${c.maxSizeBonus}, so gravity is at most ${c.statefulBonus + c.maxSizeBonus}) + coupling (${c.couplingFactor} × the gap to the most locked-in proprietary or captive dependency, at most ${c.maxCoupling}); capped at 100.</li>`
  yield `<li><strong>Effort</strong> (person-days per service = a fixed part + a part per resource): ${esc(effortDefinition(m.planning))}. Planning estimates, not measurements; the effort block of a policy overrides them. Transfer times assume ${esc(num(m.planning.bandwidthGbps, 1))} Gbit/s sustained.</li>`
  yield `<li><strong>Lock-in index</strong>: the mean resource score weighted by category criticality (unmapped weight ${c.unmappedCategoryWeight}).</li>`
  yield '<li><strong>Concentration</strong>: the Herfindahl–Hirschman index of criticality-weighted shares (0–10,000): for the estate (and the grade) over ultimate parents, per category over providers.</li>'
  yield `<li><strong>Jurisdiction exposure</strong>: the share of stateful or critical resources, weighted by criticality, whose provider or SaaS vendor is controlled from outside the EU (or unknown); control follows ownership, not the region. EU-controlled providers with a non-EU reach count at ${c.foreignReachWeight}. Here: ${esc(exposureText(a))}.</li>`
  yield `<li><strong>Shares</strong> name their base: <em>weighted by criticality</em> (the base of every index above), <em>by count</em> of resources, or <em>of the resources tagged critical-function=true</em>. Concentration by ultimate parent counts a group's providers and SaaS vendors together.</li>`
  yield `<li><strong>Readiness</strong> = 100 − ${c.readinessWeights.lockIn} × lock-in − ${c.readinessWeights.concentration} × ${hhiLabel(s.concentration)} ÷ 100 − ${c.readinessWeights.jurisdiction} × exposure% − ${c.readinessWeights.unmapped} × unmapped% = 100 − ${s.deductions.lockIn} − ${s.deductions.concentration} − ${s.deductions.jurisdiction} − ${s.deductions.unmapped} = <strong>${s.readiness}</strong>. Grades: ${esc(
    Object.entries(c.gradeThresholds)
      .map(([g, t]) => `${g} ≥ ${t}`)
      .join(', '),
  )}, else F.</li></ul></section>`

  // 8. Appendix
  yield '<section id="appendix"><h2>8. Appendix</h2><h3 id="unmapped-types">Unmapped types</h3>'
  yield a.unmapped.length ? html(t.unmapped(a)) : '<p>None: every type is mapped.</p>'
  yield `<h3 id="resources-by-score">Resources by lock-in score (top ${m.topResources.length} of ${esc(num(a.resources.length))}; all of them in resources.csv)</h3>`
  yield html(t.topResources(m))
  yield `<h3 id="audit-trail">Audit trail</h3><p>What this report was made from; the same inputs, catalog and policies with the same version give the same report.</p>${html(t.auditTrail(a))}`
  yield '</section></main></body></html>\n'
}

/** Concentration by who controls: per ultimate parent and per vendor, with the ESAs' designation. */
function* controlSection({assessment: a}: ReportData): Generator<string> {
  const c = a.concentrationByControl
  if (!c) return
  yield `<h3 id="by-who-controls">By who controls</h3><p>${esc(t.controlIntro(a))}</p>${html(t.controlGroups(a))}`
  if (c.vendors.some((v) => v.kind === 'saas')) yield `<h4>By vendor</h4>${html(t.controlVendors(a))}`
}

/** The regulatory mapping: each provision's status, with the rules behind it linked to their findings. */
function* regulationTable(rows: ReturnType<typeof buildReportModel>['regulation']): Generator<string> {
  yield '<div class="scroll"><table><thead><tr><th scope="col">Framework</th><th scope="col">Provision</th><th scope="col">What the estate shows</th><th scope="col">Status</th><th scope="col">Why</th></tr></thead><tbody>'
  for (const r of rows) {
    const links = r.checkedBy.length
      ? `<br>Rules: ${r.checkedBy.map((x) => `<a href="#${esc(x.anchor)}">${esc(`${x.policy}/${x.rule}`)}</a>`).join(', ')}`
      : ''
    yield `<tr><td>${esc(r.framework)}</td><td>${esc(r.provision)}</td><td>${esc(r.measure)}</td><td><span class="pill ${esc(r.status)}">${esc(STATUS_LABEL[r.status])}</span></td><td>${esc(r.explanation)}${links}</td></tr>`
  }
  yield '</tbody></table></div>'
}
