import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {ExitreadyError, InputError} from '../../src/errors.js'
import {SNAPSHOT_SCHEMA_ID} from '../../src/inventory/model.js'
import {cleanTags, readSnapshot, writeSnapshot} from '../../src/inventory/snapshot.js'

const header = {
  schema: SNAPSHOT_SCHEMA_ID as typeof SNAPSHOT_SCHEMA_ID,
  createdAt: '2026-11-28T12:00:00.000Z',
  sources: [] as never[],
}
const resource = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  provider: 'aws',
  type: 'AWS::S3::Bucket',
  source: 'test',
  tags: {},
  ...extra,
})

async function file(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'exitready-hostile-'))
  const path = join(dir, name)
  await writeFile(path, content)
  return path
}

async function message(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(InputError)
  return (error as Error).message
}

describe('snapshots under hostile input', () => {
  it('a JSON syntax error names line and column and never quotes the file', async () => {
    const path = await file('s.json', '{\n  "schema": "exitready/inventory@1",\n  "password": Pr0dDBPass\n}')
    const text = await message(readSnapshot(path))
    expect(text).toBe(
      `${path}: not valid JSON at line 3, column 15: expected a value (a string in double quotes, a number, true, false, null, an object or an array).`,
    )
    expect(text).not.toMatch(/Pr0d/)
  })

  it('an NDJSON syntax error names the line and the column, without content', async () => {
    const path = await file('s.ndjson', `${JSON.stringify(header)}\n{"id": "a", "password": Secr3t}\n`)
    const text = await message(readSnapshot(path))
    expect(text).toMatch(/s\.ndjson:2: not valid JSON at column 25: expected a value/)
    expect(text).not.toMatch(/Secr3t/)
  })

  it('an NDJSON file without newlines is refused at its line bound, not read quadratically', async () => {
    const {lineBatches} = await import('../../src/util/lines.js')
    const path = await file('one-line.ndjson', 'x'.repeat(3_000))
    const read = async () => {
      for await (const _ of lineBatches(path, 1024, 2048)) {
        // consume
      }
    }
    await expect(read()).rejects.toThrow(/one-line\.ndjson:1: a line is longer than 2048 characters/)
  })

  it('a size of 1e308 is refused, so totals never become Infinity', async () => {
    const path = await file('big.json', JSON.stringify({...header, resources: [resource('a', {sizeGiB: 1e308})]}))
    expect(await message(readSnapshot(path))).toMatch(/sizeGiB: a size above 1,000,000,000 GiB/)
  })

  it('reads BOM-prefixed and UTF-16 snapshots as import reads them', async () => {
    const json = JSON.stringify({...header, resources: [resource('a')]})
    const bom = await file('bom.json', `\ufeff${json}`)
    expect((await readSnapshot(bom)).resources).toHaveLength(1)
    const le = await file('le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]))
    expect((await readSnapshot(le)).resources).toHaveLength(1)
    const be = Buffer.from(json, 'utf16le')
    be.swap16()
    const bePath = await file('be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))
    expect((await readSnapshot(bePath)).resources).toHaveLength(1)
  })

  it('merges duplicate ids and says so', async () => {
    const path = await file(
      'dup.json',
      JSON.stringify({
        ...header,
        sources: [{provider: 'aws', scope: 'x', status: 'complete', count: 2}],
        resources: [resource('a', {tags: {team: 'x'}}), resource('a', {tags: {env: 'prod'}})],
      }),
    )
    const snapshot = await readSnapshot(path)
    expect(snapshot.resources).toHaveLength(1)
    expect(snapshot.resources[0]!.tags).toEqual({team: 'x', env: 'prod'})
    expect(snapshot.sources[0]!.warnings?.[0]).toMatch(/1 resource entry repeats an id/)
  })

  it('keeps __proto__ as an ordinary tag key, stringifies values and redacts secret-named tags', async () => {
    const tags = JSON.parse('{"__proto__": "x", "size": 3, "DB_PASSWORD": "hunter2", "team": "core"}') as Record<string, unknown>
    const clean = cleanTags(tags)
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype)
    expect(Object.keys(clean)).toEqual(['__proto__', 'size', 'DB_PASSWORD', 'team'])
    expect(clean.size).toBe('3')
    expect(clean.DB_PASSWORD).toBe('[redacted]')
    const path = join(await mkdtemp(join(tmpdir(), 'exitready-hostile-')), 'out.json')
    await writeSnapshot(path, {...header, resources: [{...resource('a'), tags: tags as Record<string, string>}]})
    expect(await readFile(path, 'utf8')).not.toMatch(/hunter2/)
  })

  it('random and mutated snapshot text gives exit 2 or a snapshot, never another error and never the content', async () => {
    const valid = JSON.stringify({...header, resources: [resource('arn:aws:s3:::secret-bucket-name', {tags: {owner: 'zyx'}})]})
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 0, max: valid.length - 1}),
        fc.string({maxLength: 3}),
        fc.boolean(),
        async (at, insert, cut) => {
          const text = cut ? valid.slice(0, at) : `${valid.slice(0, at)}${insert}${valid.slice(at + 1)}`
          const path = await file('m.json', text)
          try {
            await readSnapshot(path)
          } catch (error) {
            expect(error).toBeInstanceOf(ExitreadyError)
            expect((error as ExitreadyError).exitCode).toBe(2)
            expect((error as Error).message).not.toMatch(/zyx|secret-bucket/)
          }
        },
      ),
      {numRuns: 150},
    )
  })
})
