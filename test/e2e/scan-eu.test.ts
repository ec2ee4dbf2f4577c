import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {ROOT, tempDir} from '../helpers/cli.js'

/*
 * The built CLI scans Hetzner Cloud and an OpenStack cloud against one local HTTP server on
 * 127.0.0.1, reached only through --endpoint: Hetzner's API at the root, Keystone under /identity
 * with a service catalog that points Nova, Cinder and Neutron back at the same server.
 */

const HCLOUD_TOKEN = 'hcloud-e2e-token-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcd'
const OS_PASSWORD = 'e2e-password-not-real'
const OS_TOKEN = 'gAAAAABnX2x1-e2e-keystone-token'
const PROJECT = '5f2b1c9d8e7a4b3c9d0e1f2a3b4c5d6e'
const LAST_ON_FIRST_NOVA_PAGE = '4f6e2a1b-8c3d-4e5f-a6b7-c8d9e0f1a2b3'

const recorded = (file: string) => readFileSync(join(ROOT, 'fixtures', file), 'utf8')

interface FakeCloud {
  url: string
  requests: string[]
  close(): Promise<void>
}

interface Behaviour {
  /** Paths answered 403, as a policy that denies one list would. */
  forbidden?: string[]
  /** Both providers reject the credentials. */
  rejectCredentials?: boolean
}

const HETZNER_LISTS: Record<string, string> = {
  '/volumes': 'hetzner/volumes.json',
  '/load_balancers': 'hetzner/load_balancers.json',
  '/networks': 'hetzner/networks.json',
  '/floating_ips': 'hetzner/floating_ips.json',
  '/primary_ips': 'hetzner/primary_ips.json',
  '/firewalls': 'hetzner/firewalls.json',
  '/certificates': 'hetzner/certificates.json',
}
const OPENSTACK_LISTS: Record<string, string> = {
  [`/volume/v3/${PROJECT}/volumes/detail`]: 'openstack/volumes.json',
  '/network/v2.0/networks': 'openstack/networks.json',
  '/network/v2.0/subnets': 'openstack/subnets.json',
  '/network/v2.0/routers': 'openstack/routers.json',
  '/network/v2.0/security-groups': 'openstack/security-groups.json',
  '/network/v2.0/floatingips': 'openstack/floatingips.json',
}

async function startFakeCloud(behaviour: Behaviour = {}): Promise<FakeCloud> {
  const requests: string[] = []
  let base = ''
  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {'content-type': 'application/json', ...headers})
    res.end(body)
  }
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base)
    requests.push(`${req.method} ${url.pathname}${url.search}`)
    let body = ''
    for await (const chunk of req) body += chunk
    if (behaviour.forbidden?.includes(url.pathname))
      return send(
        res,
        403,
        recorded(url.pathname.startsWith('/network') ? 'openstack/error-neutron-403.json' : 'hetzner/error-unauthorized.json'),
      )

    if (req.method === 'POST' && url.pathname === '/identity/v3/auth/tokens') {
      const password = (JSON.parse(body) as {auth?: {identity?: {password?: {user?: {password?: string}}}}}).auth?.identity
        ?.password?.user?.password
      if (behaviour.rejectCredentials || password !== OS_PASSWORD)
        return send(res, 401, recorded('openstack/error-keystone-401.json'))
      return send(res, 201, recorded('e2e/openstack-token.json').replaceAll('{base}', base), {'x-subject-token': OS_TOKEN})
    }
    const openstack = /^\/(compute|volume|network)\//.test(url.pathname)
    if (openstack && req.headers['x-auth-token'] !== OS_TOKEN)
      return send(res, 401, recorded('openstack/error-keystone-401.json'))
    if (!openstack && (behaviour.rejectCredentials || req.headers.authorization !== `Bearer ${HCLOUD_TOKEN}`))
      return send(res, 401, recorded('hetzner/error-unauthorized.json'))

    const rateLimit = {
      'RateLimit-Limit': '3600',
      'RateLimit-Remaining': '3500',
      'RateLimit-Reset': String(Math.floor(Date.now() / 1000) + 1),
    }
    if (url.pathname === '/servers')
      return send(res, 200, recorded(`hetzner/servers-page${url.searchParams.get('page') === '2' ? 2 : 1}.json`), rateLimit)
    if (HETZNER_LISTS[url.pathname]) return send(res, 200, recorded(HETZNER_LISTS[url.pathname]!), rateLimit)
    if (url.pathname === '/compute/v2.1/servers/detail')
      return send(
        res,
        200,
        recorded(`openstack/servers-page-${url.searchParams.get('marker') === LAST_ON_FIRST_NOVA_PAGE ? 2 : 1}.json`),
      )
    if (OPENSTACK_LISTS[url.pathname]) return send(res, 200, recorded(OPENSTACK_LISTS[url.pathname]!))
    return send(res, 404, JSON.stringify({error: {code: 'not_found', message: `no route ${url.pathname}`}}))
  }
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, JSON.stringify({error: {message: error.message}})))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {url: base, requests, close: () => new Promise((resolve) => server.close(() => resolve()))}
}

