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
import type {CollectContext, ProgressSink} from '../../src/collectors/types.js'
import {ExitreadyError} from '../../src/errors.js'
import type {SourceStatus} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const fixture = (name: string) => JSON.parse(readFileSync(`fixtures/stackit/${name}`, 'utf8')) as Record<string, unknown>
const P1 = '8c3f0e2a-5b1d-4c7e-9a6f-2d4b8e0c1a3f'
const P2 = '1d7b9e3c-6a2f-4e8d-b5c1-7f9a3e5d2b4c'
const P3 = '4e6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c2e'
const PG = 'f3a1c5e7-9b2d-4f6a-8c1e-3d5f7a9b1c3e'
const MG = 'a7c9e1f3-5b7d-4a9c-8e1f-3a5c7e9b1d3f'
const SA_EMAIL = 'inventory-reader-7xk2ab@sa.stackit.cloud'
const TOKEN_URL = 'https://service-account.api.stackit.cloud'

// A throw-away key pair made for the tests; the service-account key embeds its private half, as the portal's do.
let keyJson: string
let publicKeyPem: string
beforeAll(() => {
  const pair = generateKeyPairSync('rsa', {modulusLength: 2048})
  publicKeyPem = pair.publicKey.export({type: 'spki', format: 'pem'}).toString()
  const key = fixture('service-account-key.json') as {publicKey: string; credentials: Record<string, string>}
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
      return jwt.valid ? [200, fixture('token.json')] : [401, fixture('error-token-invalid-grant.json')]
    })
  return assertions
}

type Answer = Record<string, unknown> | number | 'skip'
const LISTS = ['servers', 'volumes', 'networks', 'ske', 'postgresflex', 'mongodbflex', 'buckets', 'redis', 'rabbitmq'] as const

/** Every list of one project and region; unnamed lists answer empty, a number answers that error status. */
function mockScope(
  project: string,
  region: string,
  answers: Partial<Record<(typeof LISTS)[number], Answer>> = {},
  {proxy, reqheaders = {}, optional = false}: {proxy?: string; reqheaders?: Record<string, string>; optional?: boolean} = {},
) {
  const path = `/v2/projects/${project}/regions/${region}`
  const routes: Record<(typeof LISTS)[number], [string, string, Record<string, unknown>, Record<string, string>?]> = {
    servers: ['iaas', `${path}/servers`, {items: []}, {details: 'true'}],
    volumes: ['iaas', `${path}/volumes`, {items: []}],
    networks: ['iaas', `${path}/networks`, {items: []}],
    ske: ['ske', `${path}/clusters`, {}],
    postgresflex: ['postgres-flex-service', `${path}/instances`, {count: 0}],
    mongodbflex: ['mongodb-flex-service', `${path}/instances`, {count: 0}],
    buckets: ['object-storage', `/v2/project/${project}/regions/${region}/buckets`, {project, buckets: []}],
    redis: ['redis', `${path}/instances`, {instances: []}],
    rabbitmq: ['rabbitmq', `${path}/instances`, {instances: []}],
  }
  for (const list of LISTS) {
    const [service, route, empty, query] = routes[list]
    const answer = answers[list] ?? empty
    if (answer === 'skip') continue
    // Behind an endpoint override every product sits under /<service> of the one host.
    const scope = nock(proxy ?? `https://${service}.api.stackit.cloud`, {reqheaders})
    const requestPath = proxy ? `/${service}${route}` : route
    const interceptor = (query ? scope.get(requestPath).query(query) : scope.get(requestPath)).optionally(optional)
    if (typeof answer === 'number')
      interceptor.reply(
        answer,
        fixture(
          answer === 404 ? 'error-not-found.json' : answer === 401 ? 'error-unauthorized.json' : 'error-iaas-forbidden.json',
        ),
      )
    else interceptor.reply(200, answer)
  }
}

