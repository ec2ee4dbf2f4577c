import {z} from 'zod'

/** The eight Sovereignty Objectives of the EU Cloud Sovereignty Framework (v1.2.1, section 2). */
export const OBJECTIVE_IDS = ['SOV-1', 'SOV-2', 'SOV-3', 'SOV-4', 'SOV-5', 'SOV-6', 'SOV-7', 'SOV-8'] as const
export const ObjectiveIdSchema = z.enum(OBJECTIVE_IDS)
export type ObjectiveId = z.infer<typeof ObjectiveIdSchema>

const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
const ProfileIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id with dashes, such as "aws-eusc"')

/** A SEAL level, 0 (no sovereignty) to 4 (full digital sovereignty), or `unknown`: never guessed. */
export const SealValueSchema = z.union([z.number().int().min(0).max(4), z.literal('unknown')])
export type SealValue = z.infer<typeof SealValueSchema>

/**
 * Where a level comes from: the provider's own published assessment, a third party's estimate from
 * public information, exitready's conservative reading of catalog facts (an upper bound), or nothing.
 */
export const EVIDENCE_BASES = ['self-assessed', 'third-party', 'catalog-facts', 'unknown'] as const
export const EvidenceBasisSchema = z.enum(EVIDENCE_BASES)
export type EvidenceBasis = z.infer<typeof EvidenceBasisSchema>

export const ObjectiveProfileSchema = z
  .object({
    seal: SealValueSchema,
    bound: z
      .enum(['exact', 'at-most'])
      .default('exact')
      .describe('at-most: a capping fact is known (e.g. a non-EU parent), the other criteria are not; the level is a ceiling.'),
    score: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('Score(SOV-n) / MaxScore(SOV-n) × 100, where the source gives it; absent when unknown.'),
    basis: EvidenceBasisSchema,
    evidence: z.string().min(1).describe('What the level rests on, in one or two sentences.'),
    source: z.string().min(1).optional().describe('Where it was read (URL), or catalog/providers.yaml for catalog facts.'),
    date: IsoDateSchema.optional().describe('When the source was read.'),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.basis !== 'unknown' && (!o.source || !o.date))
      ctx.addIssue({code: 'custom', message: 'a level with evidence needs its source and date', path: ['source']})
    if (o.basis === 'unknown' && o.seal !== 'unknown')
      ctx.addIssue({code: 'custom', message: 'basis unknown goes with seal unknown', path: ['seal']})
  })
export type ObjectiveProfile = z.infer<typeof ObjectiveProfileSchema>

/** How a resource is recognised as running in an offering rather than the provider's ordinary cloud. */
export const OfferingMatchSchema = z
  .object({
    partitions: z.array(z.string().min(1)).optional().describe('AWS partitions, read from the ARN (arn:<partition>:…).'),
    regions: z.array(z.string().min(1)).optional().describe('Region globs, e.g. "eusc-*".'),
    endpoints: z
      .array(z.string().min(1))
      .optional()
      .describe('Globs on the resource id, for clouds whose ids carry their API host (e.g. "*.s3ns.fr*").'),
  })
  .strict()
export type OfferingMatch = z.infer<typeof OfferingMatchSchema>

export const CERTIFICATION_STATUSES = ['held', 'in-progress', 'not-held', 'unknown'] as const

/** A certification or label a provider or offering holds, with its scope and validity. */
export const HeldCertificationSchema = z
  .object({
    scheme: z.string().min(1).describe('An id from the schemes list (secnumcloud, bsi-c5, iso-27001, …).'),
    status: z.enum(CERTIFICATION_STATUSES),
    level: z.string().optional().describe('Type 1/Type 2 (C5), Label Level 1–3 (Gaia-X), IaaS/KaaS (SCS) …'),
    scope: z.string().min(1).describe('Which services, sites or offers the certificate covers, as the source says.'),
    since: IsoDateSchema.optional(),
    expires: IsoDateSchema.optional().describe(
      'Absent when the source does not say; the report then says "expiry not published".',
    ),
    source: z.string().min(1),
    checkedOn: IsoDateSchema,
    note: z.string().optional(),
  })
  .strict()
