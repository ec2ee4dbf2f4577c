// Dependency graph at scale: a synthetic estate (about 3 usage edges per resource, so 100,000 resources
// have about 300,000 edges), timing edge extraction, graph construction, components, exit waves, blast
// radius, and the views and renderers, at several sizes to show that each stays linear. Each size runs
// in a fresh process, so one size's heap does not slow the next.
// Per stage it prints the best time and the heap the stage's result keeps alive (after a full GC).
//   npx tsx bench/graph.ts [--sizes 100000,1000000] [--repeats 5] [--smoke]
import {spawnSync} from 'node:child_process'
import {parseArgs} from 'node:util'
import {assess} from '../src/assessment/assess.js'
import {loadCatalog} from '../src/catalog/load.js'
import {blastRadius, exitWaves, moveTogether} from '../src/graph/analysis.js'
import {buildGraph} from '../src/graph/build.js'
import {renderJson, renderMermaid} from '../src/graph/render.js'
import {layeredLayout, renderDependencySvg} from '../src/graph/svg.js'
import {collapse, focus, mostLockedIn} from '../src/graph/view.js'
import {usageLinks} from '../src/inventory/links.js'
import {createSnapshot} from '../src/inventory/snapshot.js'
import {syntheticResources} from './estate.js'

const {values} = parseArgs({
  options: {
    sizes: {type: 'string', default: '25000,50000,100000'},
    repeats: {type: 'string', default: '3'},
    smoke: {type: 'boolean', default: false},
    child: {type: 'string'},
  },
})
const repeats = values.smoke ? 1 : Number(values.repeats)

const JSON_MAX_NODES = 300_000
const STAGES = ['edges', 'build', 'components', 'waves', 'members', 'blast', 'focus', 'collapse', 'mermaid', 'json'] as const
type Stage = (typeof STAGES)[number]
interface Row {
  n: number
  edges: number
  ms: Record<Stage, number>
  /** CPU time (user + system) of the same run: steadier than wall time on a shared machine. */
  cpu: Record<Stage, number>
  /** MiB of heap the stage's result keeps alive. */
  mib: Record<Stage, number>
  found: string
}

/** Heap in use after a full collection, when the process runs with --expose-gc (the child processes do). */
function heapAfterGc(): number {
  ;(globalThis as {gc?: () => void}).gc?.()
  return process.memoryUsage().heapUsed
}

/** The best of a few runs in milliseconds (wall, and CPU of that run), the heap the last result keeps alive, and the last result. */
function time<T>(run: () => T): {ms: number; cpu: number; mib: number; result: T} {
  let best = Number.POSITIVE_INFINITY
  let cpu = 0
  let result: T | undefined
  let retained = 0
  for (let i = 0; i < repeats; i++) {
    result = undefined
    const before = heapAfterGc()
    const startCpu = process.cpuUsage()
    const start = performance.now()
    result = run()
    const ms = performance.now() - start
    const used = process.cpuUsage(startCpu)
    if (ms < best) {
      best = ms
      cpu = (used.user + used.system) / 1000
    }
    retained = heapAfterGc() - before
  }
  return {ms: best, cpu, mib: retained / 2 ** 20, result: result as T}
}

async function measure(n: number): Promise<Row> {
  const catalog = await loadCatalog()
  const snapshot = createSnapshot(
    [...syntheticResources(n, 3)],
    [{provider: 'aws', scope: 'bench', status: 'complete', count: n}],
  )
  const edges = time(() => usageLinks(snapshot.resources))
  // Mapping and scoring are assess's business (bench/assess.ts); here they only feed the graph.
  const assessment = assess(snapshot, catalog, {links: edges.result})
  const build = time(() => buildGraph(assessment, edges.result))
  const graph = build.result
  const components = time(() => moveTogether(graph))
  // What a report reads: each wave's size and first dozen members; listing every member is `members`.
  const waves = time(() => exitWaves(graph).map((w) => ({count: w.count, first: w.first(12)})))
  const members = time(() => exitWaves(graph).reduce((n, w) => n + w.members.length, 0))
  const blast = time(() => blastRadius(graph))
  const focused = time(() => focus(graph, `res-${Math.floor(n / 2)}`, 2))
  const collapsed = time(() => collapse(graph, 'service'))
  const mermaid = time(() => renderMermaid(graph))
  // Past a few hundred thousand nodes the graph's JSON is longer than the engine's longest string.
  const json = n <= JSON_MAX_NODES ? time(() => renderJson(graph)) : {ms: Number.NaN, cpu: Number.NaN, mib: Number.NaN}
  return {
    n,
    edges: graph.edgeCount,
    ms: {
      edges: edges.ms,
      build: build.ms,
      components: components.ms,
      waves: waves.ms,
      members: members.ms,
      blast: blast.ms,
      focus: focused.ms,
      collapse: collapsed.ms,
      mermaid: mermaid.ms,
      json: json.ms,
    },
    cpu: {
      edges: edges.cpu,
      build: build.cpu,
      components: components.cpu,
      waves: waves.cpu,
      members: members.cpu,
      blast: blast.cpu,
      focus: focused.cpu,
      collapse: collapsed.cpu,
      mermaid: mermaid.cpu,
      json: json.cpu,
    },
    mib: {
      edges: edges.mib,
      build: build.mib,
      components: components.mib,
      waves: waves.mib,
      members: members.mib,
      blast: blast.mib,
      focus: focused.mib,
      collapse: collapsed.mib,
      mermaid: mermaid.mib,
      json: json.mib,
    },
    found: `${components.result.length} components, ${waves.result.length} waves, ${blast.result.length} services with a blast radius, focus ${focused.result.nodes.length} nodes, collapse ${collapsed.result.nodes.length} nodes, Mermaid ${mermaid.result.length.toLocaleString('en-GB')} chars`,
  }
}

