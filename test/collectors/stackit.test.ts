import {generateKeyPairSync, verify} from 'node:crypto'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import nock from 'nock'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import type {LimitedClient} from '../../src/collectors/scope.js'
import {StackitTokenSource, serviceAccountAssertion} from '../../src/collectors/stackit/auth.js'
import {collector} from '../../src/collectors/stackit/index.js'
import {parseStackitOptions, spec} from '../../src/collectors/stackit/spec.js'
import type {CollectContext, ProgressSink} from '../../src/collectors/types.js'
import {ExitreadyError, InputError} from '../../src/errors.js'
import type {SourceStatus} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

type Body = Record<string, unknown>
/** Bodies built from the STACKIT OpenAPI specs (see fixtures/stackit/recorded/README.md); auth fixtures sit one level up. */
const recorded = (name: string) => JSON.parse(readFileSync(`fixtures/stackit/recorded/${name}`, 'utf8')) as Body
const authFixture = (name: string) => JSON.parse(readFileSync(`fixtures/stackit/${name}`, 'utf8')) as Body

const P1 = '54066bf4-1aff-4f7b-9f83-fb23c348fee3'
const P2 = '1d7b9e3c-6a2f-4e8d-b5c1-7f9a3e5d2b4c'
const P3 = '4e6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c2e'
const SERVER = 'd61a8564-c8dd-4ffb-bc15-143e7d0c85ed'
const NETWORK = '997ee3ee-e17e-48dd-bf25-34fe5c0bff18'
const BOOT = '0d9f9e31-7c43-4b7c-9a2e-2f5c1b7e8a10'
const DATA = '5b2e8c47-91d3-4f0a-b6e2-8d4c3a1f7e95'
const PG = 'df727477-8991-486c-a3ed-d11d9d9beb1c'
const PG_B = '8e0f4d6a-3b2c-4e1f-9a7d-5c6b4a3e2f10'
const PG_C = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e'
const MG = 'df727477-8991-486c-a3ed-d11d9d9beb1c'
const SA_EMAIL = 'inventory-reader-7xk2ab@sa.stackit.cloud'
const TOKEN_URL = 'https://service-account.api.stackit.cloud'
const ACCESS_TOKEN = 'Bearer stackit-test-access-token-1'

// A throw-away key pair made for the tests; the service-account key embeds its private half, as the portal's do.
let keyJson: string
let publicKeyPem: string
beforeAll(() => {
  const pair = generateKeyPairSync('rsa', {modulusLength: 2048})
  publicKeyPem = pair.publicKey.export({type: 'spki', format: 'pem'}).toString()
  const key = authFixture('service-account-key.json') as {publicKey: string; credentials: Record<string, string>}
  key.publicKey = publicKeyPem
  key.credentials.privateKey = pair.privateKey.export({type: 'pkcs1', format: 'pem'}).toString()
  keyJson = JSON.stringify(key)
})

function context(extra: Partial<CollectContext> = {}) {
  const finished: SourceStatus[] = []
  const warnings: string[] = []
  const progress: ProgressSink = {
    scopeStarted() {},
    scopeProgress() {},
    scopeFinished: (_p, s) => finished.push(s),
    warn: (_p, m) => warnings.push(m),
  }
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 6,
    env: {STACKIT_SERVICE_ACCOUNT_KEY: keyJson, STACKIT_PROJECT_ID: P1},
    clock,
    progress,
    options: {stackit: {regions: ['eu01']}},
    ...extra,
  }
  return {ctx, clock, finished, warnings}
}

function decodeJwt(jwt: string) {
  const [header, claims, signature] = jwt.split('.')
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims!, 'base64url').toString()) as Record<string, unknown>,
    valid: verify('sha512', Buffer.from(`${header}.${claims}`), publicKeyPem, Buffer.from(signature!, 'base64url')),
  }
}

/** The token endpoint, checking the assertion the way STACKIT does: RS512 over the key's claims. */
function mockToken(base = TOKEN_URL, path = '/token') {
  const assertions: ReturnType<typeof decodeJwt>[] = []
  nock(base)
    .post(path)
    .reply(async (req: Request) => {
      const form = new URLSearchParams(await req.text())
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        return [400, {error: 'unsupported_grant_type'}]
      const jwt = decodeJwt(form.get('assertion') ?? '')
      assertions.push(jwt)
      return jwt.valid ? [200, authFixture('token.json')] : [401, authFixture('error-token-invalid-grant.json')]
    })
  return assertions
}

