import {readFileSync} from 'node:fs'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {validateProviderOptions} from '../../src/collectors/options.js'
import type {CollectContext} from '../../src/collectors/types.js'
import {silentProgress} from '../../src/collectors/types.js'
import {collector} from '../../src/collectors/upcloud/index.js'
import {spec} from '../../src/collectors/upcloud/spec.js'
import {ExitreadyError} from '../../src/errors.js'
import {fakeClock} from '../../src/util/clock.js'

const fixture = (name: string) => JSON.parse(readFileSync(`fixtures/upcloud/${name}`, 'utf8')) as nock.Body
/** Interactions of one upcloud-go-api cassette (see fixtures/upcloud/recorded/README.md). */
const recorded = (name: string) =>
  JSON.parse(readFileSync(`fixtures/upcloud/recorded/${name}.json`, 'utf8')) as {url: string; status: number; body: nock.Body}[]
const body = (name: string, interaction: number) =>
  (recorded(name) as {interaction?: number; body: nock.Body}[]).find((i) => i.interaction === interaction)!.body
const API = 'https://api.upcloud.com'
const S1 = '00798b85-efdc-41ca-8021-f6ef457b8531'
const S2 = '0077fa3d-32db-4b09-9f5f-30d9e9afb565'
const PRIVATE_NET = 'upcloud:network:035146a5-7a85-408b-b1f8-21925164a7d3'

function context(extra: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {UPCLOUD_TOKEN: 'ucat_01HV9K3D2ZCQ0P6F5G7H8J9K0M'},
    clock,
    progress: silentProgress,
    options: {},
    ...extra,
  }
  return {ctx, clock}
}

type Bodies = Partial<Record<string, nock.Body | number | 'skip'>>

/**
 * Answers every list (and the server details) from the fixtures unless `bodies` says otherwise:
 * keyed by path ('/database page 2' for the second database page), a number answers that status
 * with UpCloud's problem body, 'skip' leaves the request to the test.
 */
function mockAccount(bodies: Bodies = {}, base = API) {
  const scope = nock(base)
  const answer = (key: string, path: string, query: Record<string, string> | undefined, body: nock.Body) => {
    const given = bodies[key]
    if (given === 'skip') return
    const interceptor = query ? scope.get(`/1.3${path}`).query(query) : scope.get(`/1.3${path}`)
    if (typeof given === 'number') interceptor.reply(given, fixture('error-problem-forbidden.json'))
    else interceptor.reply(200, given ?? body)
  }
  const firstPage = {limit: '100', offset: '0'}
  answer('/server', '/server', undefined, fixture('servers.json'))
  answer(`/server/${S1}`, `/server/${S1}`, undefined, fixture(`server-${S1}.json`))
  answer(`/server/${S2}`, `/server/${S2}`, undefined, fixture(`server-${S2}.json`))
  answer('/storage/private', '/storage/private', undefined, fixture('storages-private.json'))
  answer('/network', '/network', undefined, fixture('networks.json'))
  answer('/router', '/router', undefined, fixture('routers.json'))
  answer('/database', '/database', firstPage, fixture('databases-page-1.json'))
  answer('/database page 2', '/database', {limit: '100', offset: '100'}, fixture('databases-page-2.json'))
  answer('/load-balancer', '/load-balancer', firstPage, fixture('load-balancers.json'))
  answer('/object-storage-2', '/object-storage-2', firstPage, recorded('getmanagedobjectstorages')[0]!.body)
  answer('/kubernetes', '/kubernetes', undefined, fixture('kubernetes.json'))
  return scope
}

