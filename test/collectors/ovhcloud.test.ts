import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {ovhSignature, resolveOvhEndpoint} from '../../src/collectors/ovhcloud/auth.js'
import {collector} from '../../src/collectors/ovhcloud/index.js'
import {type CollectContext, silentProgress} from '../../src/collectors/types.js'
import {ExitreadyError} from '../../src/errors.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const HOST = 'https://eu.api.ovh.com'
const FIXTURES = join(import.meta.dirname, '../../fixtures/ovhcloud')
const fixture = async (name: string) => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as unknown
const P = '5e1f0c6d9a2b4e3f8a7b6c5d4e3f2a1b'
const P2 = '7a8b9c0d1e2f4a3b8c7d6e5f4a3b2c1d'
const NOW = Date.parse('2026-11-28T12:00:00Z') / 1000
const ENV = {
  OVH_APPLICATION_KEY: 'EXAMPLEovhAppKey01',
  OVH_APPLICATION_SECRET: 'EXAMPLEovhAppSecret0123456789abcd',
  OVH_CONSUMER_KEY: 'EXAMPLEovhConsumerKey0123456789ab',
}

function context(overrides: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: ENV,
    clock,
    progress: silentProgress,
    options: {},
    ...overrides,
  }
  return {ctx, clock}
}

const api = () => nock(HOST).matchHeader('x-ovh-application', ENV.OVH_APPLICATION_KEY)

async function mockTime(serverTime = NOW) {
  // /auth/time must be called unauthenticated.
  nock(HOST, {badheaders: ['x-ovh-signature', 'x-ovh-consumer']})
    .get('/1.0/auth/time')
    .reply(200, String(serverTime), {'content-type': 'application/json'})
}

/** Every list of one project, from the fixtures, except the paths (relative to the project) in `skip`. */
async function mockProject(project: string, skip: string[] = []) {
  const base = `/1.0/cloud/project/${project}`
  const replies: [string, string][] = [
    ['', 'project.json'],
    ['/instance', 'instances.json'],
    ['/volume', 'volumes.json'],
    ['/network/private', 'networks.json'],
    ['/kube', 'kube-ids.json'],
    ['/kube/9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f', 'kube-cluster.json'],
    ['/database/service', 'database-ids.json'],
    ['/database/service/2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', 'database.json'],
    ['/containerRegistry', 'registries.json'],
    ['/storage', 'storage-swift.json'],
    ['/region', 'regions.json'],
    ['/region/GRA11/storage', 'storage-s3-gra11.json'],
    ['/region/GRA11/loadbalancing/loadbalancer', 'loadbalancers-gra11.json'],
  ]
  for (const [path, file] of replies)
    if (!skip.includes(path))
      api()
        .get(`${base}${path}`)
        .reply(200, await fixture(file))
  // SBG5 has neither S3 nor Octavia in this project.
  for (const path of ['/region/SBG5/storage', '/region/SBG5/loadbalancing/loadbalancer'])
    if (!skip.includes(path))
      api()
        .get(`${base}${path}`)
        .reply(404, await fixture('error-not-found.json'))
}

async function mockDedicated() {
  api()
    .get('/1.0/dedicated/server')
    .reply(200, await fixture('dedicated-servers.json'))
  api()
    .get('/1.0/dedicated/server/ns3012345.ip-51-91-12.eu')
    .reply(200, await fixture('dedicated-server.json'))
}

async function mockEstate(projects = [P], skip: string[] = []) {
  await mockTime()
  api().get('/1.0/cloud/project').reply(200, projects)
  for (const project of projects) await mockProject(project, skip)
  await mockDedicated()
}

const byId = (resources: ResourceInput[]) => new Map(resources.map((r) => [r.id, r]))