function mockFullScope() {
  mockScope(P1, 'eu01', {
    servers: fixture('servers-eu01.json'),
    volumes: fixture('volumes-eu01.json'),
    networks: fixture('networks-eu01.json'),
    ske: fixture('ske-clusters-eu01.json'),
    postgresflex: fixture('postgresflex-instances-eu01.json'),
    mongodbflex: fixture('mongodbflex-instances-eu01.json'),
    buckets: fixture('buckets-eu01.json'),
    redis: fixture('redis-instances-eu01.json'),
  })
  nock('https://postgres-flex-service.api.stackit.cloud')
    .get(`/v2/projects/${P1}/regions/eu01/instances/${PG}`)
    .reply(200, fixture(`postgresflex-instance-${PG}.json`))
  nock('https://mongodb-flex-service.api.stackit.cloud')
    .get(`/v2/projects/${P1}/regions/eu01/instances/${MG}`)
    .reply(200, fixture(`mongodbflex-instance-${MG}.json`))
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
    const token = fixture('token.json')
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

describe('STACKIT collector', () => {
  it('lists a project: servers, volumes, networks, SKE, Flex databases, buckets and Redis, with links', async () => {
    const assertions = mockToken()
    mockFullScope()
    const {ctx} = context()
    const result = await collector.collect(ctx)

    expect(assertions).toHaveLength(1)
    expect(assertions[0]!.claims.iss).toBe(SA_EMAIL)
    const byType = (type: string) => result.resources.filter((r) => r.type === type)
    for (const kind of [
      'project',
      'server',
      'volume',
      'network',
      'ske-cluster',
      'postgresflex-instance',
      'mongodbflex-instance',
      'object-bucket',
      'redis-instance',
    ])
      expect(byType(`stackit:${kind}`).length, kind).toBeGreaterThan(0)

    const server = byType('stackit:server')[0]!
    expect(server).toMatchObject({
      id: 'stackit:server:b6a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
      name: 'web-1',
      account: P1,
      region: 'eu01',
      tags: {env: 'prod', team: 'shop'},
      attributes: {machineType: 'c1.2', availabilityZone: 'eu01-1'},
    })
    expect(server.dependsOn).toEqual([
      'stackit:volume:c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
      'stackit:volume:d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
      'stackit:network:e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6a7b',
    ])
    const data = result.resources.find((r) => r.name === 'web-1-data')!
    expect(data).toMatchObject({sizeGiB: 500, dependsOn: ['stackit:server:b6a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d']})
    expect(byType('stackit:ske-cluster')[0]).toMatchObject({
      id: `stackit:ske-cluster:${P1}/shop-ske`,
      attributes: {version: '1.31.6', machineTypes: ['c1.4']},
      dependsOn: ['stackit:network:e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6a7b'],
    })
    expect(byType('stackit:postgresflex-instance')[0]).toMatchObject({
      sizeGiB: 100,
      attributes: {engine: 'postgresql', engineVersion: '16', flavor: '4 CPU, 8 GB RAM', replicas: 3},
    })
    expect(byType('stackit:mongodbflex-instance')[0]).toMatchObject({
      sizeGiB: 30,
      attributes: {engine: 'mongodb', engineVersion: '7.0'},
    })
    expect(byType('stackit:object-bucket')[0]!.id).toBe(`stackit:object-bucket:${P1}/shop-assets-prod`)
    expect(byType('stackit:redis-instance')[0]!.attributes).toMatchObject({
      engineVersion: '7',
      plan: 'stackit-redis-1.4.7-single',
    })
    expect(result.sources).toEqual([{provider: 'stackit', scope: `${P1}/eu01`, status: 'complete', count: 9}])
  })

  it('emits only types the catalog maps exactly, with the attributes its refine rules read', async () => {
    mockToken()
    mockFullScope()
    mockScope(P1, 'eu02', {
      rabbitmq: {instances: [{instanceId: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a', name: 'orders', offeringVersion: '3.13'}]},
    })
    const result = await collector.collect(context({options: {stackit: {regions: ['eu01', 'eu02']}}}).ctx)
    const catalog = await loadCatalog()
    for (const resource of result.resources)
      expect(catalog.lookup(resource.type, resource.attributes).matchedBy, resource.type).toBe('type')
    expect(result.resources.some((r) => r.type === 'stackit:rabbitmq-instance')).toBe(true)
  })

  it('finds the projects of the service account in the resource manager, page by page', async () => {
    mockToken()
    nock('https://resource-manager.api.stackit.cloud')
      .get('/v2/projects')
      .query({member: SA_EMAIL, limit: '100', offset: '0'})
      .reply(200, fixture('projects-page-1.json'))
      .get('/v2/projects')
      .query({member: SA_EMAIL, limit: '100', offset: '2'})
      .reply(200, fixture('projects-page-2.json'))
    for (const project of [P1, P2, P3]) mockScope(project, 'eu01')
    const {ctx} = context({env: {STACKIT_SERVICE_ACCOUNT_KEY: keyJson}})
    const result = await collector.collect(ctx)
    expect(result.resources.filter((r) => r.type === 'stackit:project').map((r) => r.name)).toEqual([
      'shop-prod',
      'shop-staging',
      'data-lake',
    ])
    expect(result.resources[0]!.tags).toEqual({billingReference: 'SHOP-001', scope: 'PUBLIC'})
    expect(result.sources.map((s) => s.scope)).toEqual(['projects', `${P1}/eu01`, `${P2}/eu01`, `${P3}/eu01`])
  })

  it('keeps the other regions when one region denies IaaS (partial and failed scopes)', async () => {
    mockToken()
    mockScope(P1, 'eu01', {servers: fixture('servers-eu01.json')})
    mockScope(P1, 'eu02', {servers: 403, volumes: 403, networks: 403})
    const {ctx} = context({options: {stackit: {regions: 'eu01,eu02'}}})
    const result = await collector.collect(ctx)
    const eu02 = result.sources.find((s) => s.scope === `${P1}/eu02`)!
    expect(eu02.status).toBe('partial')
    expect(eu02.error).toMatch(/3 of 9 lists failed; the first: .*denied permission: Access denied: missing permission/)
    expect(eu02.warnings).toHaveLength(3)
    expect(result.sources.find((s) => s.scope === `${P1}/eu01`)?.status).toBe('complete')
    expect(result.resources.some((r) => r.type === 'stackit:server')).toBe(true)
  })

  it('takes a product a project has not enabled (404) as nothing to list', async () => {
    mockToken()
    mockScope(P1, 'eu01', {buckets: 404})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({status: 'complete', warnings: [`Object storage is not enabled in ${P1}/eu01.`]})
  })

  it('keeps a Flex instance whose details cannot be read, and marks the scope partial', async () => {
    mockToken()
    mockScope(P1, 'eu01', {postgresflex: fixture('postgresflex-instances-eu01.json')})
    nock('https://postgres-flex-service.api.stackit.cloud')
      .get(`/v2/projects/${P1}/regions/eu01/instances/${PG}`)
      .reply(403, fixture('error-iaas-forbidden.json'))
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({status: 'partial', count: 1})
    expect(result.sources[0]!.error).toMatch(/^PostgreSQL Flex: the details of 1 of 1 instances could not be read/)
    expect(result.resources.find((r) => r.type === 'stackit:postgresflex-instance')).toMatchObject({name: 'shop-db'})
  })

  it('waits out a 429 and retries the same list', async () => {
    mockToken()
    nock('https://iaas.api.stackit.cloud')
      .get(`/v2/projects/${P1}/regions/eu01/volumes`)
      .reply(429, {code: 429, msg: 'rate limited'}, {'Retry-After': '5'})
    mockScope(
      P1,
      'eu01',
      {volumes: fixture('volumes-eu01.json')},
      {reqheaders: {authorization: 'Bearer stackit-test-access-token-1'}},
    )
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toContain(5000)
    expect(result.resources.filter((r) => r.type === 'stackit:volume')).toHaveLength(2)
  })

  it('retries a 5xx and recovers', async () => {
    mockToken()
    nock('https://ske.api.stackit.cloud')
      .get(`/v2/projects/${P1}/regions/eu01/clusters`)
      .reply(500, {code: 500, message: 'internal'})
    mockScope(P1, 'eu01', {ske: fixture('ske-clusters-eu01.json')})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.status).toBe('complete')
    expect(result.resources.some((r) => r.type === 'stackit:ske-cluster')).toBe(true)
  })

  it('reports a malformed page and keeps the other lists', async () => {
    mockToken()
    mockScope(P1, 'eu01', {servers: 'skip', networks: fixture('networks-eu01.json')})
    nock('https://iaas.api.stackit.cloud')
      .get(`/v2/projects/${P1}/regions/eu01/servers`)
      .query({details: 'true'})
      .reply(200, '{"items": [{"id": ', {'content-type': 'application/json'})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.status).toBe('partial')
    expect(result.sources[0]!.error).toMatch(/^servers: .*not valid JSON/)
    expect(result.resources.some((r) => r.type === 'stackit:network')).toBe(true)
  })

  it('fails with exit code 4 when the token endpoint rejects the key', async () => {
    nock(TOKEN_URL).post('/token').reply(400, fixture('error-token-invalid-grant.json'))
    const {ctx} = context()
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the service-account key .*expired or has been deleted/)
  })

  it('uses a pre-obtained token as it is, and fails with exit code 4 when every list rejects it', async () => {
    // Once the first 401 arrived, the lists still waiting for a slot are not sent: those requests may not happen.
    mockScope(P1, 'eu01', Object.fromEntries(LISTS.map((l) => [l, 401])), {
      reqheaders: {authorization: 'Bearer pre-obtained'},
      optional: true,
    })
    const {ctx} = context({env: {STACKIT_SERVICE_ACCOUNT_TOKEN: 'pre-obtained', STACKIT_PROJECT_ID: P1}})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error.exitCode).toBe(4)
    expect(error.message).not.toContain('pre-obtained')
  })

  it('sends every product and the token exchange to an endpoint override', async () => {
    const proxy = 'http://stackit-mock.test'
    mockToken(proxy, '/service-account/token')
    mockScope(P1, 'eu01', {networks: fixture('networks-eu01.json')}, {proxy})
    const {ctx} = context({endpoints: {stackit: proxy}})
    const result = await collector.collect(ctx)
    expect(result.resources.map((r) => r.type)).toEqual(['stackit:project', 'stackit:network'])
  })
})
