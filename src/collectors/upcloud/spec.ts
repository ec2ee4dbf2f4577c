import {z} from 'zod'
import type {ProviderSpec} from '../types.js'

/** The largest page the paged lists accept (upcloud-go-api request.PageSizeMax). */
export const MAX_PAGE_SIZE = 100

export const upcloudOptions = z.object({
  /** Library use only (tests, emulators): the limit of the paged lists. */
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
})

export type UpCloudOptions = z.infer<typeof upcloudOptions>

export const spec: ProviderSpec<UpCloudOptions> = {
  id: 'upcloud',
  title: 'UpCloud',
  options: upcloudOptions,
  // The lists cover the whole account across zones: there is no scope to choose.
  flags: [],
  rateLimits:
    'No request rate limit is documented for the API 1.3 lists (unconfirmed); a 429 is retried after Retry-After, else with backoff.',
}
