import {parse} from 'csv-parse/sync'
import {strFromU8, unzipSync} from 'fflate'
import {describe, expect, it} from 'vitest'
import {packageFiles, packageName, readableFiles, renderGapReport, zipPackage} from '../../src/dora/package.js'
import {validateRegister} from '../../src/dora/validate.js'
import {demoArrangementsText, NOW, registerFor} from './helpers.js'

// The package structure and the canonical headers of /work/shared/reference/dora-register-of-information.md
// §6.1–6.7 (from the EBA sample package of 13 December 2024 and the DORA 4.0 taxonomy).
const HEADERS: Record<string, string> = {
  'b_01.01.csv': 'c0010,c0020,c0030,c0040,c0050,c0060',
  'b_01.02.csv': 'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110',
  'b_02.01.csv': 'c0010,c0020,c0030,c0040,c0050',
  'b_02.02.csv': 'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120,c0130,c0140,c0150,c0160,c0170,c0180',
  'b_03.01.csv': 'c0010,c0020,c0030',
  'b_03.02.csv': 'c0010,c0020,c0030',
  'b_05.01.csv': 'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120',
  'b_05.02.csv': 'c0010,c0020,c0030,c0040,c0050,c0060,c0070',
  'b_06.01.csv': 'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100',
  'b_07.01.csv': 'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120',
  'b_99.01.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120,c0130,c0140,c0150,c0160,c0170,c0180,c0190',
}

async function demoPackage(text = demoArrangementsText()) {
  const {register, join} = await registerFor(text)
  const name = packageName(register, 'DE', NOW)
  const zip = zipPackage(packageFiles(register, name), NOW)
  const files = Object.fromEntries(Object.entries(unzipSync(zip)).map(([path, bytes]) => [path, strFromU8(bytes)]))
  return {register, join, name, files}
}

describe('the xBRL-CSV report package', () => {
  it('is named as the EBA filing rules say, with one top-level folder of the same name', async () => {
    const {name, files} = await demoPackage()
    expect(name).toBe('NORDWINDVERSICH0DE49.CON_DE_DORA010100_DORA_2025-12-31_20260115103000123')
    expect(Object.keys(files).every((path) => path.startsWith(`${name}/`))).toBe(true)
  })

  it('holds exactly the package files and one table per template reported true, each with its header', async () => {
    const {name, files} = await demoPackage()
    const inside = Object.keys(files)
      .map((path) => path.slice(name.length + 1))
      .sort()
    expect(inside).toEqual(
      [
        'META-INF/reportPackage.json',
        'reports/FilingIndicators.csv',
        'reports/parameters.csv',
        'reports/report.json',
        ...Object.keys(HEADERS).map((f) => `reports/${f}`),
      ].sort(),
    )
    expect(JSON.parse(files[`${name}/META-INF/reportPackage.json`]!)).toEqual({
      documentInfo: {documentType: 'https://xbrl.org/report-package/2023'},
    })
    expect(JSON.parse(files[`${name}/reports/report.json`]!)).toEqual({
      documentInfo: {
        documentType: 'https://xbrl.org/2021/xbrl-csv',
        extends: ['http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json'],
      },
    })
    expect(files[`${name}/reports/parameters.csv`]).toBe(
      'name,value\r\nentityID,rs:NORDWINDVERSICH0DE49.CON\r\nrefPeriod,2025-12-31\r\nbaseCurrency,iso4217:EUR\r\ndecimalsInteger,0\r\ndecimalsMonetary,-3\r\n',
    )
    const indicators = files[`${name}/reports/FilingIndicators.csv`]!
    expect(indicators.split('\r\n').filter(Boolean)).toEqual([
      'templateID,reported',
      'B_01.01,true',
      'B_01.02,true',
      'B_01.03,false',
      'B_02.01,true',
      'B_02.02,true',
      'B_02.03,false',
      'B_03.01,true',
      'B_03.02,true',
      'B_03.03,false',
      'B_04.01,false',
      'B_05.01,true',
      'B_05.02,true',
      'B_06.01,true',
      'B_07.01,true',
      'B_99.01,true',
    ])
    // Check 808: a table file exists exactly for the templates reported true.
    for (const line of indicators.split('\r\n').slice(1).filter(Boolean)) {
      const [id, reported] = line.split(',')
      expect(files[`${name}/reports/${id!.toLowerCase()}.csv`] !== undefined, id).toBe(reported === 'true')
    }
    for (const [file, header] of Object.entries(HEADERS)) {
      const text = files[`${name}/reports/${file}`]!
      expect(text.split('\r\n')[0], file).toBe(header)
      const rows = parse(text, {relax_column_count: false}) as string[][]
      expect(rows.length, file).toBeGreaterThan(1)
      for (const row of rows) expect(row.length, file).toBe(header.split(',').length)
      expect(text.endsWith('\r\n')).toBe(true)
      expect(text).not.toMatch(/#nil|#empty|N\/A/)
    }
  })

  it('writes enumerations as QNames and amounts in units', async () => {
    const {name, files} = await demoPackage()
    const b0101 = parse(files[`${name}/reports/b_01.01.csv`]!) as string[][]
    expect(b0101[1]).toEqual([
      'NORDWINDVERSICH0DE49',
      'Nordwind Versicherung AG',
      'eba_GA:DE',
      'eba_CT:x309',
      'BaFin',
      '2026-01-15',
    ])
    const b0201 = parse(files[`${name}/reports/b_02.01.csv`]!) as string[][]
    expect(b0201[1]).toEqual(['NW-ICT-2021-001', 'eba_CO:x1', '', 'eba_CU:EUR', '840000'])
  })

  it('neutralises formula cells and quotes commas and quotes (RFC 4180)', async () => {
    const text = demoArrangementsText().replace('name: Claims handling', 'name: "=HYPERLINK(\\"http://x\\",\\"a, b\\")"')
    const {name, files, register} = await demoPackage(text)
    const line = files[`${name}/reports/b_06.01.csv`]!.split('\r\n')[1]!
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""a, b"")"`)
    expect(readableFiles(register)['b_06.01.csv']).toContain(`"'=HYPERLINK(`)
  })

  it('gives the same bytes for the same input and time', async () => {
    const {register} = await registerFor()
    const name = packageName(register, 'DE', NOW)
    expect(zipPackage(packageFiles(register, name), NOW)).toEqual(zipPackage(packageFiles(register, name), NOW))
  })
})

