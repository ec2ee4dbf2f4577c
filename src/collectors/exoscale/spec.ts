import {z} from 'zod'
import {listOption as list} from '../options.js'
import type {ProviderSpec} from '../types.js'

export const exoscaleOptions = z.object({
  /** Zones to scan; without it, every zone that GET /v2/zone returns. */
  zones: list(z.string().regex(/^[a-z]{2}-[a-z]{2,4}-\d+$/, 'an Exoscale zone looks like ch-gva-2')),
})

export type ExoscaleOptions = z.infer<typeof exoscaleOptions>

export const spec: ProviderSpec<ExoscaleOptions> = {
  id: 'exoscale',
  title: 'Exoscale',
  options: exoscaleOptions,
  flags: [
    {
      name: 'exoscale-zones',
      option: 'zones',
      description: 'Exoscale zones to scan, e.g. ch-gva-2,de-fra-1 (default: every zone the API lists).',
      kind: 'list',
      aliases: ['exoscale-zone'],
    },
  ],
  rateLimits:
    'No request rate limit is documented in the API v2 reference (unconfirmed); a 429 is retried after Retry-After, else with backoff.',
}
