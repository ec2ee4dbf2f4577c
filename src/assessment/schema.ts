import {z} from 'zod'
import {EffortSchema, EuropeanOfferSchema, JurisdictionSchema} from '../catalog/schema.js'
import {SourceStatusSchema} from '../inventory/model.js'
import {SovereigntyResultSchema} from '../sovereignty/schema.js'
import {ScoringConstantsSchema} from './constants.js'

export const ASSESSMENT_SCHEMA_ID = 'exitready/assessment@1'

const PortabilityOrUnmappedSchema = z.enum(['portable', 'compatible', 'proprietary', 'captive', 'unmapped'])
/** Control jurisdiction; `unknown` when the provider is not in providers.yaml (counted as exposed). */
export const ControlSchema = z.union([JurisdictionSchema, z.literal('unknown')])
export type Control = z.infer<typeof ControlSchema>

/**
 * How non-EU authorities can reach the data: `foreign-control` (a non-EU owner, e.g. US-controlled),
 * `foreign-reach` (EU-controlled, reached through a non-EU subsidiary, operating entity or location),
 * `none`, or `unknown` (provider not in providers.yaml).
 */
export const ExposureSchema = z.enum(['foreign-control', 'foreign-reach', 'none', 'unknown'])
export type Exposure = z.infer<typeof ExposureSchema>

export const ScoreBreakdownSchema = z.object({
  base: z.number().describe('From the portability class.'),
  gravity: z.number().describe('Stateful bonus plus size bonus.'),
  coupling: z.number().describe('Inherited from more locked-in dependencies.'),
  couplingFrom: z.array(z.string()).describe('The dependencies that caused the coupling, most locked-in first.'),
})
export type ScoreBreakdown = z.infer<typeof ScoreBreakdownSchema>

export const AssessedResourceSchema = z.object({
  id: z.string(),
  provider: z.string(),
  type: z.string(),
  name: z.string().optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  country: z.string().optional().describe('Residency: where the data sits.'),
  control: ControlSchema.describe('Jurisdiction of whoever controls the service.'),
  exposure: ExposureSchema.describe('Non-EU control, or EU control with a non-EU reach (providers.yaml foreignAccessVia).'),
  category: z.string(),
  portability: PortabilityOrUnmappedSchema,
  matchedBy: z.enum(['type', 'alias', 'service', 'unmapped']),
  refinedBy: z.string().optional(),
  assumptions: z
    .array(z.string())
    .optional()
    .describe('What the mapping assumed because an attribute was unknown (engine unknown → the harder case).'),
  retiring: z.string().optional().describe('The provider retires the service on this day (YYYY-MM-DD).'),
  stateful: z.boolean(),
  sizeGiB: z.number().optional(),
  effort: EffortSchema.optional().describe('Effort to leave, from the catalog.'),
  critical: z.boolean(),
  weight: z.number(),
  score: z.number(),
  breakdown: ScoreBreakdownSchema,
  tags: z.record(z.string(), z.string()),
  dependsOn: z.array(z.string()).optional(),
  evidence: z
    .array(z.string())
    .optional()
    .describe('What showed a service that no API lists: for SaaS found from DNS, each record (type, name → value, where).'),
})
export type AssessedResource = z.infer<typeof AssessedResourceSchema>

export const ShareSchema = z.object({
  provider: z.string().describe('A provider id, or an ultimate parent (group) id where the base is ultimate-parent.'),
  share: z.number(),
  name: z.string().optional().describe("The ultimate parent's name, where the base is ultimate-parent."),
})

export const ConcentrationSchema = z.object({
  hhi: z
    .number()
    .describe(
      'Herfindahl–Hirschman index, 0–10,000, weighted by criticality: over ultimate parents where base is ultimate-parent (the estate summary, which the grade uses), else over providers (per category).',
    ),
  top: ShareSchema.optional(),
  providers: z.number().int().describe('How many holders (providers, or ultimate parents) share the estate.'),
  base: z.enum(['provider', 'ultimate-parent']).optional().describe('Over whom the index is computed; absent means provider.'),
})
export type Concentration = z.infer<typeof ConcentrationSchema>

export const ProviderSummarySchema = z.object({
  provider: z.string(),
  name: z.string(),
  control: ControlSchema,
  parent: z.string().optional(),
  extraterritorial: z.array(z.string()),
  foreignAccessVia: z
    .array(z.object({via: z.string(), country: z.string(), kind: z.string()}))
    .optional()
    .describe('Non-EU subsidiaries and locations through which non-EU authorities can reach an EU-controlled provider.'),
  count: z.number().int(),
  share: z.number(),
  lockInIndex: z.number(),
  statefulGiB: z.number(),
})

