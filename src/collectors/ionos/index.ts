import {ExitCode, ExitreadyError} from '../../errors.js'
import {type Authenticator, collectPages} from '../http.js'
import {type LimitedClient, ScanSession} from '../scope.js'
import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'
import {expectList} from '../values.js'
import {
  type ApiObject,
  type Datacenter,
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

const CLOUD_API_PATH = '/cloudapi/v6'
const DEFAULT_HOST = 'https://api.ionos.com'
/** The Cloud API's largest page; DBaaS pages are smaller. */
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

export const collector: Collector = {
  id: 'ionos',
  title: 'IONOS Cloud',

  detect(ctx): Detection {
    const auth = resolveIonosAuth(ctx.env)
    return 'reason' in auth ? {available: false, reason: auth.reason} : {available: true, via: auth.via}
  },

  async collect(ctx: CollectContext): Promise<CollectorResult> {
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

    /** Every page of a collection, in one slot: limit/offset, following the next link until there is none. */
    const listAll = (api: LimitedClient, path: string, query: Record<string, number>, pageSize = CLOUD_PAGE) =>
      api.run(async (http) => {
        return collectPages<ApiObject, string>(async (next) => {
          const response = next
            ? await http.getJson<ApiObject>(next)
            : await http.getJson<ApiObject>(path, {...query, offset: 0, limit: pageSize})
          const page = response.data
          const link = page?._links?.next ?? page?.links?.next
          return {
            items: expectList<ApiObject>(page, `ionos: GET ${path}`, 'items'),
            next: typeof link === 'string' ? link : undefined,
          }
        })
      })

    // The datacenter list is a scope of its own; then each datacenter is one.
    const locations = new Map<string, string>()
    const datacenterList = listAll(cloud, '/datacenters', {depth: 1})
    const datacenterScan = (async () => {
      await session.scope('datacenters', {datacenters: async () => (await datacenterList).map(mapDatacenter)})
      const datacenters = await datacenterList.catch(() => undefined)
      for (const d of datacenters ?? []) locations.set(d.id, d.properties?.location)
      await Promise.all((datacenters ?? []).map((d) => scanDatacenter({id: d.id, location: d.properties?.location})))
    })()

    const scans = [
      datacenterScan,
      session.scope('kubernetes', {
        'kubernetes clusters': async () => {
          const clusters = await listAll(cloud, '/k8s', {depth: 1})
          await datacenterList.catch(() => undefined)
          return Promise.all(
            clusters.map(async (c) => mapK8sCluster(c, await listAll(cloud, `/k8s/${c.id}/nodepools`, {depth: 1}), locations)),
          )
        },
      }),
      session.scope('dbaas-postgresql', {
        'postgresql clusters': async () =>
          (await listAll(postgres, '/clusters', {}, DBAAS_PAGE)).map((c) => mapDatabaseCluster('postgres-cluster', c)),
      }),
      session.scope('dbaas-mongodb', {
        'mongodb clusters': async () =>
          (await listAll(mongo, '/clusters', {}, DBAAS_PAGE)).map((c) => mapDatabaseCluster('mongodb-cluster', c)),
      }),
    ]
    await Promise.all(scans)
    return session.result('Check IONOS_TOKEN (or IONOS_USERNAME and IONOS_PASSWORD) and that the user may read the datacenters.')

    async function scanDatacenter(dc: Datacenter): Promise<void> {
      const path = `/datacenters/${encodeURIComponent(dc.id)}`
      const list = (what: string, depth: number) => listAll(cloud, `${path}/${what}`, {depth})
      await session.scope(
        dc.id,
        {
          // Depth 3 brings each server's attached volumes and NICs with their properties.
          servers: async () => (await list('servers', 3)).flatMap((s) => mapServer(s, dc)),
          volumes: async () => (await list('volumes', 1)).map((v) => mapVolume(v, dc)),
          lans: async () => (await list('lans', 1)).map((l) => mapLan(l, dc)),
          // Depth 3 brings the forwarding rules and their targets.
          'network load balancers': async () =>
            (await list('networkloadbalancers', 3)).map((lb) => mapNetworkLoadBalancer(lb, dc)),
          'application load balancers': async () =>
            (await list('applicationloadbalancers', 1)).map((lb) => mapApplicationLoadBalancer(lb, dc)),
        },
        {link: linkDatacenter},
      )
    }
  },
}
