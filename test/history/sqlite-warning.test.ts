import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {ROOT, tempDir} from '../helpers/cli.js'

it('opening a SQLite history prints no ExperimentalWarning, while other warnings still show', () => {
  const db = join(tempDir(), 'exitready.db')
  const script = `
    const {openHistory} = await import(${JSON.stringify(join(ROOT, 'src/history/open.ts'))});
    const store = await openHistory(${JSON.stringify(db)});
    await store.close();
    process.emitWarning('a colleague warning', 'ExperimentalWarning');`
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {cwd: ROOT, encoding: 'utf8'})
  expect(run.status, run.stderr).toBe(0)
  expect(run.stderr).not.toMatch(/SQLite is an experimental feature/)
  expect(run.stderr).toMatch(/ExperimentalWarning: a colleague warning/)
})
