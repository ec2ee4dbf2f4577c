// Oracle for test/graph/equivalence.test.ts: src/graph/view.ts as it was before the integer (CSR) rewrite
// (commit b8d0964), kept unchanged apart from import paths, so the new stages can be compared with it.
import {globToRegExp} from '../../../src/util/glob.js'
import {graphOf} from './build.js'
import type {ContainmentEdge, DependencyGraph, GraphNode, UsageEdge} from './types.js'

/** A usage edge of a collapsed graph: how many resource-level edges it stands for. */
export interface CountedEdge extends UsageEdge {
  count: number
}

/** A node of a collapsed graph: how many resources it stands for. */
export interface CollapsedNode extends GraphNode {
  members: number
}

export type CollapseBy = 'service' | 'account' | 'provider'
export const COLLAPSE_BY: readonly CollapseBy[] = ['service', 'account', 'provider']

/** Most locked-in first, so picks and merges prefer the classes that matter for an exit. */
const CLASS_RANK: Record<string, number> = {portable: 0, compatible: 1, unmapped: 2, proprietary: 3, captive: 4}
const EFFORT_RANK = {S: 0, M: 1, L: 2, XL: 3} as const

/** How many resource-level edges an edge stands for: 1 unless it came from `collapse`. */
export const edgeCount = (edge: UsageEdge): number => ('count' in edge && typeof edge.count === 'number' ? edge.count : 1)

/** The sub-graph induced by some nodes (by index), in their original order; containment kept for the nodes kept. */
export function subgraph(graph: DependencyGraph, keep: Iterable<number>): DependencyGraph {
  const indices = [...new Set(keep)].sort((a, b) => a - b)
  const nodes = indices.map((i) => graph.nodes[i]!)
  const ids = new Set(nodes.map((n) => n.id))
  const edges = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to))
  const children = new Set<string>(ids)
  // Keep the chain account → resource group → resource for the resources kept.
  const parents = graph.containment.filter((c) => ids.has(c.child))
  for (const c of parents) children.add(c.parent)
  const containment = graph.containment.filter((c) => children.has(c.child))
  return graphOf(nodes, edges, containment)
}

/** Nodes whose id or name is the pattern, or matches it as a glob (`*`, `?`). */
export function matchNodes(graph: DependencyGraph, pattern: string): number[] {
  const exact = graph.index.get(pattern)
  if (exact !== undefined) return [exact]
  const re = globToRegExp(pattern, 'i')
  const hits: number[] = []
  graph.nodes.forEach((node, i) => {
    if (re.test(node.id) || (node.name !== undefined && re.test(node.name))) hits.push(i)
  })
  return hits
}

/**
 * The neighbourhood of the nodes matching `pattern` (an id, or a glob over ids and names): every
 * node within `depth` usage edges of one, following edges in both directions. Empty when nothing matches.
 */
export function focus(graph: DependencyGraph, pattern: string, depth: number): DependencyGraph {
  const start = matchNodes(graph, pattern)
  const distance = new Int32Array(graph.nodes.length).fill(-1)
  const queue: number[] = []
  for (const s of start) {
    distance[s] = 0
    queue.push(s)
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!
    if (distance[v]! >= depth) continue
    for (const w of [...graph.out[v]!, ...graph.in[v]!]) {
      if (distance[w] !== -1) continue
      distance[w] = distance[v]! + 1
      queue.push(w)
    }
  }
  return subgraph(graph, queue)
}

function groupKey(node: GraphNode, by: CollapseBy): string {
  if (by === 'provider') return node.provider
  if (by === 'service') return node.type
  return node.account ?? `${node.provider}: no account`
}

/**
 * Aggregates nodes by service type, account or provider, so large estates stay legible. A collapsed
 * node's id is the key, its label the key with a count, its score the highest of its members',
 * its class the most locked-in of theirs. Edges are merged with counts; edges inside a group are dropped.
 */
