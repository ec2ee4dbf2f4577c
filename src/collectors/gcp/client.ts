import type {AuthClient} from 'google-auth-library'
import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {Clock} from '../../util/clock.js'
import {HttpError, type HttpErrorKind, parseWaitHeader} from '../http.js'

/** searchAllResources serves at most 500 results a page. */
export const PAGE_SIZE = 500
/** Documented default quota: 400 SearchAllResources requests per minute per consumer project. */
const SEARCH_RATE = {requests: 400, perMs: 60_000}
const CALL_TIMEOUT_MS = 60_000

export interface AssetPage {
  results: Record<string, unknown>[]
  nextPageToken?: string
}

/** A Cloud Asset API failure as the shared retry layer sees it, with the server's wait hint if any. */
export class GcpApiError extends HttpError {
  constructor(
    message: string,
    kind: HttpErrorKind,
    status?: number,
    code?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message, kind, status, code)
    this.name = 'GcpApiError'
  }
}

const GRPC_CODES: Record<number, [status: string, http: number]> = {
  3: ['INVALID_ARGUMENT', 400],
  4: ['DEADLINE_EXCEEDED', 504],
  5: ['NOT_FOUND', 404],
  7: ['PERMISSION_DENIED', 403],
  8: ['RESOURCE_EXHAUSTED', 429],
  13: ['INTERNAL', 500],
  14: ['UNAVAILABLE', 503],
  16: ['UNAUTHENTICATED', 401],
}

function kindOf(status: number | undefined, code: string | undefined): HttpErrorKind {
  if (code === 'DEADLINE_EXCEEDED') return 'timeout'
  if (status === undefined) return 'network'
  if (status === 401) return 'auth'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not-found'
  if (status === 429) return 'throttled'
  return status >= 500 ? 'server' : 'client'
}

const WHAT: Partial<Record<HttpErrorKind, string>> = {
  auth: 'rejected the credentials',
  forbidden: 'denied permission',
  throttled: 'kept throttling the requests',
  network: 'could not be reached',
  timeout: 'timed out',
}

/** Gaxios may bring its own Headers class (not `instanceof` the global one), or a plain object. */
function headersOf(value: unknown): Headers | undefined {
  if (value instanceof Headers) return value
  if (typeof (value as Headers | undefined)?.forEach === 'function') {
    const headers = new Headers()
    ;(value as Headers).forEach((v, k) => {
      headers.set(k, v)
    })
    return headers
  }
  if (typeof value === 'object' && value !== null)
    return new Headers(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
  return undefined
}

/**
 * Over REST, gax hands back a GaxiosError (status, body as JSON text) for HTTP errors, a GoogleError
 * (gRPC code) for its own, and a SyntaxError for a body that is not JSON. All become one sentence.
 */
export function toGcpError(error: unknown, scope: string, now: number): GcpApiError {
  const where = `gcp: searchAllResources in ${scope}`
  if (error instanceof SyntaxError) return new GcpApiError(`${where} returned a page that is not valid JSON.`, 'malformed')
  const e = (error ?? {}) as {
    status?: unknown
    code?: unknown
    message?: unknown
    response?: {status?: unknown; headers?: unknown}
  }
  let body: {error?: {status?: unknown; message?: unknown}} | undefined
  try {
    body = JSON.parse(String(e.message)) as typeof body
  } catch {
    body = undefined
  }
  const grpc = typeof e.code === 'number' ? GRPC_CODES[e.code] : undefined
  const status = typeof e.response?.status === 'number' ? e.response.status : typeof e.status === 'number' ? e.status : grpc?.[1]
  const code =
    typeof body?.error?.status === 'string' ? body.error.status : (grpc?.[0] ?? (typeof e.code === 'string' ? e.code : undefined))
  const kind = kindOf(status, code)
  const detail = String(body?.error?.message ?? e.message ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
  const what = WHAT[kind] ?? `answered HTTP ${status}`
  const headers = headersOf(e.response?.headers)
  return new GcpApiError(
    `${where} ${what}${detail ? `: ${detail}` : ''}`,
    kind,
    status,
    code,
    headers ? parseWaitHeader(headers, now) : undefined,
  )
}

/** Client-side pacing for the documented request budget, shared by every scope. */
export class RequestWindow {
  private starts: number[] = []
  constructor(
    private readonly clock: Clock,
    private readonly limit: {requests: number; perMs: number} = SEARCH_RATE,
  ) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      this.starts = this.starts.filter((t) => t > now - this.limit.perMs)
      if (this.starts.length < this.limit.requests) {
        this.starts.push(now)
        return
      }
      await this.clock.sleep(this.starts[0]! + this.limit.perMs - now, signal)
    }
  }
}

/** `http://127.0.0.1:8080` → gax options; gax builds `${protocol}://${host}:${port}/v1/…`, so no path prefix. */
export function endpointOptions(endpoint: string | undefined): {apiEndpoint?: string; port?: number; protocol?: string} {
  if (!endpoint) return {}
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`)
  } catch {
    throw new InputError(`GCP endpoint "${endpoint}" is not a URL.`, 'Use e.g. --endpoint gcp=http://127.0.0.1:8085.')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(`GCP endpoint "${endpoint}" must use http or https.`)
  if (url.pathname !== '/' && url.pathname !== '')
    throw new InputError(
      `GCP endpoint "${endpoint}" has a path; the Cloud Asset client only takes a scheme, host and port.`,
      'Serve the API at the root of the host (…/v1/{scope}:searchAllResources).',
    )
  const protocol = url.protocol.slice(0, -1)
  return {apiEndpoint: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol}
}

export interface AssetSearch {
  page(scope: string, pageToken: string | undefined, signal?: AbortSignal): Promise<AssetPage>
  close(): Promise<void>
}

/**
 * The Cloud Asset SDK over REST (`fallback: true`: HTTP/1 JSON, which proxies, emulators and nock
 * can serve), one page per call. gax's own retries are off: over REST it does not retry 429 or 503
 * anyway, and the shared backoff covers every error kind.
 */
export async function createAssetSearch(authClient: AuthClient, endpoint: string | undefined): Promise<AssetSearch> {
  const endpointOverride = endpointOptions(endpoint)
  const {v1} = await import('@google-cloud/asset')
  const client = new v1.AssetServiceClient({
    fallback: true,
    // google-auth-library is a direct dependency; gax may carry its own copy of the same major version.
    authClient: authClient as unknown as NonNullable<ConstructorParameters<typeof v1.AssetServiceClient>[0]>['authClient'],
    ...endpointOverride,
  })
  try {
    await client.initialize()
  } catch (error) {
    throw new ExitreadyError(
      `GCP: the Cloud Asset client could not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
      ExitCode.noProvider,
    )
  }
  return {
    async page(scope, pageToken, signal) {
      const call = client.searchAllResources(
        {scope, pageSize: PAGE_SIZE, ...(pageToken ? {pageToken} : {})},
        {autoPaginate: false, timeout: CALL_TIMEOUT_MS, retry: {retryCodes: []}},
      )
      const cancel = () => (call as {cancel?: () => void}).cancel?.()
      signal?.addEventListener('abort', cancel, {once: true})
      try {
        const [results, next] = await call
        if (!Array.isArray(results))
          throw new GcpApiError(`gcp: searchAllResources in ${scope} returned a page without results.`, 'malformed')
        return {results: results as Record<string, unknown>[], nextPageToken: next?.pageToken || undefined}
      } finally {
        signal?.removeEventListener('abort', cancel)
      }
    },
    close: () => client.close(),
  }
}
