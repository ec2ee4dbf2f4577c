import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, HttpError} from '../http.js'
import {type LimitedClient, mapPartial, PartialListError, reasonOf, ScanSession, type ScopeList} from '../scope.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {bytesToGiB, compact, expectList, labelsToTags, nonNegativeNumber} from '../values.js'
import {MAX_PAGE_SIZE, upcloudOptions} from './spec.js'

const PROVIDER = 'upcloud'
export const UPCLOUD_API = 'https://api.upcloud.com/1.3'

type Json = Record<string, unknown>
const rid = (kind: string, id: unknown) => `${PROVIDER}:${kind}:${String(id)}`

/** UpCloud answers {error:{error_code,error_message}}; the newer APIs answer RFC 7807 problems. */
function describeUpCloudError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body === 'string') return {message: body}
  if (!body || typeof body !== 'object') return undefined
  const b = body as Json
  if (b.error && typeof b.error === 'object') {
    const e = b.error as Json
    return {code: e.error_code as string | undefined, message: e.error_message as string | undefined}
  }
  if (typeof b.title === 'string')
    return {code: typeof b.type === 'string' ? b.type.split('#').pop() : undefined, message: b.title}
  return undefined
}

/**
 * A list that does not page: /server, /storage, /network, /router and /kubernetes take no limit or
 * offset (upcloud-go-api's requests have none, and its recorded cassettes get every item in one
 * response), so the one response is the single page of collectPages.
 */
function wholeList(client: LimitedClient, path: string, pick: (data: Json | undefined) => unknown, inner?: string) {
  return client.run((http) =>
    collectPages<Json, never>(async () => {
      const response = await http.getJson<Json>(path)
      return {items: expectList<Json>(pick(response.data), `upcloud: GET ${path}`, inner), next: undefined}
    }),
  )
}

/** UpCloud wraps these lists twice: {"servers": {"server": [...]}}. */
const wrapped = (client: LimitedClient, path: string, outer: string, inner: string) =>
  wholeList(client, path, (data) => data?.[outer], inner)

/** Tags are plain names on UpCloud; labels are key/value pairs. Both become tags. */
function tagsOf(item: Json): Record<string, string> {
  const tags = labelsToTags(((item.labels as Json | undefined)?.label as unknown) ?? item.labels)
  const names = (item.tags as Json | undefined)?.tag
  if (Array.isArray(names)) for (const name of names) if (typeof name === 'string' && !(name in tags)) tags[name] = ''
  return tags
}

function privateNetworkIds(networks: unknown): string[] {
  if (!Array.isArray(networks)) return []
  return (networks as Json[])
    .filter((n) => typeof n.uuid === 'string' && (n.type === undefined || n.type === 'private'))
    .map((n) => rid('network', n.uuid))
}

/**
 * A limit/offset list (/database, /load-balancer, /object-storage-2): a page shorter than the limit
 * is the last, as in upcloud-go-api's GetAllManagedDatabases. An API that ignored the offset would
 * repeat its first page forever; a page that starts with an item already seen stops the list.
 */
function pagedList(client: LimitedClient, path: string, pageSize: number): Promise<Json[]> {
  const firstIds = new Set<string>()
  return client.run((http) =>
    collectPages<Json, number>(async (offset = 0) => {
      const response = await http.getJson<unknown>(path, {limit: pageSize, offset})
      const items = expectList<Json>(response.data, `upcloud: GET ${path}`)
      const first = items[0]?.uuid
      if (typeof first === 'string') {
        if (firstIds.has(first))
          throw new HttpError(`upcloud: GET ${path} returned the same page again at offset ${offset}.`, 'malformed')
        firstIds.add(first)
      }
      return {items, next: items.length === pageSize ? offset + pageSize : undefined}
    }),
  )
}

async function listServers(client: LimitedClient): Promise<ResourceInput[]> {
  const servers = await wrapped(client, '/server', 'servers', 'server')
  const failures: string[] = []
  // The list carries no storage or network links; each server's details do.
  const resources = await Promise.all(
    servers.map(async (summary): Promise<ResourceInput> => {
      let detail: Json = summary
      try {
        detail = ((await client.get<Json>(`/server/${String(summary.uuid)}`)).data?.server as Json | undefined) ?? summary
      } catch (error) {
        failures.push(reasonOf(error))
      }
      const devices = ((detail.storage_devices as Json | undefined)?.storage_device as Json[] | undefined) ?? []
      const interfaces =
        (((detail.networking as Json | undefined)?.interfaces as Json | undefined)?.interface as Json[] | undefined) ?? []
      return {
        id: rid('server', summary.uuid),
        provider: PROVIDER,
        type: 'upcloud:server',
        name: (summary.title as string | undefined) || (summary.hostname as string | undefined),
        region: summary.zone as string | undefined,
        tags: tagsOf(summary),
        attributes: compact({
          plan: summary.plan,
          cores: nonNegativeNumber(summary.core_number),
          memoryMiB: nonNegativeNumber(summary.memory_amount),
          state: summary.state,
        }),
        dependsOn: [
          ...devices.filter((d) => typeof d.storage === 'string' && d.type !== 'cdrom').map((d) => rid('storage', d.storage)),
          ...interfaces
            .filter((i) => i.type === 'private' && typeof i.network === 'string')
            .map((i) => rid('network', i.network)),
        ],
        source: `scan:${PROVIDER}`,
      }
    }),
  )
  if (failures.length > 0)
    throw new PartialListError(
      `the details (storage and network links) of ${failures.length} of ${servers.length} servers could not be read; first: ${failures[0]}`,
      resources,
    )
  return resources
}

