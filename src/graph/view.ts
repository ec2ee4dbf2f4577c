import {EDGE_ORIGINS} from '../inventory/links.js'
import {globToRegExp} from '../util/glob.js'
import {AccountNames, containmentOf, containmentOfNodes, graphOf, graphOfArrays} from './build.js'
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

/**
 * The sub-graph induced by some nodes (by index), in their original order; containment kept for the nodes kept.
 * With `ownContainment`, a graph whose containment comes from its nodes derives the kept nodes' containment
 * from them alone (first seen in their order) instead of filtering every node's: much cheaper for a small
 * part of a large estate, for views that only draw it.
 */
export function subgraph(
  graph: DependencyGraph,
  keep: Iterable<number>,
  options: {ownContainment?: boolean} = {},
): DependencyGraph {
  const renumbered = new Int32Array(graph.nodes.length).fill(-1)
  for (const i of keep) renumbered[i] = 0
  const nodes: GraphNode[] = []
  for (let i = 0; i < graph.nodes.length; i++)
    if (renumbered[i] === 0) {
      renumbered[i] = nodes.length
      nodes.push(graph.nodes[i]!)
    }
  let count = 0
  for (let k = 0; k < graph.edgeCount; k++)
    if (renumbered[graph.edgeFrom[k]!]! >= 0 && renumbered[graph.edgeTo[k]!]! >= 0) count++
  const from = new Int32Array(count)
  const to = new Int32Array(count)
  const origin = new Uint8Array(count)
  const weight = graph.edgeWeight ? new Int32Array(count) : undefined
  for (let k = 0, j = 0; k < graph.edgeCount; k++) {
    const a = renumbered[graph.edgeFrom[k]!]!
    const b = renumbered[graph.edgeTo[k]!]!
    if (a < 0 || b < 0) continue
    from[j] = a
    to[j] = b
    origin[j] = graph.edgeOrigin[k]!
    if (weight) weight[j] = graph.edgeWeight![k]!
    j++
  }
  if (options.ownContainment && graph.containmentFromNodes)
    return graphOfArrays(
      nodes,
      {count, from, to, origin, ...(weight ? {weight} : {})},
      () => containmentOfNodes(nodes),
      undefined,
      true,
    )
  const containment = (): ContainmentEdge[] => {
    const ids = new Set(nodes.map((n) => n.id))
    const children = new Set<string>(ids)
    // Keep the chain account → resource group → resource for the resources kept.
    for (const c of graph.containment) if (ids.has(c.child)) children.add(c.parent)
    return graph.containment.filter((c) => children.has(c.child))
  }
  return graphOfArrays(nodes, {count, from, to, origin, ...(weight ? {weight} : {})}, containment)
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
    const reach = (w: number) => {
      if (distance[w] !== -1) return
      distance[w] = distance[v]! + 1
      queue.push(w)
    }
    for (let k = graph.outStart[v]!; k < graph.outStart[v + 1]!; k++) reach(graph.outTargets[k]!)
    for (let k = graph.inStart[v]!; k < graph.inStart[v + 1]!; k++) reach(graph.inTargets[k]!)
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
  const groups: Group[] = []
  const memberGroup = new Int32Array(graph.nodes.length)
  for (let i = 0; i < graph.nodes.length; i++) {
    const node = graph.nodes[i]!
    const key = groupKey(node, by)
    let g = groupOf.get(key)
    if (g === undefined) {
      g = groups.length
      groupOf.set(key, g)
      groups.push(newGroup(key, node))
    }
    addMember(groups[g]!, node)
    memberGroup[i] = g
  }
  const nodes: CollapsedNode[] = groups.map((group) => aggregate(group, by))
  const merged = new Map<number, CountedEdge>()
  for (let k = 0; k < graph.edgeCount; k++) {
    const a = memberGroup[graph.edgeFrom[k]!]!
    const b = memberGroup[graph.edgeTo[k]!]!
    if (a === b) continue
    const key = a * groups.length + b
    const origin = EDGE_ORIGINS[graph.edgeOrigin[k]!]!
    const count = graph.edgeWeight ? graph.edgeWeight[k]! : 1
    const seen = merged.get(key)
    if (!seen) merged.set(key, {from: nodes[a]!.id, to: nodes[b]!.id, origin, count})
    else {
      seen.count += count
      // Dotted (inferred) only while every merged edge is a guess.
      if (seen.origin === 'inferred') seen.origin = origin
    }
  }
  // Accounts and providers are what containment groups by; for services, keep account → service. Built when
  // first read: the diagrams draw no containment, and a pass over a million nodes' accounts is not free.
  const containment = (): ContainmentEdge[] => {
    const list: ContainmentEdge[] = []
    if (by !== 'service') return list
    // Per parent, the groups it already contains; null when the parent is itself a node (no edge then).
    const seen = new Map<string, Set<number> | null>()
    let current = -1
    const add = (parentId: string, childId: string) => {
      const child = current >= 0 && graph.nodes[current]!.id === childId ? current : graph.index.get(childId)
      if (child === undefined) return
      let groups = seen.get(parentId)
      if (groups === undefined) {
        groups = graph.index.has(parentId) ? null : new Set()
        seen.set(parentId, groups)
      }
      const group = memberGroup[child]!
      if (groups === null || groups.has(group)) return
      groups.add(group)
      list.push({parent: parentId, child: nodes[group]!.id})
    }
    // Derived from the nodes, the containment need not be listed first: each edge's first sighting is in node order.
    if (graph.containmentFromNodes) {
      const accountNames = new AccountNames()
      for (current = 0; current < graph.nodes.length; current++) containmentOf(graph.nodes[current]!, add, accountNames)
    } else for (const c of graph.containment) add(c.parent, c.child)
    return list
  }
  return graphOf(nodes, [...merged.values()], containment)
}