const LISTS = [
  'enablement',
  'servers',
  'volumes',
  'networks',
  'ske',
  'postgresflex',
  'mongodbflex',
  'objectStorage',
  'buckets',
  'redis',
  'valkey',
  'rabbitmq',
] as const
type List = (typeof LISTS)[number]
/** A body, an error status (answered with the spec's error body for that product), or no interceptor. */
type Answer = Body | number | 'skip'

/** Where each call of one project and region goes, and what an empty answer looks like there. */
function routes(
  project: string,
  region: string,
  pageSize: number,
): Record<List, [string, string, Body, Record<string, string>?]> {
  const v2 = `/v2/projects/${project}/regions/${region}`
  const storage = `/v2/project/${project}/regions/${region}`
  return {
    enablement: ['service-enablement', `${v2}/services`, recorded('service-enablement-eu01.json')],
    servers: ['iaas', `${v2}/servers`, {items: []}, {details: 'true'}],
    volumes: ['iaas', `${v2}/volumes`, {items: []}],
    networks: ['iaas', `${v2}/networks`, {items: []}],
    ske: ['ske', `${v2}/clusters`, {items: []}],
    postgresflex: [
      'postgres-flex-service',
      `/v3/projects/${project}/regions/${region}/instances`,
      {instances: [], pagination: {page: 1, size: pageSize, sort: 'id.asc', totalPages: 0, totalRows: 0}},
      {page: '1', size: String(pageSize)},
    ],
    mongodbflex: ['mongodb-flex-service', `${v2}/instances`, {count: 0, items: []}, {tag: ''}],
    objectStorage: ['object-storage', storage, {project, scope: 'PUBLIC'}],
    buckets: ['object-storage', `${storage}/buckets`, {project, buckets: []}],
    redis: ['redis', `${v2}/instances`, {instances: []}],
    valkey: ['valkey', `${v2}/instances`, {instances: []}],
    rabbitmq: ['rabbitmq', `${v2}/instances`, {instances: []}],
  }
}

const ERROR_BODIES: Record<number, Body> = {
  401: recorded('iaas-unauthorized.json'),
  403: recorded('iaas-forbidden.json'),
  404: recorded('object-storage-not-found.json'),
  500: recorded('iaas-internal-error.json'),
}

/** Every call of one project and region; unnamed lists answer empty. */
function mockScope(
  project: string,
  region: string,
  answers: Partial<Record<List, Answer>> = {},
  {
    proxy,
    pageSize = 100,
    reqheaders = {authorization: ACCESS_TOKEN},
  }: {proxy?: string; pageSize?: number; reqheaders?: Record<string, string>} = {},
) {
  const table = routes(project, region, pageSize)
  for (const list of LISTS) {
    const [service, route, empty, query] = table[list]
    const answer = answers[list] ?? empty
    if (answer === 'skip') continue
    // Behind an endpoint override every product sits under /<service> of the one host.
    const scope = nock(proxy ?? `https://${service}.api.stackit.cloud`, {reqheaders})
    const path = proxy ? `/${service}${route}` : route
    const interceptor = query ? scope.get(path).query(query) : scope.get(path)
    if (typeof answer === 'number') interceptor.reply(answer, ERROR_BODIES[answer] ?? {code: answer, msg: 'error'})
    else interceptor.reply(200, answer)
  }
}

const detail = (service: string, version: string, id: string) =>
  nock(`https://${service}.api.stackit.cloud`).get(`/${version}/projects/${P1}/regions/eu01/instances/${id}`)

