// The templates exitready writes, their columns as in the DPM 4.0 (reference file §2), and their
// allowed values as QNames. Names are abridged from the ITS.
import {COUNTRIES, COUNTRY_NOT_APPLICABLE, CURRENCIES, LICENSED_ACTIVITIES} from './lists.js'

export type ColumnKind = 's' | 'e' | 'd' | 'i' | 'm' | 't'

export interface Column {
  code: string
  name: string
  kind: ColumnKind
  /** Part of the primary key: never empty (technical check 805). */
  key?: boolean
  /** Mandatory in the ITS (M); conditional columns say when in `requiredWhen`. */
  required?: boolean
  /** Allowed QNames for enumerations. */
  allowed?: ReadonlySet<string>
  /** Holds an LEI when the row's code type column says so (or always, for entity LEIs). */
  lei?: 'always' | string
}

export const TEMPLATE_IDS = [
  'B_01.01', 'B_01.02', 'B_01.03', 'B_02.01', 'B_02.02', 'B_02.03', 'B_03.01', 'B_03.02',
  'B_03.03', 'B_04.01', 'B_05.01', 'B_05.02', 'B_06.01', 'B_07.01', 'B_99.01',
] as const // biome-ignore format: every template of the DORA module, in FilingIndicators order
export type TemplateId = (typeof TEMPLATE_IDS)[number]

const qnames = (prefix: string, members: Iterable<string>): ReadonlySet<string> =>
  new Set(Array.from(members, (m) => `${prefix}:${m}`))

const GA = qnames('eba_GA', COUNTRIES)
const GA_KEY = qnames('eba_GA', [...COUNTRIES, COUNTRY_NOT_APPLICABLE])
const CU = qnames('eba_CU', CURRENCIES)
const CODE_TYPE = qnames('eba_qCO', ['qx2000', 'qx2001', 'qx2002', 'qx2003', 'qx2004', 'qx2005'])
const SERVICE = qnames(
  'eba_TA',
  Array.from({length: 19}, (_, i) => `S${String(i + 1).padStart(2, '0')}`),
)
const YES_NO = qnames('eba_BT', ['x28', 'x29'])
const YES_NO_NA = qnames('eba_BT', ['x28', 'x29', 'x21'])
const IMPACT = qnames('eba_ZZ', ['x791', 'x792', 'x793', 'x799'])
const ENTITY_TYPE_0101 = qnames('eba_CT', [
  'x12', 'x599', 'x643', 'x639', 'x300', 'x301', 'x302', 'x303', 'x304', 'x305', 'x306',
  'x307', 'x308', 'x309', 'x310', 'x311', 'x312', 'x313', 'x314', 'x315', 'x316', 'x320',
]) // biome-ignore format: a table
const ENTITY_TYPE_0102 = new Set([...ENTITY_TYPE_0101, 'eba_CT:x317', 'eba_CT:x318'])

const col = (code: string, name: string, kind: ColumnKind, extra: Omit<Column, 'code' | 'name' | 'kind'> = {}): Column => ({
  code,
  name,
  kind,
  ...extra,
})
const definitions = (from: number, names: string[]): Column[] =>
  names.map((name, i) => col(`c${String(from + i * 10).padStart(4, '0')}`, name, 's'))

