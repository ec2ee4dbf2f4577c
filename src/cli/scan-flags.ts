import {Flags} from '@oclif/core'
import {SCANNABLE_PROVIDERS} from '../collectors/registry.js'
import {DEFAULT_CONCURRENCY} from '../collectors/scan.js'

/** Flags of `exitready scan`: what to scan, where to write it, and the per-provider scopes. */
export const scanFlags = {
  provider: Flags.string({
    char: 'p',
    description: 'Scan only this provider (repeatable). Without it, every provider whose credentials are present is scanned.',
    multiple: true,
    options: [...SCANNABLE_PROVIDERS],
  }),
  out: Flags.string({
    char: 'o',
    description: 'Snapshot file to write (atomically); a .ndjson extension writes NDJSON for large estates.',
    default: 'inventory.json',
  }),
  concurrency: Flags.integer({
    description: 'Requests in flight per provider, across accounts, regions and subscriptions.',
    default: DEFAULT_CONCURRENCY,
    min: 1,
    max: 128,
  }),
  endpoint: Flags.string({
    description:
      'Override a provider API base URL, as <provider>=<url> (repeatable); also EXITREADY_ENDPOINT_<PROVIDER>. For sovereign clouds, proxies and local emulators.',
    multiple: true,
  }),
  'aws-profile': Flags.string({
    description: 'AWS profile from ~/.aws/config (default: AWS_PROFILE or the default chain).',
    helpGroup: 'AWS',
  }),
  'aws-regions': Flags.string({description: 'Comma-separated AWS regions (default: every enabled region).', helpGroup: 'AWS'}),
  'aws-org': Flags.boolean({description: 'Scan every active account of the AWS Organization.', helpGroup: 'AWS'}),
  'aws-role-name': Flags.string({
    description: 'Role assumed in each member account with --aws-org.',
    default: 'OrganizationAccountAccessRole',
    helpGroup: 'AWS',
  }),
  'aws-source': Flags.string({
    description: 'tagging (fast; misses never-tagged resources) or resource-explorer (includes them; needs Resource Explorer).',
    options: ['tagging', 'resource-explorer'],
    default: 'tagging',
    helpGroup: 'AWS',
  }),
  'azure-subscription': Flags.string({
    description: 'Azure subscription id (repeatable; default: every visible one).',
    multiple: true,
    helpGroup: 'AZURE',
  }),
  'azure-management-group': Flags.string({
    description: 'Azure management group (repeatable).',
    multiple: true,
    helpGroup: 'AZURE',
  }),
  'azure-cloud': Flags.string({
    description: 'Azure cloud: public, china (21Vianet) or usgov; selects the ARM endpoint and token scope.',
    options: ['public', 'china', 'usgov'],
    helpGroup: 'AZURE',
  }),
  'gcp-scope': Flags.string({
    description: 'GCP scope: organizations/N, folders/N or projects/ID (repeatable).',
    multiple: true,
    helpGroup: 'GCP',
  }),
  'scaleway-zones': Flags.string({
    description: 'Comma-separated Scaleway zones, e.g. fr-par-1,nl-ams-1.',
    helpGroup: 'EUROPEAN PROVIDERS',
  }),
  'scaleway-regions': Flags.string({
    description: 'Comma-separated Scaleway regions, e.g. fr-par,nl-ams.',
    helpGroup: 'EUROPEAN PROVIDERS',
  }),
  'ovh-endpoint': Flags.string({description: 'OVHcloud API endpoint: ovh-eu, ovh-ca or a URL.', helpGroup: 'EUROPEAN PROVIDERS'}),
  'os-cloud': Flags.string({
    description: 'OpenStack cloud name from clouds.yaml (default: OS_CLOUD).',
    helpGroup: 'EUROPEAN PROVIDERS',
  }),
  'exoscale-zones': Flags.string({
    description: 'Comma-separated Exoscale zones, e.g. ch-gva-2,de-fra-1.',
    helpGroup: 'EUROPEAN PROVIDERS',
  }),
  'os-regions': Flags.string({
    description: 'Comma-separated OpenStack regions (default: every region of the service catalog).',
    helpGroup: 'EUROPEAN PROVIDERS',
  }),
  'stackit-projects': Flags.string({
    description:
      'Comma-separated STACKIT project ids (default: STACKIT_PROJECT_ID(S), or every project the service account can see).',
    helpGroup: 'EUROPEAN PROVIDERS',
  }),
  'stackit-organization': Flags.string({
    description: 'STACKIT organisation id whose projects to list.',
    helpGroup: 'EUROPEAN PROVIDERS',
  }),
  'stackit-regions': Flags.string({
    description: 'Comma-separated STACKIT regions (default: eu01,eu02).',
    helpGroup: 'EUROPEAN PROVIDERS',
  }),
}

export interface ScanFlagValues {
  'aws-profile'?: string
  'aws-regions'?: string
  'aws-org'?: boolean
  'aws-role-name'?: string
  'aws-source'?: string
  'azure-subscription'?: string[]
  'azure-management-group'?: string[]
  'azure-cloud'?: string
  'gcp-scope'?: string[]
  'scaleway-zones'?: string
  'scaleway-regions'?: string
  'ovh-endpoint'?: string
  'os-cloud'?: string
  'exoscale-zones'?: string
  'os-regions'?: string
  'stackit-projects'?: string
  'stackit-organization'?: string
  'stackit-regions'?: string
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** Drops keys whose value was not given, so each collector applies its own defaults. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)))
}

/** ctx.options for every collector, named as the collectors read them. */
export function providerOptionsFromFlags(flags: ScanFlagValues): Record<string, Record<string, unknown>> {
  return {
    aws: defined({
      profile: flags['aws-profile'],
      regions: list(flags['aws-regions']),
      org: flags['aws-org'] ?? false,
      roleName: flags['aws-role-name'],
      source: flags['aws-source'],
    }),
    azure: defined({
      subscriptions: flags['azure-subscription'],
      managementGroups: flags['azure-management-group'],
      cloud: flags['azure-cloud'],
    }),
    gcp: defined({scopes: flags['gcp-scope']}),
    scaleway: defined({zones: list(flags['scaleway-zones']), regions: list(flags['scaleway-regions'])}),
    ovhcloud: defined({endpoint: flags['ovh-endpoint']}),
    openstack: defined({cloud: flags['os-cloud'], regions: list(flags['os-regions'])}),
    stackit: defined({
      projects: list(flags['stackit-projects']),
      organizationId: flags['stackit-organization'],
      regions: list(flags['stackit-regions']),
    }),
    exoscale: defined({zones: list(flags['exoscale-zones'])}),
  }
}