export type HeldCertification = z.infer<typeof HeldCertificationSchema>

export const ProfileSchema = z
  .object({
    provider: z.string().min(1).describe('A provider id from providers.yaml.'),
    name: z.string().min(1),
    offering: z
      .string()
      .min(1)
      .optional()
      .describe('A sovereign offering that differs from its parent provider; absent for the provider itself.'),
    operator: z.string().optional().describe('Who runs the offering, where it is not the provider (e.g. Thales for S3NS).'),
    match: OfferingMatchSchema.optional().describe(
      'How resources are matched to the offering; resources tagged sovereign-offering=<id> always are.',
    ),
    frameworkVersion: z.string().min(1).describe('The framework version the levels were made against, e.g. csf-1.2.1.'),
    objectives: z.object(
      Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, ObjectiveProfileSchema])) as Record<
        ObjectiveId,
        typeof ObjectiveProfileSchema
      >,
    ),
    certifications: z.array(HeldCertificationSchema).default([]),
    notes: z.string().optional(),
  })
  .strict()
export type Profile = z.infer<typeof ProfileSchema>

/** A certification scheme or label, with its status (adopted or not) and what it certifies. */
export const CertificationSchemeSchema = z
  .object({
    title: z.string().min(1),
    issuer: z.string().min(1),
    kind: z.enum(['qualification', 'attestation', 'certification', 'label', 'criteria']),
    status: z.enum(['in-force', 'not-adopted', 'proposal']).describe('not-adopted: the scheme exists only as a draft.'),
    levels: z.array(z.string()).optional(),
    about: z.string().min(1),
    source: z.string().min(1),
    checkedOn: IsoDateSchema,
  })
  .strict()
export type CertificationScheme = z.infer<typeof CertificationSchemeSchema>

/** A weight set: percent per objective, summing to 100, from a named framework version. */
export const WeightSetSchema = z
  .object({
    title: z.string().min(1),
    source: z.string().min(1),
    weights: z.object(
      Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, z.number().min(0).max(100)])) as Record<ObjectiveId, z.ZodNumber>,
    ),
  })
  .strict()
  .refine((w) => Math.abs(Object.values(w.weights).reduce((a, b) => a + b, 0) - 100) < 1e-9, 'weights must sum to 100')
export type WeightSet = z.infer<typeof WeightSetSchema>

export const FrameworkSchema = z
  .object({
    version: z.string().min(1),
    title: z.string().min(1),
    source: z.string().min(1),
    objectives: z.object(
      Object.fromEntries(
        OBJECTIVE_IDS.map((id) => [id, z.object({name: z.string().min(1), covers: z.string().min(1)}).strict()]),
      ) as Record<ObjectiveId, z.ZodObject<{name: z.ZodString; covers: z.ZodString}>>,
    ),
    seals: z
      .array(
        z
          .object({
            level: z.number().int().min(0).max(4),
            name: z.string(),
            laterName: z.string().optional(),
            meaning: z.string(),
          })
          .strict(),
      )
      .length(5),
    defaultWeights: z.string().min(1).describe('The weight set used when none is chosen.'),
    weightSets: z.record(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/), WeightSetSchema),
  })
  .strict()
export type Framework = z.infer<typeof FrameworkSchema>

/** One file under catalog/sovereignty/: any of the framework, the schemes and the profiles. */
export const SovereigntyFileSchema = z
  .object({
    framework: FrameworkSchema.optional(),
    schemes: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), CertificationSchemeSchema).optional(),
    profiles: z.record(ProfileIdSchema, ProfileSchema).optional(),
  })
  .strict()
  .describe('exitready sovereignty data: the EU Cloud Sovereignty Framework, certification schemes, provider profiles.')
export type SovereigntyFile = z.infer<typeof SovereigntyFileSchema>

/** The merged sovereignty data of the catalog. */
export const SovereigntyDataSchema = z.object({
  framework: FrameworkSchema,
  schemes: z.record(z.string(), CertificationSchemeSchema),
  profiles: z.record(z.string(), ProfileSchema),
})
export type SovereigntyData = z.infer<typeof SovereigntyDataSchema>
