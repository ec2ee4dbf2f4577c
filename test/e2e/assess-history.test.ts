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
