import {open} from 'node:fs/promises'
import {TextDecoder} from 'node:util'
import {firstJsonError, jsonErrorText} from './json.js'

/**
 * A JSON file whose root is an object with one very long array (a snapshot's `resources`), read
 * without ever holding the file as one string: V8's longest string is about 512 MiB, so `readFile`
 * and `JSON.parse` fail on a large estate. The text is scanned in chunks for the boundaries of the
 * root object's members and of the array's elements; each element, and each other member, is
 * parsed on its own by `JSON.parse`, which also checks it. The structure between them is checked
 * here, so the file is accepted exactly when `JSON.parse` would accept it, with the same value.
 * A syntax error is described as `describeJsonError` describes it for the whole text (line,
 * column, what was expected), and never quotes the file.
 */

/** A syntax error, worded like describeJsonError's (without the file name). */
export class JsonSyntaxError extends Error {}

export interface StreamedJsonObject {
  /** False when the root is valid JSON but not an object. */
  object: boolean
  /** The root's members other than the streamed array, in order (the last of a repeated key wins, as in JSON.parse). */
  members: Record<string, unknown>
  /** Whether the last member named `arrayKey` was an array (its elements went to `onArray`'s consumer). */
  streamed: boolean
}

export interface StreamJsonOptions {
  /** The root member whose array is streamed element by element. */
  arrayKey: string
  /** Called when that array begins (again, if the key repeats); returns what takes each element. */
  onArray: () => (value: unknown) => void
  /** Bytes read at a time. */
  chunkBytes?: number
  /** The longest single value (an element or another member) accepted, in characters. */
  maxValueChars?: number
}

/** The longest single value: far above any resource, far below what would exhaust memory. */
export const MAX_JSON_VALUE_CHARS = 64 * 1024 * 1024

enum State {
  Start,
  FirstKey,
  Key,
  Colon,
  Value,
  MemberEnd,
  FirstItem,
  Item,
  ItemEnd,
  AfterRoot,
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const isJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
const isDelimiter = (c: number) => isJsonSpace(c) || c === 0x2c || c === 0x5d || c === 0x7d

/** The index after the closing quote of a string whose content starts at `from`, or -1 when the text ends first. */
function stringEnd(text: string, from: number): number {
  for (let q = text.indexOf('"', from); q !== -1; q = text.indexOf('"', q + 1)) {
    let backslashes = 0
    for (let b = q - 1; b >= from && text.charCodeAt(b) === BACKSLASH; b--) backslashes++
    if ((backslashes & 1) === 0) return q + 1
  }
  return -1
}

/** Where a value's scan stands, so that it resumes when more text arrives. */
interface ValueScan {
  start: number
  at: number
  depth: number
}

/**
 * The end of the value starting at `scan.start`, or -1 when the text ends first. Containers are
 * matched by depth only (`[}` is "closed"): JSON.parse of the slice then rejects what is wrong.
 */
function valueEnd(text: string, scan: ValueScan, final: boolean): number {
  const first = text.charCodeAt(scan.start)
  if (first === QUOTE) return stringEnd(text, scan.start + 1)
  if (first !== 0x7b && first !== 0x5b) {
    let i = scan.at
    while (i < text.length && !isDelimiter(text.charCodeAt(i))) i++
    scan.at = i
    return i < text.length || final ? i : -1
  }
  let i = scan.at
  let depth = scan.depth
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      const end = stringEnd(text, i + 1)
      if (end === -1) break
      i = end - 1
    } else if (c === 0x7b || c === 0x5b) depth++
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1
    }
  }
  // Resumes at the string or the character where the text ran out.
  scan.at = i
  scan.depth = depth
  return -1
}

/**
 * Text that puts a parser in the state the scan is in, so the first error it reports is the
 * scan's. Values are `[]`, which cannot run into the text that follows (`0` would, in `0e5`).
 */
const SKELETON: Record<State, string> = {
  [State.Start]: '',
  [State.FirstKey]: '{',
  [State.Key]: '{"k":[],',
  [State.Colon]: '',
  [State.Value]: '',
  [State.MemberEnd]: '{"k":[]',
  [State.FirstItem]: '{"k":[',
  [State.Item]: '{"k":[[],',
  [State.ItemEnd]: '{"k":[[]',
  [State.AfterRoot]: '{}',
}

/** Text read past a syntax error, so that it is described as in the whole text. */
const ERROR_CONTEXT_CHARS = 1 << 16

/** Thrown inside the scan at a syntax error; described afterwards, from the scan's state. */
class ScanFailure {
  constructor(readonly valueEnd?: number) {}
}

