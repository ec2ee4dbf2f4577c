import type {z} from 'zod'
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
  /** Backoff jitter; injected in tests so that waits are exact. */
  random?: () => number
  /**
   * Provider-specific options, e.g. {aws: {regions: [...]}}. runScan replaces each selected
   * provider's raw value by the output of its ProviderSpec.options schema before collect() runs.
   */
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

/**
 * One flag of `exitready scan` that a provider owns. `scan --help` and the option object passed to
 * the provider are generated from these declarations, so a provider adds a flag in one place.
 */
export interface ProviderFlag {
  /** Full flag name, prefixed with the provider, e.g. 'aws-regions'. */
  name: string
  /** Key in the provider's options object that the flag sets, e.g. 'regions'. */
  option: string
  description: string
  /** 'list' accepts commas and repetition (`--x a,b` and `--x a --x b`). */
  kind: 'string' | 'list' | 'boolean' | 'integer'
  /** A closed set of values; anything else is exit 2 with a suggestion. */
  choices?: readonly string[]
  default?: string | boolean | number
  /** Plural- or spelling-agnostic names kept as aliases, e.g. 'aws-region'. */
  aliases?: string[]
}

/**
 * What a provider declares as data, without loading its collector or SDK: the registry validates
 * every selected provider's options with `options` before any request is sent.
 */
export interface ProviderSpec<Options = unknown> {
  id: string
  title: string
  /** Validates and normalises the provider's raw options (from flags or the library API). */
  options: z.ZodType<Options>
  flags: ProviderFlag[]
  /** The documented request budget, in words, for docs and `scan --help`. */
  rateLimits: string
}
