import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'

const POSTGRES = 'arn:aws:rds:eu-central-1:412345678901:db:claims-postgres-prod'
const nodeLines = (text: string) => text.split('\n').filter((line) => /^ +n\d+\[/.test(line))
const edgeLines = (text: string) => text.split('\n').filter((line) => /^ {2}n\d+ (-->|-\.->)/.test(line))

describe('exitready graph (built CLI)', () => {
  it('draws the demo estate as a Mermaid flowchart within GitHub’s limits', () => {
    const run = runCli(['graph', '--demo', '--format', 'mermaid'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout.startsWith('flowchart LR\n')).toBe(true)
    expect(run.stdout.length).toBeLessThan(50_000)
    expect(nodeLines(run.stdout).length).toBeGreaterThan(350)
    expect(edgeLines(run.stdout).length).toBeLessThanOrEqual(500)
    expect(run.stdout).toContain('classDef captive')
  })

  it('--collapse provider leaves one node per provider', () => {
    const run = runCli(['graph', '--demo', '--collapse', 'provider'])
    expect(run.status).toBe(0)
    const nodes = nodeLines(run.stdout)
    expect(nodes.length).toBeGreaterThanOrEqual(2)
    expect(nodes.length).toBeLessThanOrEqual(6)
    expect(run.stdout).not.toContain('subgraph')
    expect(run.stdout).toMatch(/n\d+\[\("aws \(\d+ resources\)/)
  })

  it('--focus shows the neighbourhood of a demo resource, as DOT', () => {
    const run = runCli(['graph', '--demo', '--format', 'dot', '--focus', POSTGRES, '--depth', '1'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^digraph exitready \{/)
    expect(run.stdout).toContain(`"${POSTGRES}" [label="claims-postgres-prod\\n`)
    const edges = run.stdout.split('\n').filter((line) => line.includes(' -> '))
    expect(edges.length).toBeGreaterThan(0)
    // Depth 1: every edge touches the focused database.
    for (const edge of edges) expect(edge).toContain(POSTGRES)
  })

  it('--out writes JSON atomically, with the waves, and --json reports what was written', () => {
    const dir = tempDir()
    const file = join(dir, 'nested', 'graph.json')
    const run = runCli(['graph', '--demo', '--format', 'json', '--focus', '*claims*', '--out', file, '--json'])
    expect(run.status).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({format: 'json', file, exitCode: 0})
    expect(result.text).toBeUndefined()
    const data = JSON.parse(readFileSync(file, 'utf8'))
    expect(data.nodes.length).toBe(result.nodes)
    expect(data.waves.length).toBeGreaterThan(0)
    expect(readdirSync(join(dir, 'nested'))).toEqual(['graph.json'])
  })

  it('draws inferred edges dotted, and exits 3 (still drawing) when a snapshot is incomplete', () => {
    const dir = tempDir()
    const file = join(dir, 'estate.json')
    const sub = '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/shop-prod/providers'
    const nic = `${sub}/Microsoft.Network/networkInterfaces/shop-vm-nic`
    writeFileSync(
      file,
      JSON.stringify({
        schema: 'exitready/inventory@1',
        createdAt: '2026-11-28T10:00:00Z',
        sources: [
          {provider: 'azure', scope: '0b1f6471-1bf0-4dda-aec3-cb9272f09590', status: 'complete', count: 2},
          {provider: 'hetzner', scope: 'project shop', status: 'failed', error: 'The token was rejected.', count: 0},
        ],
        resources: [
          {
            id: `${sub}/Microsoft.Compute/virtualMachines/shop-vm`,
            provider: 'azure',
            type: 'microsoft.compute/virtualmachines',
            name: 'shop-vm',
            account: '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
            attributes: {networkProfile: {networkInterfaces: [{id: nic.toLowerCase()}]}},
            source: 'test',
          },
          {id: nic, provider: 'azure', type: 'microsoft.network/networkinterfaces', name: 'shop-vm-nic', source: 'test'},
        ],
      }),
    )
    const run = runCli(['graph', file])
    expect(run.status).toBe(3)
    expect(run.stdout).toMatch(/^ {2}n0 -\.-> n1$/m)
    expect(run.stdout).toContain('shop-vm<br/>microsoft.compute/virtualmachines')
  })

  it('rejects a malformed snapshot with exit code 2 and no output file', () => {
    const dir = tempDir()
    const snapshot = join(dir, 'broken.json')
    writeFileSync(
      snapshot,
      JSON.stringify({schema: 'exitready/inventory@1', createdAt: 'x', sources: [], resources: [{id: 'a'}]}),
    )
    const out = join(dir, 'graph.mmd')
    const run = runCli(['graph', snapshot, '--out', out])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('broken.json')
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(existsSync(out)).toBe(false)
  })

  it('rejects a focus that matches nothing, and a bad format, with exit code 2', () => {
    const focus = runCli(['graph', '--demo', '--focus', 'no-such-resource*'])
    expect(focus.status).toBe(2)
    expect(focus.stderr).toContain('No resource id or name matches "no-such-resource*"')
    const format = runCli(['graph', '--demo', '--format', 'svg'])
    expect(format.status).toBe(2)
    expect(runCli(['graph']).status).toBe(2)
  })

  it('has real help with examples', () => {
    const run = runCli(['graph', '--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('--collapse')
    expect(run.stdout).toContain('EXAMPLES')
  })
})
