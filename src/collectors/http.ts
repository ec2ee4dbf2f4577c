import {type Clock, systemClock} from '../util/clock.js'

/**
 * The one HTTP layer for every REST provider: timeouts, bounded retries with exponential backoff
 * and full jitter, Retry-After and provider rate-limit headers, and pacing before a 429 happens.
 * Messages never carry credentials: no headers, and URLs are shown without their query string.
 */

export type HttpErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'throttled'
  | 'server'
  | 'client'
  | 'network'
  | 'timeout'
  | 'malformed'

export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: HttpErrorKind,
    readonly status?: number,
    /** The provider's own error code, where the body had one. */
    readonly code?: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export interface HttpRequest {
  method: string
  /** Path relative to the base URL (or an absolute URL, e.g. a `next` link). */
  path: string
  query?: Record<string, string | number | boolean | undefined>
  headers?: Record<string, string>
  /** JSON-serialised when it is not a string. */
  body?: unknown
}

export interface HttpResponse<T = unknown> {
  status: number
  headers: Headers
  data: T
  url: string
}

/** Adds authentication to a request: a bearer header, or a signature over method, URL and body. */
export type Authenticator = (request: {
  method: string
  url: URL
  body: string | undefined
}) => Promise<Record<string, string>> | Record<string, string>

export interface HttpClientOptions {
  /** Provider id, for messages. */
  provider: string
  baseUrl: string
  auth?: Authenticator
  headers?: Record<string, string>
  /** Per-request timeout. */
  timeoutMs?: number
  /** Attempts per request, the first included. */
  maxAttempts?: number
  /** Upper bound on all waiting for one request (backoff, Retry-After, pacing). */
  maxTotalWaitMs?: number
  /** Backoff base and cap for retries without a server hint. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** Documented request budget, paced client-side: at most `requests` per `perMs`. */
  rateLimit?: {requests: number; perMs: number}
  /** Decides if a non-2xx response is a throttle even without 429 (AWS answers 400 ThrottledException). */
  isThrottle?: (status: number, body: unknown) => boolean
  /** Extracts the provider's error code and message from an error body. */
  describeError?: (body: unknown) => {code?: string; message?: string} | undefined
  clock?: Clock
  fetch?: typeof fetch
  random?: () => number
  signal?: AbortSignal
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])

