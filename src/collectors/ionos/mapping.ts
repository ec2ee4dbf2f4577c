import type {ResourceInput} from '../../inventory/model.js'
import {compact, deps} from '../values.js'

/** Fields of IONOS Cloud API objects that exitready reads (Cloud API v6, DBaaS, Managed Kubernetes). */

// biome-ignore lint/suspicious/noExplicitAny: API objects are read defensively, field by field.
export type ApiObject = Record<string, any>

export const ionosId = (kind: string, id: string) => `ionos:${kind}:${id}`
/** LAN ids are small numbers, unique only inside their datacenter. */
export const lanId = (datacenter: string, lan: unknown) => ionosId('lan', `${datacenter}/${lan}`)

/** Where a resource lives; every datacenter-bound kind inherits its datacenter's location. */
export interface Datacenter {
  id: string
  location: string
}

function base(kind: string, id: string, name: unknown, region: unknown): ResourceInput {
  return {
    id: ionosId(kind, id),
    provider: 'ionos',
    type: `ionos:${kind}`,
    name: typeof name === 'string' && name !== '' ? name : undefined,
    region: typeof region === 'string' && region !== '' ? region : 'global',
    tags: {},
    source: 'scan:ionos',
  }
}

const MiB_PER_GiB = 1024

/**
 * The labels of GET /labels as tags, by the id of the resource they are on. A label names its
 * resource by `properties.resourceType` (datacenter, server, volume, ipblock, snapshot, image) and
 * `properties.resourceId`; those types are the kinds of ionosId, so the key is the resource's id.
 */
export function labelTags(labels: ApiObject[]): Map<string, Record<string, string>> {
  const tags = new Map<string, Record<string, string>>()
  for (const label of labels) {
    const p = label?.properties ?? {}
    if (typeof p.resourceType !== 'string' || typeof p.resourceId !== 'string' || typeof p.key !== 'string') continue
    const id = ionosId(p.resourceType, p.resourceId)
    const own = tags.get(id) ?? {}
    tags.set(id, own)
    own[p.key] = typeof p.value === 'string' ? p.value : p.value === undefined || p.value === null ? '' : String(p.value)
  }
  return tags
}

export function mapDatacenter(d: ApiObject): ResourceInput {
  return {...base('datacenter', d.id, d.properties?.name, d.properties?.location)}
}

/** A server, and the NICs its depth-3 listing carries (NIC → server, NIC → LAN). */
export function mapServer(s: ApiObject, dc: Datacenter): ResourceInput[] {
  const p = s.properties ?? {}
  const server: ResourceInput = {
    ...base('server', s.id, p.name, dc.location),
    attributes: compact({
      type: p.type,
      cores: p.cores,
      ramGiB: typeof p.ram === 'number' ? p.ram / MiB_PER_GiB : undefined,
      cpuFamily: p.cpuFamily,
      availabilityZone: p.availabilityZone,
      volumeIds: (s.entities?.volumes?.items ?? []).map((v: ApiObject) => v.id),
    }),
    dependsOn: deps(ionosId('datacenter', dc.id)),
  }
  const nics: ResourceInput[] = (s.entities?.nics?.items ?? []).map((n: ApiObject) => ({
    ...base('nic', n.id, n.properties?.name, dc.location),
    attributes: compact({ips: n.properties?.ips, dhcp: n.properties?.dhcp, firewallActive: n.properties?.firewallActive}),
    dependsOn: deps(ionosId('server', s.id), n.properties?.lan !== undefined && lanId(dc.id, n.properties.lan)),
  }))
  return [server, ...nics]
}

/** Attached volumes name their server once the servers are known (see linkDatacenter). */
export function mapVolume(v: ApiObject, dc: Datacenter): ResourceInput {
  const p = v.properties ?? {}
  return {
    ...base('volume', v.id, p.name, dc.location),
    attributes: compact({
      volumeType: p.type,
      licenceType: p.licenceType,
      image: p.imageAlias,
      availabilityZone: p.availabilityZone,
    }),
    sizeGiB: typeof p.size === 'number' ? p.size : undefined,
    dependsOn: deps(ionosId('datacenter', dc.id)),
  }
}

export function mapLan(l: ApiObject, dc: Datacenter): ResourceInput {
  return {
    ...base('lan', `${dc.id}/${l.id}`, l.properties?.name, dc.location),
    attributes: compact({public: l.properties?.public}),
    dependsOn: deps(ionosId('datacenter', dc.id)),
  }
}

