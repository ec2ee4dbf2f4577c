import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import nock from 'nock'
import {afterEach, describe, expect, it} from 'vitest'
import {AZURE_CLOUDS, bearerAuthenticator} from '../../src/collectors/azure/auth.js'
import {collector} from '../../src/collectors/azure/index.js'
import {spec} from '../../src/collectors/azure/spec.js'
import type {CollectContext, ProgressSink} from '../../src/collectors/types.js'
import {ExitCode, ExitreadyError, InputError} from '../../src/errors.js'
import type {SourceStatus} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const ARM = 'https://management.azure.com'
const PATH = '/providers/Microsoft.ResourceGraph/resources'
const API = {'api-version': '2024-04-01'}
const PROD = '3f2a9c1e-6b8d-4e27-9a51-0c7d2b4e8f13'
const DEV = '8b1d4e7a-2c9f-4a63-b5e0-91f6d3a2c784'
const SANDBOX = 'c4e7f2a9-5d1b-4c8e-a3f6-27b9e0d51c6a'
const ALL = [PROD, DEV, SANDBOX]
const QUOTA = {
  'content-type': 'application/json; charset=utf-8',
  'x-ms-user-quota-remaining': '14',
  'x-ms-user-quota-resets-after': '00:00:05',
}

/** A JWT-shaped token that expires an hour after the fake clock's start. */
const TOKEN = [
  Buffer.from(JSON.stringify({alg: 'RS256', typ: 'JWT'})).toString('base64url'),
  Buffer.from(JSON.stringify({aud: 'https://management.azure.com', exp: Date.parse('2026-11-28T13:00:00Z') / 1000})).toString(
    'base64url',
  ),
  'c2lnbmF0dXJl',
].join('.')

type Body = {query: string; subscriptions?: string[]; managementGroups?: string[]; options: Record<string, unknown>}

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/azure/${name}`, import.meta.url), 'utf8'))
}
function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/azure/${name}`, import.meta.url), 'utf8')
}
/** The first page alone, as the answer for a batch whose resources all fit on it. */
function singlePage(name: string): Record<string, unknown> {
  const {$skipToken: _, ...page} = fixture(name)
  return page
}
const TOKEN_1 = fixture('resources-page-1.json').$skipToken as string
const TOKEN_2 = fixture('resources-page-2.json').$skipToken as string

const isDiscovery = (body: Body) => body.query.startsWith('resourcecontainers')
function resourcesPage(subscriptions: string[], skipToken?: string) {
  return (body: Body) =>
    body.query.startsWith('resources') &&
    JSON.stringify(body.subscriptions) === JSON.stringify(subscriptions) &&
    body.options.$skipToken === skipToken &&
    body.options.$top === 1000 &&
    body.options.resultFormat === 'objectArray'
}

function arm(base = ARM) {
  return nock(base, {reqheaders: {authorization: `Bearer ${TOKEN}`}})
}

function context(azure: Record<string, unknown> = {}, extra: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const events: string[] = []
  const warnings: string[] = []
  const finished: SourceStatus[] = []
  const progress: ProgressSink = {
    scopeStarted: (_p, scope) => events.push(`start ${scope}`),
    scopeProgress: (_p, scope, total) => events.push(`progress ${scope} ${total}`),
    scopeFinished: (_p, status) => finished.push(status),
    warn: (_p, message) => warnings.push(message),
  }
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {AZURE_ACCESS_TOKEN: TOKEN},
    clock,
    progress,
    options: {azure},
    ...extra,
  }
  return {ctx, clock, events, warnings, finished}
}

function bySource(sources: SourceStatus[]) {
  return Object.fromEntries(sources.map((s) => [s.scope, s]))
}

