import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'

describe('exitready assess --history (built CLI)', () => {
  it('records each assessment, and history list shows them in order', () => {
    const dir = tempDir()
    const db = join(dir, 'exitready.db')
    for (let i = 1; i <= 2; i++) {
      const run = runCli(['assess', '--demo', '--out-dir', join(dir, `r${i}`), '--history', db, '--quiet', '--json'])
      expect(run.status).toBe(0)
      expect((JSON.parse(run.stdout) as {recorded?: {id: number}}).recorded?.id).toBe(i)
    }
    const list = runCli(['history', 'list', '--history', db, '--json'])
    expect(list.status).toBe(0)
    const listed = JSON.parse(list.stdout) as {assessments?: {id: number}[]} | {id: number}[]
    const ids = (Array.isArray(listed) ? listed : (listed.assessments ?? [])).map((a) => a.id)
    expect(ids.sort()).toEqual([1, 2])
  })
})

describe('exitready diff with history references (built CLI)', () => {
  it('compares @previous with @latest', () => {
    const dir = tempDir()
    const db = join(dir, 'exitready.db')
    for (const policy of ['baseline', 'baseline'])
      expect(
        runCli(['assess', '--demo', '--policy', policy, '--out-dir', join(dir, 'r'), '--history', db, '--quiet']).status,
      ).toBe(0)
    const run = runCli(['diff', '@previous', '@latest', '--history', db, '--json'])
    expect(run.stderr).toMatch(/Grade C \(unchanged\)/)
    expect(run.status).toBe(0)
    const diff = JSON.parse(run.stdout) as {
      added: unknown[]
      removed: unknown[]
      newFindings: unknown[]
      grade: {old: string; new: string}
    }
    expect(diff.added).toEqual([])
    expect(diff.removed).toEqual([])
    expect(diff.newFindings).toEqual([])
    expect(diff.grade).toEqual({old: 'C', new: 'C'})
  })

  it('says where there is no history', () => {
    const run = runCli(['diff', '@previous', '@latest', '--history', join(tempDir(), 'none.db')])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/There is no history at .*none\.db/)
  })
})