export const CategorySummarySchema = z.object({
  category: z.string(),
  title: z.string(),
  critical: z.boolean(),
  count: z.number().int(),
  lockInIndex: z.number(),
  concentration: ConcentrationSchema,
  byProvider: z.record(z.string(), z.number().int()),
})

export const ServiceSummarySchema = z.object({
  type: z.string(),
  provider: z.string(),
  title: z.string().optional(),
  count: z.number().int(),
  category: z.string(),
  portability: PortabilityOrUnmappedSchema,
  matchedBy: z.enum(['type', 'alias', 'service', 'unmapped']),
  meanScore: z.number(),
  lockInContribution: z.number().describe('Share of the estate’s weighted lock-in that this service causes, 0–1.'),
  stateful: z.boolean(),
  sizeGiB: z.number(),
  unknownSize: z.number().int(),
  speaks: z.string().optional().describe('What the service speaks today.'),
  target: z.string().optional().describe('The open standard or protocol to move to.'),
  standard: z.string().optional().describe('Deprecated: equal to target, kept for one release.'),
  equivalents: z.array(z.string()),
  european: z.array(EuropeanOfferSchema),
  effort: EffortSchema.optional(),
  exit: z.string().optional(),
  exitSteps: z.array(z.string()).optional(),
  assumptions: z.array(z.string()).optional().describe('Assumptions made for some of its resources (e.g. engine unknown).'),
  retiring: z.string().optional().describe('The earliest retirement date among its resources (YYYY-MM-DD).'),
  successor: z.string().optional(),
  retirementNotice: z.string().optional(),
})
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>

export const EgressEstimateSchema = z.object({
  provider: z.string(),
  statefulGiB: z.number(),
  unknownSize: z.number().int().describe('Stateful resources whose size is not known: counted, not guessed.'),
  cost: z.number().optional(),
  currency: z.string().optional(),
  priceNote: z.string().optional(),
})

/** One exit plan per ICT arrangement that supports a critical or important function (RTS 2024/1773 Art. 10). */
export const ExitPlanSchema = z.object({
  reference: z.string().describe('The contractual arrangement reference (B_02.01 c0010).'),
  provider: z.string().describe("The provider's legal name, or its key in the arrangements file."),
  functions: z.array(z.object({id: z.string(), name: z.string()})),
  plan: z.object({link: z.string().optional(), owner: z.string().optional()}),
  scenarios: z.array(z.object({scenario: z.string(), trigger: z.string(), response: z.string()})),
  alternatives: z.array(
    z.object({
      service: z.string(),
      count: z.number().int(),
      european: z.array(z.string()),
      equivalents: z.array(z.string()),
      effort: z.string().optional(),
    }),
  ),
  transition: z
    .array(
      z.object({
        wave: z.number().int(),
        resources: z.number().int(),
        statefulGiB: z.number(),
        effort: z.record(z.string(), z.number().int()),
      }),
    )
    .describe('The exit waves of the resources the arrangement covers, in order.'),
  timeline: z.object({
    noticeDays: z.number().int(),
    noticeSource: z.string(),
    transitionDays: z.number().int(),
    retrievalDays: z.number().int(),
    totalDays: z.number().int(),
    contractEnd: z.string().optional(),
    endsAfterContract: z.boolean().describe('An exit started today would end after the contract.'),
    notes: z.array(z.string()),
  }),
  data: z.object({
    statefulGiB: z.number(),
    unknownSize: z.number().int(),
    bandwidthMbps: z.number(),
    transferHours: z.number(),
  }),
  tests: z.object({lastTested: z.string().optional(), nextDue: z.string().optional(), overdue: z.boolean()}),
  resources: z.number().int(),
})
export type ExitPlan = z.infer<typeof ExitPlanSchema>

/** Where a value about an arrangement comes from: the arrangements file, or exitready's proposal from the catalog. */
const ValueSourceSchema = z.enum(['supplied', 'proposed', 'unknown'])

