import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import nock from 'nock'
import {afterEach, describe, expect, it} from 'vitest'
import {endpointOptions, RequestWindow} from '../../src/collectors/gcp/client.js'
import {resolveScopes} from '../../src/collectors/gcp/collect.js'
import {collector} from '../../src/collectors/gcp/index.js'
import {spec} from '../../src/collectors/gcp/spec.js'
import type {CollectContext, ProgressSink} from '../../src/collectors/types.js'
import {ExitCode, ExitreadyError, InputError} from '../../src/errors.js'
import type {SourceStatus} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const API = 'https://cloudasset.googleapis.com'
const ORG = 'organizations/584739201657'
const DATA = 'projects/acme-data-prod'
const TOKEN = 'ya29.a0AcM612xTestAccessTokenForFixtures'
const JSON_TYPE = {'content-type': 'application/json; charset=UTF-8'}

const dirs: string[] = []
function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exitready-gcp-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
})

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/gcp/${name}`, import.meta.url), 'utf8'))
}
function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/gcp/${name}`, import.meta.url), 'utf8')
}
const TOKEN_2 = fixture('search-org-page-1.json').nextPageToken as string
const TOKEN_3 = fixture('search-org-page-2.json').nextPageToken as string

/** One searchAllResources page request: the SDK adds `$alt=json;enum-encoding=int`, so match on a function. */
function search(scope: string, pageToken?: string) {
  return nock(API, {reqheaders: {authorization: `Bearer ${TOKEN}`}})
    .get(`/v1/${scope}:searchAllResources`)
    .query((q) => q.pageSize === '500' && q.pageToken === pageToken)
}

function context(scopes: string[] = [ORG, DATA], extra: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const events: string[] = []
  const finished: SourceStatus[] = []
  const progress: ProgressSink = {
    scopeStarted: (_p, scope) => events.push(`start ${scope}`),
    scopeProgress: (_p, scope, total) => events.push(`progress ${scope} ${total}`),
    scopeFinished: (_p, status) => finished.push(status),
    warn: () => {},
  }
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {GOOGLE_OAUTH_ACCESS_TOKEN: TOKEN, HOME: emptyDir()},
    clock,
    progress,
    options: {gcp: {scopes}},
    ...extra,
  }
  return {ctx, clock, events, finished}
}

function bySource(sources: SourceStatus[]) {
  return Object.fromEntries(sources.map((s) => [s.scope, s]))
}

/** Fails instead of hanging, so "never settles" shows as a failure rather than a test timeout. */
async function settles<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the collector did not settle')), ms)
  })
  try {
    return await Promise.race([promise, hang])
  } finally {
    clearTimeout(timer)
  }
}

describe('gcp collector: detect and scopes', () => {
  it('needs credentials and a scope, and says which is missing', () => {
    const home = emptyDir()
    expect(collector.detect({env: {HOME: home}, options: {gcp: {scopes: [ORG]}}})).toMatchObject({
      available: false,
      reason: expect.stringMatching(/no Google Cloud credentials/),
    })
    expect(collector.detect({env: {HOME: home, GOOGLE_OAUTH_ACCESS_TOKEN: TOKEN}, options: {}})).toMatchObject({
      available: false,
      reason: expect.stringMatching(/no Google Cloud scope/),
    })
    expect(collector.detect({env: {HOME: home, GOOGLE_OAUTH_ACCESS_TOKEN: TOKEN}, options: {gcp: {scopes: [ORG]}}})).toEqual({
      available: true,
      via: 'GOOGLE_OAUTH_ACCESS_TOKEN',
    })
    expect(
      collector.detect({
        env: {HOME: home, GOOGLE_APPLICATION_CREDENTIALS: '/k.json', GOOGLE_CLOUD_PROJECT: 'acme-web-prod'},
        options: {},
      }),
    ).toEqual({available: true, via: 'GOOGLE_APPLICATION_CREDENTIALS'})
  })

  it('finds gcloud application-default credentials and the project of the active gcloud configuration', () => {
    const config = emptyDir()
    const env = {HOME: emptyDir(), CLOUDSDK_CONFIG: config}
    writeFileSync(join(config, 'application_default_credentials.json'), '{"type": "authorized_user"}')
    mkdirSync(join(config, 'configurations'))
    writeFileSync(join(config, 'active_config'), 'work\n')
    writeFileSync(join(config, 'configurations', 'config_work'), '[core]\naccount = ana@acme.example\nproject = acme-web-prod\n')
    expect(collector.detect({env, options: {}})).toEqual({available: true, via: 'gcloud application-default login'})
    expect(resolveScopes(undefined, env)).toEqual(['projects/acme-web-prod'])
    expect(resolveScopes(undefined, {...env, CLOUDSDK_CORE_PROJECT: 'acme-data-prod'})).toEqual([DATA])
    expect(resolveScopes({scopes: [ORG, ORG, 'folders/302918475561']}, env)).toEqual([ORG, 'folders/302918475561'])
  })

  it('rejects malformed scopes and endpoints with an input error', () => {
    expect(() => resolveScopes({scopes: ['organisations/12']}, {})).toThrow(InputError)
    expect(() => resolveScopes({scopes: ['projects/Bad_Project']}, {})).toThrow(InputError)
    expect(() => endpointOptions('http://127.0.0.1:8085/prefix')).toThrow(InputError)
    expect(endpointOptions('http://127.0.0.1:8085')).toEqual({apiEndpoint: '127.0.0.1', port: 8085, protocol: 'http'})
    expect(endpointOptions('cloudasset.example.eu')).toEqual({apiEndpoint: 'cloudasset.example.eu', port: 443, protocol: 'https'})
  })
})