function mockFullScope() {
  mockScope(P1, 'eu01', {
    servers: recorded('servers-eu01.json'),
    volumes: recorded('volumes-eu01.json'),
    networks: recorded('networks-eu01.json'),
    ske: recorded('ske-clusters-eu01.json'),
    postgresflex: recorded('postgresflex-instances-eu01.json'),
    mongodbflex: recorded('mongodbflex-instances-eu01.json'),
    objectStorage: recorded('object-storage-project-eu01.json'),
    buckets: recorded('object-storage-buckets-eu01.json'),
    redis: recorded('redis-instances-eu01.json'),
    valkey: recorded('valkey-instances-eu01.json'),
  })
  detail('postgres-flex-service', 'v3', PG).reply(200, recorded(`postgresflex-instance-${PG}.json`))
  detail('mongodb-flex-service', 'v2', MG).reply(200, recorded(`mongodbflex-instance-${MG}.json`))
}

describe('STACKIT authentication', () => {
  it('signs an RS512 assertion with the claims and kid of the service-account key', () => {
    const key = JSON.parse(keyJson) as Parameters<typeof serviceAccountAssertion>[0]
    const jwt = decodeJwt(serviceAccountAssertion(key, key.credentials.privateKey!, Date.parse('2026-11-28T12:00:00Z'), 'jti-1'))
    expect(jwt.valid).toBe(true)
    expect(jwt.header).toEqual({alg: 'RS512', typ: 'JWT', kid: '9c3d5b1a-7e2f-4a6b-8c0d-2e4f6a8b0c1d'})
    expect(jwt.claims).toEqual({
      iss: SA_EMAIL,
      sub: '6f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b',
      aud: 'https://stackit-service-account-prod.apps.01.cf.eu01.stackit.cloud',
      jti: 'jti-1',
      iat: 1795867200,
      exp: 1795867800,
    })
  })

  it('exchanges the key again once the access token is about to expire', async () => {
    const token = authFixture('token.json')
    const calls: string[] = []
    const fakeClient = {
      request: async () => {
        calls.push('token')
        return {status: 200, headers: new Headers(), url: '', data: token}
      },
    } as unknown as LimitedClient
    const key = JSON.parse(keyJson) as Parameters<typeof serviceAccountAssertion>[0]
    const clock = fakeClock()
    const source = new StackitTokenSource(
      {kind: 'key', key, privateKey: key.credentials.privateKey!, via: 'test'},
      fakeClient,
      'x',
      clock,
    )
    await Promise.all([source.get(), source.get()])
    await clock.sleep(3_000_000) // 50 minutes: still valid
    await source.get()
    expect(calls).toHaveLength(1)
    await clock.sleep(600_000) // 60 minutes: within the renewal margin
    await source.get()
    expect(calls).toHaveLength(2)
  })

  it('detects a key, a key file, a token, or nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackit-'))
    writeFileSync(join(dir, 'key.json'), keyJson)
    expect(await collector.detect({env: {STACKIT_SERVICE_ACCOUNT_KEY_PATH: join(dir, 'key.json')}, options: {}})).toMatchObject({
      available: true,
    })
    expect(await collector.detect({env: {STACKIT_SERVICE_ACCOUNT_TOKEN: 't'}, options: {}})).toEqual({
      available: true,
      via: 'STACKIT_SERVICE_ACCOUNT_TOKEN',
    })
    writeFileSync(join(dir, 'credentials.json'), JSON.stringify({STACKIT_SERVICE_ACCOUNT_KEY_PATH: join(dir, 'key.json')}))
    expect(await collector.detect({env: {STACKIT_CREDENTIALS_PATH: join(dir, 'credentials.json')}, options: {}})).toMatchObject({
      available: true,
      via: join(dir, 'credentials.json'),
    })
    expect(await collector.detect({env: {HOME: dir}, options: {}})).toMatchObject({available: false})
    expect(await collector.detect({env: {STACKIT_SERVICE_ACCOUNT_KEY: '{"credentials":{}}'}, options: {}})).toMatchObject({
      available: false,
      reason: expect.stringMatching(/lacks credentials\.kid/),
    })
  })
})

