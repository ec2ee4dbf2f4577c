import {describe, expect, it} from 'vitest'
import {blastRadius, exitWaves, isPlumbing, moveTogether, stronglyConnected} from '../../src/graph/analysis.js'
import {buildGraph} from '../../src/graph/build.js'
import type {UsageEdge} from '../../src/graph/types.js'
import {estate} from '../policy/helpers.js'

/** A graph from hand-written edges over portable stateless nodes, with some nodes stateful. */
async function handGraph(edges: [string, string][], stateful: string[] = [], proprietary: string[] = []) {
  const ids = [...new Set(edges.flat())]
  const a = await estate(
    ids.map((id) => ({
      id,
      name: id,
      type: proprietary.includes(id)
        ? 'AWS::DynamoDB::Table'
        : stateful.includes(id)
          ? 'AWS::RDS::DBInstance'
          : 'AWS::Lambda::Function',
    })),
  )
  const usage: UsageEdge[] = edges.map(([from, to]) => ({from, to, origin: 'declared'}))
  return buildGraph(a, usage)
}

describe('analysis on hand-built graphs', () => {
  it('orders exit waves: data before its users, stateless dependencies with them', async () => {
    // web → api → db (stateful) ; api → cache-fn (stateless) ; report → db
    const graph = await handGraph(
      [
        ['web', 'api'],
        ['api', 'db'],
        ['api', 'fn'],
        ['report', 'db'],
      ],
      ['db'],
    )
    const waves = exitWaves(graph)
    const waveOf = Object.fromEntries(waves.flatMap((w) => w.members.map((m) => [m.id, w.wave])))
    expect(waveOf).toEqual({db: 1, fn: 1, api: 2, report: 2, web: 2})
    const api = waves[1]!.members.find((m) => m.id === 'api')!
    expect(api.reason).toBe('after db, which holds data it uses (wave 1); 1 resource waits for it')
    expect(waves[1]!.members.find((m) => m.id === 'web')!.reason).toBe('with or after api, which it uses (wave 2)')
  })

  it('moves plumbing with what uses it: a log group nothing uses goes last, a role is passed through to the data it grants', async () => {
    // fn → role → table (stateful) ; fn → fn-logs (log group) ; api → fn ; orphan log group ; vm alone.
    const a = await estate([
      {id: 'table', name: 'table', type: 'AWS::DynamoDB::Table'},
      {id: 'role', name: 'role', type: 'AWS::IAM::Role', dependsOn: ['table']},
      {id: 'fn-logs', name: 'fn-logs', type: 'AWS::Logs::LogGroup'},
      {id: 'fn', name: 'fn', type: 'AWS::Lambda::Function', dependsOn: ['role', 'fn-logs']},
      {id: 'api', name: 'api', type: 'AWS::Lambda::Function', dependsOn: ['fn']},
      {id: 'orphan-logs', name: 'orphan-logs', type: 'AWS::Logs::LogGroup'},
      {id: 'vm', name: 'vm', type: 'AWS::EC2::Instance'},
    ])
    const graph = buildGraph(
      a,
      a.resources.flatMap((r) => (r.dependsOn ?? []).map((to) => ({from: r.id, to, origin: 'declared' as const}))),
    )
    expect(a.resources.filter((r) => isPlumbing(r)).map((r) => r.id)).toEqual(['role', 'fn-logs', 'orphan-logs'])
    const waves = exitWaves(graph)
    const waveOf = Object.fromEntries(waves.flatMap((w) => w.members.map((m) => [m.id, w.wave])))
    // Without the rule, the role and both log groups would sit in wave 1 and fn would not wait for the table.
    expect(waveOf).toEqual({table: 1, vm: 1, role: 2, 'fn-logs': 2, fn: 2, api: 2, 'orphan-logs': 2})
    const member = (id: string) => waves.flatMap((w) => w.members).find((m) => m.id === id)!
    expect(member('fn').reason).toBe('after table, which holds data it uses (wave 1); 1 resource waits for it')
    expect(member('role').reason).toBe('plumbing: moves with fn, which uses it (wave 2)')
    expect(member('orphan-logs').reason).toBe('plumbing nothing uses: recreate or retire it with the last wave')
    // First to move: what unblocks the most (the table: fn and, through it, api), then less effort.
    expect(member('table').unblocks).toBe(2)
    expect(waves[0]!.members[0]!.id).toBe('table')
    expect(waves[0]!.first(1)[0]!.id).toBe('table')
    expect(member('vm').unblocks).toBe(0)
    // Plumbing is never a wave's pick: it comes after the workloads it moves with.
    const second = waves[1]!.members.map((m) => m.id)
    expect(second.slice(0, 2)).toEqual(['fn', 'api'])
    expect(second.slice(2).sort()).toEqual(['fn-logs', 'orphan-logs', 'role'])
  })

  it('collapses cycles: members of a cycle share a wave and name each other', async () => {
    const graph = await handGraph(
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'store'],
        ['user', 'a'],
      ],
      ['store'],
    )
    const {count} = stronglyConnected(graph)
    expect(count).toBe(3)
    const waves = exitWaves(graph)
    const waveOf = Object.fromEntries(waves.flatMap((w) => w.members.map((m) => [m.id, w.wave])))
    expect(waveOf).toEqual({store: 1, a: 2, b: 2, c: 2, user: 2})
    expect(waves[1]!.members.find((m) => m.id === 'a')!.cycle!.sort()).toEqual(['a', 'b', 'c'])
  })

  it('handles a long chain without recursion', async () => {
    const n = 5000
    const edges: [string, string][] = Array.from({length: n - 1}, (_, i) => [`n${i + 1}`, `n${i}`])
    const graph = await handGraph(
      edges,
      edges.map(([, to]) => to),
    )
    const waves = exitWaves(graph)
    expect(waves).toHaveLength(n)
  })

  it('finds what must move together, and the blast radius of proprietary services', async () => {
    const graph = await handGraph(
      [
        ['fn1', 'table'],
        ['fn2', 'table'],
        ['web', 'fn1'],
        ['lonely-a', 'lonely-b'],
      ],
      [],
      ['table'],
    )
    const components = moveTogether(graph)
    expect(components.map((c) => c.resources.sort())).toEqual([
      ['fn1', 'fn2', 'table', 'web'],
      ['lonely-a', 'lonely-b'],
    ])
    expect(components[0]!.providers).toEqual(['aws'])
    const radius = blastRadius(graph)
    const table = radius.find((b) => b.type === 'AWS::DynamoDB::Table')!
    expect(table.dependents).toBe(3) // fn1, fn2 and, through fn1, web
  })
})

