import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, HttpError, PartialPagesError} from '../http.js'
import {listS3Buckets} from '../s3-buckets.js'
import {type LimitedClient, mapPartial, PartialListError, ScanSession, type ScopeList} from '../scope.js'
import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'
import {expectList} from '../values.js'
import {resolveScalewayCredentials, type ScalewayCredentials} from './credentials.js'
import {PRODUCT_LOCALITIES, PUBLIC_REGIONS, PUBLIC_ZONES} from './localities.js'
import {
  type ApiObject,
  mapBlockVolume,
  mapBucket,
  mapContainer,
  mapDnsZone,
  mapFunction,
  mapInstanceServer,
  mapInstanceVolume,
  mapK8sCluster,
  mapLoadBalancer,
  mapMongoInstance,
  mapPrivateNetwork,
  mapRdbInstance,
  mapRedisCluster,
  mapRegistryNamespace,
  mapSecret,
  mapServerlessNamespace,
  mapVpc,
} from './mapping.js'
import {scalewayOptions} from './spec.js'

export {PUBLIC_REGIONS, PUBLIC_ZONES} from './localities.js'

const DEFAULT_API = 'https://api.scaleway.com'
const S3_ENDPOINT_TEMPLATE = 'https://s3.{region}.scw.cloud'
/** The most every list accepts (the Instance API's per_page and the others' page_size). */
const PAGE_SIZE = 100

/** One list endpoint: the product (for its localities), its path under a zone or region, the array key, the mapping. */
interface ListSpec {
  product: string
  path: (locality: string) => string
  key: string
  /** The Instance API pages with per_page and sends the total in X-Total-Count. */
  instanceApi?: boolean
  map: (item: ApiObject, locality: string) => ResourceInput
}

const ZONE_LISTS: Record<string, ListSpec> = {
  'instance servers': {
    product: 'instance',
    path: (z) => `/instance/v1/zones/${z}/servers`,
    key: 'servers',
    instanceApi: true,
    map: mapInstanceServer,
  },
  'instance volumes': {
    product: 'instance',
    path: (z) => `/instance/v1/zones/${z}/volumes`,
    key: 'volumes',
    instanceApi: true,
    map: mapInstanceVolume,
  },
  'block volumes': {product: 'block', path: (z) => `/block/v1/zones/${z}/volumes`, key: 'volumes', map: mapBlockVolume},
  'load balancers': {product: 'lb', path: (z) => `/lb/v1/zones/${z}/lbs`, key: 'lbs', map: mapLoadBalancer},
  'redis clusters': {product: 'redis', path: (z) => `/redis/v1/zones/${z}/clusters`, key: 'clusters', map: mapRedisCluster},
}

const REGION_LISTS: Record<string, ListSpec> = {
  'database instances': {
    product: 'rdb',
    path: (r) => `/rdb/v1/regions/${r}/instances`,
    key: 'instances',
    map: mapRdbInstance,
  },
  'mongodb instances': {
    product: 'mongodb',
    path: (r) => `/mongodb/v1/regions/${r}/instances`,
    key: 'instances',
    map: mapMongoInstance,
  },
  'kubernetes clusters': {product: 'k8s', path: (r) => `/k8s/v1/regions/${r}/clusters`, key: 'clusters', map: mapK8sCluster},
  vpcs: {product: 'vpc', path: (r) => `/vpc/v2/regions/${r}/vpcs`, key: 'vpcs', map: mapVpc},
  'private networks': {
    product: 'vpc',
    path: (r) => `/vpc/v2/regions/${r}/private-networks`,
    key: 'private_networks',
    map: mapPrivateNetwork,
  },
  'registry namespaces': {
    product: 'registry',
    path: (r) => `/registry/v1/regions/${r}/namespaces`,
    key: 'namespaces',
    map: mapRegistryNamespace,
  },
  secrets: {
    product: 'secret-manager',
    path: (r) => `/secret-manager/v1beta1/regions/${r}/secrets`,
    key: 'secrets',
    map: mapSecret,
  },
}

/** Scaleway errors are {message, type, …}. */
function describeError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? {message: body} : undefined
  const b = body as {message?: unknown; type?: unknown; help_message?: unknown}
  return {
    code: b.type === undefined ? undefined : String(b.type),
    message: b.message === undefined ? undefined : String(b.message),
  }
}

/**
 * Every page of a list, in one slot: page/page_size and total_count, or per_page and X-Total-Count
 * for the Instance API. While fewer items than the total were read, the next page is asked for: an
 * empty page then ends the list as partial (collectPages says why) instead of counting it complete.
 */
function listAll(client: LimitedClient, path: string, spec: Pick<ListSpec, 'key' | 'instanceApi'>): Promise<ApiObject[]> {
  return client.run((http) =>
    collectPages<ApiObject, number>(async (page = 1, before) => {
      const query = spec.instanceApi ? {per_page: PAGE_SIZE, page} : {page_size: PAGE_SIZE, page}
      const response = await http.getJson<{total_count?: number}>(path, query)
      const items = expectList<ApiObject>(response.data, `scaleway: GET ${path}`, spec.key)
      const header = response.headers.get('x-total-count')
      const total = header !== null && /^\d+$/.test(header) ? Number(header) : response.data?.total_count
      const more = typeof total === 'number' ? before + items.length < total : items.length === PAGE_SIZE
      return {items, next: more ? page + 1 : undefined}
    }),
  )
}

/**
 * Why a failed list means "nothing to list here" rather than a failure, or undefined. The gateway's
 * "Unknown zone in path" is that for a default locality, but a failure for one the user named. A
 * 400 or 404 from a locality where the SDK does not offer the product is that too. Everywhere else
 * a 404 is a real failure.
 */
