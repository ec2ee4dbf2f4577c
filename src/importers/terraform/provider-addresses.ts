/**
 * Historical Terraform provider addresses → today's. A Terraform 0.12 state names a provider by its
 * bare type (`provider.openstack`), 0.13 rewrote those to `registry.terraform.io/-/openstack`, and
 * `terraform 0.13upgrade` guessed `hashicorp/<type>` for every unqualified name; several providers
 * also moved namespace (`terraform-providers/…` partner providers, `hashicorp/github` →
 * `integrations/github`). Each is mapped to the address the provider has today, keeping the
 * registry host (registry.opentofu.org marks an OpenTofu state).
 */

/** Provider type → today's `namespace/type`, for providers whose namespace is not `hashicorp`. */
const CURRENT_BY_TYPE: Record<string, string> = {
  openstack: 'terraform-provider-openstack/openstack',
  github: 'integrations/github',
  hcloud: 'hetznercloud/hcloud',
  scaleway: 'scaleway/scaleway',
  ovh: 'ovh/ovh',
  ionoscloud: 'ionos-cloud/ionoscloud',
  exoscale: 'exoscale/exoscale',
  upcloud: 'upcloudltd/upcloud',
  stackit: 'stackitcloud/stackit',
  opentelekomcloud: 'opentelekomcloud/opentelekomcloud',
  cloudflare: 'cloudflare/cloudflare',
  fastly: 'fastly/fastly',
  azapi: 'azure/azapi',
  gitlab: 'gitlabhq/gitlab',
  datadog: 'datadog/datadog',
  grafana: 'grafana/grafana',
  pagerduty: 'pagerduty/pagerduty',
  okta: 'okta/okta',
  kubectl: 'gavinbunney/kubectl',
}

/** Namespaces that only ever stood for "whatever the type's provider is" in older Terraform. */
const LEGACY_NAMESPACES = new Set(['-', 'hashicorp', 'terraform-providers'])

/** Providers that were renamed or handed over (lower-case `namespace/type`). */
const RENAMED: Record<string, string> = {
  // SchwarzIT's community provider became the official STACKIT one (same `stackit_*` types).
  'schwarzit/stackit': 'stackitcloud/stackit',
  // unconfirmed: ProfitBricks (IONOS's old name) resources keep their `profitbricks_*` types and
  // are listed as unmapped IONOS resources rather than dropped.
  'ionos-cloud/profitbricks': 'ionos-cloud/ionoscloud',
  'terraform-providers/profitbricks': 'ionos-cloud/ionoscloud',
  'hashicorp/profitbricks': 'ionos-cloud/ionoscloud',
}

/**
 * Today's address of a provider named as a state or plan wrote it: `openstack`,
 * `registry.terraform.io/-/openstack`, `registry.terraform.io/hashicorp/github` … An address that is
 * already current is returned unchanged.
 */
export function currentProviderAddress(address: string): string {
  const parts = address.split('/')
  const type = parts.at(-1)!.toLowerCase()
  const namespace = parts.length >= 2 ? parts.at(-2)!.toLowerCase() : '-'
  const host = parts.length >= 3 ? parts.slice(0, -2).join('/') : undefined
  const current = RENAMED[`${namespace}/${type}`] ?? (LEGACY_NAMESPACES.has(namespace) ? CURRENT_BY_TYPE[type] : undefined)
  if (!current)
    return parts.length === 1 || namespace !== '-' ? address : host ? `${host}/hashicorp/${type}` : `hashicorp/${type}`
  return host ? `${host}/${current}` : current
}
