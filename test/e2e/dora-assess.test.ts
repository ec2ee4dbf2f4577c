// DORA arrangements through the built CLI: assess --arrangements, import beside an inventory, init --dora.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {AssessmentSchema} from '../../src/assessment/schema.js'
import type {JsonError} from '../../src/cli/base.js'
import type {AssessResult} from '../../src/commands/assess.js'
import type {ImportResult} from '../../src/commands/import.js'
import type {InitResult} from '../../src/commands/init.js'
import {parseArrangements} from '../../src/dora/arrangements.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

const DEMO_ARRANGEMENTS = join(ROOT, 'fixtures/demo/arrangements.yaml')
const SAAS = join(ROOT, 'fixtures/import/saas-inventory.yaml')
const noStackTrace = (text: string) => expect(text).not.toMatch(/at .*\.js:\d+/)

describe('assess --arrangements (built CLI)', () => {
  it('--demo --arrangements demo: the block in --json and assessment.json, the plans in the reports, the rule gating', () => {
    const out = tempDir()
    const run = runCli(['assess', '--demo', '--arrangements', 'demo', '--policy', 'dora-exit', '--out-dir', out, '--json'])
    noStackTrace(run.stderr)
    expect(run.status).toBe(1)
    const result = JSON.parse(run.stdout) as AssessResult
    const block = result.arrangements!
    expect(block.file).toBe('demo: fixtures/demo/arrangements.yaml')
    expect(block.arrangements).toHaveLength(5)
    expect(block.covered + block.uncovered.count).toBe(result.summary.resourceCount)
    expect(block.uncovered.count).toBe(9)
    expect(block.exitPlans.map((p) => p.reference)).toEqual(['NW-ICT-2021-001', 'NW-ICT-2022-002'])
    const rule = result.policies[0]!.rules.find((r) => r.id === 'arrangement-exit-plan')!
    expect(rule.status).toBe('fail')
    expect(rule.findings.map((f) => f.arrangement)).toContain('NW-ICT-2022-002')
    // The human summary goes to stderr under --json, with the arrangements lines.
    expect(run.stderr).toMatch(/DORA arrangements \(5, 2 supporting a critical or important function\)/)
    expect(run.stderr).toMatch(
      /Exit plan NW-ICT-2022-002 \(Microsoft Ireland Operations Limited\): linked, last\s+tested 2024-09-03 \(overdue\)/,
    )

    const assessment = AssessmentSchema.parse(JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8')))
    expect(assessment.arrangements).toEqual(block)
    const md = readFileSync(join(out, 'exit-report.md'), 'utf8')
    expect(md).toContain('## DORA: ICT arrangements and their exit plans')
    expect(md).toContain('#### NW-ICT-2021-001: Amazon Web Services EMEA SARL')
    expect(md).toContain('#### NW-ICT-2022-002: Microsoft Ireland Operations Limited')
    expect(md).toMatch(/\| Transition \(Data Act\) \| 30 \|/)
    const html = readFileSync(join(out, 'exit-report.html'), 'utf8')
    expect(html).toContain('<section id="arrangements">')
    expect(html.match(/<section class="arrangement-plan">/g)).toHaveLength(2)
  })

  it('without --arrangements the report has no such section, and dora-exit says the plans could not be checked', () => {
    const out = tempDir()
    const run = runCli(['assess', '--demo', '--policy', 'dora-exit', '--out-dir', out, '--format', 'md', '--json'])
    const result = JSON.parse(run.stdout) as AssessResult
    expect(result.arrangements).toBeUndefined()
    const rule = result.policies[0]!.rules.find((r) => r.id === 'arrangement-exit-plan')!
    expect(rule.findings).toEqual([
      expect.objectContaining({subject: 'arrangements', message: expect.stringMatching(/^No arrangements file was given/)}),
    ])
    expect(readFileSync(join(out, 'exit-report.md'), 'utf8')).not.toContain('DORA: ICT arrangements')
  })

  it('a broken arrangements file is exit 2 at file:line:column, before any report is written', () => {
    const dir = tempDir()
    const file = join(dir, 'arrangements.yaml')
    writeFileSync(file, readFileSync(DEMO_ARRANGEMENTS, 'utf8').replace('provider: gcp\n', 'provider: gpc\n'))
    const out = join(dir, 'report')
    const run = runCli(['assess', '--demo', '--arrangements', file, '--out-dir', out, '--json'])
    noStackTrace(run.stderr)
    expect(run.status).toBe(2)
    const error = JSON.parse(run.stdout) as JsonError
    expect(error.error.message).toMatch(/arrangements\.yaml:\d+:\d+: provider "gpc" is not a key of providers\./)
    expect(readdirSync(dir)).toEqual(['arrangements.yaml'])
  })

  it('with --provider, the block says the estate was filtered and the other providers’ arrangements cover nothing', () => {
    const out = tempDir()
    const run = runCli([
      'assess',
      '--demo',
      '--arrangements',
      'demo',
      '--provider',
      'aws',
      '--out-dir',
      out,
      '--format',
      'json',
      '--json',
    ])
    const block = (JSON.parse(run.stdout) as AssessResult).arrangements!
    expect(block.filtered).toBe('only provider aws')
    expect(block.empty.map((e) => e.reference)).toEqual([
      'NW-ICT-2022-002',
      'NW-ICT-2023-003',
      'NW-ICT-2020-004',
      'NW-ICT-2024-005',
    ])
  })

  it('--arrangements demo without --demo is exit 2 with what to do', () => {
    const dir = tempDir()
    const run = runCli(['assess', join(ROOT, 'fixtures/demo/inventory.json'), '--arrangements', 'demo', '--out-dir', dir], {
      cwd: dir,
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/--arrangements demo names the demo estate's example arrangements, which go with --demo only/)
  })
})

describe('import and init --dora with arrangements (built CLI)', () => {
  it('import takes the arrangements beside an inventory: validated, reported, not in the snapshot', () => {
    const dir = tempDir()
    const out = join(dir, 'inventory.json')
    const run = runCli(['import', SAAS, DEMO_ARRANGEMENTS, '--out', out, '--json'])
    expect(run.status).toBe(0)
    const result = JSON.parse(run.stdout) as ImportResult
    expect(result.files.map((f) => f.format)).toEqual(['inventory-yaml', 'arrangements'])
    expect(result.resources).toBe(JSON.parse(readFileSync(out, 'utf8')).resources.length)
    expect(JSON.parse(readFileSync(out, 'utf8')).sources.map((s: {provider: string}) => s.provider)).not.toContain('none')
    const human = runCli(['import', SAAS, DEMO_ARRANGEMENTS, '--out', out])
    expect(human.stdout).toMatch(/arrangements\.yaml \[arrangements: DORA arrangements, valid: 5 arrangements/)
    expect(human.stdout).toMatch(
      /note: Arrangements are not part of the snapshot: pass the file to `exitready assess --arrangements/,
    )
  })

  it('init --dora writes a starter that validates and that assess takes, with the dora-exit policy', () => {
    const dir = tempDir()
    const run = runCli(['init', '--dora', '--ci', 'none', '--yes', '--json'], {cwd: dir})
    expect(run.status).toBe(0)
    const result = JSON.parse(run.stdout) as InitResult
    expect(result.from).toBe('dora-exit')
    const starter = join(dir, 'exitready-arrangements.yaml')
    expect(result.files).toContain(starter)
    expect(result.next.join('\n')).toMatch(/--arrangements exitready-arrangements\.yaml/)
    const text = readFileSync(starter, 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://exitready.dev/schemas/arrangements.schema.json')
    expect(parseArrangements(starter, text).kind).toBe('Arrangements')
    const inventory = join(dir, 'inventory.json')
    expect(runCli(['import', SAAS, '--out', inventory]).status).toBe(0)
    const assess = runCli(
      [
        'assess',
        inventory,
        '--arrangements',
        starter,
        '--policy',
        join(dir, 'exitready-policy.yaml'),
        '--format',
        'json',
        '--json',
      ],
      {cwd: dir},
    )
    const assessed = JSON.parse(assess.stdout) as AssessResult
    // The starter's one arrangement selects AWS: the one AWS resource of the SaaS inventory.
    expect(assessed.arrangements!.arrangements[0]).toMatchObject({reference: 'CONTRACT-001', resources: 1})
    expect(assessed.arrangements!.exitPlans).toHaveLength(1)
    // Nothing is overwritten without --force.
    expect(runCli(['init', '--dora', '--ci', 'none', '--yes'], {cwd: dir}).status).toBe(2)
  })
})
