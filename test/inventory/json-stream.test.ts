import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {describeJsonError, isObject} from '../../src/util/json.js'
import {JsonSyntaxError, streamJsonObject} from '../../src/util/json-stream.js'
import {tempDir} from '../helpers/cli.js'

const dir = tempDir()
let n = 0
function fileWith(content: string | Buffer): string {
  const file = join(dir, `doc-${n++}.json`)
  writeFileSync(file, content)
  return file
}

type Outcome = {error: string} | {object: boolean; members?: Record<string, unknown>; items?: unknown[]; streamed?: boolean}

/** What the whole-text path gives: JSON.parse, its error described as for a file. */
async function whole(text: string): Promise<Outcome> {
  let value: unknown
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch {
    return {error: await describeJsonError(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)}
  }
  if (!isObject(value)) return {object: false}
  const {resources, ...members} = value
  if (Array.isArray(resources)) return {object: true, members, items: resources, streamed: true}
  return {object: true, members: value, streamed: false}
}

/** The streaming reader on the same text, read `chunkBytes` at a time. */
async function streamed(content: string | Buffer, chunkBytes: number): Promise<Outcome> {
  let items: unknown[] = []
  try {
    const result = await streamJsonObject(fileWith(content), {
      arrayKey: 'resources',
      chunkBytes,
      onArray: () => {
        items = []
        return (value) => items.push(value)
      },
    })
    if (!result.object) return {object: false}
    return result.streamed
      ? {object: true, members: result.members, items, streamed: true}
      : {object: true, members: result.members, streamed: false}
  } catch (error) {
    if (error instanceof JsonSyntaxError) return {error: error.message}
    throw error
  }
}

/** Strings that test the scanner: quotes, backslashes, brackets and non-ASCII, among ordinary text. */
const trickyString = fc.oneof(
  fc.string({unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', ' ', '\n', 'a', 'é', '✓', '\u2028', '\u0000')}),
  fc.string({unit: 'binary'}),
  fc.string(),
)
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    {depthSize: 'small'},
    trickyString,
    fc.double({noDefaultInfinity: true, noNaN: true}),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), {maxLength: 4}),
    fc.dictionary(trickyString, tie('v'), {maxKeys: 4}),
  ),
})).v
const snapshotLike = fc.record(
  {
    schema: fc.constant('exitready/inventory@1'),
    extra: value,
    resources: fc.array(value, {maxLength: 12}),
    sources: fc.array(value, {maxLength: 3}),
  },
  {requiredKeys: ['resources']},
)
const space = fc.oneof(
  fc.constant(undefined),
  fc.constant(2),
  fc.string({unit: fc.constantFrom(' ', '\t', '\n', '\r'), maxLength: 4}),
)
const chunk = fc.integer({min: 1, max: 64})

describe('streamJsonObject', () => {
  it('gives exactly what JSON.parse gives, for any document and any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(snapshotLike, space, chunk, async (doc, indent, chunkBytes) => {
        const text = JSON.stringify(doc, null, indent)
        const expected = await whole(text)
        expect(await streamed(text, chunkBytes)).toEqual(expected)
      }),
      {numRuns: 150},
    )
  })

  it('accepts and rejects what JSON.parse does, with the same line, column and words, for damaged documents', async () => {
    const damage = fc.record({
      at: fc.nat(),
      cut: fc.integer({min: 0, max: 3}),
      insert: fc.string({
        unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', ' ', '\n', 'x', '1', '-', '.', 'e', 't'),
      }),
    })
    await fc.assert(
      fc.asyncProperty(snapshotLike, space, damage, chunk, async (doc, indent, {at, cut, insert}, chunkBytes) => {
        const text = JSON.stringify(doc, null, indent)
        const i = at % (text.length + 1)
        // What a file can hold: a cut through a surrogate pair is written as U+FFFD.
        const broken = Buffer.from(text.slice(0, i) + insert + text.slice(i + cut)).toString('utf8')
        expect(await streamed(broken, chunkBytes)).toEqual(await whole(broken))
      }),
      {numRuns: 400},
    )
  })

  it('handles duplicate keys, __proto__, other roots and empty files as JSON.parse does', async () => {
    for (const text of [
      '{"resources": [1], "resources": 5}',
      '{"resources": 5, "a": 1, "resources": [2, 3]}',
      '{"__proto__": {"x": 1}, "resources": []}',
      '{}',
      '[1, 2]',
      '"just a string"',
      '42',
      '',
      '   \n ',
      '{"resources": [1,]}',
      '{"a": 1,}',
      '{"a": 1} x',
      '{"resources": [{"a": "]}"}, 2',
      '{"a" 1}',
      '{"a": tru}',
      '{"a": 1.}',
      '{"resources": [01]}',
    ])
      for (const chunkBytes of [1, 3, 4096]) expect(await streamed(text, chunkBytes), text).toEqual(await whole(text))
  })

  it('decodes UTF-8 split across chunks and UTF-16 files with a byte-order mark', async () => {
    const doc = {schema: 'x', resources: [{name: 'ünïcödé ✓ 😀', note: '"]}'}, 'ß']}
    const text = JSON.stringify(doc, null, 2)
    for (const chunkBytes of [1, 2, 5]) {
      expect(await streamed(text, chunkBytes)).toEqual(await whole(text))
      expect(await streamed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), chunkBytes)).toEqual(
        await whole(text),
      )
      expect(await streamed(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), chunkBytes)).toEqual(
        await whole(text),
      )
    }
  })

  it('refuses a single value longer than the limit, naming its line', async () => {
    const text = `{\n"resources": [\n"${'x'.repeat(5000)}"]}`
    await expect(
      streamJsonObject(fileWith(text), {arrayKey: 'resources', chunkBytes: 512, maxValueChars: 1000, onArray: () => () => {}}),
    ).rejects.toThrow('a value at line 3 is longer than 1000 characters')
  })
})
