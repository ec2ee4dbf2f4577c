import {describe, expect, it} from 'vitest'
import {graphOf} from '../../src/graph/build.js'
import type {GraphNode} from '../../src/graph/types.js'
import {type CountedEdge, collapse, focus, matchNodes, mostLockedIn, subgraph} from '../../src/graph/view.js'
import {node, uses} from './helpers.js'

const ids = (g: {nodes: GraphNode[]}) => g.nodes.map((n) => n.id).sort()

// A chain a → b → c → d → e, with x → c on the side and a lone y.
const chain = graphOf(
  ['a', 'b', 'c', 'd', 'e', 'x', 'y'].map((id) => node(id)),
  [uses('a', 'b'), uses('b', 'c'), uses('c', 'd'), uses('d', 'e'), uses('x', 'c')],
  [
    {parent: 'account:hetzner:p1', child: 'c'},
    {parent: 'account:hetzner:p1', child: 'y'},
  ],
)

describe('focus', () => {
  it('takes the neighbourhood to the given depth, following edges both ways', () => {
    expect(ids(focus(chain, 'c', 0))).toEqual(['c'])
    expect(ids(focus(chain, 'c', 1))).toEqual(['b', 'c', 'd', 'x'])
    expect(ids(focus(chain, 'c', 2))).toEqual(['a', 'b', 'c', 'd', 'e', 'x'])
    // Both directions at once: from d, two steps reach x through c (d ← c ← x).
    expect(ids(focus(chain, 'd', 2))).toEqual(['b', 'c', 'd', 'e', 'x'])
  })

  it('keeps the edges among the nodes kept, with consistent adjacency, and their containment', () => {
    const g = focus(chain, 'c', 1)
    expect(g.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['b>c', 'c>d', 'x>c'])
    const c = g.index.get('c')!
    expect(g.in[c]!.map((i) => g.nodes[i]!.id).sort()).toEqual(['b', 'x'])
    expect(g.out[c]!.map((i) => g.nodes[i]!.id)).toEqual(['d'])
    expect(g.containment).toEqual([{parent: 'account:hetzner:p1', child: 'c'}])
  })

  it('matches globs over ids and names, case-insensitively, and returns nothing for no match', () => {
    const g = graphOf([node('arn:aws:rds:eu-central-1:1:db:claims-db', {name: 'Claims DB'}), node('other')], [])
    expect(matchNodes(g, '*:db:*')).toEqual([0])
    expect(matchNodes(g, 'claims?db')).toEqual([0])
    expect(matchNodes(g, 'nothing*')).toEqual([])
    expect(focus(g, 'nothing*', 3).nodes).toEqual([])
    // Regex characters in a pattern are literal.
    expect(matchNodes(graphOf([node('a.b'), node('axb')], []), 'a.b')).toEqual([0])
  })

  it('does not loop on cycles', () => {
    const ring = graphOf([node('p'), node('q'), node('r')], [uses('p', 'q'), uses('q', 'r'), uses('r', 'p')])
    expect(ids(focus(ring, 'p', 10))).toEqual(['p', 'q', 'r'])
  })
})

