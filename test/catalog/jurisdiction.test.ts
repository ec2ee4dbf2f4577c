import {describe, expect, it} from 'vitest'
import {assess} from '../../src/assessment/assess.js'
import {resolveScoring} from '../../src/assessment/constants.js'
import {jurisdictionOf, lintCatalog} from '../../src/catalog/lint.js'
import {loadCatalog} from '../../src/catalog/load.js'
import type {Snapshot} from '../../src/inventory/model.js'
import {buildReportModel} from '../../src/report/model.js'

const NOW = new Date('2026-12-02T00:00:00Z')
const resource = (provider: string, type: string, id = `${provider}:${type}`) => ({id, provider, type, tags: {}, source: 'test'})
const snapshot = (...resources: ReturnType<typeof resource>[]): Snapshot => ({
  schema: 'exitready/inventory@1',
  createdAt: NOW.toISOString(),
  sources: [],
  resources,
})

describe('jurisdiction follows the ultimate owner', () => {
  it('every provider and every SaaS vendor has the class its owner’s country gives', async () => {
    const catalog = await loadCatalog()
    for (const [id, info] of catalog.providers) expect([id, info.jurisdiction]).toEqual([id, jurisdictionOf(info.parentCountry)])
    for (const [type, {entry}] of catalog.entries)
      if (entry.vendor) expect([type, entry.vendor.jurisdiction]).toEqual([type, jurisdictionOf(entry.vendor.country)])
    // Exoscale is Swiss-run but controlled from Mexico (América Movil through A1 Group).
    expect(catalog.provider('exoscale')).toMatchObject({parentCountry: 'MX', jurisdiction: 'non-EU'})
    expect((await lintCatalog({now: NOW})).filter((p) => p.rule === 'jurisdiction')).toEqual([])
  })

  it('names the non-EU subsidiaries and locations through which EU providers are reached, with the case or law', async () => {
    const catalog = await loadCatalog()
    const reach = (id: string) => (catalog.provider(id)!.foreignAccessVia ?? []).map((f) => f.country)
    expect(catalog.provider('ovhcloud')!.foreignAccessVia![0]).toMatchObject({
      country: 'CA',
      kind: 'subsidiary',
      basis: expect.stringMatching(/King v\. OVH .*2025.*production order/),
    })
    expect(reach('hetzner')).toEqual(['US', 'SG'])
    expect(reach('ionos')).toContain('US')
    expect(reach('upcloud')).toEqual(expect.arrayContaining(['US', 'SG', 'AU']))
    expect(reach('scaleway')).toEqual([])
    // SAP owns Concur; a US subsidiary runs it.
    expect(catalog.lookup('saas:sap/concur').vendor).toMatchObject({jurisdiction: 'EU', operatingEntity: {country: 'US'}})
  })

  it('exposure tells US-controlled from EU-controlled with a non-EU reach, and scoring weighs the reach', async () => {
    const catalog = await loadCatalog()
    const estate = snapshot(
      resource('aws', 'AWS::S3::Bucket'),
      resource('ovhcloud', 'ovhcloud:object-container'),
      resource('scaleway', 'scaleway:object-bucket'),
      resource('saas', 'saas:sap/concur'),
    )
    const a = assess(estate, catalog, {now: NOW})
    expect(a.resources.map((r) => [r.provider, r.control, r.exposure])).toEqual([
      ['aws', 'non-EU', 'foreign-control'],
      ['ovhcloud', 'EU', 'foreign-reach'],
      ['scaleway', 'EU', 'none'],
      ['saas', 'EU', 'foreign-reach'],
    ])
    const weight = (i: number) => a.resources[i]!.weight
    const base = weight(0) + weight(1) + weight(2) + weight(3)
    expect(a.summary.foreignReachShare).toBeCloseTo((weight(1) + weight(3)) / base, 3)
    expect(a.summary.jurisdictionExposure).toBeCloseTo((weight(0) + 0.25 * (weight(1) + weight(3))) / base, 3)
    // A policy can count the reach as nothing, or as much as foreign control.
    const none = assess(estate, catalog, {now: NOW, constants: resolveScoring({foreignReachWeight: 0})})
    expect(none.summary.jurisdictionExposure).toBeCloseTo(weight(0) / base, 3)
    expect(a.providers.find((p) => p.provider === 'ovhcloud')!.foreignAccessVia![0]).toMatchObject({country: 'CA'})
  })
})

describe('the Data Act note', () => {
  it('says switching is free from 12 January 2027 but egress for parallel use may still be charged at cost', async () => {
    const catalog = await loadCatalog()
    expect(catalog.egress.dataAct).toMatch(/12 January 2027.*Art\. 29\(1\).*parallel.*Art\. 34\(1\)/s)
    const a = assess(snapshot(resource('aws', 'AWS::S3::Bucket')), catalog, {now: NOW})
    expect(a.egress.dataAct).toBe(catalog.egress.dataAct)
    for (const now of [NOW, new Date('2027-02-01T00:00:00Z')]) {
      const model = buildReportModel({assessment: a, policies: [], now})
      expect(model.dataActNote).toMatch(/Parallel use is not switching: .* egress may still be charged at cost \(Art\. 34\)\./)
    }
  })
})
