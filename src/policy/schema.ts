import {z} from 'zod'
import {ScoringOverrideSchema} from '../assessment/constants.js'
import {PORTABILITY_CLASSES} from '../catalog/schema.js'
import {MinSealSchema} from '../sovereignty/rules.js'
import {SEVERITIES} from './types.js'

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)])
export const SeveritySchema = z.enum(SEVERITIES)
const ControlValueSchema = z.enum(['EU', 'EEA+CH', 'non-EU', 'unknown'])

export const SelectorSchema = z
  .object({
    provider: oneOrMany(z.string()).optional().describe('Provider id(s), e.g. aws.'),
    type: oneOrMany(z.string()).optional().describe('Type glob(s), e.g. "AWS::RDS::*".'),
    category: oneOrMany(z.string()).optional().describe('Category id(s) from categories.yaml.'),
    critical: z.boolean().optional().describe('Only resources in critical categories (or only in non-critical ones).'),
    portability: oneOrMany(z.enum([...PORTABILITY_CLASSES, 'unmapped'])).optional(),
    stateful: z.boolean().optional(),
    jurisdiction: oneOrMany(ControlValueSchema).optional().describe('Control jurisdiction of the provider or SaaS vendor.'),
    region: oneOrMany(z.string()).optional().describe('Region glob(s).'),
    country: oneOrMany(z.string().length(2)).optional().describe('ISO country of the region (residency).'),
    tags: z
      .record(z.string(), z.string())
      .optional()
      .describe('Tag key → value glob; "*" means the tag is present with any value.'),
    id: oneOrMany(z.string()).optional().describe('Resource id glob(s).'),
  })
  .strict()
export type Selector = z.infer<typeof SelectorSchema>

export const RequireSchema = z
  .object({
    jurisdiction: oneOrMany(ControlValueSchema).optional().describe('Control jurisdiction must be one of these.'),
    country: oneOrMany(z.string().length(2)).optional().describe('Region country (residency) must be one of these.'),
    portability: oneOrMany(z.enum([...PORTABILITY_CLASSES, 'unmapped']))
      .optional()
      .describe('Class must be one of these.'),
    portabilityNot: oneOrMany(z.enum([...PORTABILITY_CLASSES, 'unmapped']))
      .optional()
      .describe('Class must not be one of these.'),
    tags: oneOrMany(z.string()).optional().describe('These tags must be present (non-empty).'),
    maxScore: z.number().min(0).max(100).optional().describe('Lock-in score must not exceed this.'),
    noDependencyOn: SelectorSchema.optional().describe(
      'The resource must not use (directly) any resource matching this selector.',
    ),
    minSeal: MinSealSchema.optional(),
  })
  .strict()
  .refine((r) => Object.keys(r).length > 0, 'require needs at least one assertion')
export type Requirement = z.infer<typeof RequireSchema>

export const LIMIT_METRICS = [
  'providerShare',
  'jurisdictionShare',
  'hhi',
  'lockInIndex',
  'unmappedShare',
  'singleRegionShare',
  'count',
  'share',
  'maxBlastRadius',
  'crossProviderEdges',
  'sovereigntyScore',
] as const

export const LimitSchema = z
  .object({
    metric: z
      .enum(LIMIT_METRICS)
      .describe(
        'providerShare: weighted share of the largest (or the named) provider, 0–1. jurisdictionShare: weighted share under the given jurisdictions (default non-EU and unknown), 0–1. hhi: Herfindahl–Hirschman index over providers, 0–10,000. lockInIndex: weighted mean score, 0–100. unmappedShare: weighted share no catalog entry covers, 0–1. singleRegionShare: share in the most used region, 0–1. count: number of selected resources. share: weighted share of the selection that also matches `of`, 0–1. maxBlastRadius: the most resources that depend, directly or transitively, on one proprietary or captive service of the selection. crossProviderEdges: dependencies that cross providers. sovereigntyScore: criticality-weighted Sovereignty Score of the selection (EU Cloud Sovereignty Framework), 0–100, unknown objectives counted as 0.',
      ),
    max: z.number().optional(),
    min: z.number().optional(),
    provider: z.string().optional().describe('providerShare: measure this provider instead of the largest.'),
    jurisdiction: oneOrMany(ControlValueSchema).optional().describe('jurisdictionShare: which control jurisdictions count.'),
    of: SelectorSchema.optional().describe('share: the subset whose share is measured.'),
    perCategory: z
      .boolean()
      .optional()
      .describe('Evaluate separately for each category of the selection; one finding per category out of bounds.'),
  })
  .strict()
  .refine((l) => l.max !== undefined || l.min !== undefined, 'a limit needs max, min or both')
  .refine((l) => (l.metric === 'share') === (l.of !== undefined), 'the share metric needs `of` (and only it uses `of`)')
