import createDebug from 'debug'
import {type Clock, systemClock} from '../util/clock.js'
import {scrubSecrets} from './scrub.js'

/** `DEBUG=exitready:*` (or `exitready:http`) traces every request: method, URL without secrets, status, attempt, wait. */
const trace = createDebug('exitready:http')

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
  /** Deadline for one attempt: connecting, the headers and the whole body (a trickling body times out too). */
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
  /**
   * What `RateLimit-Reset` means. 'window' (the default, as in the IETF draft): the budget comes
   * back at the reset. 'token-bucket' (Hetzner): the reset is when the *whole* budget is back, but
   * it refills one request at a time, so after a 429 the wait is one token, about a second.
   */
  rateLimitModel?: 'window' | 'token-bucket'
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

/** A response whose body was read within the attempt's deadline. */
interface SentResponse {
  status: number
  ok: boolean
  headers: Headers
  text: string
}

/**
 * The server's own wait-before-retry: Retry-After (seconds or an HTTP date), retry-after-ms, or
 * Azure's hh:mm:ss quota reset, as milliseconds from now. RateLimit-Reset is not one: see
 * `rateLimitResetWait`.
 */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
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
  return undefined
}

/**
 * How long until the budget allows one more request, from RateLimit-Reset (delta seconds in the
 * IETF draft; a Unix timestamp at Hetzner). For a token bucket the reset is when the whole budget is
 * back, so one request's worth is (reset - now) / (limit - remaining): about a second at Hetzner.
 */
export function rateLimitResetWait(
  headers: Headers,
  now: number,
  model: 'window' | 'token-bucket' = 'window',
): number | undefined {
  const reset = headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset')
  if (!reset || !/^\d+$/.test(reset.trim())) return undefined
  const value = Number(reset)
  const untilReset = value > 1e9 ? Math.max(0, value * 1000 - now) : value * 1000
  if (model === 'window') return untilReset
  const limit = Number(headers.get('ratelimit-limit') ?? headers.get('x-ratelimit-limit'))
  const remaining = parseRemaining(headers) ?? 0
  const missing = Number.isFinite(limit) && limit > remaining ? limit - remaining : 1
  return Math.min(untilReset, Math.ceil(untilReset / missing))
}

