import {z} from 'zod'
import {InputError} from '../errors.js'
import {type Locator, parseYaml, readInputFile} from '../util/yaml.js'
import {isValidLei} from './lei.js'
import {COUNTRIES, CURRENCIES, LICENSED_ACTIVITIES} from './lists.js'

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
const Country = z.string().refine((c) => COUNTRIES.has(c), 'an ISO 3166-1 alpha-2 country code (upper case), e.g. DE')
const Currency = z.string().refine((c) => CURRENCIES.has(c), 'an ISO 4217 currency code of the EBA list, e.g. EUR')
const Lei = z.string().refine(isValidLei, 'a 20-character LEI whose ISO 17442 check digits hold')

/** eba_CT members allowed in B_01.01 c0040 (x317 and x318 only in B_01.02). */
export const ENTITY_TYPES = [
  'x12', 'x599', 'x643', 'x639', 'x300', 'x301', 'x302', 'x303', 'x304', 'x305', 'x306',
  'x307', 'x308', 'x309', 'x310', 'x311', 'x312', 'x313', 'x314', 'x315', 'x316', 'x320',
] as const // biome-ignore format: a table
export const SERVICE_TYPES = [
  'S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10',
  'S11', 'S12', 'S13', 'S14', 'S15', 'S16', 'S17', 'S18', 'S19',
] as const // biome-ignore format: a table
export type ServiceType = (typeof SERVICE_TYPES)[number]

export const CODE_TYPES = ['lei', 'national', 'euid', 'crn', 'vat', 'passport'] as const
export type CodeType = (typeof CODE_TYPES)[number]

const YesNoNotAssessed = z.enum(['yes', 'no', 'not-assessed'])
const Impact = z.enum(['low', 'medium', 'high', 'not-assessed'])

const SelectorSchema = z
  .object({
    provider: z.string().optional().describe('Resource provider id (aws, azure, gcp, hetzner, saas …).'),
    account: z.string().optional().describe('Account, subscription or project id; a glob.'),
    region: z.string().optional().describe('Region; a glob.'),
    type: z.string().optional().describe('Resource type; a glob, e.g. "AWS::RDS::*".'),
    tag: z.record(z.string(), z.string()).optional().describe('Tags that must all match; values are globs.'),
  })
  .strict()
  .refine((s) => Object.keys(s).length > 0, 'a selector needs at least one of provider, account, region, type, tag')
export type Selector = z.infer<typeof SelectorSchema>

const ServiceSchema = z
  .object({
    type: z
      .enum(SERVICE_TYPES)
      .optional()
      .describe('EBA ICT service type (ITS Annex III). Without it exitready proposes S17/S18/S19 from each resource category.'),
    select: z.array(SelectorSchema).min(1).describe('The resources this service covers: any selector matches.'),
    storesData: z.boolean().optional().describe('B_02.02 c0140; proposed from stateful resources when absent.'),
    dataSensitivity: z.enum(['low', 'medium', 'high']).optional().describe('B_02.02 c0170.'),
    reliance: z.enum(['not-significant', 'low', 'material', 'full']).optional().describe('B_02.02 c0180.'),
    locations: z
      .array(
        z
          .object({
            country: Country,
            storesData: z.boolean().default(false).describe('Whether data is at rest in this country (B_02.02 c0150).'),
          })
          .strict(),
      )
      .min(1)
      .optional()
      .describe(
        'Countries where the service is provided and data processed (B_02.02 c0130, c0160), replacing those exitready proposes from regions; also names the countries of multi-country regions.',
      ),
  })
  .strict()

const CodeSchema = z.object({
  code: z.string().min(1).optional().describe('LEI (preferred) or EUID or another code; missing → listed as a gap.'),
  codeType: z.enum(CODE_TYPES).default('lei'),
  issuingCountry: Country.optional().describe('For codes other than LEI: the issuing country (the DPM does not carry it).'),
})

