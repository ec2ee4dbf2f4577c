import {describe, expect, it} from 'vitest'
import {buildExitPlans, exitPlanFindings, transferHours} from '../../src/dora/exit-plan.js'
import {summariseArrangements} from '../../src/dora/summary.js'
import {renderExitPlansHtml, renderExitPlansMarkdown} from '../../src/report/arrangements.js'
import {demoArrangementsText, NOW, registerFor} from './helpers.js'

async function plans(text = demoArrangementsText(), now = NOW) {
  const {file, join, assessment, dependencies} = await registerFor(text)
  return {plans: buildExitPlans(file, join, assessment, dependencies, now), join, dependencies}
}

describe('exit plans per arrangement', () => {
  it('one plan for each arrangement that supports a critical or important function', async () => {
    const {plans: list} = await plans()
    expect(list.map((p) => p.reference)).toEqual(['NW-ICT-2021-001', 'NW-ICT-2022-002'])
    expect(list[0]!.scenarios.map((s) => s.scenario)).toEqual([
      'Unforeseen persistent interruption',
      'Failed delivery',
      'Unexpected termination',
    ])
  })

  it('timeline: the contract notice, then the Data Act transition and retrieval; a notice longer than two months is named', async () => {
    const aws = (await plans()).plans[0]!
    expect(aws.timeline).toMatchObject({
      noticeDays: 90,
      noticeSource: 'the contract',
      transitionDays: 30,
      retrievalDays: 30,
      totalDays: 150,
    })
    expect(aws.timeline.notes[0]).toMatch(/^The contract's 90-day notice is longer than the Data Act's two months/)
    const noNotice = (await plans(demoArrangementsText().replace('    notice: {entityDays: 60, providerDays: 90}\n', '')))
      .plans[1]!
    expect(noNotice.timeline).toMatchObject({noticeDays: 60, noticeSource: 'Data Act maximum (assumed)', totalDays: 120})
  })

  it('flags an exit that, started today, would end after the contract', async () => {
    const ends = await plans(demoArrangementsText().replace('end: 2027-12-31', 'end: 2026-03-01'))
    expect(ends.plans[1]!.timeline).toMatchObject({contractEnd: '2026-03-01', endsAfterContract: true})
    expect((await plans()).plans[1]!.timeline.endsAfterContract).toBe(false)
  })

  it('tests: next due twelve months after the last, overdue after that or when never tested', async () => {
    const [aws, azure] = (await plans()).plans
    expect(aws!.tests).toEqual({lastTested: '2025-06-12', nextDue: '2026-06-12', overdue: false})
    expect(azure!.tests).toEqual({lastTested: '2024-09-03', nextDue: '2025-09-03', overdue: true})
    const never = (await plans(demoArrangementsText().replace(', lastTested: 2025-06-12', ''))).plans[0]!
    expect(never.tests).toEqual({overdue: true})
  })

  it('data volume and transfer time at the stated bandwidth; waves only over the covered resources', async () => {
    const {plans: list, join, dependencies} = await plans()
    const aws = list[0]!
    const covered = join.byArrangement.get('NW-ICT-2021-001')!
    const gib = covered.filter((r) => r.stateful && r.sizeGiB !== undefined).reduce((sum, r) => sum + r.sizeGiB!, 0)
    expect(aws.data.statefulGiB).toBe(Math.round(gib * 10) / 10)
    expect(aws.data.unknownSize).toBe(covered.filter((r) => r.stateful && r.sizeGiB === undefined).length)
    expect(aws.data.transferHours).toBe(transferHours(gib, 1000))
    expect(transferHours(1000, 1000)).toBe(2.4) // 1000 GiB = 8.59e12 bits at 1e9 bit/s = 8590 s
    const ids = new Set(covered.map((r) => r.id))
    let inWaves = 0
    for (const wave of dependencies.waves) for (const m of wave.members) if (ids.has(m.id)) inWaves++
    expect(aws.transition.reduce((sum, w) => sum + w.resources, 0)).toBe(inWaves)
    expect(aws.alternatives.find((a) => a.service === 'S3 bucket')?.european).toContain('hetzner: Object Storage')
  })

  it('renders Markdown with the sections of RTS 2024/1773 Art. 10', async () => {
    const text = renderExitPlansMarkdown((await plans()).plans)
    for (const heading of [
      '### Scenarios',
      '### Alternatives',
      '### Transition (exit waves)',
      '### Timeline',
      '### Data',
      '### Tests',
    ])
      expect(text).toContain(heading)
    expect(text).toContain('## NW-ICT-2022-002: Microsoft Ireland Operations Limited')
    expect(text).toContain('Last exit test: 2024-09-03; next due: 2025-09-03 (**overdue**).')
  })

  it('renders self-contained HTML with a content security policy, every value escaped', async () => {
    const text = demoArrangementsText().replace('owner: claims-platform@nordwind.example', 'owner: "<script>alert(1)</script>"')
    const html = renderExitPlansHtml((await plans(text)).plans)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/)
    expect(html.match(/<section class="arrangement-plan">/g)).toHaveLength(2)
    expect(html).toContain('<code>https://wiki.nordwind.example/exit/claims</code>')
  })

  it('checks what DORA asks per arrangement: a plan, a test within twelve months, alternatives where hardly substitutable', async () => {
    const findings = async (text = demoArrangementsText()) => {
      const {file, join, assessment, dependencies} = await registerFor(text)
      const summary = summariseArrangements(file, 'arrangements.yaml', assessment, dependencies, NOW, join)
      return exitPlanFindings(file, summary.arrangements, NOW)
    }
    // The demo's AWS arrangement is hardly substitutable and its alternatives are only the catalog's proposal.
    expect(await findings()).toEqual([
      {
        reference: 'NW-ICT-2021-001',
        rule: 'alternatives',
        message: expect.stringMatching(
          /^NW-ICT-2021-001: hardly substitutable \(the hardest portability class among its \d+ resources: proprietary, 2 unmapped not counted\) without identified alternatives; the catalog names \w+, \w+, \w+ …: confirm them\.$/,
        ),
        field: 'arrangements[0].assessment.alternatives',
      },
      {
        reference: 'NW-ICT-2022-002',
        rule: 'exit-test',
        message: 'NW-ICT-2022-002: the exit plan was last tested on 2024-09-03, more than 12 months ago.',
        field: 'arrangements[1].exitPlan.lastTested',
      },
    ])
    const confirmed = demoArrangementsText().replace(
      '    assessment: {lastAudit: 2025-04-10}',
      "    assessment: {alternatives: 'yes', alternativeProviders: IONOS Cloud, lastAudit: 2025-04-10}",
    )
    expect((await findings(confirmed)).map((f) => f.reference)).toEqual(['NW-ICT-2022-002'])
    const worse = demoArrangementsText()
      .replace(
        '    exitPlan: {link: https://wiki.nordwind.example/exit/claims, owner: claims-platform@nordwind.example, lastTested: 2025-06-12}\n',
        '',
      )
      .replace('    assessment: {lastAudit: 2025-04-10}', "    assessment: {alternatives: 'no', lastAudit: 2025-04-10}")
    expect((await findings(worse)).filter((f) => f.reference === 'NW-ICT-2021-001')).toEqual([
      expect.objectContaining({
        rule: 'exit-plan',
        message: 'NW-ICT-2021-001: links no exit plan.',
        field: 'arrangements[0].exitPlan.link',
      }),
      expect.objectContaining({rule: 'exit-test', message: 'NW-ICT-2021-001: the exit plan has never been tested.'}),
      expect.objectContaining({
        rule: 'alternatives',
        message: expect.stringMatching(/^NW-ICT-2021-001: hardly substitutable \(.*\) without identified alternatives\.$/),
      }),
    ])
    // Supplied as easily substitutable: no alternatives needed.
    const easy = demoArrangementsText().replace(
      '    assessment: {lastAudit: 2025-04-10}',
      '    assessment: {substitutability: easy, lastAudit: 2025-04-10}',
    )
    expect((await findings(easy)).map((f) => f.rule)).toEqual(['exit-test'])
  })
})
