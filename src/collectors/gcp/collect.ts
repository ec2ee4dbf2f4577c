import pLimit from 'p-limit'
import {z} from 'zod'
import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {ResourceInput, SourceStatus} from '../../inventory/model.js'
import {paginate, type RetryDecision, withRetries} from '../http.js'
import {errorSentence} from '../scrub.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {createAuthClient, defaultScopes} from './auth.js'
import {type AssetPage, type AssetSearch, createAssetSearch, GcpApiError, RequestWindow, toGcpError} from './client.js'
import {mapSearchResult, projectIdsAsAccounts} from './mapping.js'

const PROVIDER = 'gcp'
/** Restarts of a scope whose page token expired, before it is recorded as failed. */
const MAX_RESTARTS = 2
const RETRYABLE = new Set(['throttled', 'server', 'network', 'timeout'])

const SCOPE = /^(organizations\/\d+|folders\/\d+|projects\/(\d+|([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]))$/

const GcpOptionsSchema = z.object({
  scopes: z
    .array(
      z
        .string()
        .trim()
        .refine((s) => SCOPE.test(s), 'a scope is organizations/NUMBER, folders/NUMBER or projects/ID'),
    )
    .optional(),
})

/** --gcp-scope values, else the default project of the environment or gcloud. */
export function resolveScopes(options: unknown, env: NodeJS.ProcessEnv): string[] {
  const result = GcpOptionsSchema.safeParse(options ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new InputError(`GCP option ${issue.path.join('.') || 'value'}: ${issue.message}.`)
  }
  const scopes = result.data.scopes?.length ? result.data.scopes : defaultScopes(env)
  return [...new Set(scopes)]
}

function decide(error: unknown): RetryDecision {
  return error instanceof GcpApiError && RETRYABLE.has(error.kind) ? {retry: true, waitMs: error.retryAfterMs} : {retry: false}
}

interface ScopeResult {
  resources: ResourceInput[]
  status: SourceStatus
}

/**
 * Every page of one scope. A throttled or failed page is retried from its own token; an expired
 * token (INVALID_ARGUMENT on a later page) restarts the scope and drops what it had read, so
 * nothing is kept twice.
 */
async function collectScope(
  search: AssetSearch,
  window: RequestWindow,
  scope: string,
  ctx: CollectContext,
): Promise<ScopeResult> {
  ctx.progress.scopeStarted(PROVIDER, scope)
  const fetchPage = (token: string | undefined): Promise<AssetPage> =>
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
    )

  for (let restarts = 0; ; restarts++) {
    const byId = new Map<string, ResourceInput>()
    let skipped = 0
    let token: string | undefined
    try {
      for await (const [page] of paginate<AssetPage, string>(async (next) => {
        token = next
        const page = await fetchPage(next)
        return {items: [page], next: page.nextPageToken}
      })) {
        for (const result of page!.results) {
          const resource = mapSearchResult(result)
          if (!resource) skipped++
          else if (!byId.has(resource.id)) byId.set(resource.id, resource)
        }
        ctx.progress.scopeProgress(PROVIDER, scope, byId.size)
      }
      const warnings = skipped > 0 ? [`${skipped} results without a name or asset type were skipped.`] : undefined
      return {
        resources: [...byId.values()],
        status: {provider: PROVIDER, scope, status: 'complete', count: byId.size, ...(warnings ? {warnings} : {})},
      }
    } catch (error) {
      const expiredToken = error instanceof GcpApiError && error.status === 400 && token !== undefined
      if (expiredToken && restarts < MAX_RESTARTS) continue
      if (ctx.signal?.aborted) throw error
      const message = errorSentence(error)
      return {
        // Pages read before the failure are kept; the scope is then partial.
        resources: [...byId.values()],
        status: {provider: PROVIDER, scope, status: byId.size > 0 ? 'partial' : 'failed', error: message, count: byId.size},
      }
    }
  }
}

export async function collectGcp(ctx: CollectContext): Promise<CollectorResult> {
  const scopes = resolveScopes(ctx.options.gcp, ctx.env)
  if (scopes.length === 0)
    throw new InputError(
      'No Google Cloud scope to scan.',
      'Pass --gcp-scope organizations/N, folders/N or projects/ID, or set GOOGLE_CLOUD_PROJECT.',
    )
  const authClient = await createAuthClient(ctx.env)
  const search = await createAssetSearch(authClient, ctx.endpoints.gcp)
  const window = new RequestWindow(ctx.clock)
  const limit = pLimit(Math.max(1, ctx.concurrency))
  let results: ScopeResult[]
  try {
    results = await Promise.all(
      scopes.map((scope) =>
        limit(async () => {
          const result = await collectScope(search, window, scope, ctx)
          ctx.progress.scopeFinished(PROVIDER, result.status)
          return result
        }),
      ),
    )
  } finally {
    await search.close().catch(() => undefined)
  }

  if (results.every((r) => r.status.status === 'failed')) {
    throw new ExitreadyError(
      `GCP: no scope could be read (${results[0]?.status.error?.replace(/\.$/, '') ?? 'unknown error'}).`,
      ExitCode.noProvider,
      'Grant the identity roles/cloudasset.viewer on the organisation, folders or projects to scan, and enable cloudasset.googleapis.com.',
    )
  }
  // An organisation scope and a project inside it list the same resources; keep each once.
  const byId = new Map<string, ResourceInput>()
  for (const result of results) for (const r of result.resources) if (!byId.has(r.id)) byId.set(r.id, r)
  const resources = [...byId.values()]
  projectIdsAsAccounts(resources)
  return {resources, sources: results.map((r) => r.status)}
}
