// History at scale: recording a 1,000,000-resource assessment (resource scores in batched
// multi-row inserts), then `history trend` over 100 assessments.
// Goals (issue #22): recording adds little to assess; a trend over 100 assessments answers well under a second.
//   npx tsx bench/history.ts [--resources 1000000] [--postgres postgres://…] [--smoke]
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import type {Assessment} from '../src/assessment/schema.js'
import {loadCatalog} from '../src/catalog/load.js'
import {openHistory} from '../src/history/open.js'
import {recordAssessment} from '../src/history/record.js'
import {historyTrend} from '../src/history/trend.js'
import {readSnapshot} from '../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../src/jobs/assess.js'
import {evaluateEstate} from '../src/jobs/pipeline.js'
import {loadPolicies} from '../src/policy/load.js'

const {values} = parseArgs({
  options: {
    resources: {type: 'string', default: '1000000'},
    postgres: {type: 'string'},
    smoke: {type: 'boolean', default: false},
  },
})
const size = values.smoke ? 20_000 : Number(values.resources)

// The demo estate's assessment, its resources repeated to `size` with distinct ids: real shapes, no assess run.
const loaded = await loadPolicies(['baseline', 'one-hole', 'sovereign-first', 'dora-exit'])
const demo = evaluateEstate(await readSnapshot(DEMO_SNAPSHOT), await loadCatalog(), loaded, {
  now: new Date('2026-09-30T08:00:00Z'),
})
const base = demo.assessment.resources
const resources: Assessment['resources'] = new Array(size)
for (let i = 0; i < size; i++) {
  const r = base[i % base.length]!
  resources[i] = {...r, id: `${r.id}#${i}`}
}
const big: Assessment = {...demo.assessment, resources, summary: {...demo.assessment.summary, resourceCount: size}}

async function run(target: string, label: string) {
  const store = await openHistory(target)
  const start = performance.now()
  await recordAssessment(store, big, demo.policies, [{path: 'estate.ndjson'}])
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
      recordMs: Math.round(recordMs),
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
