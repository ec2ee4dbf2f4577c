import {z} from 'zod'
import type {ProviderSpec} from '../types.js'

/**
 * What `exitready scan` and the library API may set for OpenStack, declared without loading the
 * collector. Credentials come from clouds.yaml or the OS_* variables, never from options.
 */

/** Region names as a list or a comma-separated string; blanks and repeats dropped, empty means every region. */
const regionList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => {
    const items = (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter((item) => item !== '')
    return items.length > 0 ? [...new Set(items)] : undefined
  })
  .pipe(
    z
      .array(
        z
          .string()
          .max(255, 'a region name has at most 255 characters')
          .regex(/^[^\s,]+$/, 'a region name has no spaces or commas'),
      )
      .optional(),
  )

export const OpenStackOptionsSchema = z.strictObject({
  /** A cloud of clouds.yaml; OS_CLOUD when absent. */
  cloud: z.string().trim().min(1, 'name a cloud of clouds.yaml').max(255).optional(),
  /** Regions to scan; the cloud's own (OS_REGION_NAME, clouds.yaml regions) or every catalog region when absent. */
  regions: regionList.optional(),
})
export type OpenStackOptions = z.infer<typeof OpenStackOptionsSchema>

export const spec: ProviderSpec<OpenStackOptions> = {
  id: 'openstack',
  title: 'OpenStack',
  options: OpenStackOptionsSchema,
  flags: [
    {
      name: 'os-cloud',
      option: 'cloud',
      description: 'OpenStack cloud name from clouds.yaml (default: OS_CLOUD).',
      kind: 'string',
    },
    {
      name: 'os-regions',
      option: 'regions',
      description: 'Comma-separated OpenStack regions (default: every region of the service catalog).',
      kind: 'list',
      aliases: ['os-region'],
    },
  ],
  rateLimits:
    'The OpenStack APIs define no rate limit: each cloud sets its own and answers 429, which is waited out (Retry-After when sent). ' +
    'OVH Public Cloud documents 60 Keystone requests a minute per user and 20 requests a second per project on Nova, Neutron and Cinder; ' +
    'exitready paces those services to that when the auth URL is OVH’s.',
}
