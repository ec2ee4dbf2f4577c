import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {configuredHistory} from '../../src/history/config.js'
import {runCli, tempDir} from '../helpers/cli.js'

describe('history.path in .exitready.yml', () => {
  it('is found from a subfolder and resolved against the file, a URL kept as it is', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'team/pipeline'), {recursive: true})
    expect(await configuredHistory(join(dir, 'team/pipeline'))).toBeUndefined()
    writeFileSync(join(dir, '.exitready.yml'), 'history:\n  path: data/exitready.db\n')
    expect(await configuredHistory(join(dir, 'team/pipeline'))).toBe(join(dir, 'data/exitready.db'))
    writeFileSync(join(dir, 'team/.exitready.yml'), 'history: {path: "postgres://ci@db.example/exitready"}\n')
    expect(await configuredHistory(join(dir, 'team/pipeline'))).toBe('postgres://ci@db.example/exitready')
  })

  it('a mistyped key is exit 2 with file, line and column, and never its content', () => {
    const dir = tempDir()
    writeFileSync(join(dir, '.exitready.yml'), 'history:\n  pth: secret-value.db\n')
    const run = runCli(['assess', '--demo', '-d', join(dir, 'out'), '-q'], {cwd: dir})
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/\.exitready\.yml:2:3/)
    expect(run.stderr).not.toContain('secret-value')
  })

  it('assess records into it without --history, and the report shows the history', () => {
    const dir = tempDir()
    writeFileSync(join(dir, '.exitready.yml'), 'history:\n  path: exitready.db\n')
    const run = runCli(['assess', '--demo', '-d', join(dir, 'out'), '--format', 'md'], {cwd: dir})
    expect(run.stderr).not.toMatch(/Error/)
    expect(run.stdout).toContain('Recorded assessment #1')
    expect(existsSync(join(dir, 'exitready.db'))).toBe(true)
  })
})
