// Where pipelines run: the GitHub Action, the GitLab CI component, the container and the README's CI
// snippets, validated against the official schemas (test/data/README.md names their sources), and
// the action's and the component's scripts run here with exitready on PATH.
import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv, type ValidateFunction} from 'ajv'
import addFormats from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import {parse, parseAllDocuments} from 'yaml'
import {commentBody, MARKER, MAX_BODY_CHARS} from '../action/pr-comment.mjs'
import {githubWorkflow, gitlabSnippet} from '../src/cli/init-templates.js'
import {ROOT, tempDir} from './helpers/cli.js'

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const pkg = JSON.parse(read('package.json'))
const readme = read('README.md')

function validator(schemaFile: string): ValidateFunction {
  const ajv = new Ajv({strict: false, allErrors: true})
  addFormats.default(ajv)
  return ajv.compile(JSON.parse(read(`test/data/${schemaFile}`)))
}
const githubAction = validator('github-action.schema.json')
const githubWorkflowSchema = validator('github-workflow.schema.json')
const gitlabCi = validator('gitlab-ci.schema.json')

function expectValid(validate: ValidateFunction, data: unknown): void {
  const ok = validate(data)
  expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([])
}

/** The fenced block of `language` after a marker in the README. */
function readmeBlock(after: string, language: string): string {
  const at = readme.indexOf(after)
  expect(at, `README has ${after}`).toBeGreaterThan(-1)
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(readme.slice(at))
  return match![1]!
}

const action = parse(read('action.yml'))
const [componentSpec, componentJob] = parseAllDocuments(read('templates/exitready.yml')).map((doc) => doc.toJS())

