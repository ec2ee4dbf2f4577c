import type {ResourceInput} from '../../inventory/model.js'
import {describeAwsError, errorName} from './errors.js'
import {resourceFromArn, tagsFromList, type UnmappedCounter} from './resource.js'
import type {AwsAccount, AwsSession} from './session.js'

export const UNTAGGED_WARNING =
  'The AWS tagging API (GetResources) never returns resources that have never had a tag, so this inventory may miss some; ' +
  'run with --aws-source resource-explorer to include them (Resource Explorer must be turned on in the account).'

/** Restarts of one region after its pagination token expired (tokens live 15 minutes). */
const MAX_RESTARTS = 2
export const PAGE_SIZE = 100

export interface ScopeListing {
  resources: ResourceInput[]
  /** Set when the scope could not be read to the end; resources read before the failure are kept. */
  error?: string
  warnings?: string[]
}

/**
 * Lists one region of one account through GetResources, 100 per page. A throttled or failed page is
 * retried from its own token (AwsSession.send). An expired token restarts the region from the first
 * page with an empty result, so no resource is counted twice.
 */
export async function listTaggedRegion(
  session: AwsSession,
  account: AwsAccount,
  region: string,
  unmapped: UnmappedCounter,
  onProgress: (count: number) => void,
): Promise<ScopeListing> {
  const {ResourceGroupsTaggingAPIClient, GetResourcesCommand} = await import('@aws-sdk/client-resource-groups-tagging-api')
  const client = new ResourceGroupsTaggingAPIClient(session.config('tagging', region, account.credentials))
  const warnings: string[] = []
  try {
    for (let restart = 0; ; restart++) {
      const found = new Map<string, ResourceInput>()
      const pageUnmapped: UnmappedCounter = new Map()
      const seenTokens = new Set<string>()
      let token: string | undefined
      try {
        do {
          const input = {ResourcesPerPage: PAGE_SIZE, ...(token ? {PaginationToken: token} : {})}
          const page = await session.send(() => client.send(new GetResourcesCommand(input)))
          if (page.ResourceTagMappingList !== undefined && !Array.isArray(page.ResourceTagMappingList))
            throw malformed('ResourceTagMappingList is not a list')
          for (const mapping of page.ResourceTagMappingList ?? []) {
            if (!mapping.ResourceARN || found.has(mapping.ResourceARN)) continue
            const context = {account: account.id, region, source: 'aws:tagging'}
            found.set(
              mapping.ResourceARN,
              resourceFromArn(mapping.ResourceARN, tagsFromList(mapping.Tags), context, pageUnmapped),
            )
          }
          onProgress(found.size)
          token = page.PaginationToken || undefined
          if (token !== undefined && seenTokens.has(token))
            throw new Error(`GetResources in ${region} returned the same pagination token twice`)
          if (token !== undefined) seenTokens.add(token)
        } while (token)
        mergeCounts(unmapped, pageUnmapped)
        return {resources: [...found.values()], warnings}
      } catch (error) {
        if (errorName(error) === 'PaginationTokenExpiredException' && restart < MAX_RESTARTS) {
          warnings.push(`The pagination token for ${account.id}/${region} expired; the region was listed again from the start.`)
          onProgress(0)
          continue
        }
        mergeCounts(unmapped, pageUnmapped)
        const what = `GetResources in ${region} of account ${account.id}`
        return {resources: [...found.values()], error: describeAwsError(what, error), warnings}
      }
    }
  } finally {
    client.destroy()
  }
}

export function malformed(detail: string): Error {
  return Object.assign(new Error(detail), {name: 'MalformedResponse'})
}

function mergeCounts(into: UnmappedCounter, from: UnmappedCounter): void {
  for (const [key, count] of from) into.set(key, (into.get(key) ?? 0) + count)
}
