/**
 * Resource ids from Terraform attributes, the same ids the live collectors produce where the
 * attributes allow it (so a scan and an import of the same estate merge): the ARN on AWS, the ARM id
 * on Azure, the Cloud Asset full resource name on GCP, and `<provider>:<kind>:<native id>` elsewhere.
 */

type Read = (key: string) => string | undefined

/** Terraform type prefix → Cloud Asset service host, for ids of the form `projects/…`. */
const GCP_SERVICES: [prefix: string, host: string][] = [
  ['google_compute_', 'compute'],
  ['google_container_', 'container'],
  ['google_pubsub_', 'pubsub'],
  ['google_bigquery_', 'bigquery'],
  ['google_kms_', 'cloudkms'],
  ['google_cloud_run_v2_', 'run'],
  ['google_redis_', 'redis'],
  ['google_memcache_', 'memcache'],
  ['google_secret_manager_', 'secretmanager'],
  ['google_artifact_registry_', 'artifactregistry'],
  ['google_cloudfunctions2_', 'cloudfunctions'],
  ['google_cloudfunctions_', 'cloudfunctions'],
  ['google_dns_', 'dns'],
  ['google_filestore_', 'file'],
  ['google_alloydb_', 'alloydb'],
  ['google_bigtable_', 'bigtableadmin'],
  ['google_spanner_', 'spanner'],
  ['google_sql_', 'cloudsql'],
  ['google_dataproc_', 'dataproc'],
  ['google_composer_', 'composer'],
  ['google_logging_', 'logging'],
  ['google_workflows_', 'workflows'],
  ['google_vertex_ai_', 'aiplatform'],
]

const COMPUTE_URL = /^https:\/\/(?:www|compute)\.googleapis\.com\/compute\/(?:v1|beta)\/(projects\/.+)$/

/** The Cloud Asset full resource name (`//compute.googleapis.com/projects/…`) where it can be derived. */
function gcpAssetName(tfType: string, read: Read): string | undefined {
  const selfLink = read('self_link')
  const compute = selfLink ? COMPUTE_URL.exec(selfLink) : null
  if (compute) return `//compute.googleapis.com/${compute[1]}`
  if (tfType === 'google_storage_bucket') {
    const name = read('name')
    return name ? `//storage.googleapis.com/${name}` : undefined
  }
  const project = read('project')
  const name = read('name')
  if (tfType === 'google_sql_database_instance' && project && name)
    return `//cloudsql.googleapis.com/projects/${project}/instances/${name}`
  if (tfType === 'google_spanner_instance' && project && name)
    return `//spanner.googleapis.com/projects/${project}/instances/${name}`
  if (tfType === 'google_bigtable_instance' && project && name)
    return `//bigtableadmin.googleapis.com/projects/${project}/instances/${name}`
  if (tfType === 'google_service_account') {
    const uniqueId = read('unique_id')
    return project && uniqueId ? `//iam.googleapis.com/projects/${project}/serviceAccounts/${uniqueId}` : undefined
  }
  const id = read('id')
  if (!id?.startsWith('projects/')) return undefined
  const host = GCP_SERVICES.find(([prefix]) => tfType.startsWith(prefix))?.[1]
  return host ? `//${host}.googleapis.com/${id}` : undefined
}

/** `/subscriptions/…/providers/Microsoft.Network/virtualNetworks/v/subnets/s` → `microsoft.network/virtualnetworks/subnets`. */
export function armTypeOf(id: string): string | undefined {
  const at = id.toLowerCase().lastIndexOf('/providers/')
  if (at < 0) {
    if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i.test(id)) return 'microsoft.resources/subscriptions/resourcegroups'
    return /^\/subscriptions\/[^/]+$/i.test(id) ? 'microsoft.resources/subscriptions' : undefined
  }
  const parts = id.slice(at + '/providers/'.length).split('/')
  if (parts.length < 3) return undefined
  const types = [parts[1]]
  for (let i = 3; i < parts.length; i += 2) types.push(parts[i])
  return `${parts[0]}/${types.join('/')}`.toLowerCase()
}

/**
 * Types whose native id is itself a credential identifier (access key ids, API key ids): their id is
 * built from the Terraform address instead, so no key id reaches the snapshot.
 */
/** Types whose id is a credential (an access key id): never a resource id. */
const CREDENTIAL_TYPE = /access_?key|api_key|_s3_key$|_token|password|credential|_secret$|secret_version/

/** Scaleway ids are `<zone or region>/<uuid>`; STACKIT ids are `<project>,[<region>,]<id>`. The collectors use the last part. */
function nativeId(provider: string, id: string): string {
  if (provider === 'scaleway') {
    const zoned = /^[a-z]{2}-[a-z]{3}(?:-\d+)?\/(.+)$/.exec(id)
    if (zoned) return zoned[1]!
  }
  if (provider === 'stackit' && id.includes(',')) return id.slice(id.lastIndexOf(',') + 1)
  return id
}

export interface IdInput {
  provider: string
  tfType: string
  /** The canonical type (catalog alias target) or the Terraform type when unmapped. */
  type: string
  mapped: boolean
  address: string
  read: Read
}

/** The provider-native id of the instance, else `<provider>:<kind>:<native id>`. */
export function resourceId({provider, tfType, type, mapped, address, read}: IdInput): string {
  if (provider === 'aws') {
    const arn = read('arn')
    if (arn?.startsWith('arn:')) return arn
    // A planned bucket has no ARN yet, but its name makes it (bucket names are global).
    const bucket = tfType === 'aws_s3_bucket' ? read('bucket') : undefined
    if (bucket && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) return `arn:aws:s3:::${bucket}`
  } else if (provider === 'azure') {
    const id = read('id')
    // Association resources reuse the id of what they attach to; only the owner of the id keeps it.
    const association = tfType.endsWith('_association')
    if (id && !association && /^\/(subscriptions|providers)\//i.test(id) && (!mapped || armTypeOf(id) === type.toLowerCase()))
      return id
  } else if (provider === 'gcp') {
    const name = gcpAssetName(tfType, read)
    if (name) return name
  }
  const id = CREDENTIAL_TYPE.test(tfType) ? undefined : read('id')
  const native = id ? nativeId(provider, id) : address
  const kindPrefix = `${provider}:`
  return mapped && type.startsWith(kindPrefix) ? `${type}:${native}` : `${provider}:${tfType}:${native}`
}

/** True for the fallback id built from the Terraform address (no native id was known). */
export const isAddressId = (id: string, address: string): boolean => id.endsWith(`:${address}`)

/**
 * An address-based id made unique to one configuration: `aws:aws_sqs_queue:aws_sqs_queue.events`
 * becomes `aws:aws_sqs_queue:<namespace>#aws_sqs_queue.events`.
 */
export function namespacedId(id: string, address: string, namespace: string): string {
  return `${id.slice(0, id.length - address.length)}${namespace}#${address}`
}