export function collapse(graph: DependencyGraph, by: CollapseBy): DependencyGraph {
  const groupOf = new Map<string, number>()
  const groups: {key: string; members: GraphNode[]}[] = []
  const memberGroup = new Int32Array(graph.nodes.length)
  graph.nodes.forEach((node, i) => {
    const key = groupKey(node, by)
    let g = groupOf.get(key)
    if (g === undefined) {
      g = groups.length
      groupOf.set(key, g)
      groups.push({key, members: []})
    }
    groups[g]!.members.push(node)
    memberGroup[i] = g
  })
  const nodes: CollapsedNode[] = groups.map(({key, members}) => aggregate(key, members, by))
  const merged = new Map<string, CountedEdge>()
  for (const edge of graph.edges) {
    const from = graph.index.get(edge.from)
    const to = graph.index.get(edge.to)
    if (from === undefined || to === undefined) continue
    const a = memberGroup[from]!
    const b = memberGroup[to]!
    if (a === b) continue
    const key = `${a}\u0000${b}`
    const seen = merged.get(key)
    if (!seen) merged.set(key, {from: nodes[a]!.id, to: nodes[b]!.id, origin: edge.origin, count: edgeCount(edge)})
    else {
      seen.count += edgeCount(edge)
      // Dotted (inferred) only while every merged edge is a guess.
      if (seen.origin === 'inferred') seen.origin = edge.origin
    }
  }
  // Accounts and providers are what containment groups by; for services, keep account → service.
  const containment: ContainmentEdge[] = []
  if (by === 'service') {
    const seen = new Set<string>()
    for (const c of graph.containment) {
      const child = graph.index.get(c.child)
      const parent = graph.index.get(c.parent)
      if (child === undefined || parent !== undefined) continue
      const edge = {parent: c.parent, child: nodes[memberGroup[child]!]!.id}
      const key = `${edge.parent}\u0000${edge.child}`
      if (!seen.has(key)) {
        seen.add(key)
        containment.push(edge)
      }
    }
  }
  return graphOf(nodes, [...merged.values()], containment)
}

function aggregate(key: string, members: GraphNode[], by: CollapseBy): CollapsedNode {
  let score = Number.NEGATIVE_INFINITY
  let worst = members[0]!
  let effort: GraphNode['effort']
  let gib = 0
  let sized = false
  for (const m of members) {
    score = Math.max(score, m.score)
    if ((CLASS_RANK[m.portability] ?? 2) > (CLASS_RANK[worst.portability] ?? 2)) worst = m
    if (m.effort && (!effort || EFFORT_RANK[m.effort] > EFFORT_RANK[effort])) effort = m.effort
    if (m.stateful && m.sizeGiB !== undefined) {
      gib += m.sizeGiB
      sized = true
    }
  }
  const providers = [...new Set(members.map((m) => m.provider))]
  const accounts = [...new Set(members.map((m) => m.account))]
  const count = members.length
  return {
    id: key,
    name: `${key} (${count} ${count === 1 ? 'resource' : 'resources'})`,
    type: by === 'service' ? key : by,
    provider: providers.length === 1 ? providers[0]! : providers.sort().join('+'),
    ...(accounts.length === 1 && accounts[0] !== undefined ? {account: accounts[0]} : {}),
    stateful: members.some((m) => m.stateful),
    portability: worst.portability,
    score: Math.round(score * 10) / 10,
    ...(effort ? {effort} : {}),
    ...(sized ? {sizeGiB: Math.round(gib * 100) / 100} : {}),
    members: count,
  }
}

const GIVE_UP_AFTER = 1000

/**
 * The most locked-in part of a graph that fits a budget: nodes by score (then by how connected they
 * are), each taken while its node and edge costs still fit. Costs are whatever the caller measures
 * (edges for Mermaid's maxEdges, characters for its maxTextSize). Gives up after 1,000 misses in a row.
 */
export function mostLockedIn(
  graph: DependencyGraph,
  budget: {maxNodes?: number; maxEdges?: number; maxCost?: number},
  cost: {node?: (i: number) => number; edge?: (from: number, to: number) => number} = {},
): DependencyGraph {
  const degree = (i: number) => graph.out[i]!.length + graph.in[i]!.length
  const order = graph.nodes
    .map((_, i) => i)
    .sort(
      (a, b) =>
        graph.nodes[b]!.score - graph.nodes[a]!.score ||
        (CLASS_RANK[graph.nodes[b]!.portability] ?? 2) - (CLASS_RANK[graph.nodes[a]!.portability] ?? 2) ||
        degree(b) - degree(a) ||
        a - b,
    )
  const taken = new Uint8Array(graph.nodes.length)
  const kept: number[] = []
  let edges = 0
  let spent = 0
  let misses = 0
  for (const v of order) {
    if (budget.maxNodes !== undefined && kept.length >= budget.maxNodes) break
    let newEdges = 0
    let price = cost.node?.(v) ?? 0
    for (const w of graph.out[v]!)
      if (taken[w]) {
        newEdges++
        price += cost.edge?.(v, w) ?? 0
      }
    for (const u of graph.in[v]!)
      if (taken[u]) {
        newEdges++
        price += cost.edge?.(u, v) ?? 0
      }
    if (
      (budget.maxEdges !== undefined && edges + newEdges > budget.maxEdges) ||
      (budget.maxCost !== undefined && spent + price > budget.maxCost)
    ) {
      // Once the budget is that full, the rest of a large graph is not worth trying node by node.
      if (++misses >= GIVE_UP_AFTER) break
      continue
    }
    misses = 0
    taken[v] = 1
    kept.push(v)
    edges += newEdges
    spent += price
  }
  return subgraph(graph, kept)
}