/** Every wait hint a response gives, Retry-After first: for callers outside HttpClient (SDK errors). */
export function parseWaitHeader(headers: Headers, now: number): number | undefined {
  return parseRetryAfter(headers, now) ?? rateLimitResetWait(headers, now)
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

const SECRET_QUERY = /token|secret|key|sig|password|credential|auth|code/i

/** The URL for tracing: paging parameters kept (they tell why a list is slow), secret-looking ones masked. */
function traceUrl(url: URL): string {
  const query = [...url.searchParams.entries()]
    .map(([key, value]) => `${key}=${SECRET_QUERY.test(key) ? '***' : encodeURIComponent(value).slice(0, 40)}`)
    .join('&')
  return query ? `${safeUrl(url)}?${query}` : safeUrl(url)
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

  /** Sends a request, retrying throttles, 5xx, timeouts and network errors (body included) within the bounds. */
  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.url(request.path, request.query)
    const body =
      request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body)
    const random = this.options.random ?? Math.random
    const model = this.options.rateLimitModel ?? 'window'
    const where = traceUrl(url)
    const note = (what: string) => trace('%s %s %s %s', this.provider, request.method, where, what)
    let waited = 0
    let lastError: HttpError | undefined
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      const pace = this.pacer.delay()
      if (pace > 0) {
        if (waited + pace > this.options.maxTotalWaitMs) break
        waited += pace
        note(`paced ${pace} ms`)
        await this.clock.sleep(pace, this.options.signal)
      }
      this.pacer.started()
      this.requestCount++
      let response: SentResponse
      try {
        response = await this.send(request.method, url, body, request.headers)
      } catch (error) {
        lastError = error as HttpError
        if (lastError.kind !== 'network' && lastError.kind !== 'timeout') throw lastError
        const wait = this.backoff(attempt, random)
        const last = attempt === this.options.maxAttempts || waited + wait > this.options.maxTotalWaitMs
        note(`attempt ${attempt}: ${lastError.kind}${last ? ', giving up' : `, retry in ${wait} ms`}`)
        if (last) break
        waited += wait
        await this.clock.sleep(wait, this.options.signal)
        continue
      }
      const now = this.clock.now()
      const data = parseBody(response.text, response.headers)
      if (response.ok) {
        // The budget is used up: the next request waits for its share, not longer.
        if (parseRemaining(response.headers) === 0) {
          const until = parseRetryAfter(response.headers, now) ?? rateLimitResetWait(response.headers, now, model)
          if (until !== undefined) this.pacer.pauseFor(until)
        }
        note(`${response.status} (attempt ${attempt})`)
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
      if (!throttled && !RETRYABLE_STATUS.has(response.status)) {
        note(`${response.status} (attempt ${attempt}), not retried`)
        throw lastError
      }
      // Retry-After is a hint on a throttle or a 5xx; a rate-limit reset only on a throttle.
      const hint =
        parseRetryAfter(response.headers, now) ??
        (throttled ? (rateLimitResetWait(response.headers, now, model) ?? this.tokenInterval()) : undefined)
      const wait = hint ?? this.backoff(attempt, random)
      const last = attempt === this.options.maxAttempts || waited + wait > this.options.maxTotalWaitMs
      note(`${response.status} (attempt ${attempt})${last ? ', giving up' : `, retry in ${wait} ms`}`)
      if (last) break
      if (throttled && hint !== undefined) this.pacer.pauseFor(wait)
      waited += wait
      await this.clock.sleep(wait, this.options.signal)
    }
    throw (
      lastError ??
      new HttpError(`${this.provider}: ${request.method} ${safeUrl(url)} gave up after waiting ${waited} ms.`, 'throttled')
    )
  }

  /** One request's worth of the documented budget (Hetzner: 1 s), for a throttle without a usable hint. */
  private tokenInterval(): number | undefined {
    const limit = this.options.rateLimit
    return limit ? Math.ceil(limit.perMs / limit.requests) : undefined
  }

  private backoff(attempt: number, random: () => number): number {
    return backoffDelay(attempt, this.options.baseDelayMs, this.options.maxDelayMs, random)
  }

  /** One attempt, headers and body, under one deadline; failures become 'timeout' or 'network' errors. */
  private async send(method: string, url: URL, body: string | undefined, extra?: Record<string, string>): Promise<SentResponse> {
    const headers: Record<string, string> = {accept: 'application/json', ...this.options.headers, ...extra}
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json'
    Object.assign(headers, await this.options.auth?.({method, url, body}))
    const timeout = AbortSignal.timeout(this.options.timeoutMs)
    const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout
    try {
      const response = await (this.options.fetch ?? fetch)(url, {method, headers, body, signal})
      // Read inside the deadline and the retry: a body that trickles or is reset mid-way is retried.
      const text = await response.text()
      return {status: response.status, ok: response.ok, headers: response.headers, text}
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
    // Scrubbed before it is cut: a token cut in half no longer looks like one.
    const detail = described?.message ? `: ${scrubSecrets(described.message.replace(/\s+/g, ' ')).slice(0, 200)}` : ''
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

/**
 * An overall deadline for a call that has only an idle-socket timeout of its own (the AWS SDK's
 * handler): a body that trickles a byte at a time never trips an idle timeout, so the call would
 * hang. On the deadline it rejects with a 'TimeoutError', which the retry decisions treat as transient.
 */
export function withDeadline<T>(operation: () => Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)
      error.name = 'TimeoutError'
      reject(error)
    }, ms)
    timer.unref?.()
    operation().then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
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
  /** Names the call in the DEBUG=exitready:* trace, e.g. "aws ec2:DescribeInstances eu-west-1". */
  label?: string
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
      const result = await operation(attempt)
      if (policy.label) trace('%s ok (attempt %d)', policy.label, attempt)
      return result
    } catch (error) {
      const decision = decide(error)
      const name = (error as {name?: string}).name ?? 'error'
      if (!decision.retry || attempt >= maxAttempts || policy.signal?.aborted) {
        if (policy.label) trace('%s %s (attempt %d), giving up', policy.label, name, attempt)
        throw error
      }
      const wait = decision.waitMs ?? backoffDelay(attempt, baseDelayMs, maxDelayMs, policy.random)
      if (policy.label) trace('%s %s (attempt %d), retry in %d ms', policy.label, name, attempt, wait)
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
      if (pages === 0) throw error
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
