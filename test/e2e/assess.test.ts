import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'

describe('exitready assess (built CLI)', () => {
  it('assesses the demo estate: prints a grade, writes the files, exits 0', () => {
    const out = tempDir()
    const run = runCli(['assess', '--demo', '--out-dir', out])
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/) // no stack trace
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/Exit readiness: grade [A-F] \(\d+(\.\d)?\/100\)/)
    expect(run.stdout).toMatch(/Lock-in hotspot/)
    const assessment = JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8'))
    expect(assessment.schema).toBe('exitready/assessment@1')
    expect(assessment.resources.length).toBeGreaterThan(350)
    expect(readFileSync(join(out, 'exit-report.md'), 'utf8')).toMatch(/^# Exit-strategy report/)
  })

  it('--json prints the result object on stdout and the summary on stderr', () => {
    const out = tempDir()
    const run = runCli(['assess', '--demo', '--out-dir', out, '--json'])
    expect(run.status).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.summary.grade).toMatch(/^[A-F]$/)
    expect(result.files.map((f: string) => f.split('/').pop())).toEqual(['exit-report.md', 'exit-report.html', 'assessment.json'])
    expect(run.stderr).toMatch(/Exit readiness/)
  })

  it('rejects a malformed snapshot with exit code 2, naming the file and the field', () => {
    const dir = tempDir()
    const file = join(dir, 'broken.json')
    writeFileSync(
      file,
      JSON.stringify({
        schema: 'exitready/inventory@1',
        createdAt: '2026-11-28T10:00:00Z',
        sources: [],
        resources: [{id: 'a', provider: 'aws', source: 's'}],
      }),
    )
    const run = runCli(['assess', file, '--out-dir', join(dir, 'out')])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('broken.json')
    expect(run.stderr).toMatch(/resources\[0\]\.type/)
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(existsSync(join(dir, 'out'))).toBe(false)
  })

  it('rejects a malformed private catalog with exit code 2, naming file, line and field', () => {
    const dir = tempDir()
    const catalog = join(dir, 'extra.yaml')
    writeFileSync(
      catalog,
      'provider: aws\nservices:\n  AWS::S3:\n    default: {category: object-storage, portability: movable, stateful: true}\n',
    )
    const run = runCli(['assess', '--demo', '--catalog', catalog, '--out-dir', join(dir, 'out')])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/extra\.yaml:4:\d+: services\.AWS::S3\.default\.portability: .*found a string/)
  })

  it('rejects an unknown format and no input with exit code 2 and a suggestion', () => {
    expect(runCli(['assess', '--demo', '--format', 'pdf', '--out-dir', tempDir()]).status).toBe(2)
    const none = runCli(['assess', '--out-dir', tempDir()])
    expect(none.status).toBe(2)
    expect(none.stderr).toMatch(/--demo/)
  })

  it('exits 3 and still reports when a source in the snapshot is incomplete', () => {
    const dir = tempDir()
    const file = join(dir, 'partial.json')
    writeFileSync(
      file,
      JSON.stringify({
        schema: 'exitready/inventory@1',
        createdAt: '2026-11-28T10:00:00Z',
        sources: [{provider: 'azure', scope: 'sub-1', status: 'failed', error: 'Permission denied.', count: 0}],
        resources: [{id: 'hetzner:server:1', provider: 'hetzner', type: 'hetzner:server', source: 's', region: 'fsn1'}],
      }),
    )
    const run = runCli(['assess', file, '--out-dir', join(dir, 'out')])
    expect(run.status).toBe(3)
    expect(existsSync(join(dir, 'out', 'assessment.json'))).toBe(true)
  })
})

describe('exitready catalog (built CLI)', () => {
  it('coverage prints real figures per provider', () => {
    const run = runCli(['catalog', 'coverage', '--json'])
    expect(run.status).toBe(0)
    const {coverage} = JSON.parse(run.stdout)
    expect(coverage.map((c: {provider: string}) => c.provider)).toEqual(['aws', 'azure', 'gcp'])
    for (const c of coverage) {
      expect(c.referenceTypes).toBeGreaterThan(800)
      expect(c.serviceLevel).toBeGreaterThan(0)
    }
  })

  it('show resolves an alias to its type', () => {
    const run = runCli(['catalog', 'show', 'aws_s3_bucket'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/AWS::S3::Bucket/)
    expect(run.stdout).toMatch(/portability: +compatible/)
  })
})