describe('STACKIT spec', () => {
  it('declares the scan flags with their option keys, the alias and the default regions', () => {
    expect(spec.flags.map((f) => [f.name, f.option, f.kind, f.aliases ?? [], f.default ?? null])).toEqual([
      ['stackit-projects', 'projects', 'list', ['stackit-project'], null],
      ['stackit-organization', 'organizationId', 'string', [], null],
      ['stackit-regions', 'regions', 'list', [], 'eu01,eu02'],
    ])
    expect(spec.rateLimits).toMatch(/429/)
  })

  it('takes lists as commas or arrays, once each, and parses its own output to the same value', () => {
    const parsed = parseStackitOptions({projects: ` ${P1}, ${P2},${P1}`, regions: ['eu01', ' eu02 ', '']})
    expect(parsed).toEqual({projects: [P1, P2], regions: ['eu01', 'eu02']})
    expect(spec.options.parse(parsed)).toEqual(parsed)
  })

  it('names the flag of a value it refuses', () => {
    expect(() => parseStackitOptions({regions: 'eu01,europe-1'})).toThrow(InputError)
    expect(() => parseStackitOptions({regions: 'eu01,europe-1'})).toThrow(
      /^--stackit-regions: a STACKIT region looks like eu01\.$/,
    )
    expect(() => parseStackitOptions({projects: 'my-first-project-45789'})).toThrow(/--stackit-projects: .*UUID/)
  })
})

