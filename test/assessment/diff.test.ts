import {beforeAll, describe, expect, it} from 'vitest'
import {describeIndexChange, diffAssessments} from '../../src/assessment/diff.js'
import type {ReportData} from '../../src/report/types.js'
import {reportData} from '../report/fixture.js'

let data: ReportData
const side = (d: ReportData, change: (x: ReportData) => void = () => {}) => {
  const copy = structuredClone({assessment: d.assessment, policies: d.policies}) as ReportData
  change(copy)
  return {assessment: copy.assessment, policies: copy.policies}
}

beforeAll(async () => {
  data = await reportData({hostile: false})
})

describe('diffAssessments', () => {
  it('the same assessment twice: nothing new, nothing resolved, no warning', () => {
    const diff = diffAssessments(side(data), side(data))
    expect(diff.newFindings).toEqual([])
    expect(diff.resolvedFindings).toEqual([])
    expect(diff.warnings).toEqual([])
    expect(diff.notCompared).toEqual([])
    expect(diff.indices.every((i) => i.delta === 0)).toBe(true)
  })

  it('a policy assessed on one side only: warned, and its findings are not "resolved"', () => {
    const before = side(data)
    const after = side(data, (x) => {
      x.policies = x.policies.filter((p) => p.name !== 'sovereign-first')
      x.assessment.provenance!.policies = x.assessment.provenance!.policies.filter((p) => p.name !== 'sovereign-first')
    })
    const sovereign = data.policies.find((p) => p.name === 'sovereign-first')!
    const open = sovereign.rules.reduce((n, r) => n + r.findings.filter((f) => !f.waiver).length, 0)
    expect(open).toBeGreaterThan(100)
    const diff = diffAssessments(before, after)
    expect(diff.resolvedFindings).toEqual([])
    expect(diff.notCompared).toEqual([{side: 'old', policy: 'sovereign-first', findings: open}])
    expect(diff.warnings).toEqual([
      `The two sides were assessed with different policies (before only: sovereign-first); their ${open} findings are not counted as new or resolved.`,
    ])
  })

  it('a rule added to a policy: its findings are not "new"', () => {
    const before = side(data, (x) => {
      x.policies[0]!.rules = x.policies[0]!.rules.filter((r) => r.id !== 'unmapped-types')
    })
    const diff = diffAssessments(before, side(data))
    expect(diff.newFindings).toEqual([])
    expect(diff.notCompared).toEqual([{side: 'new', policy: 'baseline', rule: 'unmapped-types', findings: 3}])
    expect(diff.warnings[0]).toMatch(/^Some rules were evaluated on one side only \(baseline\/unmapped-types\)/)
  })

  it('warns when an older side counted concentration over providers, with all SaaS as one', () => {
    const before = side(data, (x) => {
      delete x.assessment.summary.concentration.base
    })
    expect(diffAssessments(before, side(data)).warnings).toEqual([
      'The two sides count concentration over different holders (HHI over providers (all SaaS as one) → over ultimate parents): the HHI and the readiness move with the count, not the estate.',
    ])
  })

  it('warns when the catalog, a policy or the scoring constants differ, or provenance is missing', () => {
    const after = side(data, (x) => {
      x.assessment.provenance!.catalog.fingerprint = 'f'.repeat(64)
      x.assessment.provenance!.policies[1]!.sha256 = '0'.repeat(64)
      x.assessment.constants.statefulBonus += 1
    })
    const warnings = diffAssessments(side(data), after).warnings
    expect(warnings).toHaveLength(3)
    expect(warnings[0]).toMatch(
      /^The two sides were assessed with different catalogs \(fingerprint [0-9a-f]{12} → ffffffffffff\)/,
    )
    expect(warnings[1]).toBe(
      `Policy ${data.policies[1]!.name} differs between the two sides (rules, waivers or scoring changed): its new and resolved findings may come from the policy, not the estate.`,
    )
    expect(warnings[2]).toMatch(/^The scoring constants differ/)
    const old = side(data, (x) => {
      delete x.assessment.provenance
      x.assessment.generator.version = '0.0.9'
    })
    expect(diffAssessments(old, side(data)).warnings).toEqual([
      'The old side (written by exitready 0.0.9) records no catalog fingerprint or policy hashes, so a change of catalog or policy cannot be told apart from a change of the estate.',
    ])
  })

  it('records what the assessment was made with: the catalog fingerprint and a hash per policy', () => {
    const provenance = data.assessment.provenance!
    expect(provenance.catalog.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(provenance.policies.map((p) => p.name)).toEqual(data.policies.map((p) => p.name))
    for (const p of provenance.policies) expect(p.sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('index changes in words and units', () => {
  it.each([
    [
      {name: 'jurisdictionExposure', label: 'jurisdiction exposure', unit: 'share', old: 0.539, new: 0.612},
      'jurisdiction exposure 53.9% → 61.2% (+7.3 points)',
    ],
    [{name: 'lockInIndex', label: 'lock-in index', unit: 'score', old: 41.2, new: 44}, 'lock-in index 41.2 → 44.0 (+2.8)'],
    [{name: 'readiness', label: 'readiness', unit: 'score', old: 52.8, new: 50.1}, 'readiness 52.8 → 50.1 (−2.7)'],
    [{name: 'hhi', label: 'concentration (HHI)', unit: 'hhi', old: 3065, new: 3120}, 'concentration (HHI) 3,065 → 3,120 (+55)'],
    [
      {name: 'dataGiB', label: 'data to move', unit: 'gib', old: 172236.8, new: 172276.8},
      'data to move 168.2 TiB → 168.2 TiB (+40 GiB)',
    ],
    [{name: 'resources', label: 'resources', unit: 'count', old: 385, new: 385}, 'resources 385 → 385 (unchanged)'],
  ] as const)('%j', (change, text) => {
    expect(describeIndexChange({...change, delta: Math.round((change.new - change.old) * 1000) / 1000})).toBe(text)
  })
})
