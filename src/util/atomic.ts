import {createHash, randomBytes} from 'node:crypto'
import {closeSync, openSync, rmSync, writeSync} from 'node:fs'
import {type FileHandle, mkdir, open, readdir, rename, rm, stat} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import {InputError} from '../errors.js'

/**
 * Atomic writes: a temporary file in the same directory, then a rename, so an interrupted run
 * leaves the previous file intact. Temporary files are removed on failure, on Ctrl-C or SIGTERM,
 * and, when a run was killed outright, by the next run that writes into the same folder.
 */

const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/
const pending = new Set<string>()
let handlersInstalled = false

function removePending(): void {
  for (const path of pending) rmSync(path, {force: true})
  pending.clear()
}

/** On a signal, the temporary files go; the process then ends as the signal asks (130, 143) unless a command handles it. */
function installHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  process.on('exit', removePending)
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.on(signal, () => {
      removePending()
      // Another handler (scan's Ctrl-C, which writes what it read) decides for itself.
      if (process.listenerCount(signal) === 1) process.exit(code)
    })
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes exitready's own temporary files left in `dir` by runs that no longer exist. */
export async function removeStaleTemporaryFiles(dir: string): Promise<number> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    const match = TEMP_NAME.exec(name)
    if (!match || isAlive(Number(match[2]))) continue
    await rm(join(dir, name), {force: true})
    removed++
  }
  return removed
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way of a folder',
  ENOENT: 'the folder does not exist and cannot be created',
  EINVAL: 'the path cannot hold a file',
  EXDEV: 'it is on another device than its temporary file',
  EBUSY: 'the file is busy',
}

/** A failed write is the user's to fix (exit 2, "cannot write <file>: <reason>"), not a bug. */
export function writeError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  return new InputError(
    `cannot write ${path}: ${REASONS[code] ?? (code || 'unknown error')}.`,
    'Choose another output path (--out or --out-dir) that is a writable folder.',
  )
}

/** Refuses targets that are not regular files or absent: a folder, a device such as /dev/null, a /proc entry. */
async function checkTarget(path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined)
  if (existing && !existing.isFile()) throw writeError(path, {code: existing.isDirectory() ? 'EISDIR' : 'EINVAL'})
  if (/^\/(proc|sys)(\/|$)/.test(path)) throw writeError(path, {code: 'EINVAL'})
}

async function prepare(path: string): Promise<string> {
  await checkTarget(path)
  try {
    await mkdir(dirname(path), {recursive: true})
  } catch (error) {
    throw writeError(path, error)
  }
  installHandlers()
  const tmp = tempPathFor(path)
  pending.add(tmp)
  return tmp
}

async function commit(tmp: string, path: string, handle: FileHandle): Promise<void> {
  await handle.close()
  await rename(tmp, path)
  settle(tmp)
}

/** The temporary file is gone (renamed or removed): nothing to clean up on exit. */
function settle(tmp: string): void {
  pending.delete(tmp)
}

async function discard(tmp: string, handle: FileHandle | undefined, path: string, error: unknown): Promise<never> {
  await handle?.close().catch(() => undefined)
  await rm(tmp, {force: true})
  pending.delete(tmp)
  if ((error as NodeJS.ErrnoException).code) throw writeError(path, error)
  throw error
}

/** Writes a file atomically: a temporary file in the same directory, then a rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = await prepare(path)
  let handle: FileHandle | undefined
  try {
    handle = await open(tmp, 'wx')
    await handle.writeFile(data)
    await commit(tmp, path, handle)
  } catch (error) {
    await discard(tmp, handle, path, error)
  }
}

/** What was written: its size and SHA-256, for a manifest that ties a report set together. */
export interface WrittenFile {
  bytes: number
  sha256: string
}

/** Chunks are gathered into writes of about this many characters: large enough that system calls are few, small enough to stay in cache. */
const WRITE_CHARS = 1 << 16
/** Characters written between turns of the event loop. */
const TURN_CHARS = 16 << 20
/** Bytes a batch can need: a UTF-16 code unit is at most three bytes of UTF-8. */
const SCRATCH = Buffer.allocUnsafe(3 * 2 * WRITE_CHARS)

function writeAllSync(fd: number, bytes: Uint8Array, length: number): void {
  for (let offset = 0; offset < length; ) offset += writeSync(fd, bytes, offset, length - offset)
}

/**
 * Writes chunks to a file atomically; for outputs too large to hold as one string. Chunks are
 * gathered into batches of about 64 KiB, each written synchronously (half the time of a stream
 * and its drain events for hundreds of megabytes); the file is opened first, so an unwritable
 * target fails at once.
 */
export async function writeChunksAtomic(path: string, chunks: Iterable<string>): Promise<WrittenFile> {
  const tmp = await prepare(path)
  let fd: number | undefined
  const hash = createHash('sha256')
  let size = 0
  try {
    fd = openSync(tmp, 'wx')
    const out = fd
    let batch = ''
    const flush = () => {
      // A batch fits the scratch buffer unless one chunk was itself very large.
      const bytes = batch.length <= 2 * WRITE_CHARS ? SCRATCH : Buffer.from(batch)
      const length = bytes === SCRATCH ? SCRATCH.write(batch) : bytes.length
      writeAllSync(out, bytes, length)
      hash.update(bytes.subarray(0, length))
      size += length
      batch = ''
    }
    let sinceTurn = 0
    for (const chunk of chunks) {
      batch += chunk
      if (batch.length < WRITE_CHARS) continue
      sinceTurn += batch.length
      flush()
      // Now and then the event loop turns, so that Ctrl-C and SIGTERM are handled during a long write.
      if (sinceTurn >= TURN_CHARS) {
        sinceTurn = 0
        await new Promise(setImmediate)
      }
    }
    if (batch !== '') flush()
    closeSync(fd)
    fd = undefined
    await rename(tmp, path)
    settle(tmp)
  } catch (error) {
    if (fd !== undefined)
      try {
        closeSync(fd)
      } catch {
        // Already failing: the first error is the one to report.
      }
    return discard(tmp, undefined, path, error)
  }
  return {bytes: size, sha256: hash.digest('hex')}
}
