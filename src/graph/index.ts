import type {Assessment} from '../assessment/schema.js'
import type {UsageEdge, UsageLinks} from '../inventory/links.js'
import type {GraphFindings} from '../report/types.js'
import {blastRadius, exitWaves, moveTogether, planWaves, stronglyConnected, type WavePlan} from './analysis.js'
import {buildGraph} from './build.js'

/** The dependency findings, and the wave of each node as a number (for outputs that list every resource). */
export interface DependencyAnalysis extends GraphFindings {
  plan: WavePlan
}

/** The whole dependency analysis of an assessed estate: graph, exit waves, components, blast radius. */
export function analyseDependencies(
  assessment: Pick<Assessment, 'resources' | 'services'>,
  edges: UsageLinks | readonly UsageEdge[],
): DependencyAnalysis {
  const graph = buildGraph(assessment, edges)
  const scc = stronglyConnected(graph)
  const plan = planWaves(graph, scc)
  return {
    graph,
    plan,
    waves: exitWaves(graph, plan),
    components: moveTogether(graph),
    blastRadius: blastRadius(graph, undefined, scc),
  }
}
