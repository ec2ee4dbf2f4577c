import {z} from 'zod'
import {EffortSchema} from '../catalog/schema.js'
import {
  CERTIFICATION_STATUSES,
  EvidenceBasisSchema,
  HeldCertificationSchema,
  OBJECTIVE_IDS,
  type ObjectiveId,
  OfferingMatchSchema,
} from '../catalog/sovereignty-schema.js'

const perObjective = <T extends z.ZodType>(item: T) =>
  z.object(Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, item])) as Record<ObjectiveId, T>)

/** A level as the estate can state it: null when unknown; `at-most` when it is a ceiling, not a finding. */
export const SealLevelSchema = z.object({
  seal: z.number().int().min(0).max(4).nullable().describe('null: unknown.'),
  bound: z.enum(['exact', 'at-most']),
})
export type SealLevel = z.infer<typeof SealLevelSchema>

export const HolderSchema = z.object({
  profile: z.string(),
  count: z.number().int(),
  examples: z.array(z.string()).describe('A few of its resources (name or id).'),
})

export const WeakestLinkSchema = SealLevelSchema.extend({
  heldDownBy: z.array(HolderSchema).describe('The profiles at the lowest level, with their resources.'),
  unknown: z.array(HolderSchema).describe('Profiles whose level is unknown: the weakest link may be lower.'),
  objectives: perObjective(SealLevelSchema),
})
export type WeakestLink = z.infer<typeof WeakestLinkSchema>

export const ScoreSchema = z.object({
  total: z.number().describe('Sovereignty Score 0–100, unknown objectives counted as 0 points (a lower bound).'),
  known: z.number().nullable().describe('The score over what is known only (weights renormalised); null when nothing is.'),
  coverage: z.number().describe('Share of the weighted objectives whose score is known, 0–1.'),
  objectives: perObjective(z.number().nullable()).describe('Score per objective, 0–100, over resources whose profile has one.'),
})
export type SovereigntyScore = z.infer<typeof ScoreSchema>

export const ScopeSchema = z.object({
  scope: z.enum(['estate', 'critical', 'stateful', 'critical-functions', 'category']),
  category: z.string().optional(),
  title: z.string(),
  critical: z.boolean().optional(),
  count: z.number().int(),
  score: z.object({resource: ScoreSchema, criticality: ScoreSchema}),
  seal: WeakestLinkSchema,
})
export type SovereigntyScope = z.infer<typeof ScopeSchema>

export const ProfileUseSchema = z.object({
  id: z.string(),
  provider: z.string(),
  name: z.string(),
  offering: z.string().optional(),
  operator: z.string().optional(),
  match: OfferingMatchSchema.optional(),
  frameworkVersion: z.string(),
  count: z.number().int().describe('Resources of the estate matched to it.'),
  overall: SealLevelSchema,
  objectives: perObjective(
    SealLevelSchema.extend({
      score: z.number().optional(),
      basis: EvidenceBasisSchema,
      source: z.string().optional(),
      date: z.string().optional(),
    }),
  ),
  certifications: z.array(
    HeldCertificationSchema.extend({
      status: z
        .enum([...CERTIFICATION_STATUSES, 'expired'])
        .describe('expired: held once, but its expiry date is before the assessment; it does not count as held.'),
    }),
  ),
})
export type ProfileUse = z.infer<typeof ProfileUseSchema>

export const MoveSchema = z.object({
  from: z.object({profile: z.string(), type: z.string(), title: z.string().optional(), count: z.number().int()}),
  to: z.object({provider: z.string(), service: z.string(), profile: z.string()}),
  toSeal: SealLevelSchema,
  effort: EffortSchema.optional(),
})

export const RaiseSchema = z.object({
  category: z.string(),
  title: z.string(),
  current: SealLevelSchema,
  after: SealLevelSchema.describe('The weakest link once every move is made.'),
  moves: z.array(MoveSchema),
  blocked: z.array(z.string()).describe('Services held down with no European alternative above the current level.'),
})
export type Raise = z.infer<typeof RaiseSchema>

export const SovereigntyResultSchema = z
  .object({
    framework: z.object({
      version: z.string(),
      title: z.string(),
      objectives: perObjective(z.string()).describe('Objective names.'),
    }),
    weights: z.object({set: z.string(), title: z.string(), source: z.string(), weights: perObjective(z.number())}),
    profiles: z.array(ProfileUseSchema),
    scopes: z.array(ScopeSchema).describe('estate, critical, stateful, critical-functions (when tagged), then each category.'),
    raise: z.array(RaiseSchema).describe('Moves to European alternatives that lift the weakest link of each critical category.'),
    schemes: z.array(z.object({id: z.string(), title: z.string(), status: z.string(), source: z.string()})),
  })
  .describe('The EU Cloud Sovereignty Framework applied to the estate: score, weakest-link SEAL and what would raise it.')
export type SovereigntyResult = z.infer<typeof SovereigntyResultSchema>
