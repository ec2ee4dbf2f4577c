import {z} from 'zod'
import {AssessmentSchema} from './assessment/schema.js'
import {CtppFileSchema, OwnershipFileSchema} from './catalog/control.js'
import {SaasDnsTableSchema} from './catalog/saas-dns-schema.js'
import {CatalogFileSchema} from './catalog/schema.js'
import {SovereigntyFileSchema} from './catalog/sovereignty-schema.js'
import {TerraformTableSchema} from './catalog/terraform-schema.js'
import {ArrangementsFileSchema} from './dora/arrangements.js'
import {DnsRecordsFileSchema} from './importers/dns/records-file.js'
import {ManualInventorySchema} from './importers/manual-schema.js'
import {SnapshotSchema} from './inventory/model.js'
import {PolicySchema} from './policy/schema.js'

/**
 * Every published file format: its zod schema is the single source, and schemas/<name>.schema.json
 * is generated from it (npm run schemas) so that editors can offer completion. A test checks they match.
 */
export const PUBLISHED_SCHEMAS: Record<string, {schema: z.ZodType; title: string}> = {
  inventory: {schema: SnapshotSchema, title: 'exitready inventory snapshot (exitready/inventory@1)'},
  catalog: {schema: CatalogFileSchema, title: 'exitready catalog file'},
  assessment: {schema: AssessmentSchema, title: 'exitready assessment (exitready/assessment@1)'},
  policy: {schema: PolicySchema, title: 'exitready policy (apiVersion exitready.dev/v1, kind Policy)'},
  'inventory-manual': {
    schema: ManualInventorySchema,
    title: 'exitready manual inventory (apiVersion exitready.dev/v1, kind Inventory), for SaaS and anything no API lists',
  },
  'dns-records': {
    schema: DnsRecordsFileSchema,
    title: 'exitready DNS records (apiVersion exitready.dev/v1, kind DnsRecords), for SaaS found from DNS',
  },
  arrangements: {
    schema: ArrangementsFileSchema,
    title: 'exitready DORA arrangements (apiVersion exitready.dev/v1, kind Arrangements)',
  },
  'catalog-terraform': {schema: TerraformTableSchema, title: 'exitready catalog table: Terraform types to canonical types'},
  'catalog-saas-dns': {schema: SaasDnsTableSchema, title: 'exitready catalog table: DNS records that reveal SaaS services'},
  'catalog-sovereignty': {
    schema: SovereigntyFileSchema,
    title:
      'exitready sovereignty data (catalog/sovereignty/): EU Cloud Sovereignty Framework, certification schemes, provider profiles',
  },
  'catalog-ctpp': {schema: CtppFileSchema, title: 'exitready catalog: critical ICT third-party providers designated by the ESAs'},
  'catalog-ownership': {schema: OwnershipFileSchema, title: 'exitready catalog: ultimate parents and hosting of SaaS vendors'},
}

export function jsonSchemaFor(name: string): Record<string, unknown> {
  const entry = PUBLISHED_SCHEMAS[name]!
  const json = z.toJSONSchema(entry.schema, {target: 'draft-2020-12', io: 'input', unrepresentable: 'any'}) as Record<
    string,
    unknown
  >
  return {
    $id: `https://exitready.dev/schemas/${name}.schema.json`,
    title: entry.title,
    ...json,
  }
}
