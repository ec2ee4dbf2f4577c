import {describe, expect, it} from 'vitest'
import {summariseArrangements} from '../../src/dora/summary.js'
import {
  arrangementsHtml,
  arrangementsMarkdown,
  arrangementsNav,
  renderArrangementsTerminal,
} from '../../src/report/arrangements.js'
import {renderHtml} from '../../src/report/html.js'
import {renderMarkdown} from '../../src/report/markdown.js'
import type {ReportData} from '../../src/report/types.js'
import {demoArrangementsText, NOW, registerFor} from './helpers.js'

const HOSTILE = '<img src=x onerror=alert(1)>|**bold** [x](javascript:alert(1))'

async function data(text = demoArrangementsText()): Promise<ReportData> {
  const {file, join, assessment, dependencies} = await registerFor(text)
  const arrangements = summariseArrangements(file, 'arrangements.yaml', assessment, dependencies, NOW, join)
  return {assessment: {...assessment, arrangements}, policies: [], now: NOW, dependencies}
}

describe('the arrangements section of the exit report', () => {
  it('is absent without --arrangements', async () => {
    const plain = {...(await data()), assessment: {...(await data()).assessment, arrangements: undefined}}
    expect(arrangementsMarkdown(plain)).toBe('')
    expect(arrangementsHtml(plain)).toBe('')
    expect(arrangementsNav(plain)).toBe('')
    expect([...renderMarkdown(plain)].join('')).not.toContain('DORA: ICT arrangements')
  })

  it('Markdown: coverage per arrangement, what no arrangement covers, an exit plan per critical arrangement', async () => {
    const report = [...renderMarkdown(await data())].join('')
    const section = report.slice(
      report.indexOf('## DORA: ICT arrangements and their exit plans'),
      report.indexOf('## 5. Findings'),
    )
    expect(section).toContain(
      '| Arrangement | Provider | Functions | Resources | Substitutability | Alternatives | Exit plan | Last test; next |',
    )
    expect(section).toMatch(
      /\| NW-ICT-2022-002 \| Microsoft Ireland Operations Limited \| F3 Broker portal \(critical\), F4 Office IT and collaboration \| \d+ \| medium \| yes: IONOS Cloud, STACKIT \| linked \| 2024-09-03; next 2025-09-03 \(overdue\) \|/,
    )
    expect(section).toMatch(/\| NW-ICT-2021-001 \| .* \| highly-complex \(proposed\) \| proposed: /)
    expect(section).toContain('**Resources no arrangement covers**')
    for (const heading of ['Scenarios', 'Alternatives', 'Transition (exit waves)', 'Timeline', 'Data', 'Tests'])
      expect(section.match(new RegExp(`^##### ${heading.replace(/[()]/g, '\\$&')}$`, 'gm'))).toHaveLength(2)
    expect(section).toContain('#### NW-ICT-2021-001: Amazon Web Services EMEA SARL')
    expect(section).not.toContain('NW-ICT-2023-003: Google')
  })

  it('HTML: the section, its navigation entry, the plans; hostile values escaped in both formats', async () => {
    const text = demoArrangementsText()
      .replace('name: Nordwind Versicherung AG', `name: "${HOSTILE}"`)
      .replace('owner: claims-platform@nordwind.example', `owner: "${HOSTILE}"`)
    const d = await data(text)
    const html = [...renderHtml(d)].join('')
    expect(html).toContain('<li><a href="#arrangements">DORA arrangements and exit plans</a></li>')
    expect(html).toContain('<section id="arrangements"><h2>DORA: ICT arrangements and their exit plans</h2>')
    expect(html.match(/<section class="arrangement-plan">/g)).toHaveLength(2)
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    const md = arrangementsMarkdown(d)
    expect(md).not.toContain('<img')
    expect(md).not.toMatch(/[^\\]\|\*\*bold/)
    expect(md).not.toMatch(/javascript:/)
  })

  it('a plan link is a code span in Markdown (never a link, copies clean); one with a backtick is escaped instead', async () => {
    const link = (value: string) =>
      demoArrangementsText().replace('link: https://wiki.nordwind.example/exit/claims', `link: "${value}"`)
    expect(arrangementsMarkdown(await data(link('javascript:alert(1)')))).toContain('Plan: `javascript:alert(1)`;')
    const ticked = arrangementsMarkdown(await data(link('https://x.example/`a`|b')))
    expect(ticked).toContain('Plan: https\u200d://x.example/\\`a\\`\\|b;')
  })

  it('says when the assessment was filtered, since arrangements for resources left out then cover nothing', async () => {
    const d = await data()
    d.assessment.arrangements!.filtered = 'only provider aws'
    expect(arrangementsMarkdown(d)).toContain(
      '(the assessment is filtered, only provider aws: arrangements for the resources left out cover nothing here).',
    )
  })

  it('terminal: one line on coverage, the uncovered by provider, one line per exit plan, no control characters', async () => {
    const d = await data(
      demoArrangementsText().replace('legalName: Amazon Web Services EMEA SARL', 'legalName: "AWS\\u001b[31m EMEA"'),
    )
    const text = renderArrangementsTerminal(d.assessment.arrangements!)
    expect(text).toMatch(/^DORA arrangements \(5, 2 supporting a critical or important function\): \d+\s+resources covered/)
    expect(text).toMatch(/Not covered: azure \d+ \(the report lists them by account and type\)\./)
    expect(text.match(/^Exit plan /gm)).toHaveLength(2)
    expect(text).not.toContain('\u001b')
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
  })
})