describe('OVHcloud request signing', () => {
  it('matches the official client known-answer vectors', () => {
    // Vectors of ovh/go-ovh (ovh/ovh_test.go): MockApplicationSecret, MockConsumerKey, MockTime = 1457018875.
    const common = {
      applicationSecret: '9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk',
      consumerKey: '5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY',
      url: 'https://eu.api.ovh.com/1.0/auth',
      timestamp: 1457018875,
    }
    expect(ovhSignature({...common, method: 'GET', body: ''})).toBe('$1$e9556054b6309771395efa467c22e627407461ad')
    expect(ovhSignature({...common, method: 'POST', body: '{"a":"b","c":"d"}'})).toBe(
      '$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1',
    )
  })

  it('signs the full URL with its query string (vector computed with Python hashlib)', () => {
    expect(
      ovhSignature({
        applicationSecret: ENV.OVH_APPLICATION_SECRET,
        consumerKey: ENV.OVH_CONSUMER_KEY,
        method: 'GET',
        url: `https://eu.api.ovh.com/1.0/cloud/project/${P}/instance?region=GRA11`,
        body: '',
        timestamp: 1700000000,
      }),
    ).toBe('$1$d7f697c400293f6999dd8dafc0838cb7b18859e2')
  })

  it('chooses the endpoint by name as the official clients do', () => {
    expect(resolveOvhEndpoint(undefined, undefined, {})).toBe('https://eu.api.ovh.com/1.0')
    expect(resolveOvhEndpoint(undefined, undefined, {OVH_ENDPOINT: 'ovh-ca'})).toBe('https://ca.api.ovh.com/1.0')
    expect(resolveOvhEndpoint(undefined, 'ovh-us', {OVH_ENDPOINT: 'ovh-ca'})).toBe('https://api.us.ovhcloud.com/1.0')
    expect(resolveOvhEndpoint('http://127.0.0.1:9/1.0', 'ovh-us', {})).toBe('http://127.0.0.1:9/1.0')
    expect(() => resolveOvhEndpoint(undefined, 'ovh-mars', {})).toThrow(/Unknown OVHcloud endpoint "ovh-mars"/)
  })
})

describe('ovhcloud collector', () => {
  it('corrects clock skew with /auth/time and signs with the server time', async () => {
    // The server is 37 s ahead; the signature is over the full URL, computed independently with Python hashlib.
    await mockTime(NOW + 37)
    nock(HOST)
      .get('/1.0/cloud/project')
      .matchHeader('x-ovh-timestamp', String(NOW + 37))
      .matchHeader('x-ovh-consumer', ENV.OVH_CONSUMER_KEY)
      .matchHeader('x-ovh-signature', '$1$9d629fe99ed9bd9f03f45e95b6810162887a238d')
      .reply(200, [])
    await mockDedicated()
    const {ctx} = context({concurrency: 1})
    const result = await collector.collect(ctx)
    expect(result.sources).toEqual([{provider: 'ovhcloud', scope: 'dedicated-servers', status: 'complete', count: 1}])
  })

  it('lists projects with their instances, volumes, networks, clusters, databases, storage and dedicated servers', async () => {
    await mockEstate()
    const {ctx} = context()
    const result = await collector.collect(ctx)
    // Dedicated servers start at once; projects once their list is known.
    expect(result.sources).toEqual([
      {provider: 'ovhcloud', scope: 'dedicated-servers', status: 'complete', count: 1},
      {provider: 'ovhcloud', scope: P, status: 'complete', count: 12, warnings: expect.any(Array)},
    ])
    expect(result.sources[1]!.warnings!.sort()).toEqual([
      'Load balancers are not available in SBG5.',
      'S3 buckets are not available in SBG5.',
    ])
    const r = byId(result.resources)
    const network = 'ovhcloud:network:pn-1084325_12'
    expect(r.get(`ovhcloud:cloud-project:${P}`)).toMatchObject({
      name: 'shop-production',
      tags: {env: 'prod', 'cost-center': 'cc-4411'},
    })
    // Private addresses name the OpenStack network of each region; both lead to the one vRack network.
    expect(r.get('ovhcloud:instance:e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b')).toMatchObject({
      region: 'GRA11',
      account: P,
      attributes: {flavor: 'b3-8'},
      dependsOn: [network],
    })
    expect(r.get('ovhcloud:instance:f2b3c4d5-e6f7-4a81-9b0c-1d2e3f4a5b6c')!.dependsOn).toEqual([network])
    expect(r.get('ovhcloud:volume:0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a')).toMatchObject({
      sizeGiB: 200,
      dependsOn: ['ovhcloud:instance:f2b3c4d5-e6f7-4a81-9b0c-1d2e3f4a5b6c'],
    })
    expect(r.get(network)).toMatchObject({region: 'global', attributes: {vlanId: 12, regions: ['GRA11', 'SBG5']}})
    expect(r.get('ovhcloud:kube-cluster:9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f')).toMatchObject({
      attributes: {version: '1.31'},
      dependsOn: [network],
    })
    expect(r.get('ovhcloud:database:2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e')).toMatchObject({
      region: 'GRA',
      attributes: {engine: 'postgresql', version: '16', plan: 'business', nodes: 2},
      sizeGiB: 80,
      dependsOn: [network],
    })
    expect(r.get(`ovhcloud:object-container:${P}/GRA/shop-assets-gra`)).toMatchObject({attributes: {api: 'swift'}, sizeGiB: 45})
    expect(r.get(`ovhcloud:object-container:${P}/GRA11/shop-invoices`)).toMatchObject({attributes: {api: 's3'}, sizeGiB: 10})
    expect(r.get('ovhcloud:registry:6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c')).toMatchObject({sizeGiB: 2})
    expect(r.get('ovhcloud:loadbalancer:8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f')!.dependsOn).toEqual([network])
    expect(r.get('ovhcloud:dedicated-server:ns3012345.ip-51-91-12.eu')).toMatchObject({
      region: 'eu-west-rbx',
      tags: {role: 'db-replica'},
      attributes: {range: 'advance-2', os: 'debian12_64', datacenter: 'rbx8'},
    })
  })

  it('waits out a 429 and keeps the page', async () => {
    api()
      .get(`/1.0/cloud/project/${P}/instance`)
      .reply(429, await fixture('error-too-many-requests.json'), {'Retry-After': '2'})
    await mockEstate()
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toContain(2000)
    expect(result.resources.filter((r) => r.type === 'ovhcloud:instance')).toHaveLength(2)
  })

  it('treats a refused consumer key (403 INVALID_CREDENTIAL) as rejected credentials: exit code 4', async () => {
    await mockTime()
    api()
      .get('/1.0/cloud/project')
      .reply(403, await fixture('error-invalid-credential.json'))
    // With one call at a time, /dedicated/server is never sent after the rejection.
    const {ctx} = context({concurrency: 1})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the credentials: This credential is not valid/)
    expect(error.message).not.toMatch(/EXAMPLEovh/)
  })

  it('keeps one project when another is not granted', async () => {
    await mockTime()
    api().get('/1.0/cloud/project').reply(200, [P, P2])
    await mockProject(P)
    await mockDedicated()
    api()
      .get((uri) => uri.startsWith(`/1.0/cloud/project/${P2}`))
      .times(9)
      .reply(403, await fixture('error-not-granted.json'))
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => [s.scope, s.status])).toEqual([
      ['dedicated-servers', 'complete'],
      [P, 'complete'],
      [P2, 'failed'],
    ])
    expect(result.sources[2]!.error).toMatch(/denied permission: This call has not been granted/)
  })

  it('marks a project partial on a malformed list and recovers from a 5xx', async () => {
    await mockEstate([P], ['/volume', '/network/private'])
    api().get(`/1.0/cloud/project/${P}/volume`).reply(200, {volumes: []})
    api()
      .get(`/1.0/cloud/project/${P}/network/private`)
      .reply(500, await fixture('error-internal.json'))
    api()
      .get(`/1.0/cloud/project/${P}/network/private`)
      .reply(200, await fixture('networks.json'))
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    const project = result.sources.find((source) => source.scope === P)!
    expect(project).toMatchObject({status: 'partial', count: 10})
    expect(project.error).toMatch(/^volumes: .*did not return a list/)
    expect(clock.sleeps).toHaveLength(1)
    expect(result.resources.some((r) => r.id === 'ovhcloud:network:pn-1084325_12')).toBe(true)
  })

  it('detects credentials only from the three variables', () => {
    expect(collector.detect({env: ENV, options: {}})).toMatchObject({available: true})
    expect(collector.detect({env: {OVH_APPLICATION_KEY: 'x'}, options: {}})).toEqual({
      available: false,
      reason: 'OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY are not set',
    })
  })
})

