import {ExitCode, ExitreadyError, InputError} from '../errors.js'
import type {ResourceInput, Snapshot, SourceStatus} from '../inventory/model.js'
import {createSnapshot} from '../inventory/snapshot.js'
import {type Clock, systemClock} from '../util/clock.js'
import {didYouMean} from '../util/suggest.js'
import {missingAwsProfile, unreachable} from './hints.js'
import {validateProviderOptions} from './options.js'
import {isScannable, loadCollector, loadProviderSpec, SCANNABLE_PROVIDERS} from './registry.js'
import {errorSentence} from './scrub.js'
import type {CollectContext, Collector, CollectorResult, ProgressSink, ProviderSpec} from './types.js'

/** Progress for a whole scan: the collector events plus provider start and end, for renderers that group by provider. */
export interface ScanProgress extends ProgressSink {
  providersStarted?(providers: {id: string; title: string}[]): void
  providerFinished?(provider: string, outcome: ProviderOutcome): void
  /** Stops rendering; awaited before anything else is printed. */
  close?(): Promise<void>
}

export interface ProviderOutcome {
  read: boolean
  resources: number
  scopes: number
  failedScopes: number
  error?: string
}

export interface ScanOptions {
  /** Providers named with --provider; when empty, every provider whose credentials are present. */
  providers?: string[]
  endpoints?: Record<string, string>
  concurrency?: number
  env?: NodeJS.ProcessEnv
  clock?: Clock
  progress?: ScanProgress
  /** Per-provider options, e.g. {aws: {regions: ['eu-west-1']}}. */
  options?: Record<string, Record<string, unknown>>
  fetch?: typeof fetch
  signal?: AbortSignal
  now?: () => Date
  /** Injected in tests; defaults to the registry's lazy loader. */
  loadCollector?: (id: string) => Promise<Collector>
  /** Injected in tests; defaults to the registry's provider declarations. */
  loadSpec?: (id: string) => Promise<ProviderSpec | undefined>
}

export interface SkippedProvider {
  provider: string
  reason: string
}

export interface ScanResult {
  snapshot: Snapshot
  /** 0 complete, 3 a provider or scope failed (the rest is in the snapshot), 4 no provider could be read. */
  exitCode: 0 | 3 | 4
  /** Providers that were scanned. */
  providers: string[]
  /** The scan was stopped (Ctrl-C): the snapshot holds what was read until then, marked partial. */
  interrupted: boolean
  skipped: SkippedProvider[]
  /** Things the user should know once, e.g. that the AWS tagging API misses untagged resources. */
  warnings: string[]
}

export const DEFAULT_CONCURRENCY = 8

const silent: ScanProgress = {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn() {}}

/**
 * Runs a live scan: selects providers, runs their collectors concurrently, isolates failures
 * (a collector that throws becomes one failed source with a one-sentence error), and builds the snapshot.
 */
