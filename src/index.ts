/**
 * exitready as a library: the stages the CLI runs, for programs that build their own pipeline.
 *
 *   import {importFiles, loadCatalog, loadPolicies, evaluateEstate, writeReports} from 'exitready'
 *   const snapshot = await importFiles(['terraform.tfstate'])
 *   const evaluation = evaluateEstate(snapshot, await loadCatalog(), await loadPolicies(['one-hole']), {now: new Date()})
 *   await writeReports({...evaluation, now: new Date()}, ['md', 'json'], 'report')
 *
 * Importing this module loads no cloud SDK: each is loaded when its provider is scanned.
 * Everything not exported here is internal and may change in any release.
 */

export type {AssessedResource, Assessment, ScoreBreakdown, ServiceSummary} from './assessment/schema.js'
// Schemas (zod): each validates a file format and is the source of its TypeScript type.
export {AssessedResourceSchema, AssessmentSchema} from './assessment/schema.js'
export type {Catalog, Mapping} from './catalog/catalog.js'
// Stages
export {type LoadCatalogOptions, loadCatalog} from './catalog/load.js'
export {CatalogFileSchema, PORTABILITY_CLASSES} from './catalog/schema.js'
export type {JsonError} from './cli/base.js'
export {HttpError, type HttpErrorKind} from './collectors/http.js'
export {SCANNABLE_PROVIDERS, type ScannableProvider} from './collectors/registry.js'
export {runScan, type ScanOptions, type ScanProgress, type ScanResult, type SkippedProvider} from './collectors/scan.js'
export type {CollectContext, Collector, CollectorResult, ProgressSink, ProviderFlag, ProviderSpec} from './collectors/types.js'
// The `--json` result of each command.
export type {AssessResult} from './commands/assess.js'
export type {CatalogCoverageResult} from './commands/catalog/coverage.js'
export type {CatalogListResult} from './commands/catalog/list.js'
export type {CatalogShowResult} from './commands/catalog/show.js'
export type {DiffResult} from './commands/diff.js'
export type {GraphResult} from './commands/graph.js'
export type {ImportResult} from './commands/import.js'
export type {InitResult} from './commands/init.js'
export type {PolicyListResult} from './commands/policy/list.js'
export type {PolicyShowResult} from './commands/policy/show.js'
export type {PolicyValidateResult} from './commands/policy/validate.js'
// Errors: every error meant for people is an ExitreadyError with an exit code and a stable code.
export {
  defaultErrorCode,
  ErrorCode,
  type ErrorCodeValue,
  ExitCode,
  type ExitCodeValue,
  ExitreadyError,
  InputError,
} from './errors.js'
export {IMPORT_FORMATS, type ImportFormat, type ImportOptions, importFiles} from './importers/index.js'
export {ManualInventorySchema} from './importers/manual-schema.js'
export {
  type ProviderId,
  type Resource,
  type ResourceInput,
  ResourceSchema,
  type Snapshot,
  SnapshotSchema,
  type SourceStatus,
  SourceStatusSchema,
} from './inventory/model.js'
export {createSnapshot, mergeSnapshots, readSnapshot, writeSnapshot} from './inventory/snapshot.js'
export {type EstateEvaluation, evaluateEstate} from './jobs/pipeline.js'
export {type LoadedPolicy, loadPolicies, loadPolicy, parsePolicy} from './policy/load.js'
export {type Policy, PolicySchema, type Rule, RuleSchema, type Waiver, WaiverSchema} from './policy/schema.js'
export {type Finding, type PolicyOutcome, type RuleVerdict, SEVERITIES, type Severity} from './policy/types.js'
export {applyWaiverFiles, type WaiversFile, WaiversFileSchema} from './policy/waivers.js'
export {DEFAULT_FORMATS, REPORT_FORMATS, writeReports} from './report/index.js'
export type {ReportData} from './report/types.js'
export {jsonSchemaFor, PUBLISHED_SCHEMAS} from './schemas.js'
export type {SovereigntyResult} from './sovereignty/schema.js'
