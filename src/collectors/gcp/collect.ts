import {InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, type RetryDecision, withRetries} from '../http.js'
import {mapPartial, PartialListError, ScanSession, type ScopeHandle} from '../scope.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {createAuthClient, defaultScopes, gcloudProject} from './auth.js'
import {type AssetPage, type AssetSearch, createAssetSearch, GcpApiError, RequestWindow, toGcpError} from './client.js'
import {mapSearchResult, projectIdsAsAccounts} from './mapping.js'
import {gcpOptions} from './options.js'

const PROVIDER = 'gcp'
/** Restarts of a scope whose page token expired, before it is recorded as partial. */
const MAX_RESTARTS = 2
const RETRYABLE = new Set(['throttled', 'server', 'network', 'timeout'])

/** --gcp-scope values (already parsed by the registry; parsing again is idempotent), else the default project. */
export function resolveScopes(options: unknown, env: NodeJS.ProcessEnv): string[] {
  const result = gcpOptions.safeParse(options ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new InputError(`GCP option ${issue.path.join('.') || 'value'}: ${issue.message}.`)
  }
  return result.data.scopes ?? defaultScopes(env)
}

function decide(error: unknown): RetryDecision {
  return error instanceof GcpApiError && RETRYABLE.has(error.kind) ? {retry: true, waitMs: error.retryAfterMs} : {retry: false}
}

/** A project id the auth library may report as its default (it looks one up, slowly, otherwise). */
function defaultProject(env: NodeJS.ProcessEnv, scopes: string[]): string | undefined {
  const fromScope = scopes.map((s) => /^projects\/(.+)$/.exec(s)?.[1]).find((id) => id !== undefined && !/^\d+$/.test(id))
  return env.GOOGLE_CLOUD_PROJECT || env.CLOUDSDK_CORE_PROJECT || gcloudProject(env) || fromScope
}

/**
 * Every result of one scope. Each page is one SDK call in the scan's concurrency bound, retried from
 * its own token; the pages read before a failure are kept (partial). An expired token
 * (INVALID_ARGUMENT on a later page) restarts the scope and drops what it had read, so nothing is
 * kept twice.
 */
async function listScope(
  session: ScanSession,
  search: AssetSearch,
  window: RequestWindow,
  scope: string,
  handle: ScopeHandle,
): Promise<ResourceInput[]> {
  const {ctx} = session
  const fetchPage = (token: string | undefined): Promise<AssetPage> =>
    session.run(() =>
      withRetries(
        async () => {
          await window.acquire(ctx.signal)
          try {
            return await search.page(scope, token, ctx.signal)
          } catch (error) {
            if (error instanceof GcpApiError || ctx.signal?.aborted) throw error
            throw toGcpError(error, scope, ctx.clock.now())
          }
        },
        decide,
        {clock: ctx.clock, signal: ctx.signal, maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 32_000},
      ),
    )

  for (let restarts = 0; ; restarts++) {
    let skipped = 0
    let lastError: unknown
    const pages = collectPages<Record<string, unknown>, string>(
      async (token, seen) => {
        let page: AssetPage
        try {
          page = await fetchPage(token)
        } catch (error) {
          lastError = error
          throw error
        }
        ctx.progress.scopeProgress(PROVIDER, scope, seen + page.results.length)
        return {items: page.results, next: page.nextPageToken}
      },
      {clock: ctx.clock},
    )
    const toResource = (result: Record<string, unknown>) => {
      const resource = mapSearchResult(result)
      if (!resource) skipped++
      return resource
    }
    const unreadable = () => `${skipped} result${skipped === 1 ? '' : 's'} without a name or asset type could not be read`
    let resources: ResourceInput[]
    try {
      resources = await mapPartial(pages, toResource)
    } catch (error) {
      const expiredToken = error instanceof PartialListError && lastError instanceof GcpApiError && lastError.status === 400
      if (expiredToken && restarts < MAX_RESTARTS) continue
      if (skipped > 0) handle.warn(`${unreadable()}.`)
      throw error
    }
    // Results that could not be read make the scope partial rather than silently shorter.
    if (skipped > 0) throw new PartialListError(unreadable(), resources)
    return resources
  }
}

export async function collectGcp(ctx: CollectContext): Promise<CollectorResult> {
  const scopes = resolveScopes(ctx.options.gcp, ctx.env)
  if (scopes.length === 0)
    throw new InputError(
      'No Google Cloud scope to scan.',
      'Pass --gcp-scope organizations/N, folders/N or projects/ID, or set GOOGLE_CLOUD_PROJECT.',
    )
  const authClient = await createAuthClient(ctx.env, defaultProject(ctx.env, scopes))
  const search = await createAssetSearch(authClient, ctx.endpoints.gcp)
  const session = new ScanSession(ctx, PROVIDER, 'Google Cloud')
  const window = new RequestWindow(ctx.clock)
  try {
    await Promise.all(
      scopes.map((scope) => session.scope(scope, {resources: (handle) => listScope(session, search, window, scope, handle)})),
    )
  } finally {
    await search.close().catch(() => undefined)
  }
  // An organisation scope and a project inside it list the same resources; the session keeps each once.
  const result = session.result(
    'Check that the credentials are current, grant the identity roles/cloudasset.viewer on the organisation, folders or projects to scan, and enable cloudasset.googleapis.com.',
  )
  projectIdsAsAccounts(result.resources)
  return result
}
