/**
 * One Terraform instance → one inventory resource. Only an allow-list of attributes is read (what the
 * catalog refines on, sizes, regions, tags and reference ids), and never one marked sensitive, so
 * passwords, keys, user data and connection strings in the state cannot reach the snapshot.
 */
import type {ResourceInput} from '../../inventory/model.js'
import {isSecretKey} from '../../inventory/redact.js'
import {resourceId} from './ids.js'
import type {TerraformInstance} from './types.js'

/** Terraform attribute → attribute name in the snapshot (the collectors' camelCase names). */
const KEPT_ATTRIBUTES: Record<string, string> = {
  engine: 'engine',
  engine_version: 'engineVersion',
  engine_type: 'engineType',
  kind: 'kind',
  account_kind: 'kind',
  sku: 'sku',
  sku_name: 'sku',
  account_tier: 'tier',
  tier: 'tier',
  database_version: 'databaseVersion',
  database_dialect: 'databaseDialect',
  instance_class: 'instanceClass',
  instance_type: 'instanceType',
  machine_type: 'machineType',
  server_type: 'serverType',
  commercial_type: 'commercialType',
  node_type: 'nodeType',
  flavor_name: 'flavor',
  flavor_id: 'flavorId',
  image: 'image',
  image_name: 'image',
  package_type: 'packageType',
  os_type: 'osType',
  runtime: 'runtime',
  storage_class: 'storageClass',
  storage_type: 'storageType',
  fifo_queue: 'fifoQueue',
  // aws_cloudwatch_event_rule: a schedule (cron or rate) rather than an event pattern.
  schedule_expression: 'scheduleExpression',
  // google_dns_managed_zone: a private zone answers only inside its VPC networks.
  visibility: 'visibility',
  is_hns_enabled: 'isHnsEnabled',
  protocol_type: 'protocolType',
  load_balancer_type: 'type',
  type: 'type',
  plan: 'plan',
  version: 'version',
  kubernetes_version: 'kubernetesVersion',
  redis_version: 'redisVersion',
  format: 'format',
  enable_autopilot: 'enableAutopilot',
  file_system_type: 'fileSystemType',
  deployment_type: 'deploymentType',
}

/** Numeric size attributes in GB/GiB (providers mean GiB or close enough for an exit estimate), then in MB. */
const SIZE_GIB = [
  'allocated_storage',
  'size',
  'size_gb',
  'size_in_gb',
  'disk_size_gb',
  'disk_size',
  'volume_size_in_gb',
  'volume_size',
  'storage_size_gb',
  'storage_gb',
  'max_size_gb',
]
const SIZE_MIB = ['storage_mb', 'size_mb', 'disk_size_mb']
/** Provider-specific sizes in MB: IONOS DBaaS `storage_size`. */
const SIZE_MIB_BY_PROVIDER: Record<string, string[]> = {ionos: [...SIZE_MIB, 'storage_size']}

/** Where the region is, most specific first, per provider. */
const REGION_KEYS: Record<string, string[]> = {
  aws: ['region', 'availability_zone'],
  azure: ['location'],
  gcp: ['zone', 'region', 'location'],
  hetzner: ['location', 'datacenter'],
  scaleway: ['zone', 'region'],
  exoscale: ['zone'],
  upcloud: ['zone'],
  ionos: ['location'],
}
const DEFAULT_REGION_KEYS = ['region', 'location', 'zone', 'availability_zone']

/** Reference ids the graph can use; anything naming a credential is left out even if it is only an id. */
const REFERENCE_KEY = /^[a-z0-9_]+_(id|ids|arn|arns)$/
const CREDENTIAL_WORD = /secret|token|password|credential|access_key|api_key|client|private_key|ssh_key|key_pair/
/** Ids that name the account, the owner or the object itself, not something it uses (the account is kept as `account`). */
const NOT_REFERENCES = new Set([
  'owner_id',
  'organization_id',
  'project_id',
  'default_project_id',
  'account_id',
  'tenant_id',
  'unique_id',
  'hosted_zone_id',
])
const MAX_REFERENCE_LENGTH = 300

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

