// The machine outputs at scale: each streamed writer (assessment.json, resources.csv, SARIF, JUnit)
// on a synthetic assessment, and a JSON snapshot written and read back. Per step: time, the heap
// it adds (sampled at chunk boundaries), and the output's size.
//   npx tsx --expose-gc bench/outputs.ts [--sizes 100000,1000000] [--formats json,csv,sarif,junit] [--no-snapshot]
// Large sizes need a larger heap for the assessment itself: NODE_OPTIONS=--max-old-space-size=8192.
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {loadCatalog} from '../src/catalog/load.js'
import {createSnapshot, readSnapshot, writeSnapshot} from '../src/inventory/snapshot.js'
import {evaluateEstate} from '../src/jobs/pipeline.js'
import {loadPolicies} from '../src/policy/load.js'
import {REPORT_FORMATS} from '../src/report/index.js'
import type {ReportData} from '../src/report/types.js'
import {writeChunksAtomic} from '../src/util/atomic.js'
import {syntheticResources} from './estate.js'

const {values} = parseArgs({
  options: {
    sizes: {type: 'string', default: '100000,1000000'},
    formats: {type: 'string', default: 'json,csv,sarif,junit'},
    'no-snapshot': {type: 'boolean', default: false},
    keep: {type: 'boolean', default: false},
  },
})
const sizes = values.sizes!.split(',').map(Number)
const formats = values.formats!.split(',')
const dir = mkdtempSync(join(tmpdir(), 'exitready-bench-outputs-'))
const exposedGc = (globalThis as {gc?: () => void}).gc
const gc = exposedGc ?? (() => undefined)
const MiB = 1024 * 1024

/** The heap above `base`, sampled every 16th chunk as the chunks pass, so a writer's peak is seen. */
function* sampled<T>(chunks: Iterable<T>, peak: {heap: number}): Generator<T> {
  let n = 0
  for (const chunk of chunks) {
    if ((n++ & 15) === 0) peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed)
    yield chunk
  }
  peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed)
}

interface Row {
  step: string
  ms: number
  cpuMs: number
  heapMiB: number
  sizeMB: number
}

async function measure(step: string, file: string, run: (peak: {heap: number}) => Promise<unknown>): Promise<Row> {
  gc()
  const base = process.memoryUsage().heapUsed
  const peak = {heap: base}
  const start = performance.now()
  const cpuStart = process.cpuUsage()
  let failed: string | undefined
  try {
    await run(peak)
  } catch (error) {
    failed = (error as Error).message.slice(0, 120)
  }
  const ms = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)
  const cpuMs = (cpu.user + cpu.system) / 1000
  peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed)
  const row = {
    step,
    ms,
    cpuMs,
    heapMiB: (peak.heap - base) / MiB,
    sizeMB: failed ? 0 : (statSync(file, {throwIfNoEntry: false})?.size ?? 0) / 1e6,
  }
  console.log(
    failed
      ? `    ${step.padEnd(16)} FAILED after ${(ms / 1000).toFixed(2)} s: ${failed}`
      : `    ${step.padEnd(16)} ${(ms / 1000).toFixed(2).padStart(7)} s (cpu ${(cpuMs / 1000).toFixed(2).padStart(6)} s)  heap +${row.heapMiB.toFixed(0).padStart(5)} MiB  ${row.sizeMB.toFixed(1).padStart(8)} MB`,
  )
  return row
}

console.log(
  `outputs benchmark (node ${process.version}); four built-in policies; ${exposedGc ? 'gc before each step' : 'run with --expose-gc for steadier heap figures'}`,
)
const catalog = await loadCatalog()
const policies = await loadPolicies(['baseline', 'one-hole', 'sovereign-first', 'dora-exit'])
for (const n of sizes) {
  console.log(`  ${n.toLocaleString('en-GB')} resources`)
  const snapshot = createSnapshot([...syntheticResources(n)], [{provider: 'aws', scope: 'bench', status: 'complete', count: n}])
  if (!values['no-snapshot']) {
    const file = join(dir, `snapshot-${n}.json`)
    await measure('snapshot write', file, () => writeSnapshot(file, snapshot))
    await measure('snapshot read', file, async (peak) => {
      const read = await readSnapshot(file)
      peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed)
      if (read.resources.length !== n) throw new Error(`read ${read.resources.length} resources, expected ${n}`)
    })
    rmSync(file, {force: true})
  }
  const evaluation = evaluateEstate(snapshot, catalog, policies, {now: new Date('2026-11-28T12:00:00Z'), version: 'bench'})
  const data: ReportData = {...evaluation, now: new Date('2026-11-28T12:00:00Z'), inputFiles: []}
  const findings = data.policies.reduce((sum, p) => sum + p.rules.reduce((s, r) => s + r.findings.length, 0), 0)
  console.log(`    (${findings.toLocaleString('en-GB')} findings)`)
  for (const format of formats) {
    const spec = REPORT_FORMATS[format]!
    const file = join(dir, `${n}-${spec.file}`)
    await measure(format, file, (peak) => writeChunksAtomic(file, sampled(spec.render(data), peak)))
    if (!values.keep) rmSync(file, {force: true})
  }
}
if (!values.keep) rmSync(dir, {recursive: true, force: true})
else console.log(`  files kept in ${dir}`)
