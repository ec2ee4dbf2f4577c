import type {ResourceInput, SourceStatus} from '../inventory/model.js'
import type {Clock} from '../util/clock.js'

/** Progress events from collectors; the CLI renders them (listr2 on a terminal, plain lines in CI). */
export interface ProgressSink {
  /** A scope (account, region, subscription, project, zone) started. */
  scopeStarted(provider: string, scope: string): void
  /** More resources arrived for a scope; `total` is the running count. */
  scopeProgress(provider: string, scope: string, total: number): void
  scopeFinished(provider: string, status: SourceStatus): void
  /** Something the user should know once, e.g. that the tagging API misses untagged resources. */
  warn(provider: string, message: string): void
}

export const silentProgress: ProgressSink = {
  scopeStarted() {},
  scopeProgress() {},
  scopeFinished() {},
  warn() {},
}

/** Everything a collector may use; nothing is read from globals, so tests can inject all of it. */
export interface CollectContext {
  /** Provider id → base URL override (--endpoint, EXITREADY_ENDPOINT_<PROVIDER>). */
  endpoints: Record<string, string>
  /** Upper bound on concurrent requests per provider. */
  concurrency: number
  env: NodeJS.ProcessEnv
  clock: Clock
  progress: ProgressSink
  signal?: AbortSignal
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch
  /** Provider-specific options from flags, e.g. {aws: {regions: [...]}}. Each collector validates its own. */
  options: Record<string, Record<string, unknown>>
}

export interface CollectorResult {
  resources: ResourceInput[]
  /** One entry per scope read, with its status; a failed scope never loses the others. */
  sources: SourceStatus[]
}

export type Detection = {available: true; via: string} | {available: false; reason: string}

export interface Collector {
  id: string
  title: string
  /** Cheap check that credentials are present (no network, no SDK import); says where they come from or why not. */
  detect(ctx: Pick<CollectContext, 'env' | 'options'>): Promise<Detection> | Detection
  /** Lists every resource in scope. Throws only when nothing at all could be read (e.g. credentials rejected). */
  collect(ctx: CollectContext): Promise<CollectorResult>
}
