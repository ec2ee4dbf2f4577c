import type {AssessedResource, Assessment} from '../assessment/schema.js'
import {EDGE_ORIGINS, type EdgeOrigin, linkEdges, type UsageEdge, type UsageLinks} from '../inventory/links.js'
import type {ContainmentEdge, DependencyGraph, GraphNode} from './types.js'

const ORIGIN_CODE = new Map<EdgeOrigin, number>(EDGE_ORIGINS.map((o, i) => [o, i]))

/** The resource group of an ARM id, if it has one. */
const resourceGroupOf = (id: string): string | undefined =>
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\//i.exec(id)?.slice(1, 3).join('/').toLowerCase()

/**
 * Calls `visit` with each containment edge of a node, outermost first: account → resource,
 * or account → resource group → resource for an ARM id in a resource group.
 */
export function containmentOf(
  node: GraphNode,
  visit: (parent: string, child: string) => void,
  accountNames?: AccountNames,
): void {
  if (!node.account) return
  const account = accountNames ? accountNames.of(node.provider, node.account) : `account:${node.provider}:${node.account}`
  const group = node.id.charCodeAt(0) === 47 /* '/' */ ? resourceGroupOf(node.id) : undefined
  if (!group) {
    visit(account, node.id)
    return
  }
  const rg = `resource-group:${group}`
  visit(account, rg)
  visit(rg, node.id)
}

/**
 * The containment id of each (provider, account), made once: a pass over a million nodes then reuses a
 * few thousand strings (whose hashes the engine keeps) instead of building one per node.
 */
export class AccountNames {
  readonly #names = new Map<string, Map<string, string>>()
  of(provider: string, account: string): string {
    let byAccount = this.#names.get(provider)
    if (!byAccount) {
      byAccount = new Map()
      this.#names.set(provider, byAccount)
    }
    let name = byAccount.get(account)
    if (name === undefined) {
      name = `account:${provider}:${account}`
      byAccount.set(account, name)
    }
    return name
  }
}

/** The containment of some nodes, each edge once, in first-seen order. */
export function containmentOfNodes(nodes: readonly GraphNode[]): ContainmentEdge[] {
  // Per parent, the children seen: no joined key per edge.
  const seen = new Map<string, Set<string>>()
  const list: ContainmentEdge[] = []
  const add = (parent: string, child: string) => {
    let children = seen.get(parent)
    if (!children) {
      children = new Set()
      seen.set(parent, children)
    } else if (children.has(child)) return
    children.add(child)
    list.push({parent, child})
  }
  const accountNames = new AccountNames()
  for (const node of nodes) containmentOf(node, add, accountNames)
  return list
}

/** Edges as parallel columns over node indices. */
export interface EdgeArrays {
  count: number
  from: Int32Array
  to: Int32Array
  origin: Uint8Array
  weight?: Int32Array
}

/** Counting sort of edges by one endpoint, keeping edge order within a node: CSR offsets and targets. */
function csr(n: number, count: number, key: Int32Array, target: Int32Array): {start: Int32Array; targets: Int32Array} {
  const start = new Int32Array(n + 1)
  for (let k = 0; k < count; k++) start[key[k]! + 1]!++
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!
  const fill = start.slice(0, n)
  const targets = new Int32Array(count)
  for (let k = 0; k < count; k++) targets[fill[key[k]!]!++] = target[k]!
  return {start, targets}
}

const listsOf = (n: number, start: Int32Array, targets: Int32Array): number[][] => {
  const lists = new Array<number[]>(n)
  for (let v = 0; v < n; v++) lists[v] = Array.from(targets.subarray(start[v]!, start[v + 1]!))
  return lists
}

/** A graph over nodes and integer edges; what is derived from them is built on first use and kept. */
class Graph implements DependencyGraph {
  readonly edgeCount: number
  readonly edgeFrom: Int32Array
  readonly edgeTo: Int32Array
  readonly edgeOrigin: Uint8Array
  readonly edgeWeight?: Int32Array
  readonly outStart: Int32Array
  readonly outTargets: Int32Array
  readonly inStart: Int32Array
  readonly inTargets: Int32Array
  readonly containmentFromNodes?: boolean
  #index?: Map<string, number>
  #edges?: UsageEdge[]
  #containment?: ContainmentEdge[]
  readonly #makeContainment: () => ContainmentEdge[]
  #out?: number[][]
  #in?: number[][]

  constructor(
    readonly nodes: GraphNode[],
    edges: EdgeArrays,
    derived: {
      index?: Map<string, number>
      edges?: UsageEdge[]
      containment: () => ContainmentEdge[]
      containmentFromNodes?: boolean
    },
  ) {
    const n = nodes.length
    this.edgeCount = edges.count
    this.edgeFrom = edges.from
    this.edgeTo = edges.to
    this.edgeOrigin = edges.origin
    if (edges.weight) this.edgeWeight = edges.weight
    const out = csr(n, edges.count, edges.from, edges.to)
    const inn = csr(n, edges.count, edges.to, edges.from)
    this.outStart = out.start
    this.outTargets = out.targets
    this.inStart = inn.start
    this.inTargets = inn.targets
    this.#index = derived.index
    this.#edges = derived.edges
    this.#makeContainment = derived.containment
    if (derived.containmentFromNodes) this.containmentFromNodes = true
  }

