import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {providerOptionsFromFlags} from '../../src/cli/provider-flags.js'
import {collector} from '../../src/collectors/hetzner/index.js'
import {spec} from '../../src/collectors/hetzner/spec.js'
import {validateProviderOptions} from '../../src/collectors/options.js'
import {type CollectContext, silentProgress} from '../../src/collectors/types.js'
import {ExitreadyError} from '../../src/errors.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const API = 'https://api.hetzner.cloud'
const FIXTURES = join(import.meta.dirname, '../../fixtures/hetzner')
const fixture = async (name: string) => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as Record<string, unknown>
const xml = (name: string) => readFile(join(FIXTURES, name), 'utf8')

const LISTS = ['servers', 'volumes', 'load_balancers', 'networks', 'floating_ips', 'primary_ips', 'firewalls', 'certificates']
const emptyPage = (key: string) => ({
  [key]: [],
  meta: {pagination: {page: 1, per_page: 50, previous_page: null, next_page: null, last_page: 1, total_entries: 0}},
})

function context(overrides: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {HCLOUD_TOKEN: 'hz-test-token-0123456789'},
    clock,
    progress: silentProgress,
    options: {},
    ...overrides,
  }
  return {ctx, clock}
}

/** Mocks every list with the recorded fixtures (servers over two pages), except those named in `skip`. */
async function mockAll(skip: string[] = []) {
  const api = nock(API).matchHeader('authorization', 'Bearer hz-test-token-0123456789')
  if (!skip.includes('servers')) {
    api
      .get('/v1/servers')
      .query({page: '1', per_page: '50'})
      .reply(200, await fixture('servers-page1.json'))
    api
      .get('/v1/servers')
      .query({page: '2', per_page: '50'})
      .reply(200, await fixture('servers-page2.json'))
  }
  for (const list of LISTS.filter((l) => l !== 'servers' && !skip.includes(l)))
    api
      .get(`/v1/${list}`)
      .query({page: '1', per_page: '50'})
      .reply(200, await fixture(`${list}.json`))
  return api
}

const byId = (resources: ResourceInput[]) => new Map(resources.map((r) => [r.id, r]))

