import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadPolicies} from '../../src/policy/load.js'
import {dependencyDiagram} from '../../src/report/diagram.js'
import {renderMarkdown} from '../../src/report/markdown.js'
import {buildReportModel, type ReportModel} from '../../src/report/model.js'
import {
  buildExitPlans,
  DEFAULT_PLANNING,
  dataActTimeline,
  effortDays,
  resolvePlanning,
  transferHours,
} from '../../src/report/plan.js'
import type {ReportData} from '../../src/report/types.js'
import {tempDir} from '../helpers/cli.js'
import {reportData} from './fixture.js'

let data: ReportData
let model: ReportModel

beforeAll(async () => {
  data = await reportData({hostile: false})
  model = buildReportModel(data)
})

const EFFORT_RANK: Record<string, number> = {S: 0, M: 1, L: 2, XL: 3}

describe('the exit plan', () => {
  it('is ordered by wave, then share of lock-in, then effort, not by share of lock-in alone', () => {
    const plans = model.plans
    expect(plans.length).toBeGreaterThan(10)
    expect(plans.map((p) => p.rank)).toEqual(plans.map((_, i) => i + 1))
    for (let i = 1; i < plans.length; i++) {
      const [x, y] = [plans[i - 1]!, plans[i]!]
      const wx = x.waves?.[0] ?? Number.MAX_SAFE_INTEGER
      const wy = y.waves?.[0] ?? Number.MAX_SAFE_INTEGER
      expect(wx).toBeLessThanOrEqual(wy)
      if (wx === wy) {
        expect(x.lockInContribution).toBeGreaterThanOrEqual(y.lockInContribution)
        if (x.lockInContribution === y.lockInContribution)
          expect(EFFORT_RANK[x.effort ?? ''] ?? 4).toBeLessThanOrEqual(EFFORT_RANK[y.effort ?? ''] ?? 4)
      }
    }
    // A service of a later wave comes after every card of wave 1, whatever its share of lock-in.
    const firstLater = plans.findIndex((p) => (p.waves?.[0] ?? 0) > 1)
    expect(firstLater).toBeGreaterThan(0)
    const byShare = [...plans].sort((x, y) => y.lockInContribution - x.lockInContribution)
    expect(plans.map((p) => p.type)).not.toEqual(byShare.map((p) => p.type))
  })

  it('each card gives the waves of its own resources, and names them with a count', () => {
    const waveOf = new Map<string, number>()
    for (const w of data.dependencies!.waves) for (const m of w.members) waveOf.set(m.id, w.wave)
    for (const p of model.plans) {
      const mine = data.assessment.resources.filter(
        (r) => r.provider === p.provider && r.type === p.type && r.portability === p.portability,
      )
      expect(mine.length).toBe(p.count)
      const waves = mine.map((r) => waveOf.get(r.id)!)
      expect(p.waves).toEqual([Math.min(...waves), Math.max(...waves)])
      expect(p.resourceNames).toEqual(mine.slice(0, 8).map((r) => r.name ?? r.id))
      // Apps and owners: counts per tag value, as the resources carry them.
      for (const [app, n] of p.apps) expect(mine.filter((r) => r.tags.app === app).length).toBe(n)
      for (const [owner, n] of p.owners) expect(mine.filter((r) => r.tags.owner === owner).length).toBe(n)
      expect(p.apps.reduce((s, [, n]) => s + n, 0)).toBeLessThanOrEqual(p.count)
    }
  })

  it('gives person-days from the effort size and count, overridable in a policy', async () => {
    const plan = model.plans.find((p) => p.effort === 'M')!
    const {service, perResource} = DEFAULT_PLANNING.sizes.M
    expect(plan.days![0]).toBeCloseTo(service[0] + plan.count * perResource[0], 0)
    expect(plan.days![1]).toBeCloseTo(service[1] + plan.count * perResource[1], 0)
    expect(effortDays('XL', 2, DEFAULT_PLANNING)).toEqual([36, 110])

    const file = join(tempDir(), 'effort.yaml')
    writeFileSync(
      file,
      `apiVersion: exitready.dev/v1
kind: Policy
metadata: {name: effort-test, title: Effort test}
effort:
  M: {service: [20, 40], perResource: [2, 4]}
  bandwidthGbps: 10
rules:
  - id: nothing-captive
    title: Nothing captive
    severity: low
    rationale: test
    remediation: test
    require: {portabilityNot: captive}
`,
    )
    const planning = resolvePlanning((await loadPolicies([file])).map((l) => l.policy.effort))
    expect(planning.sizes.M).toEqual({service: [20, 40], perResource: [2, 4]})
    expect(planning.sizes.S).toEqual(DEFAULT_PLANNING.sizes.S)
    expect(planning.bandwidthGbps).toBe(10)
    const overridden = buildExitPlans(data, planning).find((p) => p.type === plan.type && p.portability === plan.portability)!
    expect(overridden.days).toEqual([20 + 2 * plan.count, 40 + 4 * plan.count])
  })

  it('rejects an effort range whose low end is above its high end, with the line', async () => {
    const file = join(tempDir(), 'bad-effort.yaml')
    writeFileSync(
      file,
      `apiVersion: exitready.dev/v1
kind: Policy
metadata: {name: bad-effort, title: Bad}
effort:
  S: {service: [5, 1]}
rules:
  - {id: r, title: R, severity: low, rationale: x, remediation: x, require: {portabilityNot: captive}}
`,
    )
    await expect(loadPolicies([file])).rejects.toThrow(/bad-effort\.yaml:5/)
  })

  it('says how two cards of the same service differ', () => {
    const split = new Map<string, number[]>()
    for (const p of model.plans) split.set(`${p.provider}/${p.type}`, [...(split.get(`${p.provider}/${p.type}`) ?? []), p.rank])
    const pairs = [...split.values()].filter((ranks) => ranks.length > 1)
    expect(pairs.length).toBeGreaterThan(0)
    for (const ranks of pairs)
      for (const rank of ranks) {
        const p = model.plans[rank - 1]!
        expect(p.differs).toContain(`classed ${p.portability}`)
        for (const other of ranks.filter((r) => r !== rank)) expect(p.differs).toContain(`card ${other} covers`)
      }
    expect(model.plans.filter((p) => p.differs).length).toBe(pairs.flat().length)
  })
})

