import {Flags} from '@oclif/core'
import {DEFAULT_CONCURRENCY} from '../collectors/scan.js'
import {PROVIDER_SPECS} from '../collectors/specs.js'
import {providerOptionsFromFlags as optionsFromSpecs, providerFlags} from './provider-flags.js'

/**
 * Flags of `exitready scan`: what to scan and where to write it, then each provider's own flags,
 * generated from its declaration (src/collectors/<id>/spec.ts) and grouped under its name.
 */
export const scanFlags = {
  provider: Flags.string({
    char: 'p',
    description:
      'Scan only these providers, comma-separated or repeated (case-insensitive). Without it, every provider whose credentials are present is scanned.',
    multiple: true,
    delimiter: ',',
    aliases: ['providers'],
  }),
  out: Flags.string({
    char: 'o',
    description:
      'Snapshot file to write (atomically); a .ndjson extension writes NDJSON. Default: inventory.json, or inventory.ndjson above 100,000 resources.',
  }),
  concurrency: Flags.integer({
    description: 'Requests in flight per provider, across accounts, regions and subscriptions.',
    default: DEFAULT_CONCURRENCY,
    min: 1,
    max: 128,
  }),
  endpoint: Flags.string({
    description:
      'Override a provider API base URL, as <provider>=<url>, comma-separated or repeated; also EXITREADY_ENDPOINT_<PROVIDER>. For sovereign clouds, proxies and local emulators.',
    multiple: true,
    delimiter: ',',
    aliases: ['endpoints'],
  }),
  partial: Flags.boolean({
    description: 'On Ctrl-C, write what was read as a snapshot marked partial (exit 130); --no-partial writes nothing.',
    allowNo: true,
    default: true,
  }),
  ...providerFlags(PROVIDER_SPECS),
}

/** ctx.options for every provider, from the parsed flags, keyed as each provider's schema reads them. */
export function providerOptionsFromFlags(flags: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return optionsFromSpecs(PROVIDER_SPECS, flags)
}
