/**
 * Terraform provider addresses → exitready provider ids. The registry host is ignored, so
 * registry.terraform.io, registry.opentofu.org and private mirrors of the same provider count the same.
 */

/** `namespace/type` (lower case) → provider id. */
const CLOUD_PROVIDERS: Record<string, string> = {
  'hashicorp/aws': 'aws',
  'hashicorp/awscc': 'aws',
  'hashicorp/azurerm': 'azure',
  'azure/azapi': 'azure',
  'hashicorp/azuread': 'azure',
  'hashicorp/google': 'gcp',
  'hashicorp/google-beta': 'gcp',
  'hetznercloud/hcloud': 'hetzner',
  'scaleway/scaleway': 'scaleway',
  'ovh/ovh': 'ovhcloud',
  'ionos-cloud/ionoscloud': 'ionos',
  'stackitcloud/stackit': 'stackit',
  'exoscale/exoscale': 'exoscale',
  'upcloudltd/upcloud': 'upcloud',
  'terraform-provider-openstack/openstack': 'openstack',
  'opentelekomcloud/opentelekomcloud': 'otc',
  // SaaS whose Terraform types are catalog aliases (saas.yaml).
  'cloudflare/cloudflare': 'saas',
  'fastly/fastly': 'saas',
}

/**
 * Providers whose resources are not cloud resources: helpers (random, tls, null …) and providers that
 * configure something running elsewhere (Kubernetes objects, Vault, SaaS settings). Their resources are
 * skipped and counted; a SaaS service itself belongs in a manual inventory.
 */
const NON_CLOUD_PROVIDERS = new Set([
  'hashicorp/random',
  'hashicorp/null',
  'hashicorp/tls',
  'hashicorp/local',
  'hashicorp/time',
  'hashicorp/archive',
  'hashicorp/http',
  'hashicorp/external',
  'hashicorp/cloudinit',
  'hashicorp/template',
  'hashicorp/dns',
  'builtin/terraform',
  'hashicorp/kubernetes',
  'hashicorp/helm',
  'gavinbunney/kubectl',
  'alekc/kubectl',
  'hashicorp/vault',
  'hashicorp/consul',
  'hashicorp/nomad',
  'hashicorp/tfe',
  'integrations/github',
  'gitlabhq/gitlab',
  'datadog/datadog',
  'grafana/grafana',
  'pagerduty/pagerduty',
  'okta/okta',
])

export type ProviderMapping =
  | {kind: 'cloud'; provider: string; source: string; opentofu: boolean}
  | {kind: 'skip'; source: string}
  | {kind: 'unknown'; source: string}

/** `namespace/type` of a provider source address (`registry.terraform.io/hashicorp/aws` → `hashicorp/aws`). */
export function providerSource(address: string): {source: string; host?: string} {
  const parts = address.toLowerCase().split('/')
  if (parts.length >= 3) return {source: `${parts.at(-2)}/${parts.at(-1)}`, host: parts.slice(0, -2).join('/')}
  if (parts.length === 2) return {source: `${parts[0]}/${parts[1]}`}
  // A bare name (legacy state, `provider.aws`) means the hashicorp namespace.
  return {source: `hashicorp/${parts[0]}`}
}

/**
 * The provider source address in a state file's `provider` field:
 * `provider["registry.terraform.io/hashicorp/aws"]`, `module.a.provider["…"].alias`, or legacy `provider.aws`.
 */
export function providerFromStateField(field: string): string | undefined {
  const quoted = /provider\["([^"]+)"\]/.exec(field)
  if (quoted) return quoted[1]
  const legacy = /(?:^|\.)provider\.([a-z0-9_-]+)/i.exec(field)
  return legacy?.[1]
}

export function mapProvider(address: string, skip: ReadonlySet<string>): ProviderMapping {
  const {source, host} = providerSource(address)
  const type = source.split('/')[1]!
  if (skip.has(source) || skip.has(type) || NON_CLOUD_PROVIDERS.has(source)) return {kind: 'skip', source}
  const provider = CLOUD_PROVIDERS[source]
  if (provider) return {kind: 'cloud', provider, source, opentofu: host === 'registry.opentofu.org'}
  return {kind: 'unknown', source}
}