/** Every `exitready <command> … --flag` in a script names a command and flags that exist (aliases count). */
function expectKnownFlags(script: string): number {
  const manifest = JSON.parse(read('oclif.manifest.json')) as {
    commands: Record<string, {flags: Record<string, {aliases?: string[]; char?: string}>}>
  }
  const ids = Object.keys(manifest.commands).map((id) => id.split(':'))
  let checked = 0
  for (const line of script.split('\n')) {
    // A command line: at the start (or a YAML list item), or after ; && || ( — never prose.
    const match = /(^\s*(?:- )?|[;&|(]\s*)exitready (?=[a-z-])/.exec(line)
    if (!match || /^\s*#/.test(line)) continue
    const words = line.slice(match.index + match[0].length).split(/\s+/)
    const id = ids.filter((parts) => parts.every((part, i) => words[i] === part)).sort((a, b) => b.length - a.length)[0]
    if (!id) {
      expect.soft(words.slice(0, 2).join(' '), `a command in: ${line.trim()}`).toMatch(/^--version/)
      continue
    }
    const flags = manifest.commands[id.join(':')]!.flags
    const known = new Set([
      '--help',
      '--json',
      ...Object.entries(flags).flatMap(([name, f]) => [`--${name}`, ...(f.aliases ?? []).map((a) => `--${a}`)]),
    ])
    for (const word of words) {
      const flag = /^(--[a-z][a-z0-9-]*)/.exec(word)?.[1]
      if (flag) expect(known, `${flag} of exitready ${id.join(' ')} in: ${line.trim()}`).toContain(flag)
    }
    checked++
  }
  return checked
}

/**
 * Flags a script passes through a variable (`args+=(--waivers …)`, `set -- "$@" --fail-on …`):
 * each belongs to one of the exitready commands the script runs.
 */
function expectKnownScriptFlags(script: string): void {
  const manifest = JSON.parse(read('oclif.manifest.json')) as {
    commands: Record<string, {flags: Record<string, {aliases?: string[]}>}>
  }
  const commands = [...script.matchAll(/(?:^\s*(?:- )?|[;&|(]\s*)exitready ([a-z]+)/gm)]
    .map((m) => m[1]!)
    .filter((id) => manifest.commands[id])
  expect(commands.length).toBeGreaterThan(0)
  const known = new Set(['--help', '--json', '--version'])
  for (const id of commands)
    for (const [name, flag] of Object.entries(manifest.commands[id]!.flags)) {
      known.add(`--${name}`)
      for (const alias of flag.aliases ?? []) known.add(`--${alias}`)
    }
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
    if (/^\s*#|\b(npm|git|gh|node|docker|echo)\s/.test(line)) continue
    for (const flag of line.match(/(?<![\w-])--[a-z][a-z0-9-]*/g) ?? [])
      expect(known, `${flag} in: ${line.trim()}`).toContain(flag)
  }
}

describe('the GitHub Action', () => {
  it("action.yml is valid against SchemaStore's github-action schema, a composite action", () => {
    expectValid(githubAction, action)
    expect(action.runs.using).toBe('composite')
  })

  it('declares every input it uses and uses every input it declares', () => {
    const text = read('action.yml')
    const used = new Set([...text.matchAll(/inputs\.([a-z][a-z0-9-]*)/g)].map((m) => m[1]!))
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('uploads SARIF to code scanning and the report as an artifact, even when the gate fails', () => {
    const steps = action.runs.steps as {uses?: string; if?: string; with?: Record<string, string>}[]
    const sarif = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))
    expect(sarif?.if).toMatch(/^always\(\)/)
    expect(sarif?.with?.sarif_file).toBe(`\${{ inputs.out-dir }}/findings.sarif`)
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.if).toMatch(/^always\(\)/)
    // Third-party actions are pinned to a major version.
    for (const step of steps) if (step.uses) expect(step.uses).toMatch(/@v\d+$/)
  })

  it('runs only flags that exist', () => {
    expect(expectKnownFlags(read('action.yml'))).toBeGreaterThanOrEqual(6)
    for (const step of action.runs.steps as {run?: string}[])
      if (step.run?.match(/exitready [a-z]/)) expectKnownScriptFlags(step.run)
  })
})

describe('the GitLab CI component', () => {
  it("both documents are valid against GitLab's CI schema (the one SchemaStore points at)", () => {
    expect(Object.keys(componentSpec)).toEqual(['spec'])
    expectValid(gitlabCi, componentSpec)
    expectValid(gitlabCi, componentJob)
  })

  it("has the action's inputs, and publishes JUnit and the report", () => {
    const inputs = Object.keys(componentSpec.spec.inputs)
    for (const name of Object.keys(action.inputs).filter(
      (name) => !/sarif|report|artifact|comment|base-assessment|node-version|github-token/.test(name),
    ))
      expect(inputs).toContain(name)
    const job = componentJob.exitready
    expect(job.artifacts.when).toBe('always')
    expect(job.artifacts.reports.junit).toBe('$[[ inputs.out-dir ]]/junit.xml')
    expect(job.artifacts.paths).toEqual(['$[[ inputs.out-dir ]]/'])
    // Every input interpolated exists, and every input declared is interpolated.
    const used = new Set([...read('templates/exitready.yml').matchAll(/\$\[\[ inputs\.([a-z0-9-]+) \]\]/g)].map((m) => m[1]!))
    expect([...used].sort()).toEqual([...inputs].sort())
  })

  it('runs only flags that exist', () => {
    expect(expectKnownFlags(read('templates/exitready.yml'))).toBeGreaterThanOrEqual(3)
    expectKnownScriptFlags(componentJob.exitready.script.join('\n'))
  })
})

describe("the README's CI snippets and what init writes", () => {
  it('the GitHub workflow is a valid workflow that uses this action at the package version', () => {
    const workflow = parse(readmeBlock('**GitHub Actions.**', 'yaml'))
    expectValid(githubWorkflowSchema, workflow)
    const uses = Object.values(
      workflow.jobs as Record<string, {steps: {uses?: string; with?: Record<string, string>}[]}>,
    ).flatMap((job) => job.steps.filter((s) => s.uses?.startsWith('exitready/')))
    expect(uses.map((s) => s.uses)).toEqual([`exitready/exitready@v${pkg.version}`, `exitready/exitready@v${pkg.version}`])
    // Each `with` names inputs the action has.
    for (const step of uses) for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input)
    expect(uses.map((s) => s.with?.command)).toEqual(['import', 'scan'])
    expect(expectKnownFlags(`exitready scan ${uses[1]!.with!['scan-args']}`)).toBe(1)
  })

  it('the GitLab include is valid and names inputs the component has', () => {
    const config = parse(readmeBlock('**GitLab CI.**', 'yaml'))
    expectValid(gitlabCi, config)
    for (const input of Object.keys(config.include[0].inputs)) expect(Object.keys(componentSpec.spec.inputs)).toContain(input)
  })

  it('the docker snippet runs flags that exist, on the image the Dockerfile builds', () => {
    const snippet = readmeBlock('**A container**', 'sh')
    expect(snippet).toMatch(/^docker build -t exitready \.\n/)
    expect(expectKnownFlags(snippet.replace(/docker run .* exitready (assess)/, 'exitready $1'))).toBe(1)
  })

  it("init's workflow and GitLab include are valid too", () => {
    const options = {
      policyFile: 'exitready-policy.yaml',
      waiversFile: 'exitready-waivers.yaml',
      action: 'exitready/exitready',
      version: pkg.version,
    }
    expectValid(githubWorkflowSchema, parse(githubWorkflow(options)))
    const include = parse(gitlabSnippet(options))
    expectValid(gitlabCi, include)
    for (const input of Object.keys(include.include[0].inputs)) expect(Object.keys(componentSpec.spec.inputs)).toContain(input)
  })
})

describe('the pull-request comment', () => {
  const diff =
    '### exitready: Grade C → D\n\n| Index | Before | After | Change |\n| --- | --- | --- | --- |\n| Lock-in index | 40 | 45 | +5 |\n'

  it('starts with the marker the action finds it by, and holds the diff', () => {
    const body = commentBody({
      diff,
      assessment: {summary: {grade: 'D'}},
      baseRef: 'main',
      sha: 'abcdef0123456789',
      runUrl: 'https://example.test/run/1',
    })
    expect(body.split('\n')[0]).toBe(MARKER)
    expect(body).toContain('Compared with the base branch `main`:')
    expect(body).toContain(diff.trim())
    expect(body).toMatch(/Commit abcdef012345 · \[workflow run and full report\]\(https:\/\/example\.test\/run\/1\)/)
  })

  it('without a base says so and shows the grade', () => {
    const body = commentBody({assessment: {summary: {grade: 'B', readiness: 71.25, resourceCount: 1200}}, baseRef: 'main'})
    expect(body).toContain('Exit readiness: grade **B** (71.3/100), 1,200 resources.')
    expect(body).toMatch(/no assessment of the base branch `main` to compare with/)
  })

  it('stays under GitHub’s 65,536-character limit, cut at a line, saying how much is left out', () => {
    const long = `${diff}${'| new | high | p/r | arn:aws:s3:::bucket | A finding that is long enough to fill the comment. |\n'.repeat(2000)}`
    const body = commentBody({diff: long, assessment: undefined, baseRef: 'main'})
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS)
    expect(body).toMatch(/… \d+ more lines: see the exit report in the workflow run's artifacts\./)
    expect(body).not.toMatch(/\| A finding[^\n]*…/)
  })

  it('is what the script writes, and --marker prints the marker', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'diff.md'), diff)
    const out = join(dir, 'comment.md')
    execFileSync(process.execPath, [
      join(ROOT, 'action/pr-comment.mjs'),
      '--diff',
      join(dir, 'diff.md'),
      '--base-ref',
      'main',
      '--out',
      out,
    ])
    expect(readFileSync(out, 'utf8')).toBe(commentBody({diff, baseRef: 'main'}))
    expect(execFileSync(process.execPath, [join(ROOT, 'action/pr-comment.mjs'), '--marker'], {encoding: 'utf8'})).toBe(
      `${MARKER}\n`,
    )
  })
})

