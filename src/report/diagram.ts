import {waveOfNodes} from '../graph/analysis.js'
import {graphOfArrays} from '../graph/build.js'
import {renderDependencySvg} from '../graph/svg.js'
import type {DependencyGraph} from '../graph/types.js'
import {collapse, subgraph} from '../graph/view.js'
import type {GraphFindings} from './types.js'

/** Components drawn, most locked-in first, and the node budget the diagram stays readable within. */
const COMPONENTS_DRAWN = 3
const MAX_NODES = 45

const waveLabel = ([low, high]: [number, number]) => (low === high ? `W${low}` : `W${low}–${high}`)

/** Each node's name prefixed with its exit wave (or range of waves, for a service), so the diagram shows the order. */
function markWaves(graph: DependencyGraph, waveOf: (id: string) => [number, number] | undefined): DependencyGraph {
  // A new graph over the same integer edges (a spread would drop the lazily built edges and adjacency).
  const nodes = graph.nodes.map((node) => {
    const wave = waveOf(node.id)
    return wave ? {...node, name: `${waveLabel(wave)} · ${node.name ?? node.id}`} : node
  })
  return graphOfArrays(
    nodes,
    {count: graph.edgeCount, from: graph.edgeFrom, to: graph.edgeTo, origin: graph.edgeOrigin, weight: graph.edgeWeight},
    () => graph.containment,
  )
}

/**
 * The inline SVG dependency diagram of the most locked-in components, for the HTML report: each
 * box starts with its exit wave (W1, W2 …); beyond MAX_NODES resources it is collapsed to services,
 * each box then giving the waves its resources fall in.
 */
export function dependencyDiagram(findings: GraphFindings): string | undefined {
  const {graph, components} = findings
  const ids = components.slice(0, COMPONENTS_DRAWN).flatMap((c) => c.resources)
  if (ids.length === 0) return undefined
  const waveOfNode = waveOfNodes(findings)
  const keep = ids.map((id) => graph.index.get(id)).filter((i): i is number => i !== undefined)
  const drawn = Math.min(COMPONENTS_DRAWN, components.length)
  if (keep.length <= MAX_NODES) {
    const waveOfId = new Map<string, number>()
    for (const v of keep) if (waveOfNode[v]! > 0) waveOfId.set(graph.nodes[v]!.id, waveOfNode[v]!)
    const single = (id: string): [number, number] | undefined => {
      const w = waveOfId.get(id)
      return w === undefined ? undefined : [w, w]
    }
    return renderDependencySvg(markWaves(subgraph(graph, keep, {ownContainment: true}), single), {
      id: 'dependency-diagram',
      title: `Dependencies of the ${drawn} most locked-in components; W is the exit wave`,
      maxNodes: MAX_NODES,
    })
  }
  // Too many resources to read: one box per service, with the range of waves its resources are in.
  const part = subgraph(graph, keep, {ownContainment: true})
  const range = new Map<string, [number, number]>()
  for (const v of keep) {
    const w = waveOfNode[v]!
    if (w === 0) continue
    const type = graph.nodes[v]!.type
    const seen = range.get(type)
    if (!seen) range.set(type, [w, w])
    else if (w < seen[0]) seen[0] = w
    else if (w > seen[1]) seen[1] = w
  }
  const services = collapse(part, 'service')
  return renderDependencySvg(
    markWaves(services, (id) => range.get(id)),
    {
      id: 'dependency-diagram',
      title: `Dependencies of the ${drawn} most locked-in components (${keep.length} resources), collapsed to services; W is the exit wave`,
      maxNodes: MAX_NODES,
    },
  )
}
