/** Which format a file is in, from its content (the extension is only a hint for YAML). */
import {looksLikeAwsResourceExplorer} from './aws-resource-explorer.js'
import {looksLikeAwsTagging} from './aws-tagging.js'
import {looksLikeAzGraphObject, looksLikeAzGraphRows} from './az-graph.js'
import {looksLikeGcloudAssets} from './gcloud-assets.js'
import {looksLikeInventoryYaml} from './inventory-yaml.js'
import {looksLikeShowJson} from './terraform-show.js'
import {looksLikeState} from './terraform-state.js'
import type {ImportFormat} from './types.js'

/** JSON starts with `{` or `[`; anything else is treated as YAML. */
export const looksLikeJson = (text: string) => /^\s*[[{]/.test(text)

export function detectJsonFormat(data: unknown): ImportFormat | 'empty' | undefined {
  if (Array.isArray(data)) {
    if (data.length === 0) return 'empty'
    if (looksLikeGcloudAssets(data)) return 'gcloud-assets'
    if (looksLikeAzGraphRows(data)) return 'az-graph'
    return undefined
  }
  if (looksLikeState(data)) return 'terraform-state'
  if (looksLikeShowJson(data)) return 'terraform-show'
  if (looksLikeAwsTagging(data)) return 'aws-tagging'
  if (looksLikeAwsResourceExplorer(data)) return 'aws-resource-explorer'
  if (looksLikeAzGraphObject(data)) return 'az-graph'
  return undefined
}

export function detectYamlFormat(text: string): ImportFormat | undefined {
  return looksLikeInventoryYaml(text) ? 'inventory-yaml' : undefined
}