describe('the readable files and the gap report', () => {
  it('readable tables name their columns; sources.csv gives every value its source', async () => {
    const {register} = await registerFor()
    const files = readableFiles(register)
    expect(files['b_02.01.csv']!.split('\r\n')[0]).toBe(
      'c0010 Contractual arrangement reference number,c0020 Type of contractual arrangement,c0030 Overarching contractual arrangement reference number,c0040 Currency of the amount reported in RT.02.01.0050,c0050 Annual expense or estimated cost of the contractual arrangement for the past year',
    )
    const sources = parse(files['sources.csv']!, {columns: true}) as Record<string, string>[]
    expect(sources).toContainEqual({
      template: 'B_05.01',
      row: '1',
      column: 'c0080',
      value: 'eba_GA:LU',
      source: 'proposed',
      from: 'providers.yaml aws legalHome (the contracting entity; the parent is in US)',
      field: 'providers.aws.headOffice',
    })
    expect(new Set(sources.map((s) => s.source))).toEqual(new Set(['supplied', 'derived', 'proposed', 'default']))
  })

  it('lists problems with template, column and row, the proposals to confirm, and what no arrangement covers', async () => {
    const {register, join} = await registerFor(demoArrangementsText().replace('  competentAuthority: BaFin\n', ''))
    const report = renderGapReport({
      register,
      validation: validateRegister(register),
      join,
      packageFile: 'p.zip',
      incompleteSources: [],
    })
    expect(report).toContain(
      '| B_01.01 | c0050 | 1 | NORDWINDVERSICH0DE49 | Competent Authority: mandatory, missing. | entity.competentAuthority |',
    )
    expect(report).toMatch(
      /\| B_07\.01 \| c0050 \| (1|2 rows from 1) \| eba_ZZ:x960 \| the hardest portability class among its \d+ resources: proprietary \| arrangements\[0\]\.assessment\.substitutability \|/,
    )
    // Rows with the same proposed value on different grounds (resource counts per service type) keep their own source.
    const substitutability = validateRegister(register).proposed.filter((p) => p.template === 'B_07.01' && p.column === 'c0050')
    expect(new Set(substitutability.map((p) => p.from)).size).toBeGreaterThan(1)
    for (const p of substitutability) expect(report).toContain(`| ${p.value} | ${p.from} |`)
    expect(report).toContain('Resources that no arrangement covers (9)')
    expect(report).toContain('| azure | c3a9e5b1-47d2-4f8a-b6e0-91f2a7d4c8e5 |')
    expect(report).toContain('- B_04.01: entities using the services')
  })
})