export async function runScan(options: ScanOptions = {}): Promise<ScanResult> {
  const env = options.env ?? process.env
  const providerOptions = options.options ?? {}
  const load = options.loadCollector ?? loadCollector
  const progress = options.progress ?? silent
  const warnings: string[] = []
  const sink: ProgressSink = {
    scopeStarted: (provider, scope) => progress.scopeStarted(provider, scope),
    scopeProgress: (provider, scope, total) => progress.scopeProgress(provider, scope, total),
    scopeFinished: (provider, status) => progress.scopeFinished(provider, status),
    warn: (provider, message) => {
      const line = `${provider}: ${message}`
      if (warnings.includes(line)) return
      warnings.push(line)
      progress.warn(provider, message)
    },
  }

  // Every option given, and every selected provider's, is checked before the first request.
  const loadSpec = options.loadSpec ?? loadProviderSpec
  const named = (options.providers ?? []).map((id) => id.trim().toLowerCase())
  const given = Object.keys(providerOptions).filter((id) => Object.keys(providerOptions[id] ?? {}).length > 0)
  const specs = await Promise.all([...new Set([...named, ...given])].filter(isScannable).map((id) => loadSpec(id)))
  let validated = validateProviderOptions(
    specs.filter((spec): spec is ProviderSpec => spec !== undefined),
    providerOptions,
  )

  const {selected, skipped} = await selectProviders(options.providers ?? [], load, env, validated)
  const unchecked = await Promise.all(
    selected.filter(({id}) => !specs.some((spec) => spec?.id === id)).map(({id}) => loadSpec(id)),
  )
  validated = validateProviderOptions(
    unchecked.filter((spec): spec is ProviderSpec => spec !== undefined),
    validated,
  )
  const ctx: CollectContext = {
    endpoints: options.endpoints ?? {},
    concurrency: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY),
    env,
    clock: options.clock ?? systemClock,
    progress: sink,
    signal: options.signal,
    fetch: options.fetch,
    options: validated,
  }
  progress.providersStarted?.(selected.map(({id, collector}) => ({id, title: collector?.title ?? id})))

  const outcomes = await Promise.all(
    selected.map(async ({id, collector, loadError}) => {
      const outcome = await runCollector(id, collector, loadError, ctx)
      // What to do next, for a provider that read nothing: the network's failure named as one, a
      // missing AWS profile named, else the provider's own advice (credentials).
      const hint = outcome.read ? undefined : explainUnread(id, outcome, ctx)
      if (hint) warnings.push(`${id}: ${hint.message}. ${hint.suggestion}`)
      else if (outcome.suggestion) warnings.push(`${id}: ${outcome.suggestion}`)
      progress.providerFinished?.(id, summarise(outcome))
      return outcome
    }),
  )
  const inputError = outcomes.find((outcome) => outcome.thrown instanceof InputError)?.thrown
  if (inputError) throw inputError

  const interrupted = options.signal?.aborted ?? false
  // Item by item: one provider may hold a million resources, far past the engine's argument limit.
  const resources: ResourceInput[] = []
  const sources: SourceStatus[] = []
  for (const outcome of outcomes) {
    const source = `scan:${outcome.id}`
    for (const resource of outcome.resources) {
      resource.source = scanSource(source, outcome.id, resource.source)
      resources.push(resource)
    }
    for (const status of outcome.sources) sources.push(status)
    if (interrupted)
      sources.push({
        provider: outcome.id,
        scope: '*',
        status: 'partial',
        count: 0,
        error: 'The scan was interrupted (Ctrl-C) before every scope was read; what was read until then is kept.',
      })
  }
  const snapshot = createSnapshot(resources, sources, options.now?.() ?? new Date())
  return {
    snapshot,
    exitCode: interrupted ? ExitCode.incomplete : exitCodeFor(outcomes),
    providers: selected.map((s) => s.id),
    skipped,
    warnings,
    interrupted,
  }
}

function explainUnread(id: string, outcome: Outcome, ctx: CollectContext): {message: string; suggestion: string} | undefined {
  const errors = outcome.sources.filter((source) => source.status === 'failed').map((source) => source.error ?? '')
  const network = unreachable(errors)
  if (network) return network
  if (id === 'aws') return missingAwsProfile(ctx.options.aws?.profile as string | undefined, ctx.env)
  return undefined
}

/** One naming for every collector: `scan:<provider>`, with the collector's own detail kept (`scan:aws:tagging`). */
function scanSource(prefix: string, id: string, own: string | undefined): string {
  if (!own || own === id || own === prefix) return prefix
  if (own.startsWith(`${prefix}:`)) return own
  const detail = own.startsWith(`${id}:`) ? own.slice(id.length + 1) : own.replace(/^scan:/, '')
  return detail && detail !== id ? `${prefix}:${detail}` : prefix
}

interface Selection {
  id: string
  collector?: Collector
  loadError?: unknown
}

async function selectProviders(
  named: string[],
  load: (id: string) => Promise<Collector>,
  env: NodeJS.ProcessEnv,
  options: Record<string, Record<string, unknown>>,
): Promise<{selected: Selection[]; skipped: SkippedProvider[]}> {
  const unique = [...new Set(named.map((id) => id.trim().toLowerCase()).filter(Boolean))]
  for (const id of unique)
    if (!isScannable(id))
      throw new InputError(
        `Unknown provider "${id}"${didYouMean(id, SCANNABLE_PROVIDERS)}.`,
        `Choose from: ${SCANNABLE_PROVIDERS.join(', ')}.`,
      )
  if (unique.length > 0) {
    const selected = await Promise.all(
      unique.map(async (id): Promise<Selection> => {
        try {
          return {id, collector: await load(id)}
        } catch (loadError) {
          return {id, loadError}
        }
      }),
    )
    return {selected, skipped: []}
  }
  const checks = await Promise.all(
    SCANNABLE_PROVIDERS.map(async (id): Promise<Selection | SkippedProvider> => {
      let collector: Collector
      try {
        collector = await load(id)
      } catch {
        return {provider: id, reason: 'its collector is not available in this build'}
      }
      try {
        const detection = await collector.detect({env, options})
        return detection.available ? {id, collector} : {provider: id, reason: detection.reason}
      } catch (error) {
        return {provider: id, reason: `credentials could not be checked (${errorSentence(error).replace(/\.$/, '')})`}
      }
    }),
  )
  return {
    selected: checks.filter((check): check is Selection => 'id' in check),
    skipped: checks.filter((check): check is SkippedProvider => 'provider' in check),
  }
}

