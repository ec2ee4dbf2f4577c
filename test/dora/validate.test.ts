import {describe, expect, it} from 'vitest'
import type {Register} from '../../src/dora/register.js'
import {validateRegister} from '../../src/dora/validate.js'
import {demoArrangementsText, registerFor} from './helpers.js'

const errors = (register: Register) => validateRegister(register).problems.filter((p) => p.severity === 'error')

describe('register validation before writing', () => {
  it('a missing mandatory value is listed with template, column, row and where to supply it', async () => {
    const {register} = await registerFor(demoArrangementsText().replace('  competentAuthority: BaFin\n', ''))
    expect(errors(register)).toEqual([
      {
        severity: 'error',
        template: 'B_01.01',
        row: 1,
        key: 'NORDWINDVERSICH0DE49',
        column: 'c0050',
        message: 'Competent Authority: mandatory, missing.',
        field: 'entity.competentAuthority',
      },
    ])
  })

  it('conditional columns: notice periods and governing law for arrangements supporting a critical function only', async () => {
    const {register} = await registerFor(
      demoArrangementsText()
        .replace('    notice: {entityDays: 90, providerDays: 365}\n', '')
        .replace('    governingLaw: DE\n', ''), // Hetzner: no critical function
    )
    const found = errors(register)
    expect(new Set(found.map((p) => `${p.template} ${p.column} ${p.field}`))).toEqual(
      new Set(['B_02.02 c0100 arrangements[0].notice.entityDays', 'B_02.02 c0110 arrangements[0].notice.providerDays']),
    )
    expect(found[0]!.message).toBe(
      'Notice period for the financial entity making use of the ICT service(s): required because the arrangement supports a critical or important function, missing.',
    )
  })

  it('rule v8825: a reason is required when the provider is hardly substitutable; exitready proposes one', async () => {
    const text = demoArrangementsText().replace(
      'assessment: {substitutability: medium,',
      'assessment: {substitutability: highly-complex,',
    )
    const {register} = await registerFor(text)
    const azure = register.tables.get('B_07.01')!.filter((r) => r.c0010?.value === 'NW-ICT-2022-002')
    expect(azure.map((r) => [r.c0050?.value, r.c0060?.value, r.c0060?.source])).toEqual([
      ['eba_ZZ:x960', 'eba_ZZ:x964', 'proposed'],
      ['eba_ZZ:x960', 'eba_ZZ:x964', 'proposed'],
    ])
    expect(errors(register)).toEqual([])
    azure[0]!.c0060 = undefined
    expect(errors(register).map((p) => `${p.template} ${p.column} ${p.row}: ${p.message}`)).toEqual([
      'B_07.01 c0060 3: Reason if the ICT third-party service provider is considered not substitutable or difficult to be substitutable: required because rule v8825: the provider is not or hardly substitutable, missing.',
    ])
  })

  it('closed-list values, dates and amounts are checked per column', async () => {
    const {register} = await registerFor()
    register.tables.get('B_01.01')![0]!.c0030 = {value: 'eba_GA:DEU', source: 'supplied'}
    register.tables.get('B_02.02')![0]!.c0150 = {value: 'eba_GA:qx2007', source: 'default'} // allowed in this key column
    register.tables.get('B_01.01')![0]!.c0040 = {value: 'eba_CT:x317', source: 'supplied'} // B_01.02 only
    register.tables.get('B_02.01')![0]!.c0050 = {value: '1,000', source: 'supplied'}
    register.tables.get('B_06.01')![0]!.c0070 = {value: '2025-02-30', source: 'supplied'}
    expect(errors(register).map((p) => `${p.template} ${p.column}: ${p.message}`)).toEqual([
      'B_01.01 c0030: Country of the entity: "eba_GA:DEU" is not a value of its closed list.',
      'B_01.01 c0040: Type of entity: "eba_CT:x317" is not a value of its closed list.',
      'B_02.01 c0050: Annual expense or estimated cost of the contractual arrangement for the past year: "1,000" is not a non-negative amount with a dot as decimal separator.',
      'B_06.01 c0070: Date of the last assessment of criticality or importance: "2025-02-30" is not a date as YYYY-MM-DD.',
    ])
  })

  it('LEIs: check digits of provider codes of type LEI; other code types are not LEI-checked', async () => {
    const bad = demoArrangementsText().replace('code: FICTHETZNERONLINE081', 'code: FICTHETZNERONLINE082')
    const found = errors((await registerFor(bad)).register)
    expect(found.filter((p) => p.message.includes('not a valid LEI')).map((p) => `${p.template} ${p.column}`)).toEqual([
      'B_02.02 c0030',
      'B_03.02 c0020',
      'B_05.01 c0010',
      'B_05.01 c0110',
      'B_05.02 c0030',
      'B_05.02 c0060',
      'B_07.01 c0020',
    ])
    const euid = bad.replace('code: FICTHETZNERONLINE082\n', 'code: DEB1234.HRB12345\n    codeType: euid\n')
    expect(errors((await registerFor(euid)).register)).toEqual([])
  })

  it('a provider without its code: every key that needs it is listed, pointing at providers.<key>.code', async () => {
    const {register} = await registerFor(demoArrangementsText().replace('    code: FICTSCALEWAYSAS00F41\n', ''))
    const found = errors(register)
    expect(new Set(found.map((p) => `${p.template} ${p.column} ${p.field}`))).toEqual(
      new Set([
        'B_02.02 c0030 providers.scaleway.code',
        'B_03.02 c0020 providers.scaleway.code',
        'B_05.01 c0010 providers.scaleway.code',
        'B_05.02 c0030 providers.scaleway.code',
        'B_05.02 c0060 providers.scaleway.code',
        'B_07.01 c0020 providers.scaleway.code',
      ]),
    )
  })

  it('keys resolve across templates: contracts in B_02.01, providers in B_05.01, functions in B_06.01', async () => {
    const {register} = await registerFor()
    register.tables.set(
      'B_06.01',
      register.tables.get('B_06.01')!.filter((r) => r.c0010?.value !== 'F6'),
    )
    register.tables.set(
      'B_02.01',
      register.tables.get('B_02.01')!.filter((r) => r.c0010?.value !== 'NW-ICT-2024-005'),
    )
    register.tables.set(
      'B_05.01',
      register.tables.get('B_05.01')!.filter((r) => r.c0010?.value !== 'FICTAMAZONCOMINC0U36'),
    )
    const messages = errors(register).map((p) => `${p.template} ${p.column}: ${p.message}`)
    expect(messages).toContain(
      'B_02.02 c0020+c0050: The function NORDWINDVERSICH0DE49 / F6 is not in B_06.01 (rejected by check 807).',
    )
    expect(messages).toContain('B_02.02 c0010: The contract NW-ICT-2024-005 is not in B_02.01 (rejected by check 807).')
    expect(messages).toContain('B_07.01 c0010: The contract NW-ICT-2024-005 is not in B_02.01 (rejected by check 807).')
    expect(messages).toContain(
      'B_05.01 c0110: The ultimate parent FICTAMAZONCOMINC0U36 is not in B_05.01 (rejected by check 807).',
    )
  })

  it('an empty key cell and a duplicate key are rejections (checks 805 and 806)', async () => {
    const {register} = await registerFor()
    const rows = register.tables.get('B_06.01')!
    rows.push({...rows[0]!})
    register.tables.get('B_02.02')![0]!.c0130 = undefined
    const found = errors(register).map((p) => `${p.template} ${p.row} ${p.column ?? ''}: ${p.message}`)
    expect(found).toContain('B_06.01 8 : The same key as row 1 (rejected by check 806).')
    expect(found).toContain(
      'B_02.02 1 c0130: Country of provision of the ICT services: empty, but it is part of the key (rejected by check 805).',
    )
  })

  it('proposed values are listed to confirm, not as problems', async () => {
    const validation = validateRegister((await registerFor()).register)
    expect(validation.proposed).toContainEqual(
      expect.objectContaining({
        template: 'B_07.01',
        column: 'c0050',
        row: 1,
        value: 'eba_ZZ:x960',
        field: 'arrangements[0].assessment.substitutability',
      }),
    )
    expect(validation.proposed.every((p) => p.value !== '')).toBe(true)
  })
})
