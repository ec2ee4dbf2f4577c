/**
 * Custom resources of operators that create and manage cloud resources from inside a cluster: AWS
 * Controllers for Kubernetes (`*.services.k8s.aws`), Azure Service Operator v2 (`*.azure.com`),
 * Config Connector (`*.cnrm.cloud.google.com`) and Crossplane's providers (`*.upbound.io`, the older
 * `*.crossplane.io` ones). Each such object is a cloud resource of the estate: its type comes from
 * the catalog (directly, or through the Terraform type that the operator wraps), its id from the
 * object's status where the operator wrote the cloud's own id there.
 */
import type {Catalog} from '../../catalog/catalog.js'
import {armTypeOf} from '../terraform/ids.js'
import {isJson, type Json, type KubeObject, text} from './objects.js'
import {CNRM_TERRAFORM, UPJET_AWS, UPJET_AZURE, UPJET_GCP, type UpjetTable} from './operator-tables.js'

export type Cloud = 'aws' | 'azure' | 'gcp'

export interface OperatorResource {
  operator: 'ACK' | 'Azure Service Operator' | 'Config Connector' | 'Crossplane'
  provider: Cloud
  type: string
  /** The cloud's own id (ARN, ARM id, Cloud Asset name), when the object tells it. */
  nativeId?: string
  name: string
  account?: string
  region?: string
  /** The few settings the catalog refines on (engine, SKU, tier …). */
  attributes: Record<string, unknown>
  sizeGiB?: number
}

/** Spec fields that the catalog's refine rules read (engine, version, SKU, tier …), copied when they are plain values. */
const REFINE_FIELDS = [
  'engine',
  'engineVersion',
  'databaseVersion',
  'dbInstanceClass',
  'instanceClass',
  'nodeType',
  'tier',
  'storageType',
  'kind',
  'accessTier',
  'version',
]

function refineAttributes(spec: unknown): {attributes: Record<string, unknown>; sizeGiB?: number} {
  const attributes: Record<string, unknown> = {}
  if (!isJson(spec)) return {attributes}
  for (const key of REFINE_FIELDS) {
    const value = spec[key]
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value
  }
  const sku = get(spec, 'sku', 'name') ?? (typeof spec.sku === 'string' ? spec.sku : undefined)
  if (typeof sku === 'string') attributes.sku = sku
  const tier = get(spec, 'settings', 'tier')
  if (typeof tier === 'string') attributes.tier = tier
  // RDS and DocumentDB give allocated storage in GiB.
  const allocated = spec.allocatedStorage
  const sizeGiB = typeof allocated === 'number' && allocated >= 0 && allocated <= 1e9 ? allocated : undefined
  return {attributes, sizeGiB}
}

/** `DBInstance` → `db_instance`, `VPCEndpoint` → `vpc_endpoint` (the rule Upjet's kinds follow). */
export function snake(kind: string): string {
  return kind
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
}

const get = (value: unknown, ...path: string[]): unknown => {
  let at = value
  for (const key of path) at = isJson(at) ? at[key] : undefined
  return at
}

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/
const ARM_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/[^/]+\/.+$/i

/** Region and account of an ARN (`arn:partition:service:region:account:…`). */
export function arnParts(arn: string): {region?: string; account?: string} {
  const parts = arn.split(':')
  return {region: parts[3] || undefined, account: parts[4] || undefined}
}

// ACK: the group's service → the CloudFormation service namespace (checked against the catalog's types in tests).
const ACK_SERVICES: Record<string, string> = {
  acm: 'CertificateManager',
  acmpca: 'ACMPCA',
  apigateway: 'ApiGateway',
  apigatewayv2: 'ApiGatewayV2',
  applicationautoscaling: 'ApplicationAutoScaling',
  athena: 'Athena',
  autoscaling: 'AutoScaling',
  backup: 'Backup',
  cloudfront: 'CloudFront',
  cloudtrail: 'CloudTrail',
  cloudwatch: 'CloudWatch',
  cloudwatchlogs: 'Logs',
  codeartifact: 'CodeArtifact',
  cognitoidentityprovider: 'Cognito',
  documentdb: 'DocDB',
  dynamodb: 'DynamoDB',
  ec2: 'EC2',
  ecr: 'ECR',
  ecs: 'ECS',
  efs: 'EFS',
  eks: 'EKS',
  elasticache: 'ElastiCache',
  elbv2: 'ElasticLoadBalancingV2',
  emrcontainers: 'EMRContainers',
  eventbridge: 'Events',
  glue: 'Glue',
  iam: 'IAM',
  kafka: 'MSK',
  keyspaces: 'Cassandra',
  kinesis: 'Kinesis',
  kms: 'KMS',
  lambda: 'Lambda',
  memorydb: 'MemoryDB',
  mq: 'AmazonMQ',
  networkfirewall: 'NetworkFirewall',
  opensearchservice: 'OpenSearchService',
  opensearchserverless: 'OpenSearchServerless',
  organizations: 'Organizations',
  pipes: 'Pipes',
  prometheusservice: 'APS',
  ram: 'RAM',
  rds: 'RDS',
  route53: 'Route53',
  route53resolver: 'Route53Resolver',
  s3: 'S3',
  sagemaker: 'SageMaker',
  secretsmanager: 'SecretsManager',
  ses: 'SES',
  sfn: 'StepFunctions',
  sns: 'SNS',
  sqs: 'SQS',
  ssm: 'SSM',
  wafv2: 'WAFv2',
}

