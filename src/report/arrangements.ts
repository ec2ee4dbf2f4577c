/**
 * DORA arrangements in the reports: coverage (what no arrangement covers, which cover nothing), the
 * per-arrangement facts the exit rules check, and an exit plan per arrangement that supports a
 * critical or important function (RTS 2024/1773 Art. 10). The same plan fragments make the
 * standalone exit-plans.md/html of `exitready dora register`.
 */
import type {ArrangementSummary, ArrangementsBlock, ExitPlan} from '../assessment/schema.js'
import {exitPlanTexts, textFactsOf} from '../dora/exit-plan.js'
import {countIn, type Figures, figuresFor} from '../i18n/figures.js'
import type {Lang} from '../i18n/locale.js'
import {doraMessages, doraTableHeads} from '../i18n/messages/dora.js'
import type {RuleVerdict} from '../policy/types.js'
import {safeForTerminal, wrapText} from '../util/terminal.js'
import {contentSecurityPolicy} from './html.js'
import {mdCell} from './markdown.js'
import {esc} from './svg.js'
import type {ReportData} from './types.js'

/** Alternatives and uncovered groups shown per table; the rest are in assessment.json. */
const ROWS_SHOWN = 40

type Texts = (typeof doraMessages)[Lang]

const substitutabilityText = (s: ArrangementSummary, t: Texts) =>
  s.substitutability.value
    ? `${t.substitutability(s.substitutability.value)}${s.substitutability.source === 'proposed' ? t.proposedMark : ''}`
    : t.unknown
const alternativesText = (s: ArrangementSummary, t: Texts) =>
  s.alternatives.source === 'supplied'
    ? `${s.alternatives.identified === undefined ? t.unknown : t.identified(s.alternatives.identified)}${s.alternatives.providers.length ? `: ${s.alternatives.providers.join(', ')}` : ''}`
    : s.alternatives.source === 'proposed'
      ? t.proposedList(s.alternatives.providers.join(', '))
      : t.noneNamed
const testText = (s: ArrangementSummary, t: Texts, f: Figures) =>
  `${s.exitPlan.lastTested ? f.date(s.exitPlan.lastTested) : t.never}${s.exitPlan.nextDue ? t.next(f.date(s.exitPlan.nextDue)) : ''}${s.exitPlan.overdue && s.critical ? t.overdueMark : ''}`

const coverageRows = (b: ArrangementsBlock, lang: Lang): unknown[][] => {
  const t = doraMessages[lang]
  const f = figuresFor(lang)
  return b.arrangements.map((s) => [
    s.reference,
    s.providerName,
    s.functions.map((fn) => `${fn.id} ${fn.name}${fn.critical === 'yes' ? t.criticalMark : ''}`).join(', '),
    f.n(s.resources),
    substitutabilityText(s, t),
    alternativesText(s, t),
    s.exitPlan.link ? t.linked : t.none,
    testText(s, t, f),
  ])
}
const uncoveredRows = (b: ArrangementsBlock, lang: Lang) =>
  b.uncovered.groups.slice(0, ROWS_SHOWN).map((g) => [g.provider, g.account ?? '—', g.type, figuresFor(lang).n(g.count)])
const emptyText = (b: ArrangementsBlock, t: Texts) =>
  b.empty.map((e) => (e.service === undefined ? e.reference : t.emptyService(e.reference, e.service))).join(', ')
const coverageLine = (b: ArrangementsBlock, lang: Lang) => {
  const t = doraMessages[lang]
  return t.coverageLine(
    countIn(lang, b.covered),
    countIn(lang, b.uncovered.count),
    b.empty.length ? emptyText(b, t) : '',
    b.filtered,
  )
}

const effortText = (effort: Record<string, number>, t: Texts, f: Figures) =>
  Object.entries(effort)
    .map(([k, v]) => `${k === 'unknown' ? t.effortUnknown : k}: ${f.n(v)}`)
    .join(', ')

/** A plan's generated texts (scenarios, notice source, notes) in the report's language; English as assessment.json has them. */
const told = (p: ExitPlan, lang: Lang): ExitPlan => {
  if (lang === 'en') return p
  const texts = exitPlanTexts(textFactsOf(p), lang)
  return {...p, scenarios: texts.scenarios, timeline: {...p.timeline, noticeSource: texts.noticeSource, notes: texts.notes}}
}

