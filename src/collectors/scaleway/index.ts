import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, HttpError} from '../http.js'
import {listS3Buckets} from '../s3-buckets.js'
import {type LimitedClient, ScanSession, type ScopeList} from '../scope.js'
import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'
import {expectList, listOption} from '../values.js'
import {resolveScalewayCredentials, type ScalewayCredentials} from './credentials.js'
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

const DEFAULT_API = 'https://api.scaleway.com'
const S3_ENDPOINT_TEMPLATE = 'https://s3.{region}.scw.cloud'
export const PUBLIC_ZONES = [
  'fr-par-1',
  'fr-par-2',
  'fr-par-3',
  'nl-ams-1',
  'nl-ams-2',
  'nl-ams-3',
  'pl-waw-1',
  'pl-waw-2',
  'pl-waw-3',
]
export const PUBLIC_REGIONS = ['fr-par', 'nl-ams', 'pl-waw']
const PAGE_SIZE = 100

/** One list endpoint: its path under a zone or region, the array key, and the mapping. */
interface ListSpec {
  path: (locality: string) => string
  key: string
  /** The Instance API pages with per_page and sends the total in X-Total-Count. */
  instanceApi?: boolean
  map: (item: ApiObject, locality: string) => ResourceInput
}

const ZONE_LISTS: Record<string, ListSpec> = {
  'instance servers': {path: (z) => `/instance/v1/zones/${z}/servers`, key: 'servers', instanceApi: true, map: mapInstanceServer},
  'instance volumes': {path: (z) => `/instance/v1/zones/${z}/volumes`, key: 'volumes', instanceApi: true, map: mapInstanceVolume},
  'block volumes': {path: (z) => `/block/v1/zones/${z}/volumes`, key: 'volumes', map: mapBlockVolume},
  'load balancers': {path: (z) => `/lb/v1/zones/${z}/lbs`, key: 'lbs', map: mapLoadBalancer},
  'redis clusters': {path: (z) => `/redis/v1/zones/${z}/clusters`, key: 'clusters', map: mapRedisCluster},
}

