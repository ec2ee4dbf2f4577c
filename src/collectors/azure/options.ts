import {z} from 'zod'
import {InputError} from '../../errors.js'
import {AZURE_CLOUD_NAMES, type AzureCloudName} from './auth.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const AzureOptionsSchema = z.object({
  subscriptions: z
    .array(
      z
        .string()
        .trim()
        .transform((s) => s.replace(/^\/?subscriptions\//i, '').toLowerCase())
        .refine((s) => GUID.test(s), 'a subscription id is a GUID such as 00000000-0000-0000-0000-000000000000'),
    )
    .optional(),
  managementGroups: z
    .array(
      z
        .string()
        .trim()
        .transform((s) => s.replace(/^\/?providers\/Microsoft\.Management\/managementGroups\//i, ''))
        .refine((s) => /^[\w().-]{1,90}$/.test(s), 'a management group id has up to 90 letters, digits, - _ . ( )'),
    )
    .optional(),
  cloud: z.enum(AZURE_CLOUD_NAMES).optional(),
})

export interface AzureOptions {
  subscriptions?: string[]
  managementGroups?: string[]
  cloud: AzureCloudName
}

/** Validates ctx.options.azure (from --azure-subscription, --azure-management-group, --azure-cloud). */
export function parseAzureOptions(raw: unknown): AzureOptions {
  const result = AzureOptionsSchema.safeParse(raw ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new InputError(`Azure option ${issue.path.join('.') || 'value'}: ${issue.message}.`)
  }
  const {subscriptions, managementGroups, cloud} = result.data
  return {
    subscriptions: subscriptions?.length ? [...new Set(subscriptions)] : undefined,
    managementGroups: managementGroups?.length ? [...new Set(managementGroups)] : undefined,
    cloud: cloud ?? 'public',
  }
}
