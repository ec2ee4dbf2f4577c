import {readFileSync} from 'node:fs'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {providerOptionsFromFlags} from '../../src/cli/provider-flags.js'
import {DEFAULT_ZONES} from '../../src/collectors/exoscale/collect.js'
import {collector} from '../../src/collectors/exoscale/index.js'
import {exoscaleAuthorization} from '../../src/collectors/exoscale/sign.js'
import {spec} from '../../src/collectors/exoscale/spec.js'
import {validateProviderOptions} from '../../src/collectors/options.js'
import type {CollectContext, ProgressSink} from '../../src/collectors/types.js'
import {ExitreadyError} from '../../src/errors.js'
import type {SourceStatus} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const fixture = (name: string) => JSON.parse(readFileSync(`fixtures/exoscale/${name}`, 'utf8')) as unknown
const KEY = 'EXO1f0a6c2b9d8e7f6a5b4c3d2e'
const SECRET = 'k3yS3cr3t-For-Tests-0nly-Not-Real-AbCdEfGh'
const GVA = 'https://api-ch-gva-2.exoscale.com'
const FRA = 'https://api-de-fra-1.exoscale.com'

function context(extra: Partial<CollectContext> = {}) {
  const finished: SourceStatus[] = []
  const progress: ProgressSink = {
    scopeStarted() {},
    scopeProgress() {},
    scopeFinished: (_p, status) => finished.push(status),
    warn() {},
  }
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {EXOSCALE_API_KEY: KEY, EXOSCALE_API_SECRET: SECRET},
    clock,
    progress,
    options: {},
    ...extra,
  }
  return {ctx, clock, finished}
}

const EMPTY: Record<string, unknown> = {
  '/v2/instance': {instances: []},
  '/v2/block-storage': {'block-storage-volumes': []},
  '/v2/private-network': {'private-networks': []},
  '/v2/sks-cluster': {'sks-clusters': []},
  '/v2/dbaas-service': {'dbaas-services': []},
  '/v2/load-balancer': {'load-balancers': []},
  '/v2/elastic-ip': {'elastic-ips': []},
}

/** Every zone list, answered from `bodies` or empty; a number answers that status with an error body, 'skip' leaves it to the test. */
function mockZone(base: string, bodies: Record<string, unknown> = {}, prefix = '') {
  const scope = nock(base)
  for (const [path, empty] of Object.entries(EMPTY)) {
    const body = path in bodies ? bodies[path] : empty
    if (body === 'skip') continue
    if (typeof body === 'number') scope.get(prefix + path).reply(body, fixture('error-forbidden.json') as nock.Body)
    else scope.get(prefix + path).reply(200, body as nock.Body)
  }
  return scope
}

function mockGlobal(securityGroups: unknown = {'security-groups': []}, buckets: unknown = {'sos-buckets-usage': []}) {
  nock(GVA)
    .get('/v2/security-group')
    .reply(200, securityGroups as nock.Body)
    .get('/v2/sos-buckets-usage')
    .reply(200, buckets as nock.Body)
}

