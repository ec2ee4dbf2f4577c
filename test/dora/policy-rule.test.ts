import {describe, expect, it} from 'vitest'
import type {ArrangementsBlock} from '../../src/assessment/schema.js'
import {summariseArrangements} from '../../src/dora/summary.js'
import {blockingFindings, evaluatePolicies, findingKey} from '../../src/policy/evaluate.js'
import {type LoadedPolicy, loadPolicies, parsePolicy} from '../../src/policy/load.js'
import {demoArrangementsText, NOW, registerFor} from './helpers.js'

const policyText = (rule: string, waivers = '') => `apiVersion: exitready.dev/v1
kind: Policy
metadata: {name: t, title: T}
rules:
  - id: exit
    title: Exit plans
    severity: high
    rationale: r
    remediation: m
${rule}
${waivers}`

const RULE = '    arrangements: {require: {exitPlan: true, testedWithinMonths: 12, alternatives: true}}'

async function evaluate(text: string, block: ArrangementsBlock | undefined, now = NOW) {
  const {assessment} = await registerFor()
  const loaded: LoadedPolicy[] = [{policy: parsePolicy(text, 'p.yaml'), source: 'p.yaml'}]
  return evaluatePolicies(assessment, loaded, {now, arrangements: block})[0]!.rules[0]!
}

async function demoBlock(text = demoArrangementsText()) {
  const {file, join, assessment, dependencies} = await registerFor(text)
  return summariseArrangements(file, 'arrangements.yaml', assessment, dependencies, NOW, join)
}

describe('the arrangements rule of a policy', () => {
  it('is a rule kind of its own: exactly one of require, limit or arrangements, no select, at least one requirement', () => {
    expect(parsePolicy(policyText(RULE), 'p.yaml').rules[0]!.arrangements).toEqual({
      scope: 'critical',
      require: {exitPlan: true, testedWithinMonths: 12, alternatives: true},
    })
    const bad = (rule: string) => () => parsePolicy(policyText(rule), 'p.yaml')
    expect(bad(`${RULE}\n    require: {tags: [x]}`)).toThrow(/exactly one of require, limit or arrangements/)
    expect(bad(`${RULE}\n    select: {provider: aws}`)).toThrow(/an arrangements rule checks arrangements, not resources/)
    expect(bad('    arrangements: {require: {exitPlan: false}}')).toThrow(/require needs at least one assertion/)
    expect(bad('    arrangements: {require: {testedWithinMonths: 0}}')).toThrow(/p\.yaml:\d+:\d+/)
    expect(bad('    arrangements: {scope: some, require: {exitPlan: true}}')).toThrow(/"critical"\|"all"/)
  })

  it('one finding per arrangement in scope that lacks a requirement, naming every gap and the arrangement', async () => {
    const verdict = await evaluate(policyText(RULE), await demoBlock())
    expect(verdict).toMatchObject({kind: 'arrangements', selected: 2, status: 'fail'})
    expect(verdict.findings.map((f) => [f.arrangement, f.subject])).toEqual([
      ['NW-ICT-2021-001', 'NW-ICT-2021-001'],
      ['NW-ICT-2022-002', 'NW-ICT-2022-002'],
    ])
    expect(verdict.findings[0]!.message).toMatch(
      /^NW-ICT-2021-001 \(Amazon Web Services EMEA SARL\): hardly substitutable .* without identified alternatives; the catalog names .*: confirm them\.$/,
    )
    expect(verdict.findings[1]!.message).toBe(
      'NW-ICT-2022-002 (Microsoft Ireland Operations Limited): the exit plan was last tested on 2024-09-03, more than 12 months ago.',
    )
    expect(findingKey(verdict.findings[1]!)).toBe('t/exit/NW-ICT-2022-002')
    const none = demoArrangementsText().replace(
      '    exitPlan: {link: https://wiki.nordwind.example/exit/claims, owner: claims-platform@nordwind.example, lastTested: 2025-06-12}\n',
      '',
    )
    expect((await evaluate(policyText(RULE), await demoBlock(none))).findings[0]!.message).toMatch(
      /^NW-ICT-2021-001 \(Amazon Web Services EMEA SARL\): links no exit plan; the exit plan has never been tested; hardly substitutable/,
    )
  })

  it('passes when every arrangement in scope meets the requirements', async () => {
    const ok = demoArrangementsText()
      .replace('    assessment: {lastAudit: 2025-04-10}', "    assessment: {alternatives: 'yes', lastAudit: 2025-04-10}")
      .replace('lastTested: 2024-09-03', 'lastTested: 2025-09-03')
    const verdict = await evaluate(policyText(RULE), await demoBlock(ok))
    expect(verdict).toMatchObject({status: 'pass', selected: 2, findings: []})
  })

  it('the test interval is the rule’s: 24 months lets the Azure plan of 2024-09-03 pass', async () => {
    const rule = '    arrangements: {require: {testedWithinMonths: 24}}'
    expect((await evaluate(policyText(rule), await demoBlock())).status).toBe('pass')
    const later = new Date('2026-10-01T00:00:00Z')
    expect((await evaluate(policyText(rule), await demoBlock(), later)).findings.map((f) => f.arrangement)).toEqual([
      'NW-ICT-2022-002',
    ])
  })

  it('scope all checks the arrangements that support no critical function too', async () => {
    const rule = '    arrangements: {scope: all, require: {exitPlan: true}}'
    const verdict = await evaluate(policyText(rule), await demoBlock())
    expect(verdict.selected).toBe(5)
    expect(verdict.findings.map((f) => f.arrangement)).toEqual(['NW-ICT-2023-003', 'NW-ICT-2020-004', 'NW-ICT-2024-005'])
  })

  it('without an arrangements file it does not pass: one finding says it could not be checked', async () => {
    const verdict = await evaluate(policyText(RULE), undefined)
    expect(verdict).toMatchObject({status: 'fail', selected: 0})
    expect(verdict.findings).toEqual([
      expect.objectContaining({subject: 'arrangements', message: expect.stringMatching(/^No arrangements file was given/)}),
    ])
    expect(verdict.findings[0]!.arrangement).toBeUndefined()
  })

  it('a waiver names arrangements by reference glob; "*" waives the not-checked finding', async () => {
    const waivers = `waivers:
  - {rule: exit, resources: ['NW-ICT-2022-*'], reason: Test booked for January, expires: 2026-03-31}`
    const text = policyText(RULE, waivers)
    const verdict = await evaluate(text, await demoBlock())
    expect(verdict.findings.map((f) => [f.arrangement, f.waiver?.reason])).toEqual([
      ['NW-ICT-2021-001', undefined],
      ['NW-ICT-2022-002', 'Test booked for January'],
    ])
    expect((await evaluate(text, undefined)).findings[0]!.waiver).toBeUndefined()
    const all = policyText(RULE, `waivers:\n  - {rule: exit, resources: ['*'], reason: No DORA scope, expires: 2026-03-31}`)
    expect((await evaluate(all, undefined)).status).toBe('waived')
  })

  it('the built-in dora-exit policy carries the rule and gates on it', async () => {
    const {assessment} = await registerFor()
    const loaded = await loadPolicies(['dora-exit'])
    const outcomes = evaluatePolicies(assessment, loaded, {now: NOW, arrangements: await demoBlock()})
    const rule = outcomes[0]!.rules.find((r) => r.id === 'arrangement-exit-plan')!
    expect(rule).toMatchObject({severity: 'high', kind: 'arrangements', status: 'fail'})
    expect(blockingFindings(outcomes).filter((f) => f.ruleId === 'arrangement-exit-plan')).toHaveLength(2)
  })
})
