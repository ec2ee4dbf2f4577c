import {describe, expect, it} from 'vitest'
import {renderHtml} from '../../src/report/html.js'
import {renderMarkdown} from '../../src/report/markdown.js'
import {buildReportModel} from '../../src/report/model.js'
import {BEHIND} from '../../src/report/summary-links.js'
import {reportData} from './fixture.js'

/** The anchor GitHub and GitLab give a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

describe('a reader can follow every number of the executive summary to what stands behind it', () => {
  it('in HTML, each card, each policy and each of the three risks links to a table that is in the report', async () => {
    const data = await reportData({hostile: false})
    const html = [...renderHtml(data)].join('')
    const summary = html.match(/<section id="summary">(.*?)<\/section>/s)![1]!
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]))
    const links = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!)
    expect(links.filter((l) => !ids.has(l))).toEqual([])

    // Every card's number is a link.
    const cards = [...summary.matchAll(/<div class="card"><div class="v">(.*?)<\/div>/g)].map((m) => m[1]!)
    expect(cards.length).toBe(4)
    for (const card of cards) expect(card).toMatch(/^<a href="#[^"]+">/)
    // Each risk links to the table (or the rule's findings) behind it.
    const risks = [...summary.matchAll(/<div class="risk">(.*?)<\/div>/g)].map((m) => m[1]!)
    expect(risks.length).toBe(buildReportModel(data).risks.length)
    for (const risk of risks) expect(risk).toMatch(/<a href="#[^"]+">See [^<]+\.<\/a>$/)
    // Each policy in the verdict table links to its findings.
    for (const p of data.policies) expect(summary).toMatch(new RegExp(`<a href="#rule-${p.name}-[a-z0-9-]+">`))

    // The concentration card leads to the table that holds its number, not just somewhere.
    const c = data.assessment.concentrationByControl!
    const afterConcentration = html.slice(html.indexOf(`id="${BEHIND.concentration.html}"`))
    expect(afterConcentration.slice(0, 2000)).toContain(`over ultimate parents ${c.hhi.group.toLocaleString('en')}`)
    expect(
      html.slice(html.indexOf(`id="${BEHIND.jurisdiction.html}"`)).startsWith('id="residency">Residency versus control'),
    ).toBe(true)
  })

  it('in Markdown, the links of the summary are anchors of headings in the report', async () => {
    const md = [...renderMarkdown(await reportData({hostile: false}))].join('')
    const summary = md.slice(md.indexOf('## 1. Executive summary'), md.indexOf('## 2. Inventory overview'))
    const anchors = new Set([...md.matchAll(/^#{2,6} (.+)$/gm)].map((m) => slug(m[1]!)))
    const links = [...summary.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!)
    // The five figures, the findings, and one link per risk.
    expect(links.length).toBeGreaterThanOrEqual(5 + 1 + 3)
    expect(links.filter((l) => !anchors.has(l))).toEqual([])
  })
})
