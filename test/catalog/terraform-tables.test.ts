import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Catalog} from '../../src/catalog/catalog.js'
import {TERRAFORM_REFERENCE_DIR} from '../../src/catalog/coverage.js'
import {BUILTIN_CATALOG_DIR, loadCatalog, readCatalogData} from '../../src/catalog/load.js'
import {namespaceOf} from '../../src/catalog/namespace.js'

const referenceList = (name: string): string[] =>
  readFileSync(join(TERRAFORM_REFERENCE_DIR, `${name}.txt`), 'utf8')
    .split('\n')
    .filter(Boolean)
const referenceNames = readdirSync(TERRAFORM_REFERENCE_DIR)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => name.slice(0, -4))

/** The namespace a Terraform type lands in: its alias's, unless the table overrides it, else the table's. */
function landingNamespace(catalog: Catalog, tfType: string): string | undefined {
  const route = catalog.terraform.route(tfType)
  const alias = catalog.aliases.get(tfType)
  if (alias && !route?.overridesAlias) return namespaceOf(alias)
  if (!route) return undefined
  return route.kind === 'namespace' ? route.target : namespaceOf(route.target)
}

describe('the built-in Terraform tables', () => {
  it('have one table for every Terraform provider whose type list coverage measures', async () => {
    const catalog = await loadCatalog()
    for (const name of referenceNames) expect(catalog.terraform.providers.has(name), name).toBe(true)
  })

  it('point every line at a type or namespace the catalog has', async () => {
    const catalog = await loadCatalog()
    for (const route of catalog.terraform.routes()) {
      const targets = [route.target, ...(route.variants ?? []).map((v) => v.type)]
      for (const target of targets) {
        const namespace = route.kind === 'namespace' ? target : namespaceOf(target)
        expect(
          (route.kind !== 'namespace' && catalog.entries.has(target)) || catalog.services.has(namespace),
          `${route.source} → ${target}`,
        ).toBe(true)
      }
    }
  })

  it('file every registered AWS type under the namespace of the service package that registers it', async () => {
    const catalog = await loadCatalog()
    const rows = readFileSync(join(TERRAFORM_REFERENCE_DIR, 'aws-service-packages.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('\t') as [string, string])
    expect(rows.map(([, type]) => type).sort()).toEqual(referenceList('aws'))
    const byPackage = new Map<string, Set<string>>()
    for (const [pkg, type] of rows) {
      const namespace = landingNamespace(catalog, type)
      expect(namespace, type).toBeDefined()
      byPackage.set(pkg, (byPackage.get(pkg) ?? new Set()).add(namespace!))
    }
    // Packages that CloudFormation splits: directory buckets are S3 Express, S3 Control also manages
    // Outposts buckets and Object Lambda access points.
    const split: Record<string, string[]> = {
      s3: ['AWS::S3', 'AWS::S3Express'],
      s3control: ['AWS::S3', 'AWS::S3ObjectLambda', 'AWS::S3Outposts'],
    }
    for (const [pkg, namespaces] of byPackage) expect([...namespaces].sort(), pkg).toEqual(split[pkg] ?? [[...namespaces][0]])
    expect(byPackage.get('ec2')).toEqual(new Set(['AWS::EC2']))
    expect(byPackage.get('elbv2')).toEqual(new Set(['AWS::ElasticLoadBalancingV2']))
    expect(byPackage.get('kafka')).toEqual(new Set(['AWS::MSK']))
  })

  it('never disagree silently with an entry alias', async () => {
    const catalog = await loadCatalog()
    const overridden: string[] = []
    for (const [tfType, route] of catalog.terraform.exact) {
      const alias = catalog.aliases.get(tfType)
      if (!alias) continue
      if (route.overridesAlias) overridden.push(`${tfType} → ${alias}`)
      else {
        // A fallback for when the alias goes: the same type, or at least the same namespace.
        const namespace = route.kind === 'namespace' ? route.target : namespaceOf(route.target)
        const agrees = route.kind === 'type' ? route.target === alias : namespace === namespaceOf(alias)
        expect(agrees, `${route.source} contradicts the alias → ${alias}`).toBe(true)
      }
    }
    // The aliases to remove from the entry files; each is a defect of issue #14 or a double count.
    expect(overridden.length).toBeGreaterThanOrEqual(50)
    expect(overridden).toContain('aws_security_group_rule → AWS::EC2::SecurityGroupIngress')
    expect(overridden).toContain('azurerm_network_interface_security_group_association → microsoft.network/networkinterfaces')
    expect(overridden).toContain('google_compute_network_peering → compute.googleapis.com/NetworkPeeringRoutesConfig')
  })

  it('define service defaults only for namespaces that no entry file has', async () => {
    const data = await readCatalogData(BUILTIN_CATALOG_DIR)
    const fromEntryFiles = new Set(data.files.flatMap(({data: file}) => Object.keys(file.services)))
    for (const {file, data: table} of data.terraform ?? [])
      for (const namespace of Object.keys(table.services ?? {}))
        expect(
          fromEntryFiles.has(namespace),
          `${file}: services.${namespace} is in an entry file now; remove it from the table`,
        ).toBe(false)
  })

  it('never make a helper or child type a data store', async () => {
    const catalog = await loadCatalog()
    const helper =
      /_(policy_attachment|association|attachment|iam_member|iam_binding|iam_policy|iam_audit_config|settings|role_assignment|public_access_block|bucket_acl|bucket_versioning|bucket_logging|bucket_notification|bucket_lifecycle_configuration|bucket_server_side_encryption_configuration)(_v\d+)?$/
    let checked = 0
    for (const name of referenceNames)
      for (const type of referenceList(name)) {
        if (!helper.test(type)) continue
        checked++
        const mapping = catalog.lookup(type)
        expect(mapping.matchedBy, type).not.toBe('unmapped')
        expect(mapping.stateful, `${type} (${catalog.explain(type).source ?? catalog.explain(type).route})`).toBe(false)
      }
    expect(checked).toBeGreaterThan(700)
  })
})

describe('helper and child types get defaults that say what they are', () => {
  it.each([
    // [type, category, portability of the parent service]
    ['aws_s3_bucket_versioning', 'management', 'compatible'],
    ['aws_s3_bucket_public_access_block', 'identity', 'compatible'],
    ['aws_iam_role_policy_attachment', 'identity', 'proprietary'],
    ['aws_route_table_association', 'network', 'portable'],
    ['aws_sqs_queue_redrive_policy', 'management', 'proprietary'],
    ['AWS::ECR::LifecyclePolicy', 'management', 'compatible'],
    ['google_project_iam_member', 'identity', 'proprietary'],
    ['google_storage_bucket_iam_binding', 'identity', 'compatible'],
    ['microsoft.sql/servers/databases/securityalertpolicies', 'management', 'proprietary'],
    ['microsoft.documentdb/databaseaccounts/privateendpointconnections', 'network', 'proprietary'],
    ['azurerm_role_assignment', 'identity', 'proprietary'],
  ])('%s is %s, stateless, with its service’s portability', async (type, category, portability) => {
    const mapping = (await loadCatalog()).lookup(type)
    expect(mapping).toMatchObject({category, portability, stateful: false})
  })
})

describe('identity is scored', () => {
  it('maps every azuread type to Entra ID', async () => {
    const catalog = await loadCatalog()
    const entra = catalog.lookup('saas:microsoft-365/entra-id')
    expect(entra).toMatchObject({category: 'identity', matchedBy: 'type'})
    for (const type of referenceList('azuread')) {
      const mapping = catalog.lookup(type)
      expect(mapping, type).toMatchObject({category: 'identity', portability: entra.portability, matchedBy: 'alias'})
      expect(mapping.exit, type).toBeTruthy()
    }
    expect(catalog.lookup('azuread_application')).toMatchObject({title: 'Entra ID app registration', stateful: false})
    expect(catalog.lookup('azuread_user')).toMatchObject({title: 'Entra ID user', stateful: true})
    expect(catalog.lookup('azuread_conditional_access_policy').title).toBe('Conditional Access policy')
    expect(catalog.lookup('azuread_application_password').title).toBe('Entra ID credential')
  })

  it('scores KMS external keys, custom key stores and CloudHSM as key management', async () => {
    const catalog = await loadCatalog()
    for (const type of [
      'aws_kms_external_key',
      'aws_kms_replica_external_key',
      'aws_kms_custom_key_store',
      'aws_cloudhsm_v2_cluster',
      'aws_cloudhsm_v2_hsm',
    ])
      expect(catalog.lookup(type), type).toMatchObject({category: 'secrets-kms', portability: 'proprietary'})
    expect(catalog.lookup('aws_kms_external_key')).toMatchObject({stateful: true, title: 'KMS key with imported key material'})
    expect(catalog.lookup('aws_cloudhsm_v2_hsm').stateful).toBe(true)
    expect(catalog.lookup('aws_kms_custom_key_store').stateful).toBe(false)
  })
})

describe('wrong types of issue #14, at the table', () => {
  it('tells an egress rule from an ingress rule by its type attribute', async () => {
    const catalog = await loadCatalog()
    expect(catalog.lookup('aws_security_group_rule', {type: 'egress'}).type).toBe('AWS::EC2::SecurityGroupEgress')
    expect(catalog.lookup('aws_security_group_rule', {type: 'ingress'}).type).toBe('AWS::EC2::SecurityGroupIngress')
    expect(catalog.canonicalType('aws_security_group_rule')).toBeUndefined()
  })

  it('does not count an NSG association as a network interface', async () => {
    const catalog = await loadCatalog()
    expect(catalog.canonicalType('azurerm_network_interface_security_group_association')).toBeUndefined()
    expect(catalog.lookup('azurerm_network_interface_security_group_association')).toMatchObject({
      type: 'azurerm_network_interface_security_group_association',
      category: 'firewall',
      stateful: false,
    })
  })

  it('does not file a VPC peering as its routes config', async () => {
    const catalog = await loadCatalog()
    expect(catalog.canonicalType('google_compute_network_peering')).toBeUndefined()
    expect(catalog.lookup('google_compute_network_peering')).toMatchObject({
      type: 'google_compute_network_peering',
      title: 'VPC network peering',
      category: 'network',
    })
    // The routes config itself keeps its entry.
    expect(catalog.canonicalType('google_compute_network_peering_routes_config')).toBe(
      'compute.googleapis.com/NetworkPeeringRoutesConfig',
    )
  })

  it('files Neptune and ECS under their own entries, which decide their category', async () => {
    const catalog = await loadCatalog()
    expect(catalog.canonicalType('aws_neptune_cluster')).toBe('AWS::Neptune::DBCluster')
    expect(catalog.canonicalType('aws_neptune_cluster_instance')).toBe('AWS::Neptune::DBInstance')
    expect(catalog.canonicalType('aws_ecs_cluster')).toBe('AWS::ECS::Cluster')
    expect(catalog.canonicalType('aws_ecs_service')).toBe('AWS::ECS::Service')
    // No Terraform line stands between these types and their entries.
    for (const type of ['aws_neptune_cluster', 'aws_ecs_cluster', 'aws_ecs_service'])
      expect(catalog.lookup(type).category).toBe(catalog.lookup(catalog.canonicalType(type)!).category)
    // Every ECS and Neptune Terraform type lands in its own service, never in EKS or DocumentDB.
    for (const type of referenceList('aws').filter((t) => /^aws_(ecs|neptune)_/.test(t)))
      expect(landingNamespace(catalog, type), type).toBe(type.startsWith('aws_ecs_') ? 'AWS::ECS' : 'AWS::Neptune')
  })
})
