// Scan benchmark: the AWS collector, through the scan orchestrator, against a local AWS with a
// fixed latency per request: an organisation of N accounts × R regions × P pages of 100 resources.
// Wall time is compared with the lower bound that the concurrency allows. Goal: within 1.25×.
// The fake AWS runs in a child process, as a real API runs elsewhere. The SDK modules are loaded by a
// warm-up scan first: their one-off import cost is not what concurrency is about.
//   npx tsx bench/scan.ts [--accounts 20] [--regions 4] [--pages 5] [--latency 100] [--concurrency 8,16] [--runs 3]
//   npx tsx bench/scan.ts --smoke     (10 accounts × 4 regions × 3 pages, concurrency 8, one run; a few seconds)
//   npx tsx bench/scan.ts --million   (1,000,000 resources: 50 accounts × 4 regions × 50 pages at 10 ms, concurrency 16; prints peak RSS)
import {type ChildProcess, fork} from 'node:child_process'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {runScan} from '../src/collectors/scan.js'
import type {FakeAwsEstate, TaggingPage} from '../test/support/fake-aws.js'

const {values} = parseArgs({
  options: {
    accounts: {type: 'string', default: '20'},
    regions: {type: 'string', default: '4'},
    pages: {type: 'string', default: '5'},
    latency: {type: 'string', default: '100'},
    concurrency: {type: 'string', default: '8,16'},
    runs: {type: 'string', default: '3'},
    smoke: {type: 'boolean', default: false},
    million: {type: 'boolean', default: false},
  },
})
// --million: an organisation of 1,000,000 resources (50 accounts × 4 regions × 50 pages), one run, with peak memory.
const preset = values.million ? {accounts: 50, pages: 50, latency: 10, concurrency: [16], runs: 1} : undefined
const accounts = values.smoke ? 10 : (preset?.accounts ?? Number(values.accounts))
const regionCount = Number(values.regions)
const pagesPerRegion = values.smoke ? 3 : (preset?.pages ?? Number(values.pages))
const latencyMs = preset?.latency ?? Number(values.latency)
const concurrencies = values.smoke ? [8] : (preset?.concurrency ?? values.concurrency.split(',').map(Number))
const runs = values.smoke ? 1 : (preset?.runs ?? Number(values.runs))

const ALL_REGIONS = [
  'eu-west-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-3',
  'eu-south-1',
  'us-east-1',
  'us-west-2',
  'ap-southeast-1',
]
const regions = ALL_REGIONS.slice(0, regionCount)
/** Services of KINDS whose describe call the collector makes per region: ec2:instance, lambda:function, rds:db. */
const DESCRIBED_SERVICES = 3
const KINDS = [
  (a: string, r: string, i: number) => `arn:aws:ec2:${r}:${a}:instance/i-0${i.toString(16).padStart(16, '0')}`,
  (a: string, r: string, i: number) => `arn:aws:ec2:${r}:${a}:volume/vol-0${i.toString(16).padStart(16, '0')}`,
  (a: string, r: string, i: number) => `arn:aws:lambda:${r}:${a}:function:fn-${i}`,
  (a: string, r: string, i: number) => `arn:aws:rds:${r}:${a}:db:db-${i}`,
  (a: string, r: string, i: number) => `arn:aws:sqs:${r}:${a}:queue-${i}`,
  (_a: string, r: string, i: number) => `arn:aws:s3:::bucket-${r}-${i}`,
]

function syntheticEstate(): FakeAwsEstate {
  const ids = Array.from({length: accounts}, (_, i) => String(100000000000 + i * 1111))
  const pages: Record<string, TaggingPage[]> = {}
  let n = 0
  for (const account of ids)
    for (const region of regions)
      pages[`${account}/${region}`] = Array.from({length: pagesPerRegion}, () => ({
        ResourceTagMappingList: Array.from({length: 100}, () => {
          n++
          return {ResourceARN: KINDS[n % KINDS.length]!(account, region, n), Tags: [{Key: 'Environment', Value: 'production'}]}
        }),
      }))
  return {account: ids[0]!, members: ids.slice(1), regions, pages, latencyMs}
}

