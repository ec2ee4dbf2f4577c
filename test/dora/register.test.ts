import {describe, expect, it} from 'vitest'
import {proposedServiceType} from '../../src/dora/register.js'
import {validateRegister} from '../../src/dora/validate.js'
import {demoArrangementsText, registerFor, values} from './helpers.js'

describe('the register of the demo estate', () => {
  it('passes validation: no errors', async () => {
    const {register} = await registerFor()
    const validation = validateRegister(register)
    expect(validation.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(register.entityId).toBe('rs:NORDWINDVERSICH0DE49.CON')
    expect(register.refPeriod).toBe('2025-12-31')
  })

  it('B_02.02: one row per function, service type and country; storage from stateful resources, qx2007 where none', async () => {
    const {register} = await registerFor()
    const rows = values(register.tables.get('B_02.02')!)
    const aws = rows.filter((r) => r.c0010 === 'NW-ICT-2021-001' && r.c0050 === 'F1')
    // eu-central-1 (DE) and eu-west-1 (IE), IaaS and PaaS.
    expect(aws.map((r) => `${r.c0060} ${r.c0130} ${r.c0150} ${r.c0160}`)).toEqual([
      'eba_TA:S17 eba_GA:DE eba_GA:DE eba_GA:DE',
      'eba_TA:S17 eba_GA:IE eba_GA:IE eba_GA:IE',
      'eba_TA:S18 eba_GA:DE eba_GA:DE eba_GA:DE',
      'eba_TA:S18 eba_GA:IE eba_GA:IE eba_GA:IE',
    ])
    expect(aws[0]).toMatchObject({
      c0080: '9999-12-31',
      c0100: '90',
      c0110: '365',
      c0120: 'eba_GA:LU',
      c0140: 'eba_BT:x28',
      c0170: 'eba_ZZ:x793',
    })
    // The broker portal's IaaS part in westeurope holds no stateful resource there.
    const azureNl = rows.find((r) => r.c0010 === 'NW-ICT-2022-002' && r.c0060 === 'eba_TA:S17' && r.c0130 === 'eba_GA:NL')
    expect(azureNl).toMatchObject({c0150: 'eba_GA:qx2007', c0160: 'eba_GA:NL'})
  })

  it('warns of a multi-country region at the columns and first row of the rows it leaves incomplete', async () => {
    const {register} = await registerFor()
    const rows = values(register.tables.get('B_02.02')!)
    const warning = register.notes.find((n) => n.message.includes('gcp/EU'))!
    expect(warning).toMatchObject({
      severity: 'warning',
      template: 'B_02.02',
      column: 'c0130, c0150, c0160',
      key: 'NW-ICT-2023-003',
    })
    // The first row of the contract's PaaS service, the one with resources in the multi-region "EU".
    const first = rows[warning.row! - 1]!
    const before = rows[warning.row! - 2]!
    expect(first).toMatchObject({c0010: 'NW-ICT-2023-003', c0060: 'eba_TA:S18'})
    expect(`${before.c0010} ${before.c0060}`).not.toBe('NW-ICT-2023-003 eba_TA:S18')
  })

  it('locations given for a service replace the region countries: supplied, storage per country, no multi-country warning', async () => {
    const text = demoArrangementsText().replace(
      '      - select: [{provider: gcp, account: nordwind-ml-prod}]\n',
      '      - select: [{provider: gcp, account: nordwind-ml-prod}]\n        locations: [{country: DE, storesData: true}, {country: BE}]\n',
    )
    const {register} = await registerFor(text)
    const rows = register.tables.get('B_02.02')!.filter((r) => r.c0010?.value === 'NW-ICT-2023-003')
    expect(rows.map((r) => `${r.c0060?.value} ${r.c0130?.value} ${r.c0150?.value} ${r.c0160?.value}`)).toEqual([
      'eba_TA:S17 eba_GA:DE eba_GA:DE eba_GA:DE',
      'eba_TA:S17 eba_GA:BE eba_GA:qx2007 eba_GA:BE',
      'eba_TA:S18 eba_GA:DE eba_GA:DE eba_GA:DE',
      'eba_TA:S18 eba_GA:BE eba_GA:qx2007 eba_GA:BE',
    ])
    expect(rows[0]!.c0130).toMatchObject({source: 'supplied', field: 'arrangements[2].services[0].locations'})
    expect(rows[0]!.c0160).toMatchObject({source: 'supplied'})
    expect(register.notes.some((n) => n.message.includes('gcp/EU'))).toBe(false)
    expect(validateRegister(register).problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('marks each value with its source: supplied, derived, proposed (with what from), default', async () => {
    const {register} = await registerFor()
    const row = register.tables.get('B_02.02')![0]!
    expect(row.c0010).toMatchObject({source: 'supplied', field: 'arrangements[0].reference'})
    expect(row.c0130).toMatchObject({source: 'proposed', from: 'regions eu-central-1 (DE)'})
    expect(row.c0150).toMatchObject({source: 'derived', from: expect.stringContaining('stateful resources in eu-central-1')})
    expect(row.c0160).toMatchObject({source: 'proposed', from: expect.stringContaining('resources in eu-central-1')})
    expect(row.c0080).toMatchObject({source: 'default', value: '9999-12-31'})
  })

  it('B_05.01: head office and ultimate parent proposed from providers.yaml; the parent is a row of its own', async () => {
    const {register} = await registerFor()
    const rows = register.tables.get('B_05.01')!
    const aws = rows.find((r) => r.c0010?.value === 'FICTAWSEMEASARL0LU10')!
    expect(aws.c0080).toMatchObject({
      value: 'eba_GA:LU',
      source: 'proposed',
      from: expect.stringContaining('providers.yaml aws legalHome'),
    })
    expect(aws.c0100).toMatchObject({value: '840000', source: 'derived'})
    expect(aws.c0110?.value).toBe('FICTAMAZONCOMINC0U36')
    const amazon = rows.find((r) => r.c0010?.value === 'FICTAMAZONCOMINC0U36')!
    expect(amazon.c0050).toMatchObject({value: 'Amazon.com, Inc.', source: 'proposed'})
    expect(amazon.c0080).toMatchObject({value: 'eba_GA:US', source: 'proposed'})
    expect(amazon.c0110?.value).toBe('FICTAMAZONCOMINC0U36')
    expect(amazon.c0100).toBeUndefined() // not a direct provider
    // Hetzner is its own ultimate parent; its supplied head office wins over the catalog.
    const hetzner = rows.find((r) => r.c0010?.value === 'FICTHETZNERONLINE081')!
    expect(hetzner.c0110?.value).toBe('FICTHETZNERONLINE081')
    expect(hetzner.c0080).toMatchObject({value: 'eba_GA:DE', source: 'supplied'})
    // The supplied Microsoft parent name is not replaced by the catalog's.
    expect(rows.find((r) => r.c0010?.value === 'FICTMICROSOFTCORP010')!.c0050).toMatchObject({source: 'supplied'})
  })

  it('B_05.02: a SaaS vendor hosted on a hyperscaler gives a rank-2 row with the vendor as recipient', async () => {
    const text = demoArrangementsText()
      .replace(
        'providers:\n',
        'providers:\n  vendor:\n    code: 5493001KJTIIGC8Y1R12\n    legalName: Vendor SaaS GmbH\n    headOffice: DE\n    ultimateParent: self\n    subcontractors: [{provider: aws}]\n',
      )
      .replace('definitions:', 'definitions_placeholder:')
      .replace(
        'definitions_placeholder:',
        `  - reference: NW-SAAS-1\n    provider: vendor\n    start: 2025-01-01\n    annualCost: {amount: 1000, currency: EUR}\n    functions: [F4]\n    services:\n      - type: S19\n        select: [{provider: azure, type: '*Storage*'}]\n    assessment: {substitutability: easy, reintegration: easy, impact: low, alternatives: 'no', lastAudit: 9999-12-31}\ndefinitions:`,
      )
    const {register} = await registerFor(text)
    const rows = values(register.tables.get('B_05.02')!).filter((r) => r.c0010 === 'NW-SAAS-1')
    expect(rows).toEqual([
      {
        c0010: 'NW-SAAS-1',
        c0020: 'eba_TA:S19',
        c0030: '5493001KJTIIGC8Y1R12',
        c0040: 'eba_qCO:qx2000',
        c0050: '1',
        c0060: '5493001KJTIIGC8Y1R12',
        c0070: 'eba_qCO:qx2000',
      },
      {
        c0010: 'NW-SAAS-1',
        c0020: 'eba_TA:S19',
        c0030: 'FICTAWSEMEASARL0LU10',
        c0040: 'eba_qCO:qx2000',
        c0050: '2',
        c0060: '5493001KJTIIGC8Y1R12',
        c0070: 'eba_qCO:qx2000',
      },
    ])
    expect(validateRegister(register).problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('B_07.01: substitutability, reason, reintegration and alternatives proposed from the catalog; supplied values win', async () => {
    const {register} = await registerFor()
    const rows = register.tables.get('B_07.01')!
    const awsIaas = rows.find((r) => r.c0010?.value === 'NW-ICT-2021-001' && r.c0040?.value === 'eba_TA:S17')!
    expect(awsIaas.c0050).toMatchObject({value: 'eba_ZZ:x960', source: 'proposed', from: expect.stringContaining('proprietary')})
    expect(awsIaas.c0060).toMatchObject({value: 'eba_ZZ:x964', source: 'proposed'})
    expect(awsIaas.c0090).toMatchObject({value: 'eba_ZZ:x966', source: 'proposed', from: expect.stringContaining('effort')})
    expect(awsIaas.c0110).toMatchObject({value: 'eba_BT:x28', source: 'proposed'})
    // c0120 names providers (by their catalog names), every one the catalog offers, not a cut list of services.
    const awsAlternatives = awsIaas.c0120?.value?.split('; ')
    expect(awsAlternatives).toEqual(expect.arrayContaining(['Hetzner Online', 'Exoscale', 'STACKIT', 'OVHcloud', 'Scaleway']))
    expect(awsIaas.c0120?.value).not.toContain(':')
    expect(new Set(awsAlternatives).size).toBe(awsAlternatives?.length)
    expect(awsIaas.c0120).toMatchObject({source: 'proposed', from: expect.stringMatching(/services at \d+ providers/)})
    expect(awsIaas.c0080).toMatchObject({value: 'eba_BT:x28', source: 'derived'}) // exit plan link given
    expect(awsIaas.c0100).toMatchObject({value: 'eba_ZZ:x793', source: 'proposed'}) // F1/F2 high
    const azure = rows.find((r) => r.c0010?.value === 'NW-ICT-2022-002')!
    expect(azure.c0050).toMatchObject({value: 'eba_ZZ:x961', source: 'supplied'})
    expect(azure.c0120).toMatchObject({value: 'IONOS Cloud, STACKIT', source: 'supplied'})
    // No exit plan link and no exit-plan tag on the GCP resources: proposed "No".
    expect(rows.find((r) => r.c0010?.value === 'NW-ICT-2023-003')!.c0080).toMatchObject({value: 'eba_BT:x29', source: 'proposed'})
  })

  it('proposes S17 for infrastructure categories, S19 for SaaS, S18 for the rest', () => {
    const r = (category: string, provider = 'aws', type = 'x') => ({category, provider, type}) as never
    expect(proposedServiceType(r('compute-vm'))).toBe('S17')
    expect(proposedServiceType(r('relational-db'))).toBe('S18')
    expect(proposedServiceType(r('business-apps', 'saas', 'saas:x/y'))).toBe('S19')
  })

  it('warns when resources tagged critical-function=true sit under an arrangement without a critical function', async () => {
    const text = demoArrangementsText().replace('functions: [F3, F4]', 'functions: [F4]')
    const {register} = await registerFor(text)
    expect(register.notes).toContainEqual(
      expect.objectContaining({
        template: 'B_06.01',
        message: expect.stringMatching(/^NW-ICT-2022-002: 19 of its resources are tagged critical-function=true/),
      }),
    )
  })

  it('proposes nothing from the catalog for the generic saas provider, and warns about missing scale definitions', async () => {
    const text = demoArrangementsText()
      .replace('  hetzner:\n    code: FICTHETZNERONLINE081', '  saas:\n    code: FICTHETZNERONLINE081')
      .replace('    provider: hetzner\n', '    provider: saas\n')
      .replace('    headOffice: DE\n', '')
      .replace(/\ndefinitions:\n( {2}.*\n)+/, '\n')
    const {register} = await registerFor(text)
    const row = register.tables.get('B_05.01')!.find((r) => r.c0010?.value === 'FICTHETZNERONLINE081')!
    expect(row.c0080?.value ?? '').toBe('')
    expect(register.notes).toContainEqual(
      expect.objectContaining({
        template: 'B_99.01',
        message: expect.stringMatching(/^19 of the 19 scale definitions are missing/),
      }),
    )
  })
})