/** What one plan shows, in the report's language, for the Markdown and HTML renderers alike. */
function planView(plan: ExitPlan, lang: Lang) {
  const p = told(plan, lang)
  const t = doraMessages[lang]
  const f = figuresFor(lang)
  const heads = doraTableHeads[lang]
  const timeline = p.timeline
  return {
    p,
    t,
    f,
    heads,
    functions: p.functions.map((fn) => `${fn.id} ${fn.name}`).join(', '),
    resources: f.n(p.resources),
    scenarios: p.scenarios.map((s) => [s.scenario, s.trigger, s.response]),
    alternatives: p.alternatives
      .slice(0, ROWS_SHOWN)
      .map((a) => [
        a.service,
        f.n(a.count),
        a.effort ?? '?',
        a.european.join('; ') || t.noneCatalogued,
        a.equivalents.join(', '),
      ]),
    moreServices: p.alternatives.length > ROWS_SHOWN ? t.moreServices(f.n(p.alternatives.length - ROWS_SHOWN)) : '',
    transition: p.transition.map((w) => [f.n(w.wave), f.n(w.resources), f.n(w.statefulGiB, 1), effortText(w.effort, t, f)]),
    timeline: [
      [t.notice(timeline.noticeSource), f.n(timeline.noticeDays)],
      [t.transition, f.n(timeline.transitionDays)],
      [t.retrieval, f.n(timeline.retrievalDays)],
      [t.total, f.n(timeline.totalDays)],
    ],
    contractEnd: timeline.contractEnd ? t.contractEnds(f.date(timeline.contractEnd)) : '',
    data: t.data(f.n(p.data.statefulGiB, 1), f.n(p.data.unknownSize), f.n(p.data.transferHours, 1), f.n(p.data.bandwidthMbps)),
    lastTested: p.tests.lastTested ? f.date(p.tests.lastTested) : undefined,
    nextDue: p.tests.nextDue ? f.date(p.tests.nextDue) : t.now,
  }
}

// ---- Markdown ----

/**
 * A value as a Markdown code span: shown as written and never a link (renderers do not autolink
 * inside code), so a plan's URL copies clean. Text with a backtick cannot be fenced safely here and
 * falls back to an escaped cell.
 */
const mdCode = (text: string) => {
  const line = safeForTerminal(text, {singleLine: true})
  return line.includes('`') ? mdCell(line) : `\`${line}\``
}

function mdTable(head: string[], rows: unknown[][]): string {
  const line = (cells: unknown[]) => `| ${cells.map(mdCell).join(' | ')} |`
  return `${[line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n')}\n`
}

/** One plan in Markdown, its heading at `level` (2 in exit-plans.md, 3 in the exit report). */
export function exitPlanMarkdown(plan: ExitPlan, level = 2, lang: Lang = 'en'): string {
  const v = planView(plan, lang)
  const {p, t, heads} = v
  const h = '#'.repeat(level)
  let text = `${h} ${mdCell(p.reference)}: ${mdCell(p.provider)}\n\n`
  const supports = t.supports(mdCell(v.functions), v.resources)
  text += `${supports} ${t.planLabel}: ${p.plan.link ? mdCode(p.plan.link) : `**${t.noneLinked}**`}; ${t.ownerLabel}: ${mdCell(p.plan.owner ?? t.notNamed)}.\n\n`
  text += `${h}# ${t.scenariosTitle}\n\n${mdTable(heads.scenariosHead, v.scenarios)}\n`
  text += `${h}# ${t.alternativesTitle}\n\n`
  if (p.alternatives.length === 0) text += `${t.noCatalogued}\n`
  else {
    text += mdTable(heads.alternativesHead, v.alternatives)
    if (v.moreServices) text += `\n${v.moreServices}\n`
  }
  text += `\n${h}# ${t.transitionTitle}\n\n`
  text += p.transition.length ? mdTable(heads.transitionHead, v.transition) : `${t.noWaves}\n`
  text += `\n${h}# ${t.timelineTitle}\n\n${mdTable(heads.timelineHead, v.timeline)}\n`
  if (v.contractEnd) text += `${mdCell(v.contractEnd)}${p.timeline.endsAfterContract ? `: **${t.endsAfter}**` : ''}.\n\n`
  for (const note of p.timeline.notes) text += `- ${mdCell(note)}\n`
  text += `\n${h}# ${t.dataTitle}\n\n${v.data}\n`
  text += `\n${h}# ${t.testsTitle}\n\n${t.lastTest}: ${v.lastTested ? mdCell(v.lastTested) : `**${t.never}**`}; ${t.nextDue}: ${mdCell(v.nextDue)}${p.tests.overdue ? ` (**${t.overdue}**)` : ''}.\n`
  return text
}