/** Seconds, an HTTP date, or hh:mm:ss (x-ms-user-quota-resets-after), as milliseconds from now. */
export function parseWaitHeader(headers: Headers, now: number): number | undefined {
  const ms = headers.get('retry-after-ms') ?? headers.get('x-ms-retry-after-ms')
  if (ms && /^\d+$/.test(ms.trim())) return Number(ms)
  const retryAfter = headers.get('retry-after')
  if (retryAfter) {
    const value = retryAfter.trim()
    if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
    const date = Date.parse(value)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  const quotaReset = headers.get('x-ms-user-quota-resets-after')
  if (quotaReset) {
    const match = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(quotaReset.trim())
    if (match) return ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000
  }
  const reset = headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset')
  if (reset && /^\d+$/.test(reset.trim())) {
    const value = Number(reset)
    // Hetzner sends a Unix timestamp; the IETF draft sends seconds from now.
    return value > 1e9 ? Math.max(0, value * 1000 - now) : value * 1000
  }
  return undefined
}

/** Remaining requests in the current window, from whichever header the provider sends. */
function parseRemaining(headers: Headers): number | undefined {
  const value =
    headers.get('ratelimit-remaining') ?? headers.get('x-ratelimit-remaining') ?? headers.get('x-ms-user-quota-remaining')
  if (value === null || !/^\d+$/.test(value.trim())) return undefined
  return Number(value)
}

function safeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`
}

/** Client-side pacing for a documented request budget (a sliding window of start times). */
class Pacer {
  private starts: number[] = []
  private pausedUntil = 0
  constructor(
    private readonly clock: Clock,
    private readonly limit?: {requests: number; perMs: number},
  ) {}

  /** How long to wait before the next request may start. */
  delay(): number {
    const now = this.clock.now()
    let wait = Math.max(0, this.pausedUntil - now)
    if (this.limit) {
      this.starts = this.starts.filter((t) => t > now - this.limit!.perMs)
      if (this.starts.length >= this.limit.requests) wait = Math.max(wait, this.starts[0]! + this.limit.perMs - now)
    }
    return wait
  }

  started(): void {
    if (this.limit) this.starts.push(this.clock.now())
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms)
  }
}

export class HttpClient {
  readonly provider: string
  readonly baseUrl: string
  private readonly options: Required<
    Pick<HttpClientOptions, 'timeoutMs' | 'maxAttempts' | 'maxTotalWaitMs' | 'baseDelayMs' | 'maxDelayMs'>
  > &
    HttpClientOptions
  private readonly clock: Clock
  private readonly pacer: Pacer
  /** Requests sent, retries included; benchmarks and tests read it. */
  requestCount = 0

  constructor(options: HttpClientOptions) {
    this.options = {timeoutMs: 30_000, maxAttempts: 5, maxTotalWaitMs: 120_000, baseDelayMs: 500, maxDelayMs: 20_000, ...options}
    this.provider = options.provider
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.clock = options.clock ?? systemClock
    this.pacer = new Pacer(this.clock, options.rateLimit)
  }

  url(path: string, query?: HttpRequest['query']): URL {
    const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(`${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`)
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value))
    return url
  }

  async getJson<T>(path: string, query?: HttpRequest['query'], headers?: Record<string, string>): Promise<HttpResponse<T>> {
    return this.request<T>({method: 'GET', path, query, headers})
  }

  /** Sends a request, retrying throttles, 5xx, timeouts and network errors within the bounds. */
  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.url(request.path, request.query)
    const body =
      request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body)
    const random = this.options.random ?? Math.random
    let waited = 0
    let lastError: HttpError | undefined
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      const pace = this.pacer.delay()
      if (pace > 0) {
        if (waited + pace > this.options.maxTotalWaitMs) break
        waited += pace
        await this.clock.sleep(pace, this.options.signal)
      }
      this.pacer.started()
      this.requestCount++
      let response: Response
      try {
        response = await this.send(request.method, url, body, request.headers)
      } catch (error) {
        lastError = error as HttpError
        if (lastError.kind !== 'network' && lastError.kind !== 'timeout') throw lastError
        const wait = this.backoff(attempt, random)
        if (attempt === this.options.maxAttempts || waited + wait > this.options.maxTotalWaitMs) break
        waited += wait
        await this.clock.sleep(wait, this.options.signal)
        continue
      }
      const remaining = parseRemaining(response.headers)
      const hint = parseWaitHeader(response.headers, this.clock.now())
      if (remaining === 0 && hint !== undefined) this.pacer.pauseFor(hint)
      const text = await response.text()
      const data = parseBody(text, response.headers)
      if (response.ok) {
        if (data === MALFORMED)
          throw new HttpError(
            `${this.provider}: ${request.method} ${safeUrl(url)} returned a response that is not valid JSON.`,
            'malformed',
            response.status,
          )
        return {status: response.status, headers: response.headers, data: data as T, url: url.toString()}
      }
      const throttled = response.status === 429 || (this.options.isThrottle?.(response.status, data) ?? false)
      lastError = this.errorFor(response.status, data === MALFORMED ? undefined : data, url, request.method, throttled)
      if (!throttled && !RETRYABLE_STATUS.has(response.status)) throw lastError
      const wait = hint ?? this.backoff(attempt, random)
      if (attempt === this.options.maxAttempts || waited + wait > this.options.maxTotalWaitMs) break
      if (throttled && hint !== undefined) this.pacer.pauseFor(wait)
      waited += wait
      await this.clock.sleep(wait, this.options.signal)
    }
    throw (
      lastError ??
      new HttpError(`${this.provider}: ${request.method} ${safeUrl(url)} gave up after waiting ${waited} ms.`, 'throttled')
    )
  }

  private backoff(attempt: number, random: () => number): number {
    return backoffDelay(attempt, this.options.baseDelayMs, this.options.maxDelayMs, random)
  }

  private async send(method: string, url: URL, body: string | undefined, extra?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = {accept: 'application/json', ...this.options.headers, ...extra}
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json'
    Object.assign(headers, await this.options.auth?.({method, url, body}))
    const timeout = AbortSignal.timeout(this.options.timeoutMs)
    const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout
    try {
      return await (this.options.fetch ?? fetch)(url, {method, headers, body, signal})
    } catch (error) {
      if (this.options.signal?.aborted) throw error
      if (timeout.aborted)
        throw new HttpError(
          `${this.provider}: ${method} ${safeUrl(url)} timed out after ${this.options.timeoutMs} ms.`,
          'timeout',
        )
      const cause = networkCause(error)
      throw new HttpError(`${this.provider}: ${method} ${safeUrl(url)} failed (${cause}).`, 'network')
    }
  }

  private errorFor(status: number, body: unknown, url: URL, method: string, throttled: boolean): HttpError {
    const described = this.options.describeError?.(body) ?? genericError(body)
    const kind: HttpErrorKind = throttled
      ? 'throttled'
      : status === 401
        ? 'auth'
        : status === 403
          ? 'forbidden'
          : status === 404
            ? 'not-found'
            : status >= 500
              ? 'server'
              : 'client'
    const what =
      kind === 'auth'
        ? 'rejected the credentials'
        : kind === 'forbidden'
          ? 'denied permission'
          : kind === 'throttled'
            ? 'kept throttling the requests'
            : `answered HTTP ${status}`
    const detail = described?.message ? `: ${described.message.replace(/\s+/g, ' ').slice(0, 200)}` : ''
    return new HttpError(`${this.provider}: ${method} ${safeUrl(url)} ${what}${detail}`, kind, status, described?.code)
  }
}

const MALFORMED = Symbol('malformed')

/** The useful part of a fetch failure: undici hides ECONNREFUSED or ENOTFOUND in `cause`, sometimes inside an AggregateError. */
function networkCause(error: unknown): string {
  const cause = (error as {cause?: {code?: string; message?: string; errors?: {code?: string}[]}}).cause
  return cause?.code ?? cause?.errors?.find((e) => e.code)?.code ?? cause?.message ?? (error as Error).message
}

function parseBody(text: string, headers: Headers): unknown {
  if (text === '') return undefined
  const type = headers.get('content-type') ?? ''
  if (!type.includes('json') && !/^\s*[[{]/.test(text)) return text
  try {
    return JSON.parse(text)
  } catch {
    return MALFORMED
  }
}

/** Common error body shapes: {error:{code,message}}, {message}, {code,message}, {error_description}. */
function genericError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body === 'string') return {message: body}
  if (typeof body !== 'object' || body === null) return undefined
  const b = body as Record<string, unknown>
  const inner = typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : b
  const message = inner.message ?? inner.Message ?? b.error_description ?? (typeof b.error === 'string' ? b.error : undefined)
  const code = inner.code ?? inner.Code ?? inner.type ?? b.__type
  return {code: code === undefined ? undefined : String(code), message: message === undefined ? undefined : String(message)}
}

/**
 * Iterates pages: `fetchPage(token)` returns a page's items and the next token (undefined when done).
 * A failed page is retried by the client from its own token; nothing is skipped. The consumer keeps
 * what was yielded; an endless cursor (a repeated token, an empty page naming a next one, the page
 * or time bound) ends the iteration with a 'malformed' HttpError that says why.
 */
export async function* paginate<T, Token>(
  fetchPage: (token: Token | undefined) => Promise<{items: T[]; next: Token | undefined}>,
  limits: PageLimits = {},
): AsyncGenerator<T[]> {
  const maxPages = limits.maxPages ?? DEFAULT_PAGE_LIMITS.maxPages
  const maxMs = limits.maxMs ?? DEFAULT_PAGE_LIMITS.maxMs
  const clock = limits.clock ?? systemClock
  const started = clock.now()
  let token: Token | undefined
  const seen = new Set<string>()
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(token)
    yield page.items
    token = page.next
    if (token === undefined || token === null || (token as unknown) === '') return
    const stop = (why: string) => new HttpError(`${why}; stopped after ${pages} page(s) to avoid an endless list.`, 'malformed')
    if (page.items.length === 0) throw stop('The API returned an empty page that still named a next page')
    const key = JSON.stringify(token)
    if (seen.has(key)) throw stop('The API returned the same page token twice')
    seen.add(key)
    if (pages >= maxPages) throw stop(`The list reached the bound of ${maxPages} pages`)
    if (clock.now() - started > maxMs) throw stop(`The list reached the bound of ${Math.round(maxMs / 60_000)} minutes`)
  }
}

/** Exponential backoff with jitter: a random wait between half and all of min(max, base·2^(attempt-1)). */
export function backoffDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
  return Math.round(cap / 2 + (random() * cap) / 2)
}

export interface RetryPolicy {
  /** Attempts, the first included. */
  maxAttempts?: number
  /** Upper bound on all waiting between attempts. */
  maxTotalWaitMs?: number
  baseDelayMs?: number
  maxDelayMs?: number
  clock?: Clock
  random?: () => number
  signal?: AbortSignal
}

/** What to do with an error: give up, or retry (after the server's hint when it gave one). */
export type RetryDecision = {retry: false} | {retry: true; waitMs?: number}

/**
 * The same bounded backoff as HttpClient, for calls that do not go through it (cloud SDKs with
 * their own retries turned off). Rethrows the last error when attempts or total wait run out.
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  decide: (error: unknown) => RetryDecision,
  policy: RetryPolicy = {},
): Promise<T> {
  const {maxAttempts = 5, maxTotalWaitMs = 120_000, baseDelayMs = 500, maxDelayMs = 20_000} = policy
  const clock = policy.clock ?? systemClock
  let waited = 0
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt)
    } catch (error) {
      const decision = decide(error)
      if (!decision.retry || attempt >= maxAttempts || policy.signal?.aborted) throw error
      const wait = decision.waitMs ?? backoffDelay(attempt, baseDelayMs, maxDelayMs, policy.random)
      if (waited + wait > maxTotalWaitMs) throw error
      waited += wait
      await clock.sleep(wait, policy.signal)
    }
  }
}

/** Bounds on one paginated list, so a cursor that never ends cannot keep a scan running forever. */
export interface PageLimits {
  /** Pages read at most (default 20,000). */
  maxPages?: number
  /** Time spent on the list at most, waits included (default 30 minutes). */
  maxMs?: number
  clock?: Clock
}

export const DEFAULT_PAGE_LIMITS = {maxPages: 20_000, maxMs: 30 * 60_000}

/**
 * Pages were read, then the list stopped early: a page failed after retries, or a bound was hit.
 * `items` holds everything read before; `reason` is one sentence. Collectors keep the items and
 * mark the list partial (see `mapPartial` in scope.ts).
 */
export class PartialPagesError<T = unknown> extends Error {
  constructor(
    readonly reason: string,
    readonly items: T[],
    override readonly cause?: unknown,
  ) {
    super(reason)
    this.name = 'PartialPagesError'
  }
}

/**
 * Every item of every page, in order; `seen` tells a page how many items came before it. Stops on
 * an empty page that still names a next page, on a repeated token and at the page and time bounds;
 * when anything had been read by then, throws PartialPagesError with it instead of losing it.
 */
export async function collectPages<T, Token>(
  fetchPage: (token: Token | undefined, seen: number) => Promise<{items: T[]; next: Token | undefined}>,
  limits: PageLimits = {},
): Promise<T[]> {
  const maxPages = limits.maxPages ?? DEFAULT_PAGE_LIMITS.maxPages
  const maxMs = limits.maxMs ?? DEFAULT_PAGE_LIMITS.maxMs
  const clock = limits.clock ?? systemClock
  const started = clock.now()
  const all: T[] = []
  const seen = new Set<string>()
  let token: Token | undefined
  let pages = 0
  const stop = (reason: string, cause?: unknown): never => {
    throw new PartialPagesError(reason, all, cause)
  }
  for (;;) {
    let page: {items: T[]; next: Token | undefined}
    try {
      page = await fetchPage(token, all.length)
    } catch (error) {
      if (pages === 0 || (error as {name?: string}).name === 'AbortError') throw error
      const why = error instanceof Error ? error.message.replace(/\.+$/, '') : String(error)
      return stop(`stopped after ${pages} page(s) and ${all.length} item(s): ${why}`, error)
    }
    pages++
    // Item by item: spreading a page into push() is fine, but never an unbounded array.
    for (const item of page.items) all.push(item)
    const next = page.next
    if (next === undefined || next === null || (next as unknown) === '') return all
    if (page.items.length === 0)
      return stop(`the API returned an empty page that still named a next page; stopped after ${pages} page(s)`)
    const key = JSON.stringify(next)
    if (seen.has(key)) return stop(`the API returned the same page token twice; stopped after ${pages} page(s)`)
    seen.add(key)
    if (pages >= maxPages) return stop(`stopped at the bound of ${maxPages} pages (${all.length} items read)`)
    if (clock.now() - started > maxMs)
      return stop(`stopped at the bound of ${Math.round(maxMs / 60_000)} minutes for one list (${all.length} items read)`)
    token = next
  }
}
