import type {ResourceInput} from '../../inventory/model.js'
import {compact, deps} from '../values.js'

/** The fields of Hetzner Cloud API objects that exitready reads (https://docs.hetzner.cloud). */

interface Location {
  name?: string
}
type Labels = Record<string, string> | null | undefined

export interface HcloudServer {
  id: number
  name: string
  labels?: Labels
  location?: Location
  /** Older responses name the location through the datacenter. */
  datacenter?: {location?: Location}
  server_type?: {name?: string; architecture?: string}
  image?: {name?: string | null; os_flavor?: string; os_version?: string | null} | null
  primary_disk_size?: number
  private_net?: {network: number}[]
  public_net?: {ipv4?: {id?: number} | null; ipv6?: {id?: number} | null; firewalls?: {id: number}[]}
}
export interface HcloudVolume {
  id: number
  name: string
  labels?: Labels
  location?: Location
  size?: number
  format?: string | null
  server?: number | null
}
interface LoadBalancerTarget {
  type: string
  server?: {id: number} | null
  targets?: LoadBalancerTarget[]
}
export interface HcloudLoadBalancer {
  id: number
  name: string
  labels?: Labels
  location?: Location
  load_balancer_type?: {name?: string}
  algorithm?: {type?: string}
  targets?: LoadBalancerTarget[]
  private_net?: {network: number}[]
  services?: {http?: {certificates?: number[]} | null}[]
}
export interface HcloudNetwork {
  id: number
  name: string
  labels?: Labels
  ip_range?: string
  subnets?: {network_zone?: string}[]
}
export interface HcloudFloatingIp {
  id: number
  name: string
  labels?: Labels
  type?: string
  home_location?: Location
  server?: number | null
}
export interface HcloudPrimaryIp {
  id: number
  name: string
  labels?: Labels
  type?: string
  location?: Location
  datacenter?: {location?: Location}
  assignee_id?: number | null
  assignee_type?: string
}
export interface HcloudFirewall {
  id: number
  name: string
  labels?: Labels
  rules?: unknown[]
}
export interface HcloudCertificate {
  id: number
  name: string
  labels?: Labels
  type?: string
}

export const hetznerId = (kind: string, id: number | string) => `hetzner:${kind}:${id}`

function base(kind: string, id: number | string, name: string, labels: Labels, region: string | undefined, account?: string) {
  const resource: ResourceInput = {
    id: hetznerId(kind, id),
    provider: 'hetzner',
    type: `hetzner:${kind}`,
    name,
    region: region ?? 'global',
    tags: {...(labels ?? {})},
    source: 'scan:hetzner',
  }
  if (account) resource.account = account
  return resource
}

/** Target servers of a load balancer: direct server targets and those a label selector resolved to. */
function targetServers(targets: LoadBalancerTarget[] = []): number[] {
  return targets.flatMap((t) => [...(t.type === 'server' && t.server ? [t.server.id] : []), ...targetServers(t.targets)])
}

export function mapServer(s: HcloudServer, account?: string): ResourceInput {
  return {
    ...base('server', s.id, s.name, s.labels, s.location?.name ?? s.datacenter?.location?.name, account),
    attributes: compact({
      type: s.server_type?.name,
      architecture: s.server_type?.architecture,
      image: s.image?.name,
      osFlavor: s.image?.os_flavor,
      diskGiB: s.primary_disk_size,
    }),
    dependsOn: deps(
      ...(s.private_net ?? []).map((n) => hetznerId('network', n.network)),
      s.public_net?.ipv4?.id !== undefined && hetznerId('primary-ip', s.public_net.ipv4.id),
      s.public_net?.ipv6?.id !== undefined && hetznerId('primary-ip', s.public_net.ipv6.id),
      ...(s.public_net?.firewalls ?? []).map((f) => hetznerId('firewall', f.id)),
    ),
  }
}

export function mapVolume(v: HcloudVolume, account?: string): ResourceInput {
  return {
    ...base('volume', v.id, v.name, v.labels, v.location?.name, account),
    attributes: compact({format: v.format}),
    sizeGiB: v.size,
    dependsOn: deps(typeof v.server === 'number' && hetznerId('server', v.server)),
  }
}

export function mapLoadBalancer(lb: HcloudLoadBalancer, account?: string): ResourceInput {
  return {
    ...base('load-balancer', lb.id, lb.name, lb.labels, lb.location?.name, account),
    attributes: compact({type: lb.load_balancer_type?.name, algorithm: lb.algorithm?.type}),
    dependsOn: deps(
      ...targetServers(lb.targets).map((id) => hetznerId('server', id)),
      ...(lb.private_net ?? []).map((n) => hetznerId('network', n.network)),
      ...(lb.services ?? []).flatMap((s) => s.http?.certificates ?? []).map((id) => hetznerId('certificate', id)),
    ),
  }
}

export function mapNetwork(n: HcloudNetwork, account?: string): ResourceInput {
  return {
    ...base('network', n.id, n.name, n.labels, n.subnets?.[0]?.network_zone, account),
    attributes: compact({ipRange: n.ip_range}),
  }
}

export function mapFloatingIp(ip: HcloudFloatingIp, account?: string): ResourceInput {
  return {
    ...base('floating-ip', ip.id, ip.name, ip.labels, ip.home_location?.name, account),
    attributes: compact({ipType: ip.type}),
    dependsOn: deps(typeof ip.server === 'number' && hetznerId('server', ip.server)),
  }
}

export function mapPrimaryIp(ip: HcloudPrimaryIp, account?: string): ResourceInput {
  return {
    ...base('primary-ip', ip.id, ip.name, ip.labels, ip.location?.name ?? ip.datacenter?.location?.name, account),
    attributes: compact({ipType: ip.type}),
  }
}

export function mapFirewall(f: HcloudFirewall, account?: string): ResourceInput {
  return {...base('firewall', f.id, f.name, f.labels, undefined, account), attributes: compact({rules: f.rules?.length})}
}

export function mapCertificate(c: HcloudCertificate, account?: string): ResourceInput {
  return {...base('certificate', c.id, c.name, c.labels, undefined, account), attributes: compact({type: c.type})}
}

export function mapBucket(name: string, location: string, account?: string): ResourceInput {
  return base('object-storage-bucket', name, name, {}, location, account)
}
