// The library API: its export list is a contract (test/data/library-exports.json), its stages work
// together as documented in src/index.ts, and importing it loads no cloud SDK.
import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import * as api from '../src/index.js'
import {ROOT, tempDir} from './helpers/cli.js'

const EXPORTS = JSON.parse(readFileSync(join(ROOT, 'test/data/library-exports.json'), 'utf8')) as string[]

describe('exitready as a library', () => {
  it('exports the stages, the schemas and the error classes, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual(EXPORTS)
    for (const stage of ['runScan', 'importFiles', 'evaluateEstate', 'loadCatalog', 'loadPolicies', 'writeReports'] as const)
      expect(typeof api[stage]).toBe('function')
    expect(new api.InputError('x').code).toBe('EXITREADY_INPUT_INVALID')
    expect(new api.InputError('x')).toBeInstanceOf(api.ExitreadyError)
  })

  it('runs the documented pipeline: import, catalog, policies, evaluation, reports', async () => {
    const snapshot = await api.importFiles([join(ROOT, 'fixtures/import/saas-inventory.yaml')])
    expect(api.SnapshotSchema.parse(snapshot).resources.length).toBeGreaterThan(0)
    const now = new Date('2026-11-28T12:00:00Z')
    const policies = await api.loadPolicies(['one-hole'])
    const evaluation = api.evaluateEstate(snapshot, await api.loadCatalog(), policies, {now})
    expect(evaluation.assessment.summary.resourceCount).toBe(snapshot.resources.length)
    const dir = tempDir()
    const files = await api.writeReports({...evaluation, now}, ['json'], dir)
    expect(files).toEqual([join(dir, 'assessment.json')])
    expect(api.AssessmentSchema.safeParse(JSON.parse(readFileSync(files[0]!, 'utf8'))).success).toBe(true)
    await expect(api.loadPolicies(['one-hol'])).rejects.toMatchObject({code: 'EXITREADY_POLICY_INVALID', exitCode: 2})
  })

  it('the built module imports without loading any cloud SDK', () => {
    const dir = tempDir()
    const hook = join(dir, 'trace.mjs')
    writeFileSync(
      hook,
      `import {registerHooks} from 'node:module'\nimport {appendFileSync} from 'node:fs'\nregisterHooks({resolve(specifier, context, next) { const r = next(specifier, context); appendFileSync(${JSON.stringify(join(dir, 'loaded.txt'))}, r.url + '\\n'); return r }})\n`,
    )
    writeFileSync(join(dir, 'loaded.txt'), '')
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        hook,
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(join(ROOT, 'dist/index.js'))}); console.log(Object.keys(m).length)`,
      ],
      {encoding: 'utf8'},
    )
    expect(run.stderr).toBe('')
    expect(Number(run.stdout)).toBe(EXPORTS.length)
    const loaded = readFileSync(join(dir, 'loaded.txt'), 'utf8')
    expect(loaded).toMatch(/dist\/collectors\/scan\.js/)
    expect(loaded).not.toMatch(/@aws-sdk|@azure|@google-cloud|google-auth-library|@oclif/)
  })
})
