import pLimit, {type LimitFunction} from 'p-limit'
import {ExitCode, ExitreadyError} from '../errors.js'
import type {ResourceInput, SourceStatus} from '../inventory/model.js'
import {HttpClient, type HttpClientOptions, HttpError, type HttpRequest, type HttpResponse, PartialPagesError} from './http.js'
import {errorSentence} from './scrub.js'
import type {CollectContext, CollectorResult} from './types.js'

/**
 * What the REST collectors share around their requests: one concurrency bound per provider
 * (ctx.concurrency), no further requests once the provider rejected the credentials, and one
 * SourceStatus per scope (complete, partial or failed) in which a failing list never loses the others.
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

export interface ScopeHandle {
  /** Something the user should know about this scope that is not a failure. */
  warn(message: string): void
}

/**
 * Maps the items of a paginated list to resources, keeping what was read when the list stopped
 * early: a PartialPagesError from collectPages becomes a PartialListError of the mapped items. An
 * item that is missing (null), or that its mapper cannot read, is skipped and counted, and the list
 * is partial with the count: one odd item never loses the page, nor passes for a complete list.
 */
export async function mapPartial<T>(pages: Promise<T[]>, map: (item: T) => ResourceInput | undefined): Promise<ResourceInput[]> {
  const mapAll = (items: T[]) => {
    const resources: ResourceInput[] = []
    let unreadable = 0
    for (const item of items) {
      // Some lists are of ids (OVHcloud): only a missing item is skipped unread; the mapper judges the rest.
      if (item === null || item === undefined) {
        unreadable++
        continue
      }
      try {
        const resource = map(item)
        if (resource) resources.push(resource)
      } catch {
        unreadable++
      }
    }
    const reason =
      unreadable > 0
        ? `${unreadable} of ${items.length} item${items.length === 1 ? '' : 's'} not in the documented shape, skipped`
        : undefined
    return {resources, reason}
  }
  let items: T[]
  let stopped: string | undefined
  try {
    items = await pages
  } catch (error) {
    if (!(error instanceof PartialPagesError)) throw error
    items = error.items as T[]
    stopped = error.reason
  }
  const {resources, reason} = mapAll(items)
  const why = [stopped, reason].filter(Boolean).join('; ')
  if (why) throw new PartialListError(why, resources)
  return resources
}

/** One list (or a small group of related lists) inside a scope; it fails on its own. */
export type ScopeList = (scope: ScopeHandle) => Promise<ResourceInput[]>

export interface ScopeOptions {
  /** Runs after every list settled, to add dependencies that need several lists (e.g. IP → server). */
  link?: (resources: ResourceInput[]) => void
  /** Notes about the scope known before it ran. */
  warnings?: string[]
}

type ClientOptions = Omit<HttpClientOptions, 'provider' | 'clock' | 'fetch' | 'signal'>

/** An error's one sentence, secrets removed, without its final full stop: for use inside another sentence. */
export function reasonOf(error: unknown): string {
  return errorSentence(error).replace(/\.+$/, '')
}

/** The text stored for a failure: expected errors as they are, anything else (a bug) marked as unexpected. */
function failureText(error: unknown): string {
  const expected =
    typeof error === 'string' ||
    error instanceof HttpError ||
    error instanceof ExitreadyError ||
    error instanceof PartialListError ||
    error instanceof PartialPagesError
  return errorSentence(expected ? error : `unexpected error (${reasonOf(error)})`)
}

/** An HttpClient whose calls each take one slot of the provider's concurrency bound. */
export class LimitedClient {
  constructor(
    private readonly http: HttpClient,
    private readonly slot: <T>(operation: () => Promise<T>) => Promise<T>,
  ) {}

  /**
   * Runs one request, or one listing whose pages follow each other, in a single slot. Nothing in
   * `operation` may wait for another slot of the same session, or a small bound would deadlock.
   */
  run<T>(operation: (http: HttpClient) => Promise<T>): Promise<T> {
    return this.slot(() => operation(this.http))
  }

  get<T>(path: string, query?: HttpRequest['query'], headers?: Record<string, string>): Promise<HttpResponse<T>> {
    return this.run((http) => http.getJson<T>(path, query, headers))
  }

  request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    return this.run((http) => http.request<T>(request))
  }
}

/** One collector run: its clients, its scopes in the order they started, and its result. */
export class ScanSession {
  private readonly slots: {status?: SourceStatus; resources: ResourceInput[]}[] = []
  private readonly limit: LimitFunction
  /** The first rejection per set of credentials, so a rejected S3 key does not stop the REST API. */
  private readonly rejected = new Map<string, unknown>()

  constructor(
    readonly ctx: CollectContext,
    readonly provider: string,
    private readonly title: string,
  ) {
    this.limit = pLimit(Math.max(1, Math.floor(ctx.concurrency) || 1))
  }

  /** An HttpClient with the context's clock, fetch and abort signal, outside the concurrency bound. */
  httpClient(options: ClientOptions): HttpClient {
    return new HttpClient({
      provider: this.provider,
      clock: this.ctx.clock,
      fetch: this.ctx.fetch,
      signal: this.ctx.signal,
      random: this.ctx.random,
      ...options,
    })
  }

