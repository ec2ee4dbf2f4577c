import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {assess} from '../assessment/assess.js'
import {resolveScoring} from '../assessment/constants.js'
import type {Assessment, Provenance} from '../assessment/schema.js'
import type {Catalog} from '../catalog/catalog.js'
import {loadControlData} from '../catalog/control.js'
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
 * providers, egress prices, entries, service defaults, aliases, and the control data (ownership, CTPPs).
 * Computed once per loaded catalog.
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
    // Who controls whom and the ESAs' CTPP list (catalog/ownership.yaml, ctpp.yaml) shape the concentration tables.
    hash.update(JSON.stringify(loadControlData()))
    fingerprint = hash.digest('hex')
    catalogFingerprints.set(catalog, fingerprint)
  }
  return fingerprint
}

/** The SHA-256 and size of each input file, streamed (a snapshot can be large), in order. */
export async function hashFiles(files: string[]): Promise<NonNullable<Provenance['inputs']>> {
  return Promise.all(
    files.map(async (file) => {
      const hash = createHash('sha256')
      let bytes = 0
      for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
        hash.update(chunk)
        bytes += chunk.length
      }
      return {file, sha256: hash.digest('hex'), bytes}
    }),
  )
}

export interface ProvenanceContext {
  /** The input files with their hashes (hashFiles). */
  inputs?: Provenance['inputs']
  /** Private catalog files loaded over the built-in one. */
  catalogFiles?: string[]
  version?: string
  now?: Date
}

/** What the assessment was made with: inputs and their hashes, the catalog, each policy's hash, the tool and the time. */
export function provenanceOf(catalog: Catalog, policies: LoadedPolicy[], context: ProvenanceContext = {}): Provenance {
  const version = context.version ?? '0.0.0'
  return {
    catalog: {
      fingerprint: catalogFingerprint(catalog),
      version,
      ...(context.catalogFiles?.length ? {files: context.catalogFiles} : {}),
    },
    policies: policies.map((l) => ({name: l.policy.metadata.name, sha256: sha256(l.policy), source: l.source})),
    ...(context.inputs ? {inputs: context.inputs} : {}),
    tool: {name: 'exitready', version},
    createdAt: (context.now ?? new Date()).toISOString(),
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
  /** What the audit trail records besides the catalog and policies: the inputs' hashes and extra catalog files. */
  provenance?: Omit<ProvenanceContext, 'now' | 'version'>
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
  assessment.provenance = provenanceOf(catalog, policies, {...options.provenance, version: options.version, now: options.now})
  const sovereignty = stage('sovereignty', () => sovereigntyOf(assessment, catalog, options.sovereigntyWeights, options.now))
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
