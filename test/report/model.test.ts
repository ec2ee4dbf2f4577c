import {describe, expect, it} from 'vitest'
import {buildReportModel, DATA_ACT_NO_CHARGES_FROM} from '../../src/report/model.js'
import {reportData} from './fixture.js'

describe('report content', () => {
  it('before 12 January 2027 the Data Act allows only reduced, cost-based switching charges', async () => {
    const model = buildReportModel(await reportData({now: new Date('2027-01-11T23:00:00Z')}))
    expect(model.dataActNote).toMatch(/^Until 2027-01-12.*cost-based.*from that date none may be charged/)
  })

  it(`from ${DATA_ACT_NO_CHARGES_FROM} no switching charges, egress included, may be charged`, async () => {
    const model = buildReportModel(await reportData({now: new Date('2027-01-12T08:00:00Z')}))
    expect(model.dataActNote).toMatch(/^Since 2027-01-12.*forbids providers to charge switching charges, egress included/)
  })

  it('plans the services causing most lock-in, in the order to act, and says what depends on each', async () => {
    const data = await reportData()
    const model = buildReportModel(data)
    // The cards cover the services with the largest shares of lock-in (plan.test.ts checks their order).
    const planned = new Set(model.plans.map((p) => `${p.provider}/${p.type}/${p.portability}`))
    for (const s of data.assessment.services.slice(0, model.plans.length))
      expect(planned.has(`${s.provider}/${s.type}/${s.portability}`)).toBe(true)
    const firstWaves = model.plans.map((p) => p.waves?.[0] ?? Number.MAX_SAFE_INTEGER)
    expect(firstWaves).toEqual([...firstWaves].sort((a, b) => a - b))
    const sqs = model.plans.find((p) => p.type === 'AWS::SQS::Queue')!
    expect(sqs.dependents).toBeGreaterThan(0)
    expect(sqs.steps.length).toBeGreaterThan(0)
    expect(model.risks).toHaveLength(3)
  })

  it('maps DORA, the Data Act and the sovereignty framework', async () => {
    const model = buildReportModel(await reportData())
    const provisions = model.regulation.map((r) => r.provision)
    expect(provisions).toEqual(
      expect.arrayContaining([
        'Art. 28(8) exit strategies',
        'Art. 29 ICT concentration risk',
        'SOV-2 legal and jurisdictional',
        'SOV-3 data and AI',
        'SOV-4 operational',
        'SOV-6 technology',
      ]),
    )
    expect(model.regulation.find((r) => r.provision === 'Art. 28(8) exit strategies')!.findings).toBeGreaterThan(0)
  })
})
