import {assess} from '../assessment/assess.js'
import {resolveScoring} from '../assessment/constants.js'
import type {Assessment} from '../assessment/schema.js'
import type {Catalog} from '../catalog/catalog.js'
import {analyseDependencies} from '../graph/index.js'
import {usageEdges} from '../graph/infer.js'
import type {Snapshot} from '../inventory/model.js'
import {evaluatePolicies} from '../policy/evaluate.js'
import type {LoadedPolicy} from '../policy/load.js'
import type {PolicyOutcome} from '../policy/types.js'
import type {GraphFindings} from '../report/types.js'

export interface EstateEvaluation {
  assessment: Assessment
  policies: PolicyOutcome[]
  dependencies: GraphFindings
}

/**
 * The stages after loading, in order: usage edges (declared and inferred), mapping and scoring
 * (the policies' scoring blocks set the constants), dependency analysis, policy evaluation.
 */
export function evaluateEstate(
  snapshot: Snapshot,
  catalog: Catalog,
  policies: LoadedPolicy[],
  options: {now: Date; inputs?: string[]; version?: string},
): EstateEvaluation {
  const edges = usageEdges(snapshot.resources)
  const assessment = assess(snapshot, catalog, {
    edges,
    constants: resolveScoring(...policies.map((l) => l.policy.scoring)),
    inputs: options.inputs,
    now: options.now,
    version: options.version,
  })
  const dependencies = analyseDependencies(assessment, edges)
  return {
    assessment,
    dependencies,
    policies: evaluatePolicies(assessment, policies, {now: options.now, blastRadius: dependencies.blastRadius}),
  }
}
