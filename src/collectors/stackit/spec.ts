import {z} from 'zod'
import {InputError} from '../../errors.js'
import {listOption as list} from '../options.js'
import type {ProviderSpec} from '../types.js'

/** STACKIT's declarations: options, scan flags and request budget, without the collector. */

/** The regions every product API of the specs serves (their `region` enums name exactly these). */
export const DEFAULT_REGIONS = ['eu01', 'eu02']

export interface StackitOptions {
  /** Project ids to scan; without them the resource manager is asked. */
  projects?: string[]
  /** Scan every project under this organisation (or folder) instead of the service account's own. */
  organizationId?: string
  /** Without it: STACKIT_REGION, else DEFAULT_REGIONS. */
  regions?: string[]
  /** Items per page of the paged lists (resource manager, PostgreSQL Flex); only the library API sets it. */
  pageSize?: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const options = z.object({
  projects: list(z.string().regex(UUID, 'a STACKIT project id is a UUID, e.g. 54066bf4-1aff-4f7b-9f83-fb23c348fee3')),
  // The resource manager takes the UUID or the containerId (e.g. organization-acme-4f7a1c2e).
  organizationId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'a STACKIT organisation id is a UUID or a container id')
    .optional(),
  regions: list(z.string().regex(/^[a-z]{2}\d{2}$/, 'a STACKIT region looks like eu01')),
  // The resource manager caps `limit` at 100.
  pageSize: z.number().int().min(1).max(100).optional(),
})

export const spec: ProviderSpec<StackitOptions> = {
  id: 'stackit',
  title: 'STACKIT',
  options,
  flags: [
    {
      name: 'stackit-projects',
      option: 'projects',
      description: 'STACKIT project ids (default: STACKIT_PROJECT_ID(S), or every project the service account can see).',
      kind: 'list',
      aliases: ['stackit-project'],
    },
    {
      name: 'stackit-organization',
      option: 'organizationId',
      description: 'STACKIT organisation id whose projects to list.',
      kind: 'string',
    },
    {
      name: 'stackit-regions',
      option: 'regions',
      description: 'STACKIT regions (default: STACKIT_REGION, else eu01,eu02).',
      kind: 'list',
      default: DEFAULT_REGIONS.join(','),
    },
  ],
  rateLimits:
    'STACKIT publishes no request budget for the read APIs used here; the IaaS API documents 429 Too Many Requests. ' +
    'exitready stays within --concurrency and waits as Retry-After says, retrying the same page.',
}

/** The collector's own parse: idempotent on options the registry already validated, exit 2 on anything else. */
export function parseStackitOptions(raw: unknown): StackitOptions {
  const result = options.safeParse(raw ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const key = String(issue.path[0] ?? 'options')
  const flag = spec.flags.find((f) => f.option === key)
  throw new InputError(
    `${flag ? `--${flag.name}` : `stackit option "${key}"`}: ${issue.message.replace(/\.+$/, '')}.`,
    'See `exitready scan --help` for the accepted values.',
  )
}
