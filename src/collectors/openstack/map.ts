import type {ResourceInput} from '../../inventory/model.js'
import {bytesToGiB, compact, nonNegativeNumber} from '../values.js'

/** OpenStack API objects → canonical resources: type openstack:<kind>, id openstack:<kind>:<native id>. */

export type Json = Record<string, unknown>
export const rid = (kind: string, id: unknown) => `openstack:${kind}:${String(id)}`

export interface MapContext {
  /** The operator recognised from the auth URL (ovhcloud, otc …, or openstack). */
  provider: string
  projectId?: string
  region: string
}

/** Metadata (key/value) and tags (plain strings) both become tags. */
function tagsOf(item: Json): Record<string, string> {
  const tags: Record<string, string> = {}
  const metadata = item.metadata
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata))
    for (const [key, value] of Object.entries(metadata)) if (typeof value === 'string') tags[key] = value
  if (Array.isArray(item.tags)) for (const tag of item.tags) if (typeof tag === 'string' && !(tag in tags)) tags[tag] = ''
  return tags
}

function base(kind: string, id: unknown, item: Json, ctx: MapContext): ResourceInput {
  return {
    id: rid(kind, id),
    provider: ctx.provider,
    type: `openstack:${kind}`,
    name: typeof item.name === 'string' && item.name !== '' ? item.name : undefined,
    account: ctx.projectId,
    region: ctx.region,
    tags: tagsOf(item),
    source: 'openstack',
  }
}

/**
 * Nova lists a server's networks by name (addresses); the names are resolved to ids once Neutron
 * has answered. From compute microversion 2.47 the server embeds its flavor (original_name,
 * vcpus, ram, disk); before, only {id, links}, whose id is kept as flavorId.
 */
export function mapServer(s: Json, ctx: MapContext): {resource: ResourceInput; networkNames: string[]} {
  const flavor = (s.flavor && typeof s.flavor === 'object' ? s.flavor : {}) as Json
  const embedded = typeof flavor.original_name === 'string'
  const image = s.image && typeof s.image === 'object' ? ((s.image as Json).id as string | undefined) : undefined
  const dependsOn: string[] = []
  const attached = s['os-extended-volumes:volumes_attached']
  if (Array.isArray(attached))
    for (const volume of attached as Json[]) if (typeof volume?.id === 'string') dependsOn.push(rid('volume', volume.id))
  return {
    resource: {
      ...base('server', s.id, s, ctx),
      attributes: compact({
        flavor: embedded ? flavor.original_name : undefined,
        flavorId: embedded ? undefined : flavor.id,
        vcpus: embedded ? nonNegativeNumber(flavor.vcpus) : undefined,
        ramMiB: embedded ? nonNegativeNumber(flavor.ram) : undefined,
        diskGiB: embedded ? nonNegativeNumber(flavor.disk) : undefined,
        image,
        bootFromVolume: image === undefined ? true : undefined,
        status: s.status,
        availabilityZone: s['OS-EXT-AZ:availability_zone'],
      }),
      dependsOn,
    },
    networkNames: s.addresses && typeof s.addresses === 'object' ? Object.keys(s.addresses) : [],
  }
}

export function mapVolume(v: Json, ctx: MapContext): ResourceInput {
  const servers = ((v.attachments as Json[] | undefined) ?? []).map((a) => a.server_id).filter((id) => typeof id === 'string')
  return {
    ...base('volume', v.id, v, ctx),
    sizeGiB: nonNegativeNumber(v.size),
    attributes: compact({
      volumeType: v.volume_type,
      bootable: v.bootable === 'true' || v.bootable === true ? true : undefined,
      encrypted: v.encrypted,
      status: v.status,
      availabilityZone: v.availability_zone,
    }),
    dependsOn: [...new Set(servers)].map((id) => rid('server', id)),
  }
}

export function mapNetwork(n: Json, ctx: MapContext): ResourceInput {
  return {
    ...base('network', n.id, n, ctx),
    attributes: compact({shared: n.shared || undefined, external: n['router:external'] || undefined, mtu: n.mtu}),
  }
}

export function mapSubnet(s: Json, ctx: MapContext): ResourceInput {
  return {
    ...base('subnet', s.id, s, ctx),
    attributes: compact({cidr: s.cidr, ipVersion: s.ip_version, networkId: s.network_id}),
    dependsOn: typeof s.network_id === 'string' ? [rid('network', s.network_id)] : [],
  }
}

export function mapRouter(r: Json, ctx: MapContext): ResourceInput {
  return {...base('router', r.id, r, ctx), attributes: compact({status: r.status, ha: r.ha, distributed: r.distributed})}
}

export function mapSecurityGroup(g: Json, ctx: MapContext): ResourceInput {
  return {
    ...base('security-group', g.id, g, ctx),
    attributes: compact({rules: (g.security_group_rules as unknown[] | undefined)?.length}),
  }
}

/** A floating IP points at a port; Neutron's port details say whose (a server's, or a load balancer's VIP). */
export function mapFloatingIp(f: Json, ctx: MapContext): ResourceInput {
  const details = (f.port_details ?? {}) as Json
  const owner = typeof details.device_owner === 'string' ? details.device_owner : ''
  const server = owner.startsWith('compute:') && typeof details.device_id === 'string' ? details.device_id : undefined
  return {
    ...base('floating-ip', f.id, f, ctx),
    name: (f.floating_ip_address as string | undefined) ?? undefined,
    attributes: compact({portId: f.port_id, status: f.status}),
    dependsOn: server ? [rid('server', server)] : [],
  }
}

export function mapLoadBalancer(lb: Json, ctx: MapContext): ResourceInput {
  return {
    ...base('loadbalancer', lb.id, lb, ctx),
    attributes: compact({
      provider: lb.provider,
      flavorId: lb.flavor_id,
      vipPortId: lb.vip_port_id,
      status: lb.provisioning_status,
    }),
    dependsOn: typeof lb.vip_subnet_id === 'string' ? [rid('subnet', lb.vip_subnet_id)] : [],
  }
}

/** Swift containers are named per account and region. */
export function mapContainer(c: Json, ctx: MapContext): ResourceInput {
  return {
    ...base('container', `${ctx.projectId ?? 'account'}/${ctx.region}/${String(c.name)}`, c, ctx),
    sizeGiB: bytesToGiB(c.bytes),
    attributes: compact({objects: c.count}),
  }
}

export function mapDnsZone(z: Json, ctx: MapContext): ResourceInput {
  return {...base('dns-zone', z.id, z, ctx), attributes: compact({type: z.type, status: z.status})}
}

export function mapCoeCluster(c: Json, ctx: MapContext): ResourceInput {
  return {
    ...base('coe-cluster', c.uuid ?? c.id, c, ctx),
    attributes: compact({
      nodeCount: c.node_count,
      masterCount: c.master_count,
      clusterTemplateId: c.cluster_template_id,
      status: c.status,
    }),
  }
}

export function mapDatabaseInstance(i: Json, ctx: MapContext): ResourceInput {
  const datastore = (i.datastore ?? {}) as Json
  return {
    ...base('database-instance', i.id, i, ctx),
    sizeGiB: nonNegativeNumber((i.volume as Json | undefined)?.size),
    attributes: compact({
      datastore: datastore.type,
      engineVersion: datastore.version,
      flavor: (i.flavor as Json | undefined)?.id,
      status: i.status,
    }),
  }
}
