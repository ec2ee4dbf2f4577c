import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Catalog} from '../../src/catalog/catalog.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {InputError} from '../../src/errors.js'
import type {Snapshot} from '../../src/inventory/model.js'
import {evaluateEstate} from '../../src/jobs/pipeline.js'
import {sovereigntyOf, weakest} from '../../src/sovereignty/score.js'

const NOW = new Date('2026-12-02T10:00:00Z')

type Spec = {id: string; provider: string; type: string; region?: string; tags?: Record<string, string>}
const snapshot = (resources: Spec[]): Snapshot => ({
  schema: 'exitready/inventory@1',
  createdAt: NOW.toISOString(),
  sources: [],
  resources: resources.map((r) => ({...r, tags: r.tags ?? {}, source: 'test'})),
})

let catalog: Catalog
beforeAll(async () => {
  catalog = await loadCatalog()
})

const sovereignty = (resources: Spec[], weights?: string) =>
  evaluateEstate(snapshot(resources), catalog, [], {now: NOW, sovereigntyWeights: weights}).assessment.sovereignty!

const bucket = (id: string, partition = 'aws', region = 'eu-central-1'): Spec => ({
  id: `arn:${partition}:s3:::${id}`,
  provider: 'aws',
  type: 'AWS::S3::Bucket',
  region,
})
const scwBucket = (id: string): Spec => ({
  id: `scaleway:bucket:${id}`,
  provider: 'scaleway',
  type: 'scaleway:object-bucket',
  region: 'fr-par',
})

describe('weakest', () => {
  it('is exact only when every part is exact and known', () => {
    expect(
      weakest([
        {seal: 3, bound: 'exact'},
        {seal: 1, bound: 'exact'},
      ]),
    ).toEqual({seal: 1, bound: 'exact'})
    expect(
      weakest([
        {seal: 3, bound: 'exact'},
        {seal: null, bound: 'at-most'},
      ]),
    ).toEqual({seal: 3, bound: 'at-most'})
    expect(
      weakest([
        {seal: 1, bound: 'exact'},
        {seal: 3, bound: 'at-most'},
      ]),
    ).toEqual({seal: 1, bound: 'at-most'})
    expect(
      weakest([
        {seal: 0, bound: 'exact'},
        {seal: null, bound: 'at-most'},
      ]),
    ).toEqual({seal: 0, bound: 'exact'})
    expect(weakest([{seal: null, bound: 'at-most'}])).toEqual({seal: null, bound: 'at-most'})
  })
})

