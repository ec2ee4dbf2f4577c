// Import benchmark: a generated Terraform state of 50,000 resource instances (modules × for_each × count,
// AWS, Hetzner and Scaleway, realistic attribute sets and dependencies) imported into a snapshot.
// Goal: seconds, linear in the instances (one parse, Map lookups, cached dependency resolution).
//   npx tsx bench/import.ts [--instances 50000] [--smoke]
// --smoke: 20,000 instances, compact JSON; the whole run stays under 10 s, and it fails if the import
// itself takes more than 4 s (a regression to quadratic work shows long before that).
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {loadCatalog} from '../src/catalog/load.js'
import {importFilesDetailed} from '../src/importers/index.js'
import {writeSnapshot} from '../src/inventory/snapshot.js'

const {values} = parseArgs({options: {instances: {type: 'string', default: '50000'}, smoke: {type: 'boolean', default: false}}})
const target = values.smoke ? 20_000 : Number(values.instances)
const SMOKE_LIMIT_SECONDS = 4

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]'
const HCLOUD = 'provider["registry.terraform.io/hetznercloud/hcloud"]'
const SCALEWAY = 'provider["registry.terraform.io/scaleway/scaleway"]'
const account = '412345678901'
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')

/** One module instance: a subnet, app servers with volumes, a queue and a bucket; about 50 instances. */
function moduleResources(module: string, m: number): unknown[] {
  const region = ['eu-central-1', 'eu-west-1', 'eu-north-1'][m % 3]!
  const subnetId = `subnet-${hex(m, 17)}`
  const servers = Array.from({length: 20}, (_, i) => ({
    index_key: i,
    schema_version: 1,
    attributes: {
      ami: 'ami-0e872aee57663ae2d',
      arn: `arn:aws:ec2:${region}:${account}:instance/i-${hex(m * 100 + i, 17)}`,
      availability_zone: `${region}a`,
      ebs_optimized: true,
      iam_instance_profile: 'app',
      id: `i-${hex(m * 100 + i, 17)}`,
      instance_state: 'running',
      instance_type: 'm6i.large',
      key_name: 'ops',
      monitoring: true,
      private_ip: `10.${m % 250}.1.${i}`,
      root_block_device: [{delete_on_termination: true, encrypted: true, iops: 3000, volume_size: 30, volume_type: 'gp3'}],
      subnet_id: subnetId,
      tags: {Name: `app-${m}-${i}`, team: `team-${m % 17}`},
      tags_all: {Name: `app-${m}-${i}`, team: `team-${m % 17}`, environment: 'prod', 'managed-by': 'terraform'},
      tenancy: 'default',
      user_data: '#!/bin/bash\nexport DB_PASSWORD=not-a-real-password\n',
      vpc_security_group_ids: [`sg-${hex(m, 17)}`],
    },
    sensitive_attributes: [[{type: 'get_attr', value: 'user_data'}]],
    dependencies: [`${module.replace(/\[.*?\]/g, '')}.aws_subnet.app`, 'aws_vpc.main'],
  }))
  const volumes = Array.from({length: 20}, (_, i) => ({
    index_key: i,
    schema_version: 0,
    attributes: {
      arn: `arn:aws:ec2:${region}:${account}:volume/vol-${hex(m * 100 + i, 17)}`,
      availability_zone: `${region}a`,
      encrypted: true,
      id: `vol-${hex(m * 100 + i, 17)}`,
      iops: 3000,
      size: 100 + i,
      tags: {Name: `app-${m}-${i}-data`},
      tags_all: {Name: `app-${m}-${i}-data`, environment: 'prod'},
      throughput: 125,
      type: 'gp3',
    },
    sensitive_attributes: [],
    dependencies: [`${module.replace(/\[.*?\]/g, '')}.aws_instance.app`],
  }))
  const hcloud = Array.from({length: 6}, (_, i) => ({
    index_key: i,
    schema_version: 0,
    attributes: {
      datacenter: 'fsn1-dc14',
      id: String(40_000_000 + m * 10 + i),
      image: 'ubuntu-24.04',
      labels: {env: 'prod', module: String(m)},
      location: 'fsn1',
      name: `edge-${m}-${i}`,
      server_type: 'cx32',
      status: 'running',
    },
    sensitive_attributes: [],
    dependencies: ['hcloud_network.main'],
  }))
  return [
    {
      module,
      mode: 'managed',
      type: 'aws_subnet',
      name: 'app',
      provider: AWS,
      instances: [
        {
          schema_version: 1,
          attributes: {
            arn: `arn:aws:ec2:${region}:${account}:subnet/${subnetId}`,
            availability_zone: `${region}a`,
            cidr_block: `10.${m % 250}.1.0/24`,
            id: subnetId,
            owner_id: account,
            vpc_id: 'vpc-0f2a4c6e8b1d3f5a7',
          },
          sensitive_attributes: [],
          dependencies: ['aws_vpc.main'],
        },
      ],
    },
    {module, mode: 'managed', type: 'aws_instance', name: 'app', provider: AWS, instances: servers},
    {module, mode: 'managed', type: 'aws_ebs_volume', name: 'data', provider: AWS, instances: volumes},
    {module, mode: 'managed', type: 'hcloud_server', name: 'edge', provider: HCLOUD, instances: hcloud},
    {
      module,
      mode: 'managed',
      type: 'scaleway_instance_server',
      name: 'batch',
      provider: SCALEWAY,
      instances: [
        {
          schema_version: 0,
          attributes: {
            id: `fr-par-1/${hex(m, 8)}-0000-4000-8000-000000000000`,
            name: `batch-${m}`,
            type: 'PRO2-S',
            zone: 'fr-par-1',
            project_id: '6a2b9d4e-1c3f-4e8a-b5d7-9f0e1a2b3c4d',
            tags: ['env=prod'],
          },
          sensitive_attributes: [],
        },
      ],
    },
    {
      module,
      mode: 'managed',
      type: 'aws_sqs_queue',
      name: 'jobs',
      provider: AWS,
      instances: [
        {
          schema_version: 0,
          attributes: {
            arn: `arn:aws:sqs:${region}:${account}:jobs-${m}`,
            fifo_queue: false,
            id: `https://sqs.${region}.amazonaws.com/${account}/jobs-${m}`,
            name: `jobs-${m}`,
          },
          sensitive_attributes: [],
          dependencies: [],
        },
      ],
    },
    {
      module,
      mode: 'data',
      type: 'aws_ami',
      name: 'ubuntu',
      provider: AWS,
      instances: [{schema_version: 0, attributes: {id: 'ami-0e872aee57663ae2d'}}],
    },
  ]
}

