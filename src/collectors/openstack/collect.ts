import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, type HttpClient, HttpError, type HttpResponse, type PageLimits} from '../http.js'
import {type LimitedClient, mapPartial, reasonOf, ScanSession, type ScopeHandle, type ScopeList} from '../scope.js'
import {TokenCache} from '../token-cache.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {expectList} from '../values.js'
import {loadOpenStackAuth} from './config.js'
import {
  authenticate,
  endpointsByRegion,
  type KeystoneSession,
  renewMargin,
  renewToken,
  type ServiceKey,
  TokenRenewalError,
} from './keystone.js'
import * as map from './map.js'
import {loadAuthUrlTable, recogniseProvider} from './provider.js'
import {type OpenStackOptions, OpenStackOptionsSchema} from './spec.js'

const COLLECTOR = 'openstack'
/** Page size asked of every list; Nova, Cinder and Designate cap it at 1000 by default. */
export const PAGE_SIZE = 1000

/**
 * Compute microversion 2.47 embeds the flavor (name, vCPUs, RAM, disk) in each server; both the
 * current and the legacy header are sent, since older Nova reads only the legacy one.
 */
export const NOVA_MICROVERSION_HEADERS = {'openstack-api-version': 'compute 2.47', 'x-openstack-nova-api-version': '2.47'}

/**
 * Request budgets operators document, by the provider recognised from the auth URL. OVH Public
 * Cloud: 20 requests a second per project on Nova, Neutron and Cinder (support.us.ovhcloud.com,
 * "Public Cloud API Rate Limits"; unconfirmed that the EU regions use the same figures).
 */
const OPERATOR_LIMITS: Record<string, Partial<Record<ServiceKey | 'identity', {requests: number; perMs: number}>>> = {
  ovhcloud: {
    identity: {requests: 60, perMs: 60_000},
    compute: {requests: 20, perMs: 1000},
    network: {requests: 20, perMs: 1000},
    volume: {requests: 20, perMs: 1000},
  },
}

type Json = map.Json
type Query = Record<string, string | number | undefined>
type PageGet = (query: Query) => Promise<HttpResponse<Json>>

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
  if (Array.isArray(links)) return (links as Json[]).find((l) => l?.rel === 'next')?.href as string | undefined
  if (links && typeof links === 'object') return (links as Json).next as string | undefined
  return undefined
}

function idOf(item: Json | undefined): string | undefined {
  const id = item?.id ?? item?.uuid
  return typeof id === 'string' && id !== '' ? id : undefined
}

/**
 * limit + marker paging; `next` finds the next link in a page (Nova servers_links, Designate
 * links.next, Magnum next …). collectPages stops a link that never ends and keeps what was read.
 */
function markerPages(get: PageGet, where: string, key: string, next: (data: Json) => unknown, limits: PageLimits) {
  return collectPages<Json, string>(async (marker) => {
    const response = await get({limit: PAGE_SIZE, marker})
    const items = expectList<Json>(response.data, where, key)
    const link = next(response.data ?? {})
    if (!link) return {items, next: undefined}
    // A next link without a marker (seen behind some proxies) continues after the last item.
    return {items, next: markerOf(link) ?? idOf(items.at(-1))}
  }, limits)
}

/** The Swift account listing pages by the last container name until the account's container count is reached. */
function swiftPages(get: PageGet, where: string, limits: PageLimits) {
  return collectPages<Json, string>(async (marker, seen) => {
    const response = await get({format: 'json', limit: PAGE_SIZE, marker})
    const items = response.status === 204 ? [] : expectList<Json>(response.data, where)
    const total = Number(response.headers.get('x-account-container-count') ?? Number.NaN)
    const more = items.length > 0 && (Number.isFinite(total) ? seen + items.length < total : items.length === PAGE_SIZE)
    return {items, next: more ? String(items.at(-1)?.name) : undefined}
  }, limits)
}

/**
 * Sends GETs with the cloud's one token: renewed before it expires (TokenCache), and once more
 * after a 401, for a token revoked or expired early, before the request is retried. Renewals go
 * through Keystone's own client, outside the concurrency bound, so a request holding a slot can
 * renew without waiting for another slot (no deadlock at --concurrency 1).
 */
class TokenedGets {
  private last?: KeystoneSession

  constructor(
    private readonly tokens: TokenCache<KeystoneSession>,
    private readonly clock: {now(): number},
  ) {}

  async get(http: HttpClient, url: string, query: Query, headers?: Record<string, string>): Promise<HttpResponse<Json>> {
    const session = await this.current()
    try {
      return await http.getJson<Json>(url, query, {...headers, 'x-auth-token': session.token})
    } catch (error) {
      if (!(error instanceof HttpError && error.kind === 'auth')) throw error
      this.tokens.invalidate(session)
      const renewed = await this.tokens.get()
      return http.getJson<Json>(url, query, {...headers, 'x-auth-token': renewed.token})
    }
  }

