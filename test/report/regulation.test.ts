import {describe, expect, it} from 'vitest'
import type {Assessment} from '../../src/assessment/schema.js'
import {evaluatePolicies} from '../../src/policy/evaluate.js'
import {loadPolicies} from '../../src/policy/load.js'
import {renderHtml} from '../../src/report/html.js'
import {renderMarkdown} from '../../src/report/markdown.js'
import {buildReportModel} from '../../src/report/model.js'
import {regulationRows} from '../../src/report/regulation.js'
import {estate, NOW} from '../policy/helpers.js'
import {reportData} from './fixture.js'

const rows = async (a: Assessment, policies: string[]) =>
  regulationRows(a, evaluatePolicies(a, await loadPolicies(policies), {now: NOW}))
const row = (list: Awaited<ReturnType<typeof rows>>, id: string) => list.find((r) => r.id === id)!

describe('regulatory mapping: one status per provision, from the rules that check it', () => {
  it('on the demo, never "met" next to open findings, and each count is the sum of its rules’ open findings', async () => {
    const data = await reportData()
    const model = buildReportModel(data)
    for (const r of model.regulation) {
      if (r.findings > 0) expect(r.status, r.id).toBe('not-met')
      if (r.status === 'met')
        expect(
          r.checkedBy.every((x) => x.open === 0 && x.status !== 'fail'),
          r.id,
        ).toBe(true)
      expect(r.findings).toBe(r.checkedBy.reduce((n, x) => n + x.open, 0))
    }
    const exit = model.regulation.find((r) => r.id === 'DORA Art. 28(8)')!
    expect(exit.status).toBe('not-met')
    expect(exit.explanation).toMatch(/dora-exit\/exit-plan-documented \(\d+\)/)
    // The CSF rows state every objective, covered or not.
    expect(model.regulation.filter((r) => r.id.startsWith('CSF SOV-')).map((r) => r.id)).toEqual(
      Array.from({length: 8}, (_, i) => `CSF SOV-${i + 1}`),
    )
    expect(model.regulation.find((r) => r.id === 'CSF SOV-8')!.status).toBe('not-assessed')
  })

  it('links each rule to its findings in HTML, and Markdown to the findings section', async () => {
    const data = await reportData()
    const html = [...renderHtml(data)].join('')
    const md = [...renderMarkdown(data)].join('')
    for (const r of buildReportModel(data).regulation)
      for (const x of r.checkedBy) {
        expect(html).toContain(`href="#${x.anchor}"`)
        expect(html).toContain(`id="${x.anchor}"`)
        expect(md).toContain(`${x.policy}/${x.rule}`)
      }
    // Markdown links to the findings section by the heading anchor GitHub and GitLab derive.
    expect(md).toContain('## 5. Findings per policy rule')
    expect(md).toContain('[See the findings](#5-findings-per-policy-rule)')
    expect(html).not.toMatch(/>OK</)
  })

  it('not assessed when no selected policy checks it, naming the built-in policy that would', async () => {
    const a = await estate([{tags: {'critical-function': 'true'}}])
    const r = row(await rows(a, ['baseline']), 'DORA Art. 28(8)')
    expect(r.status).toBe('not-assessed')
    expect(r.explanation).toMatch(/No selected policy checks it; the built-in dora-exit \(exit-plan-documented/)
  })

  it('not assessed when its rules select nothing because no resource carries the tag they select by', async () => {
    const a = await estate([{type: 'AWS::EC2::Instance'}, {provider: 'hetzner', type: 'hetzner:server'}])
    const r = row(await rows(a, ['dora-exit']), 'DORA Art. 28(8)')
    expect(r.status).toBe('not-assessed')
    expect(r.explanation).toMatch(/none carries the tags/)
  })

  it('partly assessed when some built-in checks for it did not run', async () => {
    const a = await estate([{type: 'AWS::EC2::Instance'}, {provider: 'hetzner', type: 'hetzner:server'}])
    const r = row(await rows(a, ['one-hole']), 'DORA Art. 29')
    expect(r.status).toBe('partly-assessed')
    expect(r.explanation).toMatch(
      /one-hole\/provider-share-critical, one-hole\/concentration-ceiling ran on the estate and passed/,
    )
    expect(r.explanation).toMatch(
      /Not checked in this run: dora-exit \(substitutable, critical-function-mapped, critical-provider-concentration\)/,
    )
  })

  it('met when every rule that checks it ran and passed, naming them', async () => {
    const a = await estate([{type: 'AWS::EC2::Instance'}, {provider: 'hetzner', type: 'hetzner:server'}])
    const r = row(await rows(a, ['sovereign-first']), 'Data Act Art. 30')
    expect(r.status).toBe('met')
    expect(r.explanation).toBe('sovereign-first/open-standards-floor ran on the estate and passed.')
  })

  it('not met with open findings, counted', async () => {
    const a = await estate([{type: 'AWS::Lambda::Function'}, {type: 'AWS::Lambda::Function'}])
    const r = row(await rows(a, ['sovereign-first']), 'Data Act Art. 30')
    expect(r.status).toBe('not-met')
    expect(r.findings).toBe(1)
  })
})
