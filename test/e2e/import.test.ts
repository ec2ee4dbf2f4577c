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
    // Containers (a resource group, a GCP project, an IONOS data centre) are not resources.
    expect(run.stdout).toMatch(/Wrote .*inventory\.json: 106 resources, 15 listed by more than one file and merged/)
    const snapshot = JSON.parse(readFileSync(out, 'utf8'))
    expect(snapshot.schema).toBe('exitready/inventory@1')
    expect(snapshot.resources).toHaveLength(106)
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
    // Seven resources, less the IONOS data centre (containment, not a resource).
    expect(run.stdout).toMatch(/stdin \[terraform-state: .*OpenTofu\]: 6 resources/)
    expect(JSON.parse(readFileSync(out, 'utf8')).resources[0].source).toBe('opentofu-state:stdin')
  })

  it('assesses the imported snapshot: the report shows the Terraform dependencies and the SaaS exit paths', () => {
    const dir = tempDir()
    const out = join(dir, 'inventory.json')
    expect(runCli(['import', ...FIXTURES, '--out', out]).status).toBe(0)
    const run = runCli(['assess', out, '--out-dir', join(dir, 'report'), '--format', 'md,json'])
    noStackTrace(run.stderr)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/106 resources from 12 providers/)

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

describe('a mixed estate: Terraform, CloudFormation, CDK, ARM and Pulumi (built CLI)', () => {
  const REAL = 'fixtures/import/real'
  const ESTATE = [
    `${REAL}/terraform/local-aws-modules.setup-terraform.txt`,
    `${REAL}/cloudformation/describe-stack-resources.json`,
    `${REAL}/cloudformation/log-setup-management.yaml`,
    `${REAL}/cloudformation/kics-cdk.out`,
    `${REAL}/azure/bicep-1vm-2nics.symbolicnames.json`,
    `${REAL}/pulumi/ec2-networking.stack.json`,
  ]

  it('detects every format and imports them into one snapshot where the same bucket is one resource', () => {
    const out = join(tempDir(), 'inventory.json')
    const run = runCli(['import', ...ESTATE, '--out', out])
    noStackTrace(run.stderr)
    expect(run.status).toBe(0)
    for (const line of [
      /local-aws-modules\.setup-terraform\.txt \[terraform-show: plan \(show -json, 1\.11\.4\), captured through the GitHub Actions setup-terraform wrapper\]: 14 resources/,
      /describe-stack-resources\.json \[cloudformation-stack-resources: .*\]: 3 resources/,
      /log-setup-management\.yaml \[cloudformation-template: CloudFormation template, YAML\]: 9 resources/,
      /kics-cdk\.out \[cdk-assembly: cdk\.out assembly, 1 stacks\]: 1 resources/,
      /bicep-1vm-2nics\.symbolicnames\.json \[arm-template: Bicep build, symbolic names \(languageVersion 2\.0\)\]: 8 resources/,
      /ec2-networking\.stack\.json \[pulumi-state: pulumi stack export, stack test\/ec2-networking\]: 9 resources/,
    ])
      expect(run.stdout).toMatch(line)
    expect(run.stdout).toMatch(/Wrote .*inventory\.json: 43 resources, 1 listed by more than one file and merged/)
    const snapshot = JSON.parse(readFileSync(out, 'utf8'))
    const bucket = snapshot.resources.filter((r: {id: string}) => r.id === 'arn:aws:s3:::my-stack-bucket-1vc62xmplgguf')
    expect(bucket).toHaveLength(1)
    expect(bucket[0].seenBy).toEqual([
      'terraform-show:local-aws-modules.setup-terraform.txt',
      'cloudformation-stack-resources:describe-stack-resources.json',
    ])
    // What the plan says about the bucket joins what the stack export says.
    expect(bucket[0]).toMatchObject({account: '123456789012', attributes: {cloudformationLogicalId: 'bucket'}})
    expect(leakedSecrets(snapshot)).toEqual([])
  })

  it('assesses the mixed estate, with the module and template dependencies in the graph', () => {
    const dir = tempDir()
    const out = join(dir, 'inventory.json')
    expect(runCli(['import', ...ESTATE, '--out', out]).status).toBe(0)
    const run = runCli(['assess', out, '--out-dir', join(dir, 'report'), '--format', 'json'])
    noStackTrace(run.stderr)
    expect(run.status).toBe(0)
    const assessment = JSON.parse(readFileSync(join(dir, 'report', 'assessment.json'), 'utf8'))
    const nic = assessment.resources.find((r: {name: string}) => r.name === 'module.nic.aws_network_interface.this')
    expect(nic.dependsOn).toEqual([`aws:aws_subnet:${ESTATE[0]}#aws_subnet.internal`])
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
    const run = expectRefused(
      [file],
      'cut.tfstate',
      /not valid JSON(: the file ends early| at line \d+, column \d+: expected a closing double quote: the string runs to the end of the file)/,
    )
    expect(run.stderr).toMatch(/Export it again and check that the command finished/)
  })

  it('exits 2 on an unknown state version', () => {
    expectRefused(['fixtures/import/invalid/state-v3.tfstate'], 'state-v3.tfstate', /unknown Terraform state version 3/)
  })

  it('imports a state with an unknown provider as partial (assess exits 3); --strict exits 2; --skip-provider acknowledges it', () => {
    const state = 'fixtures/import/invalid/unknown-provider.tfstate'
    const dir = tempDir()
    const out = join(dir, 'inventory.json')
    const lenient = runCli(['import', state, '--out', out])
    expect(lenient.status).toBe(0)
    expect(lenient.stdout).toMatch(/incomplete: providers exitready does not know: acme-corp\/acmecloud/)
    const snapshot = JSON.parse(readFileSync(out, 'utf8'))
    expect(snapshot.resources).toHaveLength(1)
    expect(snapshot.sources).toContainEqual(expect.objectContaining({provider: 'acmecloud', status: 'partial', count: 0}))
    expect(runCli(['assess', out, '--out-dir', join(dir, 'report')]).status).toBe(3)

    const run = expectRefused(
      [state, '--strict'],
      'unknown-provider.tfstate',
      /uses the provider registry\.terraform\.io\/acme-corp\/acmecloud, which exitready does not know/,
    )
    expect(run.stderr).toMatch(/Try: Pass --skip-provider acme-corp\/acmecloud/)
    const acknowledged = join(tempDir(), 'inventory.json')
    const skipped = runCli(['import', state, '--skip-provider', 'acme-corp/acmecloud', '--strict', '--out', acknowledged])
    expect(skipped.status).toBe(0)
    expect(JSON.parse(readFileSync(acknowledged, 'utf8')).sources.every((s: {status: string}) => s.status === 'complete')).toBe(
      true,
    )
  })

  it('exits 2 on an invalid manual inventory with file, line and column', () => {
    const file = join(tempDir(), 'saas.yaml')
    writeFileSync(file, 'apiVersion: exitready.dev/v1\nkind: Inventory\nresources:\n  - service: slack\n    dataGiB: lots\n')
    expectRefused([file], 'saas.yaml', /saas\.yaml:5:\d+: resources\[0\]\.dataGiB: expected number; found a string/)
  })

  it('exits 2 on an unknown --format', () => {
    const run = runCli(['import', 'fixtures/import/saas-inventory.yaml', '--format', 'csv', '--out', join(tempDir(), 'x.json')])
    expect(run.status).toBe(2)
  })
})
