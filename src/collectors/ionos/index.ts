import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {type Authenticator, collectPages, PartialPagesError} from '../http.js'
import {type LimitedClient, mapPartial, PartialListError, reasonOf, ScanSession} from '../scope.js'
import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'
import {expectList} from '../values.js'
import {
  type ApiObject,
  type Datacenter,
  labelTags,
  linkDatacenter,
  mapApplicationLoadBalancer,
  mapDatabaseCluster,
  mapDatacenter,
  mapK8sCluster,
  mapLan,
  mapNetworkLoadBalancer,
  mapServer,
  mapVolume,
} from './mapping.js'
import {parseIonosOptions} from './spec.js'

const CLOUD_API_PATH = '/cloudapi/v6'
const DEFAULT_HOST = 'https://api.ionos.com'
/** The Cloud API's default `limit` (its maximum is 10000); DBaaS lists default to 100. */
const CLOUD_PAGE = 1000
const DBAAS_PAGE = 100

type IonosAuth = {header: string; via: string} | {reason: string}

export function resolveIonosAuth(env: NodeJS.ProcessEnv): IonosAuth {
  if (env.IONOS_TOKEN) return {header: `Bearer ${env.IONOS_TOKEN}`, via: 'IONOS_TOKEN'}
  if (env.IONOS_USERNAME && env.IONOS_PASSWORD)
    return {
      header: `Basic ${Buffer.from(`${env.IONOS_USERNAME}:${env.IONOS_PASSWORD}`).toString('base64')}`,
      via: 'IONOS_USERNAME and IONOS_PASSWORD',
    }
  return {reason: 'neither IONOS_TOKEN nor IONOS_USERNAME and IONOS_PASSWORD are set'}
}

/** The Cloud API base: the override as given, or IONOS_API_URL completed with /cloudapi/v6 as the SDKs do. */
function cloudApiUrl(ctx: CollectContext): string {
  if (ctx.endpoints.ionos) return ctx.endpoints.ionos
  const env = ctx.env.IONOS_API_URL?.replace(/\/+$/, '')
  if (!env) return `${DEFAULT_HOST}${CLOUD_API_PATH}`
  return env.endsWith(CLOUD_API_PATH) ? env : `${env}${CLOUD_API_PATH}`
}

/** IONOS errors are {httpStatus, messages: [{errorCode, message}]}. */
function describeError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? {message: body} : undefined
  const first = (body as {messages?: {errorCode?: unknown; message?: unknown}[]}).messages?.[0]
  if (!first) return {message: (body as {message?: string}).message}
  return {code: first.errorCode === undefined ? undefined : String(first.errorCode), message: String(first.message ?? '')}
}

/**
 * The next page's offset from a collection's `_links.next` (Cloud API) or `links.next` (DBaaS).
 * Only the offset is taken from the link: the request keeps its own host and path, so a link that
 * names another host can neither bypass an endpoint override nor receive the credentials.
 */
function nextOffset(page: ApiObject | undefined, offset: number, read: number): number | undefined {
  const link = page?._links?.next ?? page?.links?.next
  if (typeof link !== 'string' || link === '') return undefined
  let value: string | null = null
  try {
    value = new URL(link, 'https://api.invalid').searchParams.get('offset')
  } catch {
    // An unparsable link still says there is more: continue after what was read.
  }
  return value !== null && /^\d+$/.test(value) ? Number(value) : offset + read
}

/**
 * Every item of a collection, in one slot. Paged lists send offset/limit and follow the next link;
 * unpaged ones (Kubernetes, labels) send neither but would still follow a next link if one came.
 */
function listAll(
  ctx: CollectContext,
  api: LimitedClient,
  path: string,
  query: Record<string, number>,
  pageSize?: number,
): Promise<ApiObject[]> {
  return api.run((http) =>
    collectPages<ApiObject, number>(
      async (offset) => {
        const paging = pageSize === undefined && offset === undefined ? {} : {offset: offset ?? 0, limit: pageSize}
        const response = await http.getJson<ApiObject>(path, {...query, ...paging})
        const items = expectList<ApiObject>(response.data, `ionos: GET ${path}`, 'items')
        return {items, next: nextOffset(response.data, offset ?? 0, items.length)}
      },
      {clock: ctx.clock},
    ),
  )
}

