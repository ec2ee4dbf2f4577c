import {parse} from 'csv-parse/sync'
import {describe, expect, it} from 'vitest'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {CSV_TAG_COLUMNS, neutraliseCell, renderCsv, tagColumns} from '../../src/report/csv.js'
import {reportData} from './fixture.js'

describe('resources.csv', () => {
  it.each(['=SUM(A1:A2)', '+1+1', '-2+3', '@cmd', '\tTAB', '\rCR'])('neutralises %j', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`)
  })
  it('leaves ordinary values alone', () => {
    expect(neutraliseCell('eu-central-1')).toBe('eu-central-1')
    expect(neutraliseCell(42)).toBe('42')
    expect(neutraliseCell(undefined)).toBe('')
  })

  it('is RFC 4180 and no cell of the whole file starts a formula', async () => {
    const data = await reportData()
    const text = [...renderCsv(data)].join('')
    expect(text).toMatch(/\r\n$/)
    const rows: string[][] = parse(text, {relax_column_count: false})
    expect(rows[0]).toContain('european_alternatives')
    expect(rows).toHaveLength(data.assessment.resources.length + 1)
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    const hostile = rows.find((r) => r[0] === 'arn:aws:s3:::nordwind-hostile-test')!
    expect(hostile[1]).toMatch(/^'=HYPERLINK\("http:\/\/evil\.example","x"\)<script>/)
  })

  it('has effort, wave, app, owner and the most common tags as columns, every new cell neutralised', async () => {
    const snapshot = await readSnapshot(DEMO_SNAPSHOT)
    snapshot.resources.push({
      id: 'arn:aws:sqs:eu-central-1:412345678901:formula-tags',
      provider: 'aws',
      type: 'AWS::SQS::Queue',
      name: 'formula-tags',
      region: 'eu-central-1',
      tags: {Application: '=cmd|"/c calc"!A1', owner: '+44 20 7946 0000', environment: '@SUM(1)', '=key': 'x'},
      source: 'test',
    })
    const data = await reportData({snapshot})
    const rows: string[][] = parse([...renderCsv(data)].join(''), {relax_column_count: false})
    const header = rows[0]!
    const col = (name: string) => header.indexOf(name)
    for (const name of ['effort', 'wave', 'app', 'owner']) expect(header).toContain(name)
    // Every demo resource has app, owner, cost-center, environment and data-classification (the test queue
    // adds one environment), fewer have critical-function and exit-plan; ties go by name.
    expect(header.filter((h) => h.startsWith('tag:'))).toEqual([
      'tag:environment',
      'tag:cost-center',
      'tag:data-classification',
      'tag:critical-function',
      'tag:exit-plan',
      'tag:=key',
      'tag:note',
    ])
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    const byId = (id: string) => rows.find((r) => r[0] === id)!
    const queue = byId('arn:aws:sqs:eu-central-1:412345678901:formula-tags')
    expect(queue[col('app')]).toBe(`'=cmd|"/c calc"!A1`)
    expect(queue[col('owner')]).toBe(`'+44 20 7946 0000`)
    expect(queue[col('tag:environment')]).toBe(`'@SUM(1)`)
    const db = data.assessment.resources.find((r) => r.type === 'AWS::RDS::DBInstance')!
    const dbRow = byId(db.id)
    expect(dbRow[col('effort')]).toBe(db.effort)
    expect(dbRow[col('app')]).toBe(db.tags.app)
    expect(dbRow[col('owner')]).toBe(db.tags.owner)
    expect(dbRow[col('tag:cost-center')]).toBe(db.tags['cost-center'])
    // The wave is the one the dependency analysis gave it.
    const wave = data.dependencies!.waves.find((w) => w.members.some((m) => m.id === db.id))!.wave
    expect(dbRow[col('wave')]).toBe(String(wave))
    expect(rows.slice(1).every((r) => /^\d+$/.test(r[col('wave')]!))).toBe(true)
  })

  it('chooses tag columns by frequency, ties by name, at most 20', () => {
    const resources = Array.from({length: 30}, (_, i) => ({
      tags: Object.fromEntries(Array.from({length: 30 - i}, (_, k) => [`k${String(k).padStart(2, '0')}`, 'v'])),
    }))
    resources.push({tags: {zeta: 'v', alpha: 'v', App: 'a', OWNER: 'o'}})
    const keys = tagColumns(resources)
    expect(keys).toHaveLength(CSV_TAG_COLUMNS)
    expect(keys.slice(0, 3)).toEqual(['k00', 'k01', 'k02'])
    expect(tagColumns([{tags: {b: '1', a: '1', c: '1'}}, {tags: {c: '1'}}])).toEqual(['c', 'a', 'b'])
    // The app and owner columns already hold those keys.
    expect(tagColumns(resources, 100)).not.toContain('App')
    expect(tagColumns(resources, 100)).not.toContain('OWNER')
  })
})