/** ACK kinds named unlike their CloudFormation type. */
const ACK_KINDS: Record<string, string> = {
  'iam/Policy': 'AWS::IAM::ManagedPolicy',
  'ec2/ElasticIPAddress': 'AWS::EC2::EIP',
  'lambda/FunctionURLConfig': 'AWS::Lambda::Url',
}

/** ACK's own bookkeeping kinds: not cloud resources. */
const ACK_INTERNAL = new Set(['FieldExport', 'IAMRoleSelector'])

/** Crossplane and Upjet kinds that configure the provider itself. */
const PROVIDER_CONFIG_KINDS = new Set(['ProviderConfig', 'ProviderConfigUsage', 'ClusterProviderConfig', 'StoreConfig'])

/** Lookups that scan the catalog's types, remembered per catalog (an estate has many objects of few kinds). */
const memo = new WeakMap<Catalog, Map<string, string | undefined>>()
function remembered(catalog: Catalog, key: string, find: () => string | undefined): string | undefined {
  let cache = memo.get(catalog)
  if (!cache) {
    cache = new Map()
    memo.set(catalog, cache)
  }
  if (!cache.has(key)) cache.set(key, find())
  return cache.get(key)
}

/** The catalog type whose last part equals `kind` without case, within a namespace (`AWS::ApiGatewayV2` + `API`). */
function catalogTypeLike(catalog: Catalog, prefix: string, kind: string): string | undefined {
  const exact = `${prefix}${kind}`
  if (catalog.entries.has(exact)) return exact
  return remembered(catalog, `like:${exact}`, () => {
    const wanted = exact.toLowerCase()
    for (const type of catalog.entries.keys()) if (type.toLowerCase() === wanted) return type
    return undefined
  })
}

function ackResource(object: KubeObject, service: string, kind: string, catalog: Catalog): OperatorResource {
  const meta = get(object.status, 'ackResourceMetadata')
  const arn = text(get(meta, 'arn')) ?? text(object.annotations['services.k8s.aws/arn'])
  const cfn = ACK_SERVICES[service]
  const type =
    ACK_KINDS[`${service}/${kind}`] ??
    (cfn ? catalogTypeLike(catalog, `AWS::${cfn}::`, kind) : undefined) ??
    catalog.canonicalType(`aws_${service}_${snake(kind)}`) ??
    `${service}.services.k8s.aws/${kind}`
  const name = text(object.spec.name) ?? object.name
  let nativeId = arn && ARN.test(arn) ? arn : undefined
  // A bucket's ARN is its name (bucket names are global).
  if (!nativeId && type === 'AWS::S3::Bucket' && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name))
    nativeId = `arn:aws:s3:::${name}`
  const fromArn = nativeId ? arnParts(nativeId) : {}
  return {
    operator: 'ACK',
    provider: 'aws',
    type,
    nativeId,
    name,
    ...refineAttributes(object.spec),
    account:
      text(get(meta, 'ownerAccountID')) ?? text(object.annotations['services.k8s.aws/owner-account-id']) ?? fromArn.account,
    region: text(get(meta, 'region')) ?? text(object.annotations['services.k8s.aws/region']) ?? fromArn.region,
  }
}

/** Singular forms of an ARM type's last segment, as Azure Service Operator names its kinds (`registries` → `registry`). */
function singulars(segment: string): string[] {
  const out = [segment]
  if (segment.endsWith('ies')) out.push(`${segment.slice(0, -3)}y`)
  if (segment.endsWith('es')) out.push(segment.slice(0, -2))
  if (segment.endsWith('s')) out.push(segment.slice(0, -1))
  return out
}

/**
 * The ARM type of an Azure Service Operator kind: ASO names a kind after the type's path, parents
 * plural and the last part singular (`StorageAccountsBlobServicesContainer` is
 * `microsoft.storage/storageaccounts/blobservices/containers`).
 */
function asoType(group: string, kind: string, catalog: Catalog): string | undefined {
  const namespace = `microsoft.${group}/`
  const wanted = kind.toLowerCase()
  return remembered(catalog, `aso:${namespace}${wanted}`, () => {
    for (const type of catalog.entries.keys()) {
      if (!type.startsWith(namespace)) continue
      const segments = type.slice(namespace.length).split('/')
      const parents = segments.slice(0, -1).join('')
      if (singulars(segments.at(-1)!).some((last) => parents + last === wanted)) return type
    }
    return undefined
  })
}