export interface MappedInstance {
  resource: ResourceInput
  mapped: boolean
}

export interface MapContext {
  provider: string
  /**
   * Terraform type → canonical type (catalog aliases and Terraform tables), or undefined when the type keeps
   * its Terraform name. Given the instance's attributes, a type that depends on them resolves (a security
   * group rule is ingress or egress by its `type`); without them it keeps its Terraform name.
   */
  canonicalType: (tfType: string, attributes?: Record<string, unknown>) => string | undefined
  source: string
}

/** Wrapper types that carry the canonical type as an attribute, and how to read it. */
const TYPE_FROM_ATTRIBUTE: Record<string, (text: (key: string) => string | undefined) => string | undefined> = {
  // `Microsoft.Storage/storageAccounts@2023-01-01` → `microsoft.storage/storageaccounts`
  azapi_resource: (text) => text('type')?.split('@')[0]?.toLowerCase(),
  // Cloud Control API: `type_name` is the CloudFormation type itself (`AWS::S3::Bucket`).
  aws_cloudcontrolapi_resource: (text) => {
    const name = text('type_name')
    return name && /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(name) ? name : undefined
  },
}

function tagsFrom(value: unknown, hidden: Set<string> | undefined, into: Record<string, string>): void {
  if (Array.isArray(value)) {
    // Scaleway and OpenStack tags are strings; `key=value` splits, a bare tag is a key.
    for (const tag of value) {
      if (typeof tag !== 'string' || tag === '') continue
      const at = tag.indexOf('=')
      const key = at > 0 ? tag.slice(0, at) : tag
      if (!hidden?.has(key)) into[key] = at > 0 ? tag.slice(at + 1) : ''
    }
  } else if (value && typeof value === 'object') {
    for (const [key, tag] of Object.entries(value)) {
      if (hidden?.has(key) || tag === null || typeof tag === 'object') continue
      into[key] = String(tag)
    }
  }
}

function parseArn(arn: string | undefined): {region: string; account: string} | undefined {
  const match = arn ? /^arn:[\w-]+:[\w.-]+:([\w-]*):(\d{12}|aws|)?:/.exec(arn) : null
  return match ? {region: match[1]!, account: match[2] ?? ''} : undefined
}

/** The attributes without those marked sensitive, for type resolution (nothing of them is stored). */
function readable(attributes: Record<string, unknown>, whole: ReadonlySet<string> | undefined): Record<string, unknown> {
  if (!whole?.size) return attributes
  const visible: Record<string, unknown> = {}
  for (const key in attributes) if (!whole.has(key)) visible[key] = attributes[key]
  return visible
}