const ProviderSchema = CodeSchema.extend({
  catalogProvider: z
    .string()
    .optional()
    .describe('The catalog provider (providers.yaml) whose facts are proposed; default: this key when the catalog knows it.'),
  legalName: z.string().optional().describe('B_05.01 c0050: the contracting legal entity.'),
  latinName: z.string().optional().describe('B_05.01 c0060 when the legal name is not in the Latin alphabet.'),
  additionalCode: z.string().optional(),
  additionalCodeType: z.enum(CODE_TYPES).optional(),
  personType: z.enum(['legal', 'individual']).default('legal'),
  headOffice: Country.optional().describe('B_05.01 c0080; proposed from providers.yaml legalHome when absent.'),
  ultimateParent: z
    .union([z.literal('self'), CodeSchema.extend({name: z.string().optional(), country: Country.optional()}).strict()])
    .optional()
    .describe('"self" when the provider is its own ultimate parent; name and country are proposed from providers.yaml.'),
  subcontractors: z
    .array(z.object({provider: z.string(), services: z.array(z.enum(SERVICE_TYPES)).optional()}).strict())
    .optional()
    .describe('Rank-2 providers (e.g. the hyperscaler a SaaS runs on), each a key of providers.'),
}).strict()
export type ArrangementProvider = z.infer<typeof ProviderSchema>

const FunctionSchema = z
  .object({
    id: z.string().regex(/^F\d+$/, 'F followed by a number, e.g. F1'),
    name: z.string().min(1),
    licensedActivity: z
      .string()
      .refine((c) => LICENSED_ACTIVITIES.has(c), 'an eba_TA licensed-activity code, e.g. x276 (supporting function)'),
    critical: YesNoNotAssessed.describe('Criticality or importance assessment (B_06.01 c0050).'),
    reasons: z.string().max(300).optional(),
    lastAssessed: IsoDate.optional().describe('B_06.01 c0070; 9999-12-31 is reported when absent and not assessed.'),
    rtoHours: z.number().int().nonnegative().describe('0 if not defined, 1 if under an hour.'),
    rpoHours: z.number().int().nonnegative(),
    impact: Impact.describe('Impact of discontinuing the function (B_06.01 c0100).'),
  })
  .strict()
export type BusinessFunction = z.infer<typeof FunctionSchema>

const AssessmentSchema = z
  .object({
    substitutability: z.enum(['not-substitutable', 'highly-complex', 'medium', 'easy']).optional(),
    reason: z.enum(['no-alternatives', 'difficult-migration', 'both']).optional(),
    reintegration: z.enum(['easy', 'difficult', 'highly-complex', 'not-applicable']).optional(),
    impact: Impact.optional(),
    alternatives: YesNoNotAssessed.optional(),
    alternativeProviders: z.string().optional(),
    lastAudit: IsoDate.optional().describe('Last audit of the provider; 9999-12-31 is reported when absent.'),
  })
  .strict()
  .describe('Confirmed B_07.01 values; what is absent is proposed by exitready and listed to confirm.')

const ArrangementSchema = z
  .object({
    reference: z.string().min(1).describe('Contractual arrangement reference number (B_02.01 c0010).'),
    provider: z.string().describe('A key of providers.'),
    type: z.enum(['standalone', 'overarching', 'subsequent']).default('standalone'),
    overarching: z.string().optional().describe('Reference of the overarching arrangement (type subsequent).'),
    start: IsoDate,
    end: IsoDate.optional().describe('9999-12-31 is reported when absent (indefinite).'),
    terminationReason: z.enum(['expired', 'breach', 'impediment', 'data-security', 'authority', 'other']).optional(),
    notice: z
      .object({entityDays: z.number().int().nonnegative().optional(), providerDays: z.number().int().nonnegative().optional()})
      .strict()
      .optional(),
    governingLaw: Country.optional(),
    annualCost: z.object({amount: z.number().nonnegative(), currency: Currency}).strict().optional(),
    functions: z.array(z.string()).min(1).describe('Function ids this arrangement supports.'),
    services: z.array(ServiceSchema).min(1),
    assessment: AssessmentSchema.optional(),
    exitPlan: z
      .object({link: z.string().optional(), owner: z.string().optional(), lastTested: IsoDate.optional()})
      .strict()
      .optional(),
  })
  .strict()
export type Arrangement = z.infer<typeof ArrangementSchema>

export const B99_KEYS = [
  'standalone', 'overarching', 'subsequent',
  'sensitivityLow', 'sensitivityMedium', 'sensitivityHigh',
  'functionImpactLow', 'functionImpactMedium', 'functionImpactHigh',
  'notSubstitutable', 'highlyComplexSubstitutability', 'mediumSubstitutability', 'easilySubstitutable',
  'reintegrationEasy', 'reintegrationDifficult', 'reintegrationHighlyComplex',
  'serviceImpactLow', 'serviceImpactMedium', 'serviceImpactHigh',
] as const // biome-ignore format: B_99.01 c0010 … c0190, in order