function asoResource(object: KubeObject, group: string, kind: string, catalog: Catalog): OperatorResource {
  const statusId = text(object.status.id)
  const armId = statusId && ARM_ID.test(statusId) ? statusId : undefined
  const type =
    (armId ? armTypeOf(armId) : undefined) ??
    (group === 'resources' && kind === 'ResourceGroup' ? 'microsoft.resources/resourcegroups' : undefined) ??
    asoType(group, kind, catalog) ??
    `${group}.azure.com/${kind}`
  return {
    operator: 'Azure Service Operator',
    provider: 'azure',
    type,
    nativeId: armId,
    ...refineAttributes(object.spec),
    name: text(object.spec.azureName) ?? object.name,
    account: armId?.split('/')[2],
    region: text(object.spec.location),
  }
}

/** Config Connector: kind → Terraform type, by its service mappings or by the naming rule. */
function cnrmTerraformType(group: string, kind: string, location: string | undefined): string {
  const listed = CNRM_TERRAFORM[`${group}/${kind}`]
  if (typeof listed === 'string') return listed
  if (listed) {
    const global = location === 'global'
    const regional = location !== undefined && /^[a-z]+-[a-z]+\d+$/.test(location)
    const pick =
      (global && listed.find((t) => t.includes('_global_'))) ||
      (regional && listed.find((t) => t.includes('_region_'))) ||
      listed.find((t) => !/_(global|region)_|_from_template$/.test(t))
    if (pick) return pick
  }
  const rest = kind.toLowerCase().startsWith(group) ? kind.slice(group.length) : kind
  return `google_${group}_${snake(rest)}`
}

