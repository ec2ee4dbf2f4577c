// Every command's --json result parses into its exported type; every error under --json is a JsonError with a stable code.
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {JsonError} from '../../src/cli/base.js'
import type {AssessResult} from '../../src/commands/assess.js'
import type {CatalogListResult} from '../../src/commands/catalog/list.js'
import type {DiffResult} from '../../src/commands/diff.js'
import type {GraphResult} from '../../src/commands/graph.js'
import type {ImportResult} from '../../src/commands/import.js'
import type {PolicyListResult} from '../../src/commands/policy/list.js'
import type {PolicyShowResult} from '../../src/commands/policy/show.js'
import type {PolicyValidateResult} from '../../src/commands/policy/validate.js'
import {ErrorCode} from '../../src/errors.js'
import {runCli, tempDir} from '../helpers/cli.js'

function jsonOf<T>(args: string[], status = 0, cwd?: string): T {
  const run = runCli([...args, '--json'], {cwd})
  expect(run.status, run.stderr).toBe(status)
  return JSON.parse(run.stdout) as T
}

describe('--json results have their exported types', () => {
  it('assess, diff, graph and import', () => {
    const dir = tempDir()
    const assess = jsonOf<AssessResult>(['assess', '--demo', '-d', join(dir, 'a'), '--format', 'json'])
    expect(assess.schema).toBe('exitready/assessment@1')
    expect(assess.summary.grade).toMatch(/^[A-F]$/)
    expect(assess.policies[0]!.rules.length).toBeGreaterThan(0)
    expect(assess.files).toEqual([join(dir, 'a', 'assessment.json')])
    expect(assess.exitCode).toBe(0)
    expect('resources' in assess).toBe(false)

    const diff = jsonOf<DiffResult>([
      'diff',
      join(dir, 'a', 'assessment.json'),
      join(dir, 'a', 'assessment.json'),
      '--out',
      join(dir, 'diff.md'),
    ])
    expect(diff.grade.old).toBe(diff.grade.new)
    expect(diff.newFindings).toEqual([])
    expect(diff.file).toBe(join(dir, 'diff.md'))
    expect(diff.exitCode).toBe(0)

    const graph = jsonOf<GraphResult>(['graph', '--demo', '--collapse', 'provider'])
    expect(graph.format).toBe('mermaid')
    expect(graph.nodes).toBeGreaterThan(0)
    expect(graph.text).toMatch(/^flowchart|%%/m)

    const imported = jsonOf<ImportResult>(['import', 'fixtures/import/saas-inventory.yaml', '-o', join(dir, 'saas.json')])
    expect(imported.out).toBe(join(dir, 'saas.json'))
    expect(imported.resources).toBeGreaterThan(0)
    expect(imported.files[0]!.file).toMatch(/saas-inventory\.yaml$/)
  })

  it('catalog and policy commands', () => {
    const list = jsonOf<CatalogListResult>(['catalog', 'list', '--provider', 'hetzner'])
    expect(list.entries.every((e) => e.provider === 'hetzner')).toBe(true)
    const policies = jsonOf<PolicyListResult>(['policy', 'list'])
    expect(policies.policies.map((p) => p.name)).toEqual([
      'baseline',
      'bio2',
      'c3a',
      'dora-exit',
      'one-hole',
      'secnumcloud',
      'sovereign-first',
    ])
    const shown = jsonOf<PolicyShowResult>(['policy', 'show', 'one-hole'])
    expect(shown.source).toBe('builtin:one-hole')
    expect(shown.policy.metadata.name).toBe('one-hole')
    const validated = jsonOf<PolicyValidateResult>(['policy', 'validate', 'policies/baseline.yaml'])
    expect(validated.results).toEqual([{file: 'policies/baseline.yaml', valid: true, rules: expect.any(Number)}])
  })
})

describe('errors under --json carry a stable code', () => {
  const errorOf = (args: string[]) => jsonOf<JsonError>(args, 2).error

  it('usage, policy, snapshot, catalog and input errors each have their own code', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'policy.yaml'), 'apiVersion: exitready.dev/v1\nkind: Policy\n')
    writeFileSync(join(dir, 'inventory.json'), '{"schema": "exitready/inventory@1"}')
    writeFileSync(join(dir, 'catalog.yaml'), 'provider: aws\nservices: 7\n')
    const cases: [string[], string][] = [
      [['diff', 'only-one.json'], ErrorCode.usage],
      [['assess', '--demo', '--nope'], ErrorCode.usage],
      [['assess', '--demo', '--policy', join(dir, 'policy.yaml'), '-d', join(dir, 'o')], ErrorCode.policyInvalid],
      [['assess', '--demo', '--policy', 'one-hol', '-d', join(dir, 'o')], ErrorCode.policyInvalid],
      [['policy', 'show', 'one-hol'], ErrorCode.policyInvalid],
      [['assess', join(dir, 'inventory.json'), '-d', join(dir, 'o')], ErrorCode.snapshotInvalid],
      [['assess', '--demo', '--catalog', join(dir, 'catalog.yaml'), '-d', join(dir, 'o')], ErrorCode.catalogInvalid],
      [['assess', '-d', join(dir, 'o')], ErrorCode.inputInvalid],
    ]
    for (const [args, code] of cases) {
      const error = errorOf(args)
      expect({args, code: error.code}).toEqual({args, code})
      expect(error.exitCode).toBe(2)
      expect(error.message).toMatch(/\S/)
      expect(error.message).not.toMatch(/at .*\.js:\d+/)
    }
  }, 120_000)

  it('a missing argument names what is missing in one line', () => {
    const error = errorOf(['diff', 'only-one.json'])
    expect(error.message).toMatch(/^Missing 1 required arg: new /)
    expect(error.message).not.toContain('\n')
    expect(error.suggestion).toBe('exitready diff --help')
  })
})
