import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {InputError} from '../../src/errors.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {tempDir} from '../helpers/cli.js'
import {byAddress, byId, fixture, leakedSecrets} from './helpers.js'

const ACCOUNT = '412345678901'
const SUBNETS = ['subnet-0b4f6e2d9c81a3f57', 'subnet-0c71d2e8b4f9a6031', 'subnet-0a93c5e71d2b8f460'].map(
  (id) => `arn:aws:ec2:eu-central-1:${ACCOUNT}:subnet/${id}`,
)
const ORDERS_DB = `arn:aws:rds:eu-central-1:${ACCOUNT}:db:prod-orders`
/** The lineage of prod.tfstate: address-based ids are unique to it. */
const LINEAGE = '3f6b2c1e-8d4a-4c9b-a1e7-5b2d9f0c6e83'

const prod = await importFilesDetailed([fixture('terraform/prod.tfstate')])
const tofu = await importFilesDetailed([fixture('terraform/opentofu.tfstate')])

describe('Terraform state v4 (multi-module, count, for_each, seven providers)', () => {
  const {snapshot, files} = prod
  const summary = files[0]!

  it('reads every managed instance across modules, count and for_each, and skips data sources and helpers', () => {
    expect(summary.format).toBe('terraform-state')
    expect(summary.detail).toBe('state v4, written by 1.9.5')
    expect(snapshot.resources).toHaveLength(48)
    expect(summary.byProvider).toEqual({aws: 19, hetzner: 12, scaleway: 6, ovhcloud: 2, openstack: 3, stackit: 3, exoscale: 3})
    expect(summary.skipped).toEqual({'data sources': 2, 'non-cloud resources (random)': 1})
    // count inside a for_each module: 2 module instances × 2 servers, each with its own address.
    const servers = snapshot.resources.filter((r) => r.type === 'hetzner:server')
    expect(servers.map((r) => r.attributes?.terraformAddress).sort()).toEqual([
      'module.edge["fsn1"].hcloud_server.web[0]',
      'module.edge["fsn1"].hcloud_server.web[1]',
      'module.edge["hel1"].hcloud_server.web[0]',
      'module.edge["hel1"].hcloud_server.web[1]',
    ])
    expect(byAddress(snapshot, 'module.data.aws_s3_bucket.archive["invoices"]').id).toBe('arn:aws:s3:::acme-prod-invoices')
    expect(byAddress(snapshot, 'module.data.aws_s3_bucket_versioning.archive["logs"]').id).toBe(
      'aws:aws_s3_bucket_versioning:acme-prod-logs',
    )
  })

  it('maps provider addresses and Terraform types to canonical types through the catalog', () => {
    expect(byId(snapshot, ORDERS_DB)).toMatchObject({provider: 'aws', type: 'AWS::RDS::DBInstance'})
    expect(byId(snapshot, 'hetzner:server:48211571')).toMatchObject({provider: 'hetzner', type: 'hetzner:server', region: 'fsn1'})
    expect(byAddress(snapshot, 'scaleway_rdb_instance.analytics')).toMatchObject({
      provider: 'scaleway',
      type: 'scaleway:rdb-instance',
    })
    expect(byAddress(snapshot, 'module.ovh.ovh_cloud_project_kube.prod')).toMatchObject({
      provider: 'ovhcloud',
      type: 'ovhcloud:kube-cluster',
    })
    expect(byAddress(snapshot, 'module.ovh.openstack_compute_instance_v2.bastion')).toMatchObject({
      provider: 'openstack',
      type: 'openstack:server',
      region: 'GRA11',
    })
    expect(byAddress(snapshot, 'stackit_ske_cluster.main')).toMatchObject({
      provider: 'stackit',
      type: 'stackit:ske-cluster',
      region: 'eu01',
    })
    expect(byAddress(snapshot, 'exoscale_dbaas.metrics')).toMatchObject({
      provider: 'exoscale',
      type: 'exoscale:dbaas-service',
      region: 'de-fra-1',
    })
  })

  it('reports every type the catalog does not know as unmapped, keeping its Terraform type', async () => {
    const catalog = await loadCatalog()
    const unknown: Record<string, number> = {}
    for (const r of snapshot.resources)
      if (catalog.lookup(r.type).matchedBy === 'unmapped') unknown[r.type] = (unknown[r.type] ?? 0) + 1
    expect(summary.unmapped).toEqual(unknown)
    for (const type of Object.keys(unknown)) expect(type).toMatch(/^[a-z0-9]+_[a-z0-9_]+$/)
  })

  it('keeps a type no catalog knows under its Terraform name, with a <provider>:<tftype>:<id> id', async () => {
    const file = join(tempDir(), 'future.tfstate')
    const instance = {schema_version: 0, attributes: {id: 'fw-7781', name: 'edge', region: 'eu-west-3'}, sensitive_attributes: []}
    const resource = {
      mode: 'managed',
      type: 'aws_future_widget',
      name: 'edge',
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    }
    writeFileSync(
      file,
      JSON.stringify({version: 4, terraform_version: '1.9.5', lineage: 'x', resources: [{...resource, instances: [instance]}]}),
    )
    const {snapshot: future, files: futureFiles} = await importFilesDetailed([file])
    expect(future.resources).toEqual([
      expect.objectContaining({
        id: 'aws:aws_future_widget:fw-7781',
        type: 'aws_future_widget',
        provider: 'aws',
        region: 'eu-west-3',
      }),
    ])
    expect(futureFiles[0]!.unmapped).toEqual({aws_future_widget: 1})
    expect(future.sources[0]!.warnings?.join(' ')).toMatch(/aws_future_widget ×1/)
  })

  it('uses the provider-native id: ARN on AWS, <provider>:<kind>:<id> elsewhere (zone and project prefixes dropped)', () => {
    expect(byAddress(snapshot, 'aws_instance.api[1]').id).toBe(`arn:aws:ec2:eu-central-1:${ACCOUNT}:instance/i-0a1b2c3d4e5f6a7b1`)
    expect(byAddress(snapshot, 'scaleway_instance_server.worker["batch-a"]').id).toBe(
      'scaleway:instance-server:b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
    )
    expect(byAddress(snapshot, 'stackit_postgresflex_instance.app').id).toBe(
      'stackit:postgresflex-instance:1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a',
    )
    // An access key's id is a key id: the address stands in for it, made unique by the state's lineage.
    expect(byAddress(snapshot, 'aws_iam_access_key.ci').id).toBe(`aws:aws_iam_access_key:${LINEAGE}#aws_iam_access_key.ci`)
    expect(byAddress(snapshot, 'scaleway_iam_api_key.ci').id).toBe(`scaleway:iam:${LINEAGE}#scaleway_iam_api_key.ci`)
  })

  it('turns instance dependencies into dependsOn; a dependency on a counted resource is a dependency on every instance', () => {
    const api = byAddress(snapshot, 'aws_instance.api[0]')
    expect(new Set(api.dependsOn)).toEqual(
      new Set([ORDERS_DB, `arn:aws:ec2:eu-central-1:${ACCOUNT}:security-group/sg-07e1c3a5b9d2f4e68`, ...SUBNETS]),
    )
    const db = byId(snapshot, ORDERS_DB)
    // random_password is skipped, so it is not a dependency; the subnet group and all three subnets are.
    expect(db.dependsOn).toHaveLength(5)
    expect(db.dependsOn).toContain(`arn:aws:rds:eu-central-1:${ACCOUNT}:subgrp:prod-data`)
    const lambda = byAddress(snapshot, 'aws_lambda_function.thumbnailer')
    expect(lambda.dependsOn).toEqual(
      expect.arrayContaining([
        'arn:aws:s3:::acme-prod-invoices',
        'arn:aws:s3:::acme-prod-logs',
        `arn:aws:sqs:eu-central-1:${ACCOUNT}:prod-jobs`,
      ]),
    )
  })

  it('resolves a dependency inside a for_each module to the same module instance', () => {
    const volume = byAddress(snapshot, 'module.edge["hel1"].hcloud_volume.data[0]')
    expect(volume.dependsOn?.sort()).toEqual(['hetzner:server:48211603', 'hetzner:server:48211604'])
    const server = byAddress(snapshot, 'module.edge["fsn1"].hcloud_server.web[1]')
    expect(server.dependsOn?.sort()).toEqual([
      'hetzner:network-subnet:3801946-10.90.1.0/24',
      'hetzner:network:3801946',
      'hetzner:placement-group:412093',
    ])
  })

  it('takes region, account and size from the attributes', () => {
    expect(byId(snapshot, ORDERS_DB)).toMatchObject({region: 'eu-central-1', account: ACCOUNT, sizeGiB: 200})
    expect(byAddress(snapshot, 'aws_iam_role.lambda')).toMatchObject({region: 'global', account: ACCOUNT})
    expect(byAddress(snapshot, 'module.edge["hel1"].hcloud_volume.data[1]')).toMatchObject({region: 'hel1', sizeGiB: 100})
    expect(byAddress(snapshot, 'scaleway_rdb_instance.analytics')).toMatchObject({
      region: 'fr-par',
      account: '6a2b9d4e-1c3f-4e8a-b5d7-9f0e1a2b3c4d',
      sizeGiB: 100,
    })
    expect(byAddress(snapshot, 'module.ovh.ovh_cloud_project_database.analytics')).toMatchObject({
      region: 'GRA',
      account: 'c6b5d4e3f2a1409b8c7d6e5f4a3b2c1d',
      sizeGiB: 160,
    })
    expect(byAddress(snapshot, 'module.ovh.openstack_blockstorage_volume_v3.bastion_data').sizeGiB).toBe(100)
  })

  it('keeps only the attributes the catalog refines on, so the RDS engine refines the mapping', () => {
    expect(byId(snapshot, ORDERS_DB).attributes).toMatchObject({
      engine: 'postgres',
      engineVersion: '16.3',
      instanceClass: 'db.m6g.large',
      terraformAddress: 'module.data.aws_db_instance.orders',
    })
    expect(byAddress(snapshot, 'aws_lambda_function.thumbnailer').attributes).toMatchObject({
      packageType: 'Zip',
      runtime: 'python3.12',
    })
    expect(byAddress(snapshot, 'aws_sqs_queue.jobs').attributes).toMatchObject({fifoQueue: false})
    expect(byAddress(snapshot, 'aws_instance.api[0]').attributes).not.toHaveProperty('userData')
  })

  it('never lets a sensitive value or a secret-looking attribute reach the snapshot', () => {
    expect(leakedSecrets(snapshot)).toEqual([])
    const lambda = byAddress(snapshot, 'aws_lambda_function.thumbnailer')
    expect(JSON.stringify(lambda)).not.toMatch(/STRIPE|ARCHIVE_BUCKET|variables/i)
    for (const resource of snapshot.resources) {
      expect(Object.keys(resource.attributes ?? {})).not.toContain('password')
      expect(JSON.stringify(resource.attributes ?? {})).not.toMatch(/kubeconfig|user_?data|admin_?pass|secret/i)
    }
  })

  it('drops a single tag whose value the state marks sensitive and keeps the others', () => {
    expect(byAddress(snapshot, 'scaleway_object_bucket.backups').tags).toEqual({env: 'prod', retention: '35d'})
  })

  it('records the file as the source of each resource', () => {
    expect(byId(snapshot, ORDERS_DB).source).toBe('terraform-state:prod.tfstate')
    expect(snapshot.sources.map((s) => s.provider).sort()).toEqual([
      'aws',
      'exoscale',
      'hetzner',
      'openstack',
      'ovhcloud',
      'scaleway',
      'stackit',
    ])
    expect(snapshot.sources.every((s) => s.status === 'complete' && s.scope.endsWith('prod.tfstate'))).toBe(true)
  })
})