if (values.child) {
  console.log(JSON.stringify(await measure(Number(values.child))))
  process.exit(0)
}

const sizes = values.smoke ? [5_000, 10_000, 20_000] : values.sizes!.split(',').map(Number)
console.log(
  `dependency graph benchmark (node ${process.version}), best of ${repeats}, ${values.smoke ? 'one process' : 'one process per size'}; per stage: ms, then MiB of heap its result keeps`,
)
console.log(`  ${'resources'.padStart(9)} ${'edges'.padStart(8)}  ${STAGES.map((s) => s.padStart(10)).join(' ')}`)
// JSON turns NaN (a stage not run) into null.
const figure = (value: number | null) => (value === null || Number.isNaN(value) ? '—' : value.toFixed(1)).padStart(10)
const rows: Row[] = []
for (const n of sizes) {
  // --smoke stays in this process, to finish within seconds.
  let row: Row
  if (values.smoke) row = await measure(n)
  else {
    const run = spawnSync(
      process.execPath,
      [...process.execArgv, '--expose-gc', import.meta.filename, '--child', String(n), '--repeats', String(repeats)],
      {encoding: 'utf8', maxBuffer: 1 << 24},
    )
    if (run.status !== 0) throw new Error(`the ${n} run failed: ${run.stderr}`)
    row = JSON.parse(run.stdout.trim().split('\n').pop()!) as Row
  }
  rows.push(row)
  console.log(
    `  ${n.toLocaleString('en-GB').padStart(9)} ${row.edges.toLocaleString('en-GB').padStart(8)}  ${STAGES.map((s) => figure(row.ms[s])).join(' ')}`,
  )
  console.log(`  ${'CPU ms'.padStart(18)}  ${STAGES.map((s) => figure(row.cpu[s])).join(' ')}`)
  console.log(`  ${'MiB'.padStart(18)}  ${STAGES.map((s) => figure(row.mib[s])).join(' ')}`)
  console.log(`  ${''.padStart(18)}  ${row.found}`)
}

// The layered SVG layout is for small diagrams: time it on the size the report draws.
const catalog = await loadCatalog()
const smallSnapshot = createSnapshot([...syntheticResources(2_000, 3)], [])
const smallEdges = usageLinks(smallSnapshot.resources)
const small = mostLockedIn(focus(buildGraph(assess(smallSnapshot, catalog, {links: smallEdges}), smallEdges), 'res-1500', 2), {
  maxNodes: 60,
})
const layout = time(() => layeredLayout(small))
const drawn = time(() => renderDependencySvg(small))
console.log(
  `  layered layout of ${small.nodes.length} nodes and ${small.edgeCount} edges: ${layout.ms.toFixed(1)} ms (${layout.result.crossings} crossings); SVG ${drawn.ms.toFixed(1)} ms`,
)

if (rows.length > 1) {
  const [a, b] = [rows[0]!, rows[rows.length - 1]!]
  const growth = (b.n + b.edges) / (a.n + a.edges)
  console.log(
    `  scaling from ${a.n.toLocaleString('en-GB')} to ${b.n.toLocaleString('en-GB')} resources (nodes + edges ×${growth.toFixed(1)}):`,
  )
  for (const s of STAGES) console.log(`    ${s.padEnd(16)} ×${(b.ms[s] / Math.max(a.ms[s], 0.01)).toFixed(1)}`)
  const analysis = (r: Row) => r.ms.build + r.ms.components + r.ms.waves + r.ms.blast
  console.log(
    `    ${'build + analysis'.padEnd(16)} ×${(analysis(b) / analysis(a)).toFixed(1)} (${analysis(a).toFixed(0)} ms → ${analysis(b).toFixed(0)} ms; ${((analysis(b) * 1e6) / (b.n + b.edges)).toFixed(0)} ns per node or edge)`,
  )
}
