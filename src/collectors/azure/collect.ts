import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput, SourceStatus} from '../../inventory/model.js'
import {HttpError, PartialPagesError} from '../http.js'
import {type LimitedClient, mapPartial, PartialListError, reasonOf, ScanSession} from '../scope.js'
import {errorSentence} from '../scrub.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {AZURE_CLOUDS, bearerAuthenticator, createCredential} from './auth.js'
import {type GraphScope, graphClientOptions, isExpiredSkipToken, type QueryFlags, ResourceGraph, readRows} from './graph.js'
import {
  alignReferenceCase,
  isResourceGroupRow,
  mapResourceRow,
  RESOURCES_QUERY,
  SUBSCRIPTIONS_QUERY,
  subscriptionOf,
} from './mapping.js'
import {parseAzureOptions} from './options.js'

const PROVIDER = 'azure'
/** Resource Graph's guidance: fewer than 300 subscriptions in one query. */
export const SUBSCRIPTIONS_PER_QUERY = 299
/** Restarts of a batch whose skip token expired, before it is recorded as failed. */
const MAX_RESTARTS = 2

type Row = Record<string, unknown>

/** What one batch query found for one of its subscriptions. */
interface SubscriptionOutcome {
  resources: ResourceInput[]
  resourceGroups: number
  skippedRows: number
  truncated: boolean
  /** Why the query stopped early; the resources read before it are kept. */
  failure?: unknown
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

const newFlags = (): QueryFlags => ({subscriptionLimitHit: false, truncated: false})

function outcomesOf(subscriptions: string[], failure?: unknown): Map<string, SubscriptionOutcome> {
  return new Map(subscriptions.map((s) => [s, {resources: [], resourceGroups: 0, skippedRows: 0, truncated: false, failure}]))
}

/**
 * Lists the resources of up to 300 subscriptions in one paged query, within one slot of the scan's
 * concurrency bound. An expired skip token restarts the batch (nothing is kept twice); a permission
 * error splits it in halves, so that only the subscriptions the identity cannot read fail; rejected
 * credentials are thrown, so the session stops the queries still queued.
 */
async function readBatch(
  graph: ResourceGraph,
  subscriptions: string[],
  ctx: CollectContext,
): Promise<Map<string, SubscriptionOutcome>> {
  for (let restarts = 0; ; restarts++) {
    const outcomes = outcomesOf(subscriptions)
    const unknown = {resourceGroups: 0, skippedRows: 0}
    const outcomeOf = (row: Row) => outcomes.get(subscriptionOf(row) ?? '')
    const flags = newFlags()
    const counts = new Map<string, number>()
    const onPage = (rows: Row[]) => {
      const touched = new Set<string>()
      for (const row of rows) {
        const subscription = subscriptionOf(row)
        if (!subscription || !outcomes.has(subscription) || isResourceGroupRow(row) || !row.id || !row.type) continue
        counts.set(subscription, (counts.get(subscription) ?? 0) + 1)
        touched.add(subscription)
      }
      for (const s of touched) ctx.progress.scopeProgress(PROVIDER, s, counts.get(s)!)
    }
    const toResource = (row: Row): ResourceInput | undefined => {
      const outcome = outcomeOf(row) ?? unknown
      if (isResourceGroupRow(row)) {
        outcome.resourceGroups++
        return undefined
      }
      const resource = mapResourceRow(row)
      if (!resource) outcome.skippedRows++
      return resource
    }
    let resources: ResourceInput[]
    let failure: unknown
    try {
      resources = await mapPartial(readRows(graph, {subscriptions}, RESOURCES_QUERY, ctx.clock, flags, onPage), toResource)
    } catch (error) {
      const cause = error instanceof PartialListError ? flags.lastError : error
      if (isExpiredSkipToken(cause) && restarts < MAX_RESTARTS) continue
      if (cause instanceof HttpError && cause.kind === 'forbidden' && subscriptions.length > 1) {
        const half = Math.ceil(subscriptions.length / 2)
        const merged = await readBatch(graph, subscriptions.slice(0, half), ctx)
        for (const [subscription, outcome] of await readBatch(graph, subscriptions.slice(half), ctx))
          merged.set(subscription, outcome)
        return merged
      }
      if (!(error instanceof PartialListError)) {
        if (error instanceof HttpError && error.kind === 'auth') throw error
        return outcomesOf(subscriptions, error)
      }
      resources = error.resources
      failure = error
    }
    for (const resource of resources) {
      const outcome = outcomes.get(resource.account?.toLowerCase() ?? '')
      if (outcome) outcome.resources.push(resource)
      else unknown.skippedRows++
    }
    for (const outcome of outcomes.values()) {
      outcome.failure = failure
      outcome.truncated = flags.truncated
      // Rows that name no subscription of the batch are noted on each of them.
      outcome.skippedRows += unknown.skippedRows
    }
    return outcomes
  }
}

/**
 * One subscription's list, read from the query of its batch. Rows that could not be read make it
 * partial rather than silently shorter.
 */
async function subscriptionResources(outcome: SubscriptionOutcome, warn: (message: string) => void): Promise<ResourceInput[]> {
  const {resourceGroups, skippedRows, resources} = outcome
  if (resourceGroups > 0)
    warn(`${resourceGroups} resource group${resourceGroups === 1 ? '' : 's'} seen; they are containers, not resources.`)
  const unreadable = `${skippedRows} Resource Graph row${skippedRows === 1 ? '' : 's'} without an id or type could not be read`
  if (outcome.failure || outcome.truncated) {
    if (skippedRows > 0) warn(`${unreadable}.`)
    if (outcome.failure instanceof PartialListError) throw new PartialListError(outcome.failure.message, resources)
    if (outcome.failure) throw outcome.failure
    throw new PartialListError(
      'Resource Graph truncated the result without a skip token; some resources may be missing',
      resources,
    )
  }
  if (skippedRows > 0) throw new PartialListError(unreadable, resources)
  return resources
}

interface Discovery {
  subscriptions: string[]
  /** Scopes whose listing stopped early or hit the 10,000-subscription limit; the rest is scanned. */
  partial: SourceStatus[]
  /** Scopes whose listing failed: the scope, the error, and the sentence recorded for it. */
  failures: {label: string; error: unknown; message: string}[]
}

/** Subscriptions visible to the identity: at tenant scope, or under each management group. */
async function discoverSubscriptions(
  client: LimitedClient,
  managementGroups: string[] | undefined,
  ctx: CollectContext,
): Promise<Discovery> {
  const scopes: {label: string; scope: GraphScope}[] = managementGroups
    ? managementGroups.map((id) => ({label: `managementGroups/${id}`, scope: {managementGroups: [id]}}))
    : [{label: 'tenant', scope: {}}]
  const describe = (label: string) => (label === 'tenant' ? 'the tenant' : `management group ${label.split('/')[1]}`)
  const found = new Set<string>()
  const discovery: Discovery = {subscriptions: [], partial: [], failures: []}
  const partial = (label: string, message: string) => {
    const status: SourceStatus = {provider: PROVIDER, scope: label, status: 'partial', error: errorSentence(message), count: 0}
    ctx.progress.scopeStarted(PROVIDER, label)
    discovery.partial.push(status)
    ctx.progress.scopeFinished(PROVIDER, status)
  }
  await Promise.all(
    scopes.map(async ({label, scope}) => {
      const flags = newFlags()
      let rows: Row[]
      let stoppedEarly: string | undefined
      try {
        rows = await client.run((http) => readRows(new ResourceGraph(http), scope, SUBSCRIPTIONS_QUERY, ctx.clock, flags))
      } catch (error) {
        if (!(error instanceof PartialPagesError)) {
          const message = `Could not list the subscriptions of ${describe(label)}: ${reasonOf(error)}.`
          discovery.failures.push({label, error, message})
          return
        }
        rows = error.items as Row[]
        stoppedEarly = error.reason
      }
      for (const row of rows) if (typeof row.subscriptionId === 'string') found.add(row.subscriptionId.toLowerCase())
      if (flags.subscriptionLimitHit) {
        const message = `More than 10,000 subscriptions are in scope of ${label}; Resource Graph listed only the first 10,000, so scan by management group to cover the rest.`
        ctx.progress.warn(PROVIDER, message)
        partial(label, message)
      } else if (stoppedEarly) partial(label, `The subscriptions of ${describe(label)} ${stoppedEarly}`)
      else if (flags.truncated)
        partial(label, `Resource Graph truncated the subscriptions of ${describe(label)}; some subscriptions may be missing.`)
    }),
  )
  discovery.subscriptions = [...found].sort()
  return discovery
}

export async function collectAzure(ctx: CollectContext): Promise<CollectorResult> {
  const options = parseAzureOptions(ctx.options.azure)
  const cloud = AZURE_CLOUDS[options.cloud]
  const credential = await createCredential(ctx.env, cloud, ctx.clock)
  const authorize = bearerAuthenticator(credential, cloud.scope, ctx.clock)
  // Fail fast, before any scope starts, when no token can be had at all.
  await authorize()
  const session = new ScanSession(ctx, PROVIDER, 'Azure')
  const client = session.client(graphClientOptions(ctx.endpoints.azure ?? cloud.arm, authorize))

  let subscriptions = options.subscriptions ?? []
  let partialDiscovery: SourceStatus[] = []
  if (options.managementGroups || !options.subscriptions) {
    const discovery = await discoverSubscriptions(client, options.managementGroups, ctx)
    partialDiscovery = discovery.partial
    subscriptions = [...new Set([...subscriptions, ...discovery.subscriptions])]
    if (subscriptions.length === 0) {
      const first = discovery.failures[0]
      const rejected = discovery.failures.some(({error}) => error instanceof HttpError && error.kind === 'auth')
      throw new ExitreadyError(
        first ? `Azure: ${errorSentence(first.message)}` : 'Azure: the identity can see no subscription.',
        ExitCode.noProvider,
        rejected
          ? 'Check that the token is current and issued for this cloud (--azure-cloud), e.g. run `az login` again or renew AZURE_ACCESS_TOKEN.'
          : 'Assign the identity the Reader role on the subscriptions or management groups to scan, or name them with --azure-subscription.',
      )
    }
    for (const {label, message} of discovery.failures) session.failedScope(label, message)
  }

  const scans: Promise<unknown>[] = []
  for (const batch of chunk(subscriptions, SUBSCRIPTIONS_PER_QUERY)) {
    // One query serves every subscription of the batch; each subscription is its own scope.
    const query = client.run((http) => readBatch(new ResourceGraph(http), batch, ctx))
    for (const subscription of batch)
      scans.push(
        session.scope(subscription, {
          resources: async (scope) => subscriptionResources((await query).get(subscription)!, scope.warn),
        }),
      )
  }
  await Promise.all(scans)
  const result = session.result(
    'Check that the token is current and issued for this cloud (--azure-cloud), and that the identity has the Reader role on the subscriptions to scan.',
  )
  alignReferenceCase(result.resources)
  return {resources: result.resources, sources: [...partialDiscovery, ...result.sources]}
}
