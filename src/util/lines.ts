import {createReadStream} from 'node:fs'
import {InputError} from '../errors.js'

/** The longest line accepted: far above any resource, far below what would exhaust memory. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024

/**
 * The lines of a text file, a batch per read: far cheaper than readline's one await per line on
 * files of millions of lines. A trailing carriage return is removed; the last line needs no newline.
 */
export async function* lineBatches(file: string, chunkBytes = 4 << 20, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<string[]> {
  let rest = ''
  let lineNo = 0
  for await (const chunk of createReadStream(file, {encoding: 'utf8', highWaterMark: chunkBytes})) {
    const text = rest + (chunk as string)
    const lines = text.split('\n')
    rest = lines.pop()!
    lineNo += lines.length
    // A file without newlines would otherwise grow `rest` without bound (and quadratically).
    if (rest.length > maxLineChars)
      throw new InputError(
        `${file}:${lineNo + 1}: a line is longer than ${maxLineChars} characters; an NDJSON file has one value a line.`,
      )
    yield lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest]
}
