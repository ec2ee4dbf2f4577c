import {describe, expect, it} from 'vitest'
import {isFullDepth, measureCoverage, measureTerraformCoverage} from '../../src/catalog/coverage.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'

/**
 * Coverage must not fall below what the catalog delivers today. Raise these floors when the
 * catalog grows; never lower them without saying why in the commit.
 */
const FLOORS = {
  aws: {typeLevel: 422, serviceLevel: 1603, fullDepth: 426},
  // 594: four HSM entries lost their (wrong) KMS offers and Communications Gateway an unverifiable one.
  azure: {typeLevel: 589, serviceLevel: 2493, fullDepth: 594},
  gcp: {typeLevel: 344, serviceLevel: 839, fullDepth: 282},
} as const

/** Every Terraform list resolves at least this share of its registered types (entry, alias or default, never unmapped). */
const TERRAFORM_RESOLVED_FLOOR = 0.99
/** The lists of catalog/terraform/reference/, with the number of types each held when measured. */
const TERRAFORM_LISTS = {
  aws: 1691,
  azuread: 54,
  azurerm: 1103,
  exoscale: 39,
  google: 1330,
  'google-beta': 1459,
  hcloud: 29,
  ionoscloud: 74,
  openstack: 109,
  opentelekomcloud: 236,
  ovh: 169,
  scaleway: 155,
  stackit: 112,
  upcloud: 45,
} as const

describe('catalog coverage against the real type lists', () => {
  it('keeps every floor, with a service default for every namespace', async () => {
    const coverage = await measureCoverage(await loadCatalog())
    for (const c of coverage) {
      const floor = FLOORS[c.provider as keyof typeof FLOORS]
      expect(c.typeLevel, `${c.provider} type level`).toBeGreaterThanOrEqual(floor.typeLevel)
      expect(c.serviceLevel, `${c.provider} service level`).toBeGreaterThanOrEqual(floor.serviceLevel)
      expect(c.fullDepthEntries, `${c.provider} full-depth entries`).toBeGreaterThanOrEqual(floor.fullDepth)
      expect(c.missingNamespaces, `${c.provider} namespaces without a default`).toEqual([])
    }
  })

  it('resolves at least 99% of every Terraform provider’s registered types', async () => {
    const coverage = await measureTerraformCoverage(await loadCatalog())
    expect(Object.fromEntries(coverage.map((c) => [c.terraform, c.referenceTypes]))).toEqual(TERRAFORM_LISTS)
    for (const c of coverage) {
      expect(c.entry + c.alias + c.default + c.unmapped, c.terraform).toBe(c.referenceTypes)
      expect(
        (c.referenceTypes - c.unmapped) / c.referenceTypes,
        `${c.terraform}: unmapped ${c.unmappedTypes.slice(0, 20).join(', ')}`,
      ).toBeGreaterThanOrEqual(TERRAFORM_RESOLVED_FLOOR)
      expect(c.provider, `${c.terraform} has a table`).toBeDefined()
    }
    const aws = coverage.find((c) => c.terraform === 'aws')!
    // Before the tables, 446 of 1,691 AWS types resolved, all through entry aliases.
    expect(aws.alias).toBeGreaterThanOrEqual(440)
    expect(aws.default).toBeGreaterThan(1000)
  })

  it('full depth means a target, equivalents, European offers, effort, exit and aliases', () => {
    const entry = {
      category: 'x',
      portability: 'proprietary',
      stateful: false,
      effort: 'M',
      exit: 'e',
      aliases: ['a'],
      target: 's',
      equivalents: ['q'],
      european: [{provider: 'scaleway', service: 'S'}],
    } as const
    expect(
      isFullDepth({...entry, equivalents: [...entry.equivalents], aliases: [...entry.aliases], european: [...entry.european]}),
    ).toBe(true)
    expect(isFullDepth({...entry, equivalents: [], aliases: ['a'], european: [...entry.european]})).toBe(false)
    expect(
      isFullDepth({category: 'x', portability: 'captive', stateful: false, effort: 'XL', exit: 'rebuild', aliases: ['a']}),
    ).toBe(true)
  })

  it('leaves no type of the demo estate unmapped except the deliberate mainframe connectors', async () => {
    const catalog = await loadCatalog()
    const unmapped = new Set(
      (await readSnapshot(DEMO_SNAPSHOT)).resources
        .filter((r) => catalog.lookup(r.type, r.attributes).matchedBy === 'unmapped')
        .map((r) => r.type),
    )
    expect([...unmapped].sort()).toEqual(['Nordwind::Mainframe::Connector', 'nordwind.mainframe/connectors'])
  })

  it('maps every alias to exactly one type and every entry to a known category and provider', async () => {
    const catalog = await loadCatalog()
    for (const [alias, type] of catalog.aliases) expect(catalog.entries.has(type), `${alias} → ${type}`).toBe(true)
    for (const [type, {entry}] of catalog.entries) {
      expect(catalog.categories.has(entry.category), type).toBe(true)
      for (const rule of entry.refine ?? [])
        if (rule.set.category) expect(catalog.categories.has(rule.set.category), type).toBe(true)
    }
  })
})
