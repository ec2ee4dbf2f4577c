import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')

export interface CliRun {
  status: number
  stdout: string
  stderr: string
}

/** Runs the built CLI as a user would (test/global-build.ts builds it once per run). */
export function runCli(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; input?: string} = {}): CliRun {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: {...process.env, NO_COLOR: '1', CI: '1', ...options.env},
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
  })
  return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}

export const tempDir = (prefix = 'exitready-test-') => mkdtempSync(join(tmpdir(), prefix))
