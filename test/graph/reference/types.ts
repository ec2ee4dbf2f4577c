// Oracle for test/graph/equivalence.test.ts: src/graph/types.ts as it was before the integer (CSR) rewrite
// (commit b8d0964), kept unchanged apart from import paths, so the new stages can be compared with it.
/** Where an edge was learnt: collectors' declared links, Terraform state, provider relationships, or inferred from attributes. */
export type EdgeOrigin = 'declared' | 'state' | 'relationship' | 'inferred'

/** `from` uses `to` (a usage edge): leaving `to` affects `from`. */
export interface UsageEdge {
  from: string
  to: string
  origin: EdgeOrigin
}

/** `parent` contains `child` (account or subscription → resource group → resource); kept apart from usage. */
export interface ContainmentEdge {
  parent: string
  child: string
}

/** What the graph knows of each node, for layout, waves and labels. */
export interface GraphNode {
  id: string
  name?: string
  type: string
  provider: string
  account?: string
  stateful: boolean
  portability: string
  score: number
  effort?: 'S' | 'M' | 'L' | 'XL'
  sizeGiB?: number
}

export interface DependencyGraph {
  nodes: GraphNode[]
  /** Node id → index into `nodes`. */
  index: Map<string, number>
  edges: UsageEdge[]
  containment: ContainmentEdge[]
  /** Adjacency by node index: out[i] are the nodes i uses, in[i] the nodes that use i. */
  out: number[][]
  in: number[][]
}

export interface Component {
  id: number
  resources: string[]
  providers: string[]
  /** Sum of the members' lock-in scores, and their mean. */
  totalLockIn: number
  meanLockIn: number
  statefulGiB: number
}

export interface WaveMember {
  id: string
  name?: string
  type: string
  provider: string
  effort?: 'S' | 'M' | 'L' | 'XL'
  score: number
  stateful: boolean
  /** Why it sits in this wave, in words. */
  reason: string
  /** Other members of the same cycle, which must move together with it. */
  cycle?: string[]
}

export interface Wave {
  wave: number
  members: WaveMember[]
  effort: Record<'S' | 'M' | 'L' | 'XL' | 'unknown', number>
  statefulGiB: number
}