function cnrmResource(object: KubeObject, group: string, kind: string, catalog: Catalog): OperatorResource {
  const location = text(object.spec.location) ?? text(object.spec.region)
  const terraform = cnrmTerraformType(group, kind, location)
  const type = catalog.canonicalType(terraform) ?? `${group}.cnrm.cloud.google.com/${kind}`
  const name = text(object.spec.resourceID) ?? object.name
  const project = text(object.annotations['cnrm.cloud.google.com/project-id']) ?? text(get(object.spec, 'projectRef', 'external'))
  return {
    operator: 'Config Connector',
    provider: 'gcp',
    type,
    ...refineAttributes(object.spec),
    // A bucket's Cloud Asset name is its (global) name.
    nativeId: type === 'storage.googleapis.com/Bucket' ? `//storage.googleapis.com/${name}` : undefined,
    name,
    account: project?.replace(/^projects\//, ''),
    region: location,
  }
}

const UPJET: Record<Cloud, {table: UpjetTable; prefix: string}> = {
  aws: {table: UPJET_AWS, prefix: 'aws'},
  azure: {table: UPJET_AZURE, prefix: 'azurerm'},
  gcp: {table: UPJET_GCP, prefix: 'google'},
}

/** The Terraform type an Upjet kind wraps: listed, or `<prefix>_<group part>_<snake kind>`. */
export function upjetTerraformType(cloud: Cloud, service: string, kind: string): string {
  const {table, prefix} = UPJET[cloud]
  const listed = table.kinds[`${service}/${kind}`]
  if (listed) return listed
  const middle = table.prefixes[service] ?? service
  return middle ? `${prefix}_${middle}_${snake(kind)}` : `${prefix}_${snake(kind)}`
}

function crossplaneResource(
  object: KubeObject,
  cloud: Cloud,
  service: string,
  kind: string,
  upjet: boolean,
  catalog: Catalog,
): OperatorResource {
  const forProvider = get(object.spec, 'forProvider')
  const atProvider = get(object.status, 'atProvider')
  const terraform = upjet ? upjetTerraformType(cloud, service, kind) : undefined
  const type = (terraform && catalog.canonicalType(terraform)) || `${object.group}/${kind}`
  const externalName = text(object.annotations['crossplane.io/external-name'])
  const arn = text(get(atProvider, 'arn'))
  const id = text(get(atProvider, 'id'))
  let nativeId: string | undefined
  if (cloud === 'aws' && arn && ARN.test(arn)) nativeId = arn
  else if (cloud === 'aws' && type === 'AWS::S3::Bucket' && externalName) nativeId = `arn:aws:s3:::${externalName}`
  else if (cloud === 'azure' && id && ARM_ID.test(id)) nativeId = id
  const region = text(get(forProvider, 'region')) ?? text(get(forProvider, 'location'))
  return {
    operator: 'Crossplane',
    provider: cloud,
    ...refineAttributes(forProvider),
    type: nativeId && cloud === 'azure' ? (armTypeOf(nativeId) ?? type) : type,
    nativeId,
    name: externalName ?? object.name,
    account: nativeId ? (cloud === 'aws' ? arnParts(nativeId).account : nativeId.split('/')[2]) : undefined,
    region: region ?? (nativeId && cloud === 'aws' ? arnParts(nativeId).region : undefined),
  }
}

const UPBOUND = /^(?:([a-z0-9]+)\.)?(aws|azure|gcp)(?:\.m)?\.upbound\.io$/
const CROSSPLANE_COMMUNITY = /^([a-z0-9]+)\.(aws|azure|gcp)\.crossplane\.io$/

/** Whether the object belongs to an operator group at all (even when it is not a cloud resource). */
export function isOperatorGroup(group: string): boolean {
  return (
    group.endsWith('.services.k8s.aws') ||
    group === 'services.k8s.aws' ||
    (group.endsWith('.azure.com') && !group.startsWith('azure.workload')) ||
    group.endsWith('.cnrm.cloud.google.com') ||
    UPBOUND.test(group) ||
    CROSSPLANE_COMMUNITY.test(group)
  )
}

/** The cloud resource an operator's object stands for; undefined for objects that are not one. */
export function operatorResource(object: KubeObject, catalog: Catalog): OperatorResource | undefined {
  const {group, kind} = object
  if (group === 'services.k8s.aws') {
    // An AdoptedResource brings an existing AWS resource under ACK: it names the kind and the ARN.
    if (kind !== 'AdoptedResource') return undefined
    const target = get(object.spec, 'kubernetes') as Json | undefined
    const targetGroup = text(get(target, 'group'))
    const targetKind = text(get(target, 'kind'))
    const service = targetGroup?.endsWith('.services.k8s.aws') ? targetGroup.slice(0, -'.services.k8s.aws'.length) : undefined
    if (!service || !targetKind) return undefined
    const arn = text(get(object.spec, 'aws', 'arn'))
    const name = text(get(object.spec, 'aws', 'nameOrID')) ?? text(get(target, 'metadata', 'name'))
    const annotations: Record<string, string> = arn ? {'services.k8s.aws/arn': arn} : {}
    const adopted: KubeObject = {...object, spec: name ? {name} : {}, annotations}
    return ackResource(adopted, service, targetKind, catalog)
  }
  if (group.endsWith('.services.k8s.aws')) {
    if (ACK_INTERNAL.has(kind)) return undefined
    return ackResource(object, group.slice(0, -'.services.k8s.aws'.length), kind, catalog)
  }
  if (group.endsWith('.cnrm.cloud.google.com')) {
    const service = group.slice(0, -'.cnrm.cloud.google.com'.length)
    if (service === 'core' || service.includes('.')) return undefined
    return cnrmResource(object, service, kind, catalog)
  }
  const upbound = UPBOUND.exec(group)
  if (upbound) {
    if (PROVIDER_CONFIG_KINDS.has(kind)) return undefined
    const cloud = upbound[2] as Cloud
    return crossplaneResource(object, cloud, upbound[1] ?? cloud, kind, true, catalog)
  }
  const community = CROSSPLANE_COMMUNITY.exec(group)
  if (community) {
    if (PROVIDER_CONFIG_KINDS.has(kind)) return undefined
    return crossplaneResource(object, community[2] as Cloud, community[1]!, kind, false, catalog)
  }
  if (group.endsWith('.azure.com') && !group.startsWith('azure.workload')) {
    const service = group.slice(0, -'.azure.com'.length)
    // Multi-label groups (network.frontdoor.azure.com) belong to the ARM namespace of their first label.
    return asoResource(object, service.split('.')[0]!, kind, catalog)
  }
  return undefined
}

/** Names of other objects this one refers to (`networkRef.name`, ACK's `…Ref.from.name`, ASO's `owner.name`), with the field. */
export function operatorReferences(spec: Json): {field: string; name: string}[] {
  const out: {field: string; name: string}[] = []
  const visit = (value: unknown, field: string, depth: number) => {
    if (depth > 6 || out.length >= 200) return
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 200)) visit(item, field, depth + 1)
      return
    }
    if (!isJson(value)) return
    for (const [key, inner] of Object.entries(value)) {
      // Credentials and configuration are not resources of the estate.
      if (/secret|providerconfig|configmap|password/i.test(key)) continue
      if (/(Ref|Refs|^owner)$/.test(key)) {
        for (const ref of Array.isArray(inner) ? inner.slice(0, 200) : [inner]) {
          const name = text(get(ref, 'name')) ?? text(get(ref, 'from', 'name'))
          if (name) out.push({field: key, name})
        }
        continue
      }
      visit(inner, key, depth + 1)
    }
  }
  visit(spec, '', 0)
  return out
}
