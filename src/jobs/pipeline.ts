import {createHash} from 'node:crypto'
import {assess} from '../assessment/assess.js'
import {resolveScoring} from '../assessment/constants.js'
import type {Assessment, Provenance} from '../assessment/schema.js'
import type {Catalog} from '../catalog/catalog.js'
import type {ArrangementsFile} from '../dora/arrangements.js'
import {summariseArrangements} from '../dora/summary.js'
import {analyseDependencies} from '../graph/index.js'
import {usageLinks} from '../inventory/links.js'
import type {Snapshot} from '../inventory/model.js'
import {evaluatePolicies} from '../policy/evaluate.js'
import type {LoadedPolicy} from '../policy/load.js'
import type {PolicyOutcome} from '../policy/types.js'
import type {GraphFindings} from '../report/types.js'
import {sovereigntyOf} from '../sovereignty/score.js'
import {stage} from '../util/stages.js'

export interface EstateEvaluation {
  assessment: Assessment
  policies: PolicyOutcome[]
  dependencies: GraphFindings
}

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex')

const catalogFingerprints = new WeakMap<Catalog, string>()

/**
 * A fingerprint of the catalog's content as loaded (built-in and private files): categories,
 * providers, egress prices, entries, service defaults and aliases. Computed once per loaded catalog.
 * Unconfirmed coverage: region → country tables and Terraform tables are not public on Catalog, so a
 * change there alone does not change the fingerprint; the loader's own file hash would cover them.
 */
export function catalogFingerprint(catalog: Catalog): string {
  let fingerprint = catalogFingerprints.get(catalog)
  if (fingerprint === undefined) {
    const hash = createHash('sha256')
    for (const part of [catalog.categories, catalog.providers, catalog.entries, catalog.services, catalog.aliases])
      for (const entry of part) hash.update(JSON.stringify(entry)).update('\n')
    hash.update(JSON.stringify(catalog.egress))
    hash.update(JSON.stringify(catalog.sovereignty ?? null))
    fingerprint = hash.digest('hex')
    catalogFingerprints.set(catalog, fingerprint)
  }
  return fingerprint
}

/** What the assessment was made with: the catalog's fingerprint and each policy's hash. */
export function provenanceOf(catalog: Catalog, policies: LoadedPolicy[]): Provenance {
  return {
    catalog: {fingerprint: catalogFingerprint(catalog)},
    policies: policies.map((l) => ({name: l.policy.metadata.name, sha256: sha256(l.policy)})),
  }
}

export interface EvaluateEstateOptions {
  now: Date
  inputs?: string[]
  version?: string
  /** The Cloud Sovereignty Framework weight set (default: the framework version in force). */
  sovereigntyWeights?: string
  /** DORA arrangements (`assess --arrangements`): joined to the resources and read by the arrangement rules. */
  arrangements?: {file: ArrangementsFile; path: string}
  /** False: map, score and analyse only (`graph` draws the estate; the rules' findings are not needed). */
  evaluatePolicies?: boolean
}

/**
 * The one pipeline that `assess`, `graph`, `diff` and `scan --assess` share, so that the same snapshot
 * gives the same scores everywhere: usage edges (declared and inferred), mapping and scoring (the
 * policies' scoring blocks set the constants), dependency analysis, policy evaluation.
 */
export function evaluateEstate(
  snapshot: Snapshot,
  catalog: Catalog,
  policies: LoadedPolicy[],
  options: EvaluateEstateOptions,
): EstateEvaluation {
  const links = stage('edges', () => usageLinks(snapshot.resources))
  const assessment = stage('assess', () =>
    assess(snapshot, catalog, {
      links,
      constants: resolveScoring(...policies.map((l) => l.policy.scoring)),
      inputs: options.inputs,
      now: options.now,
      version: options.version,
    }),
  )
  assessment.provenance = provenanceOf(catalog, policies)
  const sovereignty = stage('sovereignty', () => sovereigntyOf(assessment, catalog, options.sovereigntyWeights))
  if (sovereignty) assessment.sovereignty = sovereignty
  const dependencies = stage('graph', () => analyseDependencies(assessment, links))
  // DORA arrangements joined after the waves, which their exit plans are built from; the exit rules read them.
  if (options.arrangements) {
    const {file, path} = options.arrangements
    assessment.arrangements = summariseArrangements(file, path, assessment, dependencies, options.now)
  }
  return {
    assessment,
    dependencies,
    policies:
      options.evaluatePolicies === false
        ? []
        : stage('policies', () =>
            evaluatePolicies(assessment, policies, {
              now: options.now,
              blastRadius: dependencies.blastRadius,
              arrangements: assessment.arrangements,
            }),
          ),
  }
}
