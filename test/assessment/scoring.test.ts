import {cpSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {assess} from '../../src/assessment/assess.js'
import {DEFAULT_SCORING, resolveScoring} from '../../src/assessment/constants.js'
import {egressCost} from '../../src/assessment/egress.js'
import {couplingScore, gradeFor, gravityScore, hhi} from '../../src/assessment/score.js'
import type {Catalog} from '../../src/catalog/catalog.js'
import {BUILTIN_CATALOG_DIR, loadCatalog} from '../../src/catalog/load.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {createSnapshot} from '../../src/inventory/snapshot.js'

// A fixed catalog, so these tests check the scoring model and not the catalog's data.
const CATALOG = {
  'aws.yaml': `provider: aws
services:
  AWS::EC2:
    types:
      AWS::EC2::Instance: {category: compute-vm, portability: portable, stateful: false}
  AWS::DynamoDB:
    types:
      AWS::DynamoDB::Table: {category: key-value-db, portability: proprietary, stateful: true}
  AWS::S3:
    types:
      AWS::S3::Bucket: {category: object-storage, portability: compatible, stateful: true}
  AWS::Connect:
    types:
      AWS::Connect::Instance: {category: business-apps, portability: captive, stateful: true}
`,
  'hetzner.yaml': `provider: hetzner
services:
  hetzner:
    types:
      hetzner:server: {category: compute-vm, portability: portable, stateful: false}
`,
  'egress.yaml': `asOf: "2026-11-01"
providers:
  aws: {currency: USD, freeGiB: 100, tiers: [{upToGiB: 10240, perGiB: 0.09}, {upToGiB: 51200, perGiB: 0.085}, {perGiB: 0.07}], source: test}
`,
}

let catalog: Catalog
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoring-catalog-'))
  for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml'])
    cpSync(join(BUILTIN_CATALOG_DIR, name), join(dir, name))
  for (const [name, text] of Object.entries(CATALOG)) writeFileSync(join(dir, name), text)
  catalog = await loadCatalog({dir})
})

const res = (id: string, type: string, extra: Partial<ResourceInput> = {}): ResourceInput => ({
  id,
  type,
  provider: extra.provider ?? (type.startsWith('hetzner') ? 'hetzner' : 'aws'),
  region: 'eu-central-1',
  source: 'test',
  ...extra,
})
const run = (resources: ResourceInput[]) =>
  assess(createSnapshot(resources, []), catalog, {now: new Date('2026-11-28T00:00:00Z')})

describe('resource score factors', () => {
  it('base comes from the portability class', () => {
    const a = run([res('vm', 'AWS::EC2::Instance'), res('x', 'Unknown::Thing::Here'), res('c', 'AWS::Connect::Instance')])
    const byId = Object.fromEntries(a.resources.map((r) => [r.id, r]))
    expect(byId.vm!.breakdown.base).toBe(DEFAULT_SCORING.portabilityBase.portable)
    expect(byId.x!.breakdown.base).toBe(DEFAULT_SCORING.portabilityBase.unmapped)
    expect(byId.c!.breakdown.base).toBe(DEFAULT_SCORING.portabilityBase.captive)
  })

  it('data gravity adds a stateful bonus and grows with size', () => {
    expect(gravityScore(false, 5000, DEFAULT_SCORING)).toBe(0)
    expect(gravityScore(true, undefined, DEFAULT_SCORING)).toBe(DEFAULT_SCORING.statefulBonus)
    const small = gravityScore(true, 10, DEFAULT_SCORING)
    const large = gravityScore(true, 10_000, DEFAULT_SCORING)
    expect(small).toBeGreaterThan(DEFAULT_SCORING.statefulBonus)
    expect(large).toBeGreaterThan(small)
    expect(gravityScore(true, 1e12, DEFAULT_SCORING)).toBe(DEFAULT_SCORING.statefulBonus + DEFAULT_SCORING.maxSizeBonus)
  })

  it('coupling inherits part of a proprietary dependency’s lock-in and names it', () => {
    const a = run([
      res('vm', 'AWS::EC2::Instance', {dependsOn: ['table', 'bucket']}),
      res('table', 'AWS::DynamoDB::Table'),
      res('bucket', 'AWS::S3::Bucket'),
    ])
    const vm = a.resources.find((r) => r.id === 'vm')!
    const expected =
      DEFAULT_SCORING.couplingFactor * (DEFAULT_SCORING.portabilityBase.proprietary - DEFAULT_SCORING.portabilityBase.portable)
    expect(vm.breakdown.coupling).toBeCloseTo(expected, 1)
    // The compatible S3 bucket does not couple; only the proprietary table does.
    expect(vm.breakdown.couplingFrom).toEqual(['table'])
    expect(vm.score).toBeCloseTo(DEFAULT_SCORING.portabilityBase.portable + expected, 1)
  })

  it('coupling is capped and ignores less locked-in dependencies', () => {
    const constants = resolveScoring({couplingFactor: 1, maxCoupling: 5})
    expect(couplingScore({base: 10}, [{id: 'c', base: 85, portability: 'captive'}], constants).coupling).toBe(5)
    expect(couplingScore({base: 60}, [{id: 'p', base: 30, portability: 'proprietary'}], constants).coupling).toBe(0)
  })

  it('scores never exceed 100', () => {
    const a = assess(createSnapshot([res('c', 'AWS::Connect::Instance', {sizeGiB: 1e9})], []), catalog, {
      constants: resolveScoring({statefulBonus: 50}),
    })
    expect(a.resources[0]!.score).toBe(100)
  })
})

