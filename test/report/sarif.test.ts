import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import {beforeAll, describe, expect, it} from 'vitest'
import {readSnapshot, writeSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {artifactFor, findIdLines, renderSarif} from '../../src/report/sarif.js'
import type {ReportData} from '../../src/report/types.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {reportData} from './fixture.js'

interface SarifResult {
  ruleId: string
  ruleIndex: number
  locations: {
    physicalLocation?: {artifactLocation: {uri: string; index: number}; region?: {startLine: number}}
    logicalLocations: {fullyQualifiedName: string; kind: string}[]
  }[]
}

const validate = (() => {
  const ajv = new AjvDraft04.default({allErrors: true, strict: false, unicodeRegExp: false})
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/data/sarif-schema-2.1.0.json'), 'utf8')))
})()

const sarif = (data: ReportData, options: Parameters<typeof renderSarif>[1] = {}) => {
  const log = JSON.parse([...renderSarif(data, options)].join(''))
  expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
  return log
}

/** The line of `"id": "<id>"` in a file, found the plain way. */
function lineOf(file: string, id: string): number {
  const lines = readFileSync(file, 'utf8').split('\n')
  return lines.findIndex((l) => l.trim() === `"id": ${JSON.stringify(id)},`) + 1
}

let data: ReportData

beforeAll(async () => {
  data = await reportData()
})

describe('findings.sarif', () => {
  it('points every resource finding at the snapshot file and the line of its id, and names the resource', () => {
    const log = sarif(data, {cwd: ROOT})
    const run = log.runs[0]
    expect(run.artifacts).toEqual([{location: {uri: 'fixtures/demo/inventory.json'}, roles: ['analysisTarget']}])
    const located = (run.results as SarifResult[]).filter((r) => r.locations[0]!.logicalLocations[0]!.kind === 'resource')
    expect(located.length).toBeGreaterThan(200)
    let checked = 0
    for (const result of located) {
      const location = result.locations[0]!
      const id = location.logicalLocations[0]!.fullyQualifiedName
      expect(location.physicalLocation!.artifactLocation).toEqual({uri: 'fixtures/demo/inventory.json', index: 0})
      if (id === 'arn:aws:s3:::nordwind-hostile-test') {
        // Added in memory by the test fixture: not in the file, so no line is claimed.
        expect(location.physicalLocation!.region).toBeUndefined()
        continue
      }
      expect(location.physicalLocation!.region, id).toEqual({startLine: lineOf(DEMO_SNAPSHOT, id)})
      checked++
    }
    expect(checked).toBeGreaterThan(200)
  })

  it('points aggregate findings at the input without a line, with the subject as a logical location', () => {
    const run = sarif(data, {cwd: ROOT}).runs[0]
    const aggregate = (run.results as SarifResult[]).find((r) => r.ruleId === 'one-hole/provider-share-critical')!
    expect(aggregate.locations[0]!.physicalLocation).toEqual({
      artifactLocation: {uri: 'fixtures/demo/inventory.json', index: 0},
    })
    expect(aggregate.locations[0]!.logicalLocations[0]!.kind).toBe('module')
  })

  it('--demo names the demo file, wherever exitready runs', () => {
    const demo = {...data, assessment: {...data.assessment, inputs: ['demo estate']}}
    const run = sarif(demo, {cwd: tempDir()}).runs[0]
    expect(run.artifacts[0].location.uri).toBe('fixtures/demo/inventory.json')
    const kms = (run.results as SarifResult[]).find((r) => r.ruleId === 'sovereign-first/identity-kms-eu-control')!
    expect(kms.locations[0]!.physicalLocation!.region!.startLine).toBeGreaterThan(1)
  })

  it('tags every rule that has a security-severity with "security", once', () => {
    const rules = sarif(data).runs[0].tool.driver.rules as {properties: {tags: string[]; 'security-severity'?: string}}[]
    expect(rules.length).toBeGreaterThan(10)
    for (const rule of rules) {
      if (rule.properties['security-severity'] !== undefined) expect(rule.properties.tags).toContain('security')
      expect(new Set(rule.properties.tags).size).toBe(rule.properties.tags.length)
    }
  })

  it('finds lines in an NDJSON snapshot and in a minified JSON one, and names files relative to the working folder', async () => {
    const dir = tempDir()
    const snapshot = await readSnapshot(DEMO_SNAPSHOT)
    mkdirSync(join(dir, 'my inventories'))
    const ndjson = join(dir, 'my inventories', 'estate.ndjson')
    await writeSnapshot(ndjson, snapshot)
    const run = sarif({...data, inputFiles: [ndjson]}, {cwd: dir}).runs[0]
    expect(run.artifacts[0].location.uri).toBe('my%20inventories/estate.ndjson')
    const result = (run.results as SarifResult[]).find((r) => r.ruleId === 'baseline/unmapped-types')!
    const id = result.locations[0]!.logicalLocations[0]!.fullyQualifiedName
    // Line 1 is the header; resource i is on line i + 2.
    expect(result.locations[0]!.physicalLocation!.region!.startLine).toBe(snapshot.resources.findIndex((r) => r.id === id) + 2)

    const minified = join(dir, 'min.json')
    writeFileSync(minified, JSON.stringify(snapshot))
    const lines = findIdLines(minified, new Set([id, snapshot.resources[0]!.id]))
    expect([...lines.values()]).toEqual([1, 1])
  })

  it('names a file outside the working folder by its file: URI', () => {
    const elsewhere = artifactFor('/srv/exports/inventory 1.json', '/home/ci/repo')
    expect(elsewhere.uri).toBe('file:///srv/exports/inventory%201.json')
    expect(artifactFor('inventory.json', '/home/ci/repo').uri).toBe('inventory.json')
    expect(artifactFor(DEMO_SNAPSHOT, '/anywhere').uri).toBe('fixtures/demo/inventory.json')
  })

  it('reads large files in chunks: an id past the first 4 MiB, with escapes in it, gets its line', () => {
    const dir = tempDir()
    const file = join(dir, 'big.json')
    const filler = `${'x'.repeat(99)}\n`.repeat(50_000)
    const tricky = 'id with "quotes", \\ and é'
    const text = `{\n"note": "${filler.replace(/\n/g, '\\n')}",\n"resources": [\n{\n  "id": ${JSON.stringify(tricky)}\n},\n{"id":"second"}\n]}\n`
    writeFileSync(file, text)
    const lines = findIdLines(file, new Set([tricky, 'second', 'absent']))
    expect(lines.get(tricky)).toBe(5)
    expect(lines.get('second')).toBe(7)
    expect(lines.has('absent')).toBe(false)
    expect(findIdLines(join(dir, 'missing.json'), new Set(['x'])).size).toBe(0)
  })

  it('caps results for GitHub and says so', () => {
    const run = sarif(data, {maxResults: 5}).runs[0]
    expect(run.results).toHaveLength(5)
    expect(run.properties.truncated).toBe(true)
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toMatch(/exceed the limit of 5/)
  })
})
