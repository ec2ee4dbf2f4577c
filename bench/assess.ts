// assess at scale: a synthetic NDJSON snapshot of N resources, assessed as users run it (default heap,
// every built-in policy, every report format), against the floor of reading and JSON.parse-ing the same
// file in a fresh process, measured back to back. Two estates: `bench` (19 types, simple ids) and
// `realistic` (a few hundred real types with a skewed distribution, ARN/ARM/Cloud Asset ids, 3–8 tags).
// Goals (DESIGN.md, issue #15): at 1,000,000 resources ≤ 6× the floor on 2 cores (≤ 4× on 4+),
// peak RSS ≤ 2.5 GiB, and 100k → 1M within 11× the time.
//   npx tsx bench/assess.ts [--sizes 10000,100000,1000000] [--estate bench|realistic|both] [--smoke] [--heap MiB]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {loadCatalog} from '../src/catalog/load.js'
import type {ResourceInput} from '../src/inventory/model.js'
import {createSnapshot} from '../src/inventory/snapshot.js'
import {writeChunksAtomic} from '../src/util/atomic.js'
import {syntheticResources} from './estate.js'
import {realisticResources} from './estate-realistic.js'

const {values} = parseArgs({
  options: {
    sizes: {type: 'string', default: '10000,100000,1000000'},
    estate: {type: 'string', default: 'both'},
    smoke: {type: 'boolean', default: false},
    // Unset: the default heap, as users run it. A number sets --max-old-space-size for comparison.
    heap: {type: 'string'},
  },
})
const sizes = values.smoke ? [20_000] : values.sizes!.split(',').map(Number)
const estates = values.estate === 'both' ? ['bench', 'realistic'] : [values.estate!]
const root = resolve(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'exitready-bench-'))
const MiB = 1024 * 1024

async function resourcesOf(estate: string, count: number): Promise<Iterable<ResourceInput>> {
  if (estate === 'bench') return syntheticResources(count)
  const catalog = await loadCatalog()
  const types: Record<string, string[]> = {}
  for (const [type, entry] of catalog.entries) {
    types[entry.provider] ??= []
    types[entry.provider]!.push(type)
  }
  return realisticResources(count, {types})
}

async function writeEstate(estate: string, count: number): Promise<string> {
  const file = join(dir, `${estate}-${count}.ndjson`)
  const header = createSnapshot([], [{provider: 'aws', scope: 'bench', status: 'complete', count}])
  const {resources: _r, ...head} = header
  const resources = await resourcesOf(estate, count)
  function* lines() {
    yield `${JSON.stringify(head)}\n`
    for (const r of resources) yield `${JSON.stringify({tags: {}, ...r})}\n`
  }
  await writeChunksAtomic(file, lines())
  return file
}

function child(script: string, env: Record<string, string> = {}) {
  const heap = values.heap ? [`--max-old-space-size=${values.heap}`] : []
  const run = spawnSync(process.execPath, [...heap, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: {...process.env, ...env},
  })
  if (run.status !== 0) throw new Error(`bench child failed (${run.status}): ${run.stderr.slice(-4000)}`)
  return run
}

/** The floor: a fresh process reads the file and JSON.parses every line, with the batched reader assess uses. */
function parseFloor(file: string): number {
  const run = child(`
    const {lineBatches} = await import(${JSON.stringify(join(root, 'dist/util/lines.js'))});
    const start = performance.now();
    const all = [];
    for await (const batch of lineBatches(${JSON.stringify(file)})) for (const line of batch) if (line) all.push(JSON.parse(line));
    console.log(JSON.stringify({ms: performance.now() - start, n: all.length}));`)
  return JSON.parse(run.stdout.trim().split('\n').pop()!).ms
}

interface Stage {
  name: string
  ms: number
  heapMiB: number
  rssMiB: number
}

function assessRun(file: string, out: string): {ms: number; maxRssMiB: number; stages: Stage[]} {
  // A child process, so peak memory is that of the assess run alone; DEBUG=exitready:stages traces each stage.
  const run = child(
    `
    const {runAssess} = await import(${JSON.stringify(join(root, 'dist/jobs/assess.js'))});
    const start = performance.now();
    await runAssess({snapshots: [${JSON.stringify(file)}], outDir: ${JSON.stringify(out)}, formats: ['md','html','json','csv','sarif','junit'], policies: ['baseline','one-hole','sovereign-first','dora-exit']});
    console.log(JSON.stringify({ms: performance.now() - start, maxRssMiB: process.resourceUsage().maxRSS / 1024}));`,
    {DEBUG: 'exitready:stages', DEBUG_COLORS: '0', DEBUG_HIDE_DATE: '1'},
  )
  const stages: Stage[] = []
  for (const match of run.stderr.matchAll(/stage (.+?) ms=([\d.]+) heapMiB=(\d+) rssMiB=(\d+)/g))
    stages.push({name: match[1]!, ms: Number(match[2]), heapMiB: Number(match[3]), rssMiB: Number(match[4])})
  return {...JSON.parse(run.stdout.trim().split('\n').pop()!), stages}
}

console.log(
  `assess benchmark (node ${process.version}, ${values.heap ? `heap ${values.heap} MiB` : 'default heap'}); every format, four policies`,
)
let failed = false
for (const estate of estates) {
  const rows: {n: number; floor: number; ms: number; rss: number}[] = []
  for (const n of sizes) {
    const file = await writeEstate(estate, n)
    const floor = parseFloor(file)
    const out = join(dir, `out-${estate}-${n}`)
    const {ms, maxRssMiB, stages} = assessRun(file, out)
    const html = statSync(join(out, 'exit-report.html')).size
    const input = statSync(file).size
    rows.push({n, floor, ms, rss: maxRssMiB})
    console.log(
      `  ${estate.padEnd(9)} ${n.toLocaleString('en-GB').padStart(9)} resources (${(input / MiB).toFixed(0)} MiB NDJSON): parse floor ${(floor / 1000).toFixed(2)} s, assess + all reports ${(ms / 1000).toFixed(2)} s = ${(ms / floor).toFixed(2)}× the floor (goal ≤ 6× on 2 cores), peak RSS ${maxRssMiB.toFixed(0)} MiB (goal ≤ 2,560), exit-report.html ${(html / 1e6).toFixed(2)} MB`,
    )
    console.log(`      stages: ${stages.map((s) => `${s.name} ${(s.ms / 1000).toFixed(2)} s`).join(' · ')}`)
    console.log(`      memory after each: ${stages.map((s) => `${s.name} ${s.heapMiB}/${s.rssMiB}`).join(' · ')} (heap/RSS MiB)`)
    if (maxRssMiB > 2560) failed = true
    rmSync(out, {recursive: true, force: true})
    rmSync(file, {force: true})
  }
  // The step from the last-but-one size to the last (100k → 1M), not first-to-last: start-up hides superlinear stages.
  if (rows.length > 1) {
    const [a, b] = [rows[rows.length - 2]!, rows[rows.length - 1]!]
    console.log(
      `  ${estate}: ${(b.n / a.n).toFixed(0)}× the resources (${a.n.toLocaleString('en-GB')} → ${b.n.toLocaleString('en-GB')}) took ${(b.ms / a.ms).toFixed(1)}× the time (goal ≤ ${((b.n / a.n) * 1.1).toFixed(0)}×)`,
    )
  }
}
rmSync(dir, {recursive: true, force: true})
if (failed) process.exitCode = 1