function generateState(instances: number): {json: string; instances: number} {
  const resources: unknown[] = [
    {
      mode: 'managed',
      type: 'aws_vpc',
      name: 'main',
      provider: AWS,
      instances: [
        {
          schema_version: 1,
          attributes: {
            arn: `arn:aws:ec2:eu-central-1:${account}:vpc/vpc-0f2a4c6e8b1d3f5a7`,
            id: 'vpc-0f2a4c6e8b1d3f5a7',
            cidr_block: '10.0.0.0/8',
          },
          sensitive_attributes: [],
        },
      ],
    },
    {
      mode: 'managed',
      type: 'hcloud_network',
      name: 'main',
      provider: HCLOUD,
      instances: [
        {schema_version: 0, attributes: {id: '3801946', ip_range: '10.90.0.0/16', name: 'main'}, sensitive_attributes: []},
      ],
    },
  ]
  let count = 2
  for (let m = 0; count < instances; m++) {
    const module = `module.service["svc-${m}"]`
    resources.push(...moduleResources(module, m))
    count += 49
  }
  const state = {
    version: 4,
    terraform_version: '1.9.5',
    serial: 1,
    lineage: '3f6b2c1e-8d4a-4c9b-a1e7-5b2d9f0c6e83',
    outputs: {},
    resources,
  }
  // Terraform writes indented JSON; the smoke run writes it compact to generate faster.
  return {json: values.smoke ? JSON.stringify(state) : JSON.stringify(state, null, 2), instances: count}
}

const dir = mkdtempSync(join(tmpdir(), 'exitready-bench-import-'))
try {
  const file = join(dir, 'terraform.tfstate')
  const generated = generateState(target)
  writeFileSync(file, generated.json)
  const megabytes = statSync(file).size / 1024 / 1024
  const catalog = await loadCatalog() // loaded once, outside the timing (assess pays it too)
  const start = process.hrtime.bigint()
  const outcome = await importFilesDetailed([file], {catalog})
  const imported = Number(process.hrtime.bigint() - start) / 1e9
  const writeStart = process.hrtime.bigint()
  await writeSnapshot(join(dir, 'inventory.json'), outcome.snapshot)
  const written = Number(process.hrtime.bigint() - writeStart) / 1e9
  const dependencies = outcome.snapshot.resources.reduce((n, r) => n + (r.dependsOn?.length ?? 0), 0)
  console.log(
    `import: ${generated.instances.toLocaleString('en')} instances (${megabytes.toFixed(0)} MB state) → ${outcome.snapshot.resources.length.toLocaleString('en')} resources, ${dependencies.toLocaleString('en')} dependencies`,
  )
  console.log(
    `  parse + map + resolve: ${imported.toFixed(2)} s   write snapshot: ${written.toFixed(2)} s   (node ${process.version})`,
  )
  if (values.smoke && imported >= SMOKE_LIMIT_SECONDS) {
    console.error(`import took ${imported.toFixed(2)} s, over the ${SMOKE_LIMIT_SECONDS} s smoke limit`)
    process.exitCode = 1
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
