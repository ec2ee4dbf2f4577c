import {z} from 'zod'
import {listOption as list} from '../options.js'
import type {ProviderSpec} from '../types.js'

export const hetznerOptions = z.object({
  /** Names the project in the inventory: a token covers one project, and the API does not name it. */
  project: z.string().trim().min(1, 'give the project a name').optional(),
  /** Object Storage locations to list buckets in (default fsn1, nbg1, hel1, or HETZNER_S3_LOCATIONS). */
  objectStorageLocations: list(z.string().regex(/^[a-z0-9-]+$/, 'a Hetzner location looks like fsn1')),
})

export type HetznerOptions = z.infer<typeof hetznerOptions>

export const spec: ProviderSpec<HetznerOptions> = {
  id: 'hetzner',
  title: 'Hetzner Cloud',
  options: hetznerOptions,
  flags: [
    {
      name: 'hetzner-project',
      option: 'project',
      description: 'Name recorded as the account of every Hetzner resource (default: the hcloud CLI context name).',
      kind: 'string',
    },
    {
      name: 'hetzner-s3-locations',
      option: 'objectStorageLocations',
      description: 'Hetzner Object Storage locations to list buckets in, e.g. fsn1,nbg1 (default: fsn1, nbg1, hel1).',
      kind: 'list',
      aliases: ['hetzner-s3-location'],
    },
  ],
  rateLimits:
    '3,600 requests an hour per project, refilled one a second (RateLimit-Limit, RateLimit-Remaining, and RateLimit-Reset as the Unix time the budget is full again); 429 rate_limit_exceeded beyond it. Object Storage limits are not documented.',
}
