import type {AssessedResource, Assessment} from '../assessment/schema.js'
import {contentSecurityPolicy} from '../report/html.js'
import {esc} from '../report/svg.js'
import type {GraphFindings} from '../report/types.js'
import type {Arrangement, ArrangementsFile} from './arrangements.js'
import type {JoinResult} from './join.js'

// EU Data Act (Regulation (EU) 2023/2854) Art. 25 switching windows, read from secondary sources
// (law-firm summaries); the article text itself was not read here: unconfirmed wording.
export const DATA_ACT = {
  maxNoticeDays: 60, // "two months" at most
  transitionDays: 30, // mandatory maximum transitional period
  transitionExtendedDays: 210, // up to seven months where 30 days are technically unfeasible
  retrievalDays: 30, // at least 30 days after the transition to retrieve data
}
/** RTS 2024/1773 Art. 10 asks for exit plans to be tested periodically; exitready's rule of thumb is yearly. */
export const TEST_INTERVAL_MONTHS = 12

export interface ExitPlan {
  reference: string
  provider: string
  functions: {id: string; name: string}[]
  plan: {link?: string; owner?: string}
  scenarios: {scenario: string; trigger: string; response: string}[]
  alternatives: {service: string; count: number; european: string[]; equivalents: string[]; effort?: string}[]
  transition: {wave: number; resources: number; statefulGiB: number; effort: Record<string, number>}[]
  timeline: {
    noticeDays: number
    noticeSource: string
    transitionDays: number
    retrievalDays: number
    totalDays: number
    contractEnd?: string
    /** The exit, started today, ends after the contract: plan it earlier or extend. */
    endsAfterContract: boolean
    notes: string[]
  }
  data: {statefulGiB: number; unknownSize: number; bandwidthMbps: number; transferHours: number}
  tests: {lastTested?: string; nextDue?: string; overdue: boolean}
  resources: number
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.toISOString().slice(0, 10)
}

/** Transfer time in hours of `gib` GiB at `mbps` megabits per second. */
export const transferHours = (gib: number, mbps: number) => Math.round(((gib * 1024 ** 3 * 8) / (mbps * 1e6) / 3600) * 10) / 10

