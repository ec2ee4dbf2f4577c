import pLimit from 'p-limit'
import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput, SourceStatus} from '../../inventory/model.js'
import {HttpError} from '../http.js'
import {errorSentence} from '../scrub.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {AZURE_CLOUDS, bearerAuthenticator, createCredential} from './auth.js'
import {createGraphHttpClient, type GraphScope, isExpiredSkipToken, ResourceGraph} from './graph.js'
import {alignReferenceCase, isResourceGroupRow, mapResourceRow, RESOURCES_QUERY, SUBSCRIPTIONS_QUERY} from './mapping.js'
import {parseAzureOptions} from './options.js'

const PROVIDER = 'azure'
/** Resource Graph takes fewer than 300 subscriptions per query. */
export const SUBSCRIPTIONS_PER_QUERY = 300
/** Restarts of a batch whose skip token expired, before it is recorded as failed. */
const MAX_RESTARTS = 2

interface BatchResult {
  resources: ResourceInput[]
  statuses: SourceStatus[]
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/** Subscriptions visible to the identity: at tenant scope, or under each management group. */
async function discoverSubscriptions(
  graph: ResourceGraph,
  managementGroups: string[] | undefined,
  ctx: CollectContext,
): Promise<{subscriptions: string[]; statuses: SourceStatus[]; errors: unknown[]}> {
  const scopes: {label: string; scope: GraphScope}[] = managementGroups
    ? managementGroups.map((id) => ({label: `managementGroups/${id}`, scope: {managementGroups: [id]}}))
    : [{label: 'tenant', scope: {}}]
  const describe = (label: string) => (label === 'tenant' ? 'the tenant' : `management group ${label.split('/')[1]}`)
  const limit = pLimit(Math.max(1, ctx.concurrency))
  const found = new Set<string>()
  const statuses: SourceStatus[] = []
  const errors: unknown[] = []
  await Promise.all(
    scopes.map(({label, scope}) =>
      limit(async () => {
        try {
          let limitHit = false
          for await (const [page] of graph.pages(scope, SUBSCRIPTIONS_QUERY)) {
            limitHit ||= page!.subscriptionLimitHit
            for (const row of page!.rows) if (typeof row.subscriptionId === 'string') found.add(row.subscriptionId.toLowerCase())
          }
          if (limitHit) {
            const message = `More than 10,000 subscriptions are in scope of ${label}; Resource Graph listed only the first 10,000, so scan by management group to cover the rest.`
            ctx.progress.warn(PROVIDER, message)
            statuses.push({provider: PROVIDER, scope: label, status: 'partial', error: message, count: 0})
          }
        } catch (error) {
          errors.push(error)
          statuses.push({
            provider: PROVIDER,
            scope: label,
            status: 'failed',
            error: errorSentence(`Could not list the subscriptions of ${describe(label)}: ${errorSentence(error)}`),
            count: 0,
          })
        }
      }),
    ),
  )
  return {subscriptions: [...found].sort(), statuses, errors}
}

/**
 * Lists the resources of up to 300 subscriptions in one paged query. An expired skip token
 * restarts the batch from scratch (nothing is kept twice). A permission error splits the batch
 * in halves, so that only the subscriptions the identity cannot read are recorded as failed.
 */
async function collectBatch(graph: ResourceGraph, subscriptions: string[], ctx: CollectContext): Promise<BatchResult> {
  for (let restarts = 0; ; restarts++) {
    const resources: ResourceInput[] = []
    const counts = new Map(subscriptions.map((s) => [s, 0]))
    const groups = new Map<string, number>()
    let skipped = 0
    let truncated = false
    try {
      for await (const [page] of graph.pages({subscriptions}, RESOURCES_QUERY)) {
        const touched = new Set<string>()
        for (const row of page!.rows) {
          const subscription = String(row.subscriptionId ?? '').toLowerCase()
          if (isResourceGroupRow(row)) {
            groups.set(subscription, (groups.get(subscription) ?? 0) + 1)
            continue
          }
          const resource = mapResourceRow(row)
          if (!resource) {
            skipped++
            continue
          }
          resources.push(resource)
          counts.set(subscription, (counts.get(subscription) ?? 0) + 1)
          touched.add(subscription)
        }
        truncated ||= page!.truncated
        for (const s of touched) if (subscriptions.includes(s)) ctx.progress.scopeProgress(PROVIDER, s, counts.get(s)!)
      }
      const statuses = subscriptions.map((s): SourceStatus => {
        const warnings: string[] = []
        const groupCount = groups.get(s) ?? 0
        if (groupCount > 0)
          warnings.push(`${groupCount} resource group${groupCount === 1 ? '' : 's'} seen; they are containers, not resources.`)
        if (skipped > 0) warnings.push(`${skipped} Resource Graph rows without an id or type were skipped.`)
        if (truncated) warnings.push('Resource Graph truncated the result without a skip token; some resources may be missing.')
        return {
          provider: PROVIDER,
          scope: s,
          status: truncated ? 'partial' : 'complete',
          count: counts.get(s) ?? 0,
          ...(warnings.length > 0 ? {warnings} : {}),
        }
      })
      return {resources, statuses}
    } catch (error) {
      if (isExpiredSkipToken(error) && restarts < MAX_RESTARTS) continue
      if (error instanceof HttpError && error.kind === 'forbidden' && subscriptions.length > 1) {
        const half = Math.ceil(subscriptions.length / 2)
        const first = await collectBatch(graph, subscriptions.slice(0, half), ctx)
        const second = await collectBatch(graph, subscriptions.slice(half), ctx)
        return {resources: [...first.resources, ...second.resources], statuses: [...first.statuses, ...second.statuses]}
      }
      const message = errorSentence(error)
      return {
        // Pages read before the failure are kept; their subscriptions are marked partial.
        resources,
        statuses: subscriptions.map((s): SourceStatus => {
          const count = counts.get(s) ?? 0
          return {provider: PROVIDER, scope: s, status: count > 0 ? 'partial' : 'failed', error: message, count}
        }),
      }
    }
  }
}

export async function collectAzure(ctx: CollectContext): Promise<CollectorResult> {
  const options = parseAzureOptions(ctx.options.azure)
  const cloud = AZURE_CLOUDS[options.cloud]
  const credential = await createCredential(ctx.env, cloud, ctx.clock)
  const authorize = bearerAuthenticator(credential, cloud.scope, ctx.clock)
  // Fail fast, before any scope starts, when no token can be had at all.
  await authorize()
  const graph = new ResourceGraph(
    createGraphHttpClient({
      baseUrl: ctx.endpoints.azure ?? cloud.arm,
      auth: authorize,
      clock: ctx.clock,
      fetch: ctx.fetch,
      signal: ctx.signal,
    }),
  )

  const sources: SourceStatus[] = []
  let subscriptions = options.subscriptions ?? []
  if (options.managementGroups || !options.subscriptions) {
    const discovered = await discoverSubscriptions(graph, options.managementGroups, ctx)
    sources.push(...discovered.statuses)
    subscriptions = [...new Set([...subscriptions, ...discovered.subscriptions])]
    if (subscriptions.length === 0) {
      const failure = discovered.statuses.find((s) => s.status === 'failed')
      const rejected = discovered.errors.some((e) => e instanceof HttpError && e.kind === 'auth')
      throw new ExitreadyError(
        failure ? `Azure: ${failure.error}` : 'Azure: the identity can see no subscription.',
        ExitCode.noProvider,
        rejected
          ? 'Check that the token is current and issued for this cloud (--azure-cloud), e.g. run `az login` again or renew AZURE_ACCESS_TOKEN.'
          : 'Assign the identity the Reader role on the subscriptions or management groups to scan, or name them with --azure-subscription.',
      )
    }
  }

  for (const s of subscriptions) ctx.progress.scopeStarted(PROVIDER, s)
  const limit = pLimit(Math.max(1, ctx.concurrency))
  const batches = await Promise.all(
    chunk(subscriptions, SUBSCRIPTIONS_PER_QUERY).map((batch) =>
      limit(async () => {
        const result = await collectBatch(graph, batch, ctx)
        for (const status of result.statuses) ctx.progress.scopeFinished(PROVIDER, status)
        return result
      }),
    ),
  )

  const byId = new Map<string, ResourceInput>()
  for (const batch of batches) {
    sources.push(...batch.statuses)
    for (const resource of batch.resources)
      if (!byId.has(resource.id.toLowerCase())) byId.set(resource.id.toLowerCase(), resource)
  }
  const scopeStatuses = batches.flatMap((b) => b.statuses)
  if (scopeStatuses.every((s) => s.status === 'failed')) {
    throw new ExitreadyError(
      `Azure: no subscription could be read (${scopeStatuses[0]?.error?.replace(/\.$/, '') ?? 'unknown error'}).`,
      ExitCode.noProvider,
      'Check that the identity has the Reader role on the subscriptions to scan.',
    )
  }
  const resources = [...byId.values()]
  alignReferenceCase(resources)
  return {resources, sources}
}