describe('gcp collector: collect', () => {
  it('pages every scope concurrently and maps results to resources', async () => {
    search(ORG).reply(200, fixture('search-org-page-1.json'), JSON_TYPE)
    search(ORG, TOKEN_2).reply(200, fixture('search-org-page-2.json'), JSON_TYPE)
    search(ORG, TOKEN_3).reply(200, fixture('search-org-page-3.json'), JSON_TYPE)
    search(DATA).reply(200, fixture('search-project-data.json'), JSON_TYPE)
    const {ctx, events, finished} = context()
    const {resources, sources} = await settles(collector.collect(ctx))

    expect(resources).toHaveLength(12)
    expect(bySource(sources)).toEqual({
      [ORG]: {provider: 'gcp', scope: ORG, status: 'complete', count: 10},
      [DATA]: {provider: 'gcp', scope: DATA, status: 'complete', count: 2},
    })
    expect(finished).toHaveLength(2)
    expect(events).toEqual(
      expect.arrayContaining([`start ${ORG}`, `progress ${ORG} 3`, `progress ${ORG} 6`, `progress ${ORG} 10`]),
    )

    const find = (suffix: string) => resources.find((r) => r.id.endsWith(suffix))!
    const vm = find('/instances/web-frontend-1')
    expect(vm).toEqual({
      id: '//compute.googleapis.com/projects/acme-web-prod/zones/europe-west1-b/instances/web-frontend-1',
      provider: 'gcp',
      type: 'compute.googleapis.com/Instance',
      name: 'web-frontend-1',
      account: 'acme-web-prod',
      region: 'europe-west1-b',
      tags: {env: 'prod', team: 'web', 'cost-center': 'cc-4711'},
      // Only the attributes the catalog refines on, plus the parent; not IPs or interface names.
      attributes: {
        machineType: 'e2-standard-4',
        parentFullResourceName: '//cloudresourcemanager.googleapis.com/projects/acme-web-prod',
      },
      // The project parent is hierarchy, not a dependency; the VPC the NIC sits in is.
      dependsOn: ['//compute.googleapis.com/projects/acme-web-prod/global/networks/vpc-prod'],
      source: 'scan:gcp:cloud-asset',
    })
    expect(find('/nodePools/default-pool').dependsOn).toEqual([find('/clusters/gke-prod').id])
    expect(find('/tables/events').dependsOn).toEqual([find('/datasets/analytics').id])
    expect(find('acme-web-prod-assets').dependsOn).toEqual([
      '//cloudkms.googleapis.com/projects/acme-security/locations/europe-west1/keyRings/storage/cryptoKeys/bucket-cmek',
    ])
    const folder = find('/folders/302918475561')
    expect(folder).toMatchObject({type: 'cloudresourcemanager.googleapis.com/Folder', name: 'production', region: 'global'})
    expect(folder.dependsOn).toBeUndefined()
    // The Project result is named by its id; its `project` field gives the number the others carry.
    expect(find('cloudresourcemanager.googleapis.com/projects/acme-web-prod')).toMatchObject({
      type: 'cloudresourcemanager.googleapis.com/Project',
      account: 'acme-web-prod',
      attributes: {projectId: 'acme-web-prod'},
    })
    // Resource Manager tags, direct and inherited, are tags under their namespaced key.
    expect(find('acme-web-prod-assets').tags).toMatchObject({
      env: 'prod',
      '584739201657/data-classification': 'confidential',
    })
    expect(find('/clusters/gke-prod').tags).toMatchObject({'584739201657/criticality': 'critical'})
    // No Project result in that scope: the account stays the project number the API gave.
    expect(find('/topics/orders').account).toBe('829301746512')
  })

  it('retries a 429 and a 503 from the same page token, then goes on', async () => {
    search(ORG).reply(200, fixture('search-org-page-1.json'), JSON_TYPE)
    search(ORG, TOKEN_2).reply(429, fixture('resource-exhausted-429.json'), JSON_TYPE)
    search(ORG, TOKEN_2).reply(503, fixture('unavailable-503.json'), {...JSON_TYPE, 'retry-after': '7'})
    search(ORG, TOKEN_2).reply(200, fixture('search-org-page-2.json'), JSON_TYPE)
    search(ORG, TOKEN_3).reply(200, fixture('search-org-page-3.json'), JSON_TYPE)
    const {ctx, clock} = context([ORG])
    const {resources, sources} = await settles(collector.collect(ctx))
    expect(resources).toHaveLength(10)
    expect(sources).toEqual([{provider: 'gcp', scope: ORG, status: 'complete', count: 10}])
    // Backoff with jitter after the 429 (500–1000 ms), then the server's Retry-After after the 503.
    expect(clock.sleeps).toHaveLength(2)
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(500)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(1000)
    expect(clock.sleeps[1]).toBe(7000)
  })

  it('records PERMISSION_DENIED on one scope and keeps the other', async () => {
    search(ORG).reply(200, fixture('search-org-page-1.json'), JSON_TYPE)
    search(ORG, TOKEN_2).reply(200, fixture('search-org-page-2.json'), JSON_TYPE)
    search(ORG, TOKEN_3).reply(200, fixture('search-org-page-3.json'), JSON_TYPE)
    search(DATA).reply(403, fixture('permission-denied-403.json'), JSON_TYPE)
    const {ctx, clock} = context()
    const {resources, sources} = await settles(collector.collect(ctx))
    expect(resources).toHaveLength(10)
    expect(clock.sleeps).toEqual([])
    expect(bySource(sources)[ORG]).toMatchObject({status: 'complete', count: 10})
    expect(bySource(sources)[DATA]).toEqual({
      provider: 'gcp',
      scope: DATA,
      status: 'failed',
      count: 0,
      error:
        'resources: gcp: searchAllResources in projects/acme-data-prod denied permission: The caller does not have permission.',
    })
  })

  it('restarts a scope whose page token expired, without duplicates', async () => {
    search(ORG).times(2).reply(200, fixture('search-org-page-1.json'), JSON_TYPE)
    search(ORG, TOKEN_2).reply(400, fixture('invalid-argument-400.json'), JSON_TYPE)
    search(ORG, TOKEN_2).reply(200, fixture('search-org-page-2.json'), JSON_TYPE)
    search(ORG, TOKEN_3).reply(200, fixture('search-org-page-3.json'), JSON_TYPE)
    const {ctx} = context([ORG])
    const {resources, sources} = await settles(collector.collect(ctx))
    expect(resources).toHaveLength(10)
    expect(new Set(resources.map((r) => r.id)).size).toBe(10)
    expect(sources).toEqual([{provider: 'gcp', scope: ORG, status: 'complete', count: 10}])
  })

  it('keeps the pages before a malformed page, marks that scope partial, and keeps the other scope', async () => {
    search(ORG).reply(200, fixture('search-org-page-1.json'), JSON_TYPE)
    search(ORG, TOKEN_2).reply(200, fixtureText('malformed-page.txt'), JSON_TYPE)
    search(DATA).reply(200, fixture('search-project-data.json'), JSON_TYPE)
    const {ctx} = context()
    const {resources, sources} = await settles(collector.collect(ctx))
    expect(resources).toHaveLength(5)
    expect(bySource(sources)[ORG]).toEqual({
      provider: 'gcp',
      scope: ORG,
      status: 'partial',
      count: 3,
      error:
        'resources: stopped after 1 page(s) and 3 item(s): gcp: searchAllResources in organizations/584739201657 returned a page that is not valid JSON.',
    })
    expect(bySource(sources)[DATA]).toMatchObject({status: 'complete', count: 2})
  })

  it('exits 4 when the token is rejected for every scope', async () => {
    search(ORG).reply(401, fixture('unauthenticated-401.json'), JSON_TYPE)
    search(DATA).reply(401, fixture('unauthenticated-401.json'), JSON_TYPE)
    const {ctx} = context()
    const error = (await settles(collector.collect(ctx)).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toMatch(/rejected the credentials: Request had invalid authentication credentials/)
    expect(error.message).not.toContain(TOKEN)
  })

  it('sends no more pages once the token was rejected: one concurrency bound for the whole scan', async () => {
    search(ORG).reply(401, fixture('unauthenticated-401.json'), JSON_TYPE)
    // DATA waits for the only slot and is never sent.
    const {ctx, finished} = context([ORG, DATA], {concurrency: 1})
    const error = (await settles(collector.collect(ctx)).catch((e: unknown) => e)) as ExitreadyError
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(finished.map((s) => [s.scope, s.status])).toEqual([
      [ORG, 'failed'],
      [DATA, 'failed'],
    ])
    expect(finished[1]!.error).toMatch(/rejected the credentials/)
  })

  it('marks a scope partial when results lack a name or asset type, instead of dropping them silently', async () => {
    const page = fixture('search-project-data.json') as {results: Record<string, unknown>[]}
    const {name: _, ...nameless} = page.results[0]!
    search(DATA).reply(200, {results: [nameless, page.results[1]]}, JSON_TYPE)
    const {ctx} = context([DATA])
    const {resources, sources} = await settles(collector.collect(ctx))
    expect(resources).toHaveLength(1)
    expect(sources).toEqual([
      {
        provider: 'gcp',
        scope: DATA,
        status: 'partial',
        count: 1,
        error: 'resources: 1 result without a name or asset type could not be read.',
      },
    ])
  })

  it('fails clearly, without hanging, when credentials are missing or broken', async () => {
    // No metadata server either (METADATA_SERVER_DETECTION=none): see gcp-metadata.test.ts for the VM case.
    const none = context([ORG], {env: {HOME: emptyDir(), METADATA_SERVER_DETECTION: 'none'}})
    const missing = (await settles(collector.collect(none.ctx)).catch((e: unknown) => e)) as ExitreadyError
    expect(missing.exitCode).toBe(ExitCode.noProvider)
    expect(missing.message).toBe('GCP: no credentials found.')

    const broken = context([ORG], {env: {HOME: emptyDir(), GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/exitready-key.json'}})
    const error = (await settles(collector.collect(broken.ctx)).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toMatch(/^GCP: could not load Application Default Credentials \(.*\/nonexistent\/exitready-key\.json/)
  })
})

describe('gcp provider spec', () => {
  it('declares --gcp-scope as a list with its alias and the documented quota', () => {
    expect(spec.id).toBe('gcp')
    expect(spec.flags).toEqual([
      {
        name: 'gcp-scope',
        option: 'scopes',
        description: 'GCP scope: organizations/N, folders/N or projects/ID (repeatable).',
        kind: 'list',
        aliases: ['gcp-scopes'],
      },
    ])
    expect(spec.rateLimits).toMatch(/400 SearchAllResources requests per minute per consumer project/)
  })

  it('parses scopes given with commas or repeated, once each, and its own output to the same value', () => {
    const parsed = spec.options.parse({scopes: [`${ORG}, ${DATA}`, ORG]})
    expect(parsed).toEqual({scopes: [ORG, DATA]})
    expect(spec.options.parse(parsed)).toEqual(parsed)
    expect(spec.options.parse({})).toEqual({scopes: undefined})
    const bad = spec.options.safeParse({scopes: 'organisations/12'})
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['scopes.0', 'a scope is organizations/NUMBER, folders/NUMBER or projects/ID'],
    ])
  })
})

describe('gcp collector: pacing', () => {
  it('holds requests beyond the per-minute budget until the window moves on', async () => {
    const clock = fakeClock()
    const window = new RequestWindow(clock, {requests: 2, perMs: 60_000})
    await window.acquire()
    await clock.sleep(10_000)
    await window.acquire()
    await window.acquire()
    expect(clock.sleeps).toEqual([10_000, 50_000])
  })
})

describe('gcp collector: endpoint override', () => {
  let server: Server | undefined
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    server = undefined
  })

  it('scans a plain http://127.0.0.1 endpoint over REST', async () => {
    const seen: string[] = []
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      seen.push(
        `${req.method} ${url.pathname} ${url.searchParams.get('pageSize')} ${req.headers.authorization === `Bearer ${TOKEN}`}`,
      )
      res.writeHead(200, JSON_TYPE).end(JSON.stringify(fixture('search-project-data.json')))
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    const {ctx} = context([DATA], {endpoints: {gcp: `http://127.0.0.1:${port}`}})
    const {resources, sources} = await settles(collector.collect(ctx))
    expect(resources).toHaveLength(2)
    expect(sources).toEqual([{provider: 'gcp', scope: DATA, status: 'complete', count: 2}])
    expect(seen).toEqual(['GET /v1/projects/acme-data-prod:searchAllResources 500 true'])
  })
})
