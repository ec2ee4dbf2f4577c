import {readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {z} from 'zod'
import {parseYaml} from '../util/yaml.js'

/** catalog/ at the package root (as load.ts has it; not imported from there, which imports this file). */
const BUILTIN_CATALOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../catalog')

/** The catalog files about who controls providers and vendors; they are not provider catalogs. */
export const CONTROL_FILES = ['ctpp.yaml', 'ownership.yaml'] as const

const GroupIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case group id such as "microsoft"')
/** A provider id of providers.yaml or a SaaS namespace (`saas:<vendor>`). */
const HolderIdSchema = z.string().regex(/^(saas:)?[a-z0-9][a-z0-9-]*$/, 'a provider id or a SaaS namespace such as "saas:slack"')

export const CtppFileSchema = z
  .object({
    asOf: z.iso.date().describe('The day the ESAs published the list (YYYY-MM-DD).'),
    readOn: z.iso.date().describe('The day the list was read into this file.'),
    sources: z.array(z.string().min(1)).min(1),
    designated: z
      .array(
        z
          .object({
            entity: z.string().min(1).describe('The designated legal entity, as the list names it.'),
            group: GroupIdSchema.describe('Its ultimate parent (providers.yaml parentId, ownership.yaml groups).'),
            covers: z
              .array(HolderIdSchema)
              .optional()
              .describe('Providers and SaaS namespaces whose European contracting entity is this entity.'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .describe('Critical ICT third-party service providers designated by the ESAs under DORA Art. 31.')
export type CtppFile = z.infer<typeof CtppFileSchema>

export const OwnershipFileSchema = z
  .object({
    readOn: z.iso.date(),
    groups: z.record(GroupIdSchema, z.object({name: z.string().min(1), country: z.string().length(2)}).strict()),
    saas: z.record(
      HolderIdSchema,
      z
        .object({
          group: GroupIdSchema.optional().describe('The ultimate parent, when it is not the vendor itself.'),
          source: z.string().min(1).optional(),
          hostedOn: z
            .array(z.object({provider: z.string().min(1), source: z.string().min(1)}).strict())
            .optional()
            .describe('The cloud providers the vendor runs on: a fourth-party dependency of its users.'),
        })
        .strict(),
    ),
  })
  .strict()
  .describe('Ultimate parents of SaaS vendors and the clouds they run on.')
export type OwnershipFile = z.infer<typeof OwnershipFileSchema>

export interface ControlData {
  ctpp: CtppFile
  ownership: OwnershipFile
}

const cache = new Map<string, ControlData>()

/**
 * The control data of a catalog folder (built-in by default), read once. Two small files, read
 * synchronously so that scoring stays a pure, synchronous stage; absent files give empty data.
 */
export function loadControlData(dir = BUILTIN_CATALOG_DIR): ControlData {
  let data = cache.get(dir)
  if (!data) {
    const read = <T extends z.ZodType>(name: string, schema: T, empty: z.infer<T>): z.infer<T> => {
      let text: string
      try {
        text = readFileSync(join(dir, name), 'utf8')
      } catch {
        return empty
      }
      return parseYaml({file: join(dir, name), text}, schema)
    }
    data = {
      ctpp: read('ctpp.yaml', CtppFileSchema, {asOf: '1970-01-01', readOn: '1970-01-01', sources: ['none'], designated: []}),
      ownership: read('ownership.yaml', OwnershipFileSchema, {readOn: '1970-01-01', groups: {}, saas: {}}),
    }
    cache.set(dir, data)
  }
  return data
}
