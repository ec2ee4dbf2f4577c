import type {Assessment} from '../assessment/schema.js'
import type {GraphFindings} from '../report/types.js'
import {blastRadius, exitWaves, moveTogether} from './analysis.js'
import {buildGraph} from './build.js'
import type {UsageEdge} from './types.js'

/** The whole dependency analysis of an assessed estate: graph, exit waves, components, blast radius. */
export function analyseDependencies(
  assessment: Pick<Assessment, 'resources' | 'services'>,
  edges: readonly UsageEdge[],
): GraphFindings {
  const graph = buildGraph(assessment, edges)
  return {graph, waves: exitWaves(graph), components: moveTogether(graph), blastRadius: blastRadius(graph)}
}