describe('hetzner collector', () => {
  it('lists every kind over all pages, with labels, locations and dependencies', async () => {
    await mockAll()
    const {ctx} = context()
    const result = await collector.collect(ctx)
    const resources = byId(result.resources)

    expect(result.sources).toEqual([{provider: 'hetzner', scope: 'project', status: 'complete', count: 16}])
    expect([...new Set(result.resources.map((r) => r.type))].sort()).toEqual([
      'hetzner:certificate',
      'hetzner:firewall',
      'hetzner:floating-ip',
      'hetzner:load-balancer',
      'hetzner:network',
      'hetzner:primary-ip',
      'hetzner:server',
      'hetzner:volume',
    ])
    // The third server is on page 2.
    const db = resources.get('hetzner:server:4711003')!
    expect(db).toMatchObject({name: 'db-1', region: 'nbg1', tags: {env: 'prod', role: 'postgres'}, source: 'scan:hetzner'})
    expect(db.attributes).toMatchObject({type: 'ccx23', image: 'debian-12', osFlavor: 'ubuntu'})

    // server → networks, primary IPs and firewalls
    expect(resources.get('hetzner:server:4711001')!.dependsOn).toEqual([
      'hetzner:network:1837201',
      'hetzner:primary-ip:82010101',
      'hetzner:primary-ip:82010102',
      'hetzner:firewall:91001',
    ])
    // volume → server, with its size
    expect(resources.get('hetzner:volume:100202')).toMatchObject({
      sizeGiB: 500,
      region: 'nbg1',
      dependsOn: ['hetzner:server:4711003'],
    })
    expect(resources.get('hetzner:volume:100203')!.dependsOn).toBeUndefined()
    // load balancer → direct and label-selector targets, its network and certificate
    expect(resources.get('hetzner:load-balancer:55001')!.dependsOn).toEqual([
      'hetzner:server:4711001',
      'hetzner:server:4711002',
      'hetzner:network:1837201',
      'hetzner:certificate:66001',
    ])
    expect(resources.get('hetzner:floating-ip:73001')!.dependsOn).toEqual(['hetzner:server:4711001'])
    expect(resources.get('hetzner:network:1837201')!.region).toBe('eu-central')
    expect(resources.get('hetzner:certificate:66001')).toMatchObject({region: 'global', attributes: {type: 'managed'}})
  })

  it('waits one token (1 s) after a 429, not until RateLimit-Reset, and retries the same page', async () => {
    // As Hetzner sends it: at Remaining 0 the reset is when the whole bucket (3,600) is full again.
    const {ctx, clock} = context({concurrency: 1})
    const resetAt = Math.floor(clock.now() / 1000) + 3600
    nock(API)
      .get('/v1/servers')
      .query({page: '1', per_page: '50'})
      .reply(429, await fixture('recorded/error-rate-limit.json'), {
        'RateLimit-Limit': '3600',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': String(resetAt),
      })
    await mockAll()
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([1000])
    expect(result.sources[0]).toMatchObject({status: 'complete', count: 16})
    expect(result.resources.filter((r) => r.type === 'hetzner:server')).toHaveLength(3)
  })

  it('keeps page 1 when page 2 keeps failing, and marks the project partial with the reason', async () => {
    await mockAll(['servers'])
    nock(API)
      .get('/v1/servers')
      .query({page: '1', per_page: '50'})
      .reply(200, await fixture('servers-page1.json'))
    nock(API)
      .get('/v1/servers')
      .query({page: '2', per_page: '50'})
      .times(5)
      .reply(503, await fixture('error-service.json'), {'Retry-After': '1'})
    const {ctx, clock} = context({concurrency: 1})
    const result = await collector.collect(ctx)
    // Five attempts, four waits of the server's Retry-After.
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000])
    const [status] = result.sources
    expect(status).toMatchObject({status: 'partial', count: 15})
    expect(status!.error).toMatch(/^servers: stopped after 1 page\(s\) and 2 item\(s\): .*answered HTTP 503/)
    expect(result.resources.filter((r) => r.type === 'hetzner:server').map((r) => r.id)).toEqual([
      'hetzner:server:4711001',
      'hetzner:server:4711002',
    ])
  })

  it('stops a list whose pages come back empty but keep naming a next page, and says why', async () => {
    await mockAll(['servers'])
    nock(API)
      .get('/v1/servers')
      .query({page: '1', per_page: '50'})
      .reply(200, await fixture('servers-page1.json'))
    // Page 2 is empty yet names page 3, page 3 would name page 4 …: only page 2 may be read.
    nock(API)
      .get('/v1/servers')
      .query({page: '2', per_page: '50'})
      .reply(200, {
        servers: [],
        meta: {pagination: {page: 2, per_page: 50, previous_page: 1, next_page: 3, last_page: 9, total_entries: 400}},
      })
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({status: 'partial', count: 15})
    expect(result.sources[0]!.error).toMatch(
      /^servers: the API returned an empty page that still named a next page; stopped after 2 page\(s\)/,
    )
  })

  it("maps the server body of hcloud-go's schema test (legacy datacenter location, null IPv4)", async () => {
    await mockAll(['servers'])
    nock(API)
      .get('/v1/servers')
      .query({page: '1', per_page: '50'})
      .reply(200, await fixture('recorded/servers-hcloud-go-schema.json'))
    const {ctx} = context({options: {hetzner: {project: 'shop-prod'}}})
    const result = await collector.collect(ctx)
    const server = result.resources.find((r) => r.id === 'hetzner:server:1')
    expect(server).toEqual({
      id: 'hetzner:server:1',
      provider: 'hetzner',
      type: 'hetzner:server',
      name: 'server.example.com',
      account: 'shop-prod',
      region: 'fsn1',
      tags: {key: 'value', key2: 'value2'},
      attributes: {image: 'ubuntu16.04-standard-x64', osFlavor: 'ubuntu', diskGiB: 20},
      dependsOn: ['hetzner:network:4711'],
      source: 'scan:hetzner',
    })
    expect(result.sources[0]).toMatchObject({scope: 'shop-prod', status: 'complete'})
  })

  it('stops after the token is rejected and reports that nothing could be read (exit code 4)', async () => {
    nock(API)
      .get('/v1/servers')
      .query(true)
      .reply(401, await fixture('error-unauthorized.json'))
    // With one request at a time, the other seven lists are never sent once the token was rejected.
    const {ctx} = context({concurrency: 1})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the credentials: unable to authenticate/)
    expect(error.message).not.toMatch(/hz-test-token/)
  })

  it('keeps the other lists when one page is malformed, and says which list failed', async () => {
    await mockAll(['volumes', 'firewalls'])
    nock(API)
      .get('/v1/volumes')
      .query(true)
      .reply(200, '{"volumes": [{"id": 100201, "name": "web-1-data"', {'content-type': 'application/json'})
    nock(API)
      .get('/v1/firewalls')
      .query(true)
      .reply(200, {firewall: [], meta: {pagination: {page: 1, next_page: null}}})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    const [status] = result.sources
    expect(status).toMatchObject({status: 'partial', count: 12})
    expect(status!.error).toMatch(/^2 of 8 lists failed/)
    expect(status!.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^volumes: .*not valid JSON/),
        expect.stringMatching(/^firewalls: .*without a "firewalls" list/),
      ]),
    )
    expect(result.resources.some((r) => r.type === 'hetzner:server')).toBe(true)
    expect(result.resources.some((r) => r.type === 'hetzner:volume')).toBe(false)
  })

  it('retries a 503 and recovers', async () => {
    nock(API)
      .get('/v1/networks')
      .query(true)
      .reply(503, await fixture('error-service.json'))
    await mockAll()
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.status).toBe('complete')
    expect(clock.sleeps).toHaveLength(1)
    expect(result.resources.some((r) => r.id === 'hetzner:network:1837201')).toBe(true)
  })

  it('uses the endpoint override and the hcloud CLI context', async () => {
    const home = await mkdtemp(join(tmpdir(), 'exitready-hcloud-'))
    const config = join(home, 'cli.toml')
    await writeFile(
      config,
      [
        'active_context = "shop-prod"',
        '',
        '[preferences]',
        '  debug = false',
        '',
        '[[contexts]]',
        '  name = "shop-staging"',
        '  token = "staging-token"',
        '',
        '[[contexts]]',
        '  name = "shop-prod"',
        "  token = 'prod-token' # read-only",
        '  [contexts.preferences]',
        '    default_ssh_keys = ["ops"]',
      ].join('\n'),
    )
    const base = 'http://hcloud.mock.test/v1'
    for (const list of LISTS)
      nock('http://hcloud.mock.test')
        .matchHeader('authorization', 'Bearer prod-token')
        .get(`/v1/${list}`)
        .query(true)
        .reply(200, emptyPage(list))
    const {ctx} = context({env: {HCLOUD_CONFIG: config}, endpoints: {hetzner: base}})
    expect(await collector.detect(ctx)).toEqual({available: true, via: 'hcloud CLI context "shop-prod"'})
    const result = await collector.collect(ctx)
    expect(result.sources).toEqual([{provider: 'hetzner', scope: 'shop-prod', status: 'complete', count: 0}])
  })

  it('reports progress for each scope: started, running count, finished with its status', async () => {
    await mockAll()
    const events: string[] = []
    const {ctx} = context({
      concurrency: 1,
      progress: {
        scopeStarted: (provider, scope) => events.push(`start ${provider} ${scope}`),
        scopeProgress: (_provider, _scope, total) => events.push(`count ${total}`),
        scopeFinished: (_provider, status) => events.push(`finish ${status.scope} ${status.status} ${status.count}`),
        warn: () => {},
      },
    })
    await collector.collect(ctx)
    expect(events[0]).toBe('start hetzner project')
    expect(events.filter((e) => e.startsWith('count'))).toEqual([
      'count 3',
      'count 6',
      'count 7',
      'count 8',
      'count 9',
      'count 14',
      'count 15',
      'count 16',
    ])
    expect(events.at(-1)).toBe('finish project complete 16')
  })

  it('says why it is not available', async () => {
    const result = await collector.detect({env: {HOME: '/nonexistent-home'}, options: {}})
    expect(result).toMatchObject({available: false})
    expect((result as {reason: string}).reason).toMatch(/HCLOUD_TOKEN is not set/)
  })

  it('lists Object Storage buckets per location with SigV4, one failing location kept apart', async () => {
    await mockAll()
    const env = {
      HCLOUD_TOKEN: 'hz-test-token-0123456789',
      HETZNER_S3_ACCESS_KEY: 'HZ3EXAMPLEKEY0000001',
      HETZNER_S3_SECRET_KEY: 'hetznerExampleSecret0000000000000000000000',
    }
    // Signature computed independently (Python hmac/hashlib, AWS SigV4 steps) for GET / at 2026-11-28T12:00:00Z.
    const expected =
      'AWS4-HMAC-SHA256 Credential=HZ3EXAMPLEKEY0000001/20261128/fsn1/s3/aws4_request, ' +
      'SignedHeaders=host;x-amz-content-sha256;x-amz-date, ' +
      'Signature=e1fe22a43485a0968a1569095dd246137824d7ed647be318d914825896e9de21'
    nock('https://fsn1.your-objectstorage.com')
      .matchHeader('authorization', expected)
      .matchHeader('x-amz-date', '20261128T120000Z')
      .get('/')
      .reply(200, await xml('list-buckets-fsn1.xml'), {'content-type': 'application/xml'})
    nock('https://nbg1.your-objectstorage.com')
      .get('/')
      .reply(200, await xml('list-buckets-nbg1.xml'), {'content-type': 'application/xml'})
    nock('https://hel1.your-objectstorage.com')
      .get('/')
      .reply(403, await xml('error-s3-access-denied.xml'), {'content-type': 'application/xml'})
    const {ctx} = context({env})
    const result = await collector.collect(ctx)
    const storage = result.sources.filter((s) => s.scope.startsWith('object-storage/'))
    expect(storage).toEqual([
      {provider: 'hetzner', scope: 'object-storage/fsn1', status: 'complete', count: 2},
      {provider: 'hetzner', scope: 'object-storage/nbg1', status: 'complete', count: 1},
      expect.objectContaining({scope: 'object-storage/hel1', status: 'failed', count: 0}),
    ])
    expect(storage[2]!.error).toMatch(/denied permission: The AWS Access Key Id you provided does not exist/)
    expect(result.resources.filter((r) => r.type === 'hetzner:object-storage-bucket').map((r) => [r.id, r.region])).toEqual([
      ['hetzner:object-storage-bucket:shop-assets', 'fsn1'],
      ['hetzner:object-storage-bucket:shop-backups', 'fsn1'],
      ['hetzner:object-storage-bucket:logs-archive', 'nbg1'],
    ])
  })
})