function alternativesOf(resources: readonly AssessedResource[], assessment: Assessment): ExitPlan['alternatives'] {
  const counts = new Map<string, number>()
  for (const r of resources) {
    const key = `${r.provider}\u0000${r.type}\u0000${r.portability}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const result: ExitPlan['alternatives'] = []
  for (const s of assessment.services) {
    const count = counts.get(`${s.provider}\u0000${s.type}\u0000${s.portability}`)
    if (!count) continue
    result.push({
      service: s.title ?? s.type,
      count,
      european: s.european.map((e) => `${e.provider}: ${e.service}`),
      equivalents: s.equivalents,
      effort: s.effort,
    })
  }
  const rank = {XL: 0, L: 1, M: 2, S: 3} as Record<string, number>
  return result.sort((a, b) => (rank[a.effort ?? ''] ?? 4) - (rank[b.effort ?? ''] ?? 4) || b.count - a.count)
}

function planFor(
  a: Arrangement,
  file: ArrangementsFile,
  resources: readonly AssessedResource[],
  assessment: Assessment,
  dependencies: GraphFindings | undefined,
  now: Date,
): ExitPlan {
  const today = now.toISOString().slice(0, 10)
  const provider = file.providers[a.provider]!
  const name = provider.legalName ?? a.provider
  const byId = new Map(resources.map((r) => [r.id, r]))
  const transition: ExitPlan['transition'] = []
  for (const wave of dependencies?.waves ?? []) {
    let count = 0
    let gib = 0
    const effort: Record<string, number> = {}
    for (const m of wave.members) {
      const r = byId.get(m.id)
      if (!r) continue
      count++
      effort[m.effort ?? 'unknown'] = (effort[m.effort ?? 'unknown'] ?? 0) + 1
      if (r.stateful && r.sizeGiB) gib += r.sizeGiB
    }
    if (count === 0) continue
    transition.push({wave: wave.wave, resources: count, statefulGiB: Math.round(gib * 10) / 10, effort})
  }
  let statefulGiB = 0
  let unknownSize = 0
  for (const r of resources)
    if (r.stateful) {
      if (r.sizeGiB === undefined) unknownSize++
      else statefulGiB += r.sizeGiB
    }
  const bandwidthMbps = file.exitPlanning?.bandwidthMbps ?? 1000
  const notes: string[] = []
  const contractNotice = a.notice?.entityDays
  const noticeDays = contractNotice ?? DATA_ACT.maxNoticeDays
  if (contractNotice === undefined)
    notes.push('No notice period in the arrangement: the Data Act maximum of two months is assumed.')
  else if (contractNotice > DATA_ACT.maxNoticeDays)
    notes.push(
      `The contract's ${contractNotice}-day notice is longer than the Data Act's two months for data processing services (Art. 25); check whether the Data Act shortens it for this contract.`,
    )
  const transitionDays = DATA_ACT.transitionDays
  notes.push(
    `Transition: the Data Act's 30 days, which the provider may extend to seven months if 30 days are technically unfeasible; retrieval: at least 30 days after it.`,
  )
  const hours = transferHours(statefulGiB, bandwidthMbps)
  if (hours / 24 > transitionDays)
    notes.push(
      `Moving ${Math.round(statefulGiB)} GiB takes longer than the 30-day transition at ${bandwidthMbps} Mbit/s: plan an extended transition or more bandwidth.`,
    )
  const totalDays = noticeDays + transitionDays + DATA_ACT.retrievalDays
  const contractEnd = a.end
  const endsAfterContract = contractEnd !== undefined && addDays(today, totalDays) > contractEnd
  const lastTested = a.exitPlan?.lastTested
  const nextDue = lastTested ? addMonths(lastTested, TEST_INTERVAL_MONTHS) : undefined
  const functions = a.functions.map((id) => ({id, name: file.functions.find((f) => f.id === id)?.name ?? id}))
  return {
    reference: a.reference,
    provider: name,
    functions,
    plan: {link: a.exitPlan?.link, owner: a.exitPlan?.owner},
    scenarios: [
      {
        scenario: 'Unforeseen persistent interruption',
        trigger: `${name} stops delivering for longer than the functions' recovery time objectives.`,
        response: 'Fail over to the alternatives below in wave order, from the latest backups; stateful services first.',
      },
      {
        scenario: 'Failed delivery',
        trigger: `${name} delivers below the agreed service levels or breaks contractual or regulatory duties.`,
        response: 'Escalate under the contract, then give notice and run the transition plan below.',
      },
      {
        scenario: 'Unexpected termination',
        trigger: `${name} terminates the arrangement, or the competent authority requires its termination.`,
        response: 'Use the notice and Data Act windows below to move in wave order and retrieve all data before erasure.',
      },
    ],
    alternatives: alternativesOf(resources, assessment),
    transition,
    timeline: {
      noticeDays,
      noticeSource: contractNotice === undefined ? 'Data Act maximum (assumed)' : 'the contract',
      transitionDays,
      retrievalDays: DATA_ACT.retrievalDays,
      totalDays,
      contractEnd,
      endsAfterContract,
      notes,
    },
    data: {statefulGiB: Math.round(statefulGiB * 10) / 10, unknownSize, bandwidthMbps, transferHours: hours},
    tests: {lastTested, nextDue, overdue: nextDue === undefined || nextDue < today},
    resources: resources.length,
  }
}

/** One plan per arrangement that supports a critical or important function (DORA Art. 28(8)). */
export function buildExitPlans(
  file: ArrangementsFile,
  join: JoinResult,
  assessment: Assessment,
  dependencies: GraphFindings | undefined,
  now: Date,
): ExitPlan[] {
  const critical = new Set(file.functions.filter((f) => f.critical === 'yes').map((f) => f.id))
  return file.arrangements
    .filter((a) => a.functions.some((f) => critical.has(f)))
    .map((a) => planFor(a, file, join.byArrangement.get(a.reference) ?? [], assessment, dependencies, now))
}

const md = (text: unknown) =>
  String(text ?? '')
    .replaceAll('|', '\\|')
    .replace(/[\r\n]+/g, ' ')

