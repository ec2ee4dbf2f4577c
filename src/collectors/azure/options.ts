import {z} from 'zod'
import {InputError} from '../../errors.js'
import {AZURE_CLOUD_NAMES, type AzureCloudName} from './clouds.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Flags give arrays (`--x a --x b,c`), the library API an array or "a,b": both become one trimmed list. */
function splitList(value: unknown): unknown {
  if (value === undefined || value === null) return undefined
  const items = Array.isArray(value) ? value : [value]
  return items.flatMap((item) => (typeof item === 'string' ? item.split(',') : [item])).filter((item) => item !== '')
}

const listOf = (item: z.ZodType<string>) => z.preprocess(splitList, z.array(item)).optional()

const subscriptionId = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\/?subscriptions\//i, '').toLowerCase())
  .refine((s) => GUID.test(s), 'a subscription id is a GUID such as 00000000-0000-0000-0000-000000000000')

const managementGroupId = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\/?providers\/Microsoft\.Management\/managementGroups\//i, ''))
  .refine((s) => /^[\w().-]{1,90}$/.test(s), 'a management group id has up to 90 letters, digits, - _ . ( )')

export interface AzureOptions {
  subscriptions?: string[]
  managementGroups?: string[]
  cloud: AzureCloudName
}

const unique = (values: string[] | undefined) => (values?.length ? [...new Set(values)] : undefined)

/** Validates and normalises the Azure options; parsing its own output again gives the same value. */
export const azureOptions: z.ZodType<AzureOptions> = z
  .object({
    subscriptions: listOf(subscriptionId),
    managementGroups: listOf(managementGroupId),
    cloud: z.enum(AZURE_CLOUD_NAMES).optional(),
  })
  .transform(
    ({subscriptions, managementGroups, cloud}): AzureOptions => ({
      subscriptions: unique(subscriptions),
      managementGroups: unique(managementGroups),
      cloud: cloud ?? 'public',
    }),
  )

/** ctx.options.azure as collect() reads it; the registry has parsed it already, this parse is idempotent. */
export function parseAzureOptions(raw: unknown): AzureOptions {
  const result = azureOptions.safeParse(raw ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new InputError(`Azure option ${issue.path.join('.') || 'value'}: ${issue.message}.`)
  }
  return result.data
}
