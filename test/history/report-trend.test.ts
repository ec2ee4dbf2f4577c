import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Snapshot} from '../../src/inventory/model.js'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT, runAssess} from '../../src/jobs/assess.js'
import {tempDir} from '../helpers/cli.js'

const POLICIES = ['baseline', 'one-hole', 'sovereign-first', 'dora-exit']

/** The demo, changed: some resources dropped (their findings resolve), some added (new findings). */
async function changedDemo(dir: string, name: string, change: (s: Snapshot) => void): Promise<string> {
  const snapshot = await readSnapshot(DEMO_SNAPSHOT)
  change(snapshot)
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(snapshot))
  return file
}

describe('the report with history (assess --history)', () => {
  it('shows the trend over three assessments and marks findings new, unchanged and resolved', async () => {
    const dir = tempDir()
    const db = join(dir, 'exitready.db')
    const first = await changedDemo(dir, 'first.json', () => {})
    // Second: the SQS queues are gone (their findings resolve); two more captive-leaning SaaS apps appear.
    const second = await changedDemo(dir, 'second.json', (s) => {
      s.resources = s.resources.filter((r) => r.type !== 'AWS::SQS::Queue')
      for (const i of [1, 2])
        s.resources.push({
          id: `arn:aws:dynamodb:eu-central-1:111111111111:table/trend-new-${i}`,
          provider: 'aws',
          type: 'AWS::DynamoDB::Table',
          name: `trend-new-${i}`,
          region: 'eu-central-1',
          account: '111111111111',
          tags: {app: 'claims', owner: 'claims-platform@nordwind.example', 'critical-function': 'true'},
          sizeGiB: 50,
          source: 'test',
        })
    })
    // Third: the DynamoDB tables leave too.
    const third = await changedDemo(dir, 'third.json', (s) => {
      s.resources = s.resources.filter((r) => r.type !== 'AWS::SQS::Queue' && r.type !== 'AWS::DynamoDB::Table')
    })
    const run = (snapshot: string, day: string, outDir: string) =>
      runAssess({
        snapshots: [snapshot],
        outDir: join(dir, outDir),
        formats: ['html', 'md'],
        policies: POLICIES,
        history: db,
        now: new Date(`${day}T09:00:00Z`),
        version: '0.0.0-test',
      })
    const one = await run(first, '2026-09-30', 'one')
    expect(one.recorded?.id).toBe(1)
    const firstHtml = readFileSync(join(dir, 'one/exit-report.html'), 'utf8')
    expect(firstHtml).toContain('This is the first assessment recorded in the history')
    expect(firstHtml).not.toContain('id="chart-trend"')
    expect(firstHtml).not.toContain('Since previous')

    await run(second, '2026-10-31', 'two')
    const three = await run(third, '2026-11-30', 'three')
    expect(three.recorded?.id).toBe(3)

    const html = readFileSync(join(dir, 'three/exit-report.html'), 'utf8')
    // The trend: an inline SVG line chart with one point per assessment in each of its four series.
    const chart = /<svg[^>]*id="chart-trend"[\s\S]*?<\/svg>/.exec(html)?.[0]
    expect(chart).toBeDefined()
    const series = [...chart!.matchAll(/<g class="series" data-series="([^"]+)">([\s\S]*?)<\/g>/g)]
    expect(series.map((s) => s[1])).toEqual([
      'Exit readiness (grade)',
      'Lock-in index',
      'Jurisdiction exposure (%)',
      'Concentration (HHI ÷ 100)',
    ])
    for (const s of series) expect(s[2]!.match(/<circle/g)?.length).toBe(3)
    for (const day of ['2026-09-30', '2026-10-31', '2026-11-30']) expect(chart).toContain(`>${day}</text>`)
    // The grade at each point, and the trend in words from the first to this assessment.
    const grades = [one.assessment.summary.grade, three.assessment.summary.grade]
    expect(html).toContain(
      `Over the last 3 assessments (2026-09-30 to 2026-11-30): grade ${grades[0] === grades[1] ? `${grades[1]} (unchanged)` : `${grades[0]} → ${grades[1]}`}`,
    )
    expect(chart!.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|<script|href=/)

    // The marks: the third run against the second. The DynamoDB tables' findings resolved, the rest unchanged.
    const md = readFileSync(join(dir, 'three/exit-report.md'), 'utf8')
    const marks = /Since the assessment of 2026-10-31 \(#2\): (\d+) new, (\d+) unchanged and (\d+) resolved findings\./.exec(md)
    expect(marks).not.toBeNull()
    const [fresh, unchanged, resolved] = marks!.slice(1).map(Number) as [number, number, number]
    const current = three.policies.flatMap((p) => p.rules.flatMap((r) => r.findings)).length
    expect(fresh + unchanged).toBe(current)
    expect(resolved).toBeGreaterThan(0)
    expect(html).toContain('<h3>Resolved since the previous assessment</h3>')
    expect(html).toMatch(/<th scope="col">Since previous<\/th>/)
    expect(html).toMatch(/trend-new-1/)
    expect(html).toMatch(/<td>unchanged<\/td>/)

    // The second run against the first: the new tables' findings are marked new.
    const md2 = readFileSync(join(dir, 'two/exit-report.md'), 'utf8')
    const row = md2.split('\n').find((l) => l.includes('table/trend-new-1') && /\| new \|$/.test(l))
    expect(row).toBeDefined()
  }, 180_000)
})