const REGION_LISTS: Record<string, ListSpec> = {
  'database instances': {path: (r) => `/rdb/v1/regions/${r}/instances`, key: 'instances', map: mapRdbInstance},
  'mongodb instances': {path: (r) => `/mongodb/v1/regions/${r}/instances`, key: 'instances', map: mapMongoInstance},
  'kubernetes clusters': {path: (r) => `/k8s/v1/regions/${r}/clusters`, key: 'clusters', map: mapK8sCluster},
  vpcs: {path: (r) => `/vpc/v2/regions/${r}/vpcs`, key: 'vpcs', map: mapVpc},
  'private networks': {path: (r) => `/vpc/v2/regions/${r}/private-networks`, key: 'private_networks', map: mapPrivateNetwork},
  'registry namespaces': {path: (r) => `/registry/v1/regions/${r}/namespaces`, key: 'namespaces', map: mapRegistryNamespace},
  secrets: {path: (r) => `/secret-manager/v1beta1/regions/${r}/secrets`, key: 'secrets', map: mapSecret},
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

/** Every page of a list, in one slot: page/page_size and total_count, or per_page and X-Total-Count for the Instance API. */
async function listAll(client: LimitedClient, path: string, spec: Pick<ListSpec, 'key' | 'instanceApi'>) {
  return client.run(async (http) => {
    return collectPages<ApiObject, number>(async (page = 1, before) => {
      const query = spec.instanceApi ? {per_page: PAGE_SIZE, page} : {page_size: PAGE_SIZE, page}
      const response = await http.getJson<{total_count?: number}>(path, query)
      const items = expectList<ApiObject>(response.data, `scaleway: GET ${path}`, spec.key)
      const header = response.headers.get('x-total-count')
      const total = header !== null && /^\d+$/.test(header) ? Number(header) : response.data?.total_count
      const seen = before + items.length
      const more = typeof total === 'number' ? seen < total && items.length > 0 : items.length === PAGE_SIZE
      return {items, next: more ? page + 1 : undefined}
    })
  })
}

/** A product that does not exist in a zone or region answers 404 (or 400 naming the locality): not a failure. */
function notOfferedHere(error: unknown): boolean {
  if (!(error instanceof HttpError)) return false
  return error.kind === 'not-found' || (error.kind === 'client' && /\b(zone|region|locality)\b/i.test(error.message))
}

function validLocalities(values: string[] | undefined, pattern: RegExp, what: string): string[] | undefined {
  for (const value of values ?? [])
    if (!pattern.test(value))
      throw new InputError(
        `Scaleway ${what} "${value}" is not valid.`,
        `Use names such as ${what === 'zone' ? 'fr-par-1' : 'fr-par'}.`,
      )
  return values
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
    const options = ctx.options.scaleway ?? {}
    const zones = validLocalities(listOption(options.zones), /^[a-z]{2}-[a-z]{3}-\d+$/, 'zone') ?? PUBLIC_ZONES
    const regions = validLocalities(listOption(options.regions), /^[a-z]{2}-[a-z]{3}$/, 'region') ?? PUBLIC_REGIONS
    const session = new ScanSession(ctx, 'scaleway', 'Scaleway')
    const client = session.client({
      baseUrl: ctx.endpoints.scaleway ?? credentials.apiUrl ?? DEFAULT_API,
      auth: () => ({'x-auth-token': credentials.secretKey}),
      describeError,
    })

    /** A product missing from a zone or region is noted, not counted as a failure. */
    const tolerant =
      (name: string, locality: string, list: () => Promise<ResourceInput[]>): ScopeList =>
      async (scope) => {
        try {
          return await list()
        } catch (error) {
          if (!notOfferedHere(error)) throw error
          scope.warn(`${name} are not offered in ${locality}.`)
          return []
        }
      }
    const partsOf = (lists: Record<string, ListSpec>, locality: string) =>
      Object.fromEntries(
        Object.entries(lists).map(([name, spec]) => [
          name,
          tolerant(name, locality, async () =>
            (await listAll(client, spec.path(locality), spec)).map((item) => spec.map(item, locality)),
          ),
        ]),
      )

    const scans = [
      ...zones.map((zone) => session.scope(zone, partsOf(ZONE_LISTS, zone))),
      ...regions.map((region) =>
        session.scope(region, {
          ...partsOf(REGION_LISTS, region),
          functions: tolerant('functions', region, serverless('function', region)),
          containers: tolerant('containers', region, serverless('container', region)),
          ...(credentials.accessKey ? {'object storage': objectStorage(region, credentials)} : {}),
        }),
      ),
      session.scope('global', {
        'dns zones': async () =>
          (await listAll(client, '/domain/v2beta1/dns-zones', {key: 'dns_zones'})).map((zone) => mapDnsZone(zone)),
      }),
    ]
    await Promise.all(scans)
    return session.result('Check that SCW_SECRET_KEY is a valid, unexpired API key with read access to the projects.')

    /** Namespaces, then the functions or containers in them (these carry no project id; their namespace does). */
    function serverless(kind: 'function' | 'container', region: string) {
      const api = kind === 'function' ? `/functions/v1beta1/regions/${region}` : `/containers/v1beta1/regions/${region}`
      return async (): Promise<ResourceInput[]> => {
        const namespaces = await listAll(client, `${api}/namespaces`, {key: 'namespaces'})
        const items = await listAll(client, `${api}/${kind}s`, {key: `${kind}s`})
        const projectOf = new Map(namespaces.map((n) => [n.id as string, n.project_id as string | undefined]))
        const map = kind === 'function' ? mapFunction : mapContainer
        return [
          ...namespaces.map((n) => mapServerlessNamespace(kind, n, region)),
          ...items.map((item) => map(item, region, projectOf.get(item.namespace_id))),
        ]
      }
    }

    /** Buckets through the S3 API; they belong to the key's preferred project. */
    function objectStorage(region: string, keys: ScalewayCredentials): ScopeList {
      return async () => {
        const template = ctx.endpoints['scaleway-s3'] ?? S3_ENDPOINT_TEMPLATE
        const buckets = await listS3Buckets(session, {
          baseUrl: template.replace('{region}', region),
          region,
          accessKeyId: keys.accessKey!,
          secretAccessKey: keys.secretKey,
        })
        return buckets.map((b) => mapBucket(b.name, region, keys.projectId))
      }
    }
  },
}
