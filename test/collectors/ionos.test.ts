import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {collector} from '../../src/collectors/ionos/index.js'
import {parseIonosOptions, spec} from '../../src/collectors/ionos/spec.js'
import {type CollectContext, silentProgress} from '../../src/collectors/types.js'
import {ExitreadyError, InputError} from '../../src/errors.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const HOST = 'https://api.ionos.com'
const FIXTURES = join(import.meta.dirname, '../../fixtures/ionos')
type Body = Record<string, unknown>
const fixture = async (name: string) => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as Body
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJraWQiOiJleGFtcGxlIn0.eyJpc3MiOiJpb25vc2Nsb3VkIn0.c2lnbmF0dXJl'
const DC1 = 'b3e6c1f0-5a2d-4e8b-9c7f-1d2e3f4a5b6c'
const DC2 = 'c4f7d2a1-6b3e-4f9c-8d0a-2e3f4a5b6c7d'
const WEB1 = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
const WEB2 = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e'
const LISTS: [string, number][] = [
  ['servers', 3],
  ['volumes', 1],
  ['lans', 1],
  ['networkloadbalancers', 3],
  ['applicationloadbalancers', 1],
]

function context(overrides: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {IONOS_TOKEN: TOKEN},
    clock,
    progress: silentProgress,
    options: {},
    ...overrides,
  }
  return {ctx, clock}
}

const cloud = () => nock(HOST).matchHeader('authorization', `Bearer ${TOKEN}`)
/** An empty Cloud API collection as an answer to `limit`: the limit is echoed, and there is no next link. */
const empty = (limit = 1000) => ({type: 'collection', items: [], offset: 0, limit, _links: {}})
const emptyDbaas = (limit = 100) => ({type: 'collection', id: 'clusters', items: [], offset: 0, limit, links: {}})

/** Every list of a datacenter: from `files` (list → fixture), else empty; lists in `skip` are left to the test. */
async function mockDatacenter(dc: string, files: Record<string, string> = {}, skip: string[] = [], limit = 1000) {
  for (const [list, depth] of LISTS) {
    if (skip.includes(list)) continue
    cloud()
      .get(`/cloudapi/v6/datacenters/${dc}/${list}`)
      .query({depth: String(depth), offset: '0', limit: String(limit)})
      .reply(200, files[list] ? await fixture(files[list]) : empty(limit))
  }
}

/** Kubernetes and labels (no paging: only depth is sent), and both DBaaS APIs. */
async function mockServices(skip: string[] = [], dbaasLimit = 100) {
  if (!skip.includes('k8s')) {
    cloud()
      .get('/cloudapi/v6/k8s')
      .query({depth: '1'})
      .reply(200, await fixture('k8s.json'))
    cloud()
      .get('/cloudapi/v6/k8s/ad1e2f3a-4b5c-4d6e-8f7a-0b1c2d3e4f5a/nodepools')
      .query({depth: '1'})
      .reply(200, await fixture('k8s-nodepools.json'))
  }
  if (!skip.includes('labels'))
    cloud()
      .get('/cloudapi/v6/labels')
      .query({depth: '1'})
      .reply(200, await fixture('recorded/labels.json'))
  if (!skip.includes('postgresql'))
    cloud()
      .get('/databases/postgresql/clusters')
      .query({offset: '0', limit: String(dbaasLimit)})
      .reply(200, await fixture('postgresql-clusters.json'))
  cloud()
    .get('/databases/mongodb/clusters')
    .query({offset: '0', limit: String(dbaasLimit)})
    .reply(200, emptyDbaas(dbaasLimit))
}

const FRA = {
  servers: 'servers-fra.json',
  volumes: 'volumes-fra.json',
  lans: 'lans-fra.json',
  networkloadbalancers: 'networkloadbalancers-fra.json',
}

