// Start-up benchmark: `exitready --version` and `--help` against a minimal oclif CLI with one
// command (the framework's floor), and bare `node -e 0`, side by side. Goal: within 1.25× of the floor.
//   npx tsx bench/startup.ts [--runs 15] [--smoke]
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'

const {values} = parseArgs({options: {runs: {type: 'string', default: '15'}, smoke: {type: 'boolean', default: false}}})
const runs = values.smoke ? 5 : Number(values.runs)
const root = resolve(import.meta.dirname, '..')

function minimalCli(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oclif-floor-'))
  mkdirSync(join(dir, 'bin'))
  mkdirSync(join(dir, 'dist/commands'), {recursive: true})
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'floor',
      version: '1.0.0',
      type: 'module',
      files: ['bin', 'dist'],
      oclif: {bin: 'floor', commands: './dist/commands'},
    }),
  )
  writeFileSync(join(dir, 'bin/run.js'), "import {execute} from '@oclif/core'\nawait execute({dir: import.meta.url})\n")
  writeFileSync(
    join(dir, 'dist/commands/hello.js'),
    "import {Command} from '@oclif/core'\nexport default class Hello extends Command {\n  static description = 'Say hello'\n  async run() { this.log('hello') }\n}\n",
  )
  execFileSync(process.execPath, [join(root, 'node_modules/oclif/bin/run.js'), 'manifest'], {cwd: dir, stdio: 'ignore'})
  return dir
}

function timeRuns(args: string[], cwd: string): number {
  const times: number[] = []
  execFileSync(process.execPath, args, {cwd, stdio: 'ignore'}) // warm the file cache
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    execFileSync(process.execPath, args, {cwd, stdio: 'ignore'})
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

const floorDir = minimalCli()
const bare = timeRuns(['-e', '0'], root)
const rows: [string, number, number][] = []
for (const flag of ['--version', '--help']) {
  const floor = timeRuns([join(floorDir, 'bin/run.js'), flag], floorDir)
  const ours = timeRuns([join(root, 'bin/run.js'), flag], root)
  rows.push([flag, floor, ours])
}
console.log(`start-up, median of ${runs} runs (node ${process.version}); bare node -e 0: ${bare.toFixed(0)} ms`)
let worst = 0
for (const [flag, floor, ours] of rows) {
  const ratio = ours / floor
  worst = Math.max(worst, ratio)
  console.log(
    `  exitready ${flag.padEnd(9)} ${ours.toFixed(0).padStart(5)} ms   minimal oclif CLI ${floor.toFixed(0).padStart(5)} ms   ratio ${ratio.toFixed(2)}× (goal ≤ 1.25×)`,
  )
}
if (!values.smoke && worst > 1.25) process.exitCode = 1
