import {describe, expect, it} from 'vitest'
import {blockingFindings} from '../../src/policy/evaluate.js'
import {estate, evaluate, NOW, policyWith} from './helpers.js'

describe('require rules', () => {
  it('jurisdiction: one finding per failing resource', async () => {
    const a = await estate([
      {type: 'AWS::S3::Bucket', id: 'bucket'},
      {provider: 'hetzner', type: 'hetzner:volume', id: 'vol', region: 'fsn1'},
    ])
    const rule = evaluate(a, policyWith('select: {stateful: true}\nrequire: {jurisdiction: [EU, EEA+CH]}')).rules[0]!
    expect(rule.status).toBe('fail')
    expect(rule.selected).toBe(2)
    expect(rule.findings.map((f) => f.resourceId)).toEqual(['bucket'])
    expect(rule.findings[0]!.message).toMatch(/non-EU control/)
  })

  it('tags present, country, portability and portabilityNot', async () => {
    const a = await estate([
      {id: 'tagged', tags: {'exit-plan': 'https://wiki/x'}},
      {id: 'untagged', tags: {'exit-plan': '  '}},
      {id: 'us', region: 'us-east-1'},
    ])
    expect(evaluate(a, policyWith('require: {tags: [exit-plan]}')).rules[0]!.findings.map((f) => f.resourceId)).toEqual([
      'untagged',
      'us',
    ])
    expect(evaluate(a, policyWith('require: {country: [DE, FR]}')).rules[0]!.findings.map((f) => f.resourceId)).toEqual(['us'])
    expect(evaluate(a, policyWith('require: {portability: [portable]}')).rules[0]!.status).toBe('pass')
    expect(evaluate(a, policyWith('require: {portabilityNot: [portable]}')).rules[0]!.findings).toHaveLength(3)
  })

  it('noDependencyOn names the dependency', async () => {
    const a = await estate([
      {id: 'vm', dependsOn: ['table']},
      {id: 'table', type: 'AWS::DynamoDB::Table', name: 'orders'},
      {id: 'other'},
    ])
    const rule = evaluate(
      a,
      policyWith('select: {type: "AWS::EC2::*"}\nrequire: {noDependencyOn: {portability: [proprietary, captive]}}'),
    ).rules[0]!
    expect(rule.findings.map((f) => f.resourceId)).toEqual(['vm'])
    expect(rule.findings[0]!.message).toMatch(/depends on orders/)
  })

  it('selects by tag value glob, provider, category, region and id', async () => {
    const a = await estate([
      {id: 'a', tags: {'critical-function': 'true'}},
      {id: 'b', tags: {'critical-function': 'false'}},
      {id: 'c', provider: 'hetzner', type: 'hetzner:server', region: 'nbg1'},
    ])
    const ids = (select: string) =>
      evaluate(a, policyWith(`select: ${select}\nrequire: {portabilityNot: [portable]}`)).rules[0]!.findings.map(
        (f) => f.resourceId,
      )
    expect(ids('{tags: {critical-function: "true"}}')).toEqual(['a'])
    expect(ids('{tags: {critical-function: "*"}}')).toEqual(['a', 'b'])
    expect(ids('{provider: hetzner}')).toEqual(['c'])
    expect(ids('{category: compute-vm, region: "nbg*"}')).toEqual(['c'])
    expect(ids('{id: ["a", "c"]}')).toEqual(['a', 'c'])
  })
})

