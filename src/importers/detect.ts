/** Which format a file is in, from its content (the extension is only a hint for YAML). */

import {looksLikeArmTemplate} from './arm/template.js'
import {looksLikeAwsResourceExplorer} from './aws-resource-explorer.js'
import {looksLikeAwsTagging} from './aws-tagging.js'
import {looksLikeArmListBody, looksLikeAzGraphObject, looksLikeAzGraphRows, looksLikeAzResourceList} from './az-graph.js'
import {looksLikeCdkManifest} from './cloudformation/cdk.js'
import {looksLikeStackResources} from './cloudformation/stack-resources.js'
import {looksLikeTemplate} from './cloudformation/template.js'
import {looksLikeDnsRecordsYaml, looksLikeZoneFile} from './dns.js'
import {looksLikeGcloudAssets} from './gcloud-assets.js'
import {looksLikeInventoryYaml} from './inventory-yaml.js'
import {looksLikeKubernetesJson, looksLikeKubernetesYaml} from './kubernetes.js'
import {looksLikePulumiState} from './pulumi.js'
import {looksLikeShowJson} from './terraform-show.js'
import {looksLikeState} from './terraform-state.js'
import type {ImportFormat} from './types.js'

/** JSON starts with `{` or `[` (the setup-terraform wrapper's `[command]` line too); anything else is YAML. */
export const looksLikeJson = (text: string) => /^\s*[[{]/.test(text)

/** A DORA arrangements file (kind: Arrangements) names its kind on a top-level line. */
export const looksLikeArrangementsYaml = (text: string) => /^kind:\s*["']?Arrangements["']?\s*(#.*)?$/m.test(text)

export function detectJsonFormat(data: unknown): ImportFormat | 'empty' | undefined {
  if ((data as {kind?: unknown} | null)?.kind === 'Arrangements') return 'arrangements'
  if (Array.isArray(data)) {
    if (data.length === 0) return 'empty'
    if (looksLikeGcloudAssets(data)) return 'gcloud-assets'
    if (looksLikeAzResourceList(data)) return 'az-resource-list'
    if (looksLikeAzGraphRows(data)) return 'az-graph'
    return undefined
  }
  if (looksLikeState(data)) return 'terraform-state'
  if (looksLikeShowJson(data)) return 'terraform-show'
  if (looksLikePulumiState(data)) return 'pulumi-state'
  if (looksLikeTemplate(data)) return 'cloudformation-template'
  if (looksLikeCdkManifest(data)) return 'cdk-assembly'
  if (looksLikeStackResources(data)) return 'cloudformation-stack-resources'
  if (looksLikeArmTemplate(data)) return 'arm-template'
  if (looksLikeAwsTagging(data)) return 'aws-tagging'
  if (looksLikeAwsResourceExplorer(data)) return 'aws-resource-explorer'
  if (looksLikeAzGraphObject(data)) return 'az-graph'
  if (looksLikeArmListBody(data)) return 'az-resource-list'
  if (looksLikeKubernetesJson(data)) return 'kubernetes'
  return undefined
}

/** A CloudFormation template in YAML names its format version or a resource with an `AWS::` type. */
const CFN_YAML = /^AWSTemplateFormatVersion\s*:|^Resources\s*:\s*$[\s\S]*^\s+Type\s*:\s*['"]?(AWS|Custom|Alexa)::/m

export function detectYamlFormat(text: string): ImportFormat | undefined {
  if (looksLikeArrangementsYaml(text)) return 'arrangements'
  if (looksLikeInventoryYaml(text)) return 'inventory-yaml'
  if (CFN_YAML.test(text)) return 'cloudformation-template'
  if (looksLikeDnsRecordsYaml(text)) return 'dns'
  if (looksLikeKubernetesYaml(text)) return 'kubernetes'
  if (looksLikeZoneFile(text)) return 'dns'
  return undefined
}
