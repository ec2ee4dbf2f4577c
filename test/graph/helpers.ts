import type {GraphNode, UsageEdge} from '../../src/graph/types.js'

/** A portable, stateless Hetzner server node unless told otherwise. */
export const node = (id: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  name: id,
  type: 'hetzner:server',
  provider: 'hetzner',
  stateful: false,
  portability: 'portable',
  score: 10,
  ...extra,
})

/** `from` uses `to`. */
export const uses = (from: string, to: string, origin: UsageEdge['origin'] = 'declared'): UsageEdge => ({from, to, origin})