describe('UpCloud collector', () => {
  it('detects a token or a username and password', () => {
    expect(collector.detect({env: {UPCLOUD_TOKEN: 't'}, options: {}})).toMatchObject({available: true, via: 'UPCLOUD_TOKEN'})
    expect(collector.detect({env: {UPCLOUD_USERNAME: 'u', UPCLOUD_PASSWORD: 'p'}, options: {}})).toMatchObject({
      available: true,
    })
    expect(collector.detect({env: {UPCLOUD_USERNAME: 'u'}, options: {}})).toMatchObject({available: false})
  })

  it('lists every kind, follows limit/offset paging and links servers to storage and private networks', async () => {
    const scope = nock(API).get('/1.3/server').matchHeader('authorization', 'Bearer ucat_01HV9K3D2ZCQ0P6F5G7H8J9K0M')
    scope.reply(200, fixture('servers.json'))
    mockAccount({'/server': 'skip'})
    const {ctx} = context()
    const result = await collector.collect(ctx)

    const count = (type: string) => result.resources.filter((r) => r.type === type).length
    expect(count('upcloud:server')).toBe(2)
    expect(count('upcloud:storage')).toBe(3)
    expect(count('upcloud:network')).toBe(1) // public and utility networks are UpCloud's, not the account's
    expect(count('upcloud:router')).toBe(1)
    expect(count('upcloud:managed-database')).toBe(103) // 100 on the first page, 3 on the second
    expect(count('upcloud:load-balancer')).toBe(1)
    expect(count('upcloud:object-storage')).toBe(1)
    expect(count('upcloud:kubernetes-cluster')).toBe(1)

    const web = result.resources.find((r) => r.id === `upcloud:server:${S1}`)!
    expect(web).toMatchObject({
      name: 'web-1',
      region: 'de-fra1',
      tags: {env: 'prod', PRODUCTION: ''},
      attributes: {plan: '2xCPU-4GB', cores: 2, memoryMiB: 4096},
    })
    expect(web.dependsOn).toEqual([
      'upcloud:storage:01d4fcd4-e446-433b-8a9c-551a1284952e',
      'upcloud:storage:01f3286c-a5ea-4670-8121-d0b9767d625b',
      PRIVATE_NET,
    ])
    expect(result.resources.find((r) => r.type === 'upcloud:network')?.dependsOn).toEqual([
      'upcloud:router:04c0df35-2658-4b0c-8ad7-2b1d8a5e3f10',
    ])
    const shop = result.resources.find((r) => r.name === 'shop-main')!
    expect(shop).toMatchObject({attributes: {type: 'pg', version: '16', nodeCount: 2}, dependsOn: [PRIVATE_NET]})
    expect(result.resources.find((r) => r.type === 'upcloud:storage' && r.name === 'web-1 data')?.sizeGiB).toBe(200)
    expect(result.resources.find((r) => r.type === 'upcloud:object-storage')).toMatchObject({
      name: 'go-sdk-integration-test',
      region: 'europe-1',
      sizeGiB: 0,
      tags: {'example-key': 'example-value'},
    })
    expect(result.resources.find((r) => r.type === 'upcloud:kubernetes-cluster')).toMatchObject({
      attributes: {version: '1.31', nodeCount: 3},
      dependsOn: [PRIVATE_NET],
    })
    expect(result.resources.find((r) => r.type === 'upcloud:load-balancer')?.dependsOn).toEqual([PRIVATE_NET])
    expect(result.sources).toEqual([{provider: 'upcloud', scope: 'account', status: 'complete', count: 113}])
  })

  it('emits only types the catalog maps exactly, with the attributes its refine rules read', async () => {
    mockAccount()
    const result = await collector.collect(context().ctx)
    const catalog = await loadCatalog()
    for (const resource of result.resources)
      expect(catalog.lookup(resource.type, resource.attributes).matchedBy, resource.type).toBe('type')
    const valkey = result.resources.find((r) => r.name === 'sessions')!
    expect(catalog.lookup(valkey.type, valkey.attributes).category).toBe('cache')
  })

  it('uses Basic authentication and names the account after the user', async () => {
    const basic = `Basic ${Buffer.from('shop-api:correct horse battery').toString('base64')}`
    nock(API).get('/1.3/server').matchHeader('authorization', basic).reply(200, fixture('servers.json'))
    mockAccount({'/server': 'skip'})
    const {ctx} = context({env: {UPCLOUD_USERNAME: 'shop-api', UPCLOUD_PASSWORD: 'correct horse battery'}})
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({scope: 'shop-api', status: 'complete'})
    expect(result.resources.every((r) => r.account === 'shop-api')).toBe(true)
  })

  it('keeps the other services when one is forbidden (partial)', async () => {
    mockAccount({'/load-balancer': 403})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.status).toBe('partial')
    expect(result.sources[0]!.error).toMatch(
      /^load balancers: upcloud: GET .*load-balancer denied permission: Access to the resource is forbidden/,
    )
    expect(result.resources.filter((r) => r.type === 'upcloud:server')).toHaveLength(2)
  })

  it('keeps a server whose details fail, without its links, and says so', async () => {
    mockAccount({[`/server/${S2}`]: 403})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.status).toBe('partial')
    expect(result.sources[0]!.error).toMatch(/details .* of 1 of 2 servers could not be read/)
    expect(result.resources.find((r) => r.id === `upcloud:server:${S2}`)?.dependsOn).toEqual([])
  })

  it('waits out a 429 and retries the same page', async () => {
    nock(API).get('/1.3/database').query({limit: '100', offset: '100'}).reply(429, {}, {'Retry-After': '2'})
    mockAccount()
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toContain(2000)
    expect(result.resources.filter((r) => r.type === 'upcloud:managed-database')).toHaveLength(103)
    expect(result.sources[0]!.status).toBe('complete')
  })

  it('retries a 5xx and recovers', async () => {
    nock(API).get('/1.3/storage/private').reply(502, 'Bad Gateway')
    mockAccount()
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.status).toBe('complete')
    expect(result.resources.filter((r) => r.type === 'upcloud:storage')).toHaveLength(3)
  })

  it('reports a malformed page and keeps the other lists', async () => {
    mockAccount({'/database page 2': {databases: []}})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.status).toBe('partial')
    expect(result.sources[0]!.error).toMatch(/managed databases: .*not in the documented shape/)
    expect(result.resources.filter((r) => r.type === 'upcloud:kubernetes-cluster')).toHaveLength(1)
  })

  it('fails with exit code 4 when the credentials are rejected, without sending the other lists', async () => {
    // One request at a time: after the first 401 the lists still waiting for the slot are not sent.
    nock(API).get('/1.3/server').reply(401, fixture('error-auth.json'))
    const {ctx} = context({concurrency: 1})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the credentials: Authentication failed/)
    expect(error.message).not.toContain('ucat_')
  })

  it('honours an endpoint override', async () => {
    mockAccount({}, 'http://upcloud-mock.test')
    const {ctx} = context({endpoints: {upcloud: 'http://upcloud-mock.test/1.3'}})
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.status).toBe('complete')
  })

  it('replays the lists upcloud-go-api recorded: one request each for servers, storage, networks, routers', async () => {
    const scope = nock(API)
    const [list, detail] = recorded('getserverswithfilters')
    // No limit or offset on these four: nock matches the path only when the query is empty.
    scope.get('/1.3/server').reply(200, list!.body)
    scope.get('/1.3/server/00a47181-df7b-42c2-a6cc-107c9603e1e8').reply(200, detail!.body)
    scope.get('/1.3/storage/private').reply(200, recorded('storagelabels')[0]!.body)
    scope.get('/1.3/network').reply(200, recorded('createmodifydeletenetwork')[0]!.body)
    scope.get('/1.3/router').reply(200, recorded('createmodifydeleterouter')[0]!.body)
    const firstPage = {limit: '100', offset: '0'}
    scope.get('/1.3/database').query(firstPage).reply(200, recorded('getallmanageddatabases')[0]!.body)
    scope.get('/1.3/load-balancer').query(firstPage).reply(200, body('loadbalancerpage', 110))
    scope.get('/1.3/object-storage-2').query(firstPage).reply(200, recorded('getmanagedobjectstorages')[0]!.body)
    // The cassette holds GET /kubernetes/{uuid}; the list is an array of the same objects.
    scope.get('/1.3/kubernetes').reply(200, [recorded('wait_for_kubernetes_cluster_state')[0]!.body as object])
    const result = await collector.collect(context().ctx)
    expect(result.sources).toEqual([{provider: 'upcloud', scope: 'account', status: 'complete', count: 10}])
    const byType = (type: string) => result.resources.filter((r) => r.type === type)
    expect(byType('upcloud:server')).toEqual([
      {
        id: 'upcloud:server:00a47181-df7b-42c2-a6cc-107c9603e1e8',
        provider: 'upcloud',
        type: 'upcloud:server',
        name: 'uploud-go-sdk-integration-test-getserverswithfilters',
        region: 'fi-hel2',
        tags: {managedBy: 'upcloud-sdk-integration-test', testName: 'getserverswithfilters'},
        attributes: {plan: 'custom', cores: 1, memoryMiB: 1024, state: 'started'},
        dependsOn: ['upcloud:storage:01a40395-4bd7-44e5-a398-9fd47a032301'],
        source: 'scan:upcloud',
      },
    ])
    expect(byType('upcloud:storage').map((r) => [r.tags, r.sizeGiB, r.attributes])).toEqual([
      [{color: 'green'}, 10, {tier: 'maxiops', type: 'normal'}],
      [{color: 'red'}, 10, {tier: 'maxiops', type: 'normal'}],
    ])
    // Ten public and utility networks are UpCloud's; four of the five routers are its utility routers.
    expect(byType('upcloud:network')).toEqual([])
    expect(byType('upcloud:router').map((r) => r.name)).toEqual(['Modified name (test)'])
    expect(byType('upcloud:managed-database').map((r) => r.attributes)).toEqual(
      Array(4).fill({type: 'pg', plan: '2x2xCPU-4GB-100GB', nodeCount: 2}),
    )
    expect(byType('upcloud:kubernetes-cluster')).toMatchObject([
      {
        name: 'go-sdk-test-ctx',
        region: 'de-fra1',
        attributes: {nodeCount: 2},
        dependsOn: ['upcloud:network:03e4970d-7791-4b80-a892-682ae0faf46b'],
      },
    ])
  })

  it('follows limit/offset paging as upcloud-go-api recorded it, until a short page', async () => {
    const pages = recorded('loadbalancerpage')
    // At this page size the other paged lists get a short (empty) first page.
    mockAccount({'/load-balancer': 'skip', '/database': 'skip', '/database page 2': 'skip', '/object-storage-2': 'skip'})
    for (const [index, offset] of ['0', '2', '4'].entries())
      nock(API).get('/1.3/load-balancer').query({limit: '2', offset}).reply(200, pages[index]!.body)
    nock(API).get('/1.3/database').query({limit: '2', offset: '0'}).reply(200, [])
    nock(API).get('/1.3/object-storage-2').query({limit: '2', offset: '0'}).reply(200, [])
    const result = await collector.collect(context({options: {upcloud: {pageSize: 2}}}).ctx)
    expect(result.sources[0]!.status).toBe('complete')
    const lbs = result.resources.filter((r) => r.type === 'upcloud:load-balancer')
    expect(lbs.map((r) => r.name)).toEqual([
      'go-test-lb-fi-hel2-1686162645',
      'go-test-lb-fi-hel2-1686162646',
      'go-test-lb-fi-hel2-1686162647',
      'go-test-lb-fi-hel2-1686162648',
      'go-test-lb-fi-hel2-1686162650',
    ])
    expect(lbs.at(-1)).toMatchObject({
      attributes: {plan: 'development'},
      dependsOn: ['upcloud:network:036b8041-6759-4820-80a1-0a2471da241f'],
    })
  })

  it('links recorded servers to their private network, and the network to its router', async () => {
    const cassette = 'createtwonetworkstwoserversandarouter'
    const details = [body(cassette, 15), body(cassette, 16)] as {server: Record<string, unknown>}[]
    // The cassette has no GET /server; the list entries are the details' summary fields (as in getserverswithfilters).
    const summaryKeys = [
      'core_number',
      'created',
      'host',
      'hostname',
      'labels',
      'license',
      'memory_amount',
      'plan',
      'state',
      'tags',
      'title',
      'uuid',
      'zone',
    ]
    const summaries = details.map(({server}) => Object.fromEntries(summaryKeys.map((key) => [key, server[key]])))
    mockAccount({'/server': 'skip', [`/server/${S1}`]: 'skip', [`/server/${S2}`]: 'skip', '/network': 'skip', '/router': 'skip'})
    nock(API)
      .get('/1.3/server')
      .reply(200, {servers: {server: summaries}})
    for (const detail of details)
      nock(API)
        .get(`/1.3/server/${String(detail.server.uuid)}`)
        .reply(200, detail)
    const networks = [body(cassette, 17), body(cassette, 18)].map((n) => (n as {network: object}).network)
    nock(API)
      .get('/1.3/network')
      .reply(200, {networks: {network: networks}})
    nock(API)
      .get('/1.3/router')
      .reply(200, {routers: {router: [(body(cassette, 2) as {router: object}).router]}})
    const result = await collector.collect(context().ctx)
    const ids = new Map(result.resources.map((r) => [r.id, r]))
    expect(ids.get('upcloud:server:009ce7c6-dd5c-4e2a-be9b-682bc9be960b')!.dependsOn).toEqual([
      'upcloud:storage:01f71d6e-f25f-4174-bd11-67182f938b89',
      'upcloud:network:039d20c5-dfe0-44b4-b0e1-8cb2b5ae1567',
    ])
    expect(ids.get('upcloud:network:039d20c5-dfe0-44b4-b0e1-8cb2b5ae1567')).toMatchObject({
      name: 'test private network #1 (test)',
      region: 'fi-hel2',
      dependsOn: ['upcloud:router:0448a70f-0014-4e78-beef-870ab332ad9f'],
    })
    expect(ids.has('upcloud:router:0448a70f-0014-4e78-beef-870ab332ad9f')).toBe(true)
  })

  it('keeps page 1 when page 2 keeps failing, and marks the account partial with the reason', async () => {
    mockAccount({'/database': 'skip', '/database page 2': 'skip'})
    nock(API).get('/1.3/database').query({limit: '100', offset: '0'}).reply(200, fixture('databases-page-1.json'))
    nock(API)
      .get('/1.3/database')
      .query({limit: '100', offset: '100'})
      .times(5)
      .reply(503, 'Service Unavailable', {'Retry-After': '1'})
    const {ctx, clock} = context({concurrency: 1})
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000])
    expect(result.sources[0]!.status).toBe('partial')
    expect(result.sources[0]!.error).toMatch(
      /^managed databases: stopped after 1 page\(s\) and 100 item\(s\): .*answered HTTP 503/,
    )
    expect(result.resources.filter((r) => r.type === 'upcloud:managed-database')).toHaveLength(100)
  })

  it('stops a paged list whose offset is ignored (the same page again), and says why', async () => {
    const databases = recorded('getallmanageddatabases')[0]!.body as object[]
    mockAccount({'/database': 'skip', '/database page 2': 'skip', '/load-balancer': 'skip', '/object-storage-2': 'skip'})
    // A full page at offset 0, and the very same page at offset 2: only those two are read.
    nock(API).get('/1.3/database').query({limit: '2', offset: '0'}).reply(200, databases.slice(0, 2))
    nock(API).get('/1.3/database').query({limit: '2', offset: '2'}).reply(200, databases.slice(0, 2))
    nock(API).get('/1.3/load-balancer').query({limit: '2', offset: '0'}).reply(200, [])
    nock(API).get('/1.3/object-storage-2').query({limit: '2', offset: '0'}).reply(200, [])
    const result = await collector.collect(context({options: {upcloud: {pageSize: 2}}}).ctx)
    expect(result.sources[0]!.status).toBe('partial')
    expect(result.sources[0]!.error).toMatch(
      /^managed databases: stopped after 1 page\(s\) and 2 item\(s\): upcloud: GET \/database returned the same page again at offset 2/,
    )
    expect(result.resources.filter((r) => r.type === 'upcloud:managed-database')).toHaveLength(2)
  })
})

describe('UpCloud spec', () => {
  it('has no flags, a library-only page size, and says its rate limit is not documented', () => {
    expect(spec.flags).toEqual([])
    expect(validateProviderOptions([spec], {upcloud: {pageSize: 50}})).toEqual({upcloud: {pageSize: 50}})
    expect(() => validateProviderOptions([spec], {upcloud: {pageSize: 500}})).toThrow(/upcloud option "pageSize"/)
    expect(spec.rateLimits).toMatch(/unconfirmed/)
  })
})
