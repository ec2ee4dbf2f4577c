import {z} from 'zod'
import {InputError} from '../../errors.js'
import type {ProviderSpec} from '../types.js'

/** IONOS Cloud's declarations: options, scan flags and request budget, without the collector. */

export interface IonosOptions {
  /**
   * `limit` of every paged list (Cloud API: default 1000, at most 10000; DBaaS: default 100). Only
   * the library API sets it; without it each API's default page is asked for.
   */
  pageSize?: number
}

const options = z.object({
  pageSize: z.number().int().min(1).max(10_000).optional(),
})

export const spec: ProviderSpec<IonosOptions> = {
  id: 'ionos',
  title: 'IONOS Cloud',
  options,
  // Credentials and the contract come from IONOS_* variables, as for the IONOS SDKs and ionosctl.
  flags: [],
  // Unconfirmed: that the Cloud API sends X-RateLimit-* headers; the HTTP layer reads them if it does.
  rateLimits:
    'IONOS sets the Cloud API request limits per contract and publishes no figure; it answers 429 (request rate limit ' +
    'exceeded), and its SDKs wait as Retry-After says. exitready does the same, and pauses when a response says no ' +
    'requests remain (X-RateLimit-Remaining: 0).',
}

/** The collector's own parse: idempotent on options the registry already validated, exit 2 on anything else. */
export function parseIonosOptions(raw: unknown): IonosOptions {
  const result = options.safeParse(raw ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new InputError(
    `ionos option "${String(issue.path[0] ?? 'options')}": ${issue.message.replace(/\.+$/, '')}.`,
    'See docs/providers/ionos.md for the accepted options.',
  )
}
