import {spawn} from 'node:child_process'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {ROOT, tempDir} from '../helpers/cli.js'

/*
 * A project of 150,000 servers, through the built CLI against a local Hetzner API: past the
 * ~125,000 items at which spreading one provider's resources into push() exceeded the engine's
 * argument limit and the scan exited 70 with nothing written.
 */

const TOKEN = 'hcloud-scale-token-0123456789abcdefghijklmnopqrstuvwxyz0123456789ab'
const SERVERS = 150_000
const PER_PAGE = 50
const PAGES = SERVERS / PER_PAGE

function serverPage(page: number): string {
  const servers = Array.from({length: PER_PAGE}, (_, i) => {
    const id = (page - 1) * PER_PAGE + i + 1
    return {
      id,
      name: `web-${id}`,
      status: 'running',
      created: '2026-01-15T09:00:00+00:00',
      server_type: {name: 'cx22', cores: 2, memory: 4, disk: 40},
      datacenter: {name: 'fsn1-dc14', location: {name: 'fsn1', country: 'DE', network_zone: 'eu-central'}},
      image: {name: 'ubuntu-24.04', os_flavor: 'ubuntu', type: 'system'},
      labels: {tier: 'web'},
      volumes: [],
      private_net: [],
      load_balancers: [],
      primary_disk_size: 40,
    }
  })
  const next = page < PAGES ? page + 1 : null
  return JSON.stringify({
    servers,
    meta: {
      pagination: {
        page,
        per_page: PER_PAGE,
        previous_page: page > 1 ? page - 1 : null,
        next_page: next,
        last_page: PAGES,
        total_entries: SERVERS,
      },
    },
  })
}

let server: Server | undefined
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

describe('exitready scan at scale (built CLI against a local Hetzner API)', () => {
  it('scans 150,000 servers from one provider and writes them all', async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, {'content-type': 'application/json'})
        return res.end(JSON.stringify({error: {code: 'unauthorized', message: 'unable to authenticate'}}))
      }
      res.writeHead(200, {'content-type': 'application/json'})
      if (url.pathname === '/servers') return res.end(serverPage(Number(url.searchParams.get('page') ?? '1')))
      const key = url.pathname.slice(1)
      res.end(
        JSON.stringify({
          [key]: [],
          meta: {pagination: {page: 1, per_page: PER_PAGE, previous_page: null, next_page: null, last_page: 1, total_entries: 0}},
        }),
      )
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const out = join(tempDir(), 'estate.ndjson')
    const home = tempDir('exitready-home-')
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/run.js'), 'scan', '--provider', 'hetzner', '--endpoint', `hetzner=${base}`, '--out', out, '--quiet'],
      {
        cwd: home,
        env: {PATH: process.env.PATH, HOME: home, NO_COLOR: '1', CI: '1', HCLOUD_TOKEN: TOKEN},
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
    expect(stderr).toBe('')
    expect(status).toBe(0)
    const snapshot = await readSnapshot(out)
    expect(snapshot.resources).toHaveLength(SERVERS)
    expect(snapshot.sources).toEqual([expect.objectContaining({provider: 'hetzner', status: 'complete', count: SERVERS})])
  }, 180_000)
})