export const TEMPLATES: Partial<Record<TemplateId, Column[]>> = {
  'B_01.01': [
    col('c0010', 'LEI of the entity maintaining the register of information', 's', {key: true, required: true, lei: 'always'}),
    col('c0020', 'Name of the entity', 's', {required: true}),
    col('c0030', 'Country of the entity', 'e', {required: true, allowed: GA}),
    col('c0040', 'Type of entity', 'e', {required: true, allowed: ENTITY_TYPE_0101}),
    col('c0050', 'Competent Authority', 's', {required: true}),
    col('c0060', 'Date of the reporting', 'd', {required: true}),
  ],
  'B_01.02': [
    col('c0010', 'LEI of the entity', 's', {key: true, required: true, lei: 'always'}),
    col('c0020', 'Name of the entity', 's', {required: true}),
    col('c0030', 'Country of the entity', 'e', {required: true, allowed: GA}),
    col('c0040', 'Type of entity', 'e', {required: true, allowed: ENTITY_TYPE_0102}),
    col('c0050', 'Hierarchy of the entity within the group', 'e', {
      required: true,
      allowed: qnames('eba_RP', ['x53', 'x551', 'x56', 'x21', 'x210']),
    }),
    col('c0060', 'LEI of the direct parent undertaking of the entity', 's', {lei: 'always'}),
    col('c0070', 'Date of last update', 'd', {required: true}),
    col('c0080', 'Date of integration in the Register of information', 'd', {required: true}),
    col('c0090', 'Date of deletion in the Register of information', 'd', {required: true}),
    col('c0100', 'Currency', 'e', {allowed: CU}),
    col('c0110', 'Value of total assets - of the financial entity', 'm'),
  ],
  'B_02.01': [
    col('c0010', 'Contractual arrangement reference number', 's', {key: true, required: true}),
    col('c0020', 'Type of contractual arrangement', 'e', {required: true, allowed: qnames('eba_CO', ['x1', 'x2', 'x3'])}),
    col('c0030', 'Overarching contractual arrangement reference number', 's'),
    col('c0040', 'Currency of the amount reported in RT.02.01.0050', 'e', {required: true, allowed: CU}),
    col('c0050', 'Annual expense or estimated cost of the contractual arrangement for the past year', 'm', {required: true}),
  ],
  'B_02.02': [
    col('c0010', 'Contractual arrangement reference number', 's', {key: true, required: true}),
    col('c0020', 'LEI of the entity making use of the ICT service(s)', 's', {key: true, required: true, lei: 'always'}),
    col('c0030', 'Identification code of the ICT third-party service provider', 's', {key: true, required: true, lei: 'c0040'}),
    col('c0040', 'Type of code to identify the ICT third-party service provider', 'e', {required: true, allowed: CODE_TYPE}),
    col('c0050', 'Function identifier', 's', {key: true, required: true}),
    col('c0060', 'Type of ICT services', 'e', {key: true, required: true, allowed: SERVICE}),
    col('c0070', 'Start date of the contractual arrangement', 'd', {required: true}),
    col('c0080', 'End date of the contractual arrangement', 'd', {required: true}),
    col('c0090', 'Reason of the termination or ending of the contractual arrangement', 'e', {
      allowed: qnames('eba_CO', ['x4', 'x5', 'x6', 'x7', 'x8', 'x9']),
    }),
    col('c0100', 'Notice period for the financial entity making use of the ICT service(s)', 'i'),
    col('c0110', 'Notice period for the ICT third-party service provider', 'i'),
    col('c0120', 'Country of the governing law of the contractual arrangement', 'e', {allowed: GA}),
    col('c0130', 'Country of provision of the ICT services', 'e', {key: true, allowed: GA_KEY}),
    col('c0140', 'Storage of data', 'e', {allowed: YES_NO}),
    col('c0150', 'Location of the data at rest (storage)', 'e', {key: true, allowed: GA_KEY}),
    col('c0160', 'Location of management of the data (processing)', 'e', {key: true, allowed: GA_KEY}),
    col('c0170', 'Sensitiveness of the data stored by the ICT third-party service provider', 'e', {
      allowed: qnames('eba_ZZ', ['x791', 'x792', 'x793']),
    }),
    col('c0180', 'Level of reliance on the ICT service supporting the critical or important function', 'e', {
      allowed: qnames('eba_ZZ', ['x794', 'x795', 'x796', 'x797']),
    }),
  ],
  'B_03.01': [
    col('c0010', 'Contractual arrangement reference number', 's', {key: true, required: true}),
    col('c0020', 'LEI of the entity signing the contractual arrangement', 's', {key: true, required: true, lei: 'always'}),
    col('c0030', 'Link', 't', {required: true}),
  ],
  'B_03.02': [
    col('c0010', 'Contractual arrangement reference number', 's', {key: true, required: true}),
    col('c0020', 'Identification code of ICT third-party service provider', 's', {key: true, required: true, lei: 'c0030'}),
    col('c0030', 'Type of code to identify the ICT third-party service provider', 'e', {required: true, allowed: CODE_TYPE}),
  ],
  'B_05.01': [
    col('c0010', 'Identification code of ICT third-party service provider', 's', {key: true, required: true, lei: 'c0020'}),
    col('c0020', 'Type of code to identify the ICT third-party service provider', 'e', {required: true, allowed: CODE_TYPE}),
    col('c0030', 'Additional identification code of ICT third-party service provider', 's', {lei: 'c0040'}),
    col('c0040', 'Type of additional identification code of the ICT third-party service provider', 'e', {allowed: CODE_TYPE}),
    col('c0050', 'Legal name of the ICT third-party service provider', 's', {required: true}),
    col('c0060', 'Name of the ICT third-party service provider in Latin alphabet', 's', {required: true}),
    col('c0070', 'Type of person of the ICT third-party service provider', 'e', {
      required: true,
      allowed: qnames('eba_CT', ['x212', 'x213']),
    }),
    col('c0080', "Country of the ICT third-party service provider's headquarters", 'e', {required: true, allowed: GA}),
    col('c0090', 'Currency of the amount reported in RT.05.01.0070', 'e', {allowed: CU}),
    col('c0100', 'Total annual expense or estimated cost of the ICT third-party service provider', 'm'),
    col('c0110', "Identification code of the ICT third-party service provider's ultimate parent undertaking", 's', {
      required: true,
      lei: 'c0120',
    }),
    col('c0120', "Type of code to identify the ICT third-party service provider's ultimate parent undertaking", 'e', {
      required: true,
      allowed: CODE_TYPE,
    }),
  ],
  'B_05.02': [
    col('c0010', 'Contractual arrangement reference number', 's', {key: true, required: true}),
    col('c0020', 'Type of ICT services', 'e', {key: true, required: true, allowed: SERVICE}),
    col('c0030', 'Identification code of the ICT third-party service provider', 's', {key: true, required: true, lei: 'c0040'}),
    col('c0040', 'Type of code to identify the ICT third-party service provider', 'e', {required: true, allowed: CODE_TYPE}),
    col('c0050', 'Rank', 'i', {key: true, required: true}),
    col('c0060', 'Identification code of the recipient of sub-contracted ICT services', 's', {
      key: true,
      required: true,
      lei: 'c0070',
    }),
    col('c0070', 'Type of code to identify the recipient of sub-contracted ICT services', 'e', {
      required: true,
      allowed: CODE_TYPE,
    }),
  ],
  'B_06.01': [
    col('c0010', 'Function Identifier', 's', {key: true, required: true}),
    col('c0020', 'Licenced activity', 'e', {required: true, allowed: qnames('eba_TA', LICENSED_ACTIVITIES)}),
    col('c0030', 'Function name', 's', {required: true}),
    col('c0040', 'LEI of the financial entity', 's', {key: true, required: true, lei: 'always'}),
    col('c0050', 'Criticality or importance assessment', 'e', {required: true, allowed: YES_NO_NA}),
    col('c0060', 'Reasons for criticality or importance', 's'),
    col('c0070', 'Date of the last assessment of criticality or importance', 'd', {required: true}),
    col('c0080', 'Recovery time objective of the function', 'i', {required: true}),
    col('c0090', 'Recovery point objective of the function', 'i', {required: true}),
    col('c0100', 'Impact of discontinuing the function', 'e', {required: true, allowed: IMPACT}),
  ],
  'B_07.01': [
    col('c0010', 'Contractual arrangement reference number', 's', {key: true, required: true}),
    col('c0020', 'Identification code of the ICT third-party service provider', 's', {key: true, required: true, lei: 'c0030'}),
    col('c0030', 'Type of code to identify the ICT third-party service provider', 'e', {required: true, allowed: CODE_TYPE}),
    col('c0040', 'Type of ICT services', 'e', {key: true, required: true, allowed: SERVICE}),
    col('c0050', 'Substitutability of the ICT third-party service provider', 'e', {
      required: true,
      allowed: qnames('eba_ZZ', ['x959', 'x960', 'x961', 'x962']),
    }),
    col(
      'c0060',
      'Reason if the ICT third-party service provider is considered not substitutable or difficult to be substitutable',
      'e',
      {
        allowed: qnames('eba_ZZ', ['x963', 'x964', 'x965']),
      },
    ),
    col('c0070', 'Date of the last audit on the ICT third-party service provider', 'd', {required: true}),
    col('c0080', 'Existence of an exit plan', 'e', {required: true, allowed: YES_NO}),
    col('c0090', 'Possibility of reintegration of the contracted ICT service', 'e', {
      required: true,
      allowed: qnames('eba_ZZ', ['x798', 'x966', 'x967', 'x0']),
    }),
    col('c0100', 'Impact of discontinuing the ICT services', 'e', {required: true, allowed: IMPACT}),
    col('c0110', 'Are there alternative ICT third-party service providers identified?', 'e', {
      required: true,
      allowed: YES_NO_NA,
    }),
    col('c0120', 'Identification of alternative ICT TPP', 's'),
  ],
  'B_99.01': definitions(10, [
    'Type of contractual arrangement: standalone arrangement',
    'Type of contractual arrangement: overarching arrangement',
    'Type of contractual arrangement: subsequent or associated arrangement',
    'Sensitiveness of the data: low',
    'Sensitiveness of the data: medium',
    'Sensitiveness of the data: high',
    'Impact of discontinuing the function: low',
    'Impact of discontinuing the function: medium',
    'Impact of discontinuing the function: high',
    'Substitutability: not substitutable',
    'Substitutability: highly complex',
    'Substitutability: medium complexity',
    'Substitutability: easily substitutable',
    'Reintegration: easy',
    'Reintegration: difficult',
    'Reintegration: highly complex',
    'Impact of discontinuing the ICT services: low',
    'Impact of discontinuing the ICT services: medium',
    'Impact of discontinuing the ICT services: high',
  ]),
}

/** The templates this version writes; the others are reported `false` and named in the gap report. */
export const WRITTEN_TEMPLATES = Object.keys(TEMPLATES) as TemplateId[]

/** Lower-case file name of a template's table, as the module's table url. */
export const tableFile = (id: TemplateId): string => `${id.toLowerCase()}.csv`
