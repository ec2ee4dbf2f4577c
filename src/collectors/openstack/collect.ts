import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, paginate} from '../http.js'
import {type LimitedClient, reasonOf, ScanSession, type ScopeList} from '../scope.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {expectList, listOption} from '../values.js'
import {loadOpenStackAuth} from './config.js'
import {authenticate, endpointsByRegion, type ServiceKey} from './keystone.js'
import * as map from './map.js'
import {loadAuthUrlTable, recogniseProvider} from './provider.js'

const COLLECTOR = 'openstack'
/** Page size asked of every list; Nova, Cinder and Designate cap it at 1000 by default. */
export const PAGE_SIZE = 1000

type Json = map.Json

/** Nova {"itemNotFound":{"message"}}, Neutron {"NeutronError":{"message"}}, Keystone {"error":{"message"}}, Octavia {"faultstring"}. */
function describeOpenStackError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body === 'string') return {message: body.replace(/<[^>]+>/g, ' ').trim()}
  if (!body || typeof body !== 'object') return undefined
  const b = body as Json
  if (typeof b.message === 'string') return {message: b.message, code: typeof b.type === 'string' ? b.type : undefined}
  if (typeof b.faultstring === 'string') return {message: b.faultstring}
  for (const [key, value] of Object.entries(b))
    if (value && typeof value === 'object' && typeof (value as Json).message === 'string')
      return {code: key, message: (value as Json).message as string}
  return undefined
}

/** Appends a versioned path to a catalog URL that may or may not already end in that version. */
export function serviceUrl(endpoint: string, version: string, rest: string): string {
  const base = endpoint.replace(/\/+$/, '')
  return version && !base.endsWith(`/${version}`) ? `${base}/${version}${rest}` : `${base}${rest}`
}

/** The marker of a `next` link, if any (the link's host may be an internal one, so only its marker is used). */
function markerOf(next: unknown): string | undefined {
  if (typeof next !== 'string') return undefined
  try {
    return new URL(next, 'http://placeholder.invalid').searchParams.get('marker') ?? undefined
  } catch {
    return undefined
  }
}

function nextLink(links: unknown): string | undefined {
  if (Array.isArray(links)) return (links as Json[]).find((l) => l.rel === 'next')?.href as string | undefined
  if (links && typeof links === 'object') return (links as Json).next as string | undefined
  return undefined
}

/** limit + marker paging; `next` finds the next link in a page (Nova servers_links, Designate links.next …). */
async function markerList(client: LimitedClient, url: string, key: string, next: (data: Json) => unknown): Promise<Json[]> {
  return collectPages<Json, string>(async (marker) => {
    const response = await client.get<Json>(url, {limit: PAGE_SIZE, marker})
    const items = expectList<Json>(response.data, `openstack: GET ${new URL(url).pathname}`, key)
    const link = next(response.data)
    if (!link || items.length === 0) return {items, next: undefined}
    // A next link without a marker (seen behind some proxies) continues after the last item.
    const last = items.at(-1)
    return {items, next: markerOf(link) ?? ((last?.id ?? last?.uuid) as string | undefined)}
  })
}

/** The Swift account listing pages by the last container name until the account's container count is reached. */
async function swiftContainers(client: LimitedClient, endpoint: string): Promise<Json[]> {
  const all: Json[] = []
  for await (const page of paginate<Json, string>(async (marker) => {
    const response = await client.get<unknown>(endpoint, {format: 'json', limit: PAGE_SIZE, marker})
    const items = response.status === 204 ? [] : expectList<Json>(response.data, `openstack: GET ${new URL(endpoint).pathname}`)
    const total = Number(response.headers.get('x-account-container-count') ?? Number.NaN)
    const seen = all.length + items.length
    const more = items.length > 0 && (Number.isFinite(total) ? seen < total : items.length === PAGE_SIZE)
    return {items, next: more ? String(items.at(-1)?.name) : undefined}
  }))
    all.push(...page)
  return all
}

