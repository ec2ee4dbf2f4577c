import {spec as aws} from './aws/spec.js'
import {spec as azure} from './azure/spec.js'
import {spec as exoscale} from './exoscale/spec.js'
import {spec as gcp} from './gcp/spec.js'
import {spec as hetzner} from './hetzner/spec.js'
import {spec as ionos} from './ionos/spec.js'
import {spec as openstack} from './openstack/spec.js'
import {spec as ovhcloud} from './ovhcloud/spec.js'
import {spec as scaleway} from './scaleway/spec.js'
import {spec as stackit} from './stackit/spec.js'
import type {ProviderSpec} from './types.js'
import {spec as upcloud} from './upcloud/spec.js'

/**
 * Every provider's declarations (options schema, flags, rate limits), in the order of `--help`.
 * Light modules only (zod and small tables): collectors and SDKs stay lazily loaded.
 */
export const PROVIDER_SPECS: readonly ProviderSpec[] = [
  aws,
  azure,
  gcp,
  hetzner,
  scaleway,
  ovhcloud,
  ionos,
  stackit,
  exoscale,
  upcloud,
  openstack,
] as ProviderSpec[]