  get index(): Map<string, number> {
    this.#index ??= new Map(this.nodes.map((node, i) => [node.id, i]))
    return this.#index
  }

  get edges(): UsageEdge[] {
    if (!this.#edges) {
      const list = new Array<UsageEdge>(this.edgeCount)
      const weight = this.edgeWeight
      for (let k = 0; k < this.edgeCount; k++) {
        const from = this.nodes[this.edgeFrom[k]!]!.id
        const to = this.nodes[this.edgeTo[k]!]!.id
        const origin = EDGE_ORIGINS[this.edgeOrigin[k]!]!
        list[k] = weight ? ({from, to, origin, count: weight[k]!} as UsageEdge) : {from, to, origin}
      }
      this.#edges = list
    }
    return this.#edges
  }

  get containment(): ContainmentEdge[] {
    this.#containment ??= this.#makeContainment()
    return this.#containment
  }

  get out(): readonly (readonly number[])[] {
    this.#out ??= listsOf(this.nodes.length, this.outStart, this.outTargets)
    return this.#out
  }

  get in(): readonly (readonly number[])[] {
    this.#in ??= listsOf(this.nodes.length, this.inStart, this.inTargets)
    return this.#in
  }
}

/** A graph over integer edges that already point at `nodes` (no self-loops); containment computed when first read. */
export function graphOfArrays(
  nodes: GraphNode[],
  edges: EdgeArrays,
  containment: () => ContainmentEdge[] = () => [],
  index?: Map<string, number>,
  containmentFromNodes = false,
): DependencyGraph {
  return new Graph(nodes, edges, {containment, index, containmentFromNodes})
}

/**
 * The dependency graph of an assessed estate: a node per resource (with its score, class and
 * effort), the usage edges, and containment (account → resource group → resource) kept apart and
 * computed when first read. Takes the links as `usageLinks` resolved them over the same resources
 * (then no id is looked up again), or edge objects.
 */
export function buildGraph(assessment: Pick<Assessment, 'resources'>, edges: UsageLinks | readonly UsageEdge[]): DependencyGraph {
  // The assessed resources carry every node field, so they serve as nodes without a copy.
  const nodes: GraphNode[] = assessment.resources
  const containment = () => containmentOfNodes(nodes)
  if (!isLinks(edges) || !sameOrder(nodes, edges))
    return graphOf(nodes, isLinks(edges) ? linkEdges(edges) : edges, containment, true)
  return new Graph(
    nodes,
    {count: edges.length, from: edges.from, to: edges.to, origin: edges.origin},
    {index: edges.index.exact, containment, containmentFromNodes: true},
  )
}

const isLinks = (edges: UsageLinks | readonly UsageEdge[]): edges is UsageLinks => !Array.isArray(edges)

/** Whether the links count over exactly these nodes (the assessed resources of the same snapshot). */
function sameOrder(nodes: readonly AssessedResource[] | readonly GraphNode[], links: UsageLinks): boolean {
  if (nodes.length !== links.ids.length) return false
  for (let i = 0; i < nodes.length; i++) if (nodes[i]!.id !== links.ids[i]) return false
  return true
}

/** A graph from nodes and edge objects: edges to unknown nodes and self-loops dropped; the kept objects are its `edges`. */
export function graphOf(
  nodes: GraphNode[],
  edges: readonly UsageEdge[],
  containment: ContainmentEdge[] | (() => ContainmentEdge[]) = [],
  containmentFromNodes = false,
): DependencyGraph {
  const index = new Map(nodes.map((n, i) => [n.id, i]))
  const from = new Int32Array(edges.length)
  const to = new Int32Array(edges.length)
  const origin = new Uint8Array(edges.length)
  const weighted = edges.some((e) => 'count' in e && typeof e.count === 'number')
  const weight = weighted ? new Int32Array(edges.length) : undefined
  const kept: UsageEdge[] = []
  for (const edge of edges) {
    const a = index.get(edge.from)
    const b = index.get(edge.to)
    if (a === undefined || b === undefined || a === b) continue
    const k = kept.length
    from[k] = a
    to[k] = b
    origin[k] = ORIGIN_CODE.get(edge.origin) ?? 0
    if (weight) weight[k] = 'count' in edge && typeof edge.count === 'number' ? edge.count : 1
    kept.push(edge)
  }
  const count = kept.length
  return new Graph(
    nodes,
    {
      count,
      from: from.subarray(0, count),
      to: to.subarray(0, count),
      origin: origin.subarray(0, count),
      ...(weight ? {weight: weight.subarray(0, count)} : {}),
    },
    {index, edges: kept, containment: typeof containment === 'function' ? containment : () => containment, containmentFromNodes},
  )
}
