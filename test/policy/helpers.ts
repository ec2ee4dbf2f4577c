import {assess} from '../../src/assessment/assess.js'
import type {Assessment} from '../../src/assessment/schema.js'
import {loadCatalog} from '../../src/catalog/load.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {createSnapshot} from '../../src/inventory/snapshot.js'
import {evaluatePolicies} from '../../src/policy/evaluate.js'
import {parsePolicy} from '../../src/policy/load.js'

export const NOW = new Date('2026-11-28T12:00:00Z')

/** Assesses hand-made resources with the built-in catalog. */
export async function estate(resources: Partial<ResourceInput>[]): Promise<Assessment> {
  const full = resources.map((r, i) => ({
    id: `r${i}`,
    provider: 'aws',
    type: 'AWS::EC2::Instance',
    region: 'eu-central-1',
    source: 'test',
    ...r,
  }))
  return assess(createSnapshot(full as ResourceInput[], []), await loadCatalog(), {now: NOW})
}

/** A one-rule policy from YAML fragments. */
export function policyWith(rule: string, waivers = ''): string {
  return `apiVersion: exitready.dev/v1
kind: Policy
metadata: {name: test, title: Test}
rules:
  - id: the-rule
    title: The rule
    severity: high
    rationale: Because.
    remediation: Fix it.
${rule
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
${waivers}`
}

export function evaluate(assessment: Assessment, yaml: string, now = NOW) {
  return evaluatePolicies(assessment, [{policy: parsePolicy(yaml, 'test.yaml'), source: 'test.yaml'}], {now})[0]!
}