function lists(client: LimitedClient, pageSize: number): Record<string, ScopeList> {
  const base = (kind: string, item: Json, extra: Partial<ResourceInput>): ResourceInput => ({
    id: rid(kind, item.uuid),
    provider: PROVIDER,
    type: `upcloud:${kind}`,
    name: (item.title as string | undefined) || (item.name as string | undefined),
    region: (item.zone as string | undefined) ?? 'global',
    tags: tagsOf(item),
    source: `scan:${PROVIDER}`,
    ...extra,
  })
  return {
    servers: () => listServers(client),
    storage: () =>
      mapPartial(wrapped(client, '/storage/private', 'storages', 'storage'), (s) =>
        base('storage', s, {sizeGiB: nonNegativeNumber(s.size), attributes: compact({tier: s.tier, type: s.type})}),
      ),
    // Public and utility networks are UpCloud's own; only SDN private networks belong to the account.
    networks: () =>
      mapPartial(wrapped(client, '/network', 'networks', 'network'), (n) =>
        n.type === 'private'
          ? base('network', n, {dependsOn: typeof n.router === 'string' ? [rid('router', n.router)] : []})
          : undefined,
      ),
    // 'service' routers are UpCloud's utility routers, one per zone.
    routers: () =>
      mapPartial(wrapped(client, '/router', 'routers', 'router'), (r) =>
        r.type === undefined || r.type === 'normal' ? base('router', r, {}) : undefined,
      ),
    'managed databases': () =>
      mapPartial(pagedList(client, '/database', pageSize), (db) =>
        base('managed-database', db, {
          attributes: compact({
            type: db.type,
            plan: db.plan,
            version: (db.properties as Json | undefined)?.version,
            nodeCount: db.node_count,
          }),
          dependsOn: privateNetworkIds(db.networks),
        }),
      ),
    'load balancers': () =>
      mapPartial(pagedList(client, '/load-balancer', pageSize), (lb) =>
        base('load-balancer', lb, {attributes: compact({plan: lb.plan}), dependsOn: privateNetworkIds(lb.networks)}),
      ),
    'object storage': () =>
      mapPartial(pagedList(client, '/object-storage-2', pageSize), (os) =>
        base('object-storage', os, {
          region: (os.region as string | undefined) ?? 'global',
          sizeGiB: bytesToGiB((os.usage as Json | undefined)?.total_size_bytes),
          dependsOn: privateNetworkIds(os.networks),
        }),
      ),
    'Kubernetes clusters': () =>
      mapPartial(
        wholeList(client, '/kubernetes', (data) => data),
        (k) => {
          const groups = Array.isArray(k.node_groups) ? (k.node_groups as Json[]) : []
          return base('kubernetes-cluster', k, {
            attributes: compact({
              version: k.version,
              plan: k.plan,
              nodeCount: groups.reduce((sum, g) => sum + (typeof g.count === 'number' ? g.count : 0), 0),
            }),
            dependsOn: typeof k.network === 'string' ? [rid('network', k.network)] : [],
          })
        },
      ),
  }
}

export async function collectUpCloud(ctx: CollectContext): Promise<CollectorResult> {
  const {UPCLOUD_TOKEN: token, UPCLOUD_USERNAME: username, UPCLOUD_PASSWORD: password} = ctx.env
  let authorization: string
  if (token) authorization = `Bearer ${token}`
  else if (username && password) authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  else
    throw new ExitreadyError(
      'UpCloud: no credentials.',
      ExitCode.noProvider,
      'Set UPCLOUD_TOKEN, or UPCLOUD_USERNAME and UPCLOUD_PASSWORD.',
    )
  // Validated by the registry already; parsing again is idempotent and covers library callers.
  const options = upcloudOptions.parse(ctx.options[PROVIDER] ?? {})
  const session = new ScanSession(ctx, PROVIDER, 'UpCloud')
  const client = session.client({
    baseUrl: ctx.endpoints[PROVIDER] ?? UPCLOUD_API,
    describeError: describeUpCloudError,
    auth: () => ({authorization}),
  })
  // UpCloud's lists cover the whole account across zones, so the account is the one scope.
  const account = username && !token ? username : undefined
  const resources = await session.scope(account ?? 'account', lists(client, options.pageSize ?? MAX_PAGE_SIZE))
  if (account) for (const resource of resources) resource.account = account
  return session.result(
    'Check UPCLOUD_TOKEN (or UPCLOUD_USERNAME and UPCLOUD_PASSWORD) and that the API access of the (sub)account is enabled.',
  )
}