describe('STACKIT collector', () => {
  it('lists a project: servers, volumes, networks, SKE, Flex databases, buckets, Redis and Valkey, with links', async () => {
    const assertions = mockToken()
    mockFullScope()
    const {ctx} = context()
    const result = await collector.collect(ctx)

    expect(assertions).toHaveLength(1)
    expect(assertions[0]!.claims.iss).toBe(SA_EMAIL)
    const byType = (type: string) => result.resources.filter((r) => r.type === type)
    expect(result.resources.map((r) => r.type).sort()).toEqual([
      'stackit:mongodbflex-instance',
      'stackit:network',
      'stackit:object-bucket',
      'stackit:postgresflex-instance',
      'stackit:project',
      'stackit:redis-instance',
      'stackit:server',
      'stackit:ske-cluster',
      'stackit:valkey-instance',
      'stackit:volume',
      'stackit:volume',
    ])
    expect(byType('stackit:server')[0]).toMatchObject({
      id: `stackit:server:${SERVER}`,
      name: 'server1',
      account: P1,
      region: 'eu01',
      tags: {key: 'value'},
      attributes: {machineType: 't1.1', availabilityZone: 'eu01-1', status: 'ACTIVE'},
      dependsOn: [`stackit:volume:${BOOT}`, `stackit:volume:${DATA}`, `stackit:network:${NETWORK}`],
    })
    expect(result.resources.find((r) => r.id === `stackit:volume:${DATA}`)).toMatchObject({
      sizeGiB: 1337,
      dependsOn: [`stackit:server:${SERVER}`],
    })
    expect(byType('stackit:ske-cluster')[0]).toMatchObject({
      id: `stackit:ske-cluster:${P1}/name`,
      tags: {environment: 'prod'},
      attributes: {version: 'version', nodepools: 1, machineTypes: ['type'], status: 'STATE_HEALTHY'},
      dependsOn: [`stackit:network:${NETWORK}`],
    })
    // PostgreSQL Flex v3: the details are not wrapped in `item`, and they carry labels, flavorId and the access scope.
    expect(byType('stackit:postgresflex-instance')[0]).toMatchObject({
      name: 'postgres-instance',
      sizeGiB: 10,
      tags: {key1: 'value1', key2: 'value2'},
      attributes: {
        engine: 'postgresql',
        engineVersion: '16',
        flavor: '1.2',
        storageClass: 'premium-perf12-stackit',
        accessScope: 'PUBLIC',
        status: 'READY',
      },
    })
    expect(byType('stackit:mongodbflex-instance')[0]).toMatchObject({
      sizeGiB: 10,
      attributes: {engine: 'mongodb', engineVersion: '7.0', replicas: 3, flavor: 'Small, Compute optimized'},
    })
    expect(byType('stackit:object-bucket')[0]!.id).toBe(`stackit:object-bucket:${P1}/bucket-1`)
    expect(byType('stackit:redis-instance')[0]!.attributes).toMatchObject({
      engineVersion: '7',
      plan: 'stackit-redis-1.4.7-single',
    })
    expect(byType('stackit:valkey-instance')[0]).toMatchObject({
      id: 'stackit:valkey-instance:e2f4a6c8-0b1d-4e3f-8a5c-7e9b1d3f5a7c',
      name: 'cache',
      attributes: {engineVersion: '8', plan: 'stackit-valkey-1.4.10-single', status: 'active'},
    })
    expect(result.sources).toEqual([{provider: 'stackit', scope: `${P1}/eu01`, status: 'complete', count: 10}])
  })

  it('emits only types the catalog maps exactly (Valkey waits for its catalog entry), with the attributes its rules read', async () => {
    mockToken()
    mockFullScope()
    mockScope(P1, 'eu02', {rabbitmq: recorded('rabbitmq-instances-eu02.json')})
    const result = await collector.collect(context({options: {stackit: {regions: ['eu01', 'eu02']}}}).ctx)
    const catalog = await loadCatalog()
    const inexact = result.resources
      .filter((r) => catalog.lookup(r.type, r.attributes).matchedBy !== 'type')
      .map((r) => `${r.type} (${catalog.lookup(r.type, r.attributes).matchedBy})`)
    expect(inexact).toEqual(['stackit:valkey-instance (service)'])
    expect(result.resources.some((r) => r.type === 'stackit:rabbitmq-instance')).toBe(true)
  })

  it('asks MongoDB Flex with the tag parameter its API requires, and marks a list shorter than its count partial', async () => {
    mockToken()
    // The route table matches `?tag=` exactly: without the parameter the request would match nothing.
    mockScope(P1, 'eu01', {mongodbflex: recorded('mongodbflex-instances-short.json')})
    detail('mongodb-flex-service', 'v2', MG).reply(200, recorded(`mongodbflex-instance-${MG}.json`))
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toMatchObject({status: 'partial', count: 1})
    expect(result.sources[0]!.error).toBe('MongoDB Flex: the API counts 2 instances but returned 1.')
    expect(result.resources.find((r) => r.type === 'stackit:mongodbflex-instance')).toMatchObject({name: 'mongo-instance'})
  })

  it('reads PostgreSQL Flex v3 page by page (page/size, pagination.totalPages) in both regions, with each instance’s details', async () => {
    mockToken()
    const flex = nock('https://postgres-flex-service.api.stackit.cloud', {reqheaders: {authorization: ACCESS_TOKEN}})
    const list = `/v3/projects/${P1}/regions/eu01/instances`
    mockScope(P1, 'eu01', {postgresflex: recorded('postgresflex-instances-page-1.json')}, {pageSize: 2})
    flex.get(list).query({page: '2', size: '2'}).reply(200, recorded('postgresflex-instances-page-2.json'))
    const names: Record<string, string> = {[PG]: 'postgres-instance', [PG_B]: 'orders-db', [PG_C]: 'reports-db'}
    for (const [id, name] of Object.entries(names))
      flex.get(`${list}/${id}`).reply(200, {...recorded(`postgresflex-instance-${PG}.json`), id, name})
    mockScope(P1, 'eu02', {}, {pageSize: 2})
    const result = await collector.collect(context({options: {stackit: {regions: ['eu01', 'eu02'], pageSize: 2}}}).ctx)
    expect(
      result.resources
        .filter((r) => r.type === 'stackit:postgresflex-instance')
        .map((r) => [r.name, r.region])
        .sort(),
    ).toEqual([
      ['orders-db', 'eu01'],
      ['postgres-instance', 'eu01'],
      ['reports-db', 'eu01'],
    ])
    expect(result.sources.map((s) => s.status)).toEqual(['complete', 'complete'])
  })

  it('keeps page 1 of PostgreSQL Flex when page 2 fails after its retries, and marks the list partial', async () => {
    mockToken()
    const flex = nock('https://postgres-flex-service.api.stackit.cloud', {reqheaders: {authorization: ACCESS_TOKEN}})
    const list = `/v3/projects/${P1}/regions/eu01/instances`
    mockScope(P1, 'eu01', {postgresflex: recorded('postgresflex-instances-page-1.json')}, {pageSize: 2})
    flex
      .get(list)
      .query({page: '2', size: '2'})
      .times(5)
      .reply(503, recorded('postgresflex-unavailable.json'), {'Retry-After': '1'})
    for (const id of [PG, PG_B]) flex.get(`${list}/${id}`).reply(200, {...recorded(`postgresflex-instance-${PG}.json`), id})
    const {ctx, clock} = context({options: {stackit: {regions: ['eu01'], pageSize: 2}}})
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000])
    expect(result.sources[0]).toMatchObject({status: 'partial', count: 2})
    expect(result.sources[0]!.error).toMatch(
      /^PostgreSQL Flex: stopped after 1 page\(s\) and 2 item\(s\): .*answered HTTP 503: A required downstream service is currently unresponsive\.$/,
    )
    expect(result.resources.filter((r) => r.type === 'stackit:postgresflex-instance').map((r) => r.id)).toEqual([
      `stackit:postgresflex-instance:${PG}`,
      `stackit:postgresflex-instance:${PG_B}`,
    ])
  })

  it('stops a PostgreSQL Flex list whose pages keep promising more but come back empty, and says why', async () => {
    mockToken()
    const flex = nock('https://postgres-flex-service.api.stackit.cloud')
    const list = `/v3/projects/${P1}/regions/eu01/instances`
    const endless = (page: number, instances: unknown[]) => ({
      instances,
      pagination: {page, size: 2, sort: 'id.asc', totalPages: 1000, totalRows: 2000},
    })
    const page1 = recorded('postgresflex-instances-page-1.json').instances as unknown[]
    mockScope(P1, 'eu01', {postgresflex: endless(1, page1)}, {pageSize: 2})
    flex.get(list).query({page: '2', size: '2'}).reply(200, endless(2, []))
    for (const id of [PG, PG_B]) flex.get(`${list}/${id}`).reply(200, {...recorded(`postgresflex-instance-${PG}.json`), id})
    const result = await collector.collect(context({options: {stackit: {regions: ['eu01'], pageSize: 2}}}).ctx)
    expect(result.sources[0]).toMatchObject({status: 'partial', count: 2})
    expect(result.sources[0]!.error).toBe(
      'PostgreSQL Flex: the API returned an empty page that still named a next page; stopped after 2 page(s).',
    )
  })

  it('finds the projects of the service account in the resource manager, page by page', async () => {
    mockToken()
    nock('https://resource-manager.api.stackit.cloud')
      .get('/v2/projects')
      .query({member: SA_EMAIL, limit: '2', offset: '0'})
      .reply(200, recorded('projects-page-1.json'))
      .get('/v2/projects')
      .query({member: SA_EMAIL, limit: '2', offset: '2'})
      // One project on a page of two: the list ends without asking for offset 3.
      .reply(200, recorded('projects-page-2.json'))
    for (const project of [P1, P2, P3]) mockScope(project, 'eu01', {}, {pageSize: 2})
    const {ctx} = context({env: {STACKIT_SERVICE_ACCOUNT_KEY: keyJson}, options: {stackit: {regions: ['eu01'], pageSize: 2}}})
    const result = await collector.collect(ctx)
    expect(result.resources.filter((r) => r.type === 'stackit:project').map((r) => r.name)).toEqual([
      'My first project',
      'shop-staging',
      'data-lake',
    ])
    expect(result.resources[0]!.tags).toEqual({billingReference: 'SHOP-001'})
    expect(result.sources.map((s) => [s.scope, s.status])).toEqual([
      ['projects', 'complete'],
      [`${P1}/eu01`, 'complete'],
      [`${P2}/eu01`, 'complete'],
      [`${P3}/eu01`, 'complete'],
    ])
  })

  it('scans the projects of page 1 when page 2 of the project list fails after its retries, and marks the list partial', async () => {
    mockToken()
    nock('https://resource-manager.api.stackit.cloud')
      .get('/v2/projects')
      .query({containerParentId: 'organization-acme-4f7a1c2e', limit: '2', offset: '0'})
      .reply(200, recorded('projects-page-1.json'))
      .get('/v2/projects')
      .query({containerParentId: 'organization-acme-4f7a1c2e', limit: '2', offset: '2'})
      .times(5)
      .reply(503, recorded('resource-manager-unavailable.json'), {'Retry-After': '2'})
    for (const project of [P1, P2]) mockScope(project, 'eu01', {}, {pageSize: 2})
    const {ctx, clock} = context({
      env: {STACKIT_SERVICE_ACCOUNT_KEY: keyJson},
      options: {stackit: {regions: ['eu01'], pageSize: 2, organizationId: 'organization-acme-4f7a1c2e'}},
    })
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([2000, 2000, 2000, 2000])
    expect(result.sources[0]).toMatchObject({scope: 'organization organization-acme-4f7a1c2e', status: 'partial', count: 2})
    expect(result.sources[0]!.error).toMatch(
      /^project list: stopped after 1 page\(s\) and 2 item\(s\): .*answered HTTP 503: Service Unavailable\.$/,
    )
    expect(result.sources.slice(1).map((s) => [s.scope, s.status])).toEqual([
      [`${P1}/eu01`, 'complete'],
      [`${P2}/eu01`, 'complete'],
    ])
  })

  it('keeps the other regions when one region denies IaaS (partial and failed scopes)', async () => {
    mockToken()
    mockScope(P1, 'eu01', {servers: recorded('servers-eu01.json')})
    mockScope(P1, 'eu02', {servers: 403, volumes: 403, networks: 403})
    const {ctx} = context({options: {stackit: {regions: 'eu01,eu02'}}})
    const result = await collector.collect(ctx)
    const eu02 = result.sources.find((s) => s.scope === `${P1}/eu02`)!
    expect(eu02.status).toBe('partial')
    expect(eu02.error).toMatch(/^3 of 10 lists failed; the first: servers: .*denied permission: Forbidden\.$/)
    expect(eu02.warnings).toHaveLength(3)
    expect(result.sources.find((s) => s.scope === `${P1}/eu01`)?.status).toBe('complete')
    expect(result.resources.some((r) => r.type === 'stackit:server')).toBe(true)
  })

  it('skips SKE when the service-enablement API says it is disabled: a warning, not a failure', async () => {
    mockToken()
    // No interceptor for the SKE list: calling it would match nothing and fail the test.
    mockScope(P1, 'eu01', {enablement: recorded('service-enablement-ske-disabled.json'), ske: 'skip'})
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toEqual({
      provider: 'stackit',
      scope: `${P1}/eu01`,
      status: 'complete',
      count: 0,
      warnings: [`SKE is not enabled in ${P1}/eu01.`],
    })
  })

  it('still lists SKE when the service-enablement API cannot be read, and says so', async () => {
    mockToken()
    mockScope(P1, 'eu01', {enablement: 'skip', ske: recorded('ske-clusters-eu01.json')})
    nock('https://service-enablement.api.stackit.cloud')
      .get(`/v2/projects/${P1}/regions/eu01/services`)
      .reply(403, recorded('service-enablement-forbidden.json'))
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toMatchObject({status: 'complete', count: 1})
    expect(result.sources[0]!.warnings).toEqual([
      'The service-enablement API could not be read (stackit: GET https://service-enablement.api.stackit.cloud/v2/projects/' +
        `${P1}/regions/eu01/services denied permission: Access to this resource is forbidden); SKE was listed without knowing whether it is enabled.`,
    ])
  })

  it('follows the service-enablement cursor, and stops it when it keeps naming a next page with nothing on it', async () => {
    mockToken()
    mockScope(P1, 'eu01', {enablement: {items: [], nextCursor: 'c1'}, ske: recorded('ske-clusters-eu01.json')})
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toMatchObject({status: 'complete', count: 1})
    expect(result.sources[0]!.warnings).toEqual([
      'The service-enablement list stopped early (the API returned an empty page that still named a next page; stopped after 1 page(s)); SKE was listed without knowing whether it is enabled.',
    ])
  })

  it('takes object storage as not enabled when its service status is not found, without listing buckets', async () => {
    mockToken()
    mockScope(P1, 'eu01', {objectStorage: 404, buckets: 'skip'})
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toMatchObject({status: 'complete', warnings: [`Object storage is not enabled in ${P1}/eu01.`]})
  })

  it('counts a product list that answers 404 as a failure, not as a product that is not enabled', async () => {
    mockToken()
    mockScope(P1, 'eu01', {redis: 404})
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toMatchObject({status: 'partial'})
    expect(result.sources[0]!.error).toMatch(
      /^Redis: stackit: GET .*\/instances answered HTTP 404: Some details about the error\.$/,
    )
  })

  it('keeps a Flex instance whose details cannot be read, and marks the scope partial', async () => {
    mockToken()
    mockScope(P1, 'eu01', {postgresflex: recorded('postgresflex-instances-eu01.json')})
    detail('postgres-flex-service', 'v3', PG).reply(403, recorded('iaas-forbidden.json'))
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toMatchObject({status: 'partial', count: 1})
    expect(result.sources[0]!.error).toMatch(/^PostgreSQL Flex: the details of 1 of 1 instances could not be read/)
    expect(result.resources.find((r) => r.type === 'stackit:postgresflex-instance')).toMatchObject({name: 'postgres-instance'})
  })

  it('waits out a 429 as Retry-After says and retries the same list', async () => {
    mockToken()
    nock('https://iaas.api.stackit.cloud')
      .get(`/v2/projects/${P1}/regions/eu01/volumes`)
      .reply(429, recorded('iaas-too-many-requests.json'), {'Retry-After': '5'})
    mockScope(P1, 'eu01', {volumes: recorded('volumes-eu01.json')})
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([5000])
    expect(result.resources.filter((r) => r.type === 'stackit:volume')).toHaveLength(2)
  })

  it('retries a 5xx after a backoff and recovers', async () => {
    mockToken()
    nock('https://ske.api.stackit.cloud')
      .get(`/v2/projects/${P1}/regions/eu01/clusters`)
      .reply(500, recorded('iaas-internal-error.json'))
    mockScope(P1, 'eu01', {ske: recorded('ske-clusters-eu01.json')})
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    // First retry: a random wait between half and all of the 500 ms base.
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(250)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(500)
    expect(result.sources[0]!.status).toBe('complete')
    expect(result.resources.some((r) => r.type === 'stackit:ske-cluster')).toBe(true)
  })

  it('reports a malformed page and keeps the other lists', async () => {
    mockToken()
    mockScope(P1, 'eu01', {servers: 'skip', networks: recorded('networks-eu01.json')})
    nock('https://iaas.api.stackit.cloud')
      .get(`/v2/projects/${P1}/regions/eu01/servers`)
      .query({details: 'true'})
      .reply(200, '{"items": [{"id": ', {'content-type': 'application/json'})
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]!.status).toBe('partial')
    expect(result.sources[0]!.error).toMatch(/^servers: .*not valid JSON/)
    expect(result.resources.some((r) => r.type === 'stackit:network')).toBe(true)
  })

  it('fails with exit code 4 when the token endpoint rejects the key', async () => {
    nock(TOKEN_URL).post('/token').reply(400, authFixture('error-token-invalid-grant.json'))
    const error = (await collector.collect(context().ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the service-account key .*expired or has been deleted/)
  })

  it('uses a pre-obtained token as it is, and sends nothing more once it was rejected (exit code 4)', async () => {
    // One request at a time: the first (the service-enablement lookup) is rejected, so no other is sent.
    nock('https://service-enablement.api.stackit.cloud', {reqheaders: {authorization: 'Bearer pre-obtained'}})
      .get(`/v2/projects/${P1}/regions/eu01/services`)
      .reply(401, recorded('iaas-unauthorized.json'))
    const {ctx} = context({concurrency: 1, env: {STACKIT_SERVICE_ACCOUNT_TOKEN: 'pre-obtained', STACKIT_PROJECT_ID: P1}})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the credentials/)
    expect(error.message).not.toContain('pre-obtained')
  })

  it('sends every product and the token exchange to an endpoint override', async () => {
    const proxy = 'http://stackit-mock.test'
    mockToken(proxy, '/service-account/token')
    mockScope(P1, 'eu01', {networks: recorded('networks-eu01.json')}, {proxy})
    const result = await collector.collect(context({endpoints: {stackit: proxy}}).ctx)
    expect(result.resources.map((r) => r.type)).toEqual(['stackit:project', 'stackit:network'])
  })

  it('refuses options it cannot use before sending anything (exit code 2)', async () => {
    const error = (await collector
      .collect(context({options: {stackit: {regions: 'eu01', projects: 'shop-prod'}}}).ctx)
      .catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(InputError)
    expect(error.exitCode).toBe(2)
  })
})
