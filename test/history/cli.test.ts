import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {recordAssessment} from '../../src/history/record.js'
import type {EstateEvaluation} from '../../src/jobs/pipeline.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {open, STORE_KINDS, usePostgres} from './stores.js'
import {demoAssessment} from './support/assessment.js'

usePostgres()

let runs: EstateEvaluation[]

beforeAll(async () => {
  runs = [
    await demoAssessment({now: '2026-09-30T08:00:00Z'}),
    await demoAssessment({
      now: '2026-10-31T08:00:00Z',
      change: (s) => {
        s.resources = s.resources.filter((r) => r.provider !== 'hetzner')
      },
    }),
  ]
}, 60_000)

const json = (run: {stdout: string}) => JSON.parse(run.stdout)

describe.each(STORE_KINDS)('exitready history ($name)', (kind) => {
  let target: string
  let ids: number[]
  beforeAll(async () => {
    const opened = await open(kind)
    target = opened.target
    ids = []
    for (const r of runs)
      ids.push(
        await recordAssessment(opened.store, r.assessment, r.policies, [{path: 'inventory.json', sha256: 'cd'.repeat(32)}]),
      )
    await opened.store.close()
  }, 60_000)

  it('list prints the assessments newest first, as a table and as JSON', () => {
    const table = runCli(['history', 'list', '--history', target])
    expect(table.status, table.stderr).toBe(0)
    expect(table.stdout).toMatch(new RegExp(`│ #${ids[1]} +│ 2026-10-31 08:00 │ ${runs[1]!.assessment.summary.grade} +│`))
    const listed = json(runCli(['history', 'list', '--history', target, '--json']))
    expect(listed.assessments.map((e: {id: number}) => e.id)).toEqual([ids[1], ids[0]])
    expect(listed.assessments[0].inputs).toEqual([{path: 'inventory.json', sha256: 'cd'.repeat(32)}])
  })

  it('show resolves @previous and prints its figures and findings', () => {
    const shown = json(runCli(['history', 'show', '@previous', '--history', target, '--json']))
    expect(shown.entry.id).toBe(ids[0])
    expect(shown.providers.map((p: {provider: string}) => p.provider)).toContain('hetzner')
    expect(shown.findings).toHaveLength(318)
    expect(shown.policies.map((p: {name: string}) => p.name)).toEqual(['baseline', 'one-hole', 'sovereign-first', 'dora-exit'])
  })

  it('trend draws the metric per provider and returns the series as JSON', () => {
    const text = runCli(['history', 'trend', '--metric', 'resourceCount', '--by', 'provider', '--history', target])
    expect(text.status, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^resourceCount by provider over 2 assessments \(2026-09-30 → 2026-10-31\)$/m)
    expect(text.stdout).toMatch(/^hetzner +▄ {3}\d+ → \d+$/m)
    const trend = json(runCli(['history', 'trend', '--metric', 'grade', '--history', target, '--json']))
    expect(trend.assessments.map((a: {id: number}) => a.id)).toEqual(ids)
  })

  it('an unknown id is exit 2 with a suggestion', () => {
    // The server trusts local connections, so a password in the URL is accepted and must never be shown.
    const withSecret = kind.name === 'postgres' ? target.replace('exitready@', 'exitready:s3cret@') : target
    const run = runCli(['history', 'show', '#999', '--history', withSecret, '--json'])
    expect(run.status).toBe(2)
    expect(json(run).error).toMatchObject({code: 'EXITREADY_INPUT_INVALID', suggestion: expect.stringMatching(/history list/)})
    expect(run.stdout + run.stderr).not.toMatch(/s3cret/)
  })

  it('diff takes a date and @latest from the history: 2026-09-30 is the September run', () => {
    const run = runCli(['diff', '2026-09-30', '@latest', '--history', target, '--json'])
    expect(run.status, run.stderr).toBe(0)
    const diff = json(run)
    const hetzner = runs[0]!.assessment.resources.filter((r) => r.provider === 'hetzner').map((r) => r.id)
    expect(hetzner.length).toBeGreaterThan(0)
    expect(diff.removed.map((r: {id: string}) => r.id).sort()).toEqual([...hetzner].sort())
    expect(diff.added).toEqual([])
    expect(diff.grade).toEqual({old: runs[0]!.assessment.summary.grade, new: runs[1]!.assessment.summary.grade})
    // A day before the first run names none: exit 2, not an empty diff.
    expect(runCli(['diff', '2026-09-29', '@latest', '--history', target]).status).toBe(2)
  })

  it('prune keeps the newest N', () => {
    const run = runCli(['history', 'prune', '--keep', '1', '--history', target, '--json'])
    expect(run.status, run.stderr).toBe(0)
    expect(json(run)).toMatchObject({deleted: [ids[0]], kept: 1})
    expect(run.stderr).toMatch(`Deleted 1 assessment (#${ids[0]}); 1 kept.`)
  })
})

describe('exitready history without a history', () => {
  it('reading commands do not create an empty database where none is', () => {
    const dir = tempDir()
    const run = runCli(['history', 'list'], {cwd: dir})
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^Error: There is no history at \.\/exitready\.db\.\nTry: Record assessments with/)
    expect(existsSync(join(dir, 'exitready.db'))).toBe(false)
  })
})
