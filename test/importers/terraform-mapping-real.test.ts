import {readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Catalog} from '../../src/catalog/catalog.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {mapInstance} from '../../src/importers/terraform/mapping.js'
import type {TerraformInstance} from '../../src/importers/terraform/types.js'
import type {Resource, Snapshot} from '../../src/inventory/model.js'
import {fixture, fixtureJson} from './helpers.js'

/** fixtures/import/terraform/real/: public projects' test states and plans (see its README). */
const REAL = 'terraform/real'
const realFiles = readdirSync(fixture(REAL))
  .filter((name) => /\.(tfstate|json)$/.test(name))
  .map((name) => fixture(`${REAL}/${name}`))

const importReal = async (...names: string[]) =>
  (await importFilesDetailed(names.length ? names.map((n) => fixture(`${REAL}/${n}`)) : realFiles)).snapshot

const at = (snapshot: Snapshot, address: string): Resource => {
  const found = snapshot.resources.find((r) => r.attributes?.terraformAddress === address)
  if (!found) throw new Error(`no resource at ${address}`)
  return found
}

/** The mapping an assessment uses: the resource's type with its attributes. */
const mapped = (catalog: Catalog, r: Resource) => catalog.lookup(r.type, r.attributes)

interface PlanResource {
  address: string
  type: string
  name: string
  values: Record<string, unknown>
}

/** One resource of a real plan as the Terraform readers hand it to the mapper. */
function planInstance(file: string, address: string): TerraformInstance {
  const plan = fixtureJson(`${REAL}/${file}`) as {planned_values: {root_module: {resources: PlanResource[]}}}
  const resource = plan.planned_values.root_module.resources.find((r) => r.address === address)!
  return {
    address,
    modules: [],
    type: resource.type,
    name: resource.name,
    provider: 'registry.terraform.io/hashicorp/aws',
    attributes: resource.values,
    dependencies: [],
  }
}

describe('a realistic mixed Terraform estate', () => {
  it('imports with fewer than 2% of its resources unmapped', async () => {
    const catalog = await loadCatalog()
    const snapshot = await importReal()
    const providers = new Set(snapshot.resources.map((r) => r.provider))
    expect([...providers].sort()).toEqual(['aws', 'azure', 'gcp'])
    expect(snapshot.resources.length).toBeGreaterThanOrEqual(200)
    const unmapped = snapshot.resources.filter((r) => mapped(catalog, r).matchedBy === 'unmapped')
    // Before the Terraform tables, 44 of these 219 resources (20%) were unmapped: bucket settings,
    // policy attachments, IAM bindings, default VPC objects.
    expect(unmapped.length / snapshot.resources.length, unmapped.map((r) => r.type).join(', ')).toBeLessThan(0.02)
  })

  it('files helper resources as settings of their parent service, not as data stores', async () => {
    const catalog = await loadCatalog()
    const snapshot = await importReal('driftctl-aws_s3_full.tfstate', 'driftctl-google_bucket_iam_binding.tfstate')
    const settings = snapshot.resources.filter((r) => /^aws_s3_bucket_(analytics_configuration|inventory|metric)$/.test(r.type))
    expect(settings.length).toBe(18)
    for (const r of settings) expect(mapped(catalog, r), r.type).toMatchObject({category: 'management', stateful: false})
    const bindings = snapshot.resources.filter((r) => r.type === 'google_storage_bucket_iam_binding')
    expect(bindings.length).toBe(4)
    for (const r of bindings) expect(mapped(catalog, r)).toMatchObject({category: 'identity', stateful: false})
    const buckets = snapshot.resources.filter((r) => mapped(catalog, r).type === 'AWS::S3::Bucket')
    expect(buckets.length).toBe(3)
  })
})