export function renderExitPlansMarkdown(plans: readonly ExitPlan[]): string {
  let text =
    '# Exit plans per ICT arrangement\n\nFor each arrangement that supports a critical or important function (DORA Art. 28(8); RTS 2024/1773 Art. 10). Alternatives, waves and volumes come from the inventory and the catalog; the plan itself is yours.\n'
  if (plans.length === 0) text += '\nNo arrangement supports a critical or important function.\n'
  for (const p of plans) {
    text += `\n## ${md(p.reference)}: ${md(p.provider)}\n\n`
    text += `Supports ${p.functions.map((f) => `${md(f.id)} ${md(f.name)}`).join(', ')}; covers ${p.resources} resources. Plan: ${p.plan.link ? md(p.plan.link) : '**none linked**'}; owner: ${md(p.plan.owner ?? 'not named')}.\n\n`
    text += `### Scenarios\n\n| Scenario | Trigger | Response |\n|---|---|---|\n`
    for (const s of p.scenarios) text += `| ${s.scenario} | ${md(s.trigger)} | ${md(s.response)} |\n`
    text += `\n### Alternatives\n\n`
    if (p.alternatives.length === 0) text += 'No catalogued service in scope.\n'
    else {
      text += '| Service | Resources | Effort | European alternatives | Equivalents |\n|---|---|---|---|---|\n'
      for (const a of p.alternatives.slice(0, 40))
        text += `| ${md(a.service)} | ${a.count} | ${a.effort ?? '?'} | ${md(a.european.join('; ') || 'none catalogued')} | ${md(a.equivalents.join(', '))} |\n`
      if (p.alternatives.length > 40) text += `\n(and ${p.alternatives.length - 40} more services in exit-plans.json)\n`
    }
    text += `\n### Transition (exit waves)\n\n`
    if (p.transition.length === 0) text += 'No exit waves: the dependency analysis found none of its resources.\n'
    else {
      text += '| Wave | Resources | Stateful GiB | Effort |\n|---|---|---|---|\n'
      for (const w of p.transition)
        text += `| ${w.wave} | ${w.resources} | ${w.statefulGiB} | ${Object.entries(w.effort)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} |\n`
    }
    const t = p.timeline
    text += `\n### Timeline\n\n| Step | Days |\n|---|---|\n| Notice (${t.noticeSource}) | ${t.noticeDays} |\n| Transition (Data Act) | ${t.transitionDays} |\n| Data retrieval (Data Act) | ${t.retrievalDays} |\n| Total | ${t.totalDays} |\n\n`
    if (t.contractEnd)
      text += `Contract ends ${t.contractEnd}${t.endsAfterContract ? ': **an exit started today would end after it**' : ''}.\n`
    for (const note of t.notes) text += `- ${md(note)}\n`
    text += `\n### Data\n\n${p.data.statefulGiB} GiB of stateful data (${p.data.unknownSize} stateful resources of unknown size, not counted): about ${p.data.transferHours} hours at ${p.data.bandwidthMbps} Mbit/s.\n`
    text += `\n### Tests\n\nLast exit test: ${p.tests.lastTested ?? '**never**'}; next due: ${p.tests.nextDue ?? 'now'}${p.tests.overdue ? ' (**overdue**)' : ''}.\n`
  }
  return text
}

const PLAN_CSS = `body{font:15px/1.5 system-ui,sans-serif;color:#1d2733;margin:0 auto;max-width:1100px;padding:24px}
h2{border-bottom:2px solid #1f5f8b;padding-bottom:4px;margin-top:36px}table{border-collapse:collapse;width:100%;font-size:13.5px;margin:8px 0 16px}
th,td{border-bottom:1px solid #d8dee6;padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f2f5f8}
td.n{text-align:right}.warn{color:#b22222;font-weight:600}`

