import {createHash} from 'node:crypto'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {openHistory} from '../../src/history/open.js'
import {hashInputs, recordToHistory} from '../../src/history/record.js'
import {tempDir} from '../helpers/cli.js'
import {demoAssessment} from './support/assessment.js'

it('hashes each input file and keeps unreadable inputs by name rather than dropping them', async () => {
  const dir = tempDir()
  const file = join(dir, 'inventory.json')
  writeFileSync(file, '{"schema":"x"}\n')
  expect(await hashInputs([file, join(dir, 'missing.json'), dir])).toEqual([
    {path: file, sha256: createHash('sha256').update('{"schema":"x"}\n').digest('hex'), bytes: 15},
    {path: join(dir, 'missing.json')},
    {path: dir},
  ])
})

it('recordToHistory creates the history, records with hashed inputs and closes it', async () => {
  const dir = tempDir()
  const input = join(dir, 'inventory.json')
  writeFileSync(input, 'x')
  const {assessment, policies} = await demoAssessment()
  const db = join(dir, 'nested', 'exitready.db')
  const first = await recordToHistory(db, assessment, policies, [input])
  const second = await recordToHistory(db, assessment, policies, [input])
  expect(second.id).toBe(first.id + 1)
  const store = await openHistory(db, {mustExist: true})
  try {
    const [latest] = await store.list({limit: 1})
    expect(latest!.inputs).toEqual([{path: input, sha256: createHash('sha256').update('x').digest('hex'), bytes: 1}])
  } finally {
    await store.close()
  }
})
