import type {UsageEdge} from '../inventory/links.js'

export type {EdgeOrigin, UsageEdge} from '../inventory/links.js'

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
  /** The catalog category (assessed resources carry it); decides what is plumbing for the waves. */
  category?: string
}

/**
 * Nodes and usage edges over node indices. The edges are parallel arrays, adjacency is CSR: the
 * nodes v uses are `outTargets[outStart[v] … outStart[v + 1])`, in edge order; likewise its users
 * in `in*`. Ids, edge objects, containment and adjacency lists are built on first use only.
 */
export interface DependencyGraph {
  readonly nodes: GraphNode[]
  readonly edgeCount: number
  readonly edgeFrom: Int32Array
  readonly edgeTo: Int32Array
  /** Code into EDGE_ORIGINS. */
  readonly edgeOrigin: Uint8Array
  /** How many resource-level edges each edge stands for, when the graph is collapsed. */
  readonly edgeWeight?: Int32Array
  readonly outStart: Int32Array
  readonly outTargets: Int32Array
  readonly inStart: Int32Array
  readonly inTargets: Int32Array
  /** Node id → index into `nodes` (the last, for an id listed twice). */
  readonly index: Map<string, number>
  /** The usage edges as objects, in order. */
  readonly edges: UsageEdge[]
  readonly containment: ContainmentEdge[]
  /** Whether `containment` is that of the nodes themselves (`containmentOf` each, in order), so it can be walked without listing it. */
  readonly containmentFromNodes?: boolean
  /** Adjacency as lists: out[i] are the nodes i uses, in[i] the nodes that use i. */
  readonly out: readonly (readonly number[])[]
  readonly in: readonly (readonly number[])[]
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
  /** Resources that wait for it: whose wave it decides, directly or through others. */
  unblocks: number
  /** Why it sits in this wave, in words. */
  reason: string
  /** Other members of the same cycle, which must move together with it. */
  cycle?: string[]
}

export interface Wave {
  wave: number
  /** Every member: what unblocks the most first, plumbing last, then less effort, then higher lock-in, then id. */
  members: WaveMember[]
  /** How many members, without listing them. */
  count: number
  /** The first k of `members`, without listing the rest. */
  first(k: number): WaveMember[]
  effort: Record<'S' | 'M' | 'L' | 'XL' | 'unknown', number>
  statefulGiB: number
}
