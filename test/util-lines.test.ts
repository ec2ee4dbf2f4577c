import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {lineBatches} from '../src/util/lines.js'
import {tempDir} from './helpers/cli.js'

async function all(file: string, chunk: number) {
  const out: string[] = []
  for await (const batch of lineBatches(file, chunk)) out.push(...batch)
  return out
}

describe('lineBatches', () => {
  it('splits across chunk boundaries, drops CR of CRLF, keeps a last line without newline', async () => {
    const file = join(tempDir(), 'lines.txt')
    writeFileSync(file, 'alpha\r\nbeta\n\ngamma-long-line-across-chunks\ndelta')
    for (const chunk of [1, 3, 7, 1024])
      expect(await all(file, chunk)).toEqual(['alpha', 'beta', '', 'gamma-long-line-across-chunks', 'delta'])
  })
  it('reads multi-byte characters split between chunks intact', async () => {
    const file = join(tempDir(), 'utf8.txt')
    writeFileSync(file, 'Zürich ✓\nKraków\n')
    expect(await all(file, 2)).toEqual(['Zürich ✓', 'Kraków'])
  })
})
