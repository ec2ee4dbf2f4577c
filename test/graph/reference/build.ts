// Oracle for test/graph/equivalence.test.ts: src/graph/build.ts as it was before the integer (CSR) rewrite
// (commit b8d0964), kept unchanged apart from import paths, so the new stages can be compared with it.
import type {AssessedResource, Assessment} from '../../../src/assessment/schema.js'
import type {ContainmentEdge, DependencyGraph, GraphNode, UsageEdge} from './types.js'

/** The resource group of an ARM id, if it has one. */
const resourceGroupOf = (id: string): string | undefined =>
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\//i.exec(id)?.slice(1, 3).join('/').toLowerCase()

function containmentOf(r: AssessedResource): ContainmentEdge[] {
  if (!r.account) return []
  const account = `account:${r.provider}:${r.account}`
  const group = resourceGroupOf(r.id)
  if (!group) return [{parent: account, child: r.id}]
  const rg = `resource-group:${group}`
  return [
    {parent: account, child: rg},
    {parent: rg, child: r.id},
  ]
}

/**
 * The dependency graph of an assessed estate: a node per resource (with its score, class and
 * effort), the usage edges, and containment (account → resource group → resource) kept apart.
 */
export function buildGraph(assessment: Pick<Assessment, 'resources'>, edges: readonly UsageEdge[]): DependencyGraph {
  // The assessed resources carry every node field, so they serve as nodes without a copy.
  const nodes: GraphNode[] = assessment.resources
  const containment = new Map<string, ContainmentEdge>()
  for (const r of assessment.resources) for (const c of containmentOf(r)) containment.set(`${c.parent}\u0000${c.child}`, c)
  return graphOf(nodes, edges, [...containment.values()])
}

/** A graph from nodes and edges: the index and adjacency lists rebuilt, edges to unknown nodes and self-loops dropped. */
export function graphOf(nodes: GraphNode[], edges: readonly UsageEdge[], containment: ContainmentEdge[] = []): DependencyGraph {
  const index = new Map(nodes.map((n, i) => [n.id, i]))
  const out: number[][] = nodes.map(() => [])
  const inn: number[][] = nodes.map(() => [])
  const kept: UsageEdge[] = []
  for (const edge of edges) {
    const from = index.get(edge.from)
    const to = index.get(edge.to)
    if (from === undefined || to === undefined || from === to) continue
    out[from]!.push(to)
    inn[to]!.push(from)
    kept.push(edge)
  }
  return {nodes, index, edges: kept, containment, out, in: inn}
}
