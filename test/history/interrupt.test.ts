import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {recordAssessment} from '../../src/history/record.js'
import type {HistoryStore} from '../../src/history/store.js'
import {ROOT} from '../helpers/cli.js'
import {open, STORE_KINDS, usePostgres} from './stores.js'
import {demoAssessment} from './support/assessment.js'

usePostgres()

/**
 * Runs the recording child until it is inside its write transaction, runs `whileWriting`, then
 * kills the child with SIGKILL.
 */
function killMidWrite(
  target: string,
  whileWriting: () => Promise<void> = async () => undefined,
): Promise<{killed: boolean; output: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/history/support/record-child.ts'), target], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let stderr = ''
    let asked = false
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('mid-write') && !asked) {
        asked = true
        whileWriting().then(
          () => child.kill('SIGKILL'),
          (error: unknown) => {
            child.kill('SIGKILL')
            reject(error)
          },
        )
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the child was not killed mid-write: ${output}${stderr}`))
      else resolve({killed: true, output})
    })
  })
}

const count = async (store: HistoryStore, table: string) =>
  Number((await store.driver.query<{n: number}>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n)

/** Resources recorded, over all assessments (their scores are kept in chunks). */
const resourcesRecorded = async (store: HistoryStore) =>
  Number((await store.driver.query<{n: number | null}>('SELECT SUM(resources) AS n FROM resource_chunks'))[0]!.n ?? 0)

describe.each(STORE_KINDS)('an interrupted write ($name)', (kind) => {
  let store: HistoryStore | undefined
  afterEach(async () => {
    await store?.close()
  })

  it('leaves the history as it was when the writer is killed mid-transaction', async () => {
    const first = await open(kind)
    const september = await demoAssessment()
    const kept = await recordAssessment(first.store, september.assessment, september.policies, [{path: 'inventory.json'}])
    await first.store.close()

    // Meanwhile a reader opens the history and lists it without waiting for the writer's lock.
    let seenWhileWriting: number[] = []
    let readMs = 0
    const run = await killMidWrite(first.target, async () => {
      const start = performance.now()
      const reader = await open(kind, first.target)
      seenWhileWriting = (await reader.store.list()).map((e) => e.id)
      await reader.store.close()
      readMs = performance.now() - start
    })
    expect(run.output).toBe('mid-write\n')
    expect(seenWhileWriting).toEqual([kept])
    expect(readMs).toBeLessThan(5000)

    store = (await open(kind, first.target)).store
    if (kind.name === 'sqlite') {
      const [check] = await store.driver.query<{integrity_check: string}>('PRAGMA integrity_check')
      expect(check!.integrity_check).toBe('ok')
    }
    expect((await store.list()).map((e) => e.id)).toEqual([kept])
    expect(await resourcesRecorded(store)).toBe(385)
    expect(await count(store, 'findings')).toBe(318)
    expect(await count(store, 'assessment_inputs')).toBe(1)
    // And the next run records normally.
    const next = await recordAssessment(store, september.assessment, september.policies, [])
    expect((await store.list()).map((e) => e.id)).toEqual([next, kept])
  }, 60_000)
})
