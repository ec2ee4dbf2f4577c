import {describe, expect, it} from 'vitest'
import {analyseDependencies} from '../../src/graph/index.js'
import {usageEdges} from '../../src/inventory/links.js'
import {evaluatePolicies} from '../../src/policy/evaluate.js'
import {parsePolicy} from '../../src/policy/load.js'
import {estate, NOW, policyWith} from '../policy/helpers.js'

describe('graph metrics in policies', () => {
  it('maxBlastRadius counts the resources that depend on one proprietary service', async () => {
    const resources = [
      {id: 'table', type: 'AWS::DynamoDB::Table'},
      {id: 'fn1', type: 'AWS::EC2::Instance', dependsOn: ['table']},
      {id: 'fn2', type: 'AWS::EC2::Instance', dependsOn: ['fn1']},
      {id: 'fn3', type: 'AWS::EC2::Instance', dependsOn: ['table']},
    ]
    const a = await estate(resources)
    const edges = a.resources.flatMap((r) => (r.dependsOn ?? []).map((to) => ({from: r.id, to, origin: 'declared' as const})))
    const {blastRadius} = analyseDependencies(a, edges)
    const run = (limit: string) =>
      evaluatePolicies(a, [{policy: parsePolicy(policyWith(`limit: ${limit}`), 't.yaml'), source: 't'}], {
        now: NOW,
        blastRadius,
      })[0]!.rules[0]!
    expect(run('{metric: maxBlastRadius, max: 3}').status).toBe('pass')
    const fail = run('{metric: maxBlastRadius, max: 2}')
    expect(fail.status).toBe('fail')
    expect(fail.findings[0]!.message).toMatch(
      /depending on one proprietary or captive service.* is 3 \(AWS::DynamoDB::Table at aws\)/,
    )
    expect(usageEdges([])).toEqual([])
  })
})
