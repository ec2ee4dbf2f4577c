import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {checkSovereignty} from '../../src/catalog/sovereignty.js'
import {OBJECTIVE_IDS, SovereigntyFileSchema} from '../../src/catalog/sovereignty-schema.js'
import {InputError} from '../../src/errors.js'

describe('catalog/sovereignty', () => {
  it('gives every provider of providers.yaml a profile, every known level a source and date, and states EUCS as not adopted', async () => {
    const catalog = await loadCatalog()
    const data = catalog.sovereignty!
    for (const provider of catalog.providers.keys()) expect(data.profiles[provider]?.provider, provider).toBe(provider)
    for (const [id, p] of Object.entries(data.profiles))
      for (const o of OBJECTIVE_IDS) {
        const level = p.objectives[o]
        if (level.seal !== 'unknown') expect([id, o, Boolean(level.source && level.date)]).toEqual([id, o, true])
        // A level read from catalog facts is a ceiling, never presented as a finding.
        if (level.basis === 'catalog-facts') expect(level.bound).toBe('at-most')
      }
    expect(data.schemes.eucs?.status).toBe('not-adopted')
    expect(data.profiles['aws-eusc']?.match).toEqual({partitions: ['aws-eusc'], regions: ['eusc-*']})
    const weights = data.framework.weightSets[data.framework.defaultWeights]!.weights
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBe(100)
  })

  it('rejects a profile without its source, a missing provider profile and an unknown scheme', async () => {
    const level = {seal: 2, basis: 'third-party', evidence: 'x'}
    const parsed = SovereigntyFileSchema.safeParse({
      profiles: {
        aws: {
          provider: 'aws',
          name: 'AWS',
          frameworkVersion: 'csf-1.2.1',
          objectives: Object.fromEntries(OBJECTIVE_IDS.map((o) => [o, level])),
        },
      },
    })
    expect(parsed.success).toBe(false)
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/needs its source and date/)

    const catalog = await loadCatalog()
    const data = structuredClone(catalog.sovereignty!)
    delete data.profiles.hetzner
    expect(() => checkSovereignty(data, catalog.providers)).toThrow(/no profile for hetzner/)
    const bad = structuredClone(catalog.sovereignty!)
    bad.profiles.aws!.certifications.push({...bad.profiles.aws!.certifications[0]!, scheme: 'made-up'})
    expect(() => checkSovereignty(bad, catalog.providers)).toThrow(InputError)
    expect(() => checkSovereignty(bad, catalog.providers)).toThrow(/scheme made-up is not in the schemes list/)
  })
})
