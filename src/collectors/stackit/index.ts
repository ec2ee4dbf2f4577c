import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'

/** STACKIT: each project's servers, volumes, networks, SKE clusters, Flex databases, object storage, Redis, Valkey and RabbitMQ. */
export const collector: Collector = {
  id: 'stackit',
  title: 'STACKIT',
  async detect(ctx: Pick<CollectContext, 'env' | 'options'>): Promise<Detection> {
    const {findStackitCredentials} = await import('./auth.js')
    try {
      const found = findStackitCredentials(ctx.env)
      if (found) return {available: true, via: found.via}
    } catch (error) {
      return {available: false, reason: (error as Error).message}
    }
    return {
      available: false,
      reason: 'no STACKIT_SERVICE_ACCOUNT_KEY(_PATH), STACKIT_SERVICE_ACCOUNT_TOKEN or ~/.stackit/credentials.json was found',
    }
  },
  async collect(ctx: CollectContext): Promise<CollectorResult> {
    const {collectStackit} = await import('./collect.js')
    return collectStackit(ctx)
  },
}
