/**
 * Terraform and OpenTofu files as they are found: plans whose modules take resources as inputs,
 * unrelated plans that share addresses, states written by Terraform 0.12, providers exitready does
 * not know, and plans captured through the setup-terraform GitHub Action. Every input is a real
 * file (fixtures/import/real/terraform/README.md names where each comes from).
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {currentProviderAddress} from '../../src/importers/terraform/provider-addresses.js'
import {readTerraformShow} from '../../src/importers/terraform-show.js'
import {tempDir} from '../helpers/cli.js'
import {byAddress, byId, real} from './helpers.js'

const PLAN = real('terraform/local-aws-modules.plan.json')
const planned = (file: string, type: string, address: string) => `aws:${type}:${file}#${address}`

describe('plan dependencies through module inputs', async () => {
  const {snapshot} = await importFilesDetailed([PLAN])
  const id = (type: string, address: string) => planned(PLAN, type, address)
  const internal = id('aws_subnet', 'aws_subnet.internal')

  it('resolves var.* through the module call: the NIC depends on the subnet the caller passed', () => {
    // module "nic" { vnet_subnet_id = aws_subnet.internal.id } → subnet_id = var.vnet_subnet_id
    expect(byAddress(snapshot, 'module.nic.aws_network_interface.this').dependsOn).toEqual([internal])
  })

  it('follows nested module calls, through count, down to the resource', () => {
    // module "app" (count = 2) { subnet_id = aws_subnet.internal.id } → module "nic" { vnet_subnet_id = var.subnet_id }
    for (const key of ['[0]', '[1]'])
      expect(byAddress(snapshot, `module.app${key}.module.nic.aws_network_interface.this`).dependsOn).toEqual([internal])
    // The instance uses the NIC of its own module instance, through the module's output.
    expect(byAddress(snapshot, 'module.app[1].aws_instance.this').dependsOn).toEqual([
      id('aws_network_interface', 'module.app[1].module.nic.aws_network_interface.this'),
    ])
  })

  it('resolves each.value of a for_each module call to what it ranges over', () => {
    // module "zone_nic" { for_each = aws_subnet.zones; vnet_subnet_id = each.value.id }
    expect(new Set(byAddress(snapshot, 'module.zone_nic["a"].aws_network_interface.this').dependsOn)).toEqual(
      new Set([id('aws_subnet', 'aws_subnet.zones["a"]'), id('aws_subnet', 'aws_subnet.zones["b"]')]),
    )
  })

  it('resolves a module input in a plan written by Terraform 0.13 (checkov test data)', async () => {
    const file = real('terraform/checkov-module-inputs.plan.json')
    const read = await importFilesDetailed([file])
    // module "achia_test_valid_443" { network = google_compute_network.achia_test_peered_wss_network } → network = var.network
    expect(byAddress(read.snapshot, 'module.achia_test_valid_443.google_compute_firewall.custom[0]').dependsOn).toEqual([
      `gcp:google_compute_network:${file}#google_compute_network.achia_test_peered_wss_network`,
    ])
  })

  it('leaves a variable that is not a module input alone', () => {
    const plan = JSON.parse(readFileSync(PLAN, 'utf8'))
    const {instances} = readTerraformShow(plan, 'plan.json')
    // aws_ebs_volume.data uses only var.name, which the caller sets from a string.
    expect(instances.find((i) => i.address === 'module.app[0].module.disk.aws_ebs_volume.data')!.dependencies).toEqual([])
  })
})

describe('two different resources never merge across files', () => {
  it('gives a planned bucket the ARN its name makes, so unrelated aws_s3_bucket.data stay two', async () => {
    const a = real('terraform/checkov-buckets.plan.json')
    const b = real('terraform/checkov-win-utf8.plan.json')
    const {snapshot, duplicatesMerged} = await importFilesDetailed([a, b])
    expect(duplicatesMerged).toBe(0)
    const buckets = snapshot.resources.filter((r) => r.attributes?.terraformAddress === 'aws_s3_bucket.data').map((r) => r.id)
    expect(buckets.sort()).toEqual(['arn:aws:s3:::123456789123-acme-corp-data', 'arn:aws:s3:::mike-abcd123data'])
  })

  it('namespaces an address-based id by its file, so aws_iam_role.example of two configurations stays two', async () => {
    const a = real('terraform/checkov-codebuild.plan.json')
    const b = real('terraform/checkov-iam-policies.plan.json')
    const {snapshot} = await importFilesDetailed([a, b])
    const roles = snapshot.resources.filter((r) => r.attributes?.terraformAddress === 'aws_iam_role.example')
    expect(roles.map((r) => r.id).sort()).toEqual(
      [planned(a, 'aws_iam_role', 'aws_iam_role.example'), planned(b, 'aws_iam_role', 'aws_iam_role.example')].sort(),
    )
    expect(roles.every((r) => r.seenBy?.length === 1)).toBe(true)
  })

  it('still merges the same file imported twice, and the same bucket seen by a plan and a stack export', async () => {
    const {snapshot, duplicatesMerged} = await importFilesDetailed([
      PLAN,
      PLAN,
      real('cloudformation/describe-stack-resources.json'),
    ])
    expect(duplicatesMerged).toBe(15)
    expect(byId(snapshot, 'arn:aws:s3:::my-stack-bucket-1vc62xmplgguf').seenBy).toEqual([
      'terraform-show:local-aws-modules.plan.json',
      'cloudformation-stack-resources:describe-stack-resources.json',
    ])
  })

  it('derives the ARM id of a planned Azure resource from the subscription, its group and its name', async () => {
    const {snapshot} = await importFilesDetailed([real('terraform/checkov-azure-subscription.plan.json')])
    expect(byAddress(snapshot, 'azurerm_network_security_group.pass')).toMatchObject({
      id: '/subscriptions/3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9/resourceGroups/test/providers/microsoft.network/networksecuritygroups/pass',
      account: '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9',
    })
    // Without a subscription in the plan, the id stays namespaced by the file rather than guessed.
    const file = real('terraform/checkov-azure.plan.json')
    const bare = await importFilesDetailed([file])
    expect(byAddress(bare.snapshot, 'azurerm_network_security_group.pass').id).toBe(
      `azure:azurerm_network_security_group:${file}#azurerm_network_security_group.pass`,
    )
  })
})

describe('older provider names', () => {
  it('maps the historical addresses of Terraform 0.12, 0.13 and renamed providers to today’s', () => {
    expect(currentProviderAddress('openstack')).toBe('terraform-provider-openstack/openstack')
    expect(currentProviderAddress('registry.terraform.io/-/openstack')).toBe(
      'registry.terraform.io/terraform-provider-openstack/openstack',
    )
    expect(currentProviderAddress('registry.terraform.io/hashicorp/github')).toBe('registry.terraform.io/integrations/github')
    expect(currentProviderAddress('registry.terraform.io/terraform-providers/hcloud')).toBe(
      'registry.terraform.io/hetznercloud/hcloud',
    )
    expect(currentProviderAddress('registry.opentofu.org/-/null')).toBe('registry.opentofu.org/hashicorp/null')
    expect(currentProviderAddress('registry.terraform.io/hashicorp/aws')).toBe('registry.terraform.io/hashicorp/aws')
    expect(currentProviderAddress('aws')).toBe('aws')
  })

  it('imports a Terraform 0.12 state whose provider is `provider.openstack` as OpenStack, not hashicorp/openstack', async () => {
    const {snapshot, files} = await importFilesDetailed([real('terraform/legacy-openstack.tfstate')])
    expect(files[0]).toMatchObject({status: 'complete', byProvider: {openstack: 2}, unknownProviders: {}})
    expect(byId(snapshot, 'openstack:server:9f5c0b7e-3a0d-4b69-8d2a-7c1e4f2b6a90')).toMatchObject({
      type: 'openstack:server',
      region: 'RegionOne',
      dependsOn: ['openstack:network:e8989217-9e62-4f0a-874c-29df2c0e0e67'],
    })
    // provider.github is today's integrations/github: settings of a SaaS, skipped as non-cloud.
    expect(files[0]!.skipped).toMatchObject({'non-cloud resources (github)': 1})
  })

  it('reads `provider. null` as Terraform 0.12 upgraded it (OpenTofu round-trip test data)', async () => {
    const {files} = await importFilesDetailed([real('terraform/opentofu-legacy-modules.tfstate')])
    expect(files[0]).toMatchObject({status: 'complete', skipped: {'non-cloud resources (null)': 4}})
  })
})

describe('a provider exitready does not know', () => {
  const file = real('terraform/opentofu-legacy-provider.tfstate')

  it('is skipped with a warning and counted in the snapshot’s sources, not a fatal error', async () => {
    const {snapshot, files} = await importFilesDetailed([file])
    expect(files[0]).toMatchObject({status: 'partial', unknownProviders: {'hashicorp/alpha': 1}})
    expect(files[0]!.warnings.join(' ')).toMatch(
      /1 resources of providers exitready does not know were not imported: hashicorp\/alpha ×1/,
    )
    expect(snapshot.sources).toContainEqual({
      provider: 'alpha',
      scope: file,
      status: 'partial',
      count: 0,
      error: '1 resources of the provider hashicorp/alpha were not imported: exitready does not map it.',
    })
  })

  it('is refused with --strict, naming the resource and suggesting --skip-provider', async () => {
    const error = (await importFilesDetailed([file], {strict: true}).catch((e: unknown) => e)) as InputError
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toMatch(/alpha_resource\.a uses the provider alpha, which exitready does not know/)
    expect(error.suggestion).toMatch(/--skip-provider hashicorp\/alpha/)
  })
})

describe('terraform show -json through the setup-terraform wrapper', () => {
  const wrapped = real('terraform/local-aws-modules.setup-terraform.txt')

  it('reads the plan between the [command] line and the workflow commands, as the plain file', async () => {
    const [viaWrapper, plain] = await Promise.all([importFilesDetailed([wrapped]), importFilesDetailed([PLAN])])
    expect(viaWrapper.files[0]!.detail).toBe(
      'plan (show -json, 1.11.4), captured through the GitHub Actions setup-terraform wrapper',
    )
    const ids = (s: typeof plain) => s.snapshot.resources.map((r) => r.attributes?.terraformAddress).sort()
    expect(ids(viaWrapper)).toEqual(ids(plain))
    expect(viaWrapper.snapshot.resources).toHaveLength(14)
  })

  it('gives the line and column of a syntax error in the file as the user sees it, without quoting it', async () => {
    const file = join(tempDir(), 'plan.txt')
    const lines = readFileSync(wrapped, 'utf8').split('\n')
    // Break the JSON on line 2: the colon after "format_version" (column 18) becomes a stray character.
    expect(lines[1]!.slice(0, 18)).toBe('{"format_version":')
    lines[1] = `${lines[1]!.slice(0, 17)}@${lines[1]!.slice(18)}`
    writeFileSync(file, lines.join('\n'))
    const error = (await importFilesDetailed([file]).catch((e: unknown) => e)) as InputError
    expect(error.message).toMatch(/plan\.txt: not valid JSON at line 2, column 18: expected /)
    expect(error.message).not.toMatch(/format_version|terraform-bin|planned_values/)
  })
})

describe('OpenTofu', () => {
  it('names OpenTofu states and plans as such in each resource’s source', async () => {
    const {snapshot, files} = await importFilesDetailed([real('../terraform/opentofu.tfstate')])
    expect(files[0]!.detail).toMatch(/OpenTofu$/)
    expect(new Set(snapshot.resources.map((r) => r.source))).toEqual(new Set(['opentofu-state:opentofu.tfstate']))
  })

  it('recognises `tofu show -json` by its registry.opentofu.org providers (OpenTofu test data)', async () => {
    const {files} = await importFilesDetailed([real('terraform/opentofu-show-modules.json')])
    expect(files[0]!.detail).toBe('plan (show -json), OpenTofu')
  })
})
