import {createHash} from 'node:crypto'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {hashInputs} from '../../src/history/record.js'
import {tempDir} from '../helpers/cli.js'

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