describe('azure collector: detect', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
  })
  const empty = () => {
    const dir = mkdtempSync(join(tmpdir(), 'exitready-az-'))
    dirs.push(dir)
    return dir
  }

  it('finds a bearer token, service principals and workload identity in the environment', () => {
    const none = {AZURE_CONFIG_DIR: empty()}
    expect(collector.detect({env: {...none, AZURE_ACCESS_TOKEN: 'x'}, options: {}})).toEqual({
      available: true,
      via: 'AZURE_ACCESS_TOKEN',
    })
    const principal = {...none, AZURE_CLIENT_ID: 'a', AZURE_TENANT_ID: 't'}
    expect(collector.detect({env: {...principal, AZURE_CLIENT_SECRET: 's'}, options: {}})).toMatchObject({available: true})
    expect(collector.detect({env: {...principal, AZURE_FEDERATED_TOKEN_FILE: '/var/run/token'}, options: {}})).toMatchObject({
      via: expect.stringMatching(/workload identity/),
    })
    expect(collector.detect({env: {...principal, AZURE_CLIENT_CERTIFICATE_PATH: '/c.pem'}, options: {}})).toMatchObject({
      available: true,
    })
    // A client id without a secret, certificate or token file is not a credential.
    expect(collector.detect({env: principal, options: {}})).toMatchObject({available: false})
  })

  it('finds an az CLI login (profile written with a BOM) and explains when there is none', () => {
    const dir = empty()
    expect(collector.detect({env: {AZURE_CONFIG_DIR: dir}, options: {}})).toMatchObject({
      available: false,
      reason: expect.stringMatching(/az login/),
    })
    writeFileSync(join(dir, 'azureProfile.json'), `\uFEFF${JSON.stringify({installationId: 'i', subscriptions: []})}`)
    expect(collector.detect({env: {AZURE_CONFIG_DIR: dir}, options: {}})).toMatchObject({available: false})
    writeFileSync(
      join(dir, 'azureProfile.json'),
      `\uFEFF${JSON.stringify({subscriptions: [{id: PROD, name: 'contoso-prod', state: 'Enabled', isDefault: true}]})}`,
    )
    expect(collector.detect({env: {AZURE_CONFIG_DIR: dir}, options: {}})).toEqual({available: true, via: 'Azure CLI login'})
  })
})

