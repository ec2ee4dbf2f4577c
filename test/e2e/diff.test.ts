import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {runCli, tempDir} from '../helpers/cli.js'

let dir: string
let before: string
let after: string

beforeAll(() => {
  dir = tempDir()
  // "after": the demo estate plus a new stateful AWS table and minus one Hetzner server.
  const snapshot = JSON.parse(readFileSync(DEMO_SNAPSHOT, 'utf8'))
  before = join(dir, 'before.json')
  writeFileSync(before, JSON.stringify(snapshot))
  const removed = snapshot.resources.find((r: {type: string}) => r.type === 'hetzner:server').id
  snapshot.resources = snapshot.resources.filter((r: {id: string}) => r.id !== removed)
  snapshot.resources.push({
    id: 'arn:aws:dynamodb:eu-central-1:412345678901:table/new-ledger',
    provider: 'aws',
    type: 'AWS::DynamoDB::Table',
    name: 'new-ledger',
    region: 'eu-central-1',
    tags: {},
    sizeGiB: 40,
    source: 'test',
  })
  after = join(dir, 'after.json')
  writeFileSync(after, JSON.stringify(snapshot))
})

describe('exitready diff (built CLI)', () => {
  it('compares two snapshots: added and removed resources, index changes, new findings', () => {
    const run = runCli(['diff', before, after, '--policy', 'sovereign-first', '--json'])
    expect(run.status).toBe(0)
    const diff = JSON.parse(run.stdout)
    expect(diff.added.map((r: {id: string}) => r.id)).toEqual(['arn:aws:dynamodb:eu-central-1:412345678901:table/new-ledger'])
    expect(diff.removed).toHaveLength(1)
    expect(diff.removed[0].type).toBe('hetzner:server')
    expect(diff.indices.find((i: {name: string}) => i.name === 'resources')).toMatchObject({old: 385, new: 385, delta: 0})
    expect(diff.newFindings.map((f: {resourceId?: string; ruleId: string}) => `${f.ruleId} ${f.resourceId}`)).toContain(
      'stateful-eu-control arn:aws:dynamodb:eu-central-1:412345678901:table/new-ledger',
    )
  })

  it('--fail-on-new gates on new findings at or above the severity, and Markdown is ready for a PR comment', () => {
    const gate = runCli(['diff', before, after, '--policy', 'sovereign-first', '--fail-on-new', 'high', '--format', 'md'])
    expect(gate.status).toBe(1)
    expect(gate.stdout).toMatch(/^### exitready: Grade [A-F]/)
    expect(gate.stdout).toMatch(/\| new \| high \| sovereign-first\/stateful-eu-control \|/)
    expect(runCli(['diff', before, after, '--policy', 'sovereign-first', '--fail-on-new', 'critical']).status).toBe(0)
    expect(runCli(['diff', before, before, '--policy', 'sovereign-first', '--fail-on-new', 'info']).status).toBe(0)
  })

  it('compares two assessment.json files, and rejects what is neither', () => {
    const out1 = join(dir, 'a1')
    const out2 = join(dir, 'a2')
    expect(runCli(['assess', before, '--out-dir', out1, '--format', 'json', '-q']).status).toBe(0)
    expect(runCli(['assess', after, '--out-dir', out2, '--format', 'json', '-q']).status).toBe(0)
    const run = runCli(['diff', join(out1, 'assessment.json'), join(out2, 'assessment.json'), '--json'])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout).added).toHaveLength(1)
    const junk = join(dir, 'junk.json')
    writeFileSync(junk, '{"hello": "world"}')
    const bad = runCli(['diff', junk, after])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/junk\.json: neither an inventory snapshot nor an assessment\.json/)
  })

  it('says why it exits 1, names what was added and removed, and gives the deltas in words and units', () => {
    const run = runCli(['diff', before, after, '--policy', 'sovereign-first', '--fail-on-new', 'high'])
    expect(run.status).toBe(1)
    const out = run.stdout
    // Long lines wrap with an indent; joined again, each says one thing.
    expect(out.replace(/\n {2,}/g, ' ')).toMatch(
      /Exit code 1: \d+ new findings? at or above high \(--fail-on-new\): sovereign-first\/stateful-eu-control \(high\) on new-ledger/,
    )
    expect(out).toContain('  + new-ledger (AWS::DynamoDB::Table, aws)')
    expect(out).toMatch(/ {2}− web-\d+ \(hetzner:server, hetzner\)/)
    expect(out).toMatch(/data to move [\d.,]+ TiB → [\d.,]+ TiB \(\+40 GiB\)/)
    expect(out).toMatch(/jurisdiction exposure [\d.]+% → [\d.]+% \([+−][\d.]+ points\)/)
    expect(out).toMatch(/Unchanged: .*resources/)
    expect(out).not.toContain('Warning')
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
    const json = JSON.parse(
      runCli(['diff', before, after, '--policy', 'sovereign-first', '--fail-on-new', 'high', '--json']).stdout,
    )
    expect(json.gate.failOn).toBe('high')
    expect(json.gate.blocking.map((f: {resourceId: string}) => f.resourceId)).toContain(
      'arn:aws:dynamodb:eu-central-1:412345678901:table/new-ledger',
    )
    const md = runCli(['diff', before, after, '--policy', 'sovereign-first', '--fail-on-new', 'high', '--format', 'md']).stdout
    expect(md).toMatch(/^\*\*Exit code 1: .*new-ledger.*\*\*$/m)
    expect(md).toContain('- new-ledger (AWS::DynamoDB::Table, aws)')
  })

  it('warns when the sides were assessed with different policies or catalogs, instead of reporting their findings as resolved', () => {
    const strict = join(dir, 'strict')
    const lenient = join(dir, 'lenient')
    const otherCatalog = join(dir, 'other-catalog')
    // Findings make assess exit 1; the assessment.json is written either way.
    expect(runCli(['assess', before, '--policy', 'sovereign-first', '--out-dir', strict, '--format', 'json', '-q']).status).toBe(
      1,
    )
    expect(runCli(['assess', before, '--out-dir', lenient, '--format', 'json', '-q']).status).toBeLessThanOrEqual(1)
    const catalog = join(dir, 'private.yaml')
    writeFileSync(
      catalog,
      'provider: aws\nservices:\n  AWS::S3:\n    default: {category: object-storage, portability: compatible, stateful: true}\n',
    )
    expect(
      runCli(['assess', before, '--catalog', catalog, '--out-dir', otherCatalog, '--format', 'json', '-q']).status,
    ).toBeLessThanOrEqual(1)

    const policies = runCli(['diff', join(strict, 'assessment.json'), join(lenient, 'assessment.json'), '--json'])
    expect(policies.status).toBe(0)
    const diff = JSON.parse(policies.stdout)
    expect(diff.resolvedFindings).toEqual([])
    expect(diff.notCompared).toContainEqual(expect.objectContaining({side: 'old', policy: 'sovereign-first'}))
    expect(diff.warnings[0]).toMatch(
      /^The two sides were assessed with different policies \(before only: sovereign-first; after only: baseline\)/,
    )
    const table = runCli(['diff', join(strict, 'assessment.json'), join(lenient, 'assessment.json')]).stdout
    expect(table).toMatch(/^Warning: The two sides were assessed with different policies/m)
    expect(table).toContain('Findings: 0 new, 0 resolved.')

    const catalogs = JSON.parse(
      runCli(['diff', join(lenient, 'assessment.json'), join(otherCatalog, 'assessment.json'), '--json']).stdout,
    )
    expect(catalogs.warnings).toEqual([expect.stringMatching(/^The two sides were assessed with different catalogs/)])
  })
})
