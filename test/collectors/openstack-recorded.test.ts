import {readFileSync} from 'node:fs'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {collector} from '../../src/collectors/openstack/index.js'
import type {CollectContext, ProgressSink} from '../../src/collectors/types.js'
import {ExitreadyError} from '../../src/errors.js'
import type {Clock} from '../../src/util/clock.js'

/*
 * The OpenStack collector against responses OpenStack and gophercloud published (see
 * fixtures/openstack/recorded/README.md): Nova's API samples before and at microversion 2.47,
 * gophercloud's Keystone token (a one-hour token whose catalog has Nova at 127.0.0.1:8774) and
 * its list fixtures for Cinder, Neutron, Octavia, Designate, Magnum and Swift.
 */

const recorded = (name: string) => JSON.parse(readFileSync(`fixtures/openstack/recorded/${name}`, 'utf8')) as nock.Body
const fixture = (name: string) => JSON.parse(readFileSync(`fixtures/openstack/${name}`, 'utf8')) as nock.Body

const KEYSTONE = 'http://127.0.0.1:5000'
const NOVA = 'http://127.0.0.1:8774'
/** The project of gophercloud's token; its catalog puts it in the Nova URL. */
const PROJECT = 'a99e9b4e620e4db09a2dfb6e42a01e66'
const SERVERS = `/v2.1/${PROJECT}/servers/detail`
/** gophercloud's testTokenID, then the token a renewal hands out. */
const TOKEN_A = '130f6c17-420e-4a0b-97b0-0c9cf2a05f30'
const TOKEN_B = 'gAAAAABrenewed-token-B'
const MICROVERSION = {'openstack-api-version': 'compute 2.47', 'x-openstack-nova-api-version': '2.47'}
const SAMPLE_247_SERVER = '764e369e-a874-4401-b7ce-43e4760888da'
const SAMPLE_21_SERVER = 'f5dc173b-6804-445a-a6d8-c705dad5b5eb'
const ENV = {
  OS_AUTH_URL: `${KEYSTONE}/v3`,
  OS_USERNAME: 'admin',
  OS_PASSWORD: 'not-a-real-password-only-for-tests',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_NAME: 'admin',
  OS_PROJECT_DOMAIN_NAME: 'Default',
}
const PASSWORD_BODY = {
  auth: {
    identity: {
      methods: ['password'],
      password: {user: {name: 'admin', domain: {name: 'Default'}, password: ENV.OS_PASSWORD}},
    },
    scope: {project: {name: 'admin', domain: {name: 'Default'}}},
  },
}

/** A clock a test moves on by hand (a long page), besides the waits it records. */
function handClock(start = Date.parse('2026-11-28T12:00:00Z')): Clock & {sleeps: number[]; advance(ms: number): void} {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    },
    advance: (ms) => {
      now += ms
    },
  }
}

function context(extra: Partial<CollectContext> = {}) {
  const warnings: string[] = []
  const progress: ProgressSink = {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn: (_p, m) => warnings.push(m)}
  const clock = handClock()
  const ctx: CollectContext = {endpoints: {}, concurrency: 8, env: {...ENV}, clock, progress, options: {}, ...extra}
  return {ctx, clock, warnings}
}

/** Keystone issuing `token` with gophercloud's body, for the password request of ENV. */
function issues(token: string, body: nock.Body = recorded('keystone-token-gophercloud.json')) {
  nock(KEYSTONE)
    .post('/v3/auth/tokens', PASSWORD_BODY)
    .reply(201, body, {'X-Subject-Token': token, 'Content-Type': 'application/json'})
}

const nova = (token: string, headers: Record<string, string> = MICROVERSION) =>
  nock(NOVA, {reqheaders: {'x-auth-token': token, ...headers}})

