import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {leakedSecrets} from '../importers/helpers.js'

const FIXTURES = [
  'fixtures/import/terraform/prod.tfstate',
  'fixtures/import/terraform/opentofu.tfstate',
  'fixtures/import/terraform/show-state.json',
  'fixtures/import/terraform/plan.json',
  'fixtures/import/exports/aws-tagging.json',
  'fixtures/import/exports/aws-resource-explorer.json',
  'fixtures/import/exports/az-graph.json',
  'fixtures/import/exports/az-graph-array.json',
  'fixtures/import/exports/gcloud-assets.json',
  'fixtures/import/saas-inventory.yaml',
]

const API_0 = 'arn:aws:ec2:eu-central-1:412345678901:instance/i-0a1b2c3d4e5f6a7b0'
const ORDERS_DB = 'arn:aws:rds:eu-central-1:412345678901:db:prod-orders'
const noStackTrace = (text: string) => expect(text).not.toMatch(/at .*\.js:\d+/)

describe('exitready import, then assess (built CLI)', () => {
  it('imports every fixture into one snapshot and prints a short summary', () => {
    const dir = tempDir()
    const out = join(dir, 'inventory.json')
    const run = runCli(['import', ...FIXTURES, '--out', out])
    noStackTrace(run.stderr)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(
      /prod\.tfstate \[terraform-state: state v4, written by 1\.9\.5\]: 48 resources \(aws 19, hetzner 12/,
    )
    expect(run.stdout).toMatch(/opentofu\.tfstate \[terraform-state: state v4, written by 1\.8\.5, OpenTofu\]/)
    expect(run.stdout).toMatch(/skipped: data sources 2, non-cloud resources \(random\) 1/)
    expect(run.stdout).toMatch(/Wrote .*inventory\.json: 109 resources, 15 listed by more than one file and merged/)
    const snapshot = JSON.parse(readFileSync(out, 'utf8'))
    expect(snapshot.schema).toBe('exitready/inventory@1')
    expect(snapshot.resources).toHaveLength(109)
    expect(leakedSecrets(snapshot)).toEqual([])
  })

  it('--json prints the result on stdout', () => {
    const out = join(tempDir(), 'inventory.json')
    const run = runCli(['import', ...FIXTURES.slice(4, 6), '--out', out, '--json'])
    expect(run.status).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({
      out,
      resources: 13,
      duplicatesMerged: 2,
      byProvider: {aws: 13},
      unmapped: {'bedrock:agent-alias': 1},
    })
    expect(result.files.map((f: {format: string}) => f.format)).toEqual(['aws-tagging', 'aws-resource-explorer'])
    expect(run.stderr).toMatch(/Wrote/)
  })

  it('reads a state from standard input, as `terraform state pull | exitready import -`', () => {
    const out = join(tempDir(), 'inventory.json')
    const run = runCli(['import', '-', '--out', out], {input: readFileSync('fixtures/import/terraform/opentofu.tfstate', 'utf8')})
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/stdin \[terraform-state: .*OpenTofu\]: 7 resources/)
    expect(JSON.parse(readFileSync(out, 'utf8')).resources[0].source).toBe('terraform-state:stdin')
  })

  it('assesses the imported snapshot: the report shows the Terraform dependencies and the SaaS exit paths', () => {
    const dir = tempDir()
    const out = join(dir, 'inventory.json')
    expect(runCli(['import', ...FIXTURES, '--out', out]).status).toBe(0)
    const run = runCli(['assess', out, '--out-dir', join(dir, 'report'), '--format', 'md,json'])
    noStackTrace(run.stderr)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/109 resources from 12 providers/)

    const assessment = JSON.parse(readFileSync(join(dir, 'report', 'assessment.json'), 'utf8'))
    const resource = (id: string) => assessment.resources.find((r: {id: string}) => r.id === id)
    // Terraform dependencies reach the assessment: the API servers use the orders database.
    expect(resource(API_0).dependsOn).toContain(ORDERS_DB)
    expect(resource(ORDERS_DB)).toMatchObject({portability: 'portable', sizeGiB: 200})
    expect(resource('saas:microsoft-365/teams:microsoft-teams').dependsOn).toContain(
      'saas:microsoft-365/entra-id:entra-id-acme-versicherung.example',
    )
    // SaaS services carry their exit path from the catalog.
    const service = (type: string) => assessment.services.find((s: {type: string}) => s.type === type)
    const exchange = service('saas:microsoft-365/exchange-online')
    expect(exchange).toMatchObject({provider: 'saas', count: 1, sizeGiB: 9200})
    expect(exchange.standard).toMatch(/IMAP/)
    expect(exchange.exit).toMatch(/imapsync|IMAP/)
    expect(exchange.equivalents.length).toBeGreaterThan(0)
    for (const type of [
      'saas:google-workspace/gmail',
      'saas:slack/slack',
      'saas:salesforce/sales-cloud',
      'saas:atlassian/jira-cloud',
    ])
      expect(service(type)?.exit, type).toBeTruthy()

    const report = readFileSync(join(dir, 'report', 'exit-report.md'), 'utf8')
    expect(report).toMatch(/Exchange Online/)
    expect(report).toMatch(/IMAP/)
    expect(report).toMatch(/Gmail/)
    // The database section names the Terraform-managed servers that use it.
    expect(report).toMatch(/prod-api-0/)
  })
})

