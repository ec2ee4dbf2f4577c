import pLimit, {type LimitFunction} from 'p-limit'
import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput, SourceStatus} from '../../inventory/model.js'
import {HttpClient, type HttpClientOptions, HttpError, type HttpRequest, type HttpResponse} from '../http.js'
import type {CollectContext, CollectorResult} from '../types.js'

/*
 * Scope bookkeeping shared by the REST collectors of STACKIT, Exoscale, UpCloud and OpenStack
 * (a candidate for src/collectors/ once other collectors want it): every scope runs its lists
 * side by side, and a list that fails marks the scope partial without losing the others.
 */

/**
 * A list that read some resources but not all (e.g. the details of one server failed): the
 * resources are kept and the scope is marked partial.
 */
export class PartialListError extends Error {
  constructor(
    message: string,
    readonly resources: ResourceInput[],
  ) {
    super(message)
    this.name = 'PartialListError'
  }
}

/** One list inside a scope, e.g. the servers of a region. */
export interface ScopeList {
  name: string
  run: () => Promise<ResourceInput[]>
}

export interface ScopeOutcome {
  resources: ResourceInput[]
  status: SourceStatus
}

/** An error's message for use inside another sentence: without its final full stop. */
export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.+$/, '')
}

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error
  if (error instanceof HttpError || error instanceof ExitreadyError || error instanceof PartialListError) return error.message
  return `unexpected error (${(error as Error)?.message ?? String(error)})`
}

/** Runs every list of a scope concurrently and reports the scope's status, count and errors. */
export async function runScope(
  ctx: Pick<CollectContext, 'progress'>,
  provider: string,
  scope: string,
  lists: ScopeList[],
  warnings: string[] = [],
): Promise<ScopeOutcome> {
  ctx.progress.scopeStarted(provider, scope)
  const resources: ResourceInput[] = []
  const errors: string[] = []
  await Promise.all(
    lists.map(async (list) => {
      try {
        const found = await list.run()
        resources.push(...found)
        ctx.progress.scopeProgress(provider, scope, resources.length)
      } catch (error) {
        if (error instanceof PartialListError) resources.push(...error.resources)
        errors.push(`${list.name}: ${messageOf(error)}`)
      }
    }),
  )
  const failedAll = lists.length > 0 && errors.length === lists.length && resources.length === 0
  const status: SourceStatus = {
    provider,
    scope,
    status: errors.length === 0 ? 'complete' : failedAll ? 'failed' : 'partial',
    count: resources.length,
  }
  if (errors.length > 0) {
    status.error =
      errors.length === 1 ? errors[0]! : `${errors.length} of ${lists.length} lists could not be read; first: ${errors[0]}`
    warnings.push(...(errors.length > 1 ? errors : []))
  }
  if (warnings.length > 0) status.warnings = warnings
  ctx.progress.scopeFinished(provider, status)
  return {resources, status}
}

/** A scope that could not even start (e.g. its endpoint is unknown); `error` may be a sentence. */
export function failedScope(
  ctx: Pick<CollectContext, 'progress'>,
  provider: string,
  scope: string,
  error: unknown,
): ScopeOutcome {
  const status: SourceStatus = {provider, scope, status: 'failed', count: 0, error: messageOf(error)}
  ctx.progress.scopeFinished(provider, status)
  return {resources: [], status}
}

/**
 * Merges scope outcomes; resources seen in several scopes (global lists) are kept once.
 * Throws exit code 4 when no scope could be read at all, as the collector contract asks.
 */
export function finishCollection(title: string, outcomes: ScopeOutcome[], suggestion: string): CollectorResult {
  const sources = outcomes.map((o) => o.status)
  if (sources.length > 0 && sources.every((s) => s.status === 'failed')) {
    throw new ExitreadyError(
      `${title}: nothing could be read (${(sources[0]!.error ?? 'every scope failed').replace(/\.+$/, '')}).`,
      ExitCode.noProvider,
      suggestion,
    )
  }
  const seen = new Set<string>()
  const resources: ResourceInput[] = []
  for (const outcome of outcomes)
    for (const resource of outcome.resources) {
      if (seen.has(resource.id)) continue
      seen.add(resource.id)
      resources.push(resource)
    }
  return {resources, sources}
}

/**
 * An HttpClient whose requests all pass through one concurrency limit (ctx.concurrency).
 * Only single requests are limited, never whole lists, so nested work cannot deadlock.
 */
export class LimitedClient {
  readonly http: HttpClient
  private readonly limit: LimitFunction

  constructor(options: HttpClientOptions, limit: LimitFunction) {
    this.http = new HttpClient(options)
    this.limit = limit
  }

  get<T>(path: string, query?: HttpRequest['query'], headers?: Record<string, string>): Promise<HttpResponse<T>> {
    return this.limit(() => this.http.getJson<T>(path, query, headers))
  }

  request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    return this.limit(() => this.http.request<T>(request))
  }
}

export function concurrencyLimit(ctx: Pick<CollectContext, 'concurrency'>): LimitFunction {
  return pLimit(Math.max(1, Math.floor(ctx.concurrency || 1)))
}

/** The HttpClient options every collector takes from the context. */
export function contextHttpOptions(ctx: CollectContext): Pick<HttpClientOptions, 'clock' | 'fetch' | 'signal'> {
  return {clock: ctx.clock, fetch: ctx.fetch, signal: ctx.signal}
}

/** A list option given as an array or a comma-separated string; undefined when absent or empty. */
export function stringList(value: unknown): string[] | undefined {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
  const cleaned = items.map((v) => String(v).trim()).filter((v) => v.length > 0)
  return cleaned.length > 0 ? [...new Set(cleaned)] : undefined
}

/** Labels as tags: only string-like values are kept. */
export function labelsToTags(labels: unknown): Record<string, string> {
  const tags: Record<string, string> = {}
  if (Array.isArray(labels)) {
    for (const label of labels as {key?: unknown; value?: unknown}[])
      if (typeof label?.key === 'string') tags[label.key] = label.value === undefined ? '' : String(label.value)
    return tags
  }
  if (labels && typeof labels === 'object')
    for (const [key, value] of Object.entries(labels))
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value)
  return tags
}

/** Fails a list clearly when a 200 response does not have the documented shape. */
export function expectArray<T>(value: unknown, provider: string, what: string): T[] {
  if (Array.isArray(value)) return value as T[]
  throw new HttpError(`${provider}: the response for ${what} is not in the documented shape (no list found).`, 'malformed')
}

/** Drops undefined values so attributes stay small. */
export function compact(record: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record))
    if (value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)) out[key] = value
  return Object.keys(out).length > 0 ? out : undefined
}

export function bytesToGiB(bytes: unknown): number | undefined {
  const value = Number(bytes)
  return Number.isFinite(value) && value >= 0 ? Math.round((value / 1024 ** 3) * 1000) / 1000 : undefined
}

export function positiveNumber(value: unknown): number | undefined {
  const n = Number(value)
  return value !== null && value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : undefined
}
