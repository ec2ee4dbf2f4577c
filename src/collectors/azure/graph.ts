import type {Clock} from '../../util/clock.js'
import {type Authenticator, collectPages, type HttpClient, type HttpClientOptions, HttpError} from '../http.js'

/*
 * Resource Graph is called over REST through the shared HttpClient rather than through
 * @azure/arm-resourcegraph: the SDK (v5) has no pager for `resources()`, throws at once on a 429
 * that carries only `x-ms-user-quota-resets-after` (no Retry-After), and obeys Retry-After with no
 * upper bound. The shared client paces on the quota headers, retries that 429 after the reset and
 * bounds every wait.
 */

export const RESOURCE_GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources'
export const RESOURCE_GRAPH_API_VERSION = '2024-04-01'
/** The largest page Resource Graph serves. */
export const PAGE_SIZE = 1000
/** Documented example quota: 15 queries per 5-second window per user; the headers pace the rest. */
const QUERY_RATE = {requests: 15, perMs: 5000}

export interface GraphScope {
  subscriptions?: string[]
  managementGroups?: string[]
}

export interface GraphPage {
  rows: Record<string, unknown>[]
  skipToken?: string
  /** `x-ms-tenant-subscription-limit-hit`: only the first 10,000 subscriptions were queried. */
  subscriptionLimitHit: boolean
  /** `resultTruncated` without a skip token: rows are missing and cannot be paged to. */
  truncated: boolean
}

/**
 * ARM errors put the reason at the top level (AuthorizationFailed); Resource Graph puts it in
 * `details` under a generic "Please provide below info…" message. The caller's e-mail and object
 * id are not kept: the snapshot is shared beyond the person who ran the scan.
 */
export function describeArmError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? {message: body} : undefined
  const error = (body as {error?: unknown}).error
  if (typeof error !== 'object' || error === null) return undefined
  const top = error as {code?: unknown; message?: unknown; details?: unknown}
  const detail = Array.isArray(top.details)
    ? (top.details.find((d) => typeof d === 'object' && d !== null && ('code' in d || 'message' in d)) as
        | {code?: unknown; message?: unknown}
        | undefined)
    : undefined
  const code = detail?.code ?? top.code
  const message = detail?.message ?? top.message
  return {
    code: code === undefined ? undefined : String(code),
    message:
      message === undefined
        ? undefined
        : String(message)
            .replace(/The client '[^']*' with object id '[^']*'/i, 'The identity used for the scan')
            // ARM's boilerplate tail pushes the scope out of the length every error message is cut to.
            .replace(/ or the scope is invalid\..*$/s, ''),
  }
}

/** Options of the one Resource Graph client of a scan (session.client adds clock, fetch and signal). */
export function graphClientOptions(
  baseUrl: string,
  auth: Authenticator,
): Omit<HttpClientOptions, 'provider' | 'clock' | 'fetch' | 'signal'> {
  return {baseUrl, auth, timeoutMs: 60_000, rateLimit: QUERY_RATE, describeError: describeArmError}
}

export class ResourceGraph {
  constructor(readonly http: HttpClient) {}

  /** One page of a query; a throttled or failed page is retried by the client with its own token. */
  async page(scope: GraphScope, query: string, skipToken?: string): Promise<GraphPage> {
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: RESOURCE_GRAPH_PATH,
      query: {'api-version': RESOURCE_GRAPH_API_VERSION},
      body: {
        ...scope,
        query,
        options: {
          $top: PAGE_SIZE,
          ...(skipToken ? {$skipToken: skipToken} : {}),
          resultFormat: 'objectArray',
          ...(scope.managementGroups ? {allowPartialScopes: true} : {}),
        },
      },
    })
    const body = response.data as {data?: unknown; $skipToken?: unknown; resultTruncated?: unknown} | undefined
    if (typeof body !== 'object' || body === null || !Array.isArray(body.data)) {
      throw new HttpError('azure: Resource Graph returned a page without a "data" array.', 'malformed', response.status)
    }
    const rows = body.data.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null)
    const nextToken = typeof body.$skipToken === 'string' && body.$skipToken !== '' ? body.$skipToken : undefined
    return {
      rows,
      skipToken: nextToken,
      subscriptionLimitHit: response.headers.get('x-ms-tenant-subscription-limit-hit')?.toLowerCase() === 'true',
      truncated: String(body.resultTruncated).toLowerCase() === 'true' && nextToken === undefined,
    }
  }
}

/** What the pages of one query said besides their rows. */
export interface QueryFlags {
  subscriptionLimitHit: boolean
  truncated: boolean
  /** The error of the page that stopped the query, for callers that restart on an expired token. */
  lastError?: unknown
}

/**
 * Every row of a query, following `$skipToken` within the shared page bounds. A query that stops
 * after some pages throws PartialPagesError with the rows read so far; `onPage` sees each page.
 */
export async function readRows(
  graph: ResourceGraph,
  scope: GraphScope,
  query: string,
  clock: Clock,
  flags: QueryFlags,
  onPage?: (rows: Record<string, unknown>[]) => void,
): Promise<Record<string, unknown>[]> {
  return collectPages<Record<string, unknown>, string>(
    async (token) => {
      let page: GraphPage
      try {
        page = await graph.page(scope, query, token)
      } catch (error) {
        flags.lastError = error
        throw error
      }
      flags.subscriptionLimitHit ||= page.subscriptionLimitHit
      flags.truncated ||= page.truncated
      onPage?.(page.rows)
      return {items: page.rows, next: page.skipToken}
    },
    {clock},
  )
}

/** Resource Graph answers 400 when a skip token has expired or no longer matches the query. */
export function isExpiredSkipToken(error: unknown): boolean {
  return (
    error instanceof HttpError &&
    error.status === 400 &&
    /skip ?token/i.test(`${error.code ?? ''} ${error.message}`) &&
    !/RateLimiting/i.test(error.code ?? '')
  )
}
