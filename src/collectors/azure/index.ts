import type {Collector} from '../types.js'
import {detectAzureCredentials} from './auth.js'

/**
 * Microsoft Azure through Resource Graph: every subscription the identity can see (or the ones
 * named, or those under management groups), 300 subscriptions per query, paged by 1,000.
 * The query code and @azure/identity load only when a scan runs.
 */
export const collector: Collector = {
  id: 'azure',
  title: 'Microsoft Azure',
  detect: (ctx) => detectAzureCredentials(ctx.env),
  async collect(ctx) {
    const {collectAzure} = await import('./collect.js')
    return collectAzure(ctx)
  },
}