describe('limit rules', () => {
  it('providerShare passes under the bound and fails over it with value and bound', async () => {
    const spread = await estate([{id: 'a'}, {id: 'b', provider: 'hetzner', type: 'hetzner:server', region: 'fsn1'}])
    expect(evaluate(spread, policyWith('limit: {metric: providerShare, max: 0.6}')).rules[0]!.status).toBe('pass')
    const one = await estate([{id: 'a'}, {id: 'b'}, {id: 'c', provider: 'hetzner', type: 'hetzner:server', region: 'fsn1'}])
    const finding = evaluate(one, policyWith('limit: {metric: providerShare, max: 0.6}')).rules[0]!.findings[0]!
    expect(finding).toMatchObject({value: 0.6667, bound: 0.6})
    expect(finding.message).toMatch(/66\.7% \(aws\)/)
  })

  it('perCategory gives one finding per category out of bounds', async () => {
    const a = await estate([
      {id: 'vm1'},
      {id: 'vm2', provider: 'hetzner', type: 'hetzner:server', region: 'fsn1'},
      {id: 'b1', type: 'AWS::S3::Bucket'},
    ])
    const rule = evaluate(a, policyWith('limit: {metric: providerShare, max: 0.6, perCategory: true}')).rules[0]!
    expect(rule.findings.map((f) => f.subject)).toEqual(['object-storage'])
  })

  it('hhi, count, share, jurisdictionShare, unmappedShare, singleRegionShare, lockInIndex, crossProviderEdges', async () => {
    const a = await estate([
      {id: 'a'},
      {id: 'b', region: 'eu-west-1'},
      {id: 'x', type: 'Nordwind::Mainframe::Connector'},
      {id: 'h', provider: 'hetzner', type: 'hetzner:server', region: 'fsn1', dependsOn: ['a']},
    ])
    const status = (limit: string) => evaluate(a, policyWith(`limit: ${limit}`)).rules[0]!.status
    expect(status('{metric: hhi, max: 5000}')).toBe('fail')
    expect(status('{metric: hhi, max: 9000}')).toBe('pass')
    expect(status('{metric: count, max: 3}')).toBe('fail')
    expect(status('{metric: count, min: 4, max: 4}')).toBe('pass')
    expect(status('{metric: share, of: {portability: portable}, min: 0.9}')).toBe('fail')
    expect(status('{metric: jurisdictionShare, max: 0.5}')).toBe('fail')
    expect(status('{metric: jurisdictionShare, jurisdiction: EU, min: 0.1}')).toBe('pass')
    expect(status('{metric: unmappedShare, max: 0}')).toBe('fail')
    expect(status('{metric: singleRegionShare, max: 0.5}')).toBe('pass')
    expect(status('{metric: lockInIndex, max: 5}')).toBe('fail')
    expect(status('{metric: crossProviderEdges, max: 0}')).toBe('fail')
  })
})

describe('waivers', () => {
  const waiver = (expires: string, resources = '["bucket"]') =>
    `waivers:\n  - {rule: the-rule, resources: ${resources}, reason: Migration contract signed, expires: "${expires}"}\n`
  const rule = 'select: {stateful: true}\nrequire: {jurisdiction: [EU]}'

  it('a waived finding is reported as waived and does not block', async () => {
    const a = await estate([{type: 'AWS::S3::Bucket', id: 'bucket'}])
    const outcome = evaluate(a, policyWith(rule, waiver('2027-01-31')))
    expect(outcome.rules[0]!.status).toBe('waived')
    expect(outcome.rules[0]!.findings[0]!.waiver).toEqual({reason: 'Migration contract signed', expires: '2027-01-31'})
    expect(blockingFindings([outcome])).toEqual([])
    expect(outcome.expiredWaivers).toEqual([])
  })

  it('a waiver still applies on its expiry day and stops the day after, when it is itself reported', async () => {
    const a = await estate([{type: 'AWS::S3::Bucket', id: 'bucket'}])
    expect(evaluate(a, policyWith(rule, waiver('2026-11-28')), NOW).rules[0]!.status).toBe('waived')
    const after = evaluate(a, policyWith(rule, waiver('2026-11-28')), new Date('2026-11-29T00:00:01Z'))
    expect(after.rules[0]!.status).toBe('fail')
    expect(after.expiredWaivers).toMatchObject([{rule: 'the-rule', expires: '2026-11-28'}])
    expect(blockingFindings([after])).toHaveLength(1)
  })

  it('globs choose the resources; "*" waives an aggregate finding', async () => {
    const a = await estate([
      {type: 'AWS::S3::Bucket', id: 'arn:aws:s3:::logs-1'},
      {type: 'AWS::S3::Bucket', id: 'arn:aws:s3:::data'},
    ])
    const outcome = evaluate(a, policyWith(rule, waiver('2027-01-01', '["arn:aws:s3:::logs-*"]')))
    expect(outcome.rules[0]!.findings.map((f) => Boolean(f.waiver))).toEqual([true, false])
    const limit = evaluate(a, policyWith('limit: {metric: count, max: 1}', waiver('2027-01-01', '["*"]')))
    expect(limit.rules[0]!.status).toBe('waived')
  })
})

describe('failOn', () => {
  it('blocks at or above the threshold only', async () => {
    const a = await estate([{type: 'AWS::S3::Bucket', id: 'bucket'}])
    const outcome = evaluate(a, policyWith('require: {jurisdiction: [EU]}'))
    expect(blockingFindings([outcome], 'high')).toHaveLength(1)
    expect(blockingFindings([outcome], 'critical')).toHaveLength(0)
    expect(blockingFindings([outcome])).toHaveLength(1) // the policy's default failOn is high
  })
})
