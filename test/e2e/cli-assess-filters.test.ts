// assess --severity, --provider, --tag and --waivers, through the built CLI.
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {JsonError} from '../../src/cli/base.js'
import type {AssessResult} from '../../src/commands/assess.js'
import {runCli, tempDir} from '../helpers/cli.js'

const POLICY = `apiVersion: exitready.dev/v1
kind: Policy
metadata: {name: filters, title: Filters}
failOn: medium
rules:
  - id: no-proprietary
    title: Nothing proprietary
    severity: high
    select: {}
    require: {portabilityNot: [proprietary, captive]}
    rationale: r
    remediation: r
  - id: owner-tag
    title: An owner tag
    severity: low
    select: {}
    require: {tags: [owner]}
    rationale: r
    remediation: r
`

function estate(dir: string): {snapshot: string; policy: string} {
  const snapshot = join(dir, 'inventory.json')
  const resource = (id: string, provider: string, type: string, tags: Record<string, string>) => ({
    id,
    provider,
    type,
    region: 'eu-central-1',
    tags,
    source: 'test',
  })
  writeFileSync(
    snapshot,
    JSON.stringify({
      schema: 'exitready/inventory@1',
      createdAt: '2026-11-28T10:00:00Z',
      sources: [{provider: 'aws', scope: '111111111111', status: 'complete', count: 3}],
      resources: [
        resource('arn:aws:dynamodb:eu-central-1:111111111111:table/claims', 'aws', 'AWS::DynamoDB::Table', {
          environment: 'production',
          team: 'claims',
        }),
        resource('arn:aws:dynamodb:eu-central-1:111111111111:table/legacy-quotes', 'aws', 'AWS::DynamoDB::Table', {
          environment: 'staging',
          owner: 'quotes',
        }),
        resource('arn:aws:s3:::claims-archive', 'aws', 'AWS::S3::Bucket', {environment: 'production', owner: 'a,b'}),
      ],
    }),
  )
  const policy = join(dir, 'policy.yaml')
  writeFileSync(policy, POLICY)
  return {snapshot, policy}
}

const assess = (args: string[]) => {
  const run = runCli(['assess', ...args, '--format', 'json', '--json'])
  return {run, result: JSON.parse(run.stdout) as AssessResult & Partial<JsonError>}
}
const findings = (result: AssessResult) =>
  result.policies.flatMap((p) =>
    p.rules.flatMap((r) => r.findings.map((f) => `${r.id} ${f.resourceId}${f.waiver ? ' waived' : ''}`)),
  )

describe('assess --tag', () => {
  it('keeps the resources with the tag; keys must all match, values of one key are alternatives', () => {
    const dir = tempDir()
    const {snapshot, policy} = estate(dir)
    const prod = assess([snapshot, '--policy', policy, '--tag', 'environment=production', '-d', join(dir, 'a')]).result
    expect(prod.summary.resourceCount).toBe(2)
    expect(prod.inputs.at(-1)).toBe('only tag environment=production')
    const both = assess([
      snapshot,
      '--policy',
      policy,
      '--tag',
      'environment=production',
      '--tag',
      'team=claims',
      '-d',
      join(dir, 'b'),
    ])
    expect(both.result.summary.resourceCount).toBe(1)
    const either = assess([
      snapshot,
      '--policy',
      policy,
      '--tag',
      'environment=production,environment=staging',
      '-d',
      join(dir, 'c'),
    ])
    expect(either.result.summary.resourceCount).toBe(3)
    // A key alone means "has the tag"; a comma inside a value stays in the value.
    expect(assess([snapshot, '--policy', policy, '--tag', 'owner', '-d', join(dir, 'd')]).result.summary.resourceCount).toBe(2)
    expect(assess([snapshot, '--policy', policy, '--tag', 'owner=a,b', '-d', join(dir, 'e')]).result.summary.resourceCount).toBe(
      1,
    )
    expect(
      assess([snapshot, '--policy', policy, '--tag', 'environment=prod*', '-d', join(dir, 'f')]).result.summary.resourceCount,
    ).toBe(2)
  })

  it('--tag with no key is exit 2', () => {
    const dir = tempDir()
    const {snapshot} = estate(dir)
    const {run, result} = assess([snapshot, '--tag', '=production', '-d', join(dir, 'out')])
    expect(run.status).toBe(2)
    expect(result.error?.message).toBe('--tag "=production" names no tag key.')
    expect(existsSync(join(dir, 'out'))).toBe(false)
  })
})

