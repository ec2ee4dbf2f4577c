import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Assessment} from '../../src/assessment/schema.js'
import type {Catalog} from '../../src/catalog/catalog.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {evaluateEstate} from '../../src/jobs/pipeline.js'
import {loadPolicies, parsePolicy} from '../../src/policy/load.js'
import {builtinProvisionChecks} from '../../src/policy/provisions.js'
import type {PolicyOutcome} from '../../src/policy/types.js'
import {runCli, tempDir} from '../helpers/cli.js'

const NOW = new Date('2026-12-02T10:00:00Z')
let catalog: Catalog
let assessment: Assessment
let outcomes: Map<string, PolicyOutcome>

beforeAll(async () => {
  catalog = await loadCatalog()
  const evaluation = evaluateEstate(
    await readSnapshot(DEMO_SNAPSHOT),
    catalog,
    await loadPolicies(['bio2', 'secnumcloud', 'c3a']),
    {now: NOW},
  )
  assessment = evaluation.assessment
  outcomes = new Map(evaluation.policies.map((p) => [p.name, p]))
})

const rule = (policy: string, id: string) => outcomes.get(policy)!.rules.find((r) => r.id === id)!
const byId = (id: string) => assessment.resources.find((r) => r.id === id)!

describe('the bio2, secnumcloud and c3a packs on the demo estate', () => {
  it('bio2: supply-chain insight fails exactly the critical resources at SEAL-1 providers, naming the level', () => {
    const r = rule('bio2', 'bio2-5-21-supply-chain-insight')
    const critical = assessment.resources.filter((x) => x.critical)
    // Scaleway and Hetzner (SOV-5 SEAL-3, third-party estimates) pass; AWS and Azure (SEAL-1) and Google Cloud (unknown) fail.
    const expected = critical.filter((x) => x.provider !== 'scaleway' && x.provider !== 'hetzner')
    expect(r.findings.length).toBe(expected.length)
    expect(new Set(r.findings.map((f) => f.resourceId))).toEqual(new Set(expected.map((x) => x.id)))
    const aws = r.findings.find((f) => byId(f.resourceId!).provider === 'aws')!
    expect(aws.message).toMatch(/is at SEAL-1 for SOV-5 \(Amazon Web Services \(commercial regions\)\); required SEAL-2\.$/)
    const gcp = r.findings.find((f) => byId(f.resourceId!).provider === 'gcp')!
    expect(gcp.message).toMatch(/is at unknown for SOV-5 \(Google Cloud\)/)
    // The exit-strategy control reads the same tag as DORA: every untagged critical resource fails.
    expect(rule('bio2', 'bio2-5-20-exit-strategy').findings.length).toBe(
      critical.filter((x) => !x.tags['exit-plan']?.trim()).length,
    )
  })

  it('secnumcloud: immunity (SOV-2 ≥ 3) holds only for Scaleway data, and data outside the EU is listed by country', () => {
    const immunity = rule('secnumcloud', 'snc-19-6-immunity')
    const stateful = assessment.resources.filter((x) => x.stateful)
    expect(immunity.findings.length).toBe(stateful.filter((x) => x.provider !== 'scaleway').length)
    const hetzner = immunity.findings.find((f) => byId(f.resourceId!).provider === 'hetzner')!
    expect(hetzner.message).toMatch(/is at SEAL-2 for SOV-2 \(Hetzner Online\); required SEAL-3/)
    const gcp = immunity.findings.find((f) => byId(f.resourceId!).provider === 'gcp')!
    expect(gcp.message).toMatch(/is at ≤ SEAL-1 for SOV-2 \(Google Cloud\)/)
    for (const f of rule('secnumcloud', 'snc-19-6-data-in-eu').findings)
      expect(byId(f.resourceId!).country ?? 'none').not.toMatch(/^(DE|FR|IE|NL|BE|FI|SE)$/)
    const score = rule('secnumcloud', 'snc-sovereignty-score')
    expect(score.status).toBe('fail')
    expect(score.findings[0]!.message).toMatch(/^The Sovereignty Score of the selected.* is \d+(\.\d)?.*at least 60 allowed\.$/)
  })

  it('c3a: the ability to disconnect passes (no captive critical service in the demo), the SEAL gates fail with their level', () => {
    expect(rule('c3a', 'c3a-sov-4-09-disconnect').status).toBe('pass')
    const legal = rule('c3a', 'c3a-sov-2-legal')
    expect(legal.status).toBe('fail')
    expect(legal.findings.every((f) => / for SOV-2 \(/.test(f.message))).toBe(true)
  })
})

describe('the packs in the regulatory mapping', () => {
  it('name the objectives their SEAL gates check, so the mapping no longer says no built-in policy checks SOV-1 or SOV-5', async () => {
    const checks = builtinProvisionChecks()
    const by = (provision: string) => (checks.get(provision) ?? []).map((c) => `${c.policy}/${c.rule}`)
    expect(by('CSF SOV-1')).toEqual(expect.arrayContaining(['c3a/c3a-sov-1-strategic', 'secnumcloud/snc-19-6-eu-control']))
    expect(by('CSF SOV-2')).toEqual(expect.arrayContaining(['c3a/c3a-sov-2-legal', 'secnumcloud/snc-19-6-immunity']))
    expect(by('CSF SOV-3')).toEqual(expect.arrayContaining(['c3a/c3a-sov-3-data', 'secnumcloud/snc-19-6-data-in-eu']))
    expect(by('CSF SOV-5')).toEqual(['bio2/bio2-5-21-supply-chain-insight'])
    // Every rule with a minSeal gate names the objectives it gates.
    let gates = 0
    for (const {policy} of await loadPolicies(['bio2', 'secnumcloud', 'c3a']))
      for (const r of policy.rules) {
        const gated =
          JSON.stringify(r.require ?? {})
            .match(/"(SOV-\d)":\d/g)
            ?.map((m) => `CSF ${m.slice(1, 6)}`) ?? []
        gates += gated.length
        for (const provision of gated) expect(r.provisions ?? [], `${policy.metadata.name}/${r.id}`).toContain(provision)
      }
    expect(gates).toBeGreaterThan(4)
  })
})

describe('minSeal gates a pipeline', () => {
  const policy = (select: string, minSeal: string) => `apiVersion: exitready.dev/v1
kind: Policy
metadata: {name: seal-gate, title: SEAL gate}
failOn: high
rules:
  - id: stateful-critical-seal-3
    title: Stateful critical data at SEAL-3 for SOV-2 and SOV-3
    severity: high
    select: ${select}
    require: {minSeal: ${minSeal}}
    rationale: The pipeline's sovereignty floor.
    remediation: Move the data.
`

  it('parses minSeal and rejects a level outside 0–4 with file, line and column', () => {
    expect(
      parsePolicy(policy('{critical: true, stateful: true}', '{SOV-2: 3, SOV-3: 3}'), 'p.yaml').rules[0]!.require!.minSeal,
    ).toEqual({'SOV-2': 3, 'SOV-3': 3})
    expect(() => parsePolicy(policy('{critical: true}', '{SOV-9: 3}'), 'p.yaml')).toThrow(/p\.yaml:\d+:\d+/)
    expect(() => parsePolicy(policy('{critical: true}', '{overall: 5}'), 'p.yaml')).toThrow(/p\.yaml:\d+:\d+/)
  })

  it('exits 1 when stateful critical data is below the floor, and 0 when the selection meets it', () => {
    const dir = tempDir()
    const failing = join(dir, 'gate.yaml')
    writeFileSync(failing, policy('{critical: true, stateful: true}', '{SOV-2: 3, SOV-3: 3}'))
    const run = runCli(['assess', '--demo', '--policy', failing, '--format', 'json', '--out-dir', join(dir, 'a')])
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(run.status).toBe(1)
    const written = JSON.parse(readFileSync(join(dir, 'a', 'assessment.json'), 'utf8'))
    expect(written.sovereignty.scopes[0].scope).toBe('estate')
    expect(written.policies[0].rules[0].findings.length).toBeGreaterThan(0)

    const passing = join(dir, 'pass.yaml')
    writeFileSync(passing, policy('{provider: scaleway, stateful: true}', '{SOV-2: 3, overall: 3}'))
    const ok = runCli(['assess', '--demo', '--policy', passing, '--format', 'json', '--out-dir', join(dir, 'b')])
    expect(ok.status).toBe(0)
  })

  it('assess --policy bio2 works like the other built-ins, and --sovereignty-weights names a set or exits 2', () => {
    const dir = tempDir()
    const run = runCli([
      'assess',
      '--demo',
      '--policy',
      'bio2',
      '--sovereignty-weights',
      'csf-calculator-2026',
      '--format',
      'md',
      '--out-dir',
      dir,
    ])
    expect(run.status).toBe(1) // untagged critical resources lack an exit strategy (high)
    const md = readFileSync(join(dir, 'exit-report.md'), 'utf8')
    expect(md).toMatch(/set csf-calculator-2026/)
    expect(md).toMatch(/bio2-5-21-supply-chain-insight/)
    const bad = runCli(['assess', '--demo', '--sovereignty-weights', 'nope', '--out-dir', join(dir, 'x')])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/no weight set "nope"/)
    expect(bad.stderr).toMatch(/csf-1\.2\.1, csf-calculator-2026/)
  })

  it('policy list groups the built-ins by framework', () => {
    const run = runCli(['policy', 'list', '--json'])
    expect(run.status).toBe(0)
    const {policies} = JSON.parse(run.stdout) as {policies: {name: string; framework: string}[]}
    const framework = Object.fromEntries(policies.map((p) => [p.name, p.framework]))
    expect(framework).toMatchObject({
      bio2: 'BIO2',
      secnumcloud: 'SecNumCloud',
      c3a: 'C3A',
      'dora-exit': 'DORA',
      baseline: 'exitready',
    })
    expect(policies.map((p) => p.name)).toEqual([...policies.map((p) => p.name)].sort())
    // The table prints one block per framework, exitready's own first.
    const headings = runCli(['policy', 'list']).stdout.match(/^[A-Za-z][^\n│┌└├]*$/gm)!
    expect(headings.slice(0, 6)).toEqual(['exitready', 'BIO2', 'C3A', 'DORA', 'EU Cloud Sovereignty Framework', 'SecNumCloud'])
  })
})
