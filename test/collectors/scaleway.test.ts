import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {providerOptionsFromFlags} from '../../src/cli/provider-flags.js'
import {validateProviderOptions} from '../../src/collectors/options.js'
import {collector, PUBLIC_REGIONS, PUBLIC_ZONES} from '../../src/collectors/scaleway/index.js'
import {spec} from '../../src/collectors/scaleway/spec.js'
import {type CollectContext, silentProgress} from '../../src/collectors/types.js'
import {ExitreadyError} from '../../src/errors.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const API = 'https://api.scaleway.com'
const FIXTURES = join(import.meta.dirname, '../../fixtures/scaleway')
const fixture = async (name: string) => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as Record<string, unknown>
const SECRET = '3c0ffee0-1234-4abc-9def-0123456789ab'

/** Every list of a zone or region: path suffix → response key (and whether it is the Instance API). */
const ZONE_LISTS = {
  'instance/v1/zones/{z}/servers': 'servers',
  'instance/v1/zones/{z}/volumes': 'volumes',
  'block/v1/zones/{z}/volumes': 'volumes',
  'lb/v1/zones/{z}/lbs': 'lbs',
  'redis/v1/zones/{z}/clusters': 'clusters',
}
const REGION_LISTS = {
  'rdb/v1/regions/{z}/instances': 'instances',
  'mongodb/v1/regions/{z}/instances': 'instances',
  'k8s/v1/regions/{z}/clusters': 'clusters',
  'vpc/v2/regions/{z}/vpcs': 'vpcs',
  'vpc/v2/regions/{z}/private-networks': 'private_networks',
  'registry/v1/regions/{z}/namespaces': 'namespaces',
  'secret-manager/v1beta1/regions/{z}/secrets': 'secrets',
  'functions/v1beta1/regions/{z}/namespaces': 'namespaces',
  'functions/v1beta1/regions/{z}/functions': 'functions',
  'containers/v1beta1/regions/{z}/namespaces': 'namespaces',
  'containers/v1beta1/regions/{z}/containers': 'containers',
}

function context(overrides: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {SCW_SECRET_KEY: SECRET},
    clock,
    progress: silentProgress,
    options: {scaleway: {zones: ['fr-par-1'], regions: ['fr-par']}},
    ...overrides,
  }
  return {ctx, clock}
}

/**
 * Mocks each list of a locality: with the recorded pages named in `pages` (path → fixture files),
 * or an empty page. Lists named in `skip` are left for the test to mock.
 */
async function mockLocality(
  lists: Record<string, string>,
  locality: string,
  pages: Record<string, string[]> = {},
  skip: string[] = [],
) {
  for (const [template, key] of Object.entries(lists)) {
    if (skip.includes(template)) continue
    const path = `/${template.replace('{z}', locality)}`
    const files = pages[template] ?? []
    const api = nock(API).matchHeader('x-auth-token', SECRET)
    if (files.length === 0) {
      api
        .get(path)
        .query(true)
        .reply(200, template.startsWith('instance/') ? {[key]: []} : {[key]: [], total_count: 0})
      continue
    }
    for (const [index, file] of files.entries()) {
      const body = await fixture(file)
      const instance = template.startsWith('instance/')
      const query = instance ? {per_page: '100', page: String(index + 1)} : {page_size: '100', page: String(index + 1)}
      api
        .get(path)
        .query(query)
        .reply(200, body, instance ? {'X-Total-Count': String(files.length)} : {})
    }
  }
}

async function mockDnsZones(file?: string) {
  nock(API)
    .get('/domain/v2beta1/dns-zones')
    .query(true)
    .reply(200, file ? await fixture(file) : {dns_zones: [], total_count: 0})
}