export const ArrangementSummarySchema = z.object({
  reference: z.string(),
  provider: z.string().describe('The provider key in the arrangements file.'),
  providerName: z.string(),
  functions: z.array(z.object({id: z.string(), name: z.string(), critical: z.enum(['yes', 'no', 'not-assessed'])})),
  critical: z.boolean().describe('Supports at least one function assessed critical or important.'),
  resources: z.number().int().describe('Resources its services cover, each once.'),
  services: z.array(z.object({index: z.number().int(), type: z.string().optional(), resources: z.number().int()})),
  substitutability: z.object({
    value: z.enum(['not-substitutable', 'highly-complex', 'medium', 'easy']).optional(),
    source: ValueSourceSchema,
    basis: z.string(),
  }),
  alternatives: z.object({
    identified: z.enum(['yes', 'no', 'not-assessed']).optional().describe('As supplied in assessment.alternatives.'),
    source: ValueSourceSchema,
    providers: z
      .array(z.string())
      .describe(
        'Named in assessment.alternativeProviders; or proposed: the European providers the catalog names for its services, those offering most first.',
      ),
  }),
  exitPlan: z.object({
    link: z.string().optional(),
    owner: z.string().optional(),
    lastTested: z.string().optional(),
    nextDue: z.string().optional(),
    overdue: z.boolean(),
  }),
})
export type ArrangementSummary = z.infer<typeof ArrangementSummarySchema>

/** `assess --arrangements`: the DORA arrangements joined to the resources through their selectors. */
export const ArrangementsBlockSchema = z.object({
  file: z.string().describe('The arrangements file read.'),
  filtered: z
    .string()
    .optional()
    .describe('Set when assess filtered the resources (--provider, --tag): arrangements for those left out cover nothing here.'),
  entity: z.object({lei: z.string(), name: z.string()}),
  covered: z.number().int().describe('Resources at least one arrangement covers.'),
  uncovered: z.object({
    count: z.number().int(),
    groups: z
      .array(z.object({provider: z.string(), account: z.string().optional(), type: z.string(), count: z.number().int()}))
      .describe('The uncovered resources by provider, account and type, largest first: what a selector would name.'),
    ids: z.array(z.string()).describe('Their ids, at most UNCOVERED_IDS_SHOWN (all of them are in assessment.resources).'),
  }),
  empty: z
    .array(z.object({reference: z.string(), service: z.number().int().optional()}))
    .describe('Arrangements (or one service of them, by index) whose selectors match no resource.'),
  arrangements: z.array(ArrangementSummarySchema),
  exitPlans: z.array(ExitPlanSchema),
})
export type ArrangementsBlock = z.infer<typeof ArrangementsBlockSchema>
/** One holder's part of the estate, on each base a share can have; every share is 0–1. */
export const ControlSharesSchema = z.object({
  count: z.number().int().describe('Resources.'),
  share: z.number().describe('Share of the estate weighted by category criticality (the base of the estate indices).'),
  countShare: z.number().describe('Share of the estate by resource count.'),
  criticalFunctionCount: z.number().int().describe('Resources tagged critical-function=true.'),
  criticalFunctionShare: z.number().describe('Share of the resources tagged critical-function=true, by count.'),
})
export type ControlShares = z.infer<typeof ControlSharesSchema>

export const ConcentrationByControlSchema = z
  .object({
    vendors: z.array(
      ControlSharesSchema.extend({
        id: z.string().describe('A provider id, or a SaaS namespace: each SaaS vendor is counted apart.'),
        name: z.string(),
        kind: z.enum(['provider', 'saas']),
        group: z.string().describe('The ultimate parent (providers.yaml parentId, catalog/ownership.yaml).'),
        ctpp: z.string().optional().describe('The designated critical ICT third-party provider it contracts through.'),
      }),
    ),
    groups: z.array(
      ControlSharesSchema.extend({
        id: z.string(),
        name: z.string(),
        country: z.string().optional(),
        members: z.array(z.string()).describe('The providers and SaaS vendors it controls.'),
        fourthParty: z
          .object({
            count: z.number().int(),
            share: z
              .number()
              .describe('Weighted share of the estate held by SaaS vendors that run on this group (fourth parties).'),
            via: z.array(z.string()),
          })
          .describe('SaaS vendors of the estate that run on this group’s cloud.'),
        withFourthPartyShare: z.number().describe('Weighted share it holds directly or through SaaS that runs on it, 0–1.'),
        ctpp: z.array(z.string()).describe('Entities of the group the ESAs designated as critical ICT third-party providers.'),
      }),
    ),
    hhi: z.object({
      vendor: z.number().describe('HHI over vendors (each SaaS vendor apart), weighted by criticality, 0–10,000.'),
      group: z.number().describe('HHI over ultimate parents, weighted by criticality, 0–10,000.'),
    }),
    ctpp: ControlSharesSchema.extend({
      asOf: z.string().describe('The date of the ESAs’ list of designated critical ICT third-party providers.'),
      sources: z.array(z.string()),
    }).describe('What rests with groups that include a designated critical ICT third-party provider.'),
  })
  .describe('Concentration by who controls: per vendor and per ultimate parent, with fourth parties and CTPPs.')
