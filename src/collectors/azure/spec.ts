import type {ProviderSpec} from '../types.js'
import {AZURE_CLOUD_NAMES} from './clouds.js'
import {type AzureOptions, azureOptions} from './options.js'

export const spec: ProviderSpec<AzureOptions> = {
  id: 'azure',
  title: 'Microsoft Azure',
  options: azureOptions,
  flags: [
    {
      name: 'azure-subscription',
      option: 'subscriptions',
      description: 'Azure subscription id (repeatable; default: every visible one).',
      kind: 'list',
      aliases: ['azure-subscriptions'],
    },
    {
      name: 'azure-management-group',
      option: 'managementGroups',
      description: 'Azure management group (repeatable).',
      kind: 'list',
    },
    {
      name: 'azure-cloud',
      option: 'cloud',
      description: 'Azure cloud: public, china (21Vianet) or usgov; selects the ARM endpoint and token scope.',
      kind: 'string',
      choices: AZURE_CLOUD_NAMES,
    },
  ],
  rateLimits:
    'Resource Graph gives each user a query quota per time window, by default 15 queries per 5 seconds, and reports it in x-ms-user-quota-remaining and x-ms-user-quota-resets-after (hh:mm:ss); a 429 beyond it. exitready paces at 15 queries per 5 seconds, waits out the reset, reads 1,000 rows a page and puts fewer than 300 subscriptions in one query.',
}