export async function streamJsonObject(file: string, options: StreamJsonOptions): Promise<StreamedJsonObject> {
  const {arrayKey, onArray, chunkBytes = 4 << 20, maxValueChars = MAX_JSON_VALUE_CHARS} = options
  const handle = await open(file, 'r')
  // The first read takes at least the byte-order mark.
  const bytes = Buffer.allocUnsafe(Math.max(chunkBytes, 4))
  let decoder: TextDecoder | undefined
  const members: Record<string, unknown> = {}
  let streamed = false
  let object = true
  let consume: ((value: unknown) => void) | undefined

  let text = ''
  let pos = 0
  // Line and column of text[0], for error messages.
  let line = 1
  let column = 1
  let state = State.Start
  // Where the construct being read began (kept in `text` until it is complete), and the skeleton before it.
  let tail = 0
  let skeleton = ''
  let key = ''
  let scan: ValueScan | undefined
  let final = false

  const where = (index: number) => {
    let l = line
    let lineStart = -1
    for (let n = text.indexOf('\n'); n !== -1 && n < index; n = text.indexOf('\n', n + 1)) {
      l++
      lineStart = n
    }
    return {line: l, column: lineStart === -1 ? column + index : index - lineStart}
  }
  /** The error as describeJsonError would word it for the whole file. */
  const describe = async (failure: ScanFailure): Promise<string> => {
    if (state === State.Start && final && text.trim() === '') return 'the file is empty'
    const first = await firstJsonError(skeleton + text.slice(tail))
    if (!first || first.offset < skeleton.length) return 'not valid JSON'
    const index = tail + first.offset - skeleton.length
    if (failure.valueEnd !== undefined && index >= failure.valueEnd && !final) {
      const at = where(tail)
      return `not valid JSON in the value at line ${at.line}, column ${at.column}`
    }
    return jsonErrorText(where(index), first.code, final && index >= text.trimEnd().length)
  }
  /** Starts a construct at `index`: everything before it may be dropped, and errors are reported from it. */
  const begin = (index: number, next: State) => {
    tail = index
    skeleton = SKELETON[next]
    state = next
  }
  const parse = (start: number, end: number): unknown => {
    try {
      return JSON.parse(text.slice(start, end))
    } catch {
      throw new ScanFailure(end)
    }
  }
  /** The end of the value at `pos`, or -1 when more text is needed. */
  const value = (): number => {
    scan ??= {start: pos, at: pos + 1, depth: 1}
    const end = valueEnd(text, scan, final)
    if (end !== -1) return end
    if (final) throw new ScanFailure()
    if (text.length - scan.start > maxValueChars)
      throw new JsonSyntaxError(`a value at line ${where(scan.start).line} is longer than ${maxValueChars} characters`)
    return -1
  }
  const done = (end: number, next: State) => {
    pos = end
    scan = undefined
    begin(pos, next)
  }

  /** One step of the scan; false when it needs more text (or the file is done). */
  const step = (): boolean => {
    while (pos < text.length && isJsonSpace(text.charCodeAt(pos))) pos++
    if (pos >= text.length) {
      if (final && state !== State.AfterRoot) throw new ScanFailure()
      return false
    }
    const c = text.charCodeAt(pos)
    switch (state) {
      case State.Start: {
        if (c === 0x7b) {
          done(pos + 1, State.FirstKey)
          return true
        }
        // Not an object: checked all the same, then reported as not what the caller reads.
        const end = value()
        if (end === -1) return false
        parse(pos, end)
        object = false
        done(end, State.AfterRoot)
        skeleton = '[]'
        return true
      }
      case State.FirstKey:
      case State.Key: {
        if (c === 0x7d && state === State.FirstKey) {
          done(pos + 1, State.AfterRoot)
          return true
        }
        if (c !== QUOTE) throw new ScanFailure()
        const end = value()
        if (end === -1) return false
        key = parse(pos, end) as string
        pos = end
        scan = undefined
        state = State.Colon
        return true
      }
      case State.Colon:
        if (c !== 0x3a) throw new ScanFailure()
        pos++
        state = State.Value
        return true
      case State.Value: {
        if (key === arrayKey && c === 0x5b) {
          streamed = true
          delete members[key]
          consume = onArray()
          done(pos + 1, State.FirstItem)
          return true
        }
        const end = value()
        if (end === -1) return false
        const parsed = parse(pos, end)
        if (key === arrayKey) streamed = false
        // `__proto__` stays an ordinary key, as JSON.parse makes it.
        Object.defineProperty(members, key, {value: parsed, enumerable: true, writable: true, configurable: true})
        done(end, State.MemberEnd)
        return true
      }
      case State.MemberEnd:
        if (c === 0x2c) done(pos + 1, State.Key)
        else if (c === 0x7d) done(pos + 1, State.AfterRoot)
        else throw new ScanFailure()
        return true
      case State.FirstItem:
      case State.Item: {
        if (c === 0x5d && state === State.FirstItem) {
          done(pos + 1, State.MemberEnd)
          return true
        }
        const end = value()
        if (end === -1) return false
        consume!(parse(pos, end))
        done(end, State.ItemEnd)
        return true
      }
      case State.ItemEnd:
        if (c === 0x2c) done(pos + 1, State.Item)
        else if (c === 0x5d) done(pos + 1, State.MemberEnd)
        else throw new ScanFailure()
        return true
      case State.AfterRoot:
        throw new ScanFailure()
    }
  }

  /** Reads the next chunk onto the text; what is complete is dropped first, counting its lines. */
  const readMore = async (drop: boolean) => {
    const {bytesRead} = await handle.read(bytes, 0, decoder ? chunkBytes : bytes.length, null)
    if (!decoder) {
      const bom = bytesRead >= 2 ? (bytes[0]! << 8) | bytes[1]! : 0
      decoder = new TextDecoder(bom === 0xfffe ? 'utf-16le' : bom === 0xfeff ? 'utf-16be' : 'utf-8')
    }
    final = bytesRead === 0
    const chunk = final ? decoder.decode() : decoder.decode(bytes.subarray(0, bytesRead), {stream: true})
    // The construct being read stays.
    const keep = drop ? Math.min(tail, pos) : 0
    if (keep > 0) {
      ;({line, column} = where(keep))
      text = text.slice(keep)
      pos -= keep
      tail -= keep
      if (scan) {
        scan.start -= keep
        scan.at -= keep
      }
    }
    text += chunk
  }

  try {
    while (!final) {
      await readMore(true)
      try {
        while (step()) {}
      } catch (error) {
        if (!(error instanceof ScanFailure)) throw error
        // The error is described with what follows it, as a reader of the whole text sees it.
        while (!final && text.length - pos < ERROR_CONTEXT_CHARS) await readMore(false)
        throw new JsonSyntaxError(await describe(error))
      }
    }
    return {object, members, streamed}
  } finally {
    await handle.close()
  }
}
