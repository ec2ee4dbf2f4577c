import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {loadOpenStackAuth} from '../../src/collectors/openstack/config.js'
import {collector} from '../../src/collectors/openstack/index.js'
import {loadAuthUrlTable, recogniseProvider} from '../../src/collectors/openstack/provider.js'
import type {CollectContext, ProgressSink} from '../../src/collectors/types.js'
import {ExitreadyError, InputError} from '../../src/errors.js'
import {fakeClock} from '../../src/util/clock.js'

const fixture = (name: string) => JSON.parse(readFileSync(`fixtures/openstack/${name}`, 'utf8')) as nock.Body
const recorded = (name: string) => fixture(`recorded/${name}`)
const KEYSTONE = 'https://keystone.cloud.scs-example.eu'
const PROJECT = '5f2b1c9d8e7a4b3c9d0e1f2a3b4c5d6e'
const TOKEN = 'gAAAAABnX2x1-test-token-R1'
const S1 = 'd0a8c2f6-6c1b-4c5e-9f0e-2b7a4d9c3e11'
const S2 = '4f6e2a1b-8c3d-4e5f-a6b7-c8d9e0f1a2b3'
const S3 = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
const FIRST = {limit: '1000'}

const PASSWORD_ENV = {
  OS_AUTH_URL: `${KEYSTONE}/v3`,
  OS_USERNAME: 'inventory-reader',
  OS_PASSWORD: 'not-a-real-password-only-for-tests',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_NAME: 'shop-prod',
  OS_PROJECT_DOMAIN_NAME: 'Default',
}

function context(extra: Partial<CollectContext> = {}) {
  const warnings: string[] = []
  const progress: ProgressSink = {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn: (_p, m) => warnings.push(m)}
  const clock = fakeClock()
  const ctx: CollectContext = {endpoints: {}, concurrency: 8, env: {...PASSWORD_ENV}, clock, progress, options: {}, ...extra}
  return {ctx, clock, warnings}
}

/** Keystone answering a token request with the given catalog body; `check` sees the request body. */
function mockKeystone(body: nock.Body, check: (request: unknown) => boolean = () => true, base = KEYSTONE) {
  nock(base)
    .post('/v3/auth/tokens', (request) => check(request))
    .reply(201, body, {'X-Subject-Token': TOKEN})
}

type Answer = nock.Body | number | 'skip'

/** Every list of a region, from fixtures or empty; a number answers that status with the service's error body. */
function mockRegion(lists: Record<string, [string, string, Record<string, string>, nock.Body]>, answers: Record<string, Answer>) {
  for (const [name, [base, path, query, body]] of Object.entries(lists)) {
    const answer = answers[name] ?? body
    if (answer === 'skip') continue
    // Nova is asked for compute microversion 2.47, the first that embeds the flavor in each server.
    const reqheaders: Record<string, string> = name.startsWith('servers')
      ? {'x-auth-token': TOKEN, 'openstack-api-version': 'compute 2.47', 'x-openstack-nova-api-version': '2.47'}
      : {'x-auth-token': TOKEN}
    const interceptor = nock(base, {reqheaders}).get(path).query(query)
    if (typeof answer === 'number')
      interceptor.reply(
        answer,
        fixture(
          name === 'servers'
            ? 'error-nova-forbidden.json'
            : name === 'loadbalancers'
              ? 'error-octavia-500.json'
              : 'error-neutron-403.json',
        ),
      )
    else if (name === 'containers') interceptor.reply(200, answer, {'X-Account-Container-Count': '2'})
    else interceptor.reply(200, answer)
  }
}

