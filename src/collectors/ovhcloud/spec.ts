import {z} from 'zod'
import type {ProviderSpec} from '../types.js'
import {isOvhEndpoint, OVH_ENDPOINTS} from './endpoints.js'

/**
 * What `exitready scan` and the library API may set for OVHcloud, declared without loading the
 * collector. The keys come from OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY.
 */
export const OvhcloudOptionsSchema = z.strictObject({
  /** An endpoint name of the official clients or an API URL; OVH_ENDPOINT, then ovh-eu, when absent. */
  endpoint: z
    .string()
    .trim()
    .refine(isOvhEndpoint, `use one of ${Object.keys(OVH_ENDPOINTS).join(', ')}, or an http(s) URL`)
    .optional(),
})
export type OvhcloudOptions = z.infer<typeof OvhcloudOptionsSchema>

export const spec: ProviderSpec<OvhcloudOptions> = {
  id: 'ovhcloud',
  title: 'OVHcloud',
  options: OvhcloudOptionsSchema,
  flags: [
    {
      name: 'ovh-endpoint',
      option: 'endpoint',
      description:
        'OVHcloud API endpoint: ovh-eu, ovh-ca, ovh-us (or kimsufi-*, soyoustart-*) or a URL (default: OVH_ENDPOINT, else ovh-eu).',
      kind: 'string',
    },
  ],
  rateLimits:
    'OVHcloud documents no request budget for the /1.0 API; its maintainers advise staying under about 60 requests a minute ' +
    'per consumer key (fair use). A 429 (Client::TooManyRequests) is retried after Retry-After, else with backoff. Projects and ' +
    'dedicated servers are read 1,000 to a page (X-Pagination-Mode: CachedObjectList-Cursor) rather than one request each.',
}