describe('coupling through inferred edges', () => {
  it('a portable VM that references a DynamoDB table in its attributes inherits part of its lock-in', async () => {
    const a = await estate([
      {id: 'vm', attributes: {userData: 'TABLE=arn:aws:dynamodb:eu-central-1:412345678901:table/orders'}},
      {id: 'arn:aws:dynamodb:eu-central-1:412345678901:table/orders', type: 'AWS::DynamoDB::Table'},
    ])
    const vm = a.resources.find((x) => x.id === 'vm')!
    expect(vm.dependsOn).toEqual(['arn:aws:dynamodb:eu-central-1:412345678901:table/orders'])
    expect(vm.breakdown.coupling).toBeGreaterThan(0)
    expect(vm.breakdown.couplingFrom).toEqual(['arn:aws:dynamodb:eu-central-1:412345678901:table/orders'])
  })
})

describe('containment', () => {
  it('keeps account → resource group → resource apart from usage edges', async () => {
    const rg = '/subscriptions/6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30/resourceGroups/rg-app/providers/Microsoft.Web/sites/app'
    const a = await estate([
      {id: rg, provider: 'azure', type: 'microsoft.web/sites', account: '6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30'},
      {id: 'vm', account: '412345678901'},
    ])
    const graph = buildGraph(a, [])
    expect(graph.edges).toEqual([])
    expect(graph.containment).toEqual([
      {
        parent: 'account:azure:6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30',
        child: 'resource-group:6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30/rg-app',
      },
      {parent: 'resource-group:6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30/rg-app', child: rg},
      {parent: 'account:aws:412345678901', child: 'vm'},
    ])
  })
})
