// exitready's templates and package checked against the EBA's own files: the DORA 4.0 taxonomy JSON
// and the EBA sample package (fixtures/dora/recorded/README.md says where they come from).
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {strFromU8, unzipSync} from 'fflate'
import {describe, expect, it} from 'vitest'
import {DORA_ENTRY_POINT, packageFiles, packageName, zipPackage} from '../../src/dora/package.js'
import {TEMPLATE_IDS, TEMPLATES, tableFile, WRITTEN_TEMPLATES} from '../../src/dora/templates.js'
import {FOREIGN_KEYS} from '../../src/dora/validate.js'
import {ROOT} from '../helpers/cli.js'
import {NOW, registerFor} from './helpers.js'

const RECORDED = join(ROOT, 'fixtures/dora/recorded')
interface TaxonomyTable {
  tableTemplate: string
  columns: Record<string, {type: string; allowed?: string[]}>
  primaryKey: string[]
  references: {columns: string[]; to: string; name: string}[]
}
const taxonomy = JSON.parse(readFileSync(join(RECORDED, 'taxonomy-4.0-tables.json'), 'utf8')) as {
  module: {tables: Record<string, {url: string; 'eba:documentation'?: {FilingIndicator: string}}>; parameterURL: string}
  templates: Record<string, TaxonomyTable>
}
const SAMPLE = join(RECORDED, 'eba-sample-package')
const sample = (path: string) => readFileSync(join(SAMPLE, path), 'utf8')

describe('templates against the EBA DORA 4.0 taxonomy', () => {
  it('the module declares the same 15 templates and table files', () => {
    const declared = Object.values(taxonomy.module.tables).flatMap((t) =>
      t['eba:documentation'] ? [[t['eba:documentation'].FilingIndicator, t.url] as const] : [],
    )
    expect(new Map(declared)).toEqual(new Map(TEMPLATE_IDS.map((id) => [id, tableFile(id)])))
    expect(taxonomy.module.parameterURL).toBe('parameters.csv')
  })

  for (const id of WRITTEN_TEMPLATES)
    it(`${id}: columns, types, closed lists and primary key as in the taxonomy`, () => {
      const table = taxonomy.templates[id]!
      const ours = TEMPLATES[id]!
      expect(ours.map((c) => c.code)).toEqual(Object.keys(table.columns).sort())
      for (const column of ours) {
        const theirs = table.columns[column.code]!
        // B_99.01 columns carry no type in the taxonomy documentation; they are strings.
        expect(column.kind, `${id} ${column.code}`).toBe(theirs.type ?? 's')
        if (theirs.allowed) expect([...(column.allowed ?? [])].sort(), `${id} ${column.code}`).toEqual(theirs.allowed)
        else expect(column.allowed, `${id} ${column.code}`).toBeUndefined()
      }
      expect(ours.filter((c) => c.key).map((c) => c.code)).toEqual([...table.primaryKey].sort())
    })

  it('every foreign key of the taxonomy between written templates is checked by the validation', () => {
    const ours = new Set(FOREIGN_KEYS.map((fk) => `${fk.from} ${[...fk.columns].sort().join('+')} -> ${fk.to}`))
    let count = 0
    for (const id of WRITTEN_TEMPLATES)
      for (const ref of taxonomy.templates[id]!.references) {
        const to = ref.to.replace('-', '.')
        if (!WRITTEN_TEMPLATES.includes(to as never)) continue
        count++
        expect(ours, ref.name).toContain(`${id} ${[...ref.columns].sort().join('+')} -> ${to}`)
      }
    expect(count).toBe(15)
  })
})

describe('the package against the EBA sample package', () => {
  it('has the same package files, parameters and filing-indicator layout', async () => {
    const {register} = await registerFor()
    const name = packageName(register, 'DE', NOW)
    const files = Object.fromEntries(
      Object.entries(unzipSync(zipPackage(packageFiles(register, name), NOW))).map(([p, b]) => [
        p.slice(name.length + 1),
        strFromU8(b),
      ]),
    )
    expect(JSON.parse(files['META-INF/reportPackage.json']!)).toEqual(JSON.parse(sample('META-INF/reportPackage.json')))
    expect(JSON.parse(files['reports/report.json']!)).toEqual(JSON.parse(sample('reports/report.json')))
    expect(JSON.parse(sample('reports/report.json')).documentInfo.extends).toEqual([DORA_ENTRY_POINT])
    const names = (text: string) => text.split('\r\n').map((line) => line.split(',')[0])
    expect(names(files['reports/parameters.csv']!)).toEqual(names(sample('reports/parameters.csv')))
    expect(names(files['reports/FilingIndicators.csv']!)).toEqual(names(sample('reports/FilingIndicators.csv')))
    // The sample's table headers (in its shuffled order) hold the same columns as ours.
    const sampleTables = readdirSync(join(SAMPLE, 'reports')).filter((f) => f.startsWith('b_'))
    expect(sampleTables.sort()).toEqual(TEMPLATE_IDS.map(tableFile).sort())
    for (const id of WRITTEN_TEMPLATES) {
      const theirs = sample(`reports/${tableFile(id)}`)
        .split('\r\n')[0]!
        .split(',')
        .sort()
      expect(files[`reports/${tableFile(id)}`]!.split('\r\n')[0]!.split(','), id).toEqual(theirs)
    }
  })
})