function regionLists(
  client: LimitedClient,
  endpoints: Partial<Record<ServiceKey, string>>,
  ctx: map.MapContext,
  serverNetworks: Map<string, string[]>,
): Record<string, ScopeList> {
  const lists: Record<string, ScopeList> = {}
  const add = (service: ServiceKey, name: string, run: (endpoint: string) => Promise<ResourceInput[]>) => {
    const endpoint = endpoints[service]
    if (endpoint) lists[name] = () => run(endpoint)
  }
  const own = (item: Json) => !ctx.projectId || (item.project_id ?? item.tenant_id ?? ctx.projectId) === ctx.projectId
  add('compute', 'servers', async (e) =>
    (await markerList(client, serviceUrl(e, '', '/servers/detail'), 'servers', (d) => nextLink(d.servers_links))).map((s) => {
      const {resource, networkNames} = map.mapServer(s, ctx)
      serverNetworks.set(resource.id, networkNames)
      return resource
    }),
  )
  add('volume', 'volumes', async (e) =>
    (await markerList(client, serviceUrl(e, '', '/volumes/detail'), 'volumes', (d) => nextLink(d.volumes_links))).map((v) =>
      map.mapVolume(v, ctx),
    ),
  )
  const neutron = (kind: string, path: string, key: string, mapper: (item: Json, c: map.MapContext) => ResourceInput) =>
    add('network', kind, async (e) =>
      (await markerList(client, serviceUrl(e, 'v2.0', path), key, (d) => nextLink(d[`${key}_links`])))
        // Shared and external networks (e.g. a provider's Ext-Net) belong to the operator, not to this project.
        .filter(own)
        .map((item) => mapper(item, ctx)),
    )
  neutron('networks', '/networks', 'networks', map.mapNetwork)
  neutron('subnets', '/subnets', 'subnets', map.mapSubnet)
  neutron('routers', '/routers', 'routers', map.mapRouter)
  neutron('security groups', '/security-groups', 'security_groups', map.mapSecurityGroup)
  neutron('floating IPs', '/floatingips', 'floatingips', map.mapFloatingIp)
  add('loadBalancer', 'load balancers', async (e) =>
    (
      await markerList(client, serviceUrl(e, 'v2', '/lbaas/loadbalancers'), 'loadbalancers', (d) =>
        nextLink(d.loadbalancers_links),
      )
    ).map((lb) => map.mapLoadBalancer(lb, ctx)),
  )
  add('objectStore', 'object-store containers', async (e) =>
    (await swiftContainers(client, e)).map((c) => map.mapContainer(c, ctx)),
  )
  add('dns', 'DNS zones', async (e) =>
    (await markerList(client, serviceUrl(e, 'v2', '/zones'), 'zones', (d) => nextLink(d.links))).map((z) =>
      map.mapDnsZone(z, ctx),
    ),
  )
  add('containerInfra', 'Magnum clusters', async (e) =>
    (await markerList(client, serviceUrl(e, 'v1', '/clusters'), 'clusters', (d) => d.next)).map((c) => map.mapCoeCluster(c, ctx)),
  )
  add('database', 'Trove instances', async (e) =>
    (await markerList(client, serviceUrl(e, '', '/instances'), 'instances', (d) => nextLink(d.links))).map((i) =>
      map.mapDatabaseInstance(i, ctx),
    ),
  )
  return lists
}

/** Links that need two lists: server → network (by name), floating IP → load balancer (by VIP port). */
function linkRegion(resources: ResourceInput[], serverNetworks: Map<string, string[]>): void {
  const networksByName = new Map<string, string[]>()
  for (const r of resources)
    if (r.type === 'openstack:network' && r.name) networksByName.set(r.name, [...(networksByName.get(r.name) ?? []), r.id])
  const lbByPort = new Map<string, string>()
  for (const r of resources)
    if (r.type === 'openstack:loadbalancer' && typeof r.attributes?.vipPortId === 'string')
      lbByPort.set(r.attributes.vipPortId, r.id)
  for (const r of resources) {
    if (r.type === 'openstack:server') {
      const ids = (serverNetworks.get(r.id) ?? []).flatMap((name) => {
        const matches = networksByName.get(name) ?? []
        return matches.length === 1 ? matches : [] // an ambiguous name links nothing rather than the wrong network
      })
      if (ids.length > 0) r.dependsOn = [...(r.dependsOn ?? []), ...ids]
    }
    if (r.type === 'openstack:floating-ip' && typeof r.attributes?.portId === 'string') {
      const lb = lbByPort.get(r.attributes.portId)
      if (lb) r.dependsOn = [...(r.dependsOn ?? []), lb]
    }
  }
}

export async function collectOpenStack(ctx: CollectContext): Promise<CollectorResult> {
  const options = ctx.options[COLLECTOR] ?? {}
  const auth = await loadOpenStackAuth(ctx.env, typeof options.cloud === 'string' ? options.cloud : undefined)
  if (!auth)
    throw new ExitreadyError(
      'OpenStack: no credentials.',
      ExitCode.noProvider,
      'Name a cloud of clouds.yaml with --os-cloud (or OS_CLOUD), or set OS_AUTH_URL and the other OS_* variables.',
    )
  let provider = 'openstack'
  try {
    // The configured auth URL names the cloud even when requests go through an endpoint override.
    provider = recogniseProvider(auth.authUrl, await loadAuthUrlTable())
  } catch (error) {
    ctx.progress.warn(COLLECTOR, `The operator of the cloud could not be recognised (${reasonOf(error)}).`)
  }

  const scan = new ScanSession(ctx, COLLECTOR, `OpenStack (${provider})`)
  const authUrl = ctx.endpoints[COLLECTOR] ?? auth.authUrl
  const keystone = scan.client({baseUrl: authUrl, describeError: describeOpenStackError}, 'keystone')
  const session = await authenticate(keystone, auth, authUrl)
  const client = scan.client({
    baseUrl: authUrl,
    describeError: describeOpenStackError,
    auth: () => ({'x-auth-token': session.token}),
  })
  const catalog = endpointsByRegion(session.catalog, auth.interface)
  const wanted = listOption(options.regions) ?? auth.regions
  const regions = wanted.length > 0 ? wanted : [...catalog.keys()].sort()
  const project = session.projectName ?? session.projectId ?? 'project'
  await Promise.all(
    regions.map(async (region) => {
      const serverNetworks = new Map<string, string[]>()
      const mapCtx: map.MapContext = {provider, projectId: session.projectId, region}
      const endpoints = catalog.get(region)
      const scope = `${project}/${region}`
      if (!endpoints) return scan.failedScope(scope, `The service catalog has no ${auth.interface} endpoint in region ${region}.`)
      await scan.scope(scope, regionLists(client, endpoints, mapCtx, serverNetworks), {
        link: (resources) => linkRegion(resources, serverNetworks),
      })
    }),
  )
  if (regions.length === 0)
    ctx.progress.warn(COLLECTOR, `The service catalog of ${auth.via} lists no region with a service exitready reads.`)
  return scan.result('Check that the project has the reader role, and that the catalog endpoints are reachable from here.')
}