describe('hetzner object storage paging', () => {
  it('keeps the buckets of page 1 when the next ListBuckets page keeps failing', async () => {
    await mockAll()
    const page1 = (await xml('list-buckets-fsn1.xml')).replace(
      '</Buckets>',
      '</Buckets><ContinuationToken>c2hvcC1iYWNrdXBz</ContinuationToken>',
    )
    nock('https://fsn1.your-objectstorage.com').get('/').reply(200, page1, {'content-type': 'application/xml'})
    nock('https://fsn1.your-objectstorage.com')
      .get('/')
      .query({'continuation-token': 'c2hvcC1iYWNrdXBz'})
      .times(5)
      .reply(503, '<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message></Error>', {
        'content-type': 'application/xml',
        'Retry-After': '1',
      })
    const env = {
      HCLOUD_TOKEN: 'hz-test-token-0123456789',
      HETZNER_S3_ACCESS_KEY: 'HZ3EXAMPLEKEY0000001',
      HETZNER_S3_SECRET_KEY: 'hetznerExampleSecret0000000000000000000000',
    }
    const {ctx} = context({env, concurrency: 1, options: {hetzner: {objectStorageLocations: ['fsn1']}}})
    const result = await collector.collect(ctx)
    const storage = result.sources.find((s) => s.scope === 'object-storage/fsn1')!
    expect(storage).toMatchObject({status: 'partial', count: 2})
    expect(storage.error).toMatch(/^buckets: stopped after 1 page\(s\) and 2 item\(s\): .*Please reduce your request rate/)
    expect(result.resources.filter((r) => r.type === 'hetzner:object-storage-bucket').map((r) => r.name)).toEqual([
      'shop-assets',
      'shop-backups',
    ])
  })
})