describe('Exoscale request signing (EXO2-HMAC-SHA256)', () => {
  // Known-answer vectors of the official Python client (requests-exoscale-auth, tests/test_auth.py),
  // recomputed independently with python3 hmac/hashlib: key EXOxx…, secret X×43, expires 2077-01-01.
  const official = {key: 'EXOxxxxxxxxxxxxxxxxxxxxxxxx', secret: 'X'.repeat(43)}
  const expires2077 = Date.UTC(2077, 0, 1) / 1000

  it('matches the official vector without query parameters', () => {
    expect(exoscaleAuthorization(official, 'GET', new URL('https://api.exoscale.com/v2/zone'), undefined, expires2077)).toBe(
      `EXO2-HMAC-SHA256 credential=${official.key},expires=3376684800,signature=Ntbq/p0HVmA3Zg1HHY+Lq1vjFGi7HeMrrgXDS5jRNlY=`,
    )
  })

  it('matches the official vector with signed query parameters', () => {
    const url = new URL('https://api.exoscale.com/v2/zone?k1=v1&k2=v2')
    expect(exoscaleAuthorization(official, 'GET', url, undefined, expires2077)).toBe(
      `EXO2-HMAC-SHA256 credential=${official.key},signed-query-args=k1;k2,expires=3376684800,signature=iqOBz13+44L5j0uJclE8hmUhQQcvtCSoPEOXYK6liqY=`,
    )
  })

  it('signs the body, sorts single-valued parameters and leaves multi-valued ones out', () => {
    // python3: base64(hmac_sha256(SECRET, 'POST /v2/block-storage\n{"name":"web-1","size":50}\nxch-gva-2\n\n1700000000'))
    const url = new URL('https://api-ch-gva-2.exoscale.com/v2/block-storage?zone=ch-gva-2&b=1&b=2&a=x')
    expect(exoscaleAuthorization({key: KEY, secret: SECRET}, 'POST', url, '{"name":"web-1","size":50}', 1_700_000_000)).toBe(
      `EXO2-HMAC-SHA256 credential=${KEY},signed-query-args=a;zone,expires=1700000000,signature=bEqSnCUHYu4IGvuXuRg69oPH0JJjBnQn1lsz9PAuJCY=`,
    )
  })

  it('sends the signature on every request, expiring 10 minutes after the clock', async () => {
    // python3: base64(hmac_sha256(SECRET, 'GET /v2/zone\n\n\n\n1795867800')); the fake clock is 2026-11-28T12:00:00Z.
    const expected = `EXO2-HMAC-SHA256 credential=${KEY},expires=1795867800,signature=02n/Dkd+pQY70GITAITjq8eW9B0fn30C3fMItHEiDDY=`
    nock(GVA)
      .get('/v2/zone')
      .matchHeader('authorization', expected)
      .reply(200, {zones: [{name: 'ch-gva-2'}]})
    mockZone(GVA)
    mockGlobal()
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => s.status)).toEqual(['complete', 'complete'])
  })
})