export const collector: Collector = {
  id: 'ionos',
  title: 'IONOS Cloud',

  detect(ctx): Detection {
    const auth = resolveIonosAuth(ctx.env)
    return 'reason' in auth ? {available: false, reason: auth.reason} : {available: true, via: auth.via}
  },

  async collect(ctx: CollectContext): Promise<CollectorResult> {
    const options = parseIonosOptions(ctx.options.ionos)
    const auth = resolveIonosAuth(ctx.env)
    if ('reason' in auth)
      throw new ExitreadyError(
        `IONOS Cloud: no credentials (${auth.reason}).`,
        ExitCode.noProvider,
        'Set IONOS_TOKEN to a token of a user with read access (see docs/permissions.md).',
      )
    const session = new ScanSession(ctx, 'ionos', 'IONOS Cloud')
    const headers: Record<string, string> = {}
    if (ctx.env.IONOS_CONTRACT_NUMBER) headers['x-contract-number'] = ctx.env.IONOS_CONTRACT_NUMBER
    const authenticate: Authenticator = () => ({authorization: auth.header})
    const client = (baseUrl: string) => session.client({baseUrl, auth: authenticate, headers, describeError})
    const cloudBase = cloudApiUrl(ctx)
    const origin = ctx.endpoints.ionos || ctx.env.IONOS_API_URL ? new URL(cloudBase).origin : DEFAULT_HOST
    const cloud = client(cloudBase)
    const postgres = client(ctx.endpoints['ionos-postgresql'] ?? `${origin}/databases/postgresql`)
    const mongo = client(ctx.endpoints['ionos-mongodb'] ?? `${origin}/databases/mongodb`)
    const cloudPage = options.pageSize ?? CLOUD_PAGE
    const dbaasPage = options.pageSize ?? DBAAS_PAGE

    // Asked first: what every datacenter scope and the Kubernetes scope start from.
    const datacenterPages = listAll(ctx, cloud, '/datacenters', {depth: 1}, cloudPage)
    const datacentersRead = datacenterPages.catch((error: unknown) =>
      error instanceof PartialPagesError ? (error.items as ApiObject[]) : [],
    )

    // Every label of the contract in one call (GET /labels has no paging; depth=1 for the items'
    // properties, unconfirmed but as for every other collection). They become the tags of
    // the datacenters, servers and volumes they name; a scope of their own says when they are missing.
    let tags: Map<string, Record<string, string>> | undefined
    const labels = async (): Promise<ResourceInput[]> => {
      try {
        tags = labelTags(await listAll(ctx, cloud, '/labels', {depth: 1}))
      } catch (error) {
        if (!(error instanceof PartialPagesError)) throw error
        tags = labelTags(error.items as ApiObject[])
        throw new PartialListError(error.reason, [])
      }
      return []
    }

    const locations = new Map<string, string>()
    const datacenterScan = (async () => {
      await session.scope('datacenters', {datacenters: () => mapPartial(datacenterPages, mapDatacenter)})
      const datacenters = await datacentersRead
      for (const d of datacenters) locations.set(d.id, d.properties?.location)
      await Promise.all(datacenters.map((d) => scanDatacenter({id: d.id, location: d.properties?.location})))
    })()

    const kubernetes = async () => {
      const clusters = await listAll(ctx, cloud, '/k8s', {depth: 1})
      await datacentersRead
      const failures: string[] = []
      const resources = await Promise.all(
        clusters.map(async (c) => {
          let pools: ApiObject[] = []
          try {
            pools = await listAll(ctx, cloud, `/k8s/${encodeURIComponent(c.id)}/nodepools`, {depth: 1})
          } catch (error) {
            failures.push(reasonOf(error))
          }
          return mapK8sCluster(c, pools, locations)
        }),
      )
      if (failures.length > 0)
        throw new PartialListError(
          `the node pools of ${failures.length} of ${clusters.length} clusters could not be read; first: ${failures[0]}.`,
          resources,
        )
      return resources
    }

    await Promise.all([
      datacenterScan,
      session.scope('labels', {labels}),
      session.scope('kubernetes', {'kubernetes clusters': kubernetes}),
      session.scope('dbaas-postgresql', {
        'postgresql clusters': () =>
          mapPartial(listAll(ctx, postgres, '/clusters', {}, dbaasPage), (c) => mapDatabaseCluster('postgres-cluster', c)),
      }),
      session.scope('dbaas-mongodb', {
        'mongodb clusters': () =>
          mapPartial(listAll(ctx, mongo, '/clusters', {}, dbaasPage), (c) => mapDatabaseCluster('mongodb-cluster', c)),
      }),
    ])
    const result = session.result(
      'Check IONOS_TOKEN (or IONOS_USERNAME and IONOS_PASSWORD) and that the user may read the datacenters.',
    )
    if (tags)
      for (const resource of result.resources) {
        const own = tags.get(resource.id)
        if (own) resource.tags = {...resource.tags, ...own}
      }
    return result

    async function scanDatacenter(dc: Datacenter): Promise<void> {
      const path = `/datacenters/${encodeURIComponent(dc.id)}`
      const list = (what: string, depth: number) => listAll(ctx, cloud, `${path}/${what}`, {depth}, cloudPage)
      // A server is a server and its NICs: collected page by page, then flattened.
      const servers = async () => {
        const all: ResourceInput[] = []
        const add = (s: ApiObject) => {
          for (const resource of mapServer(s, dc)) all.push(resource)
        }
        try {
          for (const s of await list('servers', 3)) add(s)
        } catch (error) {
          if (!(error instanceof PartialPagesError)) throw error
          for (const s of error.items as ApiObject[]) add(s)
          throw new PartialListError(error.reason, all)
        }
        return all
      }
      await session.scope(
        dc.id,
        {
          // Depth 3 brings each server's attached volumes and NICs with their properties.
          servers,
          volumes: () => mapPartial(list('volumes', 1), (v) => mapVolume(v, dc)),
          lans: () => mapPartial(list('lans', 1), (l) => mapLan(l, dc)),
          // Depth 3 brings the forwarding rules and their targets.
          'network load balancers': () => mapPartial(list('networkloadbalancers', 3), (lb) => mapNetworkLoadBalancer(lb, dc)),
          'application load balancers': () =>
            mapPartial(list('applicationloadbalancers', 1), (lb) => mapApplicationLoadBalancer(lb, dc)),
        },
        {link: linkDatacenter},
      )
    }
  },
}