describe('collapse', () => {
  const estate = graphOf(
    [
      node('fn1', {
        type: 'AWS::Lambda::Function',
        provider: 'aws',
        account: '111',
        portability: 'proprietary',
        score: 60,
        effort: 'M',
      }),
      node('fn2', {
        type: 'AWS::Lambda::Function',
        provider: 'aws',
        account: '222',
        portability: 'proprietary',
        score: 64,
        effort: 'L',
      }),
      node('t1', {
        type: 'AWS::DynamoDB::Table',
        provider: 'aws',
        account: '111',
        portability: 'captive',
        stateful: true,
        score: 80,
        sizeGiB: 5,
      }),
      node('t2', {
        type: 'AWS::DynamoDB::Table',
        provider: 'aws',
        account: '111',
        portability: 'captive',
        stateful: true,
        score: 70,
        sizeGiB: 7,
      }),
      node('vm', {type: 'hetzner:server', provider: 'hetzner', score: 12}),
    ],
    [
      uses('fn1', 't1', 'inferred'),
      uses('fn1', 't2', 'declared'),
      uses('fn2', 't1', 'inferred'),
      uses('fn1', 'fn2', 'declared'), // inside the Lambda group: dropped
      uses('vm', 't1', 'inferred'),
    ],
  )

  it('by service: one node per type, labelled with a count, the highest score and the most locked-in class', () => {
    const g = collapse(estate, 'service')
    expect(ids(g)).toEqual(['AWS::DynamoDB::Table', 'AWS::Lambda::Function', 'hetzner:server'])
    const tables = g.nodes[g.index.get('AWS::DynamoDB::Table')!]!
    expect(tables).toMatchObject({
      name: 'AWS::DynamoDB::Table (2 resources)',
      portability: 'captive',
      score: 80,
      stateful: true,
      sizeGiB: 12,
      account: '111',
      members: 2,
    })
    const fns = g.nodes[g.index.get('AWS::Lambda::Function')!]!
    expect(fns).toMatchObject({score: 64, effort: 'L', members: 2})
    expect(fns.account).toBeUndefined()
    expect(g.nodes[g.index.get('hetzner:server')!]!.name).toBe('hetzner:server (1 resource)')
  })

  it('merges edges with counts, drops edges inside a group, and keeps an edge dotted only when all of it is inferred', () => {
    const g = collapse(estate, 'service')
    const edges = (g.edges as CountedEdge[]).map((e) => `${e.from}>${e.to} ${e.count} ${e.origin}`).sort()
    expect(edges).toEqual([
      'AWS::Lambda::Function>AWS::DynamoDB::Table 3 declared',
      'hetzner:server>AWS::DynamoDB::Table 1 inferred',
    ])
    expect(g.out.flat()).toHaveLength(2)
  })

  it('by account and by provider', () => {
    const byAccount = collapse(estate, 'account')
    expect(ids(byAccount)).toEqual(['111', '222', 'hetzner: no account'])
    expect((byAccount.edges as CountedEdge[]).map((e) => `${e.from}>${e.to} ${e.count}`).sort()).toEqual([
      '111>222 1',
      '222>111 1',
      'hetzner: no account>111 1',
    ])
    const byProvider = collapse(estate, 'provider')
    expect(ids(byProvider)).toEqual(['aws', 'hetzner'])
    expect(byProvider.nodes[0]).toMatchObject({type: 'provider', name: 'aws (4 resources)', score: 80, portability: 'captive'})
    expect((byProvider.edges as CountedEdge[]).map((e) => `${e.from}>${e.to} ${e.count}`)).toEqual(['hetzner>aws 1'])
    expect(byProvider.containment).toEqual([])
  })

  it('collapses a collapsed graph again, adding the counts', () => {
    const twice = collapse(collapse(estate, 'service'), 'provider')
    expect((twice.edges as CountedEdge[]).map((e) => `${e.from}>${e.to} ${e.count}`)).toEqual(['hetzner>aws 1'])
  })
})

describe('subgraph and mostLockedIn', () => {
  it('reindexes nodes and adjacency', () => {
    const g = subgraph(chain, [4, 3, 2])
    expect(g.nodes.map((n) => n.id)).toEqual(['c', 'd', 'e'])
    expect(g.out.map((list) => list.map((i) => g.nodes[i]!.id))).toEqual([['d'], ['e'], []])
    expect(g.in.map((list) => list.map((i) => g.nodes[i]!.id))).toEqual([[], ['c'], ['d']])
  })

  it('keeps the highest-scored nodes within an edge budget', () => {
    const star = graphOf(
      [node('hub', {score: 90}), ...Array.from({length: 10}, (_, i) => node(`leaf${i}`, {score: i}))],
      Array.from({length: 10}, (_, i) => uses(`leaf${i}`, 'hub')),
    )
    const cut = mostLockedIn(star, {maxEdges: 3})
    expect(cut.edges).toHaveLength(3)
    expect(cut.nodes.map((n) => n.id)).toContain('hub')
    // Leaves that would add an edge over budget are left out; the top three leaves got in.
    expect(cut.nodes.map((n) => n.id)).toEqual(['hub', 'leaf7', 'leaf8', 'leaf9'])
    expect(mostLockedIn(star, {maxNodes: 2}).nodes.map((n) => n.id)).toEqual(['hub', 'leaf9'])
  })
})
