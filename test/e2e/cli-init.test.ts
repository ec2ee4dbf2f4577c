// exitready init: starter policy, waiver file and CI pipeline; nothing asked without a terminal, nothing overwritten.
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import type {JsonError} from '../../src/cli/base.js'
import type {AssessResult} from '../../src/commands/assess.js'
import type {InitResult} from '../../src/commands/init.js'
import {schemaReference} from '../../src/commands/init.js'
import {parsePolicy} from '../../src/policy/load.js'
import {WaiversFileSchema} from '../../src/policy/waivers.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

const init = (args: string[], cwd: string) => runCli(['init', ...args], {cwd})

describe('exitready init', () => {
  it('without a terminal asks nothing: a valid starter policy with the schema header, a waiver file, no CI by default', () => {
    const dir = tempDir()
    const run = init(['--json'], dir)
    expect(run.status).toBe(0)
    const result = JSON.parse(run.stdout) as InitResult
    expect(result).toMatchObject({from: 'baseline', ci: 'none'})
    expect(result.files).toEqual([join(dir, 'exitready-policy.yaml'), join(dir, 'exitready-waivers.yaml')])
    const policyText = readFileSync(join(dir, 'exitready-policy.yaml'), 'utf8')
    // Outside a project holding this installation, the header names the schema's published $id.
    expect(policyText.split('\n')[0]).toBe('# yaml-language-server: $schema=https://exitready.dev/schemas/policy.schema.json')
    const policy = parsePolicy(policyText, 'exitready-policy.yaml')
    expect(policy.metadata.name).toBe('exit-policy')
    expect(policy.rules.length).toBeGreaterThan(0)
    expect(WaiversFileSchema.parse(parse(readFileSync(join(dir, 'exitready-waivers.yaml'), 'utf8')))).toEqual({
      apiVersion: 'exitready.dev/v1',
      kind: 'Waivers',
      waivers: [],
    })
    // Atomic writes leave no temporary files behind.
    expect(readdirSync(dir).sort()).toEqual(['exitready-policy.yaml', 'exitready-waivers.yaml'])
  })

  it('the files work together: policy validate, and assess --policy … --waivers …', () => {
    const dir = tempDir()
    expect(init(['--from', 'sovereign-first', '--yes'], dir).status).toBe(0)
    const validate = runCli(['policy', 'validate', 'exitready-policy.yaml'], {cwd: dir})
    expect(validate.status).toBe(0)
    const assess = runCli(
      [
        'assess',
        '--demo',
        '--policy',
        'exitready-policy.yaml',
        '--waivers',
        'exitready-waivers.yaml',
        '-d',
        'r',
        '--format',
        'json',
        '--json',
      ],
      {cwd: dir},
    )
    const result = JSON.parse(assess.stdout) as AssessResult
    expect(result.policies.map((p) => p.name)).toEqual(['exit-policy'])
    expect(result.policies[0]!.title).toBe('Our exit policy (from the built-in sovereign-first)')
  })

  it('--ci github writes a workflow, --ci gitlab an include; the CI system is taken from the folder', () => {
    const github = tempDir()
    mkdirSync(join(github, '.github'))
    const run = init(['--json'], github)
    expect((JSON.parse(run.stdout) as InitResult).ci).toBe('github')
    const workflow = parse(readFileSync(join(github, '.github/workflows/exitready.yml'), 'utf8'))
    expect(workflow.jobs.exitready.steps[1].uses).toBe('exitready/exitready@v0.1.0')
    expect(workflow.jobs.exitready.steps[1].with.policies).toBe('exitready-policy.yaml')

    const gitlab = tempDir()
    writeFileSync(join(gitlab, '.gitlab-ci.yml'), 'stages: [test]\n')
    const result = JSON.parse(init(['--json'], gitlab).stdout) as InitResult
    expect(result.ci).toBe('gitlab')
    expect(result.next.join('\n')).toMatch(/include: \[\{local: \.gitlab\/exitready\.yml\}\]/)
    expect(parse(readFileSync(join(gitlab, '.gitlab/exitready.yml'), 'utf8')).include[0].inputs.policies).toBe(
      'exitready-policy.yaml',
    )
    expect(readFileSync(join(gitlab, '.gitlab-ci.yml'), 'utf8')).toBe('stages: [test]\n')
  })

  it('never overwrites without --force, and then writes nothing at all', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'exitready-waivers.yaml'), 'ours\n')
    const run = init(['--ci', 'github', '--json'], dir)
    expect(run.status).toBe(2)
    expect((JSON.parse(run.stdout) as JsonError).error).toMatchObject({
      code: 'EXITREADY_FILE_EXISTS',
      message: 'exitready-waivers.yaml already exists; nothing was written.',
    })
    expect(readdirSync(dir)).toEqual(['exitready-waivers.yaml'])
    expect(readFileSync(join(dir, 'exitready-waivers.yaml'), 'utf8')).toBe('ours\n')
    expect(init(['--ci', 'github', '--force'], dir).status).toBe(0)
    expect(readFileSync(join(dir, 'exitready-waivers.yaml'), 'utf8')).toMatch(/kind: Waivers/)
    expect(existsSync(join(dir, '.github/workflows/exitready.yml'))).toBe(true)
  })

  it('refuses an unknown --from or --ci with a suggestion', () => {
    const dir = tempDir()
    const from = init(['--from', 'soverign-first'], dir)
    expect(from.status).toBe(2)
    expect(from.stderr).toMatch(/--from: there is no built-in policy "soverign-first" \(did you mean "sovereign-first"\?\)/)
    expect(init(['--ci', 'gitlabb'], dir).stderr).toMatch(/did you mean "gitlab"\?/)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('the schema header', () => {
  it('is a relative path when this installation lies inside the project, e.g. in its node_modules', () => {
    // This checkout is a project: a policy written in it points at ./schemas through a relative path.
    expect(schemaReference('policy', join(ROOT, 'policies', 'ours.yaml'))).toBe('../schemas/policy.schema.json')
    expect(schemaReference('policy', join(ROOT, 'ours.yaml'))).toBe('./schemas/policy.schema.json')
    expect(schemaReference('policy', join(tempDir(), 'ours.yaml'))).toBe('https://exitready.dev/schemas/policy.schema.json')
    expect(schemaReference('no-such-format', join(ROOT, 'ours.yaml'))).toBeUndefined()
  })
})