export function mapInstance(instance: TerraformInstance, context: MapContext): MappedInstance {
  const {provider} = context
  const attributes = instance.attributes
  const whole = instance.sensitive?.whole
  const read = (key: string): unknown => (whole?.has(key) ? undefined : attributes[key])
  const text = (key: string): string | undefined => {
    const value = read(key)
    return typeof value === 'string' && value !== '' ? value : undefined
  }

  const wrapped = TYPE_FROM_ATTRIBUTE[instance.type]?.(text)
  const armType = instance.type === 'azapi_resource' ? wrapped : undefined
  const canonical = wrapped ?? context.canonicalType(instance.type, readable(attributes, whole))
  const type = canonical ?? instance.type
  const id = resourceId({
    provider,
    tfType: instance.type,
    type,
    mapped: canonical !== undefined,
    address: instance.address,
    read: text,
  })

  const tags: Record<string, string> = {}
  const tagSource = provider === 'aws' ? (read('tags_all') ?? read('tags')) : provider === 'gcp' ? read('labels') : undefined
  if (tagSource !== undefined)
    tagsFrom(tagSource, instance.sensitive?.mapKeys.get(provider === 'aws' ? 'tags_all' : 'labels'), tags)
  else {
    tagsFrom(read('labels'), instance.sensitive?.mapKeys.get('labels'), tags)
    tagsFrom(read('tags'), instance.sensitive?.mapKeys.get('tags'), tags)
  }
  // A tag hidden under tags_all is hidden under tags too.
  for (const key of instance.sensitive?.mapKeys.get('tags') ?? []) delete tags[key]

  const kept: Record<string, unknown> = {terraformAddress: instance.address}
  if (instance.plannedAction) kept.plannedAction = instance.plannedAction
  for (const key in attributes) {
    if (whole?.has(key)) continue
    const value = attributes[key]
    const name = KEPT_ATTRIBUTES[key]
    if (name) {
      if (
        typeof value === 'string'
          ? value !== '' && value.length <= MAX_REFERENCE_LENGTH
          : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
      ) {
        if (name === 'type' && key === 'type' && armType) continue
        kept[name === 'size' && provider === 'azure' ? 'vmSize' : name] = value
      }
      continue
    }
    if (key === 'size' && typeof value === 'string' && value !== '') kept[provider === 'azure' ? 'vmSize' : 'size'] = value
    else if (REFERENCE_KEY.test(key) && !NOT_REFERENCES.has(key) && !CREDENTIAL_WORD.test(key) && !isSecretKey(key)) {
      if (typeof value === 'string' && value !== '' && value.length <= MAX_REFERENCE_LENGTH) kept[camel(key)] = value
      else if (
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((v) => typeof v === 'string' && v.length <= MAX_REFERENCE_LENGTH)
      )
        kept[camel(key)] = value.slice(0, 50)
    }
  }

  const arn = provider === 'aws' ? parseArn(text('arn')) : undefined
  let region: string | undefined
  if (arn?.region) region = arn.region
  for (const key of REGION_KEYS[provider] ?? DEFAULT_REGION_KEYS) {
    if (region) break
    region = text(key)
  }
  // OVHcloud managed databases name their region per node.
  if (!region && provider === 'ovhcloud') {
    const nodes = read('nodes')
    const first = Array.isArray(nodes) ? nodes[0] : undefined
    if (first && typeof first === 'object' && typeof (first as {region?: unknown}).region === 'string')
      region = (first as {region: string}).region
  }
  region ??= instance.providerDefaults?.region
  if (!region && arn && !arn.region && !id.startsWith('arn:aws:s3:')) region = 'global'
  if (region && provider === 'azure') region = region.toLowerCase().replace(/\s+/g, '')
  else if (region && provider === 'gcp') region = region.toLowerCase()

  let account: string | undefined
  if (provider === 'aws') account = (arn?.account && arn.account !== 'aws' ? arn.account : undefined) ?? text('owner_id')
  else if (provider === 'azure') account = /^\/subscriptions\/([^/]+)/i.exec(text('id') ?? '')?.[1]
  else if (provider === 'gcp') account = text('project') ?? instance.providerDefaults?.project
  else if (provider === 'ovhcloud') account = text('service_name')
  else account = text('project_id') ?? text('tenant_id')

  let sizeGiB: number | undefined
  for (const key of SIZE_GIB) {
    const value = read(key)
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      sizeGiB = value
      break
    }
  }
  if (sizeGiB === undefined)
    for (const key of SIZE_MIB_BY_PROVIDER[provider] ?? SIZE_MIB) {
      const value = read(key)
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
        sizeGiB = Math.round((value / 1024) * 100) / 100
        break
      }
    }

  const name =
    text('name') ??
    tags.Name ??
    text('bucket') ??
    text('identifier') ??
    text('function_name') ??
    text('cluster_name') ??
    instance.address

  const resource: ResourceInput = {id, provider, type, name, tags, attributes: kept, source: context.source}
  if (account) resource.account = account
  if (region) resource.region = region
  if (sizeGiB !== undefined) resource.sizeGiB = sizeGiB
  return {resource, mapped: canonical !== undefined}
}