interface Outcome extends CollectorResult {
  id: string
  /** False when the collector threw, or every one of its scopes failed with nothing read. */
  read: boolean
  thrown?: unknown
  suggestion?: string
}

async function runCollector(
  id: string,
  collector: Collector | undefined,
  loadError: unknown,
  ctx: CollectContext,
): Promise<Outcome> {
  try {
    if (!collector) throw loadError
    const result = await collector.collect(ctx)
    const everyScopeFailed = result.sources.length > 0 && result.sources.every((source) => source.status === 'failed')
    return {id, ...result, read: !(everyScopeFailed && result.resources.length === 0)}
  } catch (thrown) {
    const error = ctx.signal?.aborted ? 'The scan was interrupted (Ctrl-C) before this provider returned.' : errorSentence(thrown)
    const failed: SourceStatus = {provider: id, scope: '*', status: 'failed', error, count: 0}
    ctx.progress.scopeFinished(id, failed)
    const suggestion = thrown instanceof ExitreadyError ? thrown.suggestion : undefined
    return {id, resources: [], sources: [failed], read: false, thrown, suggestion}
  }
}

function summarise(outcome: Outcome): ProviderOutcome {
  const failedScopes = outcome.sources.filter((source) => source.status !== 'complete').length
  const summary: ProviderOutcome = {
    read: outcome.read,
    resources: outcome.resources.length,
    scopes: outcome.sources.length,
    failedScopes,
  }
  if (outcome.thrown !== undefined) summary.error = outcome.sources[0]?.error
  return summary
}

function exitCodeFor(outcomes: Outcome[]): 0 | 3 | 4 {
  if (!outcomes.some((outcome) => outcome.read)) return ExitCode.noProvider
  const incomplete = outcomes.some((outcome) => !outcome.read || outcome.sources.some((source) => source.status !== 'complete'))
  return incomplete ? ExitCode.incomplete : ExitCode.ok
}

/**
 * Endpoint overrides: EXITREADY_ENDPOINT_<PROVIDER> from the environment, then `--endpoint <provider>=<url>`
 * flags (which win). Plain http:// is allowed so that local emulators and test servers work.
 */
export function parseEndpoints(flags: string[] = [], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const endpoints: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    const match = /^EXITREADY_ENDPOINT_([A-Z0-9_]+)$/.exec(name)
    if (!match || !value) continue
    const provider = match[1]!.toLowerCase()
    endpoints[provider] = endpointUrl(provider, value, name)
  }
  for (const flag of flags) {
    const equals = flag.indexOf('=')
    if (equals <= 0)
      throw new InputError(`--endpoint "${flag}" is not <provider>=<url>.`, 'For example: --endpoint aws=http://127.0.0.1:4566')
    const provider = flag.slice(0, equals).trim().toLowerCase()
    endpoints[provider] = endpointUrl(provider, flag.slice(equals + 1).trim(), '--endpoint')
  }
  return endpoints
}

function endpointUrl(provider: string, value: string, origin: string): string {
  if (!isScannable(provider))
    throw new InputError(`${origin}: unknown provider "${provider}".`, `Choose from: ${SCANNABLE_PROVIDERS.join(', ')}.`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `${origin}: "${value}" is not a URL for ${provider}.`,
      'Give a full URL such as https://api.example.com.',
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(`${origin}: the endpoint for ${provider} must be an http:// or https:// URL.`)
  if (url.username || url.password)
    throw new InputError(
      `${origin}: the endpoint for ${provider} must not carry credentials.`,
      'Use the provider credentials instead.',
    )
  return value.replace(/\/+$/, '')
}
