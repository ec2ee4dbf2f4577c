import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'

/** UpCloud API 1.3: servers, storage, networks, routers, managed databases, load balancers, object storage, Kubernetes. */
export const collector: Collector = {
  id: 'upcloud',
  title: 'UpCloud',
  detect(ctx: Pick<CollectContext, 'env' | 'options'>): Detection {
    if (ctx.env.UPCLOUD_TOKEN) return {available: true, via: 'UPCLOUD_TOKEN'}
    if (ctx.env.UPCLOUD_USERNAME && ctx.env.UPCLOUD_PASSWORD)
      return {available: true, via: 'UPCLOUD_USERNAME and UPCLOUD_PASSWORD'}
    return {available: false, reason: 'neither UPCLOUD_TOKEN nor UPCLOUD_USERNAME and UPCLOUD_PASSWORD are set'}
  },
  async collect(ctx: CollectContext): Promise<CollectorResult> {
    const {collectUpCloud} = await import('./collect.js')
    return collectUpCloud(ctx)
  },
}
