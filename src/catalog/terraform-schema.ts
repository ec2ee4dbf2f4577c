import {z} from 'zod'
import {ProviderIdSchema} from '../inventory/model.js'
import {EffortSchema, PortabilitySchema, ServiceDefaultSchema} from './schema.js'

/**
 * The Terraform tables of catalog/terraform/: how the resource types of one Terraform provider reach
 * the catalog's canonical types (CloudFormation, ARM, Cloud Asset, `<provider>:<kind>`).
 */

/** Mapping fields a table may adjust on what it inherits from a parent entry or a service default. */
export const TerraformSetSchema = z
  .object({
    title: z.string().min(1).optional(),
    category: z.string().min(1).optional().describe('A category id from categories.yaml.'),
    portability: PortabilitySchema.optional(),
    stateful: z.boolean().optional(),
    effort: EffortSchema.optional(),
    exit: z.string().min(1).optional(),
  })
  .strict()
  .describe('Fields that replace the inherited ones.')
export type TerraformSet = z.infer<typeof TerraformSetSchema>

const WhenSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .describe('Attribute name → value, glob, or list of either; every key must match (keys without case or underscores).')

export const TerraformVariantSchema = z
  .object({
    when: WhenSchema,
    type: z.string().min(1).describe('The canonical type when the attributes match.'),
  })
  .strict()

/**
 * Where a Terraform type (or every type with a prefix) goes. Exactly one of:
 * - `type`: the Terraform type *is* this canonical type (the import writes the canonical type);
 * - `parent`: it is a part or a setting of this canonical type, mapped from that type's entry;
 * - `namespace`: it is a part or a setting of this service, mapped from the service default.
 * A plain string is `type` in `types:` and `namespace` in `prefixes:`.
 */
export const TerraformTargetSchema = z
  .object({
    type: z.string().min(1).optional(),
    parent: z.string().min(1).optional(),
    namespace: z.string().min(1).optional(),
    variants: z
      .array(TerraformVariantSchema)
      .min(1)
      .optional()
      .describe('With `type`: other canonical types chosen by attributes; the first match wins.'),
    set: TerraformSetSchema.optional(),
    overridesAlias: z
      .boolean()
      .optional()
      .describe('This mapping wins over an entry alias of the same Terraform type (the alias is wrong).'),
    note: z.string().min(1).optional().describe('Why, for a reader of the table.'),
  })
  .strict()
  .refine((t) => [t.type, t.parent, t.namespace].filter(Boolean).length === 1, {
    message: 'give exactly one of type, parent or namespace',
  })
  .refine((t) => !t.variants || t.type, {message: 'variants need a type'})
  .refine((t) => !(t.type && t.set), {message: 'a type mapping takes the entry as it is; use parent to adjust fields'})
export type TerraformTarget = z.infer<typeof TerraformTargetSchema>

/** A child or configuration rule: matching types are settings of their parent service, never data stores. */
export const TerraformChildRuleSchema = z
  .object({
    match: z.array(z.string().min(1)).min(1).describe('Globs on Terraform types and on canonical types that have no entry.'),
    category: z.string().min(1).describe('A category id from categories.yaml.'),
    keepCategories: z
      .array(z.string().min(1))
      .optional()
      .describe('Parent categories that stay as they are (a route association is network, not management).'),
    title: z.string().min(1).optional(),
    exit: z.string().min(1).optional(),
  })
  .strict()
export type TerraformChildRule = z.infer<typeof TerraformChildRuleSchema>

export const TerraformServiceSchema = z
  .object({
    title: z.string().optional(),
    default: ServiceDefaultSchema,
  })
  .strict()

export const TerraformTableSchema = z
  .object({
    terraform: z
      .array(z.string().regex(/^[a-z0-9-]+$/))
      .min(1)
      .describe('Terraform provider type names that share this table (google, google-beta).'),
    provider: ProviderIdSchema.describe('The exitready provider id of these resources.'),
    typePrefix: z
      .string()
      .regex(/^[a-z0-9]+_$/)
      .describe('Every Terraform type of the provider starts with it (aws_, google_, azurerm_).'),
    prefixes: z
      .record(z.string().min(1), z.union([z.string().min(1), TerraformTargetSchema]))
      .describe('Type prefix → namespace (or target); the longest matching prefix wins.'),
    types: z
      .record(z.string().min(1), z.union([z.string().min(1), TerraformTargetSchema]))
      .optional()
      .describe('Exact Terraform type → canonical type (or target); wins over every prefix.'),
    children: z
      .array(TerraformChildRuleSchema)
      .optional()
      .describe('Rules for child and configuration types, applied before the service default; the first match wins.'),
    services: z
      .record(z.string().min(1), TerraformServiceSchema)
      .optional()
      .describe('Defaults for services that no entry file has yet; an entry file that adds the namespace wins.'),
  })
  .strict()
  .describe('One Terraform table: how a Terraform provider’s resource types map to the catalog.')
export type TerraformTable = z.infer<typeof TerraformTableSchema>