describe('estate indices', () => {
  it('the lock-in index is the criticality-weighted mean', () => {
    const a = run([res('vm', 'AWS::EC2::Instance'), res('t', 'AWS::DynamoDB::Table')])
    const vmWeight = catalog.category('compute-vm')!.weight
    const kvWeight = catalog.category('key-value-db')!.weight
    const [vm, t] = [a.resources[0]!, a.resources[1]!]
    expect(a.summary.lockInIndex).toBeCloseTo((vm.score * vmWeight + t.score * kvWeight) / (vmWeight + kvWeight), 1)
  })

  it('HHI is 10,000 for one provider and falls as the estate spreads', () => {
    expect(hhi([5])).toBe(10_000)
    expect(hhi([1, 1])).toBe(5_000)
    expect(hhi([1, 1, 1, 1])).toBe(2_500)
    const one = run([res('a', 'AWS::EC2::Instance'), res('b', 'AWS::EC2::Instance')])
    expect(one.summary.concentration).toMatchObject({
      hhi: 10_000,
      top: {provider: 'amazon', name: 'Amazon.com, Inc.', share: 1},
      base: 'ultimate-parent',
    })
    const two = run([res('a', 'AWS::EC2::Instance'), res('b', 'hetzner:server', {region: 'fsn1'})])
    expect(two.summary.concentration.hhi).toBe(5_000)
    expect(two.categories.find((c) => c.category === 'compute-vm')!.concentration.hhi).toBe(5_000)
  })

  it('jurisdiction exposure counts stateful or critical resources under non-EU control', () => {
    const a = run([res('t', 'AWS::DynamoDB::Table'), res('h', 'hetzner:server', {region: 'fsn1'})])
    // Both are counted (the server's category is critical); only the AWS table is non-EU. The Hetzner server is
    // EU-controlled, but Hetzner's US and Singapore locations are a non-EU reach, counted at foreignReachWeight.
    const w = (c: string) => catalog.category(c)!.weight
    const reach = DEFAULT_SCORING.foreignReachWeight * w('compute-vm')
    expect(a.summary.jurisdictionExposure).toBeCloseTo((w('key-value-db') + reach) / (w('key-value-db') + w('compute-vm')), 3)
    expect(a.resources.find((r) => r.id === 'h')!.exposure).toBe('foreign-reach')
    const tableRow = a.resources.find((r) => r.id === 't')!
    expect(tableRow.control).toBe('non-EU')
    expect(tableRow.country).toBe('DE')
  })

  it('data gravity sums known sizes and counts unknown ones without guessing', () => {
    const a = run([
      res('b1', 'AWS::S3::Bucket', {sizeGiB: 300}),
      res('b2', 'AWS::S3::Bucket'),
      res('vm', 'AWS::EC2::Instance', {sizeGiB: 50}),
    ])
    expect(a.summary.dataGiB).toBe(300)
    expect(a.summary.unknownSizeCount).toBe(1)
    const aws = a.egress.estimates.find((e) => e.provider === 'aws')!
    expect(aws).toMatchObject({statefulGiB: 300, unknownSize: 1, currency: 'USD'})
    expect(aws.cost).toBeCloseTo(200 * 0.09, 2)
  })

  it('egress follows the tiers after the free allowance', () => {
    const price = {
      currency: 'USD',
      freeGiB: 100,
      tiers: [{upToGiB: 10_240, perGiB: 0.09}, {upToGiB: 51_200, perGiB: 0.085}, {perGiB: 0.07}],
      source: 't',
    }
    expect(egressCost(50, price)).toBe(0)
    expect(egressCost(20_100, price)).toBeCloseTo(10_240 * 0.09 + 9_760 * 0.085, 2)
    expect(egressCost(60_100, price)).toBeCloseTo(10_240 * 0.09 + 40_960 * 0.085 + 8_800 * 0.07, 2)
  })

  it('unmapped resources are kept, listed and counted as unknown risk', () => {
    const a = run([res('x', 'Nordwind::Mainframe::Connector'), res('vm', 'AWS::EC2::Instance')])
    expect(a.resources).toHaveLength(2)
    expect(a.unmapped).toEqual([{type: 'Nordwind::Mainframe::Connector', provider: 'aws', count: 1}])
    expect(a.summary.unmappedShare).toBeGreaterThan(0)
  })

  it('grades from readiness thresholds', () => {
    const t = DEFAULT_SCORING.gradeThresholds
    expect(gradeFor(95, t)).toBe('A')
    expect(gradeFor(t.B, t)).toBe('B')
    expect(gradeFor(t.E - 0.1, t)).toBe('F')
    // A portable estate spread over EU providers grades better than a proprietary single-provider one.
    const good = run([res('a', 'hetzner:server', {region: 'fsn1'})])
    const bad = run([res('a', 'AWS::DynamoDB::Table'), res('b', 'AWS::Connect::Instance')])
    expect(good.summary.readiness).toBeGreaterThan(bad.summary.readiness)
  })

  it('policy overrides change the constants in effect, and the assessment reports them', () => {
    const constants = resolveScoring({portabilityBase: {portable: 0}, gradeThresholds: {A: 99}})
    const a = assess(createSnapshot([res('vm', 'AWS::EC2::Instance')], []), catalog, {constants})
    expect(a.resources[0]!.score).toBe(0)
    expect(a.constants.gradeThresholds.A).toBe(99)
    expect(a.constants.portabilityBase.proprietary).toBe(DEFAULT_SCORING.portabilityBase.proprietary)
  })
})
