import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'

/**
 * Any OpenStack cloud (OVH Public Cloud, Open Telekom Cloud, Infomaniak, Cleura, Sovereign Cloud
 * Stack …): Keystone v3, then Nova, Cinder, Neutron, Octavia, Swift, Designate, Magnum and Trove
 * wherever the service catalog has them.
 */
export const collector: Collector = {
  id: 'openstack',
  title: 'OpenStack',
  async detect(ctx: Pick<CollectContext, 'env' | 'options'>): Promise<Detection> {
    const cloud = ctx.options.openstack?.cloud ?? ctx.env.OS_CLOUD
    if (typeof cloud === 'string' && cloud !== '') {
      const {findConfigFile} = await import('./config.js')
      const file = findConfigFile(ctx.env, 'clouds.yaml')
      return file
        ? {available: true, via: `clouds.yaml cloud "${cloud}" (${file})`}
        : {available: false, reason: `cloud "${cloud}" was asked for, but no clouds.yaml was found`}
    }
    if (ctx.env.OS_AUTH_URL) return {available: true, via: 'the OS_* environment variables'}
    return {available: false, reason: 'neither OS_CLOUD (with a clouds.yaml) nor OS_AUTH_URL is set'}
  },
  async collect(ctx: CollectContext): Promise<CollectorResult> {
    const {collectOpenStack} = await import('./collect.js')
    return collectOpenStack(ctx)
  },
}
