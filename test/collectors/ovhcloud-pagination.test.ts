import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {collector} from '../../src/collectors/ovhcloud/index.js'
import type {CollectContext, ProgressSink} from '../../src/collectors/types.js'
import {fakeClock} from '../../src/util/clock.js'

/*
 * Cursor pages of the OVHcloud API: X-Pagination-Mode: CachedObjectList-Cursor and X-Pagination-Size
 * ask a list of ids for its objects a page at a time (as the OVHcloud Control Panel does for
 * /cloud/project and /dedicated/server); X-Pagination-Cursor-Next names the next page, asked for with
 * X-Pagination-Cursor (as ovh/ovhcloud-cli and terraform-provider-ovh follow it).
 */

const HOST = 'https://eu.api.ovh.com'
const FIXTURES = join(import.meta.dirname, '../../fixtures/ovhcloud')
const fixture = async (name: string) => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as Record<string, unknown>
const P = '5e1f0c6d9a2b4e3f8a7b6c5d4e3f2a1b'
const P2 = '7a8b9c0d1e2f4a3b8c7d6e5f4a3b2c1d'
const NOW = Date.parse('2026-11-28T12:00:00Z') / 1000
const ENV = {
  OVH_APPLICATION_KEY: 'EXAMPLEovhAppKey01',
  OVH_APPLICATION_SECRET: 'EXAMPLEovhAppSecret0123456789abcd',
  OVH_CONSUMER_KEY: 'EXAMPLEovhConsumerKey0123456789ab',
}
/** Signatures of GET <url> at NOW with ENV's keys, computed independently with Python hashlib. */
const SIGNED = {
  dedicated: '$1$13b8b9af1ca98cdf814102b31b9a9f2c965c8a78',
  projects: '$1$f67162833df8ea7f20e4120a3e93dfb82e8f15c7',
}
const MODE = {'x-pagination-mode': 'CachedObjectList-Cursor', 'x-pagination-size': '1000'}

function context(overrides: Partial<CollectContext> = {}) {
  const warnings: string[] = []
  const progress: ProgressSink = {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn: (_p, m) => warnings.push(m)}
  const clock = fakeClock()
  const ctx: CollectContext = {endpoints: {}, concurrency: 4, env: ENV, clock, progress, options: {}, ...overrides}
  return {ctx, clock, warnings}
}

function mockTime() {
  nock(HOST).get('/1.0/auth/time').reply(200, String(NOW), {'content-type': 'application/json'})
}

/** The first page of an aggregated list (no cursor yet), or the page a cursor names. */
function page(path: string, cursor?: string, signature?: string) {
  const scope = nock(HOST, {
    reqheaders: {...MODE, ...(cursor ? {'x-pagination-cursor': cursor} : {})},
    badheaders: cursor ? [] : ['x-pagination-cursor'],
  })
  if (signature) scope.matchHeader('x-ovh-signature', signature)
  return scope.get(`/1.0${path}`)
}

