import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {strFromU8, unzipSync} from 'fflate'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

const DEMO_ARRANGEMENTS = join(ROOT, 'fixtures/demo/arrangements.yaml')

describe('exitready dora register (built CLI)', () => {
  it('--demo writes a valid package, the readable tables, the gap report and the exit plans; exit 0', () => {
    const out = tempDir()
    const run = runCli(['dora', 'register', '--demo', '--out', out, '--fail-on-gaps'])
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(
      /^Register: 0 problems, \d+ warnings, \d+ values proposed by exitready to confirm; 9 resources no arrangement covers; 2 exit plans\./,
    )
    const zip = readdirSync(out).find((f) => f.endsWith('.zip'))!
    expect(zip).toMatch(/^NORDWINDVERSICH0DE49\.CON_DE_DORA010100_DORA_2025-12-31_\d{17}\.zip$/)
    const files = unzipSync(readFileSync(join(out, zip)))
    const folder = zip.replace(/\.zip$/, '')
    expect(strFromU8(files[`${folder}/reports/b_01.01.csv`]!)).toMatch(
      /^c0010,c0020,c0030,c0040,c0050,c0060\r\nNORDWINDVERSICH0DE49,/,
    )
    const gaps = readFileSync(join(out, 'gap-report.md'), 'utf8')
    expect(gaps).toMatch(/^# DORA Register of Information: gap report/)
    expect(gaps).toMatch(/\| NW-ICT-2022-002 \| exit-test \| NW-ICT-2022-002: the exit plan was last tested on 2024-09-03/)
    expect(readFileSync(join(out, 'exit-plans.html'), 'utf8')).toMatch(/^<!doctype html>/)
    expect(JSON.parse(readFileSync(join(out, 'exit-plans.json'), 'utf8')).plans).toHaveLength(2)
    expect(readdirSync(join(out, 'readable'))).toContain('sources.csv')
  })

  it('--fail-on-gaps exits 1 when a mandatory value is missing, and the gap report names it', () => {
    const dir = tempDir()
    const file = join(dir, 'arrangements.yaml')
    writeFileSync(file, readFileSync(DEMO_ARRANGEMENTS, 'utf8').replace('  competentAuthority: BaFin\n', ''))
    const out = join(dir, 'roi')
    const gated = runCli(['dora', 'register', '--demo', '--arrangements', file, '--out', out, '--fail-on-gaps', '--json'])
    expect(gated.status).toBe(1)
    expect(JSON.parse(gated.stdout).errors).toEqual([expect.objectContaining({template: 'B_01.01', column: 'c0050', row: 1})])
    expect(readFileSync(join(out, 'gap-report.md'), 'utf8')).toContain('| B_01.01 | c0050 | 1 |')
    expect(runCli(['dora', 'register', '--demo', '--arrangements', file, '--out', out]).status).toBe(0)
  })

  it('rejects a broken arrangements file with exit 2 and its file:line:column, writing nothing', () => {
    const dir = tempDir()
    const file = join(dir, 'arrangements.yaml')
    writeFileSync(file, readFileSync(DEMO_ARRANGEMENTS, 'utf8').replace('lei: NORDWINDVERSICH0DE49', 'lei: NORDWINDVERSICH0DE48'))
    const run = runCli(['dora', 'register', '--demo', '--arrangements', file, '--out', join(dir, 'roi')])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/arrangements\.yaml:\d+:\d+: entity\.lei: a 20-character LEI whose ISO 17442 check digits hold/)
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(readdirSync(dir)).toEqual(['arrangements.yaml'])
  })

  it('an incomplete snapshot gives exit 3 and says so in the gap report', () => {
    const dir = tempDir()
    const snapshot = join(dir, 'partial.json')
    writeFileSync(
      snapshot,
      JSON.stringify({
        schema: 'exitready/inventory@1',
        createdAt: '2026-01-15T10:00:00Z',
        sources: [{provider: 'aws', scope: '412345678901', status: 'partial', error: 'Listing stopped after page 3.', count: 0}],
        resources: [],
      }),
    )
    const out = join(dir, 'roi')
    const run = runCli(['dora', 'register', snapshot, '--arrangements', DEMO_ARRANGEMENTS, '--out', out])
    expect(run.status).toBe(3)
    expect(readFileSync(join(out, 'gap-report.md'), 'utf8')).toContain('**The inventory is incomplete** (aws partial)')
  })

  it('without snapshots or arrangements: exit 2 with a suggestion', () => {
    const run = runCli(['dora', 'register', '--out', tempDir()])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/No inventory snapshot given/)
  })
})
