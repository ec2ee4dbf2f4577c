/**
 * The step shared by state files and `terraform show -json`: providers mapped, instances turned into
 * resources, dependency addresses resolved to ids, and regions filled in from what a resource depends on.
 * One pass over the instances plus one over their dependencies; lookups are by Map, never by scanning.
 */
import {InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {AddressIndex} from './address.js'
import {mapInstance} from './mapping.js'
import {mapProvider, type ProviderMapping} from './providers.js'
import {bump, type TerraformInstance} from './types.js'

export interface BuildOptions {
  file: string
  source: string
  canonicalType: (tfType: string) => string | undefined
  /** `namespace/type` or `type` of providers to skip instead of failing on them. */
  skipProviders: ReadonlySet<string>
}

export interface BuildResult {
  resources: ResourceInput[]
  skipped: Record<string, number>
  /** True when any provider came from registry.opentofu.org. */
  opentofu: boolean
}

export function buildResources(instances: readonly TerraformInstance[], options: BuildOptions): BuildResult {
  const skipped: Record<string, number> = {}
  const index = new AddressIndex()
  const built: {instance: TerraformInstance; resource: ResourceInput}[] = []
  const usedIds = new Set<string>()
  let opentofu = false
  // A state names a handful of provider addresses; map each once.
  const providers = new Map<string, ProviderMapping>()

  for (const instance of instances) {
    let provider = providers.get(instance.provider)
    if (!provider) {
      provider = mapProvider(instance.provider, options.skipProviders)
      providers.set(instance.provider, provider)
    }
    if (provider.kind === 'unknown')
      throw new InputError(
        `${options.file}: ${instance.address} uses the provider ${instance.provider}, which exitready does not know.`,
        `Pass --skip-provider ${provider.source} to import the rest without it, or open an issue asking for it to be mapped.`,
      )
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
    if (usedIds.has(resource.id)) {
      // Two instances claim one id (an association reusing the id of what it attaches): keep them apart.
      resource.id = `${resource.provider}:${instance.type}:${instance.address}`
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

  return {resources: built.map((b) => b.resource), skipped, opentofu}
}
