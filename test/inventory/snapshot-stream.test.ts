import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeEach, describe, expect, it, vi} from 'vitest'
import {syntheticResources} from '../../bench/estate.js'
import {InputError} from '../../src/errors.js'
import {createSnapshot, readSnapshot, writeSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {streamJsonObject} from '../../src/util/json-stream.js'
import {tempDir} from '../helpers/cli.js'

vi.mock('../../src/util/json-stream.js', async (original) => {
  const actual = await original<typeof import('../../src/util/json-stream.js')>()
  return {
    ...actual,
    streamJsonObject: vi.fn((...args: Parameters<typeof actual.streamJsonObject>) => actual.streamJsonObject(...args)),
  }
})
beforeEach(() => {
  vi.mocked(streamJsonObject).mockClear()
})

// The streamed JSON reader (above STREAM_JSON_SNAPSHOT_ABOVE, 64 MiB) is exercised here on small
// files by lowering the threshold: it must give the whole-file reader's result and errors.
const STREAMED = {streamJsonAbove: -1}
const WHOLE = {streamJsonAbove: Number.POSITIVE_INFINITY}

const outcome = (file: string, options: {streamJsonAbove: number}) =>
  readSnapshot(file, options).then(
    (snapshot) => ({snapshot}),
    (error: unknown) => {
      if (!(error instanceof InputError)) throw error
      return {error: error.message, suggestion: error.suggestion, exitCode: error.exitCode}
    },
  )

describe('JSON snapshots read as a stream', () => {
  it('the demo estate reads the same streamed as whole', async () => {
    expect(await readSnapshot(DEMO_SNAPSHOT, STREAMED)).toEqual(await readSnapshot(DEMO_SNAPSHOT, WHOLE))
  })

  it('a large synthetic estate, written as JSON resource by resource, reads back whole and identical', async () => {
    const count = 30_000
    const snapshot = createSnapshot(
      [...syntheticResources(count)],
      [{provider: 'aws', scope: 'bench', status: 'complete', count}],
      new Date('2026-11-28T10:00:00Z'),
    )
    const file = join(tempDir(), 'large.json')
    await writeSnapshot(file, snapshot)
    // The same bytes as JSON.stringify of the whole snapshot, which the writer no longer builds.
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(snapshot, null, 2)}\n`)
    // Several of the reader's 4 MiB chunks.
    expect(statSync(file).size).toBeGreaterThan(3 * 4 * 1024 * 1024)
    // Above the default threshold it streams without being asked; here it is asked.
    const back = await readSnapshot(file, STREAMED)
    expect(vi.mocked(streamJsonObject)).toHaveBeenCalledTimes(1)
    expect(back.resources).toHaveLength(count)
    expect(back).toEqual(snapshot)
  })

  const header = {schema: 'exitready/inventory@1', createdAt: '2026-11-28T10:00:00Z', sources: []}
  const good = {id: 'a', provider: 'aws', type: 'T', source: 's'}
  const cases: [string, string][] = [
    ['valid, resources first', JSON.stringify({resources: [good], ...header})],
    ['duplicate ids merged', JSON.stringify({...header, resources: [good, {...good, tags: {x: '1'}}]})],
    ['an invalid resource', JSON.stringify({...header, resources: [good, {id: 'x', type: 'T', source: 's'}]})],
    ['an invalid resource and an invalid header after it', JSON.stringify({resources: [{id: 'x'}], ...header, sources: 5})],
    ['an invalid resource in a file without a schema', JSON.stringify({resources: [{id: 'x'}]})],
    ['resources not a list', JSON.stringify({...header, resources: {}})],
    ['no resources', JSON.stringify(header)],
    ['a foreign file', '{"Resources": {}}'],
    ['a list', '[1, 2, 3]'],
    ['truncated', '{"schema": "exitready/inventory@1", "resources": ['],
    ['truncated inside a resource', `${JSON.stringify({...header, resources: [good, good]}, null, 2).slice(0, -40)}`],
    ['a syntax error after an invalid resource', `{"resources": [{"id": 1}], "schema": "exitready/inventory@1",, }`],
    ['a stray character between resources', `{"resources": [${JSON.stringify(good)} x ${JSON.stringify(good)}]}`],
    ['empty', ''],
    ['a byte-order mark', `\ufeff${JSON.stringify({...header, resources: [good]})}`],
  ]
  for (const [name, text] of cases)
    it(`${name}: the same outcome streamed as whole`, async () => {
      const file = join(tempDir(), 'inventory.json')
      writeFileSync(file, text)
      const streamed = await outcome(file, STREAMED)
      expect(vi.mocked(streamJsonObject)).toHaveBeenCalledTimes(1)
      expect(streamed).toEqual(await outcome(file, WHOLE))
      expect(vi.mocked(streamJsonObject)).toHaveBeenCalledTimes(1)
      if ('error' in streamed) {
        expect(streamed.error).toContain(file)
        expect(streamed.exitCode).toBe(2)
      }
    })

  it('a missing file is named', async () => {
    await expect(readSnapshot('/nonexistent/inventory.json', STREAMED)).rejects.toThrow(/no such file/)
  })
})