/** The whole fr-par-1 / fr-par estate of the fixtures. */
async function mockEstate(skip: string[] = []) {
  await mockLocality(
    ZONE_LISTS,
    'fr-par-1',
    {
      'instance/v1/zones/{z}/servers': ['instance-servers-page1.json', 'instance-servers-page2.json'],
      'instance/v1/zones/{z}/volumes': ['instance-volumes.json'],
      'block/v1/zones/{z}/volumes': ['block-volumes-page1.json', 'block-volumes-page2.json'],
      'lb/v1/zones/{z}/lbs': ['lbs.json'],
    },
    skip,
  )
  await mockLocality(
    REGION_LISTS,
    'fr-par',
    {
      'rdb/v1/regions/{z}/instances': ['rdb-instances.json'],
      'k8s/v1/regions/{z}/clusters': ['k8s-clusters.json'],
      'vpc/v2/regions/{z}/vpcs': ['vpcs.json'],
      'vpc/v2/regions/{z}/private-networks': ['private-networks.json'],
      'registry/v1/regions/{z}/namespaces': ['registry-namespaces.json'],
      'secret-manager/v1beta1/regions/{z}/secrets': ['secrets.json'],
      'functions/v1beta1/regions/{z}/namespaces': ['function-namespaces.json'],
      'functions/v1beta1/regions/{z}/functions': ['functions.json'],
      'containers/v1beta1/regions/{z}/namespaces': ['container-namespaces.json'],
      'containers/v1beta1/regions/{z}/containers': ['containers.json'],
    },
    skip,
  )
  await mockDnsZones('dns-zones.json')
}

interface Recorded {
  url: string
  status: number
  headers: Record<string, string>
  body: Record<string, unknown>
}
const recorded = async (name: string) => JSON.parse(await readFile(join(FIXTURES, 'recorded', name), 'utf8')) as Recorded[]

/** Replays recorded list responses as the first page of each list (our paging query, their body and totals). */
function replay(interactions: Recorded[]) {
  for (const {url, status, headers, body} of interactions) {
    const path = new URL(url).pathname
    const instance = path.startsWith('/instance/')
    nock(API)
      .matchHeader('x-auth-token', SECRET)
      .get(path)
      .query(instance ? {per_page: '100', page: '1'} : {page_size: '100', page: '1'})
      .reply(status, body, headers)
  }
}
const pathsOf = (interactions: Recorded[]) => interactions.map((i) => new URL(i.url).pathname)
/** The list templates whose path (for `locality`) is among `paths`: those are replayed, not mocked empty. */
const templatesIn = (lists: Record<string, string>, locality: string, paths: string[]) =>
  Object.keys(lists).filter((t) => paths.includes(`/${t.replace('{z}', locality)}`))

const byId = (resources: ResourceInput[]) => new Map(resources.map((r) => [r.id, r]))
const sid = (kind: string, id: string) => `scaleway:${kind}:${id}`
const PN = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'

