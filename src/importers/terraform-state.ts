/**
 * Terraform and OpenTofu state files, version 4 (`terraform.tfstate`, `terraform state pull`,
 * `tofu state pull`): every managed resource instance across modules, `count` and `for_each`.
 * Data sources and deposed objects are skipped and counted.
 */
import {InputError} from '../errors.js'
import {isObject} from '../util/json.js'
import {formatKey, parseAddress} from './terraform/address.js'
import {providerFromStateField} from './terraform/providers.js'
import {
  bump,
  emptySensitivity,
  markSensitive,
  type Sensitivity,
  type TerraformInstance,
  type TerraformRead,
} from './terraform/types.js'

/** True for anything that claims to be a state file, whatever its version, so the version can be checked. */
export function looksLikeState(data: unknown): boolean {
  if (!isObject(data)) return false
  if ('encrypted_data' in data && 'encryption_version' in data) return true
  return (
    typeof data.version === 'number' &&
    ('lineage' in data || 'terraform_version' in data || Array.isArray(data.resources) || Array.isArray(data.modules))
  )
}

/**
 * `sensitive_attributes`: a list of paths, each a list of steps (`{type: get_attr, value: "password"}`,
 * `{type: index, value: {value: "Name", type: "string"}}`). Any step after the attribute except a tag
 * key makes the whole attribute sensitive.
 */
function sensitivityOf(paths: unknown): Sensitivity | undefined {
  if (!Array.isArray(paths) || paths.length === 0) return undefined
  const sensitivity = emptySensitivity()
  // Some writers emit one flat path instead of a list of paths.
  const list = paths.every((p) => Array.isArray(p)) ? (paths as unknown[][]) : [paths]
  for (const path of list) {
    const first = path[0]
    if (!isObject(first) || first.type !== 'get_attr' || typeof first.value !== 'string') continue
    const second = path[1]
    const key = isObject(second) && second.type === 'index' && isObject(second.value) ? second.value.value : undefined
    markSensitive(sensitivity, first.value, path.length === 2 && typeof key === 'string' ? key : undefined)
  }
  return sensitivity.whole.size > 0 || sensitivity.mapKeys.size > 0 ? sensitivity : undefined
}

function fail(file: string, message: string, suggestion?: string): never {
  throw new InputError(`${file}: ${message}`, suggestion)
}

export function readTerraformState(data: unknown, file: string): TerraformRead {
  if (!isObject(data)) fail(file, 'not a Terraform state (expected a JSON object).')
  if ('encrypted_data' in data)
    fail(
      file,
      'the state is encrypted (OpenTofu state encryption), so its resources cannot be read.',
      'Import a decrypted copy: `tofu state pull > state.json` or `tofu show -json > state.json` in the configured working directory.',
    )
  if (!('version' in data)) fail(file, 'not a Terraform state (no "version" field).')
  if (data.version !== 4)
    fail(
      file,
      `unknown Terraform state version ${JSON.stringify(data.version)}; exitready reads version 4 (Terraform 0.12 and later, OpenTofu).`,
      typeof data.version === 'number' && data.version < 4
        ? 'Let Terraform 0.12 or later upgrade it (`terraform init`, then `terraform state pull > upgraded.tfstate`).'
        : 'Import `terraform show -json` output instead, which has a stable format.',
    )
  const resources = data.resources ?? []
  if (!Array.isArray(resources)) fail(file, '"resources" is not a list.')

  const instances: TerraformInstance[] = []
  const skipped: Record<string, number> = {}
  for (let r = 0; r < resources.length; r++) {
    const resource = resources[r]
    const where = `resources[${r}]`
    if (!isObject(resource)) fail(file, `${where} is not an object.`)
    const {mode, type, name, provider} = resource
    if (typeof type !== 'string' || typeof name !== 'string') fail(file, `${where} has no "type" or "name".`)
    const list = resource.instances ?? []
    if (!Array.isArray(list)) fail(file, `${where}.instances is not a list.`)
    if (mode === 'data') {
      bump(skipped, 'data sources', Math.max(1, list.length))
      continue
    }
    if (mode !== 'managed') fail(file, `${where} has the unknown mode ${JSON.stringify(mode)}.`)
    if (typeof provider !== 'string') fail(file, `${where} (${type}.${name}) has no "provider".`)
    // Terraform 0.12 wrote `provider. null` with a space in some upgraded states.
    const providerAddress = providerFromStateField(provider.replace(/(^|\.)provider\.\s+/, '$1provider.'))
    if (!providerAddress) fail(file, `${where} (${type}.${name}) has an unreadable provider ${JSON.stringify(provider)}.`)
    const module = typeof resource.module === 'string' ? resource.module : ''
    const modules = module ? parseAddress(module)?.modules : []
    if (!modules) fail(file, `${where} has an unreadable module address ${JSON.stringify(module)}.`)
    const prefix = module ? `${module}.` : ''

    for (let i = 0; i < list.length; i++) {
      const item = list[i]
      if (!isObject(item)) fail(file, `${where}.instances[${i}] is not an object.`)
      if (typeof item.deposed === 'string' && item.deposed !== '') {
        bump(skipped, 'deposed objects')
        continue
      }
      const key = formatKey(item.index_key)
      const attributes = isObject(item.attributes) ? item.attributes : isObject(item.attributes_flat) ? item.attributes_flat : {}
      const dependencies = Array.isArray(item.dependencies)
        ? item.dependencies.filter((d): d is string => typeof d === 'string')
        : Array.isArray(item.depends_on)
          ? item.depends_on.filter((d): d is string => typeof d === 'string')
          : []
      instances.push({
        address: `${prefix}${type}.${name}${key ?? ''}`,
        modules,
        type,
        name,
        key,
        provider: providerAddress,
        attributes,
        sensitive: sensitivityOf(item.sensitive_attributes),
        dependencies,
      })
    }
  }
  const version = typeof data.terraform_version === 'string' ? data.terraform_version : undefined
  const lineage = typeof data.lineage === 'string' && data.lineage !== '' ? data.lineage : undefined
  return {instances, skipped, detail: `state v4${version ? `, written by ${version}` : ''}`, ...(lineage ? {lineage} : {})}
}