  /**
   * A client within the concurrency bound. `credentials` names what it authenticates with: once
   * the provider rejected those (a 401, or what `isRejection` recognises, such as Exoscale's 403
   * "Invalid request signature"), the calls still queued for them are not sent.
   */
  client(options: ClientOptions, credentials = 'api', isRejection?: (error: unknown) => boolean): LimitedClient {
    return new LimitedClient(this.httpClient(options), (operation) => this.call(operation, credentials, isRejection))
  }

  /**
   * Runs an SDK call (or any operation that is not an HttpClient request) in one slot of the
   * provider's concurrency bound; once `credentials` were rejected, queued calls are not sent.
   * `isRejection` tells an SDK's own "credentials rejected" error apart from other failures.
   */
  run<T>(operation: () => Promise<T>, credentials = 'api', isRejection?: (error: unknown) => boolean): Promise<T> {
    return this.call(operation, credentials, isRejection)
  }

  private call<T>(operation: () => Promise<T>, credentials: string, isRejection?: (error: unknown) => boolean): Promise<T> {
    return this.limit(async () => {
      const rejected = this.rejected.get(credentials)
      if (rejected) throw rejected
      try {
        return await operation()
      } catch (error) {
        const rejection = (error instanceof HttpError && error.kind === 'auth') || (isRejection?.(error) ?? false)
        if (rejection && !this.rejected.has(credentials)) this.rejected.set(credentials, error)
        throw error
      }
    })
  }

  /** Runs the lists of one scope concurrently and records its status (an interrupted list is partial). */
  async scope(name: string, lists: Record<string, ScopeList>, options: ScopeOptions = {}): Promise<ResourceInput[]> {
    const {progress} = this.ctx
    const slot = this.slots.push({resources: []}) - 1
    progress.scopeStarted(this.provider, name)
    const names = Object.keys(lists)
    const perList: ResourceInput[][] = names.map(() => [])
    const errors: string[] = []
    const warnings = [...(options.warnings ?? [])]
    const handle: ScopeHandle = {warn: (message) => warnings.push(message)}
    let total = 0
    await Promise.all(
      names.map(async (list, index) => {
        try {
          perList[index] = await lists[list]!(handle)
        } catch (error) {
          // Interrupted (Ctrl-C): what the list read until then is kept and the scope is partial.
          const reason = this.ctx.signal?.aborted ? 'interrupted before it finished' : failureText(error)
          errors.push(`${list}: ${reason}`)
          if (!(error instanceof PartialListError)) return
          perList[index] = error.resources
        }
        total += perList[index]!.length
        progress.scopeProgress(this.provider, name, total)
      }),
    )
    const resources = perList.flat()
    options.link?.(resources)
    const failed = errors.length > 0 && errors.length === names.length && resources.length === 0
    const status: SourceStatus = {
      provider: this.provider,
      scope: name,
      status: errors.length === 0 ? 'complete' : failed ? 'failed' : 'partial',
      count: resources.length,
    }
    if (errors.length === 1) status.error = errors[0]
    else if (errors.length > 1) {
      status.error = `${errors.length} of ${names.length} lists failed; the first: ${errors[0]!}`
      for (const error of errors) warnings.push(error)
    }
    if (warnings.length > 0) status.warnings = warnings
    this.slots[slot] = {status, resources}
    progress.scopeFinished(this.provider, status)
    return resources
  }

  /** Records a scope that could not even start (e.g. its parent listing failed); `error` may be a sentence. */
  failedScope(name: string, error: unknown): void {
    const status: SourceStatus = {provider: this.provider, scope: name, status: 'failed', count: 0, error: failureText(error)}
    this.ctx.progress.scopeStarted(this.provider, name)
    this.slots.push({status, resources: []})
    this.ctx.progress.scopeFinished(this.provider, status)
  }

  /**
   * Records a scope that was read only in part outside `scope()`, e.g. a listing of projects that
   * stopped after some pages while the projects it did name are scanned as their own scopes.
   */
  partialScope(name: string, error: unknown, resources: ResourceInput[] = []): void {
    const status: SourceStatus = {
      provider: this.provider,
      scope: name,
      status: 'partial',
      count: resources.length,
      error: failureText(error),
    }
    this.ctx.progress.scopeStarted(this.provider, name)
    this.slots.push({status, resources})
    this.ctx.progress.scopeFinished(this.provider, status)
  }

  get sources(): SourceStatus[] {
    return this.slots.flatMap((slot) => (slot.status ? [slot.status] : []))
  }

  /**
   * The collector's result, each resource once (global lists may be read in several scopes).
   * Throws exit code 4 when no scope could be read at all, as the collector contract asks.
   */
  result(suggestion: string): CollectorResult {
    const sources = this.sources
    if (sources.length > 0 && sources.every((s) => s.status === 'failed')) {
      const first = sources.find((s) => s.error)?.error ?? 'every scope failed'
      throw new ExitreadyError(
        `${this.title}: nothing could be read (${first.replace(/\.+$/, '')}).`,
        ExitCode.noProvider,
        suggestion,
      )
    }
    const byId = new Map<string, ResourceInput>()
    for (const resource of this.slots.flatMap((slot) => slot.resources))
      if (!byId.has(resource.id)) byId.set(resource.id, resource)
    return {resources: [...byId.values()], sources}
  }
}