describe('exitready import with bad input (built CLI)', () => {
  const expectRefused = (args: string[], file: string, reason: RegExp) => {
    const dir = tempDir()
    const out = join(dir, 'inventory.json')
    const run = runCli(['import', ...args, '--out', out])
    noStackTrace(run.stderr)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(file)
    expect(run.stderr).toMatch(reason)
    expect(existsSync(out)).toBe(false)
    return run
  }

  it('exits 2 on truncated JSON, naming the file and where it ends', () => {
    const file = join(tempDir(), 'cut.tfstate')
    const text = readFileSync('fixtures/import/terraform/prod.tfstate', 'utf8')
    writeFileSync(file, text.slice(0, 5000))
    expectRefused([file], 'cut.tfstate', /not valid JSON: the file ends early at line \d+, column \d+ \(truncated\?\)/)
  })

  it('exits 2 on an unknown state version', () => {
    expectRefused(['fixtures/import/invalid/state-v3.tfstate'], 'state-v3.tfstate', /unknown Terraform state version 3/)
  })

  it('exits 2 on an unknown provider, suggesting --skip-provider, and imports with it', () => {
    const run = expectRefused(
      ['fixtures/import/invalid/unknown-provider.tfstate'],
      'unknown-provider.tfstate',
      /uses the provider registry\.terraform\.io\/acme-corp\/acmecloud, which exitready does not know/,
    )
    expect(run.stderr).toMatch(/Try: Pass --skip-provider acme-corp\/acmecloud/)
    const out = join(tempDir(), 'inventory.json')
    const skipped = runCli([
      'import',
      'fixtures/import/invalid/unknown-provider.tfstate',
      '--skip-provider',
      'acme-corp/acmecloud',
      '--out',
      out,
    ])
    expect(skipped.status).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8')).resources).toHaveLength(1)
  })

  it('exits 2 on an invalid manual inventory with file, line and column', () => {
    const file = join(tempDir(), 'saas.yaml')
    writeFileSync(file, 'apiVersion: exitready.dev/v1\nkind: Inventory\nresources:\n  - service: slack\n    dataGiB: lots\n')
    expectRefused([file], 'saas.yaml', /saas\.yaml:5:\d+ at resources\[0\]\.dataGiB/)
  })

  it('exits 2 on an unknown --format', () => {
    const run = runCli(['import', 'fixtures/import/saas-inventory.yaml', '--format', 'csv', '--out', join(tempDir(), 'x.json')])
    expect(run.status).toBe(2)
  })
})
