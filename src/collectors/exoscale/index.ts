import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'

/** Exoscale API v2: every zone's instances, block storage, private networks, SKS, DBaaS and NLBs. */
export const collector: Collector = {
  id: 'exoscale',
  title: 'Exoscale',
  detect(ctx: Pick<CollectContext, 'env' | 'options'>): Detection {
    const {EXOSCALE_API_KEY: key, EXOSCALE_API_SECRET: secret} = ctx.env
    if (key && secret) return {available: true, via: 'EXOSCALE_API_KEY and EXOSCALE_API_SECRET'}
    if (key || secret) return {available: false, reason: 'EXOSCALE_API_KEY and EXOSCALE_API_SECRET must both be set'}
    return {available: false, reason: 'EXOSCALE_API_KEY and EXOSCALE_API_SECRET are not set'}
  },
  async collect(ctx: CollectContext): Promise<CollectorResult> {
    const {collectExoscale} = await import('./collect.js')
    return collectExoscale(ctx)
  },
}
