/** Reading import files: one read, one parse, and errors that name the file and say what is wrong. */
import {readFile} from 'node:fs/promises'
import {basename} from 'node:path'
import {InputError} from '../errors.js'
import {MAX_JSON_SNAPSHOT_BYTES} from '../inventory/snapshot.js'
import {decodeText} from '../util/text.js'
import {inputFileSize} from '../util/yaml.js'
import {parseJsonText} from './json-text.js'

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

/** Text of a file (or `-` for stdin), decoding a BOM and UTF-16 as Windows PowerShell redirection writes it. */
export async function readImportText(file: string): Promise<string> {
  let bytes: Buffer
  if (file === STDIN) bytes = await readStdin()
  else {
    const size = await inputFileSize(file)
    if (size > MAX_IMPORT_BYTES)
      throw new InputError(`${file}: ${size} bytes is over the ${MAX_IMPORT_BYTES}-byte limit for an import file.`)
    bytes = await readFile(file)
  }
  return decodeText(bytes)
}

export const displayName = (file: string) => (file === STDIN ? 'stdin' : file)
export const sourceLabel = (file: string) => (file === STDIN ? 'stdin' : basename(file))

/**
 * JSON.parse with an error that says where and why, and never quotes the file's content (V8 echoes a
 * snippet of the input, which in a state file may be a secret).
 */
export async function parseJson(text: string, file: string): Promise<unknown> {
  return (await parseJsonText(text, displayName(file))).data
}