describe('hetzner spec', () => {
  it('declares --hetzner-project and --hetzner-s3-locations and the documented rate limit', () => {
    expect(spec.flags.map((f) => [f.name, f.option, f.kind])).toEqual([
      ['hetzner-project', 'project', 'string'],
      ['hetzner-s3-locations', 'objectStorageLocations', 'list'],
    ])
    expect(spec.rateLimits).toMatch(/3,600 requests an hour per project, refilled one a second/)
    const raw = providerOptionsFromFlags([spec], {'hetzner-project': 'shop', 'hetzner-s3-locations': ['fsn1', ' hel1', '']})
    expect(validateProviderOptions([spec], raw)).toEqual({hetzner: {project: 'shop', objectStorageLocations: ['fsn1', 'hel1']}})
  })

  it('names the flag of a location that is not valid, before any request', () => {
    expect(() => validateProviderOptions([spec], {hetzner: {objectStorageLocations: ['fsn1', 'FSN 2']}})).toThrow(
      /--hetzner-s3-locations \(value 2\): a Hetzner location looks like fsn1/,
    )
  })

  it('reads the locations from the option before HETZNER_S3_LOCATIONS', async () => {
    await mockAll()
    nock('https://hel1.your-objectstorage.com')
      .get('/')
      .reply(200, await xml('list-buckets-nbg1.xml'), {'content-type': 'application/xml'})
    const env = {
      HCLOUD_TOKEN: 'hz-test-token-0123456789',
      HETZNER_S3_ACCESS_KEY: 'HZ3EXAMPLEKEY0000001',
      HETZNER_S3_SECRET_KEY: 'hetznerExampleSecret0000000000000000000000',
      HETZNER_S3_LOCATIONS: 'fsn1,nbg1',
    }
    const {ctx} = context({env, options: {hetzner: {objectStorageLocations: 'hel1'}}})
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => s.scope)).toEqual(['project', 'object-storage/hel1'])
  })
})
