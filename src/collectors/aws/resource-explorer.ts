import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, HttpError, PartialPagesError} from '../http.js'
import {PartialListError, reasonOf, type ScopeHandle} from '../scope.js'
import {awsErrorName, isAccessDenied} from './errors.js'
import {resourceFromArn, type UnmappedCounter} from './resource.js'
import type {AwsAccount, AwsSession} from './session.js'

export const ENABLE_RESOURCE_EXPLORER =
  'turn it on (console quick setup, or `aws resource-explorer-2 create-resource-explorer-setup --region-list <regions> --aggregator-regions <region>`) or scan with --aws-source tagging'

/**
 * ListResources page size. The API reference: "The ListResources operation does not generate a
 * NextToken if you set MaxResults to 1000", so a page of 1,000 silently ends the list. Any size
 * from 1 to 999 pages; 500 keeps the number of calls low under the 3–5 calls a second quota.
 * (Search is not used: it returns at most 1,000 results in all.)
 */
export const PAGE_SIZE = 500

/** ListIndexes returns at most 100 indexes a page. */
const INDEX_PAGE_SIZE = 100

/** One Resource Explorer query target: the aggregator region (covers every indexed region) or one local index. */
export interface ExplorerTarget {
  scope: string
  region: string
}

export interface ExplorerSetup {
  targets: ExplorerTarget[]
  /** Regions with an index (local or aggregator); only their resources are in Resource Explorer. */
  indexed: Set<string>
}

/** The regions to query: the aggregator index alone when there is one, else every local index. */
export async function explorerTargets(session: AwsSession, account: AwsAccount): Promise<ExplorerSetup> {
  const {ResourceExplorer2Client, ListIndexesCommand} = await import('@aws-sdk/client-resource-explorer-2')
  const client = new ResourceExplorer2Client(session.config('resourceExplorer', session.homeRegion, account.credentials))
  const what = `Listing the Resource Explorer indexes of account ${account.id} (resource-explorer-2:ListIndexes)`
  let indexes: {region: string; aggregator: boolean}[]
  try {
    const listed = await collectPages<{Region?: string; Type?: string}, string>(
      async (token) => {
        const page = await session.send(what, `${account.id}/${session.homeRegion}`, () =>
          client.send(new ListIndexesCommand({MaxResults: INDEX_PAGE_SIZE, NextToken: token})),
        )
        return {items: page.Indexes ?? [], next: page.NextToken || undefined}
      },
      {clock: session.clock},
    )
    indexes = listed.flatMap((index) => (index.Region ? [{region: index.Region, aggregator: index.Type === 'AGGREGATOR'}] : []))
  } finally {
    client.destroy()
  }
  if (indexes.length === 0)
    throw new HttpError(`Resource Explorer is not turned on in account ${account.id}: ${ENABLE_RESOURCE_EXPLORER}.`, 'not-found')
  const indexed = new Set(indexes.map((index) => index.region))
  const aggregator = indexes.find((index) => index.aggregator)
  if (aggregator) return {targets: [{scope: `${account.id}/all-regions`, region: aggregator.region}], indexed}
  const wanted = session.options.regions
  const local = indexes.filter((index) => wanted.length === 0 || wanted.includes(index.region))
  return {targets: local.map((index) => ({scope: `${account.id}/${index.region}`, region: index.region})), indexed}
}

