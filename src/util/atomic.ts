import {randomBytes} from 'node:crypto'
import {createWriteStream} from 'node:fs'
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import {finished} from 'node:stream/promises'

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
}

/** Writes a file atomically: a temporary file in the same directory, then a rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), {recursive: true})
  const tmp = tempPathFor(path)
  try {
    await writeFile(tmp, data)
    await rename(tmp, path)
  } catch (error) {
    await rm(tmp, {force: true})
    throw error
  }
}

/**
 * Streams chunks to a file atomically; for outputs too large to hold as one string.
 * Chunks are buffered into large writes so a million small lines stay fast.
 */
export async function writeChunksAtomic(path: string, chunks: Iterable<string>): Promise<void> {
  await mkdir(dirname(path), {recursive: true})
  const tmp = tempPathFor(path)
  const out = createWriteStream(tmp)
  try {
    let buffer = ''
    for (const chunk of chunks) {
      buffer += chunk
      if (buffer.length >= 1 << 20) {
        if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
        buffer = ''
      }
    }
    out.end(buffer)
    await finished(out)
    await rename(tmp, path)
  } catch (error) {
    out.destroy()
    await rm(tmp, {force: true})
    throw error
  }
}
