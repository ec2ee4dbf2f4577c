import type {ResourceInput} from '../../inventory/model.js'

export const GCP_SOURCE = 'scan:gcp:cloud-asset'
export const PROJECT_TYPE = 'cloudresourcemanager.googleapis.com/Project'

/**
 * additionalAttributes keys kept: those the catalog refines on, plus the project id of Project
 * results (which lets accounts show project ids). The API says the set may change, so nothing
 * else is relied on.
 */
const KEPT_ATTRIBUTES = new Set([
  'databaseVersion',
  'machineType',
  'format',
  'runtime',
  'storageClass',
  'currentMasterVersion',
  'tier',
  'redisVersion',
  'projectId',
])

type Value = Record<string, unknown>

/** google.protobuf.Value as the REST transport decodes it ({kind, stringValue} …) → plain JSON. */
export function fromProtoValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  const v = value as Value
  switch (v.kind) {
    case 'nullValue':
      return null
    case 'numberValue':
      return v.numberValue
    case 'stringValue':
      return v.stringValue
    case 'boolValue':
      return v.boolValue
    case 'structValue':
      return fromProtoStruct(v.structValue)
    case 'listValue':
      return Array.isArray((v.listValue as Value | undefined)?.values)
        ? ((v.listValue as Value).values as unknown[]).map(fromProtoValue)
        : []
    default:
      return value
  }
}

/** google.protobuf.Struct ({fields: {k: Value}}, as the SDK decodes it) or plain JSON (as REST and gcloud print it) → a plain object. */
export function fromProtoStruct(struct: unknown): Record<string, unknown> {
  if (typeof struct !== 'object' || struct === null) return {}
  const fields = (struct as Value).fields
  const entries = typeof fields === 'object' && fields !== null ? fields : struct
  return Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, fromProtoValue(value)]))
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

const HIERARCHY_TYPES = new Set([
  PROJECT_TYPE,
  'cloudresourcemanager.googleapis.com/Folder',
  'cloudresourcemanager.googleapis.com/Organization',
])

/** Projects, folders and organisations are the hierarchy, not resources a workload depends on. */
function isHierarchy(name: string, assetType: string | undefined): boolean {
  if (assetType) return HIERARCHY_TYPES.has(assetType)
  return /^\/\/cloudresourcemanager\.googleapis\.com\/(projects|folders|organizations)\/[^/]+$/.test(name)
}

/**
 * Resource Manager tags (`tags`, and `effectiveTags` with the inherited ones) as tags: the
 * namespaced key (`123456789/env`) names the value's short name (`prod` of `123456789/env/prod`).
 * Labels keep their own keys, which cannot contain a slash, so the two never collide.
 */
function resourceManagerTags(result: Record<string, unknown>, into: Record<string, string>): void {
  const put = (tag: unknown, overwrite: boolean) => {
    const key = text((tag as Value | undefined)?.tagKey)
    const value = text((tag as Value | undefined)?.tagValue)
    if (!key || !value || (!overwrite && key in into)) return
    into[key] = value.startsWith(`${key}/`) ? value.slice(key.length + 1) : value
  }
  for (const tag of Array.isArray(result.tags) ? result.tags : []) put(tag, true)
  for (const details of Array.isArray(result.effectiveTags) ? result.effectiveTags : [])
    for (const tag of Array.isArray((details as Value)?.effectiveTags) ? ((details as Value).effectiveTags as unknown[]) : [])
      put(tag, false)
}

/** displayName, unless it is the resource's path (Artifact Registry, Pub/Sub): then its last segment. */
function nameOf(displayName: string | undefined, id: string): string | undefined {
  if (displayName?.includes('/')) return displayName.split('/').pop() || undefined
  return displayName ?? id.split('/').pop()
}

/** `https://www.googleapis.com/compute/v1/projects/p/global/networks/n` → `//compute.googleapis.com/projects/p/global/networks/n`. */
function computeUrlToName(url: string): string | undefined {
  const match = /^https:\/\/(?:www|compute)\.googleapis\.com\/compute\/(?:v1|beta)\/(projects\/.+)$/.exec(url)
  return match ? `//compute.googleapis.com/${match[1]}` : undefined
}

/** A Cloud KMS key as CAI names it; a key version depends on its key. */
function kmsKeyName(key: string): string | undefined {
  const match =
    /^(?:\/\/cloudkms\.googleapis\.com\/)?(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+)/.exec(key)
  return match ? `//cloudkms.googleapis.com/${match[1]}` : undefined
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** One ResourceSearchResult as an inventory resource; undefined when it lacks a name or type. */
export function mapSearchResult(result: Record<string, unknown>): ResourceInput | undefined {
  const id = text(result.name)
  const type = text(result.assetType)
  if (!id || !type) return undefined
  const additional = fromProtoStruct(result.additionalAttributes)

  const attributes: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(additional))
    if (KEPT_ATTRIBUTES.has(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'))
      attributes[key] = value
  const parent = text(result.parentFullResourceName)
  if (parent) attributes.parentFullResourceName = parent

  const dependsOn = [
    ...new Set(
      [
        parent && !isHierarchy(parent, text(result.parentAssetType)) ? parent : undefined,
        ...strings(additional.networkInterfaceNetworks).map(computeUrlToName),
        ...[...strings(result.kmsKeys), text(result.kmsKey)].map((k) => (k ? kmsKeyName(k) : undefined)),
      ].filter((v): v is string => v !== undefined && v !== id),
    ),
  ]

  const tags: Record<string, string> = {}
  if (typeof result.labels === 'object' && result.labels !== null)
    for (const [key, value] of Object.entries(result.labels)) if (typeof value === 'string') tags[key] = value
  resourceManagerTags(result, tags)

  return {
    id,
    provider: 'gcp',
    type,
    name: nameOf(text(result.displayName), id),
    account: text(result.project)?.replace(/^projects\//, ''),
    region: text(result.location) ?? 'global',
    tags,
    attributes,
    ...(dependsOn.length > 0 ? {dependsOn} : {}),
    source: GCP_SOURCE,
  }
}

/**
 * Results name their project by number; show the project id where a Project result of the scan
 * told it, so accounts read the same as in gcloud and Terraform.
 */
export function projectIdsAsAccounts(resources: ResourceInput[]): void {
  const ids = new Map<string, string>()
  for (const r of resources) {
    const projectId = r.attributes?.projectId
    // A Project result carries its number in `project`; its name may hold the id or the number.
    const projectNumber = r.account ?? r.id.split('/').pop()
    if (r.type === PROJECT_TYPE && typeof projectId === 'string' && projectNumber) ids.set(projectNumber, projectId)
  }
  for (const r of resources) {
    const number = r.account ?? (r.type === PROJECT_TYPE ? r.id.split('/').pop() : undefined)
    if (number && ids.has(number)) r.account = ids.get(number)
  }
}