/** exit-plans.md of `exitready dora register`. */
export function renderExitPlansMarkdown(plans: readonly ExitPlan[], lang: Lang = 'en'): string {
  const t = doraMessages[lang]
  let text = `# ${t.standaloneTitle}\n\n${t.plansIntro}\n`
  if (plans.length === 0) text += `\n${t.noCritical}\n`
  for (const p of plans) text += `\n${exitPlanMarkdown(p, 2, lang)}`
  return text
}

/** The exit report's arrangements section in Markdown, in the report's language; empty without --arrangements. */
export function arrangementsMarkdown({assessment, lang = 'en'}: ReportData): string {
  const b = assessment.arrangements
  if (!b) return ''
  const t = doraMessages[lang]
  const heads = doraTableHeads[lang]
  let text = `## ${t.sectionTitle}\n\n${mdCell(t.intro)}\n\n${t.fromFile(mdCell(b.file), mdCell(b.entity.name), mdCell(b.entity.lei), mdCell(coverageLine(b, lang)))}\n\n`
  text += mdTable(heads.coverageHead, coverageRows(b, lang))
  if (b.uncovered.count > 0) {
    text += `\n**${t.uncoveredTitle}** ${t.uncoveredLeadMd(countIn(lang, b.uncovered.count))}\n\n`
    text += mdTable(heads.uncoveredHead, uncoveredRows(b, lang))
    if (b.uncovered.groups.length > ROWS_SHOWN)
      text += `\n${t.moreGroups(countIn(lang, b.uncovered.groups.length - ROWS_SHOWN))}\n`
  }
  text += `\n### ${t.plansTitle}\n\n`
  text += `${t.plansIntro}\n\n`
  if (b.exitPlans.length === 0) text += `${t.noCritical}\n\n`
  for (const p of b.exitPlans) text += `${exitPlanMarkdown(p, 4, lang)}\n`
  return text
}

// ---- HTML ----

const table = (head: string[], rows: unknown[][], numeric: number[] = []) =>
  `<div class="scroll"><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`

/** One plan in HTML, its heading at `level`; every value escaped, links shown as text, not followed. */
export function exitPlanHtml(plan: ExitPlan, level = 2, lang: Lang = 'en'): string {
  const v = planView(plan, lang)
  const {p, t, heads} = v
  const h = (text: string, depth = 0) => `<h${level + depth}>${text}</h${level + depth}>`
  return `<section class="arrangement-plan">${h(`${esc(p.reference)}: ${esc(p.provider)}`)}
<p>${t.supports(esc(v.functions), esc(v.resources))} ${esc(t.planLabel)}: ${p.plan.link ? `<code>${esc(p.plan.link)}</code>` : `<span class="warn">${esc(t.noneLinked)}</span>`}; ${esc(t.ownerLabel)}: ${esc(p.plan.owner ?? t.notNamed)}.</p>
${h(esc(t.scenariosTitle), 1)}${table(heads.scenariosHead, v.scenarios)}
${h(esc(t.alternativesTitle), 1)}${p.alternatives.length ? table(heads.alternativesHead, v.alternatives, [1]) : `<p>${esc(t.noCatalogued)}</p>`}${v.moreServices ? `<p>${esc(v.moreServices)}</p>` : ''}
${h(esc(t.transitionTitle), 1)}${p.transition.length ? table(heads.transitionHead, v.transition, [0, 1, 2]) : `<p>${esc(t.noWaves)}</p>`}
${h(esc(t.timelineTitle), 1)}${table(heads.timelineHead, v.timeline, [1])}
${v.contractEnd ? `<p>${esc(v.contractEnd)}${p.timeline.endsAfterContract ? `: <span class="warn">${esc(t.endsAfter)}</span>` : ''}.</p>` : ''}
<ul>${p.timeline.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
${h(esc(t.dataTitle), 1)}<p>${esc(v.data)}</p>
${h(esc(t.testsTitle), 1)}<p>${esc(t.lastTest)}: ${v.lastTested ? esc(v.lastTested) : `<span class="warn">${esc(t.never)}</span>`}; ${esc(t.nextDue)}: ${esc(v.nextDue)}${p.tests.overdue ? ` <span class="warn">(${esc(t.overdue)})</span>` : ''}.</p></section>
`
}

const PLAN_CSS = `body{font:15px/1.5 system-ui,sans-serif;color:#1d2733;margin:0 auto;max-width:1100px;padding:24px}
h2{border-bottom:2px solid #1f5f8b;padding-bottom:4px;margin-top:36px}table{border-collapse:collapse;width:100%;font-size:13.5px;margin:8px 0 16px}
th,td{border-bottom:1px solid #d8dee6;padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f2f5f8}
td.n{text-align:right}.warn{color:#b22222;font-weight:600}`