describe('Exoscale collector', () => {
  it('detects credentials from the environment only when key and secret are both set', () => {
    expect(collector.detect({env: {EXOSCALE_API_KEY: KEY, EXOSCALE_API_SECRET: SECRET}, options: {}})).toMatchObject({
      available: true,
    })
    expect(collector.detect({env: {EXOSCALE_API_KEY: KEY}, options: {}})).toMatchObject({available: false})
  })

  it('lists every zone of the zone list, with sizes, labels and dependencies', async () => {
    nock(GVA)
      .get('/v2/zone')
      .reply(200, fixture('zones.json') as nock.Body)
    mockZone(GVA, {
      '/v2/instance': fixture('instances-ch-gva-2.json'),
      '/v2/block-storage': fixture('block-storage-ch-gva-2.json'),
      '/v2/private-network': fixture('private-networks-ch-gva-2.json'),
      '/v2/sks-cluster': fixture('sks-clusters-ch-gva-2.json'),
      '/v2/dbaas-service': fixture('dbaas-services-ch-gva-2.json'),
      '/v2/load-balancer': fixture('load-balancers-ch-gva-2.json'),
      '/v2/elastic-ip': fixture('elastic-ips-ch-gva-2.json'),
    })
    mockZone(FRA, {'/v2/instance': fixture('instances-de-fra-1.json')})
    mockGlobal(fixture('security-groups.json'), fixture('sos-buckets-usage.json'))
    const {ctx} = context()
    const result = await collector.collect(ctx)

    const types = result.resources.map((r) => r.type)
    for (const kind of ['instance', 'block-storage-volume', 'private-network', 'sks-cluster', 'dbaas-service', 'nlb'])
      expect(types).toContain(`exoscale:${kind}`)
    expect(types).toContain('exoscale:security-group')
    expect(types).toContain('exoscale:sos-bucket')
    expect(types).toContain('exoscale:elastic-ip')

    const web = result.resources.find((r) => r.id === 'exoscale:instance:4c1b0e9a-6b7e-4f0a-9d53-2f5c2d3a8b11')!
    expect(web).toMatchObject({provider: 'exoscale', name: 'web-1', region: 'ch-gva-2', tags: {env: 'prod', team: 'shop'}})
    expect(web.attributes).toMatchObject({family: 'standard', size: 'medium', template: 'Linux Ubuntu 24.04 LTS 64-bit'})
    expect(web.dependsOn).toEqual([
      'exoscale:private-network:e6a1c6b2-8f3d-4b5a-9c7e-1d2f3a4b5c6d',
      'exoscale:security-group:7d9c3b2a-1e4f-4a6b-8c5d-3e2f1a0b9c8d',
      'exoscale:block-storage-volume:f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
    ])
    const volume = result.resources.find((r) => r.type === 'exoscale:block-storage-volume' && r.name === 'web-1-data')!
    expect(volume).toMatchObject({sizeGiB: 100, dependsOn: ['exoscale:instance:4c1b0e9a-6b7e-4f0a-9d53-2f5c2d3a8b11']})
    const pg = result.resources.find((r) => r.id === 'exoscale:dbaas-service:shop-pg')!
    expect(pg).toMatchObject({sizeGiB: 400, attributes: {type: 'pg', plan: 'business-8'}})
    const sks = result.resources.find((r) => r.type === 'exoscale:sks-cluster')!
    expect(sks.attributes).toMatchObject({version: '1.31.4', level: 'pro', nodeCount: 3})
    expect(sks.dependsOn).toContain('exoscale:private-network:e6a1c6b2-8f3d-4b5a-9c7e-1d2f3a4b5c6d')
    const bucket = result.resources.find((r) => r.id === 'exoscale:sos-bucket:shop-backups')!
    expect(bucket).toMatchObject({region: 'de-fra-1', sizeGiB: 1024})
    expect(result.resources.find((r) => r.name === 'db-replica')?.region).toBe('de-fra-1')

    expect(result.sources).toEqual([
      {provider: 'exoscale', scope: 'ch-gva-2', status: 'complete', count: 10},
      {provider: 'exoscale', scope: 'de-fra-1', status: 'complete', count: 1},
      {provider: 'exoscale', scope: 'global', status: 'complete', count: 4},
    ])
  })

  it('emits only types the catalog maps exactly, with the attributes its refine rules read', async () => {
    nock(GVA)
      .get('/v2/zone')
      .reply(200, {zones: [{name: 'ch-gva-2'}]})
    mockZone(GVA, {
      '/v2/instance': fixture('instances-ch-gva-2.json'),
      '/v2/block-storage': fixture('block-storage-ch-gva-2.json'),
      '/v2/private-network': fixture('private-networks-ch-gva-2.json'),
      '/v2/sks-cluster': fixture('sks-clusters-ch-gva-2.json'),
      '/v2/dbaas-service': fixture('dbaas-services-ch-gva-2.json'),
      '/v2/load-balancer': fixture('load-balancers-ch-gva-2.json'),
      '/v2/elastic-ip': fixture('elastic-ips-ch-gva-2.json'),
    })
    mockGlobal(fixture('security-groups.json'), fixture('sos-buckets-usage.json'))
    const result = await collector.collect(context().ctx)
    const catalog = await loadCatalog()
    for (const resource of result.resources)
      expect(catalog.lookup(resource.type, resource.attributes).matchedBy, resource.type).toBe('type')
    const kafka = result.resources.find((r) => r.id === 'exoscale:dbaas-service:events')!
    expect(catalog.lookup(kafka.type, kafka.attributes).category).toBe('streaming')
  })

  it('keeps the other zones when one zone denies every list', async () => {
    mockZone(GVA, {'/v2/instance': fixture('instances-ch-gva-2.json')})
    mockZone(FRA, Object.fromEntries(Object.keys(EMPTY).map((path) => [path, 403])))
    mockGlobal()
    const {ctx} = context({options: {exoscale: {zones: ['ch-gva-2', 'de-fra-1']}}})
    const result = await collector.collect(ctx)
    const fra = result.sources.find((s) => s.scope === 'de-fra-1')!
    expect(fra.status).toBe('failed')
    expect(fra.error).toMatch(/denied permission: Forbidden/)
    expect(result.sources.find((s) => s.scope === 'ch-gva-2')?.status).toBe('complete')
    expect(result.resources.filter((r) => r.type === 'exoscale:instance')).toHaveLength(2)
  })

  it('marks a zone partial when one list fails and keeps the rest of that zone', async () => {
    mockZone(GVA, {'/v2/instance': fixture('instances-ch-gva-2.json'), '/v2/sks-cluster': 403})
    mockGlobal()
    const {ctx} = context({options: {exoscale: {zones: 'ch-gva-2'}}})
    const result = await collector.collect(ctx)
    const gva = result.sources.find((s) => s.scope === 'ch-gva-2')!
    expect(gva).toMatchObject({status: 'partial', count: 2})
    expect(gva.error).toMatch(/^SKS clusters: exoscale: GET https:\/\/api-ch-gva-2\.exoscale\.com\/v2\/sks-cluster denied/)
  })

  it('treats block storage that a zone does not offer as nothing to list', async () => {
    mockZone(GVA, {'/v2/block-storage': 'skip'})
    nock(GVA)
      .get('/v2/block-storage')
      .reply(400, fixture('error-block-storage-unavailable.json') as nock.Body)
    mockGlobal()
    const {ctx} = context({options: {exoscale: {zones: ['ch-gva-2']}}})
    const result = await collector.collect(ctx)
    const gva = result.sources.find((s) => s.scope === 'ch-gva-2')!
    expect(gva.status).toBe('complete')
    expect(gva.warnings).toEqual(['Block storage is not available in ch-gva-2.'])
  })

  it('waits out a 429 with Retry-After and loses nothing', async () => {
    nock(GVA).get('/v2/instance').reply(429, {message: 'Too many requests'}, {'Retry-After': '3'})
    mockZone(GVA, {'/v2/instance': fixture('instances-ch-gva-2.json')})
    mockGlobal()
    const {ctx, clock} = context({options: {exoscale: {zones: ['ch-gva-2']}}})
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toContain(3000)
    expect(result.resources.filter((r) => r.type === 'exoscale:instance')).toHaveLength(2)
    expect(result.sources.every((s) => s.status === 'complete')).toBe(true)
  })

  it('retries a 5xx and recovers', async () => {
    nock(GVA).get('/v2/load-balancer').reply(503, 'Service Unavailable')
    mockZone(GVA, {'/v2/load-balancer': fixture('load-balancers-ch-gva-2.json')})
    mockGlobal()
    const {ctx, clock} = context({options: {exoscale: {zones: ['ch-gva-2']}}})
    const result = await collector.collect(ctx)
    expect(clock.sleeps.length).toBeGreaterThan(0)
    expect(result.resources.map((r) => r.type)).toContain('exoscale:nlb')
  })

  it('reports a malformed page clearly and keeps the other lists', async () => {
    mockZone(GVA, {'/v2/instance': 'skip', '/v2/private-network': fixture('private-networks-ch-gva-2.json')})
    nock(GVA).get('/v2/instance').reply(200, '{"instances": [{"id": "4c1b', {'content-type': 'application/json'})
    mockGlobal()
    const {ctx} = context({options: {exoscale: {zones: ['ch-gva-2']}}})
    const result = await collector.collect(ctx)
    const gva = result.sources.find((s) => s.scope === 'ch-gva-2')!
    expect(gva.status).toBe('partial')
    expect(gva.error).toMatch(/instances: .*not valid JSON/)
    expect(result.resources.map((r) => r.type)).toContain('exoscale:private-network')
  })

  it('rejects a list that lacks its documented key', async () => {
    mockZone(GVA, {'/v2/elastic-ip': {'elastic-ip': []}})
    mockGlobal()
    const {ctx} = context({options: {exoscale: {zones: ['ch-gva-2']}}})
    const result = await collector.collect(ctx)
    expect(result.sources.find((s) => s.scope === 'ch-gva-2')?.error).toMatch(/elastic IPs: .*not in the documented shape/)
  })

  it('fails with exit code 4 when the API key is rejected', async () => {
    nock(GVA)
      .get('/v2/zone')
      .reply(401, fixture('error-unauthorized.json') as nock.Body)
    const {ctx} = context()
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the API key/)
    expect(error.message).not.toContain(SECRET)
  })

  it('fails with exit code 4 when every scope is denied', async () => {
    mockZone(GVA, Object.fromEntries(Object.keys(EMPTY).map((path) => [path, 403])))
    nock(GVA)
      .get('/v2/security-group')
      .reply(403, fixture('error-forbidden.json') as nock.Body)
    nock(GVA)
      .get('/v2/sos-buckets-usage')
      .reply(403, fixture('error-forbidden.json') as nock.Body)
    const {ctx} = context({options: {exoscale: {zones: ['ch-gva-2']}}})
    await expect(collector.collect(ctx)).rejects.toMatchObject({exitCode: 4})
  })

  it('sends every zone to an endpoint override with a {zone} placeholder', async () => {
    const proxy = 'http://exo-proxy.test'
    mockZone(proxy, {}, '/ch-gva-2')
    mockZone(proxy, {'/v2/instance': fixture('instances-de-fra-1.json')}, '/de-fra-1')
    nock(proxy)
      .get('/ch-gva-2/v2/security-group')
      .reply(200, {'security-groups': []})
      .get('/ch-gva-2/v2/sos-buckets-usage')
      .reply(200, {'sos-buckets-usage': []})
    const {ctx} = context({
      endpoints: {exoscale: `${proxy}/{zone}/v2`},
      options: {exoscale: {zones: ['ch-gva-2', 'de-fra-1']}},
    })
    const result = await collector.collect(ctx)
    expect(result.resources.map((r) => r.name)).toEqual(['db-replica'])
  })

  it('scans every fallback zone, hr-zag-1 included, when the zone list cannot be read', async () => {
    nock(GVA)
      .get('/v2/zone')
      .reply(403, fixture('error-forbidden.json') as nock.Body)
    for (const zone of DEFAULT_ZONES) mockZone(`https://api-${zone}.exoscale.com`)
    mockGlobal()
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => s.scope)).toEqual([...DEFAULT_ZONES, 'global'])
    expect(result.sources.map((s) => s.scope)).toContain('hr-zag-1')
    expect(result.sources.find((s) => s.scope === 'global')!.warnings).toEqual([
      expect.stringMatching(
        /^The zone list could not be read \(.*denied permission.*\); the public zones were scanned instead\.$/,
      ),
    ])
  })

  it('sends each zone to the api-endpoint the zone list names', async () => {
    nock(GVA)
      .get('/v2/zone')
      .reply(200, {
        zones: [
          {
            name: 'hr-zag-1',
            'api-endpoint': 'https://api-hr-zag-1.exoscale.com/v2',
            'sos-endpoint': 'https://sos-hr-zag-1.exo.io',
          },
        ],
      })
    mockZone('https://api-hr-zag-1.exoscale.com', {'/v2/instance': fixture('instances-de-fra-1.json')})
    mockGlobal()
    const result = await collector.collect(context().ctx)
    expect(result.sources.map((s) => [s.scope, s.status])).toEqual([
      ['hr-zag-1', 'complete'],
      ['global', 'complete'],
    ])
    expect(result.resources.find((r) => r.name === 'db-replica')).toMatchObject({region: 'hr-zag-1', source: 'scan:exoscale'})
  })

  it('fails with exit code 4 on the 403 "Invalid request signature" of a wrong secret', async () => {
    nock(GVA)
      .get('/v2/zone')
      .reply(403, fixture('recorded/error-invalid-signature.json') as nock.Body)
    const error = (await collector.collect(context().ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the API key .*Invalid request signature/)
    expect(error.message).not.toContain(SECRET)
  })
})

describe('Exoscale spec', () => {
  it('declares --exoscale-zones as a list and checks the zone names before any request', () => {
    expect(spec.flags.map((f) => [f.name, f.option, f.kind])).toEqual([['exoscale-zones', 'zones', 'list']])
    const raw = providerOptionsFromFlags([spec], {'exoscale-zones': ['hr-zag-1', 'ch-dk-2']})
    expect(validateProviderOptions([spec], raw)).toEqual({exoscale: {zones: ['hr-zag-1', 'ch-dk-2']}})
    expect(() => validateProviderOptions([spec], {exoscale: {zones: 'ch-gva-2,geneva'}})).toThrow(
      /--exoscale-zones \(value 2\): an Exoscale zone looks like ch-gva-2/,
    )
    expect(spec.rateLimits).toMatch(/unconfirmed/)
  })
})
