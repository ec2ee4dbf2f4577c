/**
 * The step shared by state files and `terraform show -json`: providers mapped, instances turned into
 * resources, dependency addresses resolved to ids, and regions filled in from what a resource depends on.
 * One pass over the instances plus one over their dependencies; lookups are by Map, never by scanning.
 */
import {InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {AddressIndex} from './address.js'
import {armTypeOf, isAddressId, namespacedId} from './ids.js'
import {mapInstance} from './mapping.js'
import {currentProviderAddress} from './provider-addresses.js'
import {mapProvider, type ProviderMapping} from './providers.js'
import {bump, type TerraformInstance} from './types.js'

export interface BuildOptions {
  file: string
  source: string
  canonicalType: (tfType: string, attributes?: Record<string, unknown>) => string | undefined
  /** `namespace/type` or `type` of providers to skip instead of failing on them. */
  skipProviders: ReadonlySet<string>
  /** Refuse a provider exitready does not know instead of skipping it with a warning. */
  strict?: boolean
  /**
   * What makes an address-based id unique to this configuration (the state's lineage, else the
   * file), so `aws_s3_bucket.data` of two unrelated plans stays two resources.
   */
  namespace: string
}

export interface BuildResult {
  resources: ResourceInput[]
  skipped: Record<string, number>
  /** Providers exitready does not know, `namespace/type` → instances skipped. */
  unknownProviders: Record<string, number>
  /** True when any provider came from registry.opentofu.org. */
  opentofu: boolean
}

const ARM_ID = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)/i

/**
 * Subscriptions by resource-group name (lower case), from the ARM ids the file already knows; a
 * name seen in two subscriptions is ambiguous and left out.
 */
function subscriptionsByGroup(instances: readonly TerraformInstance[]): Map<string, string | null> {
  const byGroup = new Map<string, string | null>()
  for (const instance of instances) {
    const id = instance.attributes.id
    const match = typeof id === 'string' ? ARM_ID.exec(id) : null
    if (!match) continue
    const group = match[2]!.toLowerCase()
    const previous = byGroup.get(group)
    if (previous === undefined) byGroup.set(group, match[1]!)
    else if (previous !== null && previous.toLowerCase() !== match[1]!.toLowerCase()) byGroup.set(group, null)
  }
  return byGroup
}

/**
 * The ARM id of a planned top-level Azure resource that has no id yet, from its subscription
 * (provider block, or a known id in the same resource group), group and name.
 */
function plannedArmId(instance: TerraformInstance, type: string, groups: ReadonlyMap<string, string | null>): string | undefined {
  if (!/^microsoft\.[a-z0-9]+\/[a-z0-9]+$/.test(type)) return undefined
  const {name, resource_group_name: group} = instance.attributes
  if (typeof name !== 'string' || name === '' || typeof group !== 'string' || group === '') return undefined
  const subscription = instance.providerDefaults?.subscription ?? groups.get(group.toLowerCase()) ?? undefined
  if (!subscription) return undefined
  return `/subscriptions/${subscription}/resourceGroups/${group}/providers/${type}/${name}`
}

const ARN_PARTITION: [prefix: string, partition: string][] = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
]

export function buildResources(instances: readonly TerraformInstance[], options: BuildOptions): BuildResult {
  const skipped: Record<string, number> = {}
  const unknownProviders: Record<string, number> = {}
  const index = new AddressIndex()
  const built: {instance: TerraformInstance; resource: ResourceInput}[] = []
  const usedIds = new Set<string>()
  let opentofu = false
  // A state names a handful of provider addresses; map each once.
  const providers = new Map<string, ProviderMapping>()
  const groups = subscriptionsByGroup(instances)

  for (const instance of instances) {
    let provider = providers.get(instance.provider)
    if (!provider) {
      provider = mapProvider(currentProviderAddress(instance.provider), options.skipProviders)
      providers.set(instance.provider, provider)
    }
    if (provider.kind === 'unknown') {
      if (options.strict)
        throw new InputError(
          `${options.file}: ${instance.address} uses the provider ${instance.provider}, which exitready does not know.`,
          `Pass --skip-provider ${provider.source} to import the rest without it, or open an issue asking for it to be mapped.`,
        )
      bump(unknownProviders, provider.source)
      continue
    }
    if (provider.kind === 'skip') {
      bump(skipped, `non-cloud resources (${provider.source.split('/')[1]})`)
      continue
    }
    opentofu ||= provider.opentofu
    const {resource} = mapInstance(instance, {
      provider: provider.provider,
      canonicalType: options.canonicalType,
      source: options.source,
    })
    if (isAddressId(resource.id, instance.address)) {
      const derived = resource.provider === 'azure' ? plannedArmId(instance, resource.type, groups) : undefined
      if (derived && armTypeOf(derived) === resource.type) {
        resource.id = derived
        resource.account ??= derived.split('/')[2]
      } else resource.id = namespacedId(resource.id, instance.address, options.namespace)
    }
    const partition = ARN_PARTITION.find(([prefix]) => resource.region?.startsWith(prefix))?.[1]
    if (partition && resource.id.startsWith('arn:aws:s3:::')) resource.id = `arn:${partition}${resource.id.slice(7)}`
    if (usedIds.has(resource.id)) {
      // Two instances claim one id (an association reusing the id of what it attaches): keep them apart.
      resource.id = `${resource.provider}:${instance.type}:${options.namespace}#${instance.address}`
    }
    usedIds.add(resource.id)
    index.add(instance.modules, instance.type, instance.name, instance.key, resource.id)
    built.push({instance, resource})
  }

  const byId = new Map<string, ResourceInput>()
  for (const {resource} of built) byId.set(resource.id, resource)
  for (const {instance, resource} of built) {
    if (instance.dependencies.length === 0) continue
    const ids = new Set<string>()
    for (const dependency of instance.dependencies)
      for (const id of index.resolve(dependency, instance.modules)) if (id !== resource.id) ids.add(id)
    if (ids.size > 0) resource.dependsOn = [...ids]
  }

  // A resource with no region of its own (an IONOS server in its data centre, a volume attachment)
  // sits where what it depends on sits, when that is one place.
  for (let pass = 0; pass < 2; pass++) {
    for (const {resource} of built) {
      if (resource.region || !resource.dependsOn) continue
      const regions = new Set<string>()
      for (const id of resource.dependsOn) {
        const region = byId.get(id)?.region
        if (region && region !== 'global' && byId.get(id)?.provider === resource.provider) regions.add(region)
      }
      if (regions.size === 1) resource.region = [...regions][0]
    }
  }

  return {resources: built.map((b) => b.resource), skipped, unknownProviders, opentofu}
}