export const ArrangementsFileSchema = z
  .object({
    apiVersion: z.literal('exitready.dev/v1'),
    kind: z.literal('Arrangements'),
    metadata: z.object({name: z.string().optional(), description: z.string().optional()}).strict().optional(),
    register: z
      .object({
        referenceDate: IsoDate.describe('refPeriod: 31 December of the preceding year from 2026 on.'),
        reportingDate: IsoDate.optional().describe('B_01.01 c0060; default: the day the package is written.'),
        consolidation: z.enum(['CON', 'IND']).default('CON'),
        filingCountry: Country.optional().describe(
          'Country part of the package name (unconfirmed rule); default: the entity country.',
        ),
        baseCurrency: Currency.default('EUR'),
      })
      .strict(),
    entity: z
      .object({
        lei: Lei,
        name: z.string().min(1),
        country: Country,
        type: z.enum(ENTITY_TYPES).describe('eba_CT type of entity, e.g. x309 insurance and reinsurance undertakings.'),
        competentAuthority: z.string().optional(),
        hierarchy: z.enum(['ultimate-parent', 'parent', 'subsidiary', 'other', 'outsourcing']).default('ultimate-parent'),
        parentLei: Lei.optional(),
        totalAssets: z.number().nonnegative().optional(),
        lastUpdated: IsoDate.optional(),
        integratedOn: IsoDate.optional(),
      })
      .strict(),
    providers: z.record(z.string(), ProviderSchema),
    functions: z.array(FunctionSchema).min(1),
    arrangements: z.array(ArrangementSchema).min(1),
    definitions: z.partialRecord(z.enum(B99_KEYS), z.string()).optional().describe('B_99.01: your definitions of the scales.'),
    exitPlanning: z
      .object({bandwidthMbps: z.number().positive().default(1000).describe('Bandwidth for the transfer-time estimate.')})
      .strict()
      .optional(),
  })
  .strict()
  .describe('exitready DORA arrangements (apiVersion exitready.dev/v1, kind Arrangements).')
export type ArrangementsFile = z.infer<typeof ArrangementsFileSchema>

/** References that zod cannot check: providers, functions and overarching arrangements named must exist. */
function checkReferences(data: ArrangementsFile, at: Locator): void {
  const problems: string[] = []
  const functions = new Set(data.functions.map((f) => f.id))
  const references = new Set<string>()
  const seenFunctions = new Set<string>()
  data.functions.forEach((f, i) => {
    if (seenFunctions.has(f.id)) problems.push(`${at(['functions', i, 'id'])}: function ${f.id} is defined twice`)
    seenFunctions.add(f.id)
  })
  data.arrangements.forEach((a, i) => {
    if (references.has(a.reference))
      problems.push(`${at(['arrangements', i, 'reference'])}: reference ${a.reference} is used twice`)
    references.add(a.reference)
  })
  data.arrangements.forEach((a, i) => {
    if (!data.providers[a.provider])
      problems.push(`${at(['arrangements', i, 'provider'])}: provider "${a.provider}" is not a key of providers`)
    a.functions.forEach((f, j) => {
      if (!functions.has(f))
        problems.push(`${at(['arrangements', i, 'functions', j])}: function "${f}" is not defined under functions`)
    })
    if (a.type === 'subsequent' && !a.overarching)
      problems.push(`${at(['arrangements', i, 'type'])}: a subsequent arrangement names its overarching arrangement`)
    if (a.overarching && !references.has(a.overarching))
      problems.push(`${at(['arrangements', i, 'overarching'])}: arrangement "${a.overarching}" is not in this file`)
  })
  for (const [key, provider] of Object.entries(data.providers))
    provider.subcontractors?.forEach((s, j) => {
      if (!data.providers[s.provider])
        problems.push(
          `${at(['providers', key, 'subcontractors', j, 'provider'])}: provider "${s.provider}" is not a key of providers`,
        )
    })
  if (problems.length === 1) throw new InputError(`${problems[0]}.`, 'Fix the reference in the arrangements file.')
  if (problems.length > 1)
    throw new InputError(
      `${problems.length} problems:\n${problems.map((p) => `${p}.`).join('\n')}`,
      'Fix the references in the arrangements file.',
    )
}

export function parseArrangements(file: string, text: string): ArrangementsFile {
  return parseYaml({file, text}, ArrangementsFileSchema, checkReferences)
}

export async function loadArrangements(file: string): Promise<ArrangementsFile> {
  return parseArrangements(file, await readInputFile(file))
}
