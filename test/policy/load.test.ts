import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {builtinPolicyNames, loadPolicy, parsePolicy} from '../../src/policy/load.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {policyWith} from './helpers.js'

const bad = (yaml: string) => {
  try {
    parsePolicy(yaml, 'policy.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).message
  }
  throw new Error('expected the policy to be rejected')
}

describe('policy loading', () => {
  it('loads every built-in policy', async () => {
    const names = await builtinPolicyNames()
    expect(names).toEqual(['baseline', 'bio2', 'c3a', 'dora-exit', 'one-hole', 'secnumcloud', 'sovereign-first'])
    for (const name of names) expect((await loadPolicy(name)).policy.metadata.name).toBe(name)
  })

  it('a wrong type names file, line, column, field and the kind found, never the value', () => {
    const message = bad(policyWith('limit: {metric: hhi, max: "lots"}'))
    expect(message).toMatch(/^policy\.yaml:10:\d+: rules\[0\]\.limit\.max: expected number; found a string\.$/)
    expect(message).not.toMatch(/lots/)
  })

  it('an unknown key is pointed at', () => {
    expect(bad(policyWith('select: {colour: red}\nrequire: {tags: [x]}'))).toMatch(
      /^policy\.yaml:10:\d+: unknown key "colour" at rules\[0\]\.select\.colour\.$/,
    )
  })

  it('a bad severity says what was expected', () => {
    const message = bad(policyWith('limit: {metric: hhi, max: 1}').replace('severity: high', 'severity: urgent'))
    expect(message).toMatch(
      /policy\.yaml:7:15: rules\[0\]\.severity: .*"info"\|"low"\|"medium"\|"high"\|"critical"; found a string\.$/,
    )
    expect(message).not.toMatch(/urgent/)
    expect(bad(policyWith('limit: {metric: hhi, max: 1}').replace('severity: high', 'severity: hihg'))).toMatch(
      /found a string \(did you mean "high"\?\)\.$/,
    )
  })

  it('an alias bomb is refused', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`
    expect(bad(`${bomb}${policyWith('limit: {metric: hhi, max: 1}')}`)).toMatch(/alias/i)
  })

  it('a duplicate rule id is refused with the position of the second', () => {
    const twice = `${policyWith('limit: {metric: hhi, max: 1}')}  - id: the-rule\n    title: Again\n    severity: low\n    rationale: r\n    remediation: r\n    limit: {metric: count, max: 1}\n`
    expect(bad(twice)).toMatch(/^policy\.yaml:11:\d+ at rules\[1\]\.id: duplicate rule id "the-rule"/)
  })

  it('a rule needs exactly one of require and limit; a waiver must name a rule', () => {
    expect(bad(policyWith('select: {}'))).toMatch(/exactly one of require, limit or arrangements/)
    expect(
      bad(
        policyWith(
          'limit: {metric: hhi, max: 1}',
          'waivers:\n  - {rule: nope, resources: ["*"], reason: r, expires: "2027-01-01"}\n',
        ),
      ),
    ).toMatch(/waivers\[0\]\.rule: no rule "nope"/)
  })

  it('an unknown built-in name suggests the real ones', async () => {
    await expect(loadPolicy('sovereign')).rejects.toThrow(/no built-in policy "sovereign"/)
  })
})

describe('policy commands (built CLI)', () => {
  it('validate exits 0 for good files and 2 with file:line:column for bad ones', () => {
    const dir = tempDir()
    const good = join(dir, 'good.yaml')
    const broken = join(dir, 'broken.yaml')
    writeFileSync(good, policyWith('limit: {metric: hhi, max: 5000}'))
    writeFileSync(broken, policyWith('limit: {metric: hhi, max: 5000}').replace('severity: high', 'severity: severe'))
    expect(runCli(['policy', 'validate', good]).status).toBe(0)
    const run = runCli(['policy', 'validate', good, broken])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/broken\.yaml:7:15: rules\[0\]\.severity: .*found a string/)
  })

  it('assess with a bad policy exits 2 before writing anything', () => {
    const dir = tempDir()
    const broken = join(dir, 'broken.yaml')
    writeFileSync(broken, policyWith('limit: {metric: hhi, maximum: 5000}'))
    const run = runCli(['assess', '--demo', '--policy', broken, '--out-dir', join(dir, 'out')])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/broken\.yaml:10:\d+: unknown key "maximum" at rules\[0\]\.limit\.maximum\./)
  })

  it('list and show work', () => {
    expect(runCli(['policy', 'list']).stdout).toMatch(/sovereign-first/)
    const show = runCli(['policy', 'show', 'dora-exit', '--json'])
    expect(JSON.parse(show.stdout).policy.metadata.references).toContain('DORA Art. 29 (ICT concentration risk)')
  })
})
