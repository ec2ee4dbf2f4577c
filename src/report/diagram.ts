import {renderDependencySvg} from '../graph/svg.js'
import {subgraph} from '../graph/view.js'
import type {GraphFindings} from './types.js'

/** Components drawn, most locked-in first, and the node budget the diagram stays readable within. */
const COMPONENTS_DRAWN = 3
const MAX_NODES = 45

/** The inline SVG dependency diagram of the most locked-in components, for the HTML report. */
export function dependencyDiagram({graph, components}: GraphFindings): string | undefined {
  const ids = components.slice(0, COMPONENTS_DRAWN).flatMap((c) => c.resources)
  if (ids.length === 0) return undefined
  // Large components are first cut to their most locked-in members, so drawing stays cheap on huge estates.
  const keep = ids
    .map((id) => graph.index.get(id))
    .filter((i): i is number => i !== undefined)
    .sort((x, y) => graph.nodes[y]!.score - graph.nodes[x]!.score || x - y)
    .slice(0, MAX_NODES * 8)
  return renderDependencySvg(subgraph(graph, keep), {
    id: 'dependency-diagram',
    title: `Dependencies of the ${Math.min(COMPONENTS_DRAWN, components.length)} most locked-in components`,
    maxNodes: MAX_NODES,
  })
}
