import type {ResourceInput} from '../../inventory/model.js'
import {describeAwsError, errorName, isAccessDenied} from './errors.js'
import {resourceFromArn, type UnmappedCounter} from './resource.js'
import type {AwsAccount, AwsSession} from './session.js'
import {malformed, type ScopeListing} from './tagging.js'

export const ENABLE_RESOURCE_EXPLORER =
  'turn it on in the console (Resource Explorer → Turn on Resource Explorer, quick setup with an aggregator index) or with ' +
  '`aws resource-explorer-2 create-resource-explorer-setup --region-list <regions> --aggregator-regions <region>`, or scan with --aws-source tagging'

/** ListResources pages: at most 1,000 results each. */
const PAGE_SIZE = 1000

interface ExplorerIndex {
  region: string
  aggregator: boolean
}

/** One Resource Explorer query target: the aggregator region (covers every region) or one local index. */
export interface ExplorerTarget {
  scope: string
  region: string
}

/** The regions to query: the aggregator index alone when there is one, else every local index. */
export async function explorerTargets(
  session: AwsSession,
  account: AwsAccount,
): Promise<{targets: ExplorerTarget[]} | {error: string}> {
  const {ResourceExplorer2Client, ListIndexesCommand} = await import('@aws-sdk/client-resource-explorer-2')
  const client = new ResourceExplorer2Client(session.config('resourceExplorer', session.homeRegion, account.credentials))
  const indexes: ExplorerIndex[] = []
  try {
    let token: string | undefined
    do {
      const page = await session.send(() => client.send(new ListIndexesCommand({NextToken: token})))
      for (const index of page.Indexes ?? [])
        if (index.Region) indexes.push({region: index.Region, aggregator: index.Type === 'AGGREGATOR'})
      token = page.NextToken || undefined
    } while (token)
  } catch (error) {
    return {error: describeAwsError(`Listing the Resource Explorer indexes of account ${account.id}`, error)}
  } finally {
    client.destroy()
  }
  if (indexes.length === 0)
    return {error: `Resource Explorer is not turned on in account ${account.id}: ${ENABLE_RESOURCE_EXPLORER}.`}
  const aggregator = indexes.find((index) => index.aggregator)
  if (aggregator) return {targets: [{scope: `${account.id}/all-regions`, region: aggregator.region}]}
  const wanted = session.options.regions
  const local = indexes.filter((index) => wanted.length === 0 || wanted.includes(index.region))
  return {targets: local.map((index) => ({scope: `${account.id}/${index.region}`, region: index.region}))}
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

/** Lists one Resource Explorer target through its default view; untagged resources included. */
export async function listExplorerTarget(
  session: AwsSession,
  account: AwsAccount,
  target: ExplorerTarget,
  unmapped: UnmappedCounter,
  onProgress: (count: number) => void,
): Promise<ScopeListing> {
  const {ResourceExplorer2Client, ListResourcesCommand} = await import('@aws-sdk/client-resource-explorer-2')
  const client = new ResourceExplorer2Client(session.config('resourceExplorer', target.region, account.credentials))
  const wanted = session.options.regions
  const found = new Map<string, ResourceInput>()
  try {
    let token: string | undefined
    do {
      const page = await session.send(() => client.send(new ListResourcesCommand({MaxResults: PAGE_SIZE, NextToken: token})))
      if (page.Resources !== undefined && !Array.isArray(page.Resources)) throw malformed('Resources is not a list')
      for (const item of page.Resources ?? []) {
        if (!item.Arn || found.has(item.Arn)) continue
        const region = item.Region || 'global'
        if (wanted.length > 0 && region !== 'global' && !wanted.includes(region)) continue
        const context = {
          account: item.OwningAccountId ?? account.id,
          region,
          source: 'aws:resource-explorer',
          cfnType: item.CfnResourceType,
          explorerType: item.ResourceType,
        }
        found.set(item.Arn, resourceFromArn(item.Arn, tagsFromProperties(item.Properties), context, unmapped))
      }
      onProgress(found.size)
      token = page.NextToken || undefined
    } while (token)
    return {resources: [...found.values()]}
  } catch (error) {
    const what = `Resource Explorer ListResources in ${target.region} of account ${account.id}`
    // Without a default view (or without access to it) the call fails with 401 UnauthorizedException.
    if (errorName(error) === 'UnauthorizedException' || errorName(error) === 'ResourceNotFoundException')
      return {
        resources: [...found.values()],
        error: `${what} failed: the region has no default view or it is not shared with you; create one with \`aws resource-explorer-2 create-view --view-name all-resources --region ${target.region}\` and \`aws resource-explorer-2 associate-default-view --view-arn <arn>\`, or ${ENABLE_RESOURCE_EXPLORER}.`,
      }
    if (isAccessDenied(error))
      return {resources: [...found.values()], error: describeAwsError(`${what} (needs resource-explorer-2:Search)`, error)}
    return {resources: [...found.values()], error: describeAwsError(what, error)}
  } finally {
    client.destroy()
  }
}
