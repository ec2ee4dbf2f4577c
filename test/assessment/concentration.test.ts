import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {aggregateHolders, concentrationByControl} from '../../src/assessment/concentration.js'
import {CtppFileSchema, loadControlData} from '../../src/catalog/control.js'
import {BUILTIN_CATALOG_DIR, loadCatalog} from '../../src/catalog/load.js'
import {parseYaml} from '../../src/util/yaml.js'
import {estate} from '../policy/helpers.js'

const CF = {'critical-function': 'true'}

describe('concentration by who controls', () => {
  it('counts Microsoft 365 (Entra ID) with Azure under Microsoft, and each SaaS vendor apart', async () => {
    const a = await estate([
      {provider: 'azure', type: 'microsoft.compute/virtualmachines', tags: CF},
      {provider: 'saas', type: 'saas:microsoft-365/entra-id', tags: CF},
      {provider: 'saas', type: 'saas:slack/slack'},
      {provider: 'saas', type: 'saas:atlassian/jira-cloud'},
      {provider: 'aws', type: 'AWS::EC2::Instance'},
    ])
    const c = a.concentrationByControl!
    // No vendor called "saas": Microsoft 365, Slack and Atlassian are three vendors.
    expect(c.vendors.map((v) => v.id).sort()).toEqual(['aws', 'azure', 'saas:atlassian', 'saas:microsoft-365', 'saas:slack'])
    const microsoft = c.groups.find((g) => g.id === 'microsoft')!
    expect(microsoft.count).toBe(2)
    expect(microsoft.criticalFunctionShare).toBe(1)
    expect(microsoft.members).toEqual(['Microsoft Azure', 'Microsoft Corporation'])
    expect(microsoft.ctpp).toEqual(['Microsoft Ireland Operations Limited'])
    expect(c.vendors.find((v) => v.id === 'saas:microsoft-365')!.ctpp).toBe('Microsoft Ireland Operations Limited')
    expect(c.groups.find((g) => g.id === 'salesforce')!.members).toEqual(['Salesforce Inc.'])
    // The parent HHI is higher than the vendor HHI once Azure and Microsoft 365 are one group.
    expect(c.hhi.group).toBeGreaterThan(c.hhi.vendor)
  })

  it('gives the grade the HHI over ultimate parents, not one over providers with all SaaS as one "saas"', async () => {
    // By provider label this estate is aws and "saas" (HHI 5,000); by who controls it is Microsoft alone.
    const microsoft = await estate([
      {provider: 'azure', type: 'microsoft.compute/virtualmachines'},
      {provider: 'saas', type: 'saas:microsoft-365/entra-id'},
      {provider: 'saas', type: 'saas:github/enterprise-cloud'},
    ])
    expect(microsoft.summary.concentration).toMatchObject({
      hhi: 10_000,
      base: 'ultimate-parent',
      providers: 1,
      top: {provider: 'microsoft', name: 'Microsoft Corporation', share: 1},
    })
    expect(microsoft.summary.concentration.hhi).toBe(microsoft.concentrationByControl!.hhi.group)
    // Two SaaS vendors of different groups are two holders, not one "saas".
    const spread = await estate([
      {provider: 'saas', type: 'saas:slack/slack'},
      {provider: 'saas', type: 'saas:atlassian/jira-cloud'},
    ])
    expect(spread.summary.concentration.providers).toBe(2)
    expect(spread.summary.concentration.hhi).toBeLessThan(10_000)
    const w = spread.summary.deductions.concentration
    const weight = spread.constants.readinessWeights.concentration
    expect(w).toBeCloseTo((weight * spread.summary.concentration.hhi) / 100, 1)
  })

  it('counts SaaS that runs on AWS as a fourth-party dependency of Amazon', async () => {
    const a = await estate([
      {provider: 'saas', type: 'saas:slack/slack'},
      {provider: 'saas', type: 'saas:atlassian/jira-cloud'},
      {provider: 'hetzner', type: 'hetzner:server'},
    ])
    const amazon = a.concentrationByControl!.groups.find((g) => g.id === 'amazon')!
    expect(amazon.count).toBe(0)
    expect(amazon.fourthParty.count).toBe(2)
    expect(amazon.fourthParty.via.length).toBe(2)
    expect(amazon.withFourthPartyShare).toBe(amazon.fourthParty.share)
    expect(amazon.withFourthPartyShare).toBeGreaterThan(0)
    expect(amazon.ctpp).toEqual(['Amazon Web Services EMEA SARL'])
  })

  it('labels every share with its base: weighted, by count, and of critical functions differ', async () => {
    const a = await estate([
      {provider: 'aws', type: 'AWS::KMS::Key', tags: CF},
      {provider: 'hetzner', type: 'hetzner:server'},
      {provider: 'hetzner', type: 'hetzner:server'},
    ])
    const aws = a.concentrationByControl!.vendors.find((v) => v.id === 'aws')!
    expect(aws.countShare).toBeCloseTo(1 / 3, 3)
    expect(aws.criticalFunctionShare).toBe(1)
    expect(aws.share).toBeCloseTo(a.providers.find((p) => p.provider === 'aws')!.share, 4)
  })

  it('is computed over per-holder sums: the same sums give the same result', async () => {
    const a = await estate([{type: 'AWS::EC2::Instance'}, {provider: 'gcp', type: 'compute.googleapis.com/Instance'}])
    const catalog = await loadCatalog()
    expect(concentrationByControl(aggregateHolders(a.resources), catalog)).toEqual(a.concentrationByControl)
  })
})

describe('the ESAs’ list of critical ICT third-party providers (catalog/ctpp.yaml)', () => {
  it('is the first list of 18 November 2025, with 19 providers, its sources and each group named', () => {
    const file = join(BUILTIN_CATALOG_DIR, 'ctpp.yaml')
    const ctpp = parseYaml({file, text: readFileSync(file, 'utf8')}, CtppFileSchema)
    expect(ctpp.asOf).toBe('2025-11-18')
    expect(ctpp.designated).toHaveLength(19)
    expect(ctpp.sources.length).toBeGreaterThan(0)
    expect(ctpp.designated.map((d) => d.entity)).toEqual(
      expect.arrayContaining([
        'Amazon Web Services EMEA SARL',
        'Google Cloud EMEA Limited',
        'Microsoft Ireland Operations Limited',
      ]),
    )
  })

  it('names groups that providers.yaml and ownership.yaml use for the providers it covers', async () => {
    const catalog = await loadCatalog()
    const {ctpp, ownership} = loadControlData()
    for (const d of ctpp.designated)
      for (const holder of d.covers ?? []) {
        const group = holder.startsWith('saas:') ? (ownership.saas[holder]?.group ?? holder) : catalog.provider(holder)?.parentId
        expect(group, `${d.entity} covers ${holder}`).toBe(d.group)
      }
  })

  it('a bad file names file, line and column', () => {
    expect(() =>
      parseYaml(
        {
          file: 'ctpp.yaml',
          text: 'asOf: 2025-11-18\nreadOn: 2026-12-02\nsources: [x]\ndesignated:\n  - {entity: X, group: Bad Group}\n',
        },
        CtppFileSchema,
      ),
    ).toThrow(/ctpp\.yaml:5:\d+/)
  })
})