describe('OpenTofu state (registry.opentofu.org)', () => {
  const {snapshot, files} = tofu

  it('maps OpenTofu registry addresses like Terraform ones and says it is OpenTofu', () => {
    expect(files[0]!.detail).toBe('state v4, written by 1.8.5, OpenTofu')
    // The IONOS data centre is containment, not a resource (one rule for every source).
    expect(files[0]!.byProvider).toEqual({aws: 1, ionos: 3, upcloud: 2})
    expect(files[0]!.skipped).toMatchObject({'containers (subscriptions, resource groups, projects, accounts)': 1})
    expect(byId(snapshot, 'arn:aws:s3:::acme-web-assets-prod')).toMatchObject({type: 'AWS::S3::Bucket', region: 'eu-west-1'})
    expect(byAddress(snapshot, 'upcloud_managed_database_postgresql.main')).toMatchObject({
      type: 'upcloud:managed-database',
      region: 'de-fra1',
      attributes: {plan: '1x1xCPU-2GB-25GB', type: 'pg', terraformAddress: 'upcloud_managed_database_postgresql.main'},
    })
  })

  it('places a resource without a region where the data centre it depends on is', () => {
    // The data centre itself is not kept, and neither is the reference to it.
    expect(byAddress(snapshot, 'ionoscloud_server.app')).toMatchObject({region: 'de/fra', dependsOn: ['ionos:lan:1']})
    expect(byAddress(snapshot, 'ionoscloud_pg_cluster.main')).toMatchObject({region: 'de/fra', sizeGiB: 50})
  })

  it('keeps credentials blocks, service URIs and image passwords out', () => {
    expect(leakedSecrets(snapshot)).toEqual([])
  })
})