function notOfferedHere(error: unknown, name: string, product: string, locality: string, named: boolean): string | undefined {
  if (!(error instanceof HttpError) || (error.status !== 400 && error.status !== 404)) return undefined
  if (error.status === 400 && /unknown (zone|region)/i.test(error.message))
    return named ? undefined : `${name}: the API does not know ${locality}; it was skipped.`
  if (!(PRODUCT_LOCALITIES[product]?.includes(locality) ?? true)) return `${name} are not offered in ${locality}.`
  return undefined
}

/** The items of a list, or those read before it stopped early, with the reason. */
async function settle<T>(pages: Promise<T[]>): Promise<{items: T[]; reason?: string}> {
  try {
    return {items: await pages}
  } catch (error) {
    if (error instanceof PartialPagesError) return {items: error.items as T[], reason: error.reason}
    throw error
  }
}

export const collector: Collector = {
  id: 'scaleway',
  title: 'Scaleway',

  async detect(ctx): Promise<Detection> {
    const credentials = await resolveScalewayCredentials(ctx.env)
    return 'secretKey' in credentials ? {available: true, via: credentials.via} : {available: false, reason: credentials.reason}
  },

  async collect(ctx: CollectContext): Promise<CollectorResult> {
    const credentials = await resolveScalewayCredentials(ctx.env)
    if (!('secretKey' in credentials))
      throw new ExitreadyError(
        `Scaleway: no credentials (${credentials.reason}).`,
        ExitCode.noProvider,
        'Set SCW_SECRET_KEY (and SCW_ACCESS_KEY for Object Storage), or configure a profile with `scw init`.',
      )
    // Validated by the registry already; parsing again is idempotent and covers library callers.
    const options = scalewayOptions.parse(ctx.options.scaleway ?? {})
    const zones = options.zones ?? PUBLIC_ZONES
    const regions = options.regions ?? PUBLIC_REGIONS
    const session = new ScanSession(ctx, 'scaleway', 'Scaleway')
    const client = session.client({
      baseUrl: ctx.endpoints.scaleway ?? credentials.apiUrl ?? DEFAULT_API,
      auth: () => ({'x-auth-token': credentials.secretKey}),
      describeError,
    })

    /** A product missing from a zone or region is noted, not counted as a failure. */
    const tolerant =
      (name: string, product: string, locality: string, list: () => Promise<ResourceInput[]>): ScopeList =>
      async (scope) => {
        try {
          return await list()
        } catch (error) {
          // A locality the user named is never skipped silently: "Unknown zone" then fails its scope.
          const named = (zones.includes(locality) ? options.zones : options.regions) !== undefined
          const why = notOfferedHere(error, name, product, locality, named)
          if (!why) throw error
          scope.warn(why)
          return []
        }
      }
    const partsOf = (lists: Record<string, ListSpec>, locality: string) =>
      Object.fromEntries(
        Object.entries(lists).map(([name, spec]) => [
          name,
          tolerant(name, spec.product, locality, () =>
            mapPartial(listAll(client, spec.path(locality), spec), (item) => spec.map(item, locality)),
          ),
        ]),
      )

    const scans = [
      ...zones.map((zone) => session.scope(zone, partsOf(ZONE_LISTS, zone))),
      ...regions.map((region) =>
        session.scope(region, {
          ...partsOf(REGION_LISTS, region),
          functions: tolerant('functions', 'functions', region, serverless('function', region)),
          containers: tolerant('containers', 'containers', region, serverless('container', region)),
          ...(credentials.accessKey ? {'object storage': objectStorage(region, credentials)} : {}),
        }),
      ),
      session.scope('global', {
        'dns zones': () =>
          mapPartial(listAll(client, '/domain/v2beta1/dns-zones', {key: 'dns_zones'}), (zone) => mapDnsZone(zone)),
      }),
    ]
    await Promise.all(scans)
    return session.result('Check that SCW_SECRET_KEY is a valid, unexpired API key with read access to the projects.')

    /** Namespaces, then the functions or containers in them (these carry no project id; their namespace does). */
    function serverless(kind: 'function' | 'container', region: string) {
      const api = kind === 'function' ? `/functions/v1beta1/regions/${region}` : `/containers/v1beta1/regions/${region}`
      return async (): Promise<ResourceInput[]> => {
        const namespaces = await settle(listAll(client, `${api}/namespaces`, {key: 'namespaces'}))
        const items = await settle(listAll(client, `${api}/${kind}s`, {key: `${kind}s`}))
        const projectOf = new Map(namespaces.items.map((n) => [n.id as string, n.project_id as string | undefined]))
        const map = kind === 'function' ? mapFunction : mapContainer
        const resources: ResourceInput[] = []
        for (const n of namespaces.items) resources.push(mapServerlessNamespace(kind, n, region))
        for (const item of items.items) resources.push(map(item, region, projectOf.get(item.namespace_id)))
        const reason = namespaces.reason ?? items.reason
        if (reason) throw new PartialListError(reason, resources)
        return resources
      }
    }

    /** Buckets through the S3 API; they belong to the key's preferred project. */
    function objectStorage(region: string, keys: ScalewayCredentials): ScopeList {
      return async () => {
        const template = ctx.endpoints['scaleway-s3'] ?? S3_ENDPOINT_TEMPLATE
        const buckets = listS3Buckets(session, {
          baseUrl: template.replace('{region}', region),
          region,
          accessKeyId: keys.accessKey!,
          secretAccessKey: keys.secretKey,
        })
        return mapPartial(buckets, (b) => mapBucket(b.name, region, keys.projectId))
      }
    }
  },
}
