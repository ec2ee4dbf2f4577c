import {z} from 'zod'
import {listOption as list} from '../options.js'
import type {ProviderSpec} from '../types.js'
import {PUBLIC_REGIONS, PUBLIC_ZONES} from './localities.js'

// Shapes only, not the known list: a zone Scaleway opens after this release is still scanned when named.
export const scalewayOptions = z.object({
  zones: list(z.string().regex(/^[a-z]{2}-[a-z]{3}-\d+$/, 'a Scaleway zone looks like fr-par-1')),
  regions: list(z.string().regex(/^[a-z]{2}-[a-z]{3}$/, 'a Scaleway region looks like fr-par')),
})

export type ScalewayOptions = z.infer<typeof scalewayOptions>

export const spec: ProviderSpec<ScalewayOptions> = {
  id: 'scaleway',
  title: 'Scaleway',
  options: scalewayOptions,
  flags: [
    {
      name: 'scaleway-zones',
      option: 'zones',
      description: `Scaleway zones to scan, e.g. fr-par-1,nl-ams-1 (default: ${PUBLIC_ZONES.join(', ')}).`,
      kind: 'list',
      aliases: ['scaleway-zone'],
    },
    {
      name: 'scaleway-regions',
      option: 'regions',
      description: `Scaleway regions to scan, e.g. fr-par,nl-ams (default: ${PUBLIC_REGIONS.join(', ')}).`,
      kind: 'list',
      aliases: ['scaleway-region'],
    },
  ],
  rateLimits:
    'No request rate limit is documented for the product APIs that exitready lists (unconfirmed); a 429 is retried after Retry-After, else with backoff.',
}
