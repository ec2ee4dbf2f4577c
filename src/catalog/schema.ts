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
    service: z
      .string()
      .min(1)
      .describe(
        'A product in that provider’s `offers` (providers.yaml), optionally with a qualifier: "Kubernetes Kapsule (self-run Kong)".',
      ),
  })
  .strict()
export type EuropeanOffer = z.infer<typeof EuropeanOfferSchema>

export const OFFER_STATUSES = ['ga', 'beta', 'retiring'] as const
export const OfferStatusSchema = z.enum(OFFER_STATUSES)
export type OfferStatus = z.infer<typeof OfferStatusSchema>

const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')

/** Where a European product was checked: one record per product, shared by every entry that names it. */
export const OfferProvenanceSchema = z
  .object({
    source: z
      .string()
      .min(1)
      .describe(
        'The product page (https://…), the provider’s Terraform resource (terraform:<type>), or reference/european-services.yaml#<provider>.<category> when only the seed list says so.',
      ),
    status: OfferStatusSchema.describe('ga, beta (preview) or retiring.'),
    verifiedOn: IsoDateSchema.describe(
      'When the source was read (for a Terraform resource: the date of the provider commit read).',
    ),
    compute: z
      .boolean()
      .optional()
      .describe(
        'Customers run their own software on it (servers, Kubernetes): an offer naming software on it says "(self-run …)".',
      ),
    note: z.string().optional(),
  })
  .strict()
export type OfferProvenance = z.infer<typeof OfferProvenanceSchema>

export const JurisdictionSchema = z.enum(['EU', 'EEA+CH', 'non-EU'])
export type Jurisdiction = z.infer<typeof JurisdictionSchema>

/** An entity other than the owner that runs a service or can be compelled to hand over its data. */
export const ForeignAccessSchema = z
  .object({
    via: z.string().min(1).describe('The subsidiary, operating entity or operation outside the EU/EEA.'),
    country: z.string().length(2).describe('ISO 3166-1 alpha-2 country whose authorities reach through it.'),
    kind: z
      .enum(['subsidiary', 'operating-entity', 'locations'])
      .describe('A non-EU subsidiary of the group, the entity that runs the service, or data centres outside the EU.'),
    basis: z.string().min(1).describe('The case or law that shows the reach.'),
    source: z.string().min(1).describe('Where this was read (URL).'),
  })
  .strict()
export type ForeignAccess = z.infer<typeof ForeignAccessSchema>

/** For SaaS: the vendor that controls the service, when it is not the provider of providers.yaml. */
export const VendorSchema = z
  .object({
    name: z.string().min(1),
    country: z.string().length(2).describe('ISO 3166-1 alpha-2 country of the controlling parent.'),
    jurisdiction: JurisdictionSchema,
    operatingEntity: z
      .object({name: z.string().min(1), country: z.string().length(2), source: z.string().min(1)})
      .strict()
      .optional()
      .describe('The company that runs the service and holds the data, where it differs from the brand owner.'),
  })
  .strict()
export type Vendor = z.infer<typeof VendorSchema>

/** The mapping fields that an entry, a service default or a refine rule may set. */
const mappingFields = {
  category: z.string().min(1).describe('A category id from categories.yaml.'),
  portability: PortabilitySchema,
  speaks: z.string().min(1).optional().describe('What the service speaks today: the API or protocol its clients use now.'),
  target: z.string().min(1).optional().describe('The open standard or protocol to move to.'),
  standard: z.string().min(1).optional().describe('Deprecated: read as `target`. Write `speaks` and `target` instead.'),
  equivalents: z.array(z.string().min(1)).optional().describe('Open-source projects that do the same job.'),
  european: z.array(EuropeanOfferSchema).optional().describe('Services at European providers that offer the equivalent.'),
  stateful: z.boolean().describe('Whether the resource holds data (data gravity).'),
  effort: EffortSchema.optional(),
  exit: z.string().min(1).optional().describe('One or two lines on how to leave.'),
  vendor: VendorSchema.optional().describe('SaaS only: who controls the service; overrides the provider jurisdiction.'),
  retiring: IsoDateSchema.optional().describe('The day the provider retires this service (or this tier of it).'),
  successor: z.string().min(1).optional().describe('What the provider tells customers to move to instead.'),
  retirementNotice: z.string().min(1).optional().describe('The provider’s announcement of the retirement (URL).'),
}

/** `standard` was split into `speaks` and `target`; an old file's `standard` is read as `target`, and both stay readable. */
function withTarget<T extends {target?: string; standard?: string}>(fields: T): T {
  const target = fields.target ?? fields.standard
  return target === undefined ? fields : {...fields, target, standard: target}
}

/** A `when` value: a glob, a list of globs, or null for "absent or not read" (the collector's attributesUnread). */
export const WhenValueSchema = z.union([z.string(), z.array(z.string()).min(1), z.null()])

export const RefineRuleSchema = z
  .object({
    when: z
      .record(z.string(), WhenValueSchema)
      .describe(
        'Attribute name → value, glob, list of either, or null (absent or unread); every key must match (case-insensitive).',
      ),
    set: z.object(mappingFields).partial().strict().transform(withTarget).default({}),
    resolveTo: z
      .string()
      .min(1)
      .optional()
      .describe('The resource is really this other type (an ARN namespace shared by several services): use its entry.'),
    assume: z
      .string()
      .min(1)
      .optional()
      .describe('What the mapping assumes because an attribute is unknown; shown with the resource ("engine unknown …").'),
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
  .transform(withTarget)
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>

export const ServiceDefaultSchema = z
  .object({
    ...mappingFields,
    title: z.string().optional(),
    refine: z.array(RefineRuleSchema).optional(),
  })
  .strict()
  .transform(withTarget)
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
    parentId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional()
      .describe('A stable id of the ultimate parent, shared by the providers and SaaS vendors (ownership.yaml) of one group.'),
    parentCountry: z.string().length(2),
    jurisdiction: JurisdictionSchema.describe('Control, not residency: where the controlling owner is.'),
    extraterritorial: z.array(z.string()).describe('Foreign access laws that reach it (empty when none).'),
    foreignAccessVia: z
      .array(ForeignAccessSchema)
      .optional()
      .describe('Non-EU subsidiaries and operations through which non-EU authorities have reached or can reach its data.'),
    notes: z.string().optional(),
    authUrls: z.array(z.string()).optional().describe('OpenStack auth URL hosts that identify this cloud.'),
    offers: z
      .record(z.string(), OfferProvenanceSchema)
      .optional()
      .describe('Its products that catalog entries name as European offers, each with where and when it was checked.'),
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
    dataAct: z
      .string()
      .optional()
      .describe('What the EU Data Act lets a provider charge for switching and for parallel use (Arts. 29 and 34).'),
    providers: z.record(z.string(), EgressPriceSchema),
  })
  .strict()
export type EgressPrice = z.infer<typeof EgressPriceSchema>
export type EgressFile = z.infer<typeof EgressFileSchema>
