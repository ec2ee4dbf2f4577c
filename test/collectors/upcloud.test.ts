import {readFileSync} from 'node:fs'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import type {CollectContext} from '../../src/collectors/types.js'
import {silentProgress} from '../../src/collectors/types.js'
import {collector} from '../../src/collectors/upcloud/index.js'
import {ExitreadyError} from '../../src/errors.js'
import {fakeClock} from '../../src/util/clock.js'

const fixture = (name: string) => JSON.parse(readFileSync(`fixtures/upcloud/${name}`, 'utf8')) as nock.Body
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
  answer('/object-storage-2', '/object-storage-2', firstPage, fixture('object-storages.json'))
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
    expect(result.resources.find((r) => r.type === 'upcloud:object-storage')).toMatchObject({region: 'europe-1', sizeGiB: 80})
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

  it('fails with exit code 4 when the credentials are rejected', async () => {
    const scope = nock(API)
    // Once the first 401 arrived, the lists still waiting for a slot are not sent: those requests may not happen.
    for (const path of ['/server', '/storage/private', '/network', '/router', '/kubernetes'])
      scope.get(`/1.3${path}`).optionally().reply(401, fixture('error-auth.json'))
    for (const path of ['/database', '/load-balancer', '/object-storage-2'])
      scope.get(`/1.3${path}`).query(true).optionally().reply(401, fixture('error-auth.json'))
    const {ctx} = context()
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
})