/** exit-plans.html of `exitready dora register`: self-contained and script-free. */
export function renderExitPlansHtml(plans: readonly ExitPlan[], lang: Lang = 'en'): string {
  const t = doraMessages[lang]
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(PLAN_CSS)}">
<title>${esc(t.standaloneTitle)}</title><style>${PLAN_CSS}</style></head>
<body><h1>${esc(t.standaloneTitle)}</h1><p>${esc(t.plansIntro)}</p>
${plans.length ? plans.map((p) => exitPlanHtml(p, 2, lang)).join('') : `<p>${esc(t.noCritical)}</p>`}</body></html>
`
}

/** The exit report's navigation entry for the arrangements section; empty without --arrangements. */
export const arrangementsNav = ({assessment, lang = 'en'}: ReportData): string =>
  assessment.arrangements ? `<li><a href="#arrangements">${esc(doraMessages[lang].nav)}</a></li>` : ''

/** The exit report's arrangements section in HTML, in the report's language; empty without --arrangements. */
export function arrangementsHtml({assessment, lang = 'en'}: ReportData): string {
  const b = assessment.arrangements
  if (!b) return ''
  const t = doraMessages[lang]
  const heads = doraTableHeads[lang]
  let text = `<section id="arrangements"><h2>${esc(t.sectionTitle)}</h2><p>${esc(t.intro)}</p>`
  text += `<p>${t.fromFile(`<code>${esc(b.file)}</code>`, esc(b.entity.name), esc(b.entity.lei), esc(coverageLine(b, lang)))}</p>`
  text += table(heads.coverageHead, coverageRows(b, lang), [3])
  if (b.uncovered.count > 0) {
    text += `<h3>${esc(t.uncoveredTitle)}</h3><p>${esc(t.uncoveredLead(countIn(lang, b.uncovered.count)))}</p>`
    text += table(heads.uncoveredHead, uncoveredRows(b, lang), [3])
    if (b.uncovered.groups.length > ROWS_SHOWN)
      text += `<p>${esc(t.moreGroups(countIn(lang, b.uncovered.groups.length - ROWS_SHOWN)))}</p>`
  }
  text += `<h3>${esc(t.plansTitle)}</h3><p>${esc(t.plansIntro)}</p>`
  if (b.exitPlans.length === 0) text += `<p>${esc(t.noCritical)}</p>`
  for (const p of b.exitPlans) text += `<div class="plan">${exitPlanHtml(p, 4, lang)}</div>`
  return `${text}</section>`
}

/** "12 resources selected", or "2 arrangements selected" for an arrangements rule. */
export const selectedText = (r: Pick<RuleVerdict, 'kind' | 'selected'>, lang: Lang = 'en'): string =>
  doraMessages[lang].selected(figuresFor(lang).n(r.selected), r.kind === 'arrangements')

// ---- Terminal ----

/** The terminal summary's lines on the arrangements; every value made safe for the terminal. */
export function renderArrangementsTerminal(b: ArrangementsBlock, width = 80, lang: Lang = 'en'): string {
  const t = doraMessages[lang]
  const f = figuresFor(lang)
  const critical = b.arrangements.filter((s) => s.critical).length
  const lines = [t.terminalHead(f.n(b.arrangements.length), f.n(critical), coverageLine(b, lang))]
  if (b.uncovered.count > 0) {
    const byProvider = new Map<string, number>()
    let listed = 0
    for (const g of b.uncovered.groups) {
      byProvider.set(g.provider, (byProvider.get(g.provider) ?? 0) + g.count)
      listed += g.count
    }
    const rest = b.uncovered.count - listed
    lines.push(
      t.terminalUncovered(
        [...byProvider].map(([provider, count]) => `${provider} ${countIn(lang, count)}`).join(', '),
        rest > 0 ? countIn(lang, rest) : undefined,
      ),
    )
  }
  for (const plan of b.exitPlans) {
    const p = told(plan, lang)
    lines.push(
      t.terminalPlan(
        p.reference,
        p.provider,
        !!p.plan.link,
        p.tests.lastTested ? f.date(p.tests.lastTested) : t.never,
        p.tests.overdue,
        f.n(p.timeline.totalDays),
        f.n(p.data.statefulGiB, 1),
      ),
    )
  }
  return lines.map((line) => wrapText(safeForTerminal(line, {singleLine: true}), width, '  ')).join('\n')
}
