// History at scale: recording a 1,000,000-resource assessment (resource scores in batched
// chunks) against assessing the same estate, then `history trend` over 100 assessments.
// Goals (issue #22): recording adds little to assess; a trend over 100 assessments answers well under a second.
//   npx tsx bench/history.ts [--resources 1000000] [--postgres postgres://…] [--smoke]
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {loadCatalog} from '../src/catalog/load.js'
import {openHistory} from '../src/history/open.js'
import {recordAssessment} from '../src/history/record.js'
import {historyTrend} from '../src/history/trend.js'
import {createSnapshot, readSnapshot} from '../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../src/jobs/assess.js'
import {evaluateEstate} from '../src/jobs/pipeline.js'
import {loadPolicies} from '../src/policy/load.js'
import {syntheticResources} from './estate.js'

const {values} = parseArgs({
  options: {
    resources: {type: 'string', default: '1000000'},
    postgres: {type: 'string'},
    smoke: {type: 'boolean', default: false},
  },
})
const size = values.smoke ? 20_000 : Number(values.resources)

const catalog = await loadCatalog()
const loaded = await loadPolicies(['baseline', 'one-hole', 'sovereign-first', 'dora-exit'])
const now = new Date('2026-09-30T08:00:00Z')
// The big run: a synthetic estate of `size` resources (bench/estate.ts) assessed here, so that the
// recording cost is set against the assess (evaluation) cost of the very same estate.
const snapshot = createSnapshot(
  [...syntheticResources(size)],
  [{provider: 'aws', scope: 'bench', status: 'complete', count: size}],
  now,
)
const assessStart = performance.now()
const big = evaluateEstate(snapshot, catalog, loaded, {now})
const assessMs = performance.now() - assessStart
// The 99 small runs: the demo estate's assessment, ten resources each.
const demo = evaluateEstate(await readSnapshot(DEMO_SNAPSHOT), catalog, loaded, {now})
const base = demo.assessment.resources

async function run(target: string, label: string) {
  const store = await openHistory(target)
  const start = performance.now()
  await recordAssessment(store, big.assessment, big.policies, [{path: 'estate.ndjson'}])
  const recordMs = performance.now() - start
  const small = {...demo.assessment, resources: base.slice(0, 10)}
  for (let i = 1; i < 100; i++)
    await recordAssessment(store, {...small, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString()}, [], [])
  const trendStart = performance.now()
  const estate = await historyTrend(store, {metric: 'lockInIndex', limit: 100})
  const byProvider = await historyTrend(store, {metric: 'lockInIndex', by: 'provider', limit: 100})
  const trendMs = performance.now() - trendStart
  await store.close()
  const sizeMiB = target.startsWith('postgres') ? undefined : statSync(target).size / 2 ** 20
  console.log(
    JSON.stringify({
      store: label,
      resources: size,
      assessMs: Math.round(assessMs),
      recordMs: Math.round(recordMs),
      recordPercentOfAssess: Math.round((recordMs / assessMs) * 1000) / 10,
      rowsPerSecond: Math.round(size / (recordMs / 1000)),
      trendOver100Ms: Math.round(trendMs * 10) / 10,
      points: estate.assessments.length + byProvider.assessments.length,
      ...(sizeMiB !== undefined ? {fileMiB: Math.round(sizeMiB)} : {}),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  )
  if (trendMs > 1000) throw new Error(`history trend over 100 assessments took ${Math.round(trendMs)} ms (goal: well under 1 s)`)
}

const dir = mkdtempSync(join(tmpdir(), 'exitready-bench-history-'))
try {
  await run(join(dir, 'exitready.db'), 'sqlite')
  if (values.postgres) await run(values.postgres, 'postgres')
} finally {
  rmSync(dir, {recursive: true, force: true})
}