async function mockEstate(skipFra: string[] = [], skipServices: string[] = []) {
  cloud()
    .get('/cloudapi/v6/datacenters')
    .query({depth: '1', offset: '0', limit: '1000'})
    .reply(200, await fixture('datacenters.json'))
  await mockDatacenter(DC1, FRA, skipFra)
  await mockDatacenter(DC2)
  await mockServices(skipServices)
}

const byId = (resources: ResourceInput[]) => new Map(resources.map((r) => [r.id, r]))
const id = (kind: string, native: string) => `ionos:${kind}:${native}`
const SCOPES = ['datacenters', 'labels', 'kubernetes', 'dbaas-postgresql', 'dbaas-mongodb', DC1, DC2]

describe('ionos spec', () => {
  it('declares no scan flags, a documented budget, and a page size only the library API sets', () => {
    expect(spec.flags).toEqual([])
    expect(spec.rateLimits).toMatch(/per contract.*429.*Retry-After/)
    expect(parseIonosOptions({pageSize: 10})).toEqual({pageSize: 10})
    expect(() => parseIonosOptions({pageSize: 20_000})).toThrow(InputError)
  })
})

describe('ionos collector', () => {
  it('lists datacenters, their servers, volumes, NICs, LANs and load balancers, Kubernetes and PostgreSQL', async () => {
    await mockEstate()
    const result = await collector.collect(context().ctx)
    expect(result.sources.map((s) => [s.scope, s.status, s.count])).toEqual([
      ['datacenters', 'complete', 2],
      ['labels', 'complete', 0],
      ['kubernetes', 'complete', 1],
      ['dbaas-postgresql', 'complete', 1],
      ['dbaas-mongodb', 'complete', 0],
      [DC1, 'complete', 11],
      [DC2, 'complete', 0],
    ])
    const r = byId(result.resources)
    expect(r.get(id('datacenter', DC2))).toMatchObject({name: 'shop-dr-txl', region: 'de/txl'})
    expect(r.get(id('server', WEB1))).toMatchObject({
      region: 'de/fra',
      attributes: {type: 'ENTERPRISE', cores: 4, ramGiB: 8},
      dependsOn: [id('datacenter', DC1)],
    })
    // NIC → server and LAN (LAN ids are per datacenter).
    expect(r.get(id('nic', '7a8b9c0d-1e2f-4a3b-8c4d-6e7f8a9b0c1d'))!.dependsOn).toEqual([
      id('server', WEB1),
      id('lan', `${DC1}/2`),
    ])
    // Attached volume → server; the unattached one only → datacenter.
    expect(r.get(id('volume', '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a'))).toMatchObject({
      sizeGiB: 400,
      dependsOn: [id('datacenter', DC1), id('server', WEB2)],
    })
    expect(r.get(id('volume', '5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8a9b'))!.dependsOn).toEqual([id('datacenter', DC1)])
    // Network load balancer → its LANs and, through the forwarding targets' IPs, the servers.
    expect(r.get(id('network-load-balancer', '9c0d1e2f-3a4b-4c5d-8e6f-8a9b0c1d2e3f'))!.dependsOn).toEqual([
      id('datacenter', DC1),
      id('lan', `${DC1}/1`),
      id('lan', `${DC1}/2`),
      id('server', WEB1),
      id('server', WEB2),
    ])
    // The cluster has no location of its own here: it comes from its node pool's datacenter.
    expect(r.get(id('k8s-cluster', 'ad1e2f3a-4b5c-4d6e-8f7a-0b1c2d3e4f5a'))).toMatchObject({
      region: 'de/fra',
      attributes: {version: '1.30.6', nodePools: 1},
      dependsOn: [id('datacenter', DC1)],
    })
    expect(r.get(id('postgres-cluster', 'cf3a4b5c-6d7e-4f8a-8b9c-2d3e4f5a6b7c'))).toMatchObject({
      region: 'de/fra',
      attributes: {engine: 'postgresql', version: '16', instances: 2},
      sizeGiB: 100,
      dependsOn: [id('datacenter', DC1), id('lan', `${DC1}/2`)],
    })
  })

  it('reads every label in one GET /labels and attaches them as tags to the datacenters, servers and volumes they name', async () => {
    await mockEstate()
    const result = await collector.collect(context().ctx)
    const tagged = result.resources.filter((r) => Object.keys(r.tags ?? {}).length > 0).map((r) => [r.id, r.tags])
    expect(tagged).toEqual([
      [id('datacenter', DC1), {environment: 'production'}],
      [id('server', WEB1), {environment: 'production', 'dora-function': 'payments'}],
      [id('volume', '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a'), {backup: 'daily'}],
    ])
  })

  it('keeps every resource when the labels cannot be read, and says the tags are missing (labels scope failed)', async () => {
    await mockEstate([], ['labels'])
    cloud()
      .get('/cloudapi/v6/labels')
      .query({depth: '1'})
      .reply(403, await fixture('error-forbidden.json'))
    const result = await collector.collect(context().ctx)
    expect(result.sources.find((s) => s.scope === 'labels')).toEqual({
      provider: 'ionos',
      scope: 'labels',
      status: 'failed',
      count: 0,
      error:
        'labels: ionos: GET https://api.ionos.com/cloudapi/v6/labels denied permission: You are not authorized to perform this operation.',
    })
    expect(result.resources.find((r) => r.id === id('server', WEB1))?.tags).toEqual({})
    expect(result.resources).toHaveLength(15)
  })

  it('pages with offset/limit and follows _links.next, taking only the offset from the link', async () => {
    cloud()
      .get('/cloudapi/v6/datacenters')
      .query({depth: '1', offset: '0', limit: '1'})
      .reply(200, await fixture('datacenters-page1.json'))
    cloud()
      .get('/cloudapi/v6/datacenters')
      .query({depth: '1', offset: '1', limit: '1'})
      .reply(200, await fixture('datacenters-page2.json'))
    await mockDatacenter(DC1, {}, [], 1)
    await mockDatacenter(DC2, {}, [], 1)
    await mockServices(['k8s'], 1)
    cloud().get('/cloudapi/v6/k8s').query({depth: '1'}).reply(200, empty())
    const result = await collector.collect(context({options: {ionos: {pageSize: 1}}}).ctx)
    expect(result.resources.map((r) => r.name)).toEqual(['shop-prod-fra', 'shop-dr-txl', 'orders-pg'])
    expect(result.sources.every((s) => s.status === 'complete')).toBe(true)
  })

  it('keeps page 1 of the datacenters and scans them when page 2 fails after its retries (partial)', async () => {
    cloud()
      .get('/cloudapi/v6/datacenters')
      .query({depth: '1', offset: '0', limit: '1'})
      .reply(200, await fixture('datacenters-page1.json'))
    cloud()
      .get('/cloudapi/v6/datacenters')
      .query({depth: '1', offset: '1', limit: '1'})
      .times(5)
      .reply(503, await fixture('error-unavailable.json'), {'Retry-After': '3'})
    await mockDatacenter(DC1, {}, [], 1)
    await mockServices(['k8s'], 1)
    cloud().get('/cloudapi/v6/k8s').query({depth: '1'}).reply(200, empty())
    const {ctx, clock} = context({options: {ionos: {pageSize: 1}}})
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([3000, 3000, 3000, 3000])
    expect(result.sources[0]).toMatchObject({scope: 'datacenters', status: 'partial', count: 1})
    expect(result.sources[0]!.error).toBe(
      'datacenters: stopped after 1 page(s) and 1 item(s): ionos: GET https://api.ionos.com/cloudapi/v6/datacenters answered HTTP 503: Service temporarily unavailable.',
    )
    expect(result.sources.find((s) => s.scope === DC1)).toMatchObject({status: 'complete'})
    expect(result.resources.map((r) => r.id)).toContain(id('datacenter', DC1))
  })

  it('stops a list whose next link changes on every page while the pages are empty, and says why', async () => {
    await mockEstate(['servers'])
    const servers = await fixture('servers-fra.json')
    const next = (offset: number) => ({
      self: '…',
      next: `${HOST}/cloudapi/v6/datacenters/${DC1}/servers?depth=3&offset=${offset}&limit=1000`,
    })
    cloud()
      .get(`/cloudapi/v6/datacenters/${DC1}/servers`)
      .query({depth: '3', offset: '0', limit: '1000'})
      .reply(200, {...servers, _links: next(1000)})
    cloud()
      .get(`/cloudapi/v6/datacenters/${DC1}/servers`)
      .query({depth: '3', offset: '1000', limit: '1000'})
      .reply(200, {...empty(), offset: 1000, _links: next(2000)})
    const result = await collector.collect(context().ctx)
    const fra = result.sources.find((s) => s.scope === DC1)!
    expect(fra).toMatchObject({status: 'partial', count: 11})
    expect(fra.error).toBe('servers: the API returned an empty page that still named a next page; stopped after 2 page(s).')
  })

  it('retries a 429 after Retry-After', async () => {
    cloud()
      .get(`/cloudapi/v6/datacenters/${DC1}/servers`)
      .query({depth: '3', offset: '0', limit: '1000'})
      .reply(429, await fixture('error-too-many-requests.json'), {
        'Retry-After': '4',
        'X-RateLimit-Limit': '120',
        'X-RateLimit-Burst': '50',
        'X-RateLimit-Remaining': '0',
      })
    await mockEstate()
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([4000])
    expect(result.sources.every((s) => s.status === 'complete')).toBe(true)
    expect(result.resources.filter((r) => r.type === 'ionos:server')).toHaveLength(2)
  })

  it('reports rejected credentials as nothing readable (exit code 4), sending nothing more', async () => {
    nock(HOST)
      .get('/cloudapi/v6/datacenters')
      .query({depth: '1', offset: '0', limit: '1000'})
      .reply(401, await fixture('error-unauthorized.json'))
    const {ctx} = context({concurrency: 1, env: {IONOS_USERNAME: 'ops@example.eu', IONOS_PASSWORD: 'not-the-password'}})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the credentials: Unauthorized/)
    expect(error.message).not.toMatch(/not-the-password/)
  })

  it('keeps the other datacenters when one is denied', async () => {
    cloud()
      .get('/cloudapi/v6/datacenters')
      .query({depth: '1', offset: '0', limit: '1000'})
      .reply(200, await fixture('datacenters.json'))
    await mockDatacenter(DC1, FRA)
    await mockServices()
    for (const [list, depth] of LISTS)
      cloud()
        .get(`/cloudapi/v6/datacenters/${DC2}/${list}`)
        .query({depth: String(depth), offset: '0', limit: '1000'})
        .reply(403, await fixture('error-forbidden.json'))
    const result = await collector.collect(context().ctx)
    const txl = result.sources.find((s) => s.scope === DC2)!
    expect(txl).toMatchObject({status: 'failed', count: 0})
    expect(txl.error).toMatch(/^5 of 5 lists failed; the first: .*denied permission: You are not authorized/)
    expect(result.sources.find((s) => s.scope === DC1)).toMatchObject({status: 'complete', count: 11})
  })

  it('keeps a Kubernetes cluster whose node pools cannot be read, and marks the list partial', async () => {
    await mockEstate([], ['k8s'])
    cloud()
      .get('/cloudapi/v6/k8s')
      .query({depth: '1'})
      .reply(200, await fixture('k8s.json'))
    cloud()
      .get('/cloudapi/v6/k8s/ad1e2f3a-4b5c-4d6e-8f7a-0b1c2d3e4f5a/nodepools')
      .query({depth: '1'})
      .reply(403, await fixture('error-forbidden.json'))
    const result = await collector.collect(context().ctx)
    expect(result.sources.find((s) => s.scope === 'kubernetes')).toMatchObject({status: 'partial', count: 1})
    expect(result.resources.find((r) => r.type === 'ionos:k8s-cluster')).toMatchObject({name: 'shop-k8s'})
  })

  it('marks a datacenter partial on a malformed page and recovers from a 5xx', async () => {
    await mockEstate(['lans'], ['postgresql'])
    cloud()
      .get(`/cloudapi/v6/datacenters/${DC1}/lans`)
      .query({depth: '1', offset: '0', limit: '1000'})
      .reply(200, {type: 'collection', items: {id: '1'}})
    cloud()
      .get('/databases/postgresql/clusters')
      .query({offset: '0', limit: '100'})
      .reply(503, await fixture('error-unavailable.json'))
    cloud()
      .get('/databases/postgresql/clusters')
      .query({offset: '0', limit: '100'})
      .reply(200, await fixture('postgresql-clusters.json'))
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    const fra = result.sources.find((s) => s.scope === DC1)!
    expect(fra).toMatchObject({status: 'partial', count: 9})
    expect(fra.error).toMatch(/^lans: .*without a "items" list/)
    expect(result.sources.find((s) => s.scope === 'dbaas-postgresql')).toMatchObject({status: 'complete', count: 1})
    // One backoff without a server hint: between half and all of the 500 ms base.
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(250)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(500)
  })

  it('uses Basic auth, the contract number and IONOS_API_URL, and keeps a next link naming another host on its own host', async () => {
    const basic = `Basic ${Buffer.from('ops@example.eu:s3cr3t-pass').toString('base64')}`
    const mock = () =>
      nock('http://ionos.mock.test').matchHeader('authorization', basic).matchHeader('x-contract-number', '31884391')
    const page1 = await fixture('datacenters-page1.json')
    mock().get('/cloudapi/v6/datacenters').query({depth: '1', offset: '0', limit: '1'}).reply(200, page1)
    mock()
      .get('/cloudapi/v6/datacenters')
      .query({depth: '1', offset: '1', limit: '1'})
      .reply(200, {...(await fixture('datacenters-page2.json')), items: []})
    for (const [list, depth] of LISTS)
      mock()
        .get(`/cloudapi/v6/datacenters/${DC1}/${list}`)
        .query({depth: String(depth), offset: '0', limit: '1'})
        .reply(200, empty(1))
    mock().get('/cloudapi/v6/labels').query({depth: '1'}).reply(200, {id: 'labels', type: 'collection', items: []})
    mock().get('/cloudapi/v6/k8s').query({depth: '1'}).reply(200, empty())
    mock().get('/databases/postgresql/clusters').query({offset: '0', limit: '1'}).reply(200, emptyDbaas(1))
    mock().get('/databases/mongodb/clusters').query({offset: '0', limit: '1'}).reply(200, emptyDbaas(1))
    const env = {
      IONOS_USERNAME: 'ops@example.eu',
      IONOS_PASSWORD: 's3cr3t-pass',
      IONOS_CONTRACT_NUMBER: '31884391',
      IONOS_API_URL: 'http://ionos.mock.test',
    }
    expect(collector.detect({env, options: {}})).toEqual({available: true, via: 'IONOS_USERNAME and IONOS_PASSWORD'})
    // The fixture's next link names https://api.ionos.com: the second page must still go to the mock host.
    expect(JSON.stringify(page1._links)).toContain('https://api.ionos.com/cloudapi/v6/datacenters?depth=1&offset=1&limit=1')
    const result = await collector.collect(context({env, options: {ionos: {pageSize: 1}}}).ctx)
    expect(result.sources.map((s) => [s.scope, s.status])).toEqual(SCOPES.slice(0, 6).map((scope) => [scope, 'complete']))
  })

  it('says why it is not available', () => {
    expect(collector.detect({env: {IONOS_USERNAME: 'ops@example.eu'}, options: {}})).toEqual({
      available: false,
      reason: 'neither IONOS_TOKEN nor IONOS_USERNAME and IONOS_PASSWORD are set',
    })
  })
})
