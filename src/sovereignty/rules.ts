import {z} from 'zod'
import type {AssessedResource, Assessment} from '../assessment/schema.js'
import {OBJECTIVE_IDS, type ObjectiveId} from '../catalog/sovereignty-schema.js'
import {sealText} from '../report/sovereignty.js'
import {profileMatcher} from './match.js'
import type {ProfileUse, SealLevel} from './schema.js'

const Level = z.number().int().min(0).max(4)

/** `require: {minSeal: {SOV-3: 3, overall: 2}}`: the lowest SEAL each resource's provider (or offering) may have. */
export const MinSealSchema = z
  .object({
    ...(Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, Level.optional()])) as Record<
      ObjectiveId,
      z.ZodOptional<typeof Level>
    >),
    overall: Level.optional().describe('The weakest link across the eight objectives.'),
  })
  .strict()
  .refine((m) => Object.keys(m).length > 0, 'minSeal needs at least one objective or overall')
  .describe(
    'Objective (SOV-1 … SOV-8, or overall) → lowest acceptable SEAL (0–4). A level that is unknown, or only a ceiling (≤), is not shown to reach it and fails.',
  )
export type MinSeal = z.infer<typeof MinSealSchema>

/** Per-resource sovereignty facts for the policy stage, read from the assessment's sovereignty block. */
export interface SovereigntyLookup {
  profileOf(r: AssessedResource): ProfileUse | undefined
  weights: Record<ObjectiveId, number> | undefined
}

/** Built on first use only: policies without sovereignty rules pay nothing. */
export function sovereigntyLookup(assessment: Assessment): () => SovereigntyLookup {
  let lookup: SovereigntyLookup | undefined
  return () => {
    if (lookup) return lookup
    const block = assessment.sovereignty
    const profiles = new Map((block?.profiles ?? []).map((p) => [p.id, p]))
    const match = profileMatcher(block?.profiles ?? [])
    lookup = {
      weights: block?.weights.weights,
      profileOf: (r) => {
        const id = match(r)
        return id === undefined ? undefined : profiles.get(id)
      },
    }
    return lookup
  }
}

/** Why a resource fails a minSeal requirement, in words; undefined when it passes. */
export function minSealProblem(r: AssessedResource, minSeal: MinSeal, lookup: SovereigntyLookup): string | undefined {
  const profile = lookup.profileOf(r)
  for (const [key, required] of Object.entries(minSeal) as [ObjectiveId | 'overall', number | undefined][]) {
    if (required === undefined) continue
    if (!profile) return `has no sovereignty profile (provider ${r.provider}); required ${key} SEAL-${required}`
    const level: SealLevel = key === 'overall' ? profile.overall : profile.objectives[key]
    if (level.seal !== null && level.seal >= required && level.bound === 'exact') continue
    const what = key === 'overall' ? 'overall' : key
    const why =
      level.seal === null
        ? 'unknown'
        : level.bound === 'at-most' && level.seal >= required
          ? `${sealText(level)}, not shown to reach it`
          : sealText(level)
    return `is at ${why} for ${what} (${profile.name}); required SEAL-${required}`
  }
  return undefined
}

/** The criticality-weighted Sovereignty Score of a selection, 0–100, unknown objectives counted as 0 points. */
export function sovereigntyScoreOf(selected: readonly AssessedResource[], lookup: SovereigntyLookup): number {
  const weights = lookup.weights
  if (!weights) return 0
  const perProfile = new Map<ProfileUse, number>()
  let total = 0
  let sum = 0
  for (const r of selected) {
    const profile = lookup.profileOf(r)
    total += r.weight
    if (!profile) continue
    let score = perProfile.get(profile)
    if (score === undefined) {
      score = 0
      for (const id of OBJECTIVE_IDS) score += (weights[id] / 100) * (profile.objectives[id].score ?? 0)
      perProfile.set(profile, score)
    }
    sum += r.weight * score
  }
  return total > 0 ? Math.round((sum / total) * 10) / 10 : 0
}
