import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import {beforeAll, describe, expect, it} from 'vitest'
import {assess} from '../../src/assessment/assess.js'
import type {Assessment} from '../../src/assessment/schema.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {evaluatePolicies} from '../../src/policy/evaluate.js'
import {loadPolicies} from '../../src/policy/load.js'
import type {PolicyOutcome} from '../../src/policy/types.js'
import {severityRank} from '../../src/policy/types.js'
import {renderJunit} from '../../src/report/junit.js'
import {renderSarif} from '../../src/report/sarif.js'
import {ROOT} from '../helpers/cli.js'
import {NOW} from './helpers.js'

let assessment: Assessment
let outcomes: PolicyOutcome[]
const rule = (policy: string, id: string) => outcomes.find((p) => p.name === policy)!.rules.find((r) => r.id === id)!
const ids = (policy: string, id: string) => rule(policy, id).findings.map((f) => f.resourceId)

beforeAll(async () => {
  const loaded = await loadPolicies(['baseline', 'one-hole', 'sovereign-first', 'dora-exit'])
  assessment = assess(await readSnapshot(DEMO_SNAPSHOT), await loadCatalog(), {
    now: NOW,
    inputs: ['fixtures/demo/inventory.json'],
  })
  outcomes = evaluatePolicies(assessment, loaded, {now: NOW})
})

describe('built-in policies on the demo estate', () => {
  it('dora-exit: policy-core lacks exit plans, claims has them', () => {
    const missing = ids('dora-exit', 'exit-plan-documented')
    expect(missing.length).toBeGreaterThan(30)
    expect(missing).toContain('arn:aws:rds:eu-west-1:412345678901:db:policy-admin-oracle')
    expect(missing.some((id) => id?.includes('claims'))).toBe(false)
  })

  it('dora-exit: the unmapped mainframe connector is unmapped, not captive', () => {
    expect(ids('dora-exit', 'substitutable')).toEqual([])
    expect(ids('dora-exit', 'critical-function-mapped')).toContain(
      'arn:aws:cloudformation:eu-west-1:412345678901:type/resource/Nordwind-Mainframe-Connector/1',
    )
  })

  it('dora-exit: critical functions rest mostly on AWS', () => {
    const finding = rule('dora-exit', 'critical-provider-concentration').findings[0]!
    expect(finding.message).toMatch(/\(aws\)/)
    expect(finding.value).toBeGreaterThan(0.7)
  })

  it('sovereign-first: AWS KMS keys and Azure Key Vaults are outside EU control; Hetzner volumes are not findings', () => {
    const kms = ids('sovereign-first', 'identity-kms-eu-control')
    expect(kms.some((id) => id?.startsWith('arn:aws:kms:'))).toBe(true)
    expect(kms.some((id) => id?.includes('Microsoft.KeyVault'))).toBe(true)
    expect(ids('sovereign-first', 'stateful-eu-control').some((id) => id?.startsWith('hetzner:'))).toBe(false)
    expect(rule('sovereign-first', 'non-eu-ceiling').status).toBe('fail')
  })

  it('one-hole: at least one critical category is held by one provider', () => {
    const findings = rule('one-hole', 'provider-share-critical').findings
    expect(findings.length).toBeGreaterThan(0)
    expect(findings.every((f) => f.subject && f.value! > 0.6)).toBe(true)
  })

  it('baseline: lists the deliberately unmapped types', () => {
    const unmapped = ids('baseline', 'unmapped-types')
    expect(unmapped).toContain('arn:aws:cloudformation:eu-west-1:412345678901:type/resource/Nordwind-Mainframe-Connector/2')
  })
})

describe('SARIF', () => {
  const validate = () => {
    const ajv = new AjvDraft04.default({allErrors: true, strict: false, unicodeRegExp: false})
    return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/data/sarif-schema-2.1.0.json'), 'utf8')))
  }

  it('validates against the SARIF 2.1.0 schema, with rules, levels and logical locations', () => {
    const log = JSON.parse([...renderSarif({assessment, policies: outcomes, now: NOW})].join(''))
    const check = validate()
    expect(check(log), JSON.stringify(check.errors?.slice(0, 3))).toBe(true)
    const run = log.runs[0]
    expect(run.tool.driver.rules.length).toBe(outcomes.reduce((n, p) => n + p.rules.length, 0))
    const total = outcomes.reduce((n, p) => n + p.rules.reduce((m, r) => m + r.findings.length, 0), 0)
    expect(run.results).toHaveLength(total)
    const kms = run.results.find((r: {ruleId: string}) => r.ruleId === 'sovereign-first/identity-kms-eu-control')
    expect(kms.level).toBe('error')
    expect(kms.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^arn:aws:kms:|KeyVault/)
    expect(run.tool.driver.rules[kms.ruleIndex].id).toBe(kms.ruleId)
  })

  it('caps results and says so', () => {
    const log = JSON.parse([...renderSarif({assessment, policies: outcomes, now: NOW}, 5)].join(''))
    expect(validate()(log)).toBe(true)
    expect(log.runs[0].results).toHaveLength(5)
    expect(log.runs[0].properties.truncated).toBe(true)
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/exceed the limit of 5/)
  })
})

describe('JUnit', () => {
  it('has one suite per policy, one case per rule, and correct counts', () => {
    const xml = [...renderJunit({assessment, policies: outcomes, now: NOW})].join('')
    const rules = outcomes.flatMap((p) => p.rules)
    // A failure is a rule with an open finding at or above its policy's failOn: what fails the run.
    const blocking = (p: (typeof outcomes)[number]) =>
      p.rules.filter((r) => r.findings.some((f) => !f.waiver && severityRank(f.severity) >= severityRank(p.failOn)))
    const root = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)"/.exec(xml)!
    expect(Number(root[1])).toBe(rules.length)
    expect(Number(root[2])).toBe(outcomes.flatMap(blocking).length)
    expect(Number(root[3])).toBe(rules.filter((r) => r.status === 'waived').length)
    expect(xml.match(/<testsuite /g)).toHaveLength(outcomes.length)
    expect(xml.match(/<testcase /g)).toHaveLength(rules.length)
    expect(xml.match(/<failure /g)).toHaveLength(outcomes.flatMap(blocking).length)
    for (const p of outcomes) {
      const suite = new RegExp(
        `<testsuite name="[^"]*" id="${p.name}" tests="${p.rules.length}" failures="${blocking(p).length}"`,
      )
      expect(xml).toMatch(suite)
    }
  })
})
