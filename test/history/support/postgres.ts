// A real PostgreSQL server for the history tests: the one CI started (EXITREADY_TEST_POSTGRES_URL,
// see scripts/postgres-test.sh), or one started here from Debian's `postgresql` binaries in a
// temporary data directory on a free local port, stopped after the file's tests.
import {execFileSync} from 'node:child_process'
import {chownSync, existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import pg from 'pg'

export interface PostgresServer {
  /** A fresh, empty database for one test; returns its URL. */
  createDatabase(): Promise<string>
  stop(): Promise<void>
}

function binDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')))
  if (!found)
    throw new Error(
      'No PostgreSQL server binaries under /usr/lib/postgresql: install them (apt-get install -y postgresql) or set EXITREADY_TEST_POSTGRES_URL.',
    )
  return found
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number}
      server.close(() => resolve(port))
    })
  })

let counter = 0

function serverFor(adminUrl: string, stop: () => Promise<void>): PostgresServer {
  return {
    async createDatabase() {
      const name = `exitready_history_${process.pid}_${++counter}`
      const admin = new pg.Client({connectionString: adminUrl})
      await admin.connect()
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`)
        await admin.query(`CREATE DATABASE ${name}`)
      } finally {
        await admin.end()
      }
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      return url.toString()
    },
    stop,
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const external = process.env.EXITREADY_TEST_POSTGRES_URL
  if (external) return serverFor(external, async () => undefined)
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), 'exitready-pg-'))
  const data = join(dir, 'data')
  // initdb refuses to run as root: the server then runs as the postgres system user.
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], {encoding: 'utf8'}).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], {encoding: 'utf8'}).trim())
    chownSync(dir, uid, gid)
  }
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], {stdio: 'pipe'})
      : execFileSync(join(bin, tool), args, {stdio: 'pipe'})
  run('initdb', ['-D', data, '-U', 'exitready', '--auth=trust', '--no-sync', '-E', 'UTF8'])
  const port = await freePort()
  run('pg_ctl', [
    'start',
    '-w',
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
  ])
  return serverFor(`postgres://exitready@127.0.0.1:${port}/postgres`, async () => {
    try {
      run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'])
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
}