function mockRegionOne(answers: Record<string, Answer> = {}) {
  const neutron = 'https://neutron.r1.scs-example.eu'
  mockRegion(
    {
      servers: ['https://nova.r1.scs-example.eu', '/v2.1/servers/detail', FIRST, fixture('servers-page-1.json')],
      'servers page 2': [
        'https://nova.r1.scs-example.eu',
        '/v2.1/servers/detail',
        {limit: '1000', marker: S2},
        fixture('servers-page-2.json'),
      ],
      volumes: ['https://cinder.r1.scs-example.eu', `/v3/${PROJECT}/volumes/detail`, FIRST, fixture('volumes.json')],
      networks: [neutron, '/v2.0/networks', FIRST, fixture('networks.json')],
      subnets: [neutron, '/v2.0/subnets', FIRST, fixture('subnets.json')],
      routers: [neutron, '/v2.0/routers', FIRST, fixture('routers.json')],
      securityGroups: [neutron, '/v2.0/security-groups', FIRST, fixture('security-groups.json')],
      floatingips: [neutron, '/v2.0/floatingips', FIRST, fixture('floatingips.json')],
      loadbalancers: ['https://octavia.r1.scs-example.eu', '/v2/lbaas/loadbalancers', FIRST, fixture('loadbalancers.json')],
      containers: [
        'https://swift.r1.scs-example.eu',
        `/swift/v1/AUTH_${PROJECT}`,
        {format: 'json', limit: '1000'},
        fixture('containers.json'),
      ],
      zones: ['https://designate.r1.scs-example.eu', '/v2/zones', FIRST, fixture('zones.json')],
      clusters: ['https://magnum.r1.scs-example.eu', '/v1/clusters', FIRST, fixture('clusters.json')],
      trove: ['https://trove.r1.scs-example.eu', `/v1.0/${PROJECT}/instances`, FIRST, fixture('trove-instances.json')],
    },
    answers,
  )
}

function mockRegionTwo(answers: Record<string, Answer> = {}) {
  const neutron = 'https://neutron.r2.scs-example.eu'
  mockRegion(
    {
      servers: ['https://nova.r2.scs-example.eu', '/v2.1/servers/detail', FIRST, fixture('servers-region-two.json')],
      networks: [neutron, '/v2.0/networks', FIRST, fixture('networks-region-two.json')],
      subnets: [neutron, '/v2.0/subnets', FIRST, {subnets: []}],
      routers: [neutron, '/v2.0/routers', FIRST, {routers: []}],
      securityGroups: [neutron, '/v2.0/security-groups', FIRST, {security_groups: []}],
      floatingips: [neutron, '/v2.0/floatingips', FIRST, {floatingips: []}],
    },
    answers,
  )
}

