import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {ROOT, tempDir} from '../helpers/cli.js'

const PROD = '3f2a9c1e-6b8d-4e27-9a51-0c7d2b4e8f13'
const DEV = '8b1d4e7a-2c9f-4a63-b5e0-91f6d3a2c784'
const SANDBOX = 'c4e7f2a9-5d1b-4c8e-a3f6-27b9e0d51c6a'
const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-ms-user-quota-remaining': '14',
  'x-ms-user-quota-resets-after': '00:00:05',
}

/** A JWT-shaped token valid for the next hour of real time (the CLI uses the system clock). */
const TOKEN = [
  Buffer.from(JSON.stringify({alg: 'RS256', typ: 'JWT'})).toString('base64url'),
  Buffer.from(JSON.stringify({aud: 'https://management.azure.com', exp: Math.floor(Date.now() / 1000) + 3600})).toString(
    'base64url',
  ),
  'c2lnbmF0dXJl',
].join('.')

type Body = {query: string; subscriptions?: string[]; options: {$skipToken?: string}}
type Reply = {status: number; body: unknown}

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures/azure', name), 'utf8'))
}
const PAGE_TOKENS = [undefined, fixture('resources-page-1.json').$skipToken, fixture('resources-page-2.json').$skipToken]

/** The recorded answers: discovery, then the three chained pages of the resource query. */
function recorded(body: Body): Reply {
  if (body.query.startsWith('resourcecontainers')) return {status: 200, body: fixture('subscriptions.json')}
  const page = PAGE_TOKENS.indexOf(body.options.$skipToken)
  return {status: 200, body: fixture(`resources-page-${page + 1}.json`)}
}

/** Like `recorded`, but the identity may not read the dev subscription. */
function devForbidden(body: Body): Reply {
  if (body.query.startsWith('resourcecontainers')) return {status: 200, body: fixture('subscriptions.json')}
  if (body.subscriptions?.includes(DEV)) return {status: 403, body: fixture('authorization-failed.json')}
  const {$skipToken: _, ...firstPage} = fixture('resources-page-1.json')
  const rows = (firstPage.data as {subscriptionId: string}[]).filter((row) => body.subscriptions?.includes(row.subscriptionId))
  return {status: 200, body: {...firstPage, count: rows.length, data: rows}}
}

function rejected(): Reply {
  return {status: 401, body: fixture('invalid-authentication-token-401.json')}
}

let server: Server | undefined
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  server = undefined
})

/** A local Resource Graph on 127.0.0.1 that checks the bearer token and answers from the fixtures. */
async function startArm(answer: (body: Body) => Reply): Promise<{url: string; requests: string[]}> {
  const requests: string[] = []
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = ''
    req.on('data', (chunk) => {
      text += chunk
    })
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`)
      if (req.url !== '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01' || req.method !== 'POST') {
        res.writeHead(404, HEADERS).end(JSON.stringify({error: {code: 'NotFound', message: 'no such route'}}))
        return
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, HEADERS).end(JSON.stringify(fixture('invalid-authentication-token-401.json')))
        return
      }
      const reply = answer(JSON.parse(text) as Body)
      res.writeHead(reply.status, HEADERS).end(JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests}
}

/** Runs the built CLI without blocking this process, so the local server can answer it. */
function runCli(args: string[]): Promise<{status: number; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {
      cwd: ROOT,
      env: {...process.env, NO_COLOR: '1', CI: '1', AZURE_ACCESS_TOKEN: TOKEN, EXITREADY_ENDPOINT_AZURE: ''},
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (status) => resolve({status: status ?? -1, stdout, stderr}))
  })
}

describe('exitready scan --provider azure (built CLI against a local Resource Graph)', () => {
  it('writes the snapshot and exits 0 when every subscription is read', async () => {
    const arm = await startArm(recorded)
    const out = join(tempDir(), 'inventory.json')
    const run = await runCli(['scan', '--provider', 'azure', '--endpoint', `azure=${arm.url}`, '--out', out])
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(run.status).toBe(0)
    expect(arm.requests).toHaveLength(4)
    const snapshot = await readSnapshot(out)
    expect(snapshot.resources).toHaveLength(15)
    expect(snapshot.resources.every((r) => r.provider === 'azure' && r.source === 'scan:azure:resource-graph')).toBe(true)
    expect(snapshot.resources.some((r) => r.type === 'microsoft.resources/subscriptions/resourcegroups')).toBe(false)
    expect(snapshot.sources.map((s) => [s.scope, s.status, s.count]).sort()).toEqual([
      [PROD, 'complete', 9],
      [DEV, 'complete', 6],
      [SANDBOX, 'complete', 0],
    ])
    expect(readFileSync(out, 'utf8')).not.toContain(TOKEN)
  })

  it('writes what it could read and exits 3 when one subscription is forbidden', async () => {
    const arm = await startArm(devForbidden)
    const out = join(tempDir(), 'inventory.json')
    const run = await runCli(['scan', '--provider', 'azure', '--endpoint', `azure=${arm.url}`, '--out', out, '--json'])
    expect(run.status).toBe(3)
    const snapshot = await readSnapshot(out)
    const sources = Object.fromEntries(snapshot.sources.map((s) => [s.scope, s]))
    expect(sources[PROD]).toMatchObject({status: 'complete', count: 4})
    expect(sources[SANDBOX]).toMatchObject({status: 'complete', count: 0})
    expect(sources[DEV]).toMatchObject({status: 'failed', count: 0})
    expect(sources[DEV]!.error).toMatch(/denied permission/)
    expect(snapshot.resources).toHaveLength(4)
    expect(JSON.parse(run.stdout)).toMatchObject({exitCode: 3, resources: 4})
  })

  it('writes nothing and exits 4 when the token is rejected, with a one-line reason and no token', async () => {
    const arm = await startArm(rejected)
    const out = join(tempDir(), 'inventory.json')
    const run = await runCli(['scan', '--provider', 'azure', '--endpoint', `azure=${arm.url}`, '--out', out])
    expect(run.status).toBe(4)
    expect(existsSync(out)).toBe(false)
    expect(run.stderr).toMatch(/rejected the credentials/)
    expect(run.stderr).not.toContain(TOKEN)
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
  })
})
