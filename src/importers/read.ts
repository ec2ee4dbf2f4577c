/** Reading import files: one read, one parse, and errors that name the file and say what is wrong. */
import {readFile} from 'node:fs/promises'
import {basename} from 'node:path'
import {InputError} from '../errors.js'
import {MAX_JSON_SNAPSHOT_BYTES} from '../inventory/snapshot.js'
import {inputFileSize} from '../util/yaml.js'

/** The largest import file: V8 cannot hold a much larger string (50,000-instance states are far below it). */
export const MAX_IMPORT_BYTES = MAX_JSON_SNAPSHOT_BYTES

export const STDIN = '-'

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length
    if (size > MAX_IMPORT_BYTES) throw new InputError(`stdin: more than ${MAX_IMPORT_BYTES} bytes; write it to a file in parts.`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Text of a file (or `-` for stdin), decoding UTF-16 as Windows PowerShell redirection writes it. */
export async function readImportText(file: string): Promise<string> {
  let bytes: Buffer
  if (file === STDIN) bytes = await readStdin()
  else {
    const size = await inputFileSize(file)
    if (size > MAX_IMPORT_BYTES)
      throw new InputError(`${file}: ${size} bytes is over the ${MAX_IMPORT_BYTES}-byte limit for an import file.`)
    bytes = await readFile(file)
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export const displayName = (file: string) => (file === STDIN ? 'stdin' : file)
export const sourceLabel = (file: string) => (file === STDIN ? 'stdin' : basename(file))

/**
 * JSON.parse with an error that says where and why, and never quotes the file's content (V8 echoes a
 * snippet of the input, which in a state file may be a secret).
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const position = /at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(message)
    const reason = message
      .replace(/,? ".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .trim()
    if (text.trim() === '') throw new InputError(`${displayName(file)}: the file is empty.`)
    if (/Unexpected end of JSON input/.test(message) || (position && Number(position[1]) >= text.trimEnd().length))
      throw new InputError(
        `${displayName(file)}: not valid JSON: the file ends early${position?.[2] ? ` at line ${position[2]}, column ${position[3]}` : ''} (truncated?).`,
        'Export it again and check that the command finished (e.g. `terraform state pull > state.json`).',
      )
    const where = position?.[2] ? ` at line ${position[2]}, column ${position[3]}` : ''
    throw new InputError(`${displayName(file)}: not valid JSON${where}: ${reason}.`)
  }
}
