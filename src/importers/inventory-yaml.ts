/**
 * The manual inventory (`apiVersion: exitready.dev/v1`, `kind: Inventory`): SaaS services and anything
 * else that no cloud API lists. Validated against ManualInventorySchema with file:line:column errors.
 */
import type {Catalog} from '../catalog/catalog.js'
import {InputError} from '../errors.js'
import type {ResourceInput} from '../inventory/model.js'
import {parseYaml} from '../util/yaml.js'
import {saasFromInventoryDns} from './dns.js'
import {entryKey, type ManualEntry, ManualInventorySchema} from './manual-schema.js'
import type {ExportRead} from './types.js'

/** True when YAML text declares itself an inventory (cheap check before a full parse). */
export const looksLikeInventoryYaml = (text: string) => /^kind:\s*["']?Inventory["']?\s*$/m.test(text)

/** The provider a canonical type names: `AWS::…` → aws, `microsoft.…/…` → azure, `….googleapis.com/…` → gcp, `x:…` → x. */
function providerOfType(type: string): string | undefined {
  if (type.startsWith('AWS::')) return 'aws'
  if (/^microsoft\.[a-z0-9]+\//i.test(type)) return 'azure'
  if (/\.googleapis\.com\//.test(type)) return 'gcp'
  const colon = /^([a-z0-9][a-z0-9-]*):/.exec(type)
  return colon?.[1]
}

function typeOf(entry: ManualEntry, catalog: Catalog): {type: string; provider: string} {
  if (entry.service !== undefined) {
    const service = entry.service.replace(/^saas:/, '')
    const direct = `saas:${service}`
    const type =
      catalog.canonicalType(direct) ?? catalog.canonicalType(service) ?? catalog.canonicalType(service.toLowerCase()) ?? direct
    return {type, provider: entry.provider ?? 'saas'}
  }
  const type = catalog.canonicalType(entry.type!) ?? entry.type!
  const provider = entry.provider ?? providerOfType(type)
  if (!provider)
    throw new InputError(
      `the type "${entry.type}" does not name its provider`,
      'Add `provider:` to the entry (e.g. provider: aws), or use a canonical type such as AWS::S3::Bucket or hetzner:server.',
    )
  return {type, provider}
}

export async function readInventoryYaml(text: string, file: string, source: string, catalog: Catalog): Promise<ExportRead> {
  const inventory = parseYaml({file, text}, ManualInventorySchema)
  const defaults = inventory.defaults ?? {}
  const resources: ResourceInput[] = []
  const idByReference = new Map<string, string>()
  const entries = inventory.resources.map((entry, index) => {
    let mapped: {type: string; provider: string}
    try {
      mapped = typeOf(entry, catalog)
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${file}: resources[${index}]: ${error.message}.`, error.suggestion)
      throw error
    }
    const id = entry.id && /[:/]/.test(entry.id) ? entry.id : `${mapped.type}:${entryKey(entry)}`
    if (idByReference.get(id) === id)
      throw new InputError(
        `${file}: resources[${index}] has the id ${id}, which another entry already has; give it a different name or id.`,
      )
    idByReference.set(id, id)
    if (entry.id) idByReference.set(entry.id, id)
    if (entry.name && !idByReference.has(entry.name)) idByReference.set(entry.name, id)
    return {entry, id, ...mapped}
  })

  for (const {entry, id, type, provider} of entries) {
    const tags: Record<string, string> = {...defaults.tags, ...entry.tags}
    if (entry.criticality) tags.criticality = entry.criticality
    const attributes: Record<string, unknown> = {}
    if (entry.seats !== undefined) attributes.seats = entry.seats
    if (entry.users !== undefined) attributes.users = entry.users
    if (entry.plan) attributes.plan = entry.plan
    const mapping = catalog.lookup(type)
    const resource: ResourceInput = {
      id,
      provider,
      type,
      name: entry.name ?? mapping.title ?? type,
      tags,
      source,
    }
    const account = entry.account ?? defaults.account
    const region = entry.region ?? defaults.region
    if (account) resource.account = account
    if (region) resource.region = region
    if (Object.keys(attributes).length > 0) resource.attributes = attributes
    if (entry.dataGiB !== undefined) resource.sizeGiB = entry.dataGiB
    if (entry.dependsOn?.length) resource.dependsOn = [...new Set(entry.dependsOn.map((ref) => idByReference.get(ref) ?? ref))]
    resources.push(resource)
  }
  const warnings: string[] = []
  if (inventory.dns?.length) {
    const found = await saasFromInventoryDns(inventory.dns, file, source, catalog)
    const ids = new Set(resources.map((r) => r.id))
    for (const resource of found.resources) if (!ids.has(resource.id)) resources.push(resource)
    for (const warning of found.warnings) warnings.push(warning)
  }
  if (resources.length === 0) warnings.push('The inventory lists no resources.')
  return {resources, warnings}
}