/** Network load balancers forward to target IPs; linkDatacenter turns those into servers. */
export function mapNetworkLoadBalancer(lb: ApiObject, dc: Datacenter): ResourceInput {
  const p = lb.properties ?? {}
  const targets: string[] = (lb.entities?.forwardingrules?.items ?? []).flatMap((rule: ApiObject) =>
    (rule.properties?.targets ?? []).map((t: ApiObject) => t.ip),
  )
  return {
    ...base('network-load-balancer', lb.id, p.name, dc.location),
    attributes: compact({targetIps: targets.length > 0 ? [...new Set(targets)] : undefined}),
    dependsOn: deps(
      ionosId('datacenter', dc.id),
      p.listenerLan !== undefined && lanId(dc.id, p.listenerLan),
      p.targetLan !== undefined && lanId(dc.id, p.targetLan),
    ),
  }
}

export function mapApplicationLoadBalancer(lb: ApiObject, dc: Datacenter): ResourceInput {
  const p = lb.properties ?? {}
  return {
    ...base('application-load-balancer', lb.id, p.name, dc.location),
    dependsOn: deps(
      ionosId('datacenter', dc.id),
      p.listenerLan !== undefined && lanId(dc.id, p.listenerLan),
      p.targetLan !== undefined && lanId(dc.id, p.targetLan),
    ),
  }
}

/** Adds volume → server (attached) and network load balancer → server (by target IP) inside one datacenter. */
export function linkDatacenter(resources: ResourceInput[]): void {
  const serverOfVolume = new Map<string, string>()
  const serverOfIp = new Map<string, string>()
  for (const r of resources) {
    if (r.type === 'ionos:server')
      for (const volume of (r.attributes?.volumeIds as string[] | undefined) ?? []) serverOfVolume.set(volume, r.id)
    if (r.type === 'ionos:nic') {
      const server = r.dependsOn?.find((id) => id.startsWith('ionos:server:'))
      for (const ip of (r.attributes?.ips as string[] | undefined) ?? []) if (server) serverOfIp.set(ip, server)
    }
  }
  for (const r of resources) {
    if (r.type === 'ionos:volume') {
      const server = serverOfVolume.get(r.id.slice('ionos:volume:'.length))
      if (server) r.dependsOn = deps(...(r.dependsOn ?? []), server)
    }
    if (r.type === 'ionos:network-load-balancer') {
      const servers = ((r.attributes?.targetIps as string[] | undefined) ?? []).map((ip) => serverOfIp.get(ip))
      r.dependsOn = deps(...(r.dependsOn ?? []), ...servers)
    }
  }
}

/** Managed Kubernetes: the datacenters its node pools run in. */
export function mapK8sCluster(c: ApiObject, nodePools: ApiObject[], locations: Map<string, string>): ResourceInput {
  const datacenters = [...new Set(nodePools.map((pool) => pool.properties?.datacenterId).filter(Boolean) as string[])]
  const location = c.properties?.location ?? datacenters.map((dc) => locations.get(dc)).find(Boolean)
  return {
    ...base('k8s-cluster', c.id, c.properties?.name, location),
    attributes: compact({version: c.properties?.k8sVersion, nodePools: nodePools.length}),
    dependsOn: deps(...datacenters.map((dc) => ionosId('datacenter', dc))),
  }
}

/** DBaaS clusters (PostgreSQL, MongoDB): storage is per instance, in MB; connections name datacenter and LAN. */
export function mapDatabaseCluster(kind: 'postgres-cluster' | 'mongodb-cluster', c: ApiObject): ResourceInput {
  const p = c.properties ?? {}
  const perInstance = typeof p.storageSize === 'number' ? p.storageSize / MiB_PER_GiB : undefined
  return {
    ...base(kind, c.id, p.displayName, p.location),
    attributes: compact({
      engine: kind === 'postgres-cluster' ? 'postgresql' : 'mongodb',
      version: p.postgresVersion ?? p.mongoDBVersion,
      instances: p.instances,
      storageType: p.storageType,
      edition: p.edition,
    }),
    // Replicas hold copies: the data to move is one instance's storage.
    sizeGiB: perInstance === undefined ? undefined : Math.round(perInstance * 100) / 100,
    dependsOn: deps(
      ...(p.connections ?? []).flatMap((conn: ApiObject) => [
        conn.datacenterId && ionosId('datacenter', conn.datacenterId),
        conn.datacenterId && conn.lanId !== undefined && lanId(conn.datacenterId, conn.lanId),
      ]),
    ),
  }
}