describe('assess --severity', () => {
  it('leaves the rules below it out of the reports and the exit code, and says so', () => {
    const dir = tempDir()
    const {snapshot, policy} = estate(dir)
    const all = assess([snapshot, '--policy', policy, '-d', join(dir, 'all')])
    expect(all.result.policies[0]!.rules.map((r) => r.id)).toEqual(['no-proprietary', 'owner-tag'])
    const high = assess([snapshot, '--policy', policy, '--severity', 'high', '-d', join(dir, 'high')])
    expect(high.result.policies[0]!.rules.map((r) => r.id)).toEqual(['no-proprietary'])
    expect(high.result.inputs.at(-1)).toBe('only rules of severity high or above')
    // The low rule alone would not gate (failOn medium); with --severity critical nothing is left to gate.
    expect(high.run.status).toBe(1)
    expect(assess([snapshot, '--policy', policy, '--severity', 'critical', '-d', join(dir, 'crit')]).run.status).toBe(0)
  })
})

describe('assess --waivers', () => {
  it('waives a rule of the policies given for the resources it names, until it expires', () => {
    const dir = tempDir()
    const {snapshot, policy} = estate(dir)
    const waivers = join(dir, 'waivers.yaml')
    writeFileSync(
      waivers,
      `apiVersion: exitready.dev/v1
kind: Waivers
waivers:
  - rule: no-proprietary
    resources: ["arn:aws:dynamodb:*:table/legacy-*"]
    reason: Replaced next quarter.
    expires: 2999-12-31
  - rule: no-proprietary
    policy: filters
    resources: ["arn:aws:dynamodb:*:table/claims"]
    reason: Expired long ago.
    expires: 2020-01-01
`,
    )
    const {run, result} = assess([
      snapshot,
      '--policy',
      policy,
      '--waivers',
      waivers,
      '--severity',
      'high',
      '-d',
      join(dir, 'out'),
    ])
    expect(findings(result).sort()).toEqual([
      'no-proprietary arn:aws:dynamodb:eu-central-1:111111111111:table/claims',
      'no-proprietary arn:aws:dynamodb:eu-central-1:111111111111:table/legacy-quotes waived',
    ])
    expect(result.policies[0]!.expiredWaivers).toEqual([
      {
        rule: 'no-proprietary',
        resources: ['arn:aws:dynamodb:*:table/claims'],
        reason: 'Expired long ago.',
        expires: '2020-01-01',
      },
    ])
    expect(run.status).toBe(1)
  })

  it.each([
    [
      'a rule no policy has',
      'apiVersion: exitready.dev/v1\nkind: Waivers\nwaivers:\n  - rule: no-proprietry\n    resources: ["*"]\n    reason: r\n    expires: 2999-01-01\n',
      /waivers\.yaml:4:11 at waivers\[0\]\.rule: no rule "no-proprietry" in the policies given \(filters\) \(did you mean "no-proprietary"\?\)\./,
    ],
    [
      'a policy not given',
      'apiVersion: exitready.dev/v1\nkind: Waivers\nwaivers:\n  - rule: owner-tag\n    policy: baseline\n    resources: ["*"]\n    reason: r\n    expires: 2999-01-01\n',
      /waivers\.yaml:5:13 at waivers\[0\]\.policy: no policy "baseline" in this run/,
    ],
    [
      'an unknown key',
      'apiVersion: exitready.dev/v1\nkind: Waivers\nwaivers:\n  - rule: owner-tag\n    resource: ["*"]\n    reason: r\n    expires: 2999-01-01\n',
      /waivers\.yaml:5:5: unknown key "resource" at waivers\[0\]\.resource \(did you mean "resources"\?\)/,
    ],
    [
      'a date that is not one',
      'apiVersion: exitready.dev/v1\nkind: Waivers\nwaivers:\n  - rule: owner-tag\n    resources: ["*"]\n    reason: r\n    expires: next year\n',
      /waivers\.yaml:7:14: waivers\[0\]\.expires: /,
    ],
  ])('%s is exit 2 with file:line:column and EXITREADY_WAIVERS_INVALID', (_what, text, message) => {
    const dir = tempDir()
    const {snapshot, policy} = estate(dir)
    writeFileSync(join(dir, 'waivers.yaml'), text)
    const {run, result} = assess([snapshot, '--policy', policy, '--waivers', join(dir, 'waivers.yaml'), '-d', join(dir, 'out')])
    expect(run.status).toBe(2)
    expect(result.error?.code).toBe('EXITREADY_WAIVERS_INVALID')
    expect(result.error?.message).toMatch(message)
    expect(existsSync(join(dir, 'out'))).toBe(false)
  })

  it('a waiver file that is not there is exit 2 naming it', () => {
    const dir = tempDir()
    const {snapshot} = estate(dir)
    const {run, result} = assess([snapshot, '--waivers', join(dir, 'none.yaml'), '-d', join(dir, 'out')])
    expect(run.status).toBe(2)
    expect(result.error).toMatchObject({code: 'EXITREADY_WAIVERS_INVALID', message: `${join(dir, 'none.yaml')}: no such file.`})
  })
})
