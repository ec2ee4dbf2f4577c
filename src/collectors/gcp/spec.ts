import type {ProviderSpec} from '../types.js'
import {type GcpOptions, gcpOptions} from './options.js'

export const spec: ProviderSpec<GcpOptions> = {
  id: 'gcp',
  title: 'Google Cloud',
  options: gcpOptions,
  flags: [
    {
      name: 'gcp-scope',
      option: 'scopes',
      description: 'GCP scope: organizations/N, folders/N or projects/ID (repeatable).',
      kind: 'list',
      aliases: ['gcp-scopes'],
    },
  ],
  rateLimits:
    'Cloud Asset Inventory allows 400 SearchAllResources requests per minute per consumer project and 1,500 per minute per organization by default; RESOURCE_EXHAUSTED (429) beyond it. exitready paces at 400 a minute, backs off on 429 and 503, and reads 500 results a page.',
}
