// assess at scale: a synthetic NDJSON snapshot of N resources, assessed with every built-in policy and
// every report format written, against the floor of reading and JSON.parse-ing the same snapshot.
// Goals (DESIGN.md): 1,000,000 resources within 4× of the parse floor, peak memory under 2.5 GiB, linear.
//   npx tsx bench/assess.ts [--sizes 100000,1000000] [--smoke]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {createSnapshot} from '../src/inventory/snapshot.js'
import {writeChunksAtomic} from '../src/util/atomic.js'
import {lineBatches} from '../src/util/lines.js'
import {syntheticResources} from './estate.js'

const {values} = parseArgs({
  options: {
    sizes: {type: 'string', default: '100000,1000000'},
    smoke: {type: 'boolean', default: false},
    heap: {type: 'string', default: '4096'},
  },
})
const sizes = values.smoke ? [20_000] : values.sizes!.split(',').map(Number)
const root = resolve(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'exitready-bench-'))

async function writeEstate(count: number): Promise<string> {
  const file = join(dir, `estate-${count}.ndjson`)
  const header = createSnapshot([], [{provider: 'aws', scope: 'bench', status: 'complete', count}])
  const {resources: _r, ...head} = header
  function* lines() {
    yield `${JSON.stringify(head)}\n`
    for (const r of syntheticResources(count)) yield `${JSON.stringify({tags: {}, ...r})}\n`
  }
  await writeChunksAtomic(file, lines())
  return file
}

/** The floor: reading the file and JSON.parse-ing every line, with the same batched reader assess uses. */
async function parseFloor(file: string): Promise<number> {
  const start = performance.now()
  const all: unknown[] = []
  for await (const batch of lineBatches(file)) for (const line of batch) if (line) all.push(JSON.parse(line))
  return performance.now() - start
}

function assessRun(file: string, out: string): {ms: number; maxRssMiB: number} {
  // A child process, so peak memory is that of the assess run alone.
  const script = `
    const {runAssess} = await import(${JSON.stringify(join(root, 'dist/jobs/assess.js'))});
    const start = performance.now();
    await runAssess({snapshots: [${JSON.stringify(file)}], outDir: ${JSON.stringify(out)}, formats: ['md','html','json','csv','sarif','junit'], policies: ['baseline','one-hole','sovereign-first','dora-exit']});
    console.log(JSON.stringify({ms: performance.now() - start, maxRssMiB: process.resourceUsage().maxRSS / 1024}));`
  const run = spawnSync(process.execPath, [`--max-old-space-size=${values.heap}`, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
  if (run.status !== 0) throw new Error(`assess failed: ${run.stderr}`)
  return JSON.parse(run.stdout.trim().split('\n').pop()!)
}

console.log(`assess benchmark (node ${process.version}); every format, four policies`)
const rows: {n: number; floor: number; ms: number; rss: number}[] = []
for (const n of sizes) {
  const file = await writeEstate(n)
  const floor = await parseFloor(file)
  const out = join(dir, `out-${n}`)
  const {ms, maxRssMiB} = assessRun(file, out)
  const html = statSync(join(out, 'exit-report.html')).size
  rows.push({n, floor, ms, rss: maxRssMiB})
  console.log(
    `  ${n.toLocaleString('en-GB').padStart(9)} resources: parse floor ${(floor / 1000).toFixed(2)} s, assess + all reports ${(ms / 1000).toFixed(2)} s (${(ms / floor).toFixed(2)}× the floor, goal ≤ 4×), peak RSS ${maxRssMiB.toFixed(0)} MiB (goal < 2,560), exit-report.html ${(html / 1e6).toFixed(2)} MB (goal < 5 MB at 100,000)`,
  )
}
if (rows.length > 1) {
  const [a, b] = [rows[0]!, rows[rows.length - 1]!]
  console.log(
    `  scaling: ${(b.n / a.n).toFixed(0)}× the resources took ${(b.ms / a.ms).toFixed(1)}× the time (linear ≈ ${(b.n / a.n).toFixed(0)}×)`,
  )
}
