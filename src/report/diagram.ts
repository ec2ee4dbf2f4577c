import type {GraphFindings} from './types.js'

/**
 * The inline SVG dependency diagram of the most locked-in components, for the HTML report.
 * The layered layout lives in src/graph/svg.ts.
 */
export function dependencyDiagram(_dependencies: GraphFindings): string | undefined {
  return undefined
}
