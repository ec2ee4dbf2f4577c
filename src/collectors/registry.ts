import {InputError} from '../errors.js'
import type {Collector, ProviderSpec} from './types.js'

/** Providers `exitready scan` can read live; each has a folder src/collectors/<id>/ exporting `collector`. */
export const SCANNABLE_PROVIDERS = [
  'aws',
  'azure',
  'gcp',
  'hetzner',
  'scaleway',
  'ovhcloud',
  'ionos',
  'stackit',
  'exoscale',
  'upcloud',
  'openstack',
] as const
export type ScannableProvider = (typeof SCANNABLE_PROVIDERS)[number]

export function isScannable(id: string): id is ScannableProvider {
  return (SCANNABLE_PROVIDERS as readonly string[]).includes(id)
}

/**
 * Loads a collector module on demand. Collector modules load their SDKs lazily too, so `--help`
 * and providers that are not scanned never pay for them.
 */
export async function loadCollector(id: string): Promise<Collector> {
  if (!isScannable(id)) throw new InputError(`Unknown provider "${id}".`, `Choose from: ${SCANNABLE_PROVIDERS.join(', ')}.`)
  const module = (await import(`./${id}/index.js`)) as {collector: Collector}
  return module.collector
}

/** A provider's declarations (options schema, flags, rate limits), without its collector or SDK. */
export async function loadProviderSpec(id: string): Promise<ProviderSpec | undefined> {
  const {PROVIDER_SPECS} = await import('./specs.js')
  return PROVIDER_SPECS.find((spec) => spec.id === id)
}
