import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {stat} from 'node:fs/promises'
import type {Assessment} from '../assessment/schema.js'
import type {PolicyOutcome} from '../policy/types.js'
import {openHistory} from './open.js'
import type {HistoryInput, HistoryStore, RecordHooks} from './store.js'

/**
 * Records one assessment in the history: what `assess --history` calls after scoring. One
 * transaction: an interrupted run leaves the history as it was. Returns the new id.
 */
export async function recordAssessment(
  store: HistoryStore,
  assessment: Assessment,
  policies: PolicyOutcome[],
  inputs: HistoryInput[],
  hooks?: RecordHooks,
): Promise<number> {
  return store.record({assessment, policies, inputs}, hooks)
}

/**
 * Each input with its SHA-256 and size, read as a stream. An input that is not a readable file
 * (a built-in demo name, stdin) is kept by name without a hash rather than dropped.
 */
export async function hashInputs(paths: readonly string[]): Promise<HistoryInput[]> {
  const out: HistoryInput[] = []
  for (const path of paths) {
    try {
      const info = await stat(path)
      if (!info.isFile()) {
        out.push({path})
        continue
      }
      const hash = createHash('sha256')
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
      out.push({path, sha256: hash.digest('hex'), bytes: info.size})
    } catch {
      out.push({path})
    }
  }
  return out
}

/**
 * The one call `assess --history <target>` needs: opens the history (creating and migrating it),
 * hashes the inputs, records, closes. Returns the new id and where it went (no password).
 */
export async function recordToHistory(
  target: string,
  assessment: Assessment,
  policies: PolicyOutcome[],
  inputPaths: readonly string[],
): Promise<{id: number; history: string}> {
  const inputs = await hashInputs(inputPaths)
  const store = await openHistory(target)
  try {
    return {id: await recordAssessment(store, assessment, policies, inputs), history: store.location}
  } finally {
    await store.close()
  }
}
