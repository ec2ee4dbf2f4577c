import {z} from 'zod'
import {ProviderIdSchema} from '../inventory/model.js'

export const PORTABILITY_CLASSES = ['portable', 'compatible', 'proprietary', 'captive'] as const
export const PortabilitySchema = z.enum(PORTABILITY_CLASSES)
export type Portability = z.infer<typeof PortabilitySchema>
/** A resource no catalog entry covers is `unmapped`: scored as unknown risk, never dropped. */
export type PortabilityOrUnmapped = Portability | 'unmapped'

export const EffortSchema = z.enum(['S', 'M', 'L', 'XL'])
export type Effort = z.infer<typeof EffortSchema>

export const EuropeanOfferSchema = z
  .object({
    provider: ProviderIdSchema.describe('A provider id from providers.yaml.'),
    service: z.string().min(1),
  })
  .strict()
export type EuropeanOffer = z.infer<typeof EuropeanOfferSchema>

export const JurisdictionSchema = z.enum(['EU', 'EEA+CH', 'non-EU'])
export type Jurisdiction = z.infer<typeof JurisdictionSchema>

/** For SaaS: the vendor that controls the service, when it is not the provider of providers.yaml. */
export const VendorSchema = z
  .object({
    name: z.string().min(1),
    country: z.string().length(2).describe('ISO 3166-1 alpha-2 country of the controlling parent.'),
    jurisdiction: JurisdictionSchema,
  })
  .strict()
export type Vendor = z.infer<typeof VendorSchema>

/** The mapping fields that an entry, a service default or a refine rule may set. */
const mappingFields = {
  category: z.string().min(1).describe('A category id from categories.yaml.'),
  portability: PortabilitySchema,
  standard: z.string().min(1).optional().describe('The open standard or protocol to move to.'),
  equivalents: z.array(z.string().min(1)).optional().describe('Open-source projects that do the same job.'),
  european: z.array(EuropeanOfferSchema).optional().describe('Services at European providers that offer the equivalent.'),
  stateful: z.boolean().describe('Whether the resource holds data (data gravity).'),
  effort: EffortSchema.optional(),
  exit: z.string().min(1).optional().describe('One or two lines on how to leave.'),
  vendor: VendorSchema.optional().describe('SaaS only: who controls the service; overrides the provider jurisdiction.'),
}

export const RefineRuleSchema = z
  .object({
    when: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .describe('Attribute name → value, glob, or list of either; every key must match (case-insensitive).'),
    set: z.object(mappingFields).partial().strict(),
    note: z.string().optional(),
  })
  .strict()
export type RefineRule = z.infer<typeof RefineRuleSchema>

export const CatalogEntrySchema = z
  .object({
    ...mappingFields,
    title: z.string().optional(),
    exitSteps: z.array(z.string().min(1)).optional().describe('Ordered steps to leave.'),
    aliases: z
      .array(z.string().min(1))
      .optional()
      .describe('Other names of the type: Terraform types, ARN service:resource patterns, Resource Explorer types.'),
    refine: z.array(RefineRuleSchema).optional(),
  })
  .strict()
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>

export const ServiceDefaultSchema = z
  .object({
    ...mappingFields,
    title: z.string().optional(),
    refine: z.array(RefineRuleSchema).optional(),
  })
  .strict()
export type ServiceDefault = z.infer<typeof ServiceDefaultSchema>

export const ServiceSchema = z
  .object({
    title: z.string().optional(),
    default: ServiceDefaultSchema.optional().describe('Applies to every type of the namespace that has no entry of its own.'),
    types: z.record(z.string(), CatalogEntrySchema).optional(),
  })
  .strict()

export const CatalogFileSchema = z
  .object({
    provider: ProviderIdSchema,
    services: z
      .record(z.string(), ServiceSchema)
      .describe('Namespace (AWS::S3, microsoft.storage, storage.googleapis.com, hetzner, saas:microsoft-365) → service.'),
  })
  .strict()
  .describe('One exitready catalog file: how a provider’s resource types map to portability and exit paths.')
export type CatalogFile = z.infer<typeof CatalogFileSchema>

export const CategorySchema = z
  .object({
    title: z.string(),
    weight: z.number().positive().max(5).describe('Criticality weight in the lock-in index.'),
    critical: z.boolean().describe('Counted in per-category concentration and critical-category rules.'),
    description: z.string().optional(),
  })
  .strict()
export const CategoriesFileSchema = z.object({categories: z.record(z.string(), CategorySchema)}).strict()
export type Category = z.infer<typeof CategorySchema>

export const ProviderInfoSchema = z
  .object({
    name: z.string(),
    legalHome: z.string().length(2).describe('ISO 3166-1 alpha-2 country of the contracting entity.'),
    ultimateParent: z.string().describe('Who ultimately controls it, with country.'),
    parentCountry: z.string().length(2),
    jurisdiction: JurisdictionSchema.describe('Control, not residency: where the controlling owner is.'),
    extraterritorial: z.array(z.string()).describe('Foreign access laws that reach it (empty when none).'),
    notes: z.string().optional(),
    authUrls: z.array(z.string()).optional().describe('OpenStack auth URL hosts that identify this cloud.'),
  })
  .strict()
export const ProvidersFileSchema = z.object({providers: z.record(z.string(), ProviderInfoSchema)}).strict()
export type ProviderInfo = z.infer<typeof ProviderInfoSchema>

export const RegionsFileSchema = z
  .object({
    regions: z
      .record(z.string(), z.record(z.string(), z.string().length(2)))
      .describe('provider → region or zone → ISO 3166-1 alpha-2 country.'),
  })
  .strict()

export const EgressTierSchema = z
  .object({
    upToGiB: z.number().positive().optional().describe('Upper bound of the tier, cumulative; absent on the last tier.'),
    perGiB: z.number().nonnegative(),
  })
  .strict()
export const EgressPriceSchema = z
  .object({
    currency: z.string().length(3),
    freeGiB: z.number().nonnegative().default(0).describe('Free egress per month before the first tier.'),
    tiers: z.array(EgressTierSchema).min(1),
    source: z.string().describe('Where the list price was read.'),
    note: z.string().optional(),
  })
  .strict()
export const EgressFileSchema = z
  .object({
    asOf: z.string().describe('The date the list prices were read (YYYY-MM-DD).'),
    providers: z.record(z.string(), EgressPriceSchema),
  })
  .strict()
export type EgressPrice = z.infer<typeof EgressPriceSchema>
export type EgressFile = z.infer<typeof EgressFileSchema>