/** Runs the built CLI (test/global-build.ts builds it); asynchronously, since the fake cloud lives in this process. */
function scan(args: string[], env: NodeJS.ProcessEnv): Promise<{status: number; stdout: string; stderr: string}> {
  const home = tempDir('exitready-home-')
  const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), 'scan', ...args], {
    cwd: home,
    env: {PATH: process.env.PATH, HOME: home, NO_COLOR: '1', CI: '1', ...env},
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (status) => resolve({status: status ?? -1, stdout, stderr}))
  })
}

function credentials(cloud: FakeCloud): NodeJS.ProcessEnv {
  return {
    HCLOUD_TOKEN,
    OS_AUTH_URL: `${cloud.url}/identity/v3`,
    OS_USERNAME: 'inventory-reader',
    OS_PASSWORD,
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_NAME: 'shop-prod',
    OS_PROJECT_DOMAIN_NAME: 'Default',
  }
}

const scanArgs = (cloud: FakeCloud, out: string) => [
  '--provider',
  'hetzner',
  '--provider',
  'openstack',
  '--endpoint',
  `hetzner=${cloud.url}`,
  '--endpoint',
  `openstack=${cloud.url}/identity`,
  '--out',
  out,
]

let cloud: FakeCloud | undefined
afterEach(async () => {
  await cloud?.close()
  cloud = undefined
})

describe('exitready scan of Hetzner and OpenStack (built CLI against a local server on 127.0.0.1)', () => {
  it('writes one snapshot with both providers, every page, and exits 0', async () => {
    cloud = await startFakeCloud()
    const out = join(tempDir(), 'inv.json')
    const run = await scan(scanArgs(cloud, out), credentials(cloud))

    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(run.status, run.stderr).toBe(0)
    const snapshot = await readSnapshot(out)
    const ofType = (type: string) => snapshot.resources.filter((r) => r.type === type)
    expect(ofType('hetzner:server')).toHaveLength(3) // two pages
    expect(ofType('hetzner:volume')).toHaveLength(3)
    expect(ofType('openstack:server')).toHaveLength(3) // two pages, by marker
    expect(ofType('openstack:volume')).toHaveLength(2)
    expect(ofType('openstack:network')).toHaveLength(1) // the external network is the operator's
    expect(ofType('openstack:server').every((r) => r.provider === 'openstack' && r.region === 'RegionOne')).toBe(true)
    expect(snapshot.sources.filter((s) => s.provider === 'hetzner').length).toBeGreaterThan(0)
    expect(snapshot.sources.every((s) => s.status === 'complete')).toBe(true)
    expect(snapshot.sources.find((s) => s.provider === 'openstack')).toMatchObject({scope: 'shop-prod/RegionOne', count: 11})

    // Everything went to the local server, through the endpoints and the catalog; no credential leaked into the file.
    expect(cloud.requests).toContain('POST /identity/v3/auth/tokens')
    expect(cloud.requests).toContain(`GET /compute/v2.1/servers/detail?limit=1000&marker=${LAST_ON_FIRST_NOVA_PAGE}`)
    expect(cloud.requests.some((r) => r.startsWith('GET /servers?page=2'))).toBe(true)
    const written = readFileSync(out, 'utf8')
    for (const secret of [HCLOUD_TOKEN, OS_PASSWORD, OS_TOKEN]) expect(written).not.toContain(secret)
  })

  it('writes the rest and exits 3 when one OpenStack list is denied', async () => {
    cloud = await startFakeCloud({forbidden: ['/network/v2.0/routers']})
    const out = join(tempDir(), 'inv.json')
    const run = await scan(scanArgs(cloud, out), credentials(cloud))

    expect(run.status, run.stderr).toBe(3)
    const snapshot = await readSnapshot(out)
    const openstack = snapshot.sources.find((s) => s.provider === 'openstack')!
    expect(openstack).toMatchObject({status: 'partial', count: 10})
    expect(openstack.error).toMatch(
      /^routers: openstack: GET http:\/\/127\.0\.0\.1:\d+\/network\/v2\.0\/routers denied permission/,
    )
    expect(snapshot.resources.some((r) => r.type === 'hetzner:server')).toBe(true)
  })

  it('writes nothing and exits 4 when both providers reject the credentials', async () => {
    cloud = await startFakeCloud({rejectCredentials: true})
    const out = join(tempDir(), 'inv.json')
    const run = await scan(scanArgs(cloud, out), credentials(cloud))

    expect(run.status, run.stderr).toBe(4)
    expect(existsSync(out)).toBe(false)
    expect(run.stderr).not.toContain(OS_PASSWORD)
    expect(run.stderr).not.toContain(HCLOUD_TOKEN)
  })
})