describe('wrong types of issue #14, on real instances', () => {
  it('keeps an egress security group rule an egress rule (TerraGoat plan)', async () => {
    const catalog = await loadCatalog()
    const snapshot = await importReal('checkov-terragoat-aws.plan.json')
    expect(mapped(catalog, at(snapshot, 'aws_security_group_rule.egress')).type).toBe('AWS::EC2::SecurityGroupEgress')
    expect(mapped(catalog, at(snapshot, 'aws_security_group_rule.ingress')).type).toBe('AWS::EC2::SecurityGroupIngress')
  })

  it('writes the canonical egress or ingress type when the importer passes the attributes', async () => {
    const catalog = await loadCatalog()
    const context = {
      provider: 'aws',
      source: 'test',
      canonicalType: (tfType: string, attributes?: Record<string, unknown>) => catalog.canonicalType(tfType, attributes),
    }
    const egress = mapInstance(planInstance('checkov-terragoat-aws.plan.json', 'aws_security_group_rule.egress'), context)
    const ingress = mapInstance(planInstance('checkov-terragoat-aws.plan.json', 'aws_security_group_rule.ingress'), context)
    expect(egress).toMatchObject({mapped: true, resource: {type: 'AWS::EC2::SecurityGroupEgress'}})
    expect(ingress).toMatchObject({mapped: true, resource: {type: 'AWS::EC2::SecurityGroupIngress'}})
    // A caller that cannot pass attributes gets the Terraform name, never a guessed ingress.
    const blind = mapInstance(planInstance('checkov-terragoat-aws.plan.json', 'aws_security_group_rule.egress'), {
      ...context,
      canonicalType: (tfType: string) => catalog.canonicalType(tfType),
    })
    expect(blind).toMatchObject({mapped: false, resource: {type: 'aws_security_group_rule'}})
    expect(catalog.lookup(blind.resource.type, blind.resource.attributes).type).toBe('AWS::EC2::SecurityGroupEgress')
  })

  it('counts each network interface once, not once more per NSG association (Azure compute module plan)', async () => {
    const catalog = await loadCatalog()
    const snapshot = await importReal('terraform-compliance-azure-vms.plan.json')
    const nics = snapshot.resources.filter((r) => mapped(catalog, r).type === 'microsoft.network/networkinterfaces')
    expect(nics.map((r) => r.attributes?.terraformAddress).sort()).toEqual([
      'module.linuxservers-fail.azurerm_network_interface.vm[0]',
      'module.windowsservers-pass.azurerm_network_interface.vm[0]',
    ])
    const association = at(snapshot, 'module.linuxservers-fail.azurerm_network_interface_security_group_association.test[0]')
    expect(association.type).toBe('azurerm_network_interface_security_group_association')
    expect(mapped(catalog, association)).toMatchObject({category: 'firewall', stateful: false})
  })

  it('files a VPC network peering as a peering, not as its routes config (GCP plan)', async () => {
    const catalog = await loadCatalog()
    const snapshot = await importReal('checkov-gcp-peering.plan.json')
    const peerings = snapshot.resources.filter((r) => r.type.includes('peering'))
    expect(peerings.length).toBe(4)
    for (const r of peerings) {
      expect(r.type).toBe('google_compute_network_peering')
      expect(mapped(catalog, r)).toMatchObject({title: 'VPC network peering', category: 'network'})
    }
    expect(
      snapshot.resources.filter((r) => mapped(catalog, r).type === 'compute.googleapis.com/NetworkPeeringRoutesConfig'),
    ).toEqual([])
  })

  it('files a Neptune cluster and its snapshot under Neptune, not under DocumentDB (TerraGoat plan)', async () => {
    const catalog = await loadCatalog()
    const snapshot = await importReal('checkov-terragoat-aws.plan.json')
    expect(at(snapshot, 'aws_neptune_cluster.default').type).toBe('AWS::Neptune::DBCluster')
    expect(at(snapshot, 'aws_neptune_cluster_instance.default[0]').type).toBe('AWS::Neptune::DBInstance')
    const clusterSnapshot = mapped(catalog, at(snapshot, 'aws_neptune_cluster_snapshot.default'))
    expect(clusterSnapshot.matchedBy).not.toBe('unmapped')
    expect(catalog.explain('aws_neptune_cluster_snapshot').source).toBe('terraform/aws.yaml: prefixes.aws_neptune_')
  })
})

describe('wrapper resources that name their canonical type', () => {
  it('takes a Cloud Control resource’s type from type_name', async () => {
    const catalog = await loadCatalog()
    const instance: TerraformInstance = {
      address: 'aws_cloudcontrolapi_resource.bucket',
      modules: [],
      type: 'aws_cloudcontrolapi_resource',
      name: 'bucket',
      provider: 'registry.terraform.io/hashicorp/aws',
      attributes: {id: 'example-bucket', type_name: 'AWS::S3::Bucket', desired_state: '{"BucketName":"example-bucket"}'},
      dependencies: [],
    }
    const context = {provider: 'aws', source: 'test', canonicalType: (t: string) => catalog.canonicalType(t)}
    expect(mapInstance(instance, context).resource.type).toBe('AWS::S3::Bucket')
    // A type_name that is not a CloudFormation type falls back to the table.
    const odd = mapInstance({...instance, attributes: {id: 'x', type_name: 'Custom::Thing::'}}, context)
    expect(odd.resource.type).toBe('aws_cloudcontrolapi_resource')
    expect(catalog.lookup(odd.resource.type).matchedBy).toBe('service')
  })
})
