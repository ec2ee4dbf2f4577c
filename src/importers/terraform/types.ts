import type {ModuleStep} from './address.js'

/**
 * What must not be read from an instance: whole attributes, and single keys of tag maps (a tag whose
 * value came from a sensitive variable). Built from a state's `sensitive_attributes` or a JSON
 * document's `sensitive_values`.
 */
export interface Sensitivity {
  whole: Set<string>
  mapKeys: Map<string, Set<string>>
}

/** One managed resource instance, from a state file or from `terraform show -json`. */
export interface TerraformInstance {
  /** Full instance address, e.g. `module.edge["fsn1"].hcloud_server.web[0]`. */
  address: string
  modules: ModuleStep[]
  type: string
  name: string
  /** Instance key as printed (`[0]`, `["a"]`), if any. */
  key?: string
  /** Provider source address, e.g. `registry.opentofu.org/hashicorp/aws`. */
  provider: string
  attributes: Record<string, unknown>
  sensitive?: Sensitivity
  /** Resource or module addresses this instance depends on. */
  dependencies: readonly string[]
  /** Region, project and Azure subscription from the provider configuration, where a plan tells them. */
  providerDefaults?: {region?: string; project?: string; subscription?: string}
  /** The planned change (create, update, replace) when the instance comes from a plan. */
  plannedAction?: string
}

/** What the Terraform readers hand back before the common build step. */
export interface TerraformRead {
  instances: TerraformInstance[]
  /** Data sources, deposed objects and the like: label → count. */
  skipped: Record<string, number>
  /** `terraform 1.9.5`, `OpenTofu`, `plan` … for the summary. */
  detail: string
  /** The state's lineage, which names one configuration's state across serials and file names. */
  lineage?: string
  /** True when the file itself says OpenTofu wrote it (state encryption, registry.opentofu.org providers). */
  opentofu?: boolean
}

const TAG_MAPS = new Set(['tags', 'tags_all', 'labels', 'effective_labels', 'terraform_labels'])

/** Adds one sensitive path (attribute name, then an optional map key). */
export function markSensitive(sensitivity: Sensitivity, attribute: string, mapKey?: string): void {
  if (mapKey !== undefined && TAG_MAPS.has(attribute)) {
    let keys = sensitivity.mapKeys.get(attribute)
    if (!keys) {
      keys = new Set()
      sensitivity.mapKeys.set(attribute, keys)
    }
    keys.add(mapKey)
  } else sensitivity.whole.add(attribute)
}

export const emptySensitivity = (): Sensitivity => ({whole: new Set(), mapKeys: new Map()})

export function bump(counts: Record<string, number>, label: string, by = 1): void {
  counts[label] = (counts[label] ?? 0) + by
}