describe('OpenStack collector', () => {
  it('authenticates with a password scoped to the project and lists every service of every region', async () => {
    mockKeystone(fixture('token-scs.json'), (request) => {
      expect(request).toEqual({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: {name: 'inventory-reader', domain: {name: 'Default'}, password: 'not-a-real-password-only-for-tests'},
            },
          },
          scope: {project: {name: 'shop-prod', domain: {name: 'Default'}}},
        },
      })
      return true
    })
    mockRegionOne()
    mockRegionTwo()
    const {ctx} = context()
    const result = await collector.collect(ctx)

    expect(result.sources).toEqual([
      {provider: 'openstack', scope: 'shop-prod/RegionOne', status: 'complete', count: 17},
      {provider: 'openstack', scope: 'shop-prod/RegionTwo', status: 'complete', count: 2},
    ])
    const kinds = new Set(result.resources.map((r) => r.type))
    for (const kind of [
      'server',
      'volume',
      'network',
      'subnet',
      'router',
      'security-group',
      'floating-ip',
      'loadbalancer',
      'container',
      'dns-zone',
      'coe-cluster',
      'database-instance',
    ])
      expect(kinds, kind).toContain(`openstack:${kind}`)
    // Paging: three servers over two pages in RegionOne.
    expect(result.resources.filter((r) => r.type === 'openstack:server' && r.region === 'RegionOne')).toHaveLength(3)
    // The external network belongs to the operator, not to this project.
    expect(result.resources.find((r) => r.name === 'public')).toBeUndefined()
    expect(result.resources.every((r) => r.provider === 'openstack' && r.account === PROJECT)).toBe(true)

    const web1 = result.resources.find((r) => r.id === `openstack:server:${S1}`)!
    expect(web1).toMatchObject({
      name: 'web-1',
      region: 'RegionOne',
      tags: {env: 'prod', shop: ''},
      attributes: {flavor: 'SCS-4V-16', vcpus: 4, ramMiB: 16384, diskGiB: 0, availabilityZone: 'nova'},
    })
    expect(web1.dependsOn).toEqual([
      'openstack:volume:6e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
      'openstack:network:a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    ])
    expect(result.resources.find((r) => r.id === `openstack:server:${S3}`)?.attributes).toMatchObject({bootFromVolume: true})
    expect(result.resources.find((r) => r.name === 'db-1-data')).toMatchObject({
      sizeGiB: 500,
      attributes: {volumeType: 'ssd-replicated'},
      dependsOn: [`openstack:server:${S3}`],
    })
    expect(result.resources.find((r) => r.type === 'openstack:subnet')?.dependsOn).toEqual([
      'openstack:network:a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    ])
    expect(result.resources.find((r) => r.type === 'openstack:loadbalancer')?.dependsOn).toEqual([
      'openstack:subnet:b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
    ])
    expect(result.resources.find((r) => r.name === '185.12.8.41')?.dependsOn).toEqual([`openstack:server:${S1}`])
    expect(result.resources.find((r) => r.name === '185.12.8.42')?.dependsOn).toEqual([
      'openstack:loadbalancer:c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f',
    ])
    expect(result.resources.find((r) => r.type === 'openstack:container' && r.name === 'backups')).toMatchObject({
      id: `openstack:container:${PROJECT}/RegionOne/backups`,
      sizeGiB: 2048,
    })
    expect(result.resources.find((r) => r.type === 'openstack:database-instance')).toMatchObject({
      sizeGiB: 40,
      attributes: {datastore: 'mysql', engineVersion: '8.0'},
    })
    expect(result.resources.find((r) => r.type === 'openstack:coe-cluster')).toMatchObject({
      id: 'openstack:coe-cluster:731387cf-a92b-4c36-981e-3271d63e5597',
      attributes: {nodeCount: 3},
    })
  })

  it('emits only types the catalog maps exactly, with the attributes its refine rules read', async () => {
    mockKeystone(fixture('token-scs.json'))
    mockRegionOne()
    mockRegionTwo()
    const result = await collector.collect(context().ctx)
    const catalog = await loadCatalog()
    for (const resource of result.resources)
      expect(catalog.lookup(resource.type, resource.attributes).matchedBy, resource.type).toBe('type')
    const trove = result.resources.find((r) => r.type === 'openstack:database-instance')!
    expect(catalog.lookup(trove.type, trove.attributes).standard).toBe('MySQL wire protocol')
  })

  it('authenticates with an application credential from clouds.yaml and secure.yaml, in the configured region', async () => {
    mockKeystone(fixture('token-scs-appcred.json'), (request) => {
      expect(request).toEqual({
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: {id: '4e1a9c7d2b8f4e6a9c3d5b7f1e2a4c6d', secret: 'not-a-real-secret-only-for-tests'},
          },
        },
      })
      return true
    })
    mockRegionOne()
    const env = {
      OS_CLIENT_CONFIG_FILE: resolve('fixtures/openstack/clouds.yaml'),
      OS_CLIENT_SECURE_FILE: resolve('fixtures/openstack/secure.yaml'),
    }
    const {ctx} = context({env, options: {openstack: {cloud: 'scs-prod'}}})
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => s.scope)).toEqual(['shop-prod/RegionOne'])
  })

  it('recognises OVH Public Cloud by its auth URL', async () => {
    mockKeystone(fixture('token-ovh.json'), () => true, 'https://auth.cloud.ovh.net')
    nock('https://compute.gra11.cloud.ovh.net')
      .get('/v2.1/8e1d2c3b4a5f46e7d8c9b0a1f2e3d4c5/servers/detail')
      .query(FIRST)
      .reply(200, {
        servers: [
          {
            id: 'aa11bb22-cc33-4d44-8e55-ff6677889900',
            name: 'b2-7-gra',
            flavor: {original_name: 'b2-7', vcpus: 2, ram: 7000, disk: 50, ephemeral: 0, swap: 0, extra_specs: {}},
            image: '',
            status: 'ACTIVE',
          },
        ],
      })
    const neutron = nock('https://network.compute.gra11.cloud.ovh.net')
    for (const [path, key] of [
      ['networks', 'networks'],
      ['subnets', 'subnets'],
      ['routers', 'routers'],
      ['security-groups', 'security_groups'],
      ['floatingips', 'floatingips'],
    ] as const)
      neutron
        .get(`/v2.0/${path}`)
        .query(FIRST)
        .reply(200, {[key]: []})
    const env = {
      OS_CLIENT_CONFIG_FILE: resolve('fixtures/openstack/clouds.yaml'),
      OS_CLIENT_SECURE_FILE: resolve('fixtures/openstack/secure.yaml'),
      OS_CLOUD: 'ovh-gra',
    }
    const {ctx} = context({env})
    const result = await collector.collect(ctx)
    expect(result.resources).toEqual([
      expect.objectContaining({
        id: 'openstack:server:aa11bb22-cc33-4d44-8e55-ff6677889900',
        provider: 'ovhcloud',
        type: 'openstack:server',
        region: 'GRA11',
        attributes: {flavor: 'b2-7', vcpus: 2, ramMiB: 7000, diskGiB: 50, status: 'ACTIVE', bootFromVolume: true},
      }),
    ])
  })

  it('recognises Open Telekom Cloud by its IAM host, also behind an endpoint override', async () => {
    mockKeystone(fixture('token-otc.json'), () => true, 'http://keystone-proxy.test')
    nock('https://ecs.eu-de.otc.t-systems.com')
      .get('/v2.1/0b5c8d1e2f3a4b5c6d7e8f9a0b1c2d3e/servers/detail')
      .query(FIRST)
      .reply(200, {servers: [{id: '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a', name: 'ecs-web', flavor: {id: 's3.large.2'}}]})
    const env = {...PASSWORD_ENV, OS_AUTH_URL: 'https://iam.eu-de.otc.t-systems.com/v3', OS_PROJECT_NAME: 'eu-de_shop'}
    const {ctx} = context({env, endpoints: {openstack: 'http://keystone-proxy.test/v3'}})
    const result = await collector.collect(ctx)
    expect(result.resources[0]).toMatchObject({provider: 'otc', type: 'openstack:server', region: 'eu-de'})
  })

  it('maps auth URL hosts with catalog/providers.yaml', async () => {
    const table = await loadAuthUrlTable()
    expect(recogniseProvider('https://auth.cloud.ovh.net/v3/', table)).toBe('ovhcloud')
    expect(recogniseProvider('https://iam.eu-de.otc.t-systems.com/v3', table)).toBe('otc')
    expect(recogniseProvider('https://api.pub1.infomaniak.cloud/identity/v3', table)).toBe('infomaniak')
    expect(recogniseProvider('https://fra1.citycloud.com:5000/v3', table)).toBe('cleura')
    expect(recogniseProvider('https://keystone.cloud.scs-example.eu/v3', table)).toBe('openstack')
    expect(recogniseProvider('https://evil-ovh.net.example/v3', table)).toBe('openstack')
  })

  it('keeps the other regions when one region is denied, and the other services when one fails', async () => {
    mockKeystone(fixture('token-scs.json'))
    mockRegionOne({loadbalancers: 403})
    mockRegionTwo({servers: 403, networks: 403, subnets: 403, routers: 403, securityGroups: 403, floatingips: 403})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    const [one, two] = result.sources
    expect(one).toMatchObject({scope: 'shop-prod/RegionOne', status: 'partial', count: 16})
    expect(one!.error).toMatch(
      /^load balancers: openstack: GET https:\/\/octavia\.r1\.scs-example\.eu\/v2\/lbaas\/loadbalancers denied/,
    )
    expect(two).toMatchObject({scope: 'shop-prod/RegionTwo', status: 'failed', count: 0})
    expect(two!.error).toMatch(/6 of 6 lists failed; the first: .*denied permission/)
  })

  it('fails a requested region that the catalog does not have, and keeps the others', async () => {
    mockKeystone(fixture('token-scs.json'))
    mockRegionOne()
    const {ctx} = context({options: {openstack: {regions: ['RegionOne', 'RegionThree']}}})
    const result = await collector.collect(ctx)
    expect(result.sources).toEqual([
      {provider: 'openstack', scope: 'shop-prod/RegionOne', status: 'complete', count: 17},
      {
        provider: 'openstack',
        scope: 'shop-prod/RegionThree',
        status: 'failed',
        count: 0,
        error: 'The service catalog has no public endpoint in region RegionThree.',
      },
    ])
  })

  it('waits out a 429 and retries the same page from its marker', async () => {
    mockKeystone(fixture('token-scs.json'))
    nock('https://nova.r1.scs-example.eu')
      .get('/v2.1/servers/detail')
      .query({limit: '1000', marker: S2})
      .reply(429, {overLimit: {code: 429, message: 'Over limit'}}, {'Retry-After': '4'})
    mockRegionOne()
    mockRegionTwo()
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toContain(4000)
    expect(result.resources.filter((r) => r.type === 'openstack:server' && r.region === 'RegionOne')).toHaveLength(3)
  })

  it('retries a 5xx and recovers', async () => {
    mockKeystone(fixture('token-scs.json'))
    nock('https://cinder.r1.scs-example.eu').get(`/v3/${PROJECT}/volumes/detail`).query(FIRST).reply(503, 'Service Unavailable')
    mockRegionOne()
    mockRegionTwo()
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources.every((s) => s.status === 'complete')).toBe(true)
    expect(result.resources.filter((r) => r.type === 'openstack:volume')).toHaveLength(2)
  })

  it('keeps the first page of a list whose second page fails after every retry, and marks the region partial', async () => {
    mockKeystone(fixture('token-scs.json'))
    // gophercloud's recorded Cinder page names marker=1 next; that page answers 503 five times.
    mockRegionOne({volumes: recorded('cinder-volumes-detail-page-1.json')})
    nock('https://cinder.r1.scs-example.eu')
      .get(`/v3/${PROJECT}/volumes/detail`)
      .query({limit: '1000', marker: '1'})
      .times(5)
      .reply(503, 'Service Unavailable', {'Retry-After': '1'})
    mockRegionTwo()
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({scope: 'shop-prod/RegionOne', status: 'partial', count: 17})
    expect(result.sources[0]!.error).toMatch(
      /^volumes: stopped after 1 page\(s\) and 2 item\(s\): openstack: GET https:\/\/cinder\.r1\.scs-example\.eu\/v3\/[0-9a-f]+\/volumes\/detail answered HTTP 503/,
    )
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000])
    expect(result.resources.filter((r) => r.type === 'openstack:volume').map((r) => r.id)).toEqual([
      'openstack:volume:289da7f8-6440-407c-9fb4-7db01ec49164',
      'openstack:volume:96c3bda7-c82a-4f50-be73-ca7621794835',
    ])
    expect(result.sources[1]!.status).toBe('complete')
  })

  it('stops a next link that never ends, keeps what it read and says why', async () => {
    mockKeystone(fixture('token-scs.json'))
    // The second page is the first again, naming the same marker: followed blindly, it never ends.
    mockRegionOne({'servers page 2': fixture('servers-page-1.json')})
    mockRegionTwo()
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toMatchObject({status: 'partial'})
    expect(result.sources[0]!.error).toBe('servers: the API returned the same page token twice; stopped after 2 page(s).')
    expect(result.resources.filter((r) => r.type === 'openstack:server' && r.region === 'RegionOne').map((r) => r.name)).toEqual([
      'web-1',
      'web-2',
    ])
  })

  it('maps the list bodies gophercloud recorded for Cinder, Neutron, Octavia, Designate, Magnum and Swift', async () => {
    mockKeystone(fixture('token-scs.json'))
    mockRegionOne({
      volumes: recorded('cinder-volumes-detail-page-1.json'),
      networks: recorded('neutron-networks.json'),
      loadbalancers: recorded('octavia-loadbalancers.json'),
      zones: recorded('designate-zones.json'),
      clusters: recorded('magnum-clusters.json'),
      containers: recorded('swift-containers.json'),
    })
    // The page after gophercloud's marker=1, as its fixture answers it.
    nock('https://cinder.r1.scs-example.eu')
      .get(`/v3/${PROJECT}/volumes/detail`)
      .query({limit: '1000', marker: '1'})
      .reply(200, {volumes: []})
    mockRegionTwo()
    const result = await collector.collect(context().ctx)
    expect(result.sources[0]).toMatchObject({scope: 'shop-prod/RegionOne', status: 'complete'})
    const byId = new Map(result.resources.map((r) => [r.id, r]))
    expect(byId.get('openstack:volume:289da7f8-6440-407c-9fb4-7db01ec49164')).toMatchObject({
      name: 'vol-001',
      sizeGiB: 75,
      tags: {foo: 'bar'},
      attributes: {volumeType: 'lvmdriver-1', encrypted: false, status: 'available', availabilityZone: 'nova'},
      dependsOn: ['openstack:server:83ec2e3b-4321-422b-8706-a84185f52a0a'],
    })
    // Both recorded networks belong to other projects (one is the shared external network).
    expect(result.resources.filter((r) => r.type === 'openstack:network' && r.region === 'RegionOne')).toEqual([])
    expect(byId.get('openstack:loadbalancer:c331058c-6a40-4144-948e-b9fb1df9db4b')).toMatchObject({
      name: 'web_lb',
      tags: {test: '', stage: ''},
      attributes: {
        provider: 'haproxy',
        flavorId: '60df399a-ee85-11e9-81b4-2a2ae2dbcce4',
        vipPortId: '2a22e552-a347-44fd-b530-1f2b1b2a6735',
        status: 'ACTIVE',
      },
      dependsOn: ['openstack:subnet:8a49c438-848f-467b-9655-ea1548708154'],
    })
    expect(byId.get('openstack:dns-zone:a86dba58-0043-4cc6-a1bb-69d5e86f3ca3')).toMatchObject({
      name: 'example.org.',
      attributes: {type: 'PRIMARY', status: 'ACTIVE'},
    })
    expect(byId.get('openstack:coe-cluster:746e779a-751a-456b-a3e9-c883d734946f')).toMatchObject({
      name: 'k8s',
      attributes: {nodeCount: 1, masterCount: 1, clusterTemplateId: '0562d357-8641-4759-8fed-8173f02c9633'},
    })
    expect(byId.has('openstack:coe-cluster:846e779a-751a-456b-a3e9-c883d734946f')).toBe(true)
    expect(byId.get(`openstack:container:${PROJECT}/RegionOne/marktwain`)).toMatchObject({
      sizeGiB: 0,
      attributes: {objects: 1},
    })
  })

  it('reports a malformed second page and keeps the rest of the region', async () => {
    mockKeystone(fixture('token-scs.json'))
    mockRegionOne({'servers page 2': {servers: {id: S3}}})
    mockRegionTwo()
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({status: 'partial'})
    expect(result.sources[0]!.error).toMatch(/^servers: .*not in the documented shape/)
    expect(result.sources[1]!.status).toBe('complete')
    expect(result.resources.filter((r) => r.type === 'openstack:volume')).toHaveLength(2)
  })

  it('fails with exit code 4 when Keystone rejects the credentials', async () => {
    nock(KEYSTONE).post('/v3/auth/tokens').reply(401, fixture('error-keystone-401.json'))
    const {ctx} = context()
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/authentication failed .*requires authentication/)
    expect(error.message).not.toContain('not-a-real-password')
  })

  it('says which setting is missing before calling Keystone', async () => {
    const {ctx} = context({env: {...PASSWORD_ENV, OS_PROJECT_NAME: undefined}})
    await expect(collector.collect(ctx)).rejects.toThrow(/no project is named/)
  })
})