/**
 * Requests and the lower bound on wall time: GetCallerIdentity and ListAccounts come first, one after
 * the other; then every AssumeRole, DescribeRegions and GetResources page, at most `concurrency` at a
 * time, and no faster than the longest chain (AssumeRole → DescribeRegions → the pages of one region).
 */
function lowerBound(concurrency: number): {requests: number; boundMs: number} {
  const serial = 2
  // After a region's listing: one describe call per service found there (EC2, RDS, Lambda), for the attributes the catalog refines on.
  const describes = accounts * regionCount * DESCRIBED_SERVICES
  const parallel = accounts - 1 + accounts + accounts * regionCount * pagesPerRegion + describes
  const chain = 2 + pagesPerRegion + 1
  return {requests: serial + parallel, boundMs: latencyMs * (serial + Math.max(chain, Math.ceil(parallel / concurrency)))}
}

async function scanOnce(
  url: string,
  concurrency: number,
): Promise<{ms: number; cpuMs: number; resources: number; exitCode: number}> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const result = await runScan({
    providers: ['aws'],
    endpoints: {aws: url},
    concurrency,
    env: {},
    options: {
      aws: {org: true, homeRegion: 'eu-west-1', credentials: {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'bench-secret'}},
    },
  })
  const used = process.cpuUsage(cpu)
  return {
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    resources: result.snapshot.resources.length,
    exitCode: result.exitCode,
  }
}

/** The fake AWS in a child process; its request counters are read over IPC. */
async function startServer(estate: FakeAwsEstate) {
  const child: ChildProcess = fork(join(import.meta.dirname, 'fake-aws-process.ts'), {execArgv: ['--import', 'tsx']})
  const ask = <T>(message: unknown) =>
    new Promise<T>((resolve) => {
      child.once('message', (answer) => resolve(answer as T))
      child.send(message as object)
    })
  const {url} = await ask<{url: string}>({estate})
  return {
    url,
    stats: () => ask<{requests: number; maxInFlight: number}>('stats'),
    close: () => new Promise<void>((resolve) => child.once('exit', () => resolve()).send('close')),
  }
}

const estate = syntheticEstate()
const expectedResources = accounts * regionCount * pagesPerRegion * 100
console.log(
  `scan benchmark: ${accounts} accounts × ${regionCount} regions × ${pagesPerRegion} pages of 100 (${expectedResources.toLocaleString('en-US')} resources), ${latencyMs} ms per request, node ${process.version}`,
)
let worst = 0
for (const concurrency of concurrencies) {
  const server = await startServer(estate)
  try {
    await scanOnce(server.url, concurrency) // warm-up: loads the SDK modules once, as a long scan would have
    const before = (await server.stats()).requests
    const times: number[] = []
    let last: Awaited<ReturnType<typeof scanOnce>> | undefined
    for (let i = 0; i < runs; i++) {
      last = await scanOnce(server.url, concurrency)
      times.push(last.ms)
    }
    times.sort((a, b) => a - b)
    const wall = times[Math.floor(times.length / 2)]!
    const {requests, boundMs} = lowerBound(concurrency)
    const stats = await server.stats()
    const perRun = (stats.requests - before) / runs
    if (last?.resources !== expectedResources || last.exitCode !== 0 || perRun !== requests)
      throw new Error(
        `unexpected scan: ${last?.resources} resources (expected ${expectedResources}), exit ${last?.exitCode}, ${perRun} requests (expected ${requests})`,
      )
    const ratio = wall / boundMs
    worst = Math.max(worst, ratio)
    console.log(
      `  concurrency ${String(concurrency).padStart(2)}: ${requests} requests, wall ${wall.toFixed(0)} ms, lower bound ${boundMs} ms, ratio ${ratio.toFixed(2)}× (max in flight ${stats.maxInFlight}, CPU ${last.cpuMs.toFixed(0)} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB)`,
    )
  } finally {
    await server.close()
  }
}
console.log(`worst ratio ${worst.toFixed(2)}× (goal ≤ 1.25×)${worst <= 1.25 ? '' : ' — ABOVE GOAL'}`)
if (!values.smoke && worst > 1.25) process.exitCode = 1