describe('OVHcloud provider declaration', () => {
  it('declares --ovh-endpoint and accepts the official endpoint names or a URL', async () => {
    const {spec} = await import('../../src/collectors/ovhcloud/spec.js')
    expect(spec.flags.map((f) => [f.name, f.option, f.kind])).toEqual([['ovh-endpoint', 'endpoint', 'string']])
    expect(spec.options.parse({endpoint: 'ovh-ca'})).toEqual({endpoint: 'ovh-ca'})
    expect(spec.options.parse({endpoint: 'http://127.0.0.1:9/1.0'})).toEqual({endpoint: 'http://127.0.0.1:9/1.0'})
    expect(spec.options.parse({})).toEqual({})
    expect(spec.rateLimits).toMatch(/60 requests a minute/)
  })

  it('names the flag of an unknown endpoint before any request is sent', async () => {
    const [{spec}, {validateProviderOptions}] = await Promise.all([
      import('../../src/collectors/ovhcloud/spec.js'),
      import('../../src/collectors/options.js'),
    ])
    expect(() => validateProviderOptions([spec], {ovhcloud: {endpoint: 'ovh-mars'}})).toThrow(
      /^--ovh-endpoint: use one of ovh-eu, ovh-ca, ovh-us, kimsufi-eu, kimsufi-ca, soyoustart-eu, soyoustart-ca, or an http\(s\) URL\.$/,
    )
  })
})