describe('the exit waves', () => {
  it('"first to move" names the services whose members most later resources use, counted by brute force', () => {
    const {graph, waves} = data.dependencies!
    const waveOf = new Map<number, number>()
    for (const w of waves) for (const m of w.members) waveOf.set(graph.index.get(m.id)!, w.wave)
    for (const summary of model.waves) {
      const members = waves.find((w) => w.wave === summary.wave)!.members
      for (const s of summary.firstToMove) {
        const later = new Set<number>()
        for (const m of members.filter((x) => x.provider === s.provider && x.type === s.type))
          for (const u of graph.in[graph.index.get(m.id)!]!) if (waveOf.get(u)! > summary.wave) later.add(u)
        expect(s.unblocks).toBe(later.size)
      }
      const counts = summary.firstToMove.map((s) => s.unblocks)
      expect(counts).toEqual([...counts].sort((x, y) => y - x))
    }
    expect(model.waves[0]!.firstToMove.length).toBeGreaterThan(0)
  })
})

describe('the dependency diagram', () => {
  it('marks each box with its exit wave, and collapses to services beyond 45 resources', () => {
    const deps = data.dependencies!
    const big = dependencyDiagram(deps)!
    const drawn = deps.components.slice(0, 3).reduce((n, c) => n + c.resources.length, 0)
    expect(drawn).toBeGreaterThan(45)
    expect(big).toContain(`(${drawn} resources), collapsed to services; W is the exit wave`)
    expect(big).toMatch(/>W\d+(–\d+)? · AWS::/)

    const small = deps.components.find((c) => c.resources.length >= 2 && c.resources.length <= 10)!
    const svg = dependencyDiagram({...deps, components: [small]})!
    expect(svg).not.toContain('collapsed to services')
    const waveOf = new Map<string, number>()
    for (const w of deps.waves) for (const m of w.members) waveOf.set(m.id, w.wave)
    const member = deps.graph.nodes[deps.graph.index.get(small.resources[0]!)!]!
    expect(svg).toContain(`>W${waveOf.get(member.id)} · ${(member.name ?? member.id).slice(0, 20)}`)
  })

  it('the Markdown diagram, collapsed to services, marks their waves too', () => {
    const md = [...renderMarkdown(data)].join('')
    const mermaid = /```mermaid\n(flowchart[\s\S]*?)```/.exec(md)?.[1]
    expect(mermaid).toBeDefined()
    expect(mermaid).toMatch(/\["W\d+(–\d+)? · /)
  })
})

describe('the Data Act timeline', () => {
  it('gives the Art. 25 windows, the charges of Arts. 29 and 34, and the transfer time at the stated bandwidth', () => {
    const timeline = dataActTimeline(data.assessment, DEFAULT_PLANNING, '2027-01-12')
    expect(timeline.rows.map((r) => r.reference)).toEqual([
      'Art. 25(2)(d)',
      'Art. 25(2)(a), 25(4), 25(5)',
      'Art. 25(2)(g)',
      'Art. 29(1)–(3)',
      'Art. 34(2)',
    ])
    expect(timeline.rows[0]!.period).toMatch(/2 months/)
    expect(timeline.rows[1]!.period).toMatch(/30 calendar days.*7 months/)
    expect(timeline.rows[2]!.period).toMatch(/at least 30 calendar days/)
    // 1 TiB at 1 Gbit/s: 8 × 2^40 bits / 10^9 bit/s.
    expect(transferHours(1024, 1)).toBeCloseTo((8 * 2 ** 40) / 1e9 / 3600, 6)
    const total = data.assessment.egress.estimates.reduce((n, e) => n + e.statefulGiB, 0)
    expect(timeline.totalGiB).toBeCloseTo(total, 6)
    expect(timeline.totalHours).toBeCloseTo(transferHours(total, 1), 6)
    const faster = dataActTimeline(data.assessment, {...DEFAULT_PLANNING, bandwidthGbps: 10}, '2027-01-12')
    expect(faster.totalHours).toBeCloseTo(timeline.totalHours / 10, 6)
    const slow = dataActTimeline(data.assessment, {...DEFAULT_PLANNING, bandwidthGbps: 0.01}, '2027-01-12')
    expect(slow.fitsTransition).toBe(false)
  })
})