/** Every list of project P from the fixtures; the project itself is not asked for when the aggregated page carried it. */
async function mockProjectLists() {
  const base = `/1.0/cloud/project/${P}`
  const replies: [string, string][] = [
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
    nock(HOST)
      .get(`${base}${path}`)
      .reply(200, await fixture(file))
  for (const path of ['/region/SBG5/storage', '/region/SBG5/loadbalancing/loadbalancer'])
    nock(HOST)
      .get(`${base}${path}`)
      .reply(404, await fixture('error-not-found.json'))
}

describe('OVHcloud cursor pages', () => {
  it('reads projects and dedicated servers as aggregated pages, follows the cursor, and signs each page over the same URL', async () => {
    mockTime()
    const project = await fixture('project.json')
    page('/cloud/project', undefined, SIGNED.projects).reply(200, [project], {'X-Pagination-Cursor-Next': 'projects-2'})
    page('/cloud/project', 'projects-2', SIGNED.projects).reply(200, [
      {...project, project_id: P2, projectName: 'shop-staging', description: 'shop-staging'},
    ])
    await mockProjectLists()
    // P2's lists are not granted; its project object came with the page, so it is kept.
    nock(HOST)
      .get((uri) => uri.startsWith(`/1.0/cloud/project/${P2}/`))
      .times(8)
      .reply(403, await fixture('error-not-granted.json'))
    const server = await fixture('dedicated-server.json')
    page('/dedicated/server', undefined, SIGNED.dedicated).reply(200, [server], {'X-Pagination-Cursor-Next': 'servers-2'})
    page('/dedicated/server', 'servers-2', SIGNED.dedicated).reply(200, [
      {...server, name: 'ns3054321.ip-51-91-13.eu', iam: {tags: {role: 'web'}}},
    ])
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)

    expect(result.sources.map((s) => [s.scope, s.status, s.count])).toEqual([
      ['dedicated-servers', 'complete', 2],
      [P, 'complete', 12],
      [P2, 'partial', 1],
    ])
    expect(result.resources.find((r) => r.id === `ovhcloud:cloud-project:${P2}`)).toMatchObject({name: 'shop-staging'})
    expect(result.resources.find((r) => r.id === 'ovhcloud:dedicated-server:ns3054321.ip-51-91-13.eu')).toMatchObject({
      tags: {role: 'web'},
    })
    expect(clock.sleeps).toEqual([])
  })

  it('reads each item on its own when the API refuses aggregated pages (400), and says so', async () => {
    mockTime()
    page('/cloud/project').reply(200, [])
    page('/dedicated/server').reply(400, {class: 'Client::BadRequest', message: 'Invalid pagination mode'})
    nock(HOST, {badheaders: ['x-pagination-mode']})
      .get('/1.0/dedicated/server')
      .reply(200, await fixture('dedicated-servers.json'))
    nock(HOST)
      .get('/1.0/dedicated/server/ns3012345.ip-51-91-12.eu')
      .reply(200, await fixture('dedicated-server.json'))
    const {ctx, warnings} = context()
    const result = await collector.collect(ctx)
    expect(result.sources).toEqual([{provider: 'ovhcloud', scope: 'dedicated-servers', status: 'complete', count: 1}])
    expect(warnings).toEqual([
      'GET /dedicated/server refused aggregated pages (ovhcloud: GET https://eu.api.ovh.com/1.0/dedicated/server answered HTTP 400: Invalid pagination mode); reading each item on its own.',
    ])
  })

  it('keeps the pages read before a page failed after every retry: the servers partial, the project list failed', async () => {
    mockTime()
    const project = await fixture('project.json')
    page('/cloud/project').reply(200, [project], {'X-Pagination-Cursor-Next': 'projects-2'})
    page('/cloud/project', 'projects-2')
      .times(5)
      .reply(500, await fixture('error-internal.json'), {'Retry-After': '1'})
    await mockProjectLists()
    page('/dedicated/server').reply(200, [await fixture('dedicated-server.json')], {'X-Pagination-Cursor-Next': 'servers-2'})
    page('/dedicated/server', 'servers-2')
      .times(5)
      .reply(500, await fixture('error-internal.json'), {'Retry-After': '1'})
    const {ctx, clock} = context()
    const result = await collector.collect(ctx)

    const [dedicated, first, projects] = result.sources
    expect(dedicated).toMatchObject({scope: 'dedicated-servers', status: 'partial', count: 1})
    expect(dedicated!.error).toMatch(
      /^dedicated servers: stopped after 1 page\(s\) and 1 item\(s\): ovhcloud: GET https:\/\/eu\.api\.ovh\.com\/1\.0\/dedicated\/server answered HTTP 500: Internal server error\.$/,
    )
    expect(projects).toMatchObject({scope: 'cloud-projects', status: 'failed', count: 0})
    expect(projects!.error).toMatch(/^The list of projects stopped after 1 page\(s\) and 1 item\(s\)/)
    expect(first).toMatchObject({scope: P, status: 'complete', count: 12})
    expect(clock.sleeps).toEqual(Array(8).fill(1000))
  })

  it('stops a cursor that names itself again, keeping what it read', async () => {
    mockTime()
    page('/cloud/project').reply(200, [])
    page('/dedicated/server').reply(200, [await fixture('dedicated-server.json')], {'X-Pagination-Cursor-Next': 'servers-2'})
    page('/dedicated/server', 'servers-2').reply(200, [await fixture('dedicated-server.json')], {
      'X-Pagination-Cursor-Next': 'servers-2',
    })
    const result = await collector.collect(context().ctx)
    expect(result.sources).toEqual([
      {
        provider: 'ovhcloud',
        scope: 'dedicated-servers',
        status: 'partial',
        count: 2,
        error: 'dedicated servers: the API returned the same page token twice; stopped after 2 page(s).',
      },
    ])
    expect(result.resources).toHaveLength(1)
  })

  it('keeps the clusters it could read when the details of another cannot be read', async () => {
    mockTime()
    page('/cloud/project').reply(200, [P])
    const base = `/1.0/cloud/project/${P}`
    nock(HOST)
      .get(base)
      .reply(200, await fixture('project.json'))
    nock(HOST).get(`${base}/kube`).reply(200, ['9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f', '0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b'])
    nock(HOST)
      .get(`${base}/kube/9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f`)
      .reply(200, await fixture('kube-cluster.json'))
    nock(HOST)
      .get(`${base}/kube/0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b`)
      .reply(404, await fixture('error-not-found.json'))
    for (const path of [
      '/instance',
      '/volume',
      '/network/private',
      '/database/service',
      '/containerRegistry',
      '/storage',
      '/region',
    ])
      nock(HOST).get(`${base}${path}`).reply(200, [])
    page('/dedicated/server').reply(200, [])
    const result = await collector.collect(context().ctx)
    const project = result.sources.find((s) => s.scope === P)!
    expect(project).toMatchObject({status: 'partial', count: 2})
    expect(project.error).toMatch(
      /^kubernetes clusters: 1 of 2 item\(s\) could not be read; the first: ovhcloud: GET https:\/\/eu\.api\.ovh\.com\/1\.0\/cloud\/project\/[0-9a-f]+\/kube\/0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b answered HTTP 404: This service does not exist\.$/,
    )
    expect(result.resources.some((r) => r.id === 'ovhcloud:kube-cluster:9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f')).toBe(true)
  })
})
