/**
 * One rule for every source: containers (Azure subscriptions, management groups and resource groups,
 * GCP organisations, folders and projects, AWS organisations, OUs and accounts, and the projects and
 * virtual data centres of European clouds) are where resources live, not resources of the estate.
 * They hold no data and move only as the resources in them move, so counting them would weigh a
 * scoped estate by how it is organised. They are skipped, counted, and references to them dropped.
 */
import type {ResourceInput} from '../inventory/model.js'
import {parseAddress} from './terraform/address.js'

/** Canonical types that are containment wherever they come from. */
const CONTAINER_TYPES = new Set([
  'microsoft.resources/subscriptions',
  'microsoft.resources/subscriptions/resourcegroups',
  'microsoft.resources/resourcegroups',
  'microsoft.management/managementgroups',
  'microsoft.management/managementgroups/subscriptions',
  'microsoft.subscription/aliases',
  'cloudresourcemanager.googleapis.com/Organization',
  'cloudresourcemanager.googleapis.com/Folder',
  'cloudresourcemanager.googleapis.com/Project',
  'AWS::Organizations::Organization',
  'AWS::Organizations::OrganizationalUnit',
  'AWS::Organizations::Account',
  'ovhcloud:cloud-project',
  'stackit:project',
])

/**
 * Terraform (and Pulumi-bridged) types that are containment although their catalog entry also
 * covers non-containers (OpenStack's identity entry covers users; IONOS's data centre entry an NSG
 * selection).
 */
const CONTAINER_TERRAFORM_TYPES = new Set([
  'azurerm_resource_group',
  'azurerm_management_group',
  'azurerm_subscription',
  'google_organization',
  'google_folder',
  'google_project',
  'aws_organizations_organization',
  'aws_organizations_organizational_unit',
  'aws_organizations_account',
  'openstack_identity_project_v3',
  'ionoscloud_datacenter',
  'ovh_cloud_project',
  'scaleway_account_project',
  'stackit_resourcemanager_project',
  'stackit_resourcemanager_folder',
])

export const CONTAINERS_LABEL = 'containers (subscriptions, resource groups, projects, accounts)'

function terraformTypeOf(resource: ResourceInput): string | undefined {
  const address = resource.attributes?.terraformAddress
  return typeof address === 'string' ? parseAddress(address)?.resource?.type : undefined
}

export function isContainer(resource: ResourceInput): boolean {
  if (CONTAINER_TYPES.has(resource.type) || CONTAINER_TERRAFORM_TYPES.has(resource.type)) return true
  const terraformType = terraformTypeOf(resource) ?? resource.attributes?.terraformType
  return typeof terraformType === 'string' && CONTAINER_TERRAFORM_TYPES.has(terraformType)
}

/** The resources without containers, and how many containers were taken out. */
export function withoutContainers(resources: ResourceInput[]): {resources: ResourceInput[]; containers: number} {
  const containerIds = new Set<string>()
  const kept: ResourceInput[] = []
  for (const resource of resources) {
    if (isContainer(resource)) containerIds.add(resource.id.toLowerCase())
    else kept.push(resource)
  }
  if (containerIds.size === 0) return {resources, containers: 0}
  for (const resource of kept) {
    if (!resource.dependsOn) continue
    const dependsOn = resource.dependsOn.filter((id) => !containerIds.has(id.toLowerCase()))
    if (dependsOn.length > 0) resource.dependsOn = dependsOn
    else delete resource.dependsOn
  }
  return {resources: kept, containers: resources.length - kept.length}
}