function tagsFromProperties(properties: {Name?: string; Data?: unknown}[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {}
  const data = properties?.find((property) => property.Name === 'tags')?.Data
  if (Array.isArray(data)) {
    for (const tag of data as {Key?: unknown; Value?: unknown}[])
      if (typeof tag?.Key === 'string') tags[tag.Key] = typeof tag.Value === 'string' ? tag.Value : ''
  }
  return tags
}

type Item = {
  Arn?: string
  Region?: string
  OwningAccountId?: string
  ResourceType?: string
  CfnResourceType?: string
  Properties?: {Name?: string; Data?: unknown}[]
}

/** Why a ListResources call failed, as one sentence that says what to do. */
function explain(error: unknown, target: ExplorerTarget, what: string): unknown {
  const name = awsErrorName(error)
  // Without a default view (or without access to it) the call fails with 401 UnauthorizedException.
  if (name === 'UnauthorizedException' || name === 'ResourceNotFoundException')
    return new HttpError(
      `${what} failed: the region has no default view or it is not shared with you; create one with \`aws resource-explorer-2 create-view --view-name all-resources --region ${target.region}\` and \`aws resource-explorer-2 associate-default-view --view-arn <arn>\`.`,
      'forbidden',
      401,
      name,
    )
  if (error instanceof HttpError && (error.kind === 'forbidden' || isAccessDenied({name})))
    return new HttpError(`${error.message.replace(/\.$/, '')} (it needs resource-explorer-2:Search).`, 'forbidden', 403, name)
  return error
}

type ExplorerClient = InstanceType<typeof import('@aws-sdk/client-resource-explorer-2').ResourceExplorer2Client>

/**
 * What the default view hides: a view with a filter lists only the resources that match it, and a
 * view without the `tags` property returns resources without their tags. Neither shows in the
 * listing itself, so the view is read (GetView) and the scope says so.
 */
async function checkView(
  session: AwsSession,
  account: AwsAccount,
  target: ExplorerTarget,
  client: ExplorerClient,
  viewArn: string,
  scope: ScopeHandle,
): Promise<void> {
  const {GetViewCommand} = await import('@aws-sdk/client-resource-explorer-2')
  const what = `Reading the default view of ${target.region} in account ${account.id} (resource-explorer-2:GetView)`
  try {
    const {View: view} = await session.send(what, `${account.id}/${target.region}`, () =>
      client.send(new GetViewCommand({ViewArn: viewArn})),
    )
    const filter = view?.Filters?.FilterString?.trim()
    if (filter)
      scope.warn(
        `The default view of ${target.region} lists only resources matching "${filter}", so resources outside it are missing from this inventory; associate an unfiltered default view, or scan with --aws-source tagging.`,
      )
    if (view && !view.IncludedProperties?.some((property) => property.Name === 'tags'))
      scope.warn(
        `The default view of ${target.region} does not include the tags property, so its resources were listed without their tags.`,
      )
  } catch (error) {
    scope.warn(`${reasonOf(error)}; if the default view has a filter, resources outside it are missing.`)
  }
}

/** Lists one Resource Explorer target through its default view; untagged resources included. */
export async function listExplorerTarget(
  session: AwsSession,
  account: AwsAccount,
  target: ExplorerTarget,
  unmapped: UnmappedCounter,
  scope: ScopeHandle,
): Promise<ResourceInput[]> {
  const {ResourceExplorer2Client, ListResourcesCommand} = await import('@aws-sdk/client-resource-explorer-2')
  const client = new ResourceExplorer2Client(session.config('resourceExplorer', target.region, account.credentials))
  const wanted = session.options.regions
  const what = `Resource Explorer ListResources in ${target.region} of account ${account.id}`
  const toResources = (items: Item[]) => {
    const seen = new Set<string>()
    const out: ResourceInput[] = []
    for (const item of items) {
      if (!item.Arn || seen.has(item.Arn)) continue
      seen.add(item.Arn)
      const region = item.Region || 'global'
      if (wanted.length > 0 && region !== 'global' && !wanted.includes(region)) continue
      const context = {
        account: item.OwningAccountId ?? account.id,
        region,
        source: 'aws:resource-explorer',
        cfnType: item.CfnResourceType,
        explorerType: item.ResourceType,
      }
      out.push(resourceFromArn(item.Arn, tagsFromProperties(item.Properties), context, unmapped))
    }
    return out
  }
  let viewArn: string | undefined
  try {
    const items = await collectPages<Item, string>(
      async (token) => {
        try {
          const page = await session.send(what, `${account.id}/${target.region}`, () =>
            client.send(new ListResourcesCommand({MaxResults: PAGE_SIZE, NextToken: token})),
          )
          if (page.Resources !== undefined && !Array.isArray(page.Resources))
            throw new HttpError(`${what} returned a page whose Resources is not a list.`, 'malformed')
          viewArn ??= page.ViewArn
          return {items: page.Resources ?? [], next: page.NextToken || undefined}
        } catch (error) {
          throw explain(error, target, what)
        }
      },
      {clock: session.clock},
    )
    if (viewArn) await checkView(session, account, target, client, viewArn, scope)
    return toResources(items)
  } catch (error) {
    if (error instanceof PartialPagesError) {
      if (viewArn) await checkView(session, account, target, client, viewArn, scope)
      throw new PartialListError(error.reason, toResources(error.items as Item[]))
    }
    throw error
  } finally {
    client.destroy()
  }
}