  /** The cached token; when renewing it ahead of time fails (Keystone down), the old one serves until it expires. */
  private async current(): Promise<KeystoneSession> {
    try {
      this.last = await this.tokens.get()
      return this.last
    } catch (error) {
      const last = this.last
      const usable = last?.expiresAt !== undefined && this.clock.now() < last.expiresAt
      if (error instanceof TokenRenewalError && error.kind !== 'auth' && usable) return last!
      throw error
    }
  }
}

interface RegionContext {
  clientFor: (service: ServiceKey) => LimitedClient
  gets: TokenedGets
  mapCtx: map.MapContext
  limits: PageLimits
  serverNetworks: Map<string, string[]>
}

/** One page of a list, in one slot of the concurrency bound. */
function pageGetter(rc: RegionContext, service: ServiceKey, url: string): PageGet {
  const client = rc.clientFor(service)
  return (query) => client.run((http) => rc.gets.get(http, url, query))
}

/**
 * Nova pages with microversion 2.47; a cloud that refuses it (406 out of range, 400 from some
 * proxies) is asked again without it, and the scope notes that flavors are ids only there.
 */
function novaGetter(rc: RegionContext, url: string, scope: ScopeHandle): PageGet {
  const client = rc.clientFor('compute')
  let microversion = true
  return (query) =>
    client.run(async (http) => {
      if (microversion)
        try {
          return await rc.gets.get(http, url, query, NOVA_MICROVERSION_HEADERS)
        } catch (error) {
          const refused = error instanceof HttpError && (error.status === 406 || error.status === 400)
          if (!refused || error instanceof TokenRenewalError) throw error
          microversion = false
          scope.warn(
            `Nova in ${rc.mapCtx.region} refused compute microversion 2.47 (${reasonOf(error)}); servers carry their flavor id only, without name, vCPUs and RAM.`,
          )
        }
      return rc.gets.get(http, url, query)
    })
}

function regionLists(rc: RegionContext, endpoints: Partial<Record<ServiceKey, string>>): Record<string, ScopeList> {
  const {mapCtx, limits} = rc
  const lists: Record<string, ScopeList> = {}
  const add = (service: ServiceKey, name: string, run: (endpoint: string, scope: ScopeHandle) => Promise<ResourceInput[]>) => {
    const endpoint = endpoints[service]
    if (endpoint) lists[name] = (scope) => run(endpoint, scope)
  }
  const where = (url: string) => `openstack: GET ${new URL(url).pathname}`
  const marker = (service: ServiceKey, url: string, key: string, next: (data: Json) => unknown) =>
    markerPages(pageGetter(rc, service, url), where(url), key, next, limits)
  // Shared and external networks (e.g. a provider's Ext-Net) belong to the operator, not to this project.
  const own = (item: Json) => !mapCtx.projectId || (item.project_id ?? item.tenant_id ?? mapCtx.projectId) === mapCtx.projectId

  add('compute', 'servers', (e, scope) => {
    const url = serviceUrl(e, '', '/servers/detail')
    const pages = markerPages(novaGetter(rc, url, scope), where(url), 'servers', (d) => nextLink(d.servers_links), limits)
    return mapPartial(pages, (s) => {
      const {resource, networkNames} = map.mapServer(s, mapCtx)
      rc.serverNetworks.set(resource.id, networkNames)
      return resource
    })
  })
  add('volume', 'volumes', (e) => {
    const url = serviceUrl(e, '', '/volumes/detail')
    return mapPartial(
      marker('volume', url, 'volumes', (d) => nextLink(d.volumes_links)),
      (v) => map.mapVolume(v, mapCtx),
    )
  })
  const neutron = (kind: string, path: string, key: string, mapper: (item: Json, c: map.MapContext) => ResourceInput) =>
    add('network', kind, (e) => {
      const url = serviceUrl(e, 'v2.0', path)
      return mapPartial(
        marker('network', url, key, (d) => nextLink(d[`${key}_links`])),
        (item) => (own(item) ? mapper(item, mapCtx) : undefined),
      )
    })
  neutron('networks', '/networks', 'networks', map.mapNetwork)
  neutron('subnets', '/subnets', 'subnets', map.mapSubnet)
  neutron('routers', '/routers', 'routers', map.mapRouter)
  neutron('security groups', '/security-groups', 'security_groups', map.mapSecurityGroup)
  neutron('floating IPs', '/floatingips', 'floatingips', map.mapFloatingIp)
  add('loadBalancer', 'load balancers', (e) => {
    const url = serviceUrl(e, 'v2', '/lbaas/loadbalancers')
    return mapPartial(
      marker('loadBalancer', url, 'loadbalancers', (d) => nextLink(d.loadbalancers_links)),
      (lb) => map.mapLoadBalancer(lb, mapCtx),
    )
  })
  add('objectStore', 'object-store containers', (e) =>
    mapPartial(swiftPages(pageGetter(rc, 'objectStore', e), where(e), limits), (c) => map.mapContainer(c, mapCtx)),
  )
  add('dns', 'DNS zones', (e) => {
    const url = serviceUrl(e, 'v2', '/zones')
    return mapPartial(
      marker('dns', url, 'zones', (d) => nextLink(d.links)),
      (z) => map.mapDnsZone(z, mapCtx),
    )
  })
  add('containerInfra', 'Magnum clusters', (e) => {
    const url = serviceUrl(e, 'v1', '/clusters')
    return mapPartial(
      marker('containerInfra', url, 'clusters', (d) => d.next),
      (c) => map.mapCoeCluster(c, mapCtx),
    )
  })
  add('database', 'Trove instances', (e) => {
    const url = serviceUrl(e, '', '/instances')
    return mapPartial(
      marker('database', url, 'instances', (d) => nextLink(d.links)),
      (i) => map.mapDatabaseInstance(i, mapCtx),
    )
  })
  return lists
}

