// The package as npm publishes it: packed with its prepack build, installed from the tarball into a
// temporary project (offline: production dependencies hard-linked from this checkout, with their
// lock entries, so npm resolves nothing from the registry), run through its bin, imported by name.
import {execFileSync, spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {isOlder, minimumNode, nodeVersionWarning} from '../src/cli/node-version.js'
import {ROOT, tempDir} from './helpers/cli.js'

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {cwd, encoding: 'utf8', env: {...process.env, npm_config_update_notifier: 'false'}, stdio: 'pipe'})

/** The checkout as npm sees it for packing, with node_modules linked rather than copied. */
function sourceCopy(): string {
  const dir = tempDir('exitready-pack-src-')
  for (const entry of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'README.md',
    'LICENSE',
    'src',
    'bin',
    'catalog',
    'policies',
    'schemas',
  ])
    cpSync(join(ROOT, entry), join(dir, entry), {recursive: true})
  cpSync(join(ROOT, 'fixtures/demo'), join(dir, 'fixtures/demo'), {recursive: true})
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

/** Hard links of every production package of the lock file, and the lock entries npm trusts for them. */
function productionModules(into: string): void {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, {dev?: boolean; link?: boolean; optional?: boolean}>
  }
  const kept: Record<string, unknown> = {}
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev || entry.link) continue
    if (!existsSync(join(ROOT, path))) continue // an optional package of another platform
    kept[path] = entry
    if (path.slice('node_modules/'.length).includes('/node_modules/')) continue // copied with its parent
    mkdirSync(dirname(join(into, path)), {recursive: true})
    execFileSync('cp', ['-al', join(ROOT, path), join(into, path)])
  }
  writeFileSync(
    join(into, 'node_modules/.package-lock.json'),
    JSON.stringify({name: 'consumer', lockfileVersion: 3, requires: true, packages: kept}),
  )
}

let tarball: string
let consumer: string
let packed: {files: {path: string}[]}

beforeAll(() => {
  const source = sourceCopy()
  const out = tempDir('exitready-pack-')
  // Scripts run: the prepack build compiles dist/, the manifest and the compiled catalog in the copy.
  const output = npm(['pack', '--pack-destination', out, '--json'], source)
  // The build scripts print to stdout too; npm's JSON comes last.
  packed = JSON.parse(output.slice(output.lastIndexOf('[\n  {')))[0]
  tarball = join(out, `exitready-${pkg.version}.tgz`)
  consumer = tempDir('exitready-consumer-')
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({name: 'consumer', version: '1.0.0', private: true, dependencies: pkg.dependencies}),
  )
  productionModules(consumer)
  npm(['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], consumer)
}, 240_000)

describe('the packed package', () => {
  it('holds what runs and nothing of the development tree', () => {
    const files = packed.files.map((f) => f.path)
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/run.js',
      'oclif.manifest.json',
      'dist/index.js',
      'dist/index.d.ts',
    ])
      expect(files).toContain(file)
    expect(files).toContain('dist/catalog.compiled.json')
    expect(files).toContain('fixtures/demo/inventory.json')
    expect(files).toContain('schemas/policy.schema.json')
    expect(files.some((f) => f.startsWith('policies/'))).toBe(true)
    expect(files.filter((f) => /^(src|test|bench|node_modules|\.git)\//.test(f))).toEqual([])
  })

  it('installs from the tarball and runs: --version, assess --demo, init', () => {
    const bin = join(consumer, 'node_modules/.bin/exitready')
    // As a user runs it: vitest's NODE_ENV=test would make oclif look for TypeScript sources.
    const env = {...process.env, NODE_ENV: 'production', CI: '1'}
    const version = spawnSync(bin, ['--version'], {encoding: 'utf8', env})
    expect(version.status).toBe(0)
    expect(version.stdout).toMatch(new RegExp(`^exitready/${pkg.version.replace(/\./g, '\\.')} `))
    const out = join(consumer, 'report')
    const assess = spawnSync(bin, ['assess', '--demo', '--out-dir', out, '--quiet'], {
      encoding: 'utf8',
      env,
    })
    expect(assess.stderr).toBe('')
    expect(assess.status).toBe(0)
    expect(JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8')).summary.resourceCount).toBeGreaterThan(350)
    // Installed in the project's node_modules, init points editors at the installed schema by a relative path.
    const init = spawnSync(bin, ['init', '--yes'], {cwd: consumer, encoding: 'utf8', env})
    expect(init.status).toBe(0)
    expect(readFileSync(join(consumer, 'exitready-policy.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/exitready/schemas/policy.schema.json',
    )
  })

  it('imports by name, with the export list of the library API', () => {
    const script = "const m = await import('exitready'); console.log(JSON.stringify(Object.keys(m).sort()))"
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: consumer,
      encoding: 'utf8',
      env: {...process.env, NODE_ENV: 'production'},
    })
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'test/data/library-exports.json'), 'utf8')))
    const types = readFileSync(join(consumer, 'node_modules/exitready/dist/index.d.ts'), 'utf8')
    expect(types).toMatch(/export type \{ AssessResult \} from '\.\/commands\/assess\.js'/)
  })
})