describe('bad state files', () => {
  const write = (name: string, text: string) => {
    const file = join(tempDir(), name)
    writeFileSync(file, text)
    return file
  }
  const failure = async (files: string[], options = {}) => {
    const error = await importFilesDetailed(files, options).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }

  it('refuses a truncated state, naming the file and the line', async () => {
    const text = readFileSync(fixture('terraform/prod.tfstate'), 'utf8')
    const file = write('cut.tfstate', text.slice(0, Math.floor(text.length / 2)))
    const error = await failure([file])
    expect(error.message).toContain('cut.tfstate')
    expect(error.message).toMatch(/not valid JSON: the file ends early at line \d+, column \d+ \(truncated\?\)/)
    expect(error.exitCode).toBe(2)
  })

  it('refuses malformed JSON without quoting the file content', async () => {
    const file = write('broken.tfstate', '{"version": 4, "resources": [{"password": "hunter2-secret" "x": 1}]}')
    const error = await failure([file])
    expect(error.message).toMatch(/broken\.tfstate: not valid JSON at line 1, column \d+/)
    expect(error.message).not.toContain('hunter2')
  })

  it('refuses state version 3 with the reason and a way forward', async () => {
    const error = await failure([fixture('invalid/state-v3.tfstate')])
    expect(error.message).toMatch(/state-v3\.tfstate: unknown Terraform state version 3; exitready reads version 4/)
    expect(error.suggestion).toMatch(/Terraform 0\.12 or later/)
  })

  it('refuses an unknown future version', async () => {
    const file = write('future.tfstate', JSON.stringify({version: 5, terraform_version: '2.0.0', lineage: 'x', resources: []}))
    expect((await failure([file])).message).toMatch(/future\.tfstate: unknown Terraform state version 5/)
  })

  it('skips an unknown provider, marks the file partial and names the provider; --strict refuses it; --skip-provider acknowledges it', async () => {
    const lenient = await importFilesDetailed([fixture('invalid/unknown-provider.tfstate')])
    expect(lenient.snapshot.resources.map((r) => r.id)).toEqual(['hetzner:server:50123456'])
    expect(lenient.files[0]).toMatchObject({
      status: 'partial',
      unknownProviders: {'acme-corp/acmecloud': 1},
      incomplete: 'providers exitready does not know: acme-corp/acmecloud',
    })
    expect(lenient.snapshot.sources).toContainEqual(
      expect.objectContaining({
        provider: 'acmecloud',
        status: 'partial',
        count: 0,
        error: expect.stringMatching(/1 resources of the provider acme-corp\/acmecloud were not imported/),
      }),
    )
    const error = await failure([fixture('invalid/unknown-provider.tfstate')], {strict: true})
    expect(error.message).toMatch(
      /unknown-provider\.tfstate: acmecloud_vault\.secrets uses the provider registry\.terraform\.io\/acme-corp\/acmecloud, which exitready does not know/,
    )
    expect(error.suggestion).toMatch(/--skip-provider acme-corp\/acmecloud/)
    const {snapshot, files} = await importFilesDetailed([fixture('invalid/unknown-provider.tfstate')], {
      skipProviders: ['acme-corp/acmecloud'],
    })
    expect(snapshot.resources.map((r) => r.id)).toEqual(['hetzner:server:50123456'])
    expect(files[0]!.skipped).toEqual({'non-cloud resources (acmecloud)': 1})
    expect(files[0]!.status).toBe('complete')
  })

  it('explains an encrypted OpenTofu state instead of importing nothing', async () => {
    const file = write(
      'encrypted.tfstate',
      JSON.stringify({
        serial: 4,
        lineage: 'x',
        meta: {'key_provider.pbkdf2.main': 'e30='},
        encrypted_data: 'AAAA',
        encryption_version: 'v0',
      }),
    )
    const error = await failure([file])
    expect(error.message).toMatch(/encrypted\.tfstate: the state is encrypted \(OpenTofu state encryption\)/)
    expect(error.suggestion).toMatch(/tofu state pull/)
  })

  it('refuses a state whose resources are not a list, naming the field', async () => {
    const file = write('odd.tfstate', JSON.stringify({version: 4, terraform_version: '1.9.5', lineage: 'x', resources: {}}))
    expect((await failure([file])).message).toBe(`${file}: "resources" is not a list.`)
  })
})

