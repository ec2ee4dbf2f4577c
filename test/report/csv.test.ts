import {parse} from 'csv-parse/sync'
import {describe, expect, it} from 'vitest'
import {neutraliseCell, renderCsv} from '../../src/report/csv.js'
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
})