describe('OpenStack configuration', () => {
  const files = {
    OS_CLIENT_CONFIG_FILE: resolve('fixtures/openstack/clouds.yaml'),
    OS_CLIENT_SECURE_FILE: resolve('fixtures/openstack/secure.yaml'),
  }

  it('reads a password cloud from clouds.yaml with its secret from secure.yaml', async () => {
    const auth = await loadOpenStackAuth(files, 'ovh-gra', '/nonexistent')
    expect(auth).toMatchObject({
      authUrl: 'https://auth.cloud.ovh.net/v3/',
      method: 'password',
      username: 'user-Xy7pQ2aB9cDe',
      password: 'not-a-real-password-only-for-tests',
      projectId: '8e1d2c3b4a5f46e7d8c9b0a1f2e3d4c5',
      regions: ['GRA11'],
      interface: 'public',
    })
  })

  it('reads the OS_* variables when no cloud is named', async () => {
    const auth = await loadOpenStackAuth(
      {
        OS_AUTH_URL: 'https://auth.cloud.ovh.net/v3',
        OS_APPLICATION_CREDENTIAL_ID: 'abc',
        OS_APPLICATION_CREDENTIAL_SECRET: 's',
        OS_REGION_NAME: 'SBG5',
        OS_INTERFACE: 'internalURL',
      },
      undefined,
      '/nonexistent',
    )
    expect(auth).toMatchObject({method: 'application_credential', regions: ['SBG5'], interface: 'internal'})
    expect(await loadOpenStackAuth({}, undefined, '/nonexistent')).toBeUndefined()
  })

  it('names the clouds it knows when the asked one is missing', async () => {
    const error = await loadOpenStackAuth(files, 'nope', '/nonexistent').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).suggestion).toBe('Clouds defined there: scs-prod, ovh-gra.')
  })

  it('detects a named cloud only when a clouds.yaml exists', async () => {
    expect(await collector.detect({env: {OS_CLOUD: 'scs-prod', ...files}, options: {}})).toMatchObject({available: true})
    expect(
      await collector.detect({env: {OS_CLOUD: 'scs-prod', OS_CLIENT_CONFIG_FILE: '/nonexistent/clouds.yaml'}, options: {}}),
    ).toMatchObject({
      available: false,
    })
    expect(await collector.detect({env: {OS_AUTH_URL: 'https://x/v3'}, options: {}})).toMatchObject({available: true})
  })
})