export type Limit = z.infer<typeof LimitSchema>

export const ArrangementRuleSchema = z
  .object({
    scope: z
      .enum(['critical', 'all'])
      .default('critical')
      .describe('Which arrangements: those supporting a critical or important function (default), or all.'),
    require: z
      .object({
        exitPlan: z.boolean().optional().describe('An exit plan is linked (exitPlan.link in the arrangements file).'),
        testedWithinMonths: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('The exit plan was tested within this many months (exitPlan.lastTested).'),
        alternatives: z
          .boolean()
          .optional()
          .describe('Alternatives are identified (assessment.alternatives: yes) where not or hardly substitutable.'),
      })
      .strict()
      .refine((r) => Object.values(r).some((v) => v !== undefined && v !== false), 'require needs at least one assertion'),
  })
  .strict()
  .describe('A per-arrangement rule over the DORA arrangements of `assess --arrangements`: one finding per arrangement.')
export type ArrangementRule = z.infer<typeof ArrangementRuleSchema>

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id with dashes, such as "no-captive-critical"'),
    title: z.string().min(1),
    severity: SeveritySchema,
    rationale: z.string().min(1),
    remediation: z.string().min(1),
    references: z.array(z.string()).optional(),
    provisions: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'The provisions this rule checks, as the regulatory mapping names them: "DORA Art. 28(8)", "DORA Art. 29", "Data Act Art. 30", "CSF SOV-1" … "CSF SOV-8", or your own. A provision no selected rule names is reported as not assessed.',
      ),
    select: SelectorSchema.default({}),
    require: RequireSchema.optional(),
    limit: LimitSchema.optional(),
    arrangements: ArrangementRuleSchema.optional(),
  })
  .strict()
  .refine(
    (r) => [r.require, r.limit, r.arrangements].filter((x) => x !== undefined).length === 1,
    'a rule has exactly one of require, limit or arrangements',
  )
  .refine(
    (r) => r.arrangements === undefined || Object.keys(r.select).length === 0,
    'an arrangements rule checks arrangements, not resources: leave select out',
  )
export type Rule = z.infer<typeof RuleSchema>

export const WaiverSchema = z
  .object({
    rule: z.string(),
    resources: z.array(z.string()).min(1).describe('Resource id globs; "*" waives an aggregate (limit) finding.'),
    reason: z.string().min(1),
    expires: z.iso.date().describe('YYYY-MM-DD; from the day after, the waiver stops waiving and is reported.'),
  })
  .strict()
export type Waiver = z.infer<typeof WaiverSchema>

/** A range of person-days, lowest first. */
const DaysRangeSchema = z
  .tuple([z.number().min(0), z.number().min(0)])
  .refine(([low, high]) => low <= high, 'a range of person-days is [lowest, highest]')

const EffortDaysSchema = z
  .object({
    service: DaysRangeSchema.optional().describe('Person-days per service, whatever its size: design, target, cut-over.'),
    perResource: DaysRangeSchema.optional().describe('Person-days added per resource of the service.'),
  })
  .strict()

/** Planning assumptions of the exit plan; each key overrides the built-in default. */
export const EffortBlockSchema = z
  .object({
    S: EffortDaysSchema.optional(),
    M: EffortDaysSchema.optional(),
    L: EffortDaysSchema.optional(),
    XL: EffortDaysSchema.optional(),
    bandwidthGbps: z
      .number()
      .positive()
      .max(10_000)
      .optional()
      .describe('Sustained bandwidth for moving data, in Gbit/s (default 1), for the transfer times in the report.'),
  })
  .strict()
export type EffortBlock = z.infer<typeof EffortBlockSchema>

export const PolicySchema = z
  .object({
    apiVersion: z.literal('exitready.dev/v1'),
    kind: z.literal('Policy'),
    metadata: z
      .object({
        name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
        title: z.string().min(1),
        framework: z
          .string()
          .min(1)
          .optional()
          .describe('The framework it implements (DORA, BIO2, SecNumCloud …); `policy list` groups by it.'),
        description: z.string().optional(),
        references: z.array(z.string()).default([]).describe('Regulatory references it implements, e.g. "DORA Art. 28(8)".'),
      })
      .strict(),
    scoring: ScoringOverrideSchema.optional().describe('Overrides of the scoring constants.'),
    effort: EffortBlockSchema.optional().describe(
      'Planning assumptions of the exit plan: person-days per effort size (S, M, L, XL) and the transfer bandwidth.',
    ),
    failOn: SeveritySchema.default('high').describe('Findings at or above this severity make the exit code 1.'),
    rules: z.array(RuleSchema).min(1),
    waivers: z.array(WaiverSchema).default([]),
  })
  .strict()
  .describe('An exitready policy: rules over the assessed estate that gate pipelines.')
export type Policy = z.infer<typeof PolicySchema>
