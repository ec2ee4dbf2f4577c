import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, HttpError, PartialPagesError} from '../http.js'
import {PartialListError, type ScopeHandle} from '../scope.js'
import {awsErrorName} from './errors.js'
import {resourceFromArn, tagsFromList, type UnmappedCounter} from './resource.js'
import type {AwsAccount, AwsSession} from './session.js'

export const UNTAGGED_WARNING =
  'The AWS tagging API (GetResources) never returns resources that have never had a tag, so this inventory may miss some; ' +
  'run with --aws-source resource-explorer to include them (Resource Explorer must be turned on in the account).'

/** Restarts of one region after its pagination token expired (tokens live 15 minutes). */
const MAX_RESTARTS = 2
/** GetResources takes 1–100 resources a page. */
export const PAGE_SIZE = 100

type Mapping = {ResourceARN?: string; Tags?: {Key?: string; Value?: string}[]}

/**
 * Lists one region of one account through GetResources, 100 per page. A throttled or failed page is
 * retried from its own token (AwsSession.send); a page that still fails after earlier pages keeps
 * those pages (PartialListError). An expired token restarts the region from the first page with an
 * empty result, so no resource is counted twice.
 */
export async function listTaggedRegion(
  session: AwsSession,
  account: AwsAccount,
  region: string,
  unmapped: UnmappedCounter,
  scope: ScopeHandle,
): Promise<ResourceInput[]> {
  const {ResourceGroupsTaggingAPIClient, GetResourcesCommand} = await import('@aws-sdk/client-resource-groups-tagging-api')
  const client = new ResourceGroupsTaggingAPIClient(session.config('tagging', region, account.credentials))
  const what = `GetResources in ${region} of account ${account.id}`
  const toResources = (mappings: Mapping[]) => {
    const seen = new Set<string>()
    const out: ResourceInput[] = []
    for (const mapping of mappings) {
      const arn = mapping.ResourceARN
      if (!arn || seen.has(arn)) continue
      seen.add(arn)
      out.push(resourceFromArn(arn, tagsFromList(mapping.Tags), {account: account.id, region, source: 'aws:tagging'}, unmapped))
    }
    return out
  }
  try {
    for (let restart = 0; ; restart++) {
      try {
        const mappings = await collectPages<Mapping, string>(
          async (token) => {
            const input = {ResourcesPerPage: PAGE_SIZE, ...(token ? {PaginationToken: token} : {})}
            const page = await session.send(what, `${account.id}/${region}`, () => client.send(new GetResourcesCommand(input)))
            const list = page.ResourceTagMappingList
            if (list !== undefined && !Array.isArray(list))
              throw new HttpError(`${what} returned a page whose ResourceTagMappingList is not a list.`, 'malformed')
            return {items: list ?? [], next: page.PaginationToken || undefined}
          },
          {clock: session.clock},
        )
        return toResources(mappings)
      } catch (error) {
        const cause = error instanceof PartialPagesError ? error.cause : error
        if (awsErrorName(cause) === 'PaginationTokenExpiredException' && restart < MAX_RESTARTS) {
          scope.warn(`The pagination token for ${account.id}/${region} expired; the region was listed again from the start.`)
          continue
        }
        if (error instanceof PartialPagesError) throw new PartialListError(error.reason, toResources(error.items as Mapping[]))
        throw error
      }
    }
  } finally {
    client.destroy()
  }
}