/** What a collapsed node keeps of its members, added one at a time (no list of members). */
interface Group {
  key: string
  count: number
  score: number
  worst: GraphNode
  effort?: GraphNode['effort']
  gib: number
  sized: boolean
  stateful: boolean
  providers: Set<string>
  accounts: Set<string | undefined>
}

const newGroup = (key: string, first: GraphNode): Group => ({
  key,
  count: 0,
  score: Number.NEGATIVE_INFINITY,
  worst: first,
  gib: 0,
  sized: false,
  stateful: false,
  providers: new Set(),
  accounts: new Set(),
})

function addMember(g: Group, m: GraphNode): void {
  g.count++
  if (m.score > g.score) g.score = m.score
  if ((CLASS_RANK[m.portability] ?? 2) > (CLASS_RANK[g.worst.portability] ?? 2)) g.worst = m
  if (m.effort && (!g.effort || EFFORT_RANK[m.effort] > EFFORT_RANK[g.effort])) g.effort = m.effort
  if (m.stateful) {
    g.stateful = true
    if (m.sizeGiB !== undefined) {
      g.gib += m.sizeGiB
      g.sized = true
    }
  }
  g.providers.add(m.provider)
  g.accounts.add(m.account)
}

function aggregate(g: Group, by: CollapseBy): CollapsedNode {
  const {key, count, effort} = g
  const providers = [...g.providers]
  const accounts = [...g.accounts]
  return {
    id: key,
    name: `${key} (${count} ${count === 1 ? 'resource' : 'resources'})`,
    type: by === 'service' ? key : by,
    provider: providers.length === 1 ? providers[0]! : providers.sort().join('+'),
    ...(accounts.length === 1 && accounts[0] !== undefined ? {account: accounts[0]} : {}),
    stateful: g.stateful,
    portability: g.worst.portability,
    score: Math.round(g.score * 10) / 10,
    ...(effort ? {effort} : {}),
    ...(g.sized ? {sizeGiB: Math.round(g.gib * 100) / 100} : {}),
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
  const degree = (i: number) => graph.outStart[i + 1]! - graph.outStart[i]! + graph.inStart[i + 1]! - graph.inStart[i]!
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
    for (let k = graph.outStart[v]!; k < graph.outStart[v + 1]!; k++) {
      const w = graph.outTargets[k]!
      if (!taken[w]) continue
      newEdges++
      price += cost.edge?.(v, w) ?? 0
    }
    for (let k = graph.inStart[v]!; k < graph.inStart[v + 1]!; k++) {
      const u = graph.inTargets[k]!
      if (!taken[u]) continue
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
