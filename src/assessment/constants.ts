import {z} from 'zod'

/**
 * Every constant of the scoring model, in one place. A policy's `scoring` block may override any
 * of them; reports print the values in effect so each number can be traced.
 */
export const ScoringConstantsSchema = z
  .object({
    portabilityBase: z
      .object({
        portable: z.number().min(0).max(100),
        compatible: z.number().min(0).max(100),
        proprietary: z.number().min(0).max(100),
        captive: z.number().min(0).max(100),
        unmapped: z.number().min(0).max(100),
      })
      .strict()
      .describe('Base lock-in score of each portability class; unmapped is unknown risk.'),
    statefulBonus: z.number().min(0).max(100).describe('Added when the resource holds data (data gravity).'),
    sizeBonusPerDecade: z.number().min(0).max(100).describe('Added per factor of ten of stored GiB: factor × log10(1 + GiB).'),
    maxSizeBonus: z.number().min(0).max(100),
    couplingFactor: z
      .number()
      .min(0)
      .max(1)
      .describe('Share of the gap to a more locked-in dependency that a resource inherits.'),
    maxCoupling: z.number().min(0).max(100),
    unmappedCategoryWeight: z.number().positive().describe('Criticality weight of a resource no catalog entry covers.'),
    categoryWeights: z.record(z.string(), z.number().min(0).max(5)).describe('Overrides of categories.yaml weights.'),
    readinessWeights: z
      .object({
        lockIn: z.number().min(0),
        concentration: z.number().min(0),
        jurisdiction: z.number().min(0),
        unmapped: z.number().min(0),
      })
      .strict()
      .describe('How the exit-readiness score (100 = ready) deducts each index, each on a 0–100 scale.'),
    gradeThresholds: z
      .object({A: z.number(), B: z.number(), C: z.number(), D: z.number(), E: z.number()})
      .strict()
      .describe('Minimum readiness for each grade; below E is F.'),
    foreignReachWeight: z
      .number()
      .min(0)
      .max(1)
      .describe(
        'How much an EU-controlled resource with a non-EU reach (a foreign subsidiary or location, providers.yaml foreignAccessVia) counts in jurisdiction exposure, where non-EU control counts 1.',
      ),
  })
  .strict()
export type ScoringConstants = z.infer<typeof ScoringConstantsSchema>

export const DEFAULT_SCORING: ScoringConstants = {
  portabilityBase: {portable: 10, compatible: 30, proprietary: 60, captive: 85, unmapped: 50},
  statefulBonus: 8,
  sizeBonusPerDecade: 2.5,
  maxSizeBonus: 10,
  couplingFactor: 0.3,
  maxCoupling: 20,
  unmappedCategoryWeight: 2,
  categoryWeights: {},
  readinessWeights: {lockIn: 0.5, concentration: 0.2, jurisdiction: 0.25, unmapped: 0.05},
  gradeThresholds: {A: 80, B: 65, C: 50, D: 35, E: 20},
  // A court order through a subsidiary is real (King v. OVH) but contested and indirect; the CLOUD Act binds a US owner outright.
  foreignReachWeight: 0.25,
}

/** A partial override, as written in a policy's `scoring` block. */
export const ScoringOverrideSchema = z
  .object({
    portabilityBase: ScoringConstantsSchema.shape.portabilityBase.partial().optional(),
    statefulBonus: ScoringConstantsSchema.shape.statefulBonus.optional(),
    sizeBonusPerDecade: ScoringConstantsSchema.shape.sizeBonusPerDecade.optional(),
    maxSizeBonus: ScoringConstantsSchema.shape.maxSizeBonus.optional(),
    couplingFactor: ScoringConstantsSchema.shape.couplingFactor.optional(),
    maxCoupling: ScoringConstantsSchema.shape.maxCoupling.optional(),
    unmappedCategoryWeight: ScoringConstantsSchema.shape.unmappedCategoryWeight.optional(),
    categoryWeights: ScoringConstantsSchema.shape.categoryWeights.optional(),
    readinessWeights: ScoringConstantsSchema.shape.readinessWeights.partial().optional(),
    gradeThresholds: ScoringConstantsSchema.shape.gradeThresholds.partial().optional(),
    foreignReachWeight: ScoringConstantsSchema.shape.foreignReachWeight.optional(),
  })
  .strict()
export type ScoringOverride = z.infer<typeof ScoringOverrideSchema>

/** Applies overrides in order; later ones win. */
export function resolveScoring(...overrides: (ScoringOverride | undefined)[]): ScoringConstants {
  const out: ScoringConstants = structuredClone(DEFAULT_SCORING)
  for (const o of overrides) {
    if (!o) continue
    Object.assign(out.portabilityBase, o.portabilityBase)
    Object.assign(out.categoryWeights, o.categoryWeights)
    Object.assign(out.readinessWeights, o.readinessWeights)
    Object.assign(out.gradeThresholds, o.gradeThresholds)
    for (const key of [
      'statefulBonus',
      'sizeBonusPerDecade',
      'maxSizeBonus',
      'couplingFactor',
      'maxCoupling',
      'unmappedCategoryWeight',
      'foreignReachWeight',
    ] as const) {
      const value = o[key]
      if (value !== undefined) out[key] = value
    }
  }
  return out
}
