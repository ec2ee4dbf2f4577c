import {z} from 'zod'
import {ProviderIdSchema} from '../inventory/model.js'
import {DnsZonesSchema} from './dns/records-file.js'

const TagValueSchema = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((value) => String(value))
  .describe('A tag value; numbers and booleans are stored as text.')

export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const

export const ManualEntrySchema = z
  .strictObject({
    service: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A SaaS service: `<vendor>/<service>` as in catalog/saas.yaml (e.g. microsoft-365/exchange-online, google-workspace/gmail) or one of its aliases (slack, zoom, jira). Becomes the type saas:<vendor>/<service>.',
      ),
    type: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Instead of service: any canonical type or catalog alias (AWS::S3::Bucket, hetzner:server, aws_s3_bucket), for what no API or export lists.',
      ),
    provider: ProviderIdSchema.optional().describe('Provider id for `type` entries whose type does not name it (default: saas).'),
    name: z.string().min(1).optional().describe('Display name; also what dependsOn of other entries can refer to.'),
    id: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Stable id. Used as given when it contains ":" or "/" (e.g. an ARN, to merge with a scan); otherwise prefixed with the type. Default: from the name or account.',
      ),
    account: z.string().min(1).optional().describe('Tenant, organisation or workspace (e.g. the Microsoft 365 tenant).'),
    region: z.string().min(1).optional().describe('Where the data is held, e.g. eu, eu-west, de.'),
    seats: z.number().int().nonnegative().optional().describe('Licensed seats.'),
    users: z.number().int().nonnegative().optional().describe('Active users.'),
    dataGiB: z.number().nonnegative().optional().describe('Data held in the service, in GiB (mailboxes, files, records).'),
    plan: z.string().min(1).optional().describe('Edition or plan, e.g. E5, Business Plus, Enterprise.'),
    criticality: z.enum(CRITICALITIES).optional().describe('Stored as the tag `criticality`.'),
    tags: z
      .record(z.string().min(1), TagValueSchema)
      .optional()
      .describe('Tags, e.g. owner, critical-function ("true" for DORA), exit-plan (a link to the exit plan).'),
    dependsOn: z
      .array(z.string().min(1))
      .optional()
      .describe('What this service relies on: the name or id of another entry, or any resource id (ARN, ARM id …).'),
    notes: z.string().optional().describe('Free text for people; not stored in the snapshot.'),
  })
  .refine((entry) => (entry.service === undefined) !== (entry.type === undefined), {
    message: 'give either "service" (a SaaS service) or "type", not both and not neither',
    path: ['service'],
  })
export type ManualEntry = z.infer<typeof ManualEntrySchema>

/** The local part of an entry's default id: its explicit id, else its name, else its account. */
export function entryKey(entry: ManualEntry): string {
  const base = entry.id ?? entry.name ?? entry.account ?? 'default'
  return (
    base
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9.@_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'default'
  )
}

export const ManualInventorySchema = z
  .strictObject({
    apiVersion: z.literal('exitready.dev/v1'),
    kind: z.literal('Inventory'),
    metadata: z
      .strictObject({
        name: z.string().min(1).optional(),
        owner: z.string().min(1).optional().describe('Who keeps this inventory up to date.'),
        description: z.string().optional(),
        reviewed: z.string().optional().describe('When it was last reviewed (a date).'),
      })
      .optional(),
    defaults: z
      .strictObject({
        account: z.string().min(1).optional(),
        region: z.string().min(1).optional(),
        tags: z.record(z.string().min(1), TagValueSchema).optional(),
      })
      .optional()
      .describe('Applied to every entry that does not set its own.'),
    resources: z.array(ManualEntrySchema).default([]).describe('One entry per service or resource.'),
    dns: DnsZonesSchema.optional().describe(
      'DNS zones and their records: the SaaS they reveal (MX, SPF, DKIM, SRV, CNAME, verification TXT) is added, with the record as evidence.',
    ),
  })
  .superRefine((inventory, ctx) => {
    const seen = new Map<string, number>()
    inventory.resources.forEach((entry, index) => {
      const key = `${entry.service ?? entry.type}\u0000${entryKey(entry)}`
      const first = seen.get(key)
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['resources', index],
          message: `same service and name as resources[${first}]; give one of them a different name or id`,
        })
      else seen.set(key, index)
    })
  })
  .describe('An exitready manual inventory: SaaS services and anything else no cloud API lists.')
export type ManualInventory = z.infer<typeof ManualInventorySchema>