describe('azure collector: collect', () => {
  it('lists every visible subscription over several pages, keeping resource groups only as context', async () => {
    arm().post(PATH, isDiscovery).query(API).reply(200, fixture('subscriptions.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL)).query(API).reply(200, fixture('resources-page-1.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL, TOKEN_1)).query(API).reply(200, fixture('resources-page-2.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL, TOKEN_2)).query(API).reply(200, fixture('resources-page-3.json'), QUOTA)
    const {ctx, events, finished} = context()
    const {resources, sources} = await collector.collect(ctx)

    expect(resources).toHaveLength(15)
    expect(resources.some((r) => r.type === 'microsoft.resources/subscriptions/resourcegroups')).toBe(false)
    expect(new Set(resources.map((r) => r.id)).size).toBe(15)
    const scopes = bySource(sources)
    expect(scopes[PROD]).toMatchObject({
      status: 'complete',
      count: 9,
      warnings: ['1 resource group seen; they are containers, not resources.'],
    })
    expect(scopes[DEV]).toMatchObject({status: 'complete', count: 6, warnings: [expect.stringMatching(/^2 resource groups/)]})
    expect(scopes[SANDBOX]).toEqual({provider: 'azure', scope: SANDBOX, status: 'complete', count: 0})
    expect(finished.map((s) => s.scope).sort()).toEqual([...ALL].sort())
    expect(events).toEqual(
      expect.arrayContaining([`start ${PROD}`, `progress ${PROD} 4`, `progress ${PROD} 9`, `progress ${DEV} 6`]),
    )

    const find = (suffix: string) => resources.find((r) => r.id.endsWith(suffix))!
    const vm = find('/virtualMachines/vm-shop-web-01')
    expect(vm).toMatchObject({
      provider: 'azure',
      type: 'microsoft.compute/virtualmachines',
      name: 'vm-shop-web-01',
      account: PROD,
      region: 'westeurope',
      tags: {env: 'prod', costCenter: '4711', owner: 'shop-team'},
      source: 'scan:azure:resource-graph',
      attributes: {
        vmSize: 'Standard_D4s_v5',
        osType: 'Linux',
        imagePublisher: 'Canonical',
        zones: '1',
        resourceGroup: 'rg-shop-prod',
      },
    })
    // References in other casing are aligned with the ids as listed, so the graph can join them.
    const osDisk = find('_OsDisk_1_9f1c2d7e4b6a4f0e8c3d5a7b9e1f2c4d')
    const dataDisk = find('/disks/vm-shop-web-01-data-0')
    const nic = find('/networkInterfaces/vm-shop-web-01-nic')
    expect(vm.dependsOn).toEqual([osDisk.id, dataDisk.id, nic.id])
    expect(osDisk).toMatchObject({sizeGiB: 64, attributes: {sku: 'Premium_LRS', skuTier: 'Premium', osType: 'Linux'}})
    expect(dataDisk.sizeGiB).toBe(256)
    const vnet = find('/virtualNetworks/vnet-shop-prod')
    expect(nic.dependsOn).toEqual([
      vnet.id,
      find('/publicIPAddresses/pip-shop-web-01').id,
      find('/networkSecurityGroups/nsg-shop-web').id,
    ])
    expect(nic.attributes?.subnetIds).toEqual([`${vnet.id}/subnets/snet-web`])
    expect(find('/flexibleServers/psql-shop-prod')).toMatchObject({
      sizeGiB: 128,
      attributes: {version: '16', sku: 'Standard_D2ds_v5', skuTier: 'GeneralPurpose'},
    })
    expect(find('/storageAccounts/stshopprodweu01').attributes).toMatchObject({kind: 'StorageV2', isHnsEnabled: true})
    const site = find('/sites/app-platform-api-dev')
    expect(site.attributes).toMatchObject({kind: 'app,linux'})
    expect(site.dependsOn).toEqual([find('/serverFarms/asp-platform-dev').id])
    expect(find('/databaseAccounts/cosmos-platform-dev').attributes).toMatchObject({
      kind: 'MongoDB',
      capabilities: 'EnableMongo,EnableServerless',
      mongoServerVersion: '4.2',
    })
    expect(find('/namespaces/evhns-platform-dev').attributes).toMatchObject({kafkaEnabled: true, sku: 'Standard'})
    expect(find('/databases/sqldb-orders').dependsOn).toEqual([find('/servers/sql-platform-dev').id])
  })

  it('retries a 429 that has no Retry-After after x-ms-user-quota-resets-after, from the same skip token', async () => {
    arm().post(PATH, resourcesPage(ALL)).query(API).reply(200, fixture('resources-page-1.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL, TOKEN_1)).query(API).reply(429, fixture('throttled-429.json'), {
      'content-type': 'application/json; charset=utf-8',
      'x-ms-user-quota-remaining': '0',
      'x-ms-user-quota-resets-after': '00:00:03',
    })
    arm().post(PATH, resourcesPage(ALL, TOKEN_1)).query(API).reply(200, fixture('resources-page-2.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL, TOKEN_2)).query(API).reply(200, fixture('resources-page-3.json'), QUOTA)
    const {ctx, clock} = context({subscriptions: ALL})
    const {resources, sources} = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([3000])
    expect(resources).toHaveLength(15)
    expect(sources.every((s) => s.status === 'complete')).toBe(true)
  })

  it('pauses before the next query when the quota is used up, so no 429 happens', async () => {
    arm()
      .post(PATH, resourcesPage(ALL))
      .query(API)
      .reply(200, fixture('resources-page-1.json'), {
        ...QUOTA,
        'x-ms-user-quota-remaining': '0',
        'x-ms-user-quota-resets-after': '00:00:02',
      })
    arm().post(PATH, resourcesPage(ALL, TOKEN_1)).query(API).reply(200, fixture('resources-page-2.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL, TOKEN_2)).query(API).reply(200, fixture('resources-page-3.json'), QUOTA)
    const {ctx, clock} = context({subscriptions: ALL})
    await collector.collect(ctx)
    expect(clock.sleeps).toEqual([2000])
  })

  it('recovers from a 5xx with backoff', async () => {
    arm()
      .post(PATH, isDiscovery)
      .query(API)
      .reply(503, fixture('service-unavailable-503.json'), {'content-type': 'application/json'})
    arm().post(PATH, isDiscovery).query(API).reply(200, fixture('subscriptions.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL)).query(API).reply(200, singlePage('resources-page-1.json'), QUOTA)
    const {ctx, clock} = context()
    const {resources, sources} = await collector.collect(ctx)
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(250)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(500)
    expect(resources).toHaveLength(4)
    expect(bySource(sources)[PROD]).toMatchObject({status: 'complete', count: 4})
  })

  it('isolates a subscription the identity may not read and keeps the others', async () => {
    const denied = {'content-type': 'application/json; charset=utf-8'}
    arm()
      .post(PATH, resourcesPage([PROD, DEV]))
      .query(API)
      .reply(403, fixture('authorization-failed.json'), denied)
    arm()
      .post(PATH, resourcesPage([PROD]))
      .query(API)
      .reply(200, singlePage('resources-page-1.json'), QUOTA)
    arm()
      .post(PATH, resourcesPage([DEV]))
      .query(API)
      .reply(403, fixture('authorization-failed.json'), denied)
    const {ctx, clock} = context({subscriptions: [PROD, DEV.toUpperCase()]})
    const {resources, sources} = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([])
    expect(resources).toHaveLength(4)
    expect(resources.every((r) => r.account === PROD)).toBe(true)
    const scopes = bySource(sources)
    expect(scopes[PROD]).toMatchObject({status: 'complete', count: 4})
    expect(scopes[DEV]).toMatchObject({status: 'failed', count: 0})
    expect(scopes[DEV]!.error).toMatch(
      new RegExp(
        `denied permission: The identity used for the scan does not have authorization .* over scope '/subscriptions/${DEV}'\\.$`,
      ),
    )
    expect(scopes[DEV]!.error).not.toMatch(/scanner@contoso\.com|d1c5e8a2/)
  })

  it('batches fewer than 300 subscriptions per query, and a malformed page fails only its own batch', async () => {
    const many = Array.from({length: 299}, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    arm()
      .post(PATH, resourcesPage(many))
      .query(API)
      .reply(200, fixtureText('malformed-page.txt'), {'content-type': 'application/json; charset=utf-8'})
    arm()
      .post(PATH, resourcesPage([PROD]))
      .query(API)
      .reply(200, singlePage('resources-page-1.json'), QUOTA)
    const {ctx} = context({subscriptions: [...many, PROD]})
    const {resources, sources} = await collector.collect(ctx)
    expect(sources).toHaveLength(300)
    const failed = sources.filter((s) => s.status === 'failed')
    expect(failed).toHaveLength(299)
    expect(failed[0]!.error).toMatch(/not valid JSON/)
    expect(bySource(sources)[PROD]).toMatchObject({status: 'complete', count: 4})
    expect(resources).toHaveLength(4)
  })

  it('keeps the pages read before a malformed page and marks those subscriptions partial', async () => {
    arm().post(PATH, resourcesPage(ALL)).query(API).reply(200, fixture('resources-page-1.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL, TOKEN_1)).query(API).reply(200, {count: 5, totalRecords: 15}, QUOTA)
    const {ctx} = context({subscriptions: ALL})
    const {resources, sources} = await collector.collect(ctx)
    expect(resources).toHaveLength(4)
    const scopes = bySource(sources)
    expect(scopes[PROD]).toMatchObject({status: 'partial', count: 4, error: expect.stringMatching(/without a "data" array/)})
    expect(scopes[DEV]).toMatchObject({status: 'failed', count: 0})
  })

  it('restarts a batch whose skip token expired, without duplicates', async () => {
    arm().post(PATH, resourcesPage(ALL)).query(API).times(2).reply(200, fixture('resources-page-1.json'), QUOTA)
    arm()
      .post(PATH, resourcesPage(ALL, TOKEN_1))
      .query(API)
      .reply(400, fixture('invalid-skip-token-400.json'), {'content-type': 'application/json'})
    arm().post(PATH, resourcesPage(ALL, TOKEN_1)).query(API).reply(200, fixture('resources-page-2.json'), QUOTA)
    arm().post(PATH, resourcesPage(ALL, TOKEN_2)).query(API).reply(200, fixture('resources-page-3.json'), QUOTA)
    const {ctx} = context({subscriptions: ALL})
    const {resources, sources} = await collector.collect(ctx)
    expect(resources).toHaveLength(15)
    expect(new Set(resources.map((r) => r.id)).size).toBe(15)
    expect(bySource(sources)[PROD]).toMatchObject({status: 'complete', count: 9})
  })

  it('exits 4 when the credentials are rejected everywhere', async () => {
    arm()
      .post(PATH, isDiscovery)
      .query(API)
      .reply(401, fixture('invalid-authentication-token-401.json'), {'content-type': 'application/json'})
    const {ctx} = context()
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error).toBeInstanceOf(ExitreadyError)
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toMatch(/rejected the credentials: The access token is invalid/)
    expect(error.message).not.toContain(TOKEN)
    expect(error.suggestion).toMatch(/token is current/)
  })

  it('exits 4 and suggests the Reader role when the identity sees no subscription', async () => {
    arm()
      .post(PATH, isDiscovery)
      .query(API)
      .reply(200, {totalRecords: 0, count: 0, data: [], facets: [], resultTruncated: 'false'}, QUOTA)
    const {ctx} = context()
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toBe('Azure: the identity can see no subscription.')
    expect(error.suggestion).toMatch(/Reader role/)
  })

  it('exits 4 without a request when AZURE_ACCESS_TOKEN has expired', async () => {
    const {ctx} = context({}, {clock: fakeClock(Date.parse('2026-11-28T14:00:00Z'))})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toMatch(/AZURE_ACCESS_TOKEN expired at 2026-11-28T13:00:00.000Z/)
  })

  it('warns, and records the scan as partial, when the tenant has more than 10,000 subscriptions', async () => {
    arm()
      .post(PATH, isDiscovery)
      .query(API)
      .reply(200, fixture('subscriptions.json'), {...QUOTA, 'x-ms-tenant-subscription-limit-hit': 'true'})
    arm().post(PATH, resourcesPage(ALL)).query(API).reply(200, singlePage('resources-page-1.json'), QUOTA)
    const {ctx, warnings} = context()
    const {sources} = await collector.collect(ctx)
    expect(warnings).toEqual([expect.stringMatching(/More than 10,000 subscriptions/)])
    expect(bySource(sources).tenant).toMatchObject({status: 'partial', count: 0})
  })

  it('scopes discovery to management groups', async () => {
    const devOnly = {...fixture('subscriptions.json'), count: 1, data: [(fixture('subscriptions.json').data as unknown[])[1]]}
    arm()
      .post(
        PATH,
        (body: Body) =>
          isDiscovery(body) &&
          JSON.stringify(body.managementGroups) === '["mg-contoso-platform"]' &&
          body.options.allowPartialScopes === true,
      )
      .query(API)
      .reply(200, devOnly, QUOTA)
    const {$skipToken: _, ...page3} = fixture('resources-page-3.json')
    arm()
      .post(PATH, resourcesPage([DEV]))
      .query(API)
      .reply(200, page3, QUOTA)
    const {ctx} = context({managementGroups: ['mg-contoso-platform']})
    const {resources, sources} = await collector.collect(ctx)
    expect(resources).toHaveLength(6)
    expect(sources.map((s) => s.scope)).toEqual([DEV])
  })

  it('sends no more queries once the credentials were rejected: one concurrency bound for the whole scan', async () => {
    const many = Array.from({length: 299}, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    arm()
      .post(PATH, resourcesPage(many))
      .query(API)
      .reply(401, fixture('invalid-authentication-token-401.json'), {'content-type': 'application/json'})
    // The second batch ([PROD]) waits for the only slot and is never sent.
    const {ctx, finished} = context({subscriptions: [...many, PROD]}, {concurrency: 1})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as ExitreadyError
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toMatch(
      /^Azure: nothing could be read \(resources: .*rejected the credentials: The access token is invalid\)\.$/,
    )
    expect(error.suggestion).toMatch(/token is current/)
    expect(finished).toHaveLength(300)
    expect(finished.every((s) => s.status === 'failed')).toBe(true)
  })

  it('uses the sovereign cloud ARM endpoint', async () => {
    arm('https://management.chinacloudapi.cn')
      .post(PATH, resourcesPage([PROD]))
      .query(API)
      .reply(200, singlePage('resources-page-1.json'), QUOTA)
    const {ctx} = context({subscriptions: [PROD], cloud: 'china'})
    const {resources} = await collector.collect(ctx)
    expect(resources).toHaveLength(4)
  })

  it('rejects malformed options with an input error', async () => {
    const {ctx} = context({subscriptions: ['contoso-prod']})
    await expect(collector.collect(ctx)).rejects.toBeInstanceOf(InputError)
    const {ctx: cloud} = context({cloud: 'germany'})
    await expect(collector.collect(cloud)).rejects.toBeInstanceOf(InputError)
  })
})

describe('azure provider spec', () => {
  it('declares the scan flags with their names, aliases and choices', () => {
    expect(spec.id).toBe('azure')
    expect(spec.flags.map((f) => [f.name, f.option, f.kind, f.aliases ?? [], f.choices ?? []])).toEqual([
      ['azure-subscription', 'subscriptions', 'list', ['azure-subscriptions'], []],
      ['azure-management-group', 'managementGroups', 'list', [], []],
      ['azure-cloud', 'cloud', 'string', [], ['public', 'china', 'usgov']],
    ])
    expect(spec.flags[0]!.description).toBe('Azure subscription id (repeatable; default: every visible one).')
    expect(spec.rateLimits).toMatch(/15 queries per 5 seconds/)
  })

  it('parses lists given with commas or repeated, normalises ids, and parses its own output to the same value', () => {
    const parsed = spec.options.parse({
      subscriptions: [`${PROD}, ${DEV.toUpperCase()}`, `/subscriptions/${PROD}`],
      managementGroups: 'mg-platform,/providers/Microsoft.Management/managementGroups/mg-data',
    })
    expect(parsed).toEqual({subscriptions: [PROD, DEV], managementGroups: ['mg-platform', 'mg-data'], cloud: 'public'})
    expect(spec.options.parse(parsed)).toEqual(parsed)
    const bad = spec.options.safeParse({subscriptions: [PROD, 'contoso-prod'], cloud: 'germany'})
    expect(bad.success).toBe(false)
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['subscriptions.1', 'cloud'])
  })
})

describe('azure collector: endpoint override and tokens', () => {
  let server: Server | undefined
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    server = undefined
  })

  it('scans a plain http://127.0.0.1 endpoint', async () => {
    const seen: string[] = []
    server = createServer((req, res) => {
      let text = ''
      req.on('data', (chunk) => {
        text += chunk
      })
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization === `Bearer ${TOKEN}`}`)
        const body = JSON.parse(text) as Body
        const page = isDiscovery(body) ? fixture('subscriptions.json') : singlePage('resources-page-1.json')
        res.writeHead(200, QUOTA).end(JSON.stringify(page))
      })
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    const {ctx} = context({}, {endpoints: {azure: `http://127.0.0.1:${port}`}})
    const {resources, sources} = await collector.collect(ctx)
    expect(resources).toHaveLength(4)
    expect(sources).toHaveLength(3)
    expect(seen).toEqual([`POST ${PATH}?api-version=2024-04-01 true`, `POST ${PATH}?api-version=2024-04-01 true`])
  })

  it('asks for the token scope of the chosen cloud and reuses the token until it nearly expires', async () => {
    const clock = fakeClock()
    const scopes: string[] = []
    let issued = 0
    const credential = {
      getToken: async (scope: string | string[]) => {
        scopes.push(String(scope))
        issued++
        return {token: `token-${issued}`, expiresOnTimestamp: clock.now() + 600_000}
      },
    }
    const authorize = bearerAuthenticator(credential, AZURE_CLOUDS.usgov.scope, clock)
    expect(await Promise.all([authorize(), authorize()])).toEqual([
      {authorization: 'Bearer token-1'},
      {authorization: 'Bearer token-1'},
    ])
    await clock.sleep(500_000)
    expect(await authorize()).toEqual({authorization: 'Bearer token-2'})
    expect(scopes).toEqual(['https://management.usgovcloudapi.net/.default', 'https://management.usgovcloudapi.net/.default'])
    expect(AZURE_CLOUDS.china.scope).toBe('https://management.chinacloudapi.cn/.default')
  })

  it('turns a credential failure into exit code 4 with a one-line reason', async () => {
    const credential = {
      getToken: async () => {
        throw new Error('DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted: …')
      },
    }
    const error = (await bearerAuthenticator(credential, AZURE_CLOUDS.public.scope, fakeClock())().catch(
      (e: unknown) => e,
    )) as ExitreadyError
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toBe(
      'Azure: could not get a token for https://management.azure.com/.default (DefaultAzureCredential failed to retrieve a token from the included credentials.).',
    )
  })
})
