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
})