/** Adds `id` to a resource's dependencies in place (no copy per added link). */
function addDependency(resource: ResourceInput, id: string): void {
  if (!resource.dependsOn) resource.dependsOn = []
  if (!resource.dependsOn.includes(id)) resource.dependsOn.push(id)
}

/** Links that need two lists: server → network (by name), floating IP → load balancer (by VIP port). */
export function linkRegion(resources: ResourceInput[], serverNetworks: Map<string, string[]>): void {
  const networksByName = new Map<string, string[]>()
  const lbByPort = new Map<string, string>()
  for (const r of resources) {
    if (r.type === 'openstack:network' && r.name) {
      const ids = networksByName.get(r.name)
      if (ids) ids.push(r.id)
      else networksByName.set(r.name, [r.id])
    }
    if (r.type === 'openstack:loadbalancer' && typeof r.attributes?.vipPortId === 'string')
      lbByPort.set(r.attributes.vipPortId, r.id)
  }
  for (const r of resources) {
    if (r.type === 'openstack:server')
      for (const name of serverNetworks.get(r.id) ?? []) {
        const matches = networksByName.get(name)
        // An ambiguous name links nothing rather than the wrong network.
        if (matches?.length === 1) addDependency(r, matches[0]!)
      }
    if (r.type === 'openstack:floating-ip' && typeof r.attributes?.portId === 'string') {
      const lb = lbByPort.get(r.attributes.portId)
      if (lb) addDependency(r, lb)
    }
  }
}

/** The options as the registry parsed them; parsed again here (idempotently) for library callers. */
function readOptions(raw: unknown): OpenStackOptions {
  const parsed = OpenStackOptionsSchema.safeParse(raw ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new InputError(
    `OpenStack option "${String(issue?.path[0] ?? '')}" is not valid: ${issue?.message ?? 'unexpected value'}.`,
    'Use --os-cloud <name> and --os-regions <region,…>.',
  )
}

export async function collectOpenStack(ctx: CollectContext): Promise<CollectorResult> {
  const options = readOptions(ctx.options[COLLECTOR])
  const auth = await loadOpenStackAuth(ctx.env, options.cloud)
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
  const limits = OPERATOR_LIMITS[provider] ?? {}
  const keystone = scan.httpClient({baseUrl: authUrl, describeError: describeOpenStackError, rateLimit: limits.identity})
  const first = await authenticate(keystone, auth, authUrl, ctx.clock)
  // One token cache per cloud: the first token is handed out as issued, later ones are renewals.
  let unused: KeystoneSession | undefined = first
  const tokens = new TokenCache<KeystoneSession>(
    async () => {
      const session = unused ?? (await renewToken(keystone, auth, authUrl, ctx.clock))
      unused = undefined
      return {value: session, expiresAt: session.expiresAt}
    },
    ctx.clock,
    renewMargin(first.issuedAt, first.expiresAt),
  )
  const gets = new TokenedGets(tokens, ctx.clock)
  const clients = new Map<ServiceKey, LimitedClient>()
  // One client per service, so an operator's per-service budget is paced on its own.
  const clientFor = (service: ServiceKey) => {
    let client = clients.get(service)
    if (!client) {
      client = scan.client({baseUrl: authUrl, describeError: describeOpenStackError, rateLimit: limits[service]})
      clients.set(service, client)
    }
    return client
  }

  const catalog = endpointsByRegion(first.catalog, auth.interface)
  const wanted = options.regions ?? auth.regions
  const regions = wanted.length > 0 ? wanted : [...catalog.keys()].sort()
  const project = first.projectName ?? first.projectId ?? 'project'
  await Promise.all(
    regions.map(async (region) => {
      const endpoints = catalog.get(region)
      const scope = `${project}/${region}`
      if (!endpoints) return scan.failedScope(scope, `The service catalog has no ${auth.interface} endpoint in region ${region}.`)
      const rc: RegionContext = {
        clientFor,
        gets,
        mapCtx: {provider, projectId: first.projectId, region},
        limits: {clock: ctx.clock},
        serverNetworks: new Map(),
      }
      await scan.scope(scope, regionLists(rc, endpoints), {link: (resources) => linkRegion(resources, rc.serverNetworks)})
    }),
  )
  if (regions.length === 0)
    ctx.progress.warn(COLLECTOR, `The service catalog of ${auth.via} lists no region with a service exitready reads.`)
  return scan.result('Check that the project has the reader role, and that the catalog endpoints are reachable from here.')
}