describe('OpenStack collector against recorded responses', () => {
  it('reads the flavor Nova embeds at compute microversion 2.47 (its own API sample) and follows servers_links', async () => {
    issues(TOKEN_A)
    nova(TOKEN_A).get(SERVERS).query({limit: '1000'}).reply(200, recorded('nova-servers-detail-v2.47.json'))
    nova(TOKEN_A).get(SERVERS).query({limit: '1000', marker: SAMPLE_247_SERVER}).reply(200, {servers: []})
    const result = await collector.collect(context().ctx)

    expect(result.sources).toEqual([{provider: 'openstack', scope: 'admin/RegionOne', status: 'complete', count: 1}])
    expect(result.resources).toEqual([
      {
        id: `openstack:server:${SAMPLE_247_SERVER}`,
        provider: 'openstack',
        type: 'openstack:server',
        name: 'new-server-test',
        account: PROJECT,
        region: 'RegionOne',
        tags: {'My Server Name': 'Apache1'},
        source: 'openstack',
        attributes: {
          flavor: 'm1.tiny.specs',
          vcpus: 1,
          ramMiB: 512,
          diskGiB: 1,
          image: '70a599e0-31e7-49b7-b260-868f441e862b',
          status: 'ACTIVE',
          availabilityZone: 'us-west',
        },
        dependsOn: ['openstack:volume:volume_id1', 'openstack:volume:volume_id2'],
      },
    ])
  })

  it('asks an older Nova again without the microversion after its 406, keeps the flavor id and says why', async () => {
    issues(TOKEN_A)
    nova(TOKEN_A).get(SERVERS).query({limit: '1000'}).reply(406, recorded('nova-error-406.json'))
    // Once refused, the region's next pages go without the microversion headers.
    const old = () => nock(NOVA, {reqheaders: {'x-auth-token': TOKEN_A}, badheaders: Object.keys(MICROVERSION)}).get(SERVERS)
    old().query({limit: '1000'}).reply(200, recorded('nova-servers-detail-v2.1.json'))
    old().query({limit: '1000', marker: SAMPLE_21_SERVER}).reply(200, {servers: []})
    const result = await collector.collect(context().ctx)

    expect(result.resources).toHaveLength(1)
    expect(result.resources[0]!.attributes).toEqual({
      flavorId: '1',
      image: '70a599e0-31e7-49b7-b260-868f441e862b',
      status: 'ACTIVE',
      availabilityZone: 'us-west',
    })
    expect(result.sources[0]).toMatchObject({status: 'complete', count: 1})
    expect(result.sources[0]!.warnings).toEqual([
      expect.stringMatching(
        /^Nova in RegionOne refused compute microversion 2\.47 \(.*Version 2\.47 is not supported by the API\. Minimum is 2\.1 and maximum is 2\.38\); servers carry their flavor id only/,
      ),
    ])
  })

  it('renews once after a 401 and retries the refused page with the new token', async () => {
    issues(TOKEN_A)
    nova(TOKEN_A).get(SERVERS).query({limit: '1000'}).reply(200, recorded('nova-servers-detail-v2.47.json'))
    nova(TOKEN_A).get(SERVERS).query({limit: '1000', marker: SAMPLE_247_SERVER}).reply(401, fixture('error-keystone-401.json'))
    issues(TOKEN_B)
    nova(TOKEN_B).get(SERVERS).query({limit: '1000', marker: SAMPLE_247_SERVER}).reply(200, {servers: []})
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({status: 'complete', count: 1})
    expect(clock.sleeps).toEqual([])
  })

  it('gives up when the renewed token is refused too, instead of renewing forever (exit code 4)', async () => {
    issues(TOKEN_A)
    nova(TOKEN_A).get(SERVERS).query({limit: '1000'}).reply(401, fixture('error-keystone-401.json'))
    issues(TOKEN_B)
    nova(TOKEN_B).get(SERVERS).query({limit: '1000'}).reply(401, fixture('error-keystone-401.json'))
    const error = (await collector.collect(context().ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/servers: openstack: GET http:\/\/127\.0\.0\.1:8774\/.* rejected the credentials/)
    expect(error.message).not.toContain(TOKEN_B)
  })

  it('pages the servers of a 150,000-server project (150 pages) without losing one', async () => {
    issues(TOKEN_A)
    const pages = 150
    const id = (page: number, index: number) => `00000000-0000-4000-8000-${String(page * 1000 + index).padStart(12, '0')}`
    for (let page = 0; page < pages; page++) {
      const servers = Array.from({length: 1000}, (_, index) => ({
        id: id(page, index),
        name: `worker-${page}-${index}`,
        status: 'ACTIVE',
        flavor: {original_name: 'm1.small', vcpus: 1, ram: 2048, disk: 20, ephemeral: 0, swap: 0},
        image: '',
        addresses: {},
        metadata: {},
      }))
      const last = servers.at(-1)!.id
      const body = {
        servers,
        ...(page < pages - 1
          ? {servers_links: [{rel: 'next', href: `${NOVA}/v2.1/${PROJECT}/servers/detail?limit=1000&marker=${last}`}]}
          : {}),
      }
      const query = page === 0 ? {limit: '1000'} : {limit: '1000', marker: id(page - 1, 999)}
      nova(TOKEN_A).get(SERVERS).query(query).reply(200, body)
    }
    const result = await collector.collect(context().ctx)
    expect(result.sources).toEqual([{provider: 'openstack', scope: 'admin/RegionOne', status: 'complete', count: 150_000}])
    expect(result.resources).toHaveLength(150_000)
    expect(result.resources.at(-1)!.id).toBe(`openstack:server:${id(149, 999)}`)
  }, 60_000)
})

describe('OpenStack collector: one token for many requests at once', () => {
  const R2 = {nova: 'https://nova.r2.scs-example.eu', neutron: 'https://neutron.r2.scs-example.eu'}
  const SCS_TOKEN_A = 'gAAAAABnX2x1-test-token-R1'
  const LISTS: [string, string, string][] = [
    [R2.nova, '/v2.1/servers/detail', 'servers'],
    [R2.neutron, '/v2.0/networks', 'networks'],
    [R2.neutron, '/v2.0/subnets', 'subnets'],
    [R2.neutron, '/v2.0/routers', 'routers'],
    [R2.neutron, '/v2.0/security-groups', 'security_groups'],
    [R2.neutron, '/v2.0/floatingips', 'floatingips'],
  ]
  const env = {...ENV, OS_AUTH_URL: 'https://keystone.cloud.scs-example.eu/v3'}
  const issuesScs = (token: string) =>
    nock('https://keystone.cloud.scs-example.eu')
      .post('/v3/auth/tokens')
      .reply(201, fixture('token-scs.json'), {'X-Subject-Token': token})
  const list = (base: string, path: string, token: string) =>
    nock(base, {reqheaders: {'x-auth-token': token}})
      .get(path)
      .query({limit: '1000'})

  it('renews the one-hour token 5 minutes before it expires in a long scan, and goes on with the new one', async () => {
    const {ctx, clock} = context({env, concurrency: 1, options: {openstack: {regions: ['RegionTwo']}}})
    issuesScs(SCS_TOKEN_A)
    // One list at a time, 11 minutes each: the sixth starts 55 minutes in, when 5 minutes are left.
    for (const [base, path, key] of LISTS.slice(0, 5))
      list(base, path, SCS_TOKEN_A).reply(() => {
        clock.advance(11 * 60_000)
        return [200, {[key]: []}]
      })
    issuesScs(TOKEN_B)
    list(R2.neutron, '/v2.0/floatingips', TOKEN_B).reply(200, {floatingips: []})
    const result = await collector.collect(ctx)
    expect(result.sources).toEqual([{provider: 'openstack', scope: 'shop-prod/RegionTwo', status: 'complete', count: 0}])
    expect(clock.sleeps).toEqual([])
  })

  it('keeps using the current token until it expires when renewing it ahead of time fails', async () => {
    const {ctx, clock} = context({env, concurrency: 1, options: {openstack: {regions: ['RegionTwo']}}})
    issuesScs(SCS_TOKEN_A)
    for (const [base, path, key] of LISTS.slice(0, 5))
      list(base, path, SCS_TOKEN_A).reply(() => {
        clock.advance(11 * 60_000)
        return [200, {[key]: []}]
      })
    // Keystone is down when the sixth list wants a fresh token; 4 seconds later the old one still has 5 minutes.
    nock('https://keystone.cloud.scs-example.eu')
      .post('/v3/auth/tokens')
      .times(5)
      .reply(503, 'Service Unavailable', {'Retry-After': '1'})
    list(R2.neutron, '/v2.0/floatingips', SCS_TOKEN_A).reply(200, {floatingips: []})
    const result = await collector.collect(ctx)
    expect(result.sources).toEqual([{provider: 'openstack', scope: 'shop-prod/RegionTwo', status: 'complete', count: 0}])
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000])
  })

  it('renews once for every request refused together (single flight)', async () => {
    issuesScs(SCS_TOKEN_A)
    // Six lists, all in flight at once with the first token, all refused; one renewal serves them all.
    for (const [base, path] of LISTS) list(base, path, SCS_TOKEN_A).reply(401, fixture('error-keystone-401.json'))
    issuesScs(TOKEN_B)
    for (const [base, path, key] of LISTS) list(base, path, TOKEN_B).reply(200, {[key]: []})
    const {ctx} = context({env, options: {openstack: {regions: ['RegionTwo']}}})
    const result = await collector.collect(ctx)
    expect(result.sources).toEqual([{provider: 'openstack', scope: 'shop-prod/RegionTwo', status: 'complete', count: 0}])
  })

  it('renews from inside a request slot at --concurrency 1 without waiting for a second slot', async () => {
    issuesScs(SCS_TOKEN_A)
    // One request at a time: the first list is refused, renews, and the others use the new token.
    list(R2.nova, '/v2.1/servers/detail', SCS_TOKEN_A).reply(401, fixture('error-keystone-401.json'))
    issuesScs(TOKEN_B)
    for (const [base, path, key] of LISTS) list(base, path, TOKEN_B).reply(200, {[key]: []})
    const {ctx} = context({env, concurrency: 1, options: {openstack: {regions: 'RegionTwo'}}})
    const result = await collector.collect(ctx)
    expect(result.sources).toEqual([{provider: 'openstack', scope: 'shop-prod/RegionTwo', status: 'complete', count: 0}])
  })
})