describe('scaleway collector', () => {
  it('lists every product of a zone and a region over all pages, with dependencies', async () => {
    await mockEstate()
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => [s.scope, s.status, s.count])).toEqual([
      ['fr-par-1', 'complete', 106],
      ['fr-par', 'complete', 10],
      ['global', 'complete', 1],
    ])
    const resources = byId(result.resources)
    // Instance API paging (X-Total-Count) and page_size paging (total_count: 102 over two pages).
    expect(result.resources.filter((r) => r.type === 'scaleway:instance-server')).toHaveLength(2)
    expect(result.resources.filter((r) => r.type === 'scaleway:block-volume')).toHaveLength(102)

    const api = resources.get(sid('instance-server', '11111111-2a3b-4c5d-8e6f-7a8b9c0d1e2f'))!
    expect(api).toMatchObject({
      region: 'fr-par-1',
      account: 'a3f2e1d0-7b6c-4d5e-8f9a-0b1c2d3e4f5a',
      tags: {env: 'prod', team: 'platform', managed: ''},
      attributes: {type: 'PRO2-S', image: 'Ubuntu 24.04 Noble Numbat'},
      dependsOn: [sid('private-network', PN)],
    })
    expect(resources.get(sid('block-volume', '44444444-5d6e-4f7a-9b8c-0d1e2f3a4b5c'))).toMatchObject({
      sizeGiB: 18.63,
      dependsOn: [sid('instance-server', '11111111-2a3b-4c5d-8e6f-7a8b9c0d1e2f')],
    })
    expect(resources.get(sid('instance-volume', '33333333-4c5d-4e6f-8a7b-9c0d1e2f3a4b'))!.dependsOn).toEqual([
      sid('instance-server', '22222222-3b4c-4d5e-9f6a-8b9c0d1e2f3a'),
    ])
    expect(resources.get(sid('rdb-instance', '99999999-0c1d-4e2f-8a3b-5c6d7e8f9a0b'))).toMatchObject({
      attributes: {engine: 'PostgreSQL-16', nodeType: 'db-pro2-xs', ha: true},
      sizeGiB: 46.57,
      dependsOn: [sid('private-network', PN)],
    })
    expect(resources.get(sid('k8s-cluster', 'aaaaaaaa-1d2e-4f3a-9b4c-6d7e8f9a0b1c'))).toMatchObject({
      attributes: {version: '1.31.2', kind: 'kapsule', cni: 'cilium'},
      dependsOn: [sid('private-network', PN)],
    })
    expect(resources.get(sid('private-network', PN))!.dependsOn).toEqual([sid('vpc', '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b')])
    // A function has no project of its own: it comes from its namespace.
    expect(resources.get(sid('function', 'bbbbbbbb-2e3f-4a4b-8c5d-7e8f9a0b1c2d'))).toMatchObject({
      account: 'c7d8e9f0-1a2b-4c3d-9e4f-5a6b7c8d9e0f',
      attributes: {runtime: 'node22'},
      dependsOn: [sid('function-namespace', '66666666-7f8a-4b9c-9d0e-2f3a4b5c6d7e'), sid('private-network', PN)],
    })
    expect(resources.get(sid('function-namespace', '66666666-7f8a-4b9c-9d0e-2f3a4b5c6d7e'))!.dependsOn).toEqual([
      sid('registry-namespace', '55555555-6e7f-4a8b-8c9d-1e2f3a4b5c6d'),
    ])
    expect(resources.get(sid('container', 'cccccccc-3f4a-4b5c-9d6e-8f9a0b1c2d3e'))!.dependsOn).toEqual([
      sid('container-namespace', '77777777-8a9b-4c0d-8e1f-3a4b5c6d7e8f'),
    ])
    expect(resources.get(sid('domain-zone', 'shop.example.eu'))).toMatchObject({region: 'global'})
    expect(resources.has(sid('secret', 'dddddddd-4a5b-4c6d-8e7f-9a0b1c2d3e4f'))).toBe(true)
  })

  it('retries a throttled page after Retry-After without skipping it', async () => {
    nock(API)
      .get('/block/v1/zones/fr-par-1/volumes')
      .query({page_size: '100', page: '2'})
      .reply(429, await fixture('error-too-many-requests.json'), {'Retry-After': '3'})
    await mockEstate()
    const {ctx, clock} = context({concurrency: 2})
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toContain(3000)
    expect(result.resources.filter((r) => r.type === 'scaleway:block-volume')).toHaveLength(102)
    expect(result.sources.every((s) => s.status === 'complete')).toBe(true)
  })

  it('reports a rejected key as nothing readable (exit code 4) without sending the rest', async () => {
    nock(API)
      .get('/instance/v1/zones/fr-par-1/servers')
      .query(true)
      .reply(401, await fixture('error-denied-authentication.json'))
    const {ctx} = context({concurrency: 1})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(4)
    expect(error.message).toMatch(/rejected the credentials: authentication is denied/)
    expect(error.message).not.toContain(SECRET)
  })

  it('keeps the other zones and regions when one zone is denied', async () => {
    await mockEstate()
    const denied = await fixture('error-permissions-denied.json')
    for (const template of Object.keys(ZONE_LISTS))
      nock(API)
        .get(`/${template.replace('{z}', 'nl-ams-1')}`)
        .query(true)
        .reply(403, denied)
    const {ctx} = context({options: {scaleway: {zones: ['fr-par-1', 'nl-ams-1'], regions: ['fr-par']}}})
    const result = await collector.collect(ctx)
    const ams = result.sources.find((s) => s.scope === 'nl-ams-1')!
    expect(ams).toMatchObject({status: 'failed', count: 0})
    expect(ams.error).toMatch(/^5 of 5 lists failed; the first: .*denied permission: insufficient permissions/)
    expect(result.sources.find((s) => s.scope === 'fr-par-1')).toMatchObject({status: 'complete', count: 106})
  })

  it('marks a region partial when a page is malformed, keeping its other lists', async () => {
    await mockEstate(['k8s/v1/regions/{z}/clusters'])
    nock(API)
      .get('/k8s/v1/regions/fr-par/clusters')
      .query(true)
      .reply(200, {clusters: {id: 'not-a-list'}, total_count: 1})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    const region = result.sources.find((s) => s.scope === 'fr-par')!
    expect(region).toMatchObject({status: 'partial', count: 9})
    expect(region.error).toMatch(/^kubernetes clusters: .*without a "clusters" list/)
  })

  it('retries a 5xx and recovers', async () => {
    nock(API).get('/vpc/v2/regions/fr-par/vpcs').query(true).reply(502, '<html>502 Bad Gateway</html>')
    await mockEstate()
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)
    expect(result.sources.find((s) => s.scope === 'fr-par')!.status).toBe('complete')
    expect(clock.sleeps).toHaveLength(1)
  })

  it('notes a product that a zone does not offer instead of failing the zone', async () => {
    await mockLocality(ZONE_LISTS, 'pl-waw-3', {}, ['redis/v1/zones/{z}/clusters'])
    nock(API)
      .get('/redis/v1/zones/pl-waw-3/clusters')
      .query(true)
      .reply(404, await fixture('error-not-found.json'))
    await mockDnsZones()
    await mockLocality(REGION_LISTS, 'fr-par')
    const {ctx} = context({options: {scaleway: {zones: 'pl-waw-3', regions: 'fr-par'}}})
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({
      scope: 'pl-waw-3',
      status: 'complete',
      warnings: ['redis clusters are not offered in pl-waw-3.'],
    })
  })

  it('rejects an invalid zone option', async () => {
    const {ctx} = context({options: {scaleway: {zones: ['fr-par-1', 'mars-1']}}})
    await expect(collector.collect(ctx)).rejects.toThrow(/a Scaleway zone looks like fr-par-1/)
  })

  it('reads the scw config profile, honours SCW_API_URL, and lists buckets with SigV4', async () => {
    const home = await mkdtemp(join(tmpdir(), 'exitready-scw-'))
    const config = join(home, 'config.yaml')
    await writeFile(
      config,
      [
        'access_key: SCWXXXXXXXXXXXXXXXXX',
        'secret_key: 11111111-1111-4111-8111-111111111111',
        'default_region: fr-par',
        'active_profile: prod',
        'profiles:',
        '  prod:',
        '    access_key: SCWPRODACCESSKEY0001',
        `    secret_key: ${SECRET}`,
        '    default_project_id: a3f2e1d0-7b6c-4d5e-8f9a-0b1c2d3e4f5a',
        '    default_organization_id: 5b2a9c7e-3f41-4e0a-9d1c-7a8b6c5d4e3f',
      ].join('\n'),
    )
    const env = {SCW_CONFIG_PATH: config, SCW_API_URL: 'http://scw.mock.test'}
    expect(await collector.detect({env, options: {}})).toEqual({available: true, via: 'scw config profile "prod"'})
    for (const [lists, locality] of [
      [ZONE_LISTS, 'fr-par-1'],
      [REGION_LISTS, 'fr-par'],
    ] as const)
      for (const [template, key] of Object.entries(lists))
        nock('http://scw.mock.test')
          .matchHeader('x-auth-token', SECRET)
          .get(`/${template.replace('{z}', locality)}`)
          .query(true)
          .reply(200, {[key]: [], total_count: 0})
    nock('http://scw.mock.test').get('/domain/v2beta1/dns-zones').query(true).reply(200, {dns_zones: [], total_count: 0})
    nock('https://s3.fr-par.scw.cloud')
      .matchHeader('authorization', /^AWS4-HMAC-SHA256 Credential=SCWPRODACCESSKEY0001\/20261128\/fr-par\/s3\/aws4_request, /)
      .get('/')
      .reply(200, await readFile(join(FIXTURES, 'list-buckets-fr-par.xml'), 'utf8'), {'content-type': 'application/xml'})
    const {ctx} = context({env})
    const result = await collector.collect(ctx)
    expect(result.resources).toEqual([
      {
        id: 'scaleway:object-bucket:orders-exports',
        provider: 'scaleway',
        type: 'scaleway:object-bucket',
        name: 'orders-exports',
        region: 'fr-par',
        account: 'a3f2e1d0-7b6c-4d5e-8f9a-0b1c2d3e4f5a',
        tags: {},
        source: 'scan:scaleway',
      },
    ])
  })

  it('scans every zone and region scaleway-sdk-go knows, Milan included, when none is named', async () => {
    // Recorded by scaleway-sdk-go: ListServers in all ten zones, one server in it-mil-1.
    const servers = await recorded('sdk-go-list-server-multiple-zones.json')
    replay(servers)
    for (const zone of PUBLIC_ZONES) await mockLocality(ZONE_LISTS, zone, {}, templatesIn(ZONE_LISTS, zone, pathsOf(servers)))
    for (const region of PUBLIC_REGIONS) await mockLocality(REGION_LISTS, region)
    await mockDnsZones()
    const {ctx} = context({options: {}})
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => s.scope)).toEqual([...PUBLIC_ZONES, ...PUBLIC_REGIONS, 'global'])
    expect(PUBLIC_ZONES).toContain('it-mil-1')
    expect(PUBLIC_REGIONS).toContain('it-mil')
    expect(result.sources.every((s) => s.status === 'complete')).toBe(true)
    expect(result.resources.find((r) => r.id === sid('instance-server', 'a941bd74-da1a-4b67-9c71-d81d9e822598'))).toEqual({
      id: sid('instance-server', 'a941bd74-da1a-4b67-9c71-d81d9e822598'),
      provider: 'scaleway',
      type: 'scaleway:instance-server',
      name: 'cli-srv-focused-booth',
      region: 'it-mil-1',
      account: '951df375-e094-4d26-97c1-ba548eeb9c42',
      tags: {},
      attributes: {
        type: 'BASIC3-X2C-4G',
        image: 'Ubuntu 22.04 Jammy Jellyfish',
        arch: 'x86_64',
        volumeIds: ['28016e62-690d-4b8f-b04b-8f77190daba7'],
      },
      source: 'scan:scaleway',
    })
    expect(result.resources.filter((r) => r.type === 'scaleway:instance-server')).toHaveLength(12)
  })

  it('maps the lists the Scaleway CLI recorded around one private network', async () => {
    const estate = [
      ...(await recorded('cli-get-private-network-multiple.json')),
      ...(await recorded('cli-image-list-simple-namespaces.json')),
      ...(await recorded('cli-function-deploy-simple.json')),
      ...(await recorded('sdk-go-list-container-namespace-multiple-regions.json')).filter((i) => i.url.includes('/fr-par/')),
    ].filter((i) => !i.url.includes('/fr-par-3/'))
    replay(estate)
    for (const zone of ['fr-par-1', 'fr-par-2'])
      await mockLocality(ZONE_LISTS, zone, {}, templatesIn(ZONE_LISTS, zone, pathsOf(estate)))
    await mockLocality(REGION_LISTS, 'fr-par', {}, templatesIn(REGION_LISTS, 'fr-par', pathsOf(estate)))
    await mockDnsZones()
    const {ctx} = context({options: {scaleway: {zones: ['fr-par-1', 'fr-par-2'], regions: ['fr-par']}}})
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => [s.scope, s.status, s.count])).toEqual([
      ['fr-par-1', 'complete', 3],
      ['fr-par-2', 'complete', 1],
      ['fr-par', 'complete', 7],
      ['global', 'complete', 0],
    ])
    const resources = byId(result.resources)
    const pn = sid('private-network', '5eefe2f9-f3cb-46dc-80f6-f446641cc296')
    expect(resources.get(sid('instance-server', 'b532ddb2-60b8-4936-af03-67f577bbac27'))).toMatchObject({
      region: 'fr-par-1',
      account: '4d333544-41be-4b0b-8907-0b9036859747',
      attributes: {type: 'DEV1-S', image: 'Ubuntu 20.04 Focal Fossa'},
      dependsOn: [pn],
    })
    expect(resources.get(sid('rdb-instance', 'e94a4ad4-1b5c-4834-a8ce-f11d6257ed0c'))).toMatchObject({
      attributes: {engine: 'PostgreSQL-17', nodeType: 'db-dev-s', volumeType: 'lssd'},
      sizeGiB: 4.66,
      dependsOn: [pn],
    })
    expect(resources.get(sid('k8s-cluster', '94d33985-c52c-45aa-b16b-0193b3ac1273'))).toMatchObject({
      attributes: {version: '1.35.3', kind: 'kapsule-dedicated-4', cni: 'cilium'},
      tags: {'terraform-test': '', scaleway_k8s_cluster: '', 'type-change': ''},
      dependsOn: [sid('private-network', '900af106-ca06-437f-b0b8-1d60b22b17d5')],
    })
    expect(resources.get(sid('k8s-cluster', '311b9e70-b656-4d76-a03f-796e996dd3d9'))!.dependsOn).toBeUndefined()
    expect(resources.get(sid('redis-cluster', 'cdd4ca4d-7ab0-4741-921f-8ea42a5b100b'))).toMatchObject({
      region: 'fr-par-2',
      attributes: {engine: 'redis', version: '8.6.3', nodeType: 'RED1-XS', clusterSize: 1},
    })
    expect(result.resources.filter((r) => r.type === 'scaleway:lb').map((r) => r.attributes)).toEqual([
      {type: 'lb-s'},
      {type: 'lb-s'},
    ])
    expect(result.resources.filter((r) => r.type === 'scaleway:registry-namespace')).toHaveLength(2)
    expect(result.resources.filter((r) => r.type === 'scaleway:function-namespace')).toHaveLength(1)
  })

  it('keeps page 1 when page 2 keeps failing, and marks the zone partial with the reason', async () => {
    await mockEstate(['block/v1/zones/{z}/volumes'])
    nock(API)
      .get('/block/v1/zones/fr-par-1/volumes')
      .query({page_size: '100', page: '1'})
      .reply(200, await fixture('block-volumes-page1.json'))
    nock(API)
      .get('/block/v1/zones/fr-par-1/volumes')
      .query({page_size: '100', page: '2'})
      .times(5)
      .reply(503, {message: 'internal error'}, {'Retry-After': '1'})
    const {ctx, clock} = context({concurrency: 1})
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000])
    const zone = result.sources.find((s) => s.scope === 'fr-par-1')!
    expect(zone).toMatchObject({status: 'partial', count: 104})
    expect(zone.error).toMatch(/^block volumes: stopped after 1 page\(s\) and 100 item\(s\): .*answered HTTP 503: internal error/)
    expect(result.resources.filter((r) => r.type === 'scaleway:block-volume')).toHaveLength(100)
  })

  it('stops a list that announces more items but returns an empty page, and says why', async () => {
    await mockEstate(['block/v1/zones/{z}/volumes'])
    const page1 = await fixture('block-volumes-page1.json')
    nock(API)
      .get('/block/v1/zones/fr-par-1/volumes')
      .query({page_size: '100', page: '1'})
      .reply(200, {...page1, total_count: 250})
    nock(API)
      .get('/block/v1/zones/fr-par-1/volumes')
      .query({page_size: '100', page: '2'})
      .reply(200, {volumes: [], total_count: 250})
    const {ctx} = context()
    const result = await collector.collect(ctx)
    const zone = result.sources.find((s) => s.scope === 'fr-par-1')!
    expect(zone.status).toBe('partial')
    expect(zone.error).toMatch(
      /^block volumes: the API returned an empty page that still named a next page; stopped after 2 page\(s\)/,
    )
  })

  it('fails a product that answers 404 where the SDK says it is offered, instead of hiding it', async () => {
    await mockEstate(['lb/v1/zones/{z}/lbs'])
    nock(API)
      .get('/lb/v1/zones/fr-par-1/lbs')
      .query(true)
      .reply(404, await fixture('error-not-found.json'))
    const {ctx} = context()
    const result = await collector.collect(ctx)
    const zone = result.sources.find((s) => s.scope === 'fr-par-1')!
    expect(zone).toMatchObject({status: 'partial'})
    expect(zone.error).toMatch(/^load balancers: .*answered HTTP 404: resource is not found/)
    expect(zone.warnings).toBeUndefined()
  })

  it('fails a zone the user named that the API does not know', async () => {
    for (const template of Object.keys(ZONE_LISTS))
      nock(API)
        .get(`/${template.replace('{z}', 'fr-par-9')}`)
        .query(true)
        .reply(400, await fixture('recorded/error-unknown-zone.json'))
    await mockLocality(REGION_LISTS, 'fr-par')
    await mockDnsZones()
    const {ctx} = context({options: {scaleway: {zones: ['fr-par-9'], regions: ['fr-par']}}})
    const result = await collector.collect(ctx)
    const zone = result.sources.find((s) => s.scope === 'fr-par-9')!
    expect(zone.status).toBe('failed')
    expect(zone.error).toMatch(/^5 of 5 lists failed; the first: .*answered HTTP 400: Unknown zone in path/)
  })
})

describe('scaleway spec', () => {
  it('declares the zone and region lists and validates their shape before any request', () => {
    expect(spec.flags.map((f) => [f.name, f.option, f.kind])).toEqual([
      ['scaleway-zones', 'zones', 'list'],
      ['scaleway-regions', 'regions', 'list'],
    ])
    expect(spec.flags[0]!.description).toContain('it-mil-1')
    const raw = providerOptionsFromFlags([spec], {'scaleway-zones': ['it-mil-1', 'fr-par-1 '], 'scaleway-regions': ['it-mil']})
    expect(validateProviderOptions([spec], raw)).toEqual({scaleway: {zones: ['it-mil-1', 'fr-par-1'], regions: ['it-mil']}})
    expect(() => validateProviderOptions([spec], {scaleway: {regions: 'fr-par,milan'}})).toThrow(
      /--scaleway-regions \(value 2\): a Scaleway region looks like fr-par/,
    )
    expect(spec.rateLimits).toMatch(/unconfirmed/)
  })
})