export type ConcentrationByControl = z.infer<typeof ConcentrationByControlSchema>

/** What an assessment was made with, so that two assessments can be compared fairly (diff warns when they differ). */
export const ProvenanceSchema = z.object({
  catalog: z.object({
    fingerprint: z.string().describe('SHA-256 of the catalog content as loaded, private catalog files included.'),
    version: z.string().optional().describe('The exitready release whose built-in catalog was used.'),
    files: z.array(z.string()).optional().describe('Private catalog files (--catalog) loaded over the built-in catalog.'),
  }),
  policies: z.array(
    z.object({
      name: z.string(),
      sha256: z.string().describe('SHA-256 of the policy as loaded (its parsed content as JSON).'),
      source: z.string().optional().describe('builtin:<name> or the policy file.'),
    }),
  ),
  inputs: z
    .array(
      z.object({
        file: z.string().describe('The snapshot file as given (the demo estate: its path in the package).'),
        sha256: z.string().describe('SHA-256 of the file’s bytes.'),
        bytes: z.number().int(),
      }),
    )
    .optional()
    .describe('The snapshot files read, so a filed report can be reproduced from the same inputs.'),
  tool: z.object({name: z.string(), version: z.string()}).optional(),
  createdAt: z.string().optional().describe('When the assessment was made (ISO 8601).'),
})
export type Provenance = z.infer<typeof ProvenanceSchema>

export const AssessmentSchema = z
  .object({
    schema: z.literal(ASSESSMENT_SCHEMA_ID),
    createdAt: z.string(),
    generator: z.object({name: z.string(), version: z.string()}),
    inputs: z.array(z.string()),
    constants: ScoringConstantsSchema,
    summary: z.object({
      grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
      readiness: z.number().describe('Exit readiness, 0–100 (100 = ready to leave).'),
      deductions: z.object({lockIn: z.number(), concentration: z.number(), jurisdiction: z.number(), unmapped: z.number()}),
      resourceCount: z.number().int(),
      lockInIndex: z.number(),
      concentration: ConcentrationSchema,
      jurisdictionExposure: z
        .number()
        .describe(
          'Share of stateful or critical resources under non-EU control, plus those EU-controlled with a non-EU reach at foreignReachWeight, 0–1.',
        ),
      foreignReachShare: z
        .number()
        .describe('Share of stateful or critical resources that are EU-controlled but have a non-EU reach, 0–1.'),
      unmappedShare: z.number(),
      dataGiB: z.number(),
      unknownSizeCount: z.number().int(),
    }),
    providers: z.array(ProviderSummarySchema),
    categories: z.array(CategorySummarySchema),
    services: z.array(ServiceSummarySchema),
    residency: z.array(z.object({country: z.string(), control: ControlSchema, count: z.number().int()})),
    egress: z.object({
      pricesAsOf: z.string(),
      dataAct: z.string().optional().describe('What the EU Data Act lets a provider charge for switching and parallel use.'),
      estimates: z.array(EgressEstimateSchema),
    }),
    unmapped: z.array(z.object({type: z.string(), provider: z.string(), count: z.number().int()})),
    sources: z.array(SourceStatusSchema),
    resources: z.array(AssessedResourceSchema),
    /** Absent in assessments written before exitready recorded it. */
    provenance: ProvenanceSchema.optional(),
    /** The EU Cloud Sovereignty Framework over the estate; absent before exitready computed it. */
    sovereignty: SovereigntyResultSchema.optional(),
    /** With --arrangements only. */
    arrangements: ArrangementsBlockSchema.optional(),
    /** Absent in assessments written before exitready computed it. */
    concentrationByControl: ConcentrationByControlSchema.optional(),
  })
  .describe('The result of exitready assess: scores, indices, and every resource with its breakdown.')
export type Assessment = z.infer<typeof AssessmentSchema>
