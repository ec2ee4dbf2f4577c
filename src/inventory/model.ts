import {z} from 'zod'

export const ProviderIdSchema = z
  .string()
  .min(1)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case provider id such as "aws"')
export type ProviderId = z.infer<typeof ProviderIdSchema>

/** The largest size a resource may state: an exabyte. Larger numbers would turn the totals into Infinity. */
export const MAX_SIZE_GIB = 1e9

export const ResourceSchema = z
  .object({
    id: z.string().min(1).describe('Provider-native unique id: ARN, ARM id, CAI full resource name, or <provider>:<kind>:<id>.'),
    provider: ProviderIdSchema,
    type: z
      .string()
      .min(1)
      .describe('Canonical type: CloudFormation type, lower-case ARM type, Cloud Asset type, or <provider>:<kind>.'),
    name: z.string().optional(),
    account: z.string().optional().describe('AWS account, Azure subscription, GCP project, or the provider project.'),
    region: z.string().optional().describe("Provider-native region or zone; 'global' where there is none."),
    tags: z.record(z.string(), z.string()).default({}),
    attributes: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('The few raw properties the catalog refines on; already redacted.'),
    dependsOn: z.array(z.string()).optional().describe('Ids of resources this one uses.'),
    sizeGiB: z
      .number()
      .nonnegative()
      .max(MAX_SIZE_GIB, 'a size above 1,000,000,000 GiB (an exabyte) cannot be real')
      .optional()
      .describe('Stored data in GiB, where the source tells it; at most 1,000,000,000.'),
    source: z.string().min(1).describe('The collector or importer that produced it.'),
    seenBy: z.array(z.string()).optional().describe('Every source that reported this resource, when snapshots were merged.'),
  })
  .describe('One cloud or SaaS resource.')
export type Resource = z.infer<typeof ResourceSchema>
/** What producers hand in: tags may be omitted. */
export type ResourceInput = z.input<typeof ResourceSchema>

export const SourceStatusSchema = z.object({
  provider: ProviderIdSchema,
  scope: z.string().describe('Account, subscription, project, region or file that was read.'),
  status: z.enum(['complete', 'partial', 'failed']),
  error: z.string().optional().describe('One sentence, never with credentials.'),
  warnings: z.array(z.string()).optional(),
  count: z.number().int().nonnegative(),
})
export type SourceStatus = z.infer<typeof SourceStatusSchema>

export const SNAPSHOT_SCHEMA_ID = 'exitready/inventory@1'

export const SnapshotHeaderSchema = z.object({
  schema: z.literal(SNAPSHOT_SCHEMA_ID),
  createdAt: z.iso.datetime({offset: true}),
  sources: z.array(SourceStatusSchema),
})

export const SnapshotSchema = SnapshotHeaderSchema.extend({
  resources: z.array(ResourceSchema),
}).describe('An exitready inventory snapshot: what was collected, from where, and how completely.')
export type Snapshot = z.infer<typeof SnapshotSchema>
export type SnapshotHeader = z.infer<typeof SnapshotHeaderSchema>