describe("the action's steps, run here", () => {
  type Step = {name: string; run?: string; env?: Record<string, string>}
  const steps = action.runs.steps as Step[]
  const step = (name: string) => steps.find((s) => s.name === name)!

  /** A runner's environment: exitready and a fake gh on PATH, the GITHUB_* files, the step's env with the inputs' defaults. */
  function runner(): {dir: string; env: NodeJS.ProcessEnv} {
    const dir = tempDir('exitready-runner-')
    mkdirSync(join(dir, 'bin'))
    writeFileSync(join(dir, 'bin/exitready'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/run.js')}" "$@"\n`)
    // gh: lists the comments from $FAKE_COMMENTS, logs every call.
    writeFileSync(
      join(dir, 'bin/gh'),
      `#!/bin/sh\necho "$*" >> "${join(dir, 'gh.log')}"\ncase "$*" in *--paginate*) cat "$FAKE_COMMENTS" 2>/dev/null ;; esac\nexit 0\n`,
    )
    chmodSync(join(dir, 'bin/exitready'), 0o755)
    chmodSync(join(dir, 'bin/gh'), 0o755)
    for (const file of ['output', 'env', 'summary']) writeFileSync(join(dir, file), '')
    mkdirSync(join(dir, 'temp'))
    return {
      dir,
      env: {
        ...process.env,
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        CI: '1',
        NODE_ENV: 'production',
        RUNNER_TEMP: join(dir, 'temp'),
        GITHUB_OUTPUT: join(dir, 'output'),
        GITHUB_ENV: join(dir, 'env'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary'),
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_REPOSITORY: 'owner/repo',
      },
    }
  }

  /** Runs a step's script as the runner does (bash -e -o pipefail), its `${{ inputs.x }}` env taken from `inputs`. */
  function runStep(
    name: string,
    ctx: {dir: string; env: NodeJS.ProcessEnv},
    inputs: Record<string, string> = {},
    extra: Record<string, string> = {},
  ) {
    const s = step(name)
    const env: NodeJS.ProcessEnv = {...ctx.env, ...extra}
    for (const [key, value] of Object.entries(s.env ?? {})) {
      const input = /^\$\{\{ inputs\.([a-z0-9-]+) \}\}$/.exec(value)?.[1]
      if (input) env[key] = inputs[input] ?? action.inputs[input].default
    }
    for (const [key, value] of Object.entries(extra)) env[key] = value
    writeFileSync(join(ctx.dir, 'step.sh'), s.run!)
    return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(ctx.dir, 'step.sh')], {
      cwd: ctx.dir,
      env,
      encoding: 'utf8',
    })
  }
  const outputs = (dir: string) =>
    Object.fromEntries(
      readFileSync(join(dir, 'output'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('=', 2)),
    )

  it('Assess writes the reports and the outputs, and leaves the gate to the last step', () => {
    const ctx = runner()
    copyFileSync(join(ROOT, 'fixtures/demo/inventory.json'), join(ctx.dir, 'inventory.json'))
    const run = runStep('Assess', ctx, {policies: 'sovereign-first', 'fail-on': 'high'})
    expect(run.status, run.stderr).toBe(0)
    expect(outputs(ctx.dir)).toMatchObject({'exit-code': '1', grade: expect.stringMatching(/^[A-F]$/)})
    for (const file of ['exit-report.md', 'exit-report.html', 'assessment.json', 'findings.sarif', 'junit.xml'])
      expect(existsSync(join(ctx.dir, 'exitready-report', file)), file).toBe(true)
    expect(readFileSync(join(ctx.dir, 'summary'), 'utf8')).toMatch(/^# Exit-strategy report/)
    const gate = runStep('Gate', ctx, {}, {CODE: '1'})
    expect(gate.status).toBe(1)
    expect(gate.stdout).toMatch(/::error::exitready: unwaived findings/)
  })

  it('Gate: incomplete fails only with fail-on-incomplete; invalid input fails as itself', () => {
    const ctx = runner()
    expect(runStep('Gate', ctx, {}, {CODE: '0'}).status).toBe(0)
    expect(runStep('Gate', ctx, {}, {CODE: '3'}).status).toBe(3)
    expect(runStep('Gate', ctx, {'fail-on-incomplete': 'false'}, {CODE: '3'}).status).toBe(0)
    expect(runStep('Gate', ctx, {}, {CODE: '0', EXITREADY_SCAN_EXIT: '3'}).status).toBe(3)
    expect(runStep('Gate', ctx, {}, {CODE: '2'}).status).toBe(2)
  })

  it('Import turns the files into the snapshot that Assess reads', () => {
    const ctx = runner()
    const imported = runStep('Import', ctx, {'import-files': join(ROOT, 'fixtures/import/saas-inventory.yaml')})
    expect(imported.status, imported.stderr).toBe(0)
    const run = runStep('Assess', ctx, {command: 'import'})
    expect(run.status, run.stderr).toBe(0)
    expect(outputs(ctx.dir)['exit-code']).toBe('0')
  })

  it('on a pull request, the base branch is assessed and one comment is posted, then updated', () => {
    const ctx = runner()
    // A repository whose main branch has an older inventory, and a pull request that changes it.
    const origin = join(ctx.dir, 'origin.git')
    const work = join(ctx.dir, 'work')
    const git = (args: string[], cwd = work) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], {cwd, stdio: 'pipe'})
    execFileSync('git', ['init', '--bare', '-b', 'main', origin], {stdio: 'pipe'})
    execFileSync('git', ['clone', origin, work], {stdio: 'pipe'})
    const demo = JSON.parse(read('fixtures/demo/inventory.json'))
    writeFileSync(join(work, 'inventory.json'), JSON.stringify({...demo, resources: demo.resources.slice(0, 200)}))
    git(['add', 'inventory.json'])
    git(['commit', '-m', 'base'])
    git(['push', 'origin', 'HEAD:main'])
    copyFileSync(join(ROOT, 'fixtures/demo/inventory.json'), join(work, 'inventory.json'))
    const env = {...ctx.env}
    const inWork = {...ctx, dir: work, env}
    for (const file of ['output', 'env', 'summary']) writeFileSync(join(work, file), '')
    Object.assign(env, {
      GITHUB_OUTPUT: join(work, 'output'),
      GITHUB_ENV: join(work, 'env'),
      GITHUB_STEP_SUMMARY: join(work, 'summary'),
    })
    expect(runStep('Assess', inWork, {policies: 'one-hole'}).status).toBe(0)
    const base = runStep('Assess the base branch', inWork, {policies: 'one-hole'}, {BASE_REF: 'main'})
    expect(base.status, base.stderr).toBe(0)
    const baseAssessment = /^EXITREADY_BASE_ASSESSMENT=(.*)$/m.exec(readFileSync(join(work, 'env'), 'utf8'))?.[1]
    expect(baseAssessment).toBe(join(ctx.dir, 'temp/exitready-base-report/assessment.json'))

    const comment = {
      BASE_REF: 'main',
      PR_NUMBER: '7',
      HEAD_SHA: 'abcdef0123456789',
      RUN_URL: 'https://example.test/run',
      EXITREADY_BASE_ASSESSMENT: baseAssessment!,
    }
    const posted = runStep('Comment on the pull request', inWork, {}, {...comment, FAKE_COMMENTS: join(ctx.dir, 'none')})
    expect(posted.status, posted.stderr).toBe(0)
    const body = readFileSync(join(ctx.dir, 'temp/exitready-comment.md'), 'utf8')
    expect(body.split('\n')[0]).toBe(MARKER)
    expect(body).toMatch(/Compared with the base branch `main`:\n\n### exitready: /)
    expect(body).toMatch(/Resources: \d+ added, 0 removed/)
    writeFileSync(join(ctx.dir, 'comments'), '4242\n')
    const updated = runStep('Comment on the pull request', inWork, {}, {...comment, FAKE_COMMENTS: join(ctx.dir, 'comments')})
    expect(updated.status, updated.stderr).toBe(0)
    const calls = readFileSync(join(ctx.dir, 'gh.log'), 'utf8').trim().split('\n')
    expect(calls.filter((c) => c.includes('--paginate')).length).toBe(2)
    expect(calls.filter((c) => !c.includes('--paginate'))).toEqual([
      `api --method POST repos/owner/repo/issues/7/comments -F body=@${join(ctx.dir, 'temp/exitready-comment.md')}`,
      `api --method PATCH repos/owner/repo/issues/comments/4242 -F body=@${join(ctx.dir, 'temp/exitready-comment.md')}`,
    ])
  }, 180_000)
})

describe("the GitLab component's script, run here", () => {
  it('assesses with the default inputs and writes JUnit; a finding at fail-on fails the job', () => {
    const dir = tempDir('exitready-gitlab-')
    mkdirSync(join(dir, 'bin'))
    writeFileSync(join(dir, 'bin/exitready'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/run.js')}" "$@"\n`)
    chmodSync(join(dir, 'bin/exitready'), 0o755)
    copyFileSync(join(ROOT, 'fixtures/demo/inventory.json'), join(dir, 'inventory.json'))
    const job = componentJob.exitready as {script: string[]; variables: Record<string, string>}
    const run = (inputs: Record<string, string | boolean>) => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        CI: '1',
        NODE_ENV: 'production',
      }
      for (const [key, value] of Object.entries(job.variables)) {
        const input = /^\$\[\[ inputs\.([a-z0-9-]+) \]\]$/.exec(value)![1]!
        env[key] = String(inputs[input] ?? componentSpec.spec.inputs[input].default)
      }
      // GitLab runs the script lines in one shell, stopping at the first that fails.
      return spawnSync('sh', ['-e', '-c', job.script.join('\n')], {cwd: dir, env, encoding: 'utf8'})
    }
    const ok = run({})
    expect(ok.status, ok.stderr).toBe(0)
    expect(readFileSync(join(dir, 'exitready-report/junit.xml'), 'utf8')).toMatch(/^<\?xml/)
    expect(existsSync(join(dir, 'exitready-report/exit-report.md'))).toBe(true)
    expect(run({policies: 'sovereign-first', 'fail-on': 'high', 'out-dir': 'gated'}).status).toBe(1)
  }, 120_000)
})

describe('the container', () => {
  const dockerfile = read('Dockerfile')
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.trim())

  it('builds on Node 22 slim, runs as the non-root node user, with exitready as its entrypoint', () => {
    const froms = instructions.filter((line) => line.startsWith('FROM '))
    expect(froms).toEqual(['FROM node:22-slim AS build', 'FROM node:22-slim'])
    const runtime = instructions.slice(instructions.lastIndexOf('FROM node:22-slim'))
    expect(runtime.filter((line) => line.startsWith('USER '))).toEqual(['USER node'])
    expect(runtime.indexOf('USER node')).toBeLessThan(runtime.findIndex((line) => line.startsWith('ENTRYPOINT')))
    expect(runtime.at(-2)).toBe('ENTRYPOINT ["exitready"]')
    // The runtime installs what npm pack publishes, like any user; the build uses the lock file.
    expect(instructions).toContain('RUN npm ci --ignore-scripts --no-audit --no-fund')
    expect(runtime.some((line) => /npm install -g .*exitready-\*\.tgz/.test(line))).toBe(true)
    expect(instructions.some((line) => /^ADD /.test(line) || /:latest\b/.test(line))).toBe(false)
    const ignored = read('.dockerignore').split('\n')
    for (const entry of ['.git', 'node_modules', 'dist']) expect(ignored).toContain(entry)
  })

  it.runIf(spawnSync('sh', ['-c', 'command -v hadolint']).status === 0)('passes hadolint', () => {
    const run = spawnSync('hadolint', [join(ROOT, 'Dockerfile')], {encoding: 'utf8'})
    expect(run.stdout).toBe('')
    expect(run.status).toBe(0)
  })

  it.runIf(spawnSync('docker', ['info'], {stdio: 'ignore'}).status === 0)(
    'builds, and the image runs exitready as a non-root user',
    () => {
      execFileSync('docker', ['build', '-t', 'exitready-test', ROOT], {stdio: 'pipe', timeout: 600_000})
      expect(execFileSync('docker', ['run', '--rm', 'exitready-test', '--version'], {encoding: 'utf8'})).toMatch(/^exitready\//)
      expect(
        execFileSync('docker', ['run', '--rm', '--entrypoint', 'id', 'exitready-test', '-u'], {encoding: 'utf8'}).trim(),
      ).not.toBe('0')
    },
    900_000,
  )
})