describe("the README's snippets", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

  it('install from the tarball as this test does (npm pack, then npm install of exitready-*.tgz)', () => {
    expect(readme).toContain('```sh\nnpm pack\nnpm install -g ./exitready-*.tgz\nexitready --version\n```')
  })

  it('the library example runs against the installed package', () => {
    const snippet = /## As a library\n[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(snippet).toMatch(/from 'exitready'/)
    cpSync(join(ROOT, 'fixtures/demo/inventory.json'), join(consumer, 'inventory.json'))
    writeFileSync(join(consumer, 'snippet.mjs'), snippet!)
    const run = spawnSync(process.execPath, ['snippet.mjs'], {
      cwd: consumer,
      encoding: 'utf8',
      env: {...process.env, NODE_ENV: 'production'},
    })
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/^[A-F] \d+\n$/)
    expect(existsSync(join(consumer, 'report', 'exit-report.md'))).toBe(true)
  })
})

describe('package metadata', () => {
  it('names its licence, repository, bugs and homepage, and the licence file is the Apache-2.0 text', () => {
    expect(pkg.license).toBe('Apache-2.0')
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/)
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/exitready\.git$/)
    expect(pkg.bugs.url).toMatch(/\/issues$/)
    expect(pkg.homepage).toMatch(/^https:\/\//)
    expect(pkg.scripts.prepack).toBe('npm run build')
    expect(pkg.exports['.']).toEqual({types: './dist/index.d.ts', import: './dist/index.js'})
  })

  it("the CLI warns below the engines it declares, which are the README's Node.js ≥ 22.20", () => {
    expect(pkg.engines.node).toBe('>=22.20')
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toMatch(/Node\.js ≥ 22\.20/)
    expect(minimumNode(pkg.engines.node)).toEqual([22, 20, 0])
    expect(nodeVersionWarning(pkg.engines.node, '22.19.1')).toBe(
      'Warning: exitready needs Node.js 22.20.0 or later (engines >=22.20); this is 22.19.1. Install a current Node.js 22 or 24.',
    )
    expect(nodeVersionWarning(pkg.engines.node, '22.20.0')).toBeUndefined()
    expect(nodeVersionWarning(pkg.engines.node, '24.1.0')).toBeUndefined()
    expect(isOlder('20.19.5', [22, 20, 0])).toBe(true)
    // The hook that prints it is registered, and built where the manifest says.
    expect(pkg.oclif.hooks.init).toBe('./dist/cli/node-version.js')
    expect(existsSync(join(ROOT, pkg.oclif.hooks.init))).toBe(true)
  })
})
