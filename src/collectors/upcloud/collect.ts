import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {paginate} from '../http.js'
import {
  bytesToGiB,
  compact,
  concurrencyLimit,
  contextHttpOptions,
  expectArray,
  finishCollection,
  LimitedClient,
  labelsToTags,
  PartialListError,
  positiveNumber,
  runScope,
} from '../openstack/scope.js'
import type {CollectContext, CollectorResult} from '../types.js'

const PROVIDER = 'upcloud'
export const UPCLOUD_API = 'https://api.upcloud.com/1.3'
/** Largest page the paged lists accept. */
export const PAGE_SIZE = 100

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

/** UpCloud wraps lists twice: {"servers": {"server": [...]}}. */
function wrapped(data: unknown, outer: string, inner: string): Json[] {
  const container = (data as Json | undefined)?.[outer]
  return expectArray<Json>((container as Json | undefined)?.[inner], PROVIDER, `${outer}.${inner}`)
}

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

async function pagedList(client: LimitedClient, path: string): Promise<Json[]> {
  const all: Json[] = []
  for await (const page of paginate<Json, number>(async (offset) => {
    const response = await client.get<unknown>(path, {limit: PAGE_SIZE, offset: offset ?? 0})
    const items = expectArray<Json>(response.data, PROVIDER, path)
    return {items, next: items.length === PAGE_SIZE ? (offset ?? 0) + PAGE_SIZE : undefined}
  }))
    all.push(...page)
  return all
}

async function listServers(client: LimitedClient): Promise<ResourceInput[]> {
  const servers = wrapped((await client.get('/server')).data, 'servers', 'server')
  const failures: string[] = []
  // The list carries no storage or network links; each server's details do.
  const resources = await Promise.all(
    servers.map(async (summary): Promise<ResourceInput> => {
      let detail: Json = summary
      try {
        detail = ((await client.get<Json>(`/server/${String(summary.uuid)}`)).data?.server as Json | undefined) ?? summary
      } catch (error) {
        failures.push((error as Error).message)
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
          cores: positiveNumber(summary.core_number),
          memoryMiB: positiveNumber(summary.memory_amount),
          state: summary.state,
        }),
        dependsOn: [
          ...devices.filter((d) => typeof d.storage === 'string' && d.type !== 'cdrom').map((d) => rid('storage', d.storage)),
          ...interfaces
            .filter((i) => i.type === 'private' && typeof i.network === 'string')
            .map((i) => rid('network', i.network)),
        ],
        source: PROVIDER,
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

function lists(client: LimitedClient) {
  const base = (kind: string, item: Json, extra: Partial<ResourceInput>): ResourceInput => ({
    id: rid(kind, item.uuid),
    provider: PROVIDER,
    type: `upcloud:${kind}`,
    name: (item.title as string | undefined) || (item.name as string | undefined),
    region: (item.zone as string | undefined) ?? 'global',
    tags: tagsOf(item),
    source: PROVIDER,
    ...extra,
  })
  return [
    {name: 'servers', run: () => listServers(client)},
    {
      name: 'storage',
      run: async () =>
        wrapped((await client.get('/storage/private')).data, 'storages', 'storage').map((s) =>
          base('storage', s, {sizeGiB: positiveNumber(s.size), attributes: compact({tier: s.tier, type: s.type})}),
        ),
    },
    {
      name: 'networks',
      run: async () =>
        wrapped((await client.get('/network')).data, 'networks', 'network')
          // Public and utility networks are UpCloud's own; only SDN private networks belong to the account.
          .filter((n) => n.type === 'private')
          .map((n) => base('network', n, {dependsOn: typeof n.router === 'string' ? [rid('router', n.router)] : []})),
    },
    {
      name: 'routers',
      run: async () =>
        wrapped((await client.get('/router')).data, 'routers', 'router')
          .filter((r) => r.type === undefined || r.type === 'normal')
          .map((r) => base('router', r, {})),
    },
    {
      name: 'managed databases',
      run: async () =>
        (await pagedList(client, '/database')).map((db) =>
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
    },
    {
      name: 'load balancers',
      run: async () =>
        (await pagedList(client, '/load-balancer')).map((lb) =>
          base('load-balancer', lb, {attributes: compact({plan: lb.plan}), dependsOn: privateNetworkIds(lb.networks)}),
        ),
    },
    {
      name: 'object storage',
      run: async () =>
        (await pagedList(client, '/object-storage-2')).map((os) =>
          base('object-storage', os, {
            region: (os.region as string | undefined) ?? 'global',
            sizeGiB: bytesToGiB((os.usage as Json | undefined)?.total_size_bytes),
            dependsOn: privateNetworkIds(os.networks),
          }),
        ),
    },
    {
      name: 'Kubernetes clusters',
      run: async () =>
        expectArray<Json>((await client.get('/kubernetes')).data, PROVIDER, '/kubernetes').map((k) => {
          const groups = Array.isArray(k.node_groups) ? (k.node_groups as Json[]) : []
          return base('kubernetes-cluster', k, {
            attributes: compact({
              version: k.version,
              plan: k.plan,
              nodeCount: groups.reduce((sum, g) => sum + (typeof g.count === 'number' ? g.count : 0), 0),
            }),
            dependsOn: typeof k.network === 'string' ? [rid('network', k.network)] : [],
          })
        }),
    },
  ]
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
  const client = new LimitedClient(
    {
      provider: PROVIDER,
      baseUrl: ctx.endpoints[PROVIDER] ?? UPCLOUD_API,
      ...contextHttpOptions(ctx),
      describeError: describeUpCloudError,
      auth: () => ({authorization}),
    },
    concurrencyLimit(ctx),
  )
  // UpCloud's lists cover the whole account across zones, so the account is the one scope.
  const scope = username && !token ? username : 'account'
  const outcome = await runScope(ctx, PROVIDER, scope, lists(client))
  for (const resource of outcome.resources) if (username && !token) resource.account = username
  return finishCollection(
    'UpCloud',
    [outcome],
    'Check UPCLOUD_TOKEN (or UPCLOUD_USERNAME and UPCLOUD_PASSWORD) and that the API access of the (sub)account is enabled.',
  )
}
