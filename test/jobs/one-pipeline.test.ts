import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ExitCode, exitCodeFor} from '../../src/errors.js'
import {DEMO_SNAPSHOT, runAssess} from '../../src/jobs/assess.js'
import {runDiff} from '../../src/jobs/diff.js'
import {runGraph} from '../../src/jobs/graph.js'
import {tempDir} from '../helpers/cli.js'

const NOW = new Date('2026-12-01T12:00:00Z')

/** A policy whose scoring block changes every proprietary and captive score, so a stage that ignores it shows. */
function scoringPolicy(dir: string): string {
  const file = join(dir, 'strict-scoring.yaml')
  writeFileSync(
    file,
    [
      'apiVersion: exitready.dev/v1',
      'kind: Policy',
      'metadata: {name: strict-scoring, title: Strict scoring}',
      'failOn: critical',
      'scoring:',
      '  portabilityBase: {proprietary: 77, captive: 97}',
      '  statefulBonus: 3',
      'rules:',
      '  - id: no-captive',
      '    title: No captive services',
      '    severity: low',
      '    select: {portability: captive}',
      '    require: {portabilityNot: captive}',
      '    rationale: r',
      '    remediation: r',
      '',
    ].join('\n'),
  )
  return file
}

describe('one pipeline for assess, graph and diff', () => {
  it('gives the same score to every resource of the same snapshot under the same policies', async () => {
    const dir = tempDir()
    const policy = scoringPolicy(dir)
    const assessed = await runAssess({snapshots: [DEMO_SNAPSHOT], outDir: dir, formats: ['json'], policies: [policy], now: NOW})
    const scores = new Map(assessed.assessment.resources.map((r) => [r.id, r.score]))
    // The override really moves scores: a proprietary resource without data or coupling scores exactly 77.
    expect(assessed.assessment.resources.some((r) => r.portability === 'proprietary' && r.score === 77)).toBe(true)

    const graph = await runGraph({snapshots: [DEMO_SNAPSHOT], format: 'json', policies: [policy], now: NOW})
    const nodes = (JSON.parse(graph.text) as {nodes: {id: string; score: number}[]}).nodes
    expect(nodes.length).toBe(scores.size)
    for (const node of nodes) expect([node.id, node.score]).toEqual([node.id, scores.get(node.id)])

    // diff assesses the snapshot on the spot with the same policy: against the saved assessment, nothing changed.
    const diff = await runDiff({old: join(dir, 'assessment.json'), new: DEMO_SNAPSHOT, policies: [policy], now: NOW})
    expect(diff.diff.scoreChanges).toEqual([])
    expect(diff.diff.newFindings).toEqual([])
    expect(diff.diff.resolvedFindings).toEqual([])

    // Without the policy, graph draws other scores: the test above would catch a graph that ignored it.
    const plain = await runGraph({snapshots: [DEMO_SNAPSHOT], format: 'json', now: NOW})
    const plainNodes = (JSON.parse(plain.text) as {nodes: {id: string; score: number}[]}).nodes
    expect(plainNodes.some((n) => n.score !== scores.get(n.id))).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, 'assessment.json'), 'utf8')).constants.portabilityBase.proprietary).toBe(77)
  })
})

describe('exitCodeFor', () => {
  it('ranks blocking findings above an incomplete inventory, and both above success', () => {
    expect(exitCodeFor({blocking: 2, incomplete: true})).toBe(ExitCode.findings)
    expect(exitCodeFor({blocking: 1, incomplete: false})).toBe(ExitCode.findings)
    expect(exitCodeFor({blocking: 0, incomplete: true})).toBe(ExitCode.incomplete)
    expect(exitCodeFor({blocking: 0, incomplete: false})).toBe(ExitCode.ok)
  })
})