describe('attributes that refine rules read', () => {
  it('keeps a scheduled rule’s schedule_expression and a DNS zone’s visibility, so the catalog refines them', async () => {
    const state = {
      version: 4,
      terraform_version: '1.9.5',
      serial: 1,
      lineage: '7d0c4b9e-2f1a-4e3b-9c8d-6a5b4c3d2e1f',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'aws_cloudwatch_event_rule',
          name: 'nightly',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [
            {
              schema_version: 0,
              attributes: {
                arn: `arn:aws:events:eu-central-1:${ACCOUNT}:rule/nightly-export`,
                name: 'nightly-export',
                schedule_expression: 'cron(0 2 * * ? *)',
                event_pattern: null,
                tags: {},
              },
            },
          ],
        },
        {
          mode: 'managed',
          type: 'google_dns_managed_zone',
          name: 'internal',
          provider: 'provider["registry.terraform.io/hashicorp/google"]',
          instances: [
            {
              schema_version: 0,
              attributes: {
                id: 'projects/acme-prod/managedZones/internal',
                name: 'internal',
                project: 'acme-prod',
                dns_name: 'internal.acme.example.',
                visibility: 'private',
                labels: {},
              },
            },
          ],
        },
      ],
    }
    const file = join(tempDir(), 'refine.tfstate')
    writeFileSync(file, JSON.stringify(state))
    const {snapshot} = await importFilesDetailed([file])
    const catalog = await loadCatalog()
    const rule = byAddress(snapshot, 'aws_cloudwatch_event_rule.nightly')
    expect(rule.attributes).toMatchObject({scheduleExpression: 'cron(0 2 * * ? *)'})
    expect(catalog.lookup(rule.type, rule.attributes ?? {})).toMatchObject({category: 'workflow', target: 'cron'})
    const zone = byAddress(snapshot, 'google_dns_managed_zone.internal')
    expect(zone.attributes).toMatchObject({visibility: 'private'})
    expect(catalog.lookup(zone.type, zone.attributes ?? {}).refinedBy).toBe('Private zone visible only inside VPC networks')
  })
})
