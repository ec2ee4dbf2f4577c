// Builds the CLI once before the test run, so e2e tests run `bin/run.js` exactly as a user would.
// Set EXITREADY_SKIP_BUILD=1 when dist/ is known to be fresh.
import {execFileSync} from 'node:child_process'
import {resolve} from 'node:path'

export default function buildOnce(): void {
  if (process.env.EXITREADY_SKIP_BUILD === '1') return
  const root = resolve(import.meta.dirname, '..')
  const bin = (name: string) => resolve(root, 'node_modules/.bin', name)
  try {
    execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], {cwd: root, stdio: 'pipe'})
  } catch {
    // Type errors are the typecheck step's business (npm run typecheck); tsc still emits, so e2e tests can run.
    process.stderr.write('global-build: tsc reported type errors; run `npm run typecheck` to see them\n')
  }
  execFileSync(bin('oclif'), ['manifest'], {cwd: root, stdio: 'ignore'})
}