describe('OpenStack provider declaration', () => {
  it('declares the scan flags it had, and parses regions from a list or a comma-separated string', async () => {
    const {spec} = await import('../../src/collectors/openstack/spec.js')
    expect(spec.flags.map((f) => [f.name, f.option, f.kind])).toEqual([
      ['os-cloud', 'cloud', 'string'],
      ['os-regions', 'regions', 'list'],
    ])
    expect(spec.options.parse({regions: ' RegionOne,GRA11 ,RegionOne'})).toEqual({regions: ['RegionOne', 'GRA11']})
    expect(spec.options.parse({regions: ['eu-de'], cloud: 'otc'})).toEqual({regions: ['eu-de'], cloud: 'otc'})
    // Parsing what was parsed gives the same options (the collector parses again for library callers).
    expect(spec.options.parse(spec.options.parse({regions: 'A,B'}))).toEqual({regions: ['A', 'B']})
    expect(spec.options.parse({regions: ''})).toEqual({})
    expect(spec.rateLimits).toMatch(/define no rate limit/)
  })

  it('names the flag of a bad value before any request is sent', async () => {
    const [{spec}, {validateProviderOptions}] = await Promise.all([
      import('../../src/collectors/openstack/spec.js'),
      import('../../src/collectors/options.js'),
    ])
    expect(() => validateProviderOptions([spec], {openstack: {regions: ['Region One']}})).toThrow(
      /^--os-regions \(value 1\): a region name has no spaces or commas\.$/,
    )
    expect(() => validateProviderOptions([spec], {openstack: {cloud: ''}})).toThrow(
      /^--os-cloud: name a cloud of clouds\.yaml\.$/,
    )
    expect(() => validateProviderOptions([spec], {openstack: {region: 'RegionOne'}})).toThrow(/openstack option/)
  })
})