/** exit-plans.html: self-contained, script-free, every value escaped; links are shown as text, not followed. */
export function renderExitPlansHtml(plans: readonly ExitPlan[]): string {
  const table = (head: string[], rows: unknown[][], numeric: number[] = []) =>
    `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`
  let body = ''
  for (const p of plans) {
    const t = p.timeline
    body += `<section><h2>${esc(p.reference)}: ${esc(p.provider)}</h2>
<p>Supports ${esc(p.functions.map((f) => `${f.id} ${f.name}`).join(', '))}; covers ${p.resources} resources. Plan: ${p.plan.link ? `<code>${esc(p.plan.link)}</code>` : '<span class="warn">none linked</span>'}; owner: ${esc(p.plan.owner ?? 'not named')}.</p>
<h3>Scenarios</h3>${table(
      ['Scenario', 'Trigger', 'Response'],
      p.scenarios.map((s) => [s.scenario, s.trigger, s.response]),
    )}
<h3>Alternatives</h3>${table(
      ['Service', 'Resources', 'Effort', 'European alternatives', 'Equivalents'],
      p.alternatives.map((a) => [
        a.service,
        a.count,
        a.effort ?? '?',
        a.european.join('; ') || 'none catalogued',
        a.equivalents.join(', '),
      ]),
      [1],
    )}
<h3>Transition (exit waves)</h3>${table(
      ['Wave', 'Resources', 'Stateful GiB', 'Effort'],
      p.transition.map((w) => [
        w.wave,
        w.resources,
        w.statefulGiB,
        Object.entries(w.effort)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', '),
      ]),
      [0, 1, 2],
    )}
<h3>Timeline</h3>${table(
      ['Step', 'Days'],
      [
        [`Notice (${t.noticeSource})`, t.noticeDays],
        ['Transition (Data Act)', t.transitionDays],
        ['Data retrieval (Data Act)', t.retrievalDays],
        ['Total', t.totalDays],
      ],
      [1],
    )}
${t.contractEnd ? `<p>Contract ends ${esc(t.contractEnd)}${t.endsAfterContract ? ': <span class="warn">an exit started today would end after it</span>' : ''}.</p>` : ''}
<ul>${t.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
<h3>Data</h3><p>${p.data.statefulGiB} GiB of stateful data (${p.data.unknownSize} stateful resources of unknown size, not counted): about ${p.data.transferHours} hours at ${p.data.bandwidthMbps} Mbit/s.</p>
<h3>Tests</h3><p>Last exit test: ${p.tests.lastTested ? esc(p.tests.lastTested) : '<span class="warn">never</span>'}; next due: ${esc(p.tests.nextDue ?? 'now')}${p.tests.overdue ? ' <span class="warn">(overdue)</span>' : ''}.</p></section>
`
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(PLAN_CSS)}">
<title>Exit plans per ICT arrangement</title><style>${PLAN_CSS}</style></head>
<body><h1>Exit plans per ICT arrangement</h1><p>For each arrangement that supports a critical or important function (DORA Art. 28(8); RTS 2024/1773 Art. 10).</p>
${plans.length ? body : '<p>No arrangement supports a critical or important function.</p>'}</body></html>
`
}

export interface ExitPlanFinding {
  reference: string
  rule: 'exit-plan' | 'exit-test' | 'alternatives'
  message: string
  field: string
}

/**
 * What DORA asks of each arrangement supporting a critical or important function, checked: a
 * documented exit plan, tested within the last twelve months, and identified alternatives where
 * the provider is not or hardly substitutable (B_07.01 c0050 x959/x960 without c0110 "yes").
 * The per-arrangement rule of the dora-exit policy can reuse this.
 */
export function exitPlanFindings(
  file: ArrangementsFile,
  plans: readonly ExitPlan[],
  assessmentRows: readonly Record<string, {value: string} | undefined>[],
): ExitPlanFinding[] {
  const findings: ExitPlanFinding[] = []
  const at = (reference: string) => `arrangements[${file.arrangements.findIndex((a) => a.reference === reference)}]`
  for (const p of plans) {
    if (!p.plan.link)
      findings.push({
        reference: p.reference,
        rule: 'exit-plan',
        message: `${p.reference} supports a critical or important function but links no exit plan.`,
        field: `${at(p.reference)}.exitPlan.link`,
      })
    if (p.tests.overdue)
      findings.push({
        reference: p.reference,
        rule: 'exit-test',
        message: p.tests.lastTested
          ? `${p.reference}: the exit plan was last tested on ${p.tests.lastTested}, more than ${TEST_INTERVAL_MONTHS} months ago.`
          : `${p.reference}: the exit plan has never been tested.`,
        field: `${at(p.reference)}.exitPlan.lastTested`,
      })
    const hard = assessmentRows.filter(
      (r) =>
        r.c0010?.value === p.reference &&
        ['eba_ZZ:x959', 'eba_ZZ:x960'].includes(r.c0050?.value ?? '') &&
        r.c0110?.value !== 'eba_BT:x28',
    )
    if (hard.length)
      findings.push({
        reference: p.reference,
        rule: 'alternatives',
        message: `${p.reference}: not or hardly substitutable (${hard.map((r) => r.c0040?.value).join(', ')}) without identified alternative providers.`,
        field: `${at(p.reference)}.assessment.alternatives`,
      })
  }
  return findings
}