describe('sovereigntyOf', () => {
  it('matches the AWS European Sovereign Cloud by ARN partition and by region, and an offering by tag', () => {
    const s = sovereignty([
      bucket('commercial'),
      bucket('esc-by-partition', 'aws-eusc', 'eusc-de-east-1'),
      {...bucket('esc-by-region'), id: 'esc-no-arn', region: 'eusc-de-east-1'},
      {
        id: 'vm-1',
        provider: 'azure',
        type: 'microsoft.compute/virtualmachines',
        region: 'francecentral',
        tags: {'sovereign-offering': 'bleu'},
      },
      {
        id: 'vm-2',
        provider: 'azure',
        type: 'microsoft.compute/virtualmachines',
        region: 'francecentral',
        tags: {'sovereign-offering': 's3ns'},
      },
    ])
    const count = Object.fromEntries(s.profiles.map((p) => [p.id, p.count]))
    expect(count.aws).toBe(1)
    expect(count['aws-eusc']).toBe(2)
    expect(count.bleu).toBe(1)
    // s3ns is a Google offering: an Azure resource tagged with it stays Azure.
    expect(count.azure).toBe(1)
  })

  it('takes the weakest link with the resources that hold it down, and a ceiling from catalog facts stays a ceiling', () => {
    const s = sovereignty([bucket('a'), bucket('b'), scwBucket('c')])
    const storage = s.scopes.find((x) => x.category === 'object-storage')!
    expect(storage.seal).toMatchObject({seal: 1, bound: 'exact'})
    expect(storage.seal.heldDownBy).toEqual([{profile: 'aws', count: 2, examples: ['arn:aws:s3:::a', 'arn:aws:s3:::b']}])
    const esc = sovereignty([bucket('x', 'aws-eusc', 'eusc-de-east-1')])
    // SOV-1 and SOV-2 capped at 1 by the US parent, the rest unknown: "at most SEAL-1", never an exact level.
    expect(esc.scopes[0]!.seal).toMatchObject({seal: 1, bound: 'at-most'})
    expect(esc.scopes[0]!.seal.objectives['SOV-3']).toEqual({seal: null, bound: 'at-most'})
  })

  it('computes the score from the profile points and the chosen weight set', () => {
    const onlyScaleway = sovereignty([scwBucket('a')])
    // Scaleway's objective shares (third-party card) with the v1.2.1 weights 15/10/10/15/20/15/10/5.
    const shares = [88.5, 95.8, 80.0, 79.0, 64.2, 55.0, 78.4, 75.1]
    const expected = (w: number[]) => Math.round(shares.reduce((sum, v, i) => sum + (v * w[i]!) / 100, 0) * 10) / 10
    expect(onlyScaleway.scopes[0]!.score.criticality.total).toBe(expected([15, 10, 10, 15, 20, 15, 10, 5]))
    expect(onlyScaleway.scopes[0]!.score.criticality.coverage).toBe(1)
    const calculator = sovereignty([scwBucket('a')], 'csf-calculator-2026')
    expect(calculator.weights.set).toBe('csf-calculator-2026')
    expect(calculator.scopes[0]!.score.criticality.total).toBe(expected([20, 10, 10, 15, 10, 15, 15, 5]))
    // Google Cloud has no score: counted as 0 points, and the known-only figure says what is known.
    const mixed = sovereignty([
      scwBucket('a'),
      {id: 'projects/p/buckets/b', provider: 'gcp', type: 'storage.googleapis.com/Bucket', region: 'europe-west3'},
    ])
    expect(mixed.scopes[0]!.score.resource.total).toBeCloseTo(expected([15, 10, 10, 15, 20, 15, 10, 5]) / 2, 0)
    expect(mixed.scopes[0]!.score.resource.coverage).toBe(0.5)
    expect(mixed.scopes[0]!.score.resource.known).toBe(expected([15, 10, 10, 15, 20, 15, 10, 5]))
  })

  it('lists moves to European alternatives that lift a critical category, with their effort', () => {
    const s = sovereignty([bucket('a'), scwBucket('b')])
    const raise = s.raise.find((r) => r.category === 'object-storage')!
    expect(raise.current).toEqual({seal: 1, bound: 'exact'})
    expect(raise.moves.length).toBeGreaterThan(0)
    for (const move of raise.moves) {
      expect(move.from).toMatchObject({profile: 'aws', type: 'AWS::S3::Bucket', count: 1})
      expect(move.toSeal.seal).toBeGreaterThan(1)
      expect(move.effort).toMatch(/^(S|M|L|XL)$/)
    }
    expect(raise.after.seal).toBeGreaterThan(1)
    // The targets appear among the profiles, for their certifications.
    expect(s.profiles.some((p) => p.id === raise.moves[0]!.to.profile)).toBe(true)
  })

  it('shows a certificate past its expiry date as expired, not held, and one still valid as held', () => {
    const data = catalog.sovereignty!
    const c5 = data.profiles.aws!.certifications[0]!
    const aws = {
      ...data.profiles.aws!,
      certifications: [
        {...c5, expires: '2026-12-01'},
        {...c5, scheme: 'iso-27001', expires: '2026-12-02'},
      ],
    }
    const dated = Object.assign(Object.create(Object.getPrototypeOf(catalog)), catalog, {
      sovereignty: {...data, profiles: {...data.profiles, aws}},
    }) as Catalog
    const s = evaluateEstate(snapshot([bucket('a')]), dated, [], {now: NOW}).assessment.sovereignty!
    const held = s.profiles.find((p) => p.id === 'aws')!.certifications.map((x) => [x.scheme, x.status])
    expect(held).toEqual([
      ['bsi-c5', 'expired'],
      ['iso-27001', 'held'],
    ])
  })

  it('refuses an unknown weight set with the choices', () => {
    expect(() => sovereignty([bucket('a')], 'csf-9')).toThrow(InputError)
    expect(() => sovereignty([bucket('a')], 'csf-9')).toThrow(/no weight set "csf-9"/)
  })

  it('is undefined for a catalog without sovereignty data', () => {
    const {sovereignty: _s, ...rest} = catalog as unknown as Record<string, unknown>
    const bare = Object.assign(Object.create(Object.getPrototypeOf(catalog)), rest, {sovereignty: undefined}) as Catalog
    const {assessment} = evaluateEstate(snapshot([bucket('a')]), catalog, [], {now: NOW})
    expect(sovereigntyOf(assessment, bare)).toBeUndefined()
  })

  it('property: the order of resources does not matter, and no weakest link is above any profile in its scope', () => {
    const pool: Spec[] = [
      bucket('a'),
      bucket('e', 'aws-eusc', 'eusc-de-east-1'),
      scwBucket('s'),
      {id: 'hetzner:server:1', provider: 'hetzner', type: 'hetzner:server', region: 'fsn1'},
      {id: 'projects/p/buckets/g', provider: 'gcp', type: 'storage.googleapis.com/Bucket', region: 'europe-west3'},
      {id: 'unknown:thing:1', provider: 'nocloud', type: 'nocloud:thing'},
    ]
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, {minLength: 1}), (subset) => {
        const s = sovereignty(subset)
        const reversed = sovereignty([...subset].reverse())
        expect(reversed.scopes.map((x) => [x.scope, x.category, x.seal.seal, x.score.criticality.total])).toEqual(
          s.scopes.map((x) => [x.scope, x.category, x.seal.seal, x.score.criticality.total]),
        )
        const estate = s.scopes[0]!
        expect(estate.count).toBe(subset.length)
        for (const p of s.profiles.filter((p) => p.count > 0))
          if (estate.seal.seal !== null && p.overall.seal !== null) expect(estate.seal.seal).toBeLessThanOrEqual(p.overall.seal)
        if (estate.score.criticality.known !== null)
          expect(estate.score.criticality.total).toBeLessThanOrEqual(estate.score.criticality.known + 1e-9)
      }),
      {numRuns: 40},
    )
  })
})
