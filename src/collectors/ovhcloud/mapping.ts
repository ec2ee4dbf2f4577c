import type {ResourceInput} from '../../inventory/model.js'
import {bytesToGiB, compact, deps} from '../values.js'

/** Fields of OVHcloud API objects that exitready reads (https://eu.api.ovh.com/console/). */

// biome-ignore lint/suspicious/noExplicitAny: API objects are read defensively, field by field.
export type ApiObject = Record<string, any>

export const ovhId = (kind: string, id: string) => `ovhcloud:${kind}:${id}`

/**
 * Instances, databases, clusters and load balancers name the OpenStack id of a network, not the
 * OVHcloud one; they carry this placeholder until the scope's networks are known (see linkNetworks).
 */
const OPENSTACK_NETWORK = 'ovhcloud:openstack-network:'
const openstackNetwork = (id: unknown) => typeof id === 'string' && id !== '' && `${OPENSTACK_NETWORK}${id}`

/** Unique non-empty ids from a list of any length (no spread into a call); undefined when there are none. */
function idList(ids: Iterable<unknown>): string[] | undefined {
  const unique = new Set<string>()
  for (const id of ids) if (typeof id === 'string' && id !== '') unique.add(id)
  return unique.size > 0 ? [...unique] : undefined
}

function base(kind: string, id: string, name: unknown, region: unknown, project?: string, tags?: unknown): ResourceInput {
  const resource: ResourceInput = {
    id: ovhId(kind, id),
    provider: 'ovhcloud',
    type: `ovhcloud:${kind}`,
    name: typeof name === 'string' && name !== '' ? name : undefined,
    region: typeof region === 'string' && region !== '' ? region : 'global',
    tags: {},
    source: 'scan:ovhcloud',
  }
  if (project) resource.account = project
  if (tags && typeof tags === 'object')
    for (const [key, value] of Object.entries(tags)) if (typeof value === 'string') resource.tags![key] = value
  return resource
}

export function mapProject(p: ApiObject): ResourceInput {
  return {
    ...base('cloud-project', p.project_id, p.projectName || p.description, 'global', p.project_id, p.iam?.tags),
    attributes: compact({planCode: p.planCode, status: p.status}),
  }
}

export function mapInstance(i: ApiObject, project: string): ResourceInput {
  return {
    ...base('instance', i.id, i.name, i.region, project),
    // planCode is "<flavor>.<billing>", e.g. "b3-8.consumption".
    attributes: compact({flavor: typeof i.planCode === 'string' ? i.planCode.split('.')[0] : undefined, flavorId: i.flavorId}),
    dependsOn: idList(
      ((i.ipAddresses ?? []) as ApiObject[]).filter((ip) => ip.type === 'private').map((ip) => openstackNetwork(ip.networkId)),
    ),
  }
}

/** Volumes name the instances they are attached to. */
export function mapVolume(v: ApiObject, project: string): ResourceInput {
  return {
    ...base('volume', v.id, v.name, v.region, project),
    attributes: compact({volumeType: v.type, bootable: v.bootable}),
    sizeGiB: typeof v.size === 'number' ? v.size : undefined,
    dependsOn: idList(((v.attachedTo ?? []) as unknown[]).map((id) => typeof id === 'string' && ovhId('instance', id))),
  }
}

export function mapNetwork(n: ApiObject, project: string): ResourceInput {
  const regions: string[] = (n.regions ?? []).map((r: ApiObject) => r.region).filter(Boolean)
  return {
    ...base('network', n.id, n.name, regions.length === 1 ? regions[0] : 'global', project),
    attributes: compact({vlanId: n.vlanId, kind: n.type, regions: regions.length > 1 ? regions : undefined}),
  }
}

export function mapKubeCluster(c: ApiObject, project: string): ResourceInput {
  return {
    ...base('kube-cluster', c.id, c.name, c.region, project),
    attributes: compact({version: c.version}),
    dependsOn: deps(openstackNetwork(c.privateNetworkId)),
  }
}

export function mapDatabase(d: ApiObject, project: string): ResourceInput {
  const storage = d.storage?.size
  const sizeGiB = typeof storage?.value === 'number' ? storage.value : typeof d.disk?.size === 'number' ? d.disk.size : undefined
  return {
    ...base('database', d.id, d.description, d.region ?? d.nodes?.[0]?.region, project),
    attributes: compact({engine: d.engine, version: d.version, plan: d.plan, flavor: d.flavor, nodes: d.nodeNumber}),
    sizeGiB,
    dependsOn: deps(openstackNetwork(d.networkId)),
  }
}

/** Swift containers (GET /storage) and S3 buckets (GET /region/{region}/storage), one kind. */
export function mapContainer(c: ApiObject, project: string, api: 'swift' | 's3', region?: string): ResourceInput {
  const where = region ?? c.region
  return {
    ...base('object-container', `${project}/${where}/${c.name}`, c.name, where, project),
    attributes: compact({api, containerType: c.containerType, objects: c.storedObjects ?? c.objectsCount}),
    sizeGiB: bytesToGiB(c.storedBytes ?? c.objectsSize),
  }
}

export function mapRegistry(r: ApiObject, project: string): ResourceInput {
  return {
    ...base('registry', r.id, r.name, r.region, project),
    attributes: compact({version: r.version}),
    sizeGiB: bytesToGiB(r.size),
  }
}

export function mapLoadBalancer(lb: ApiObject, project: string, region: string): ResourceInput {
  return {
    ...base('loadbalancer', lb.id, lb.name, lb.region ?? region, project),
    attributes: compact({flavorId: lb.flavorId}),
    dependsOn: deps(openstackNetwork(lb.vipNetworkId)),
  }
}

export function mapDedicatedServer(s: ApiObject): ResourceInput {
  return {
    ...base('dedicated-server', s.name, s.name, s.region || s.datacenter, undefined, s.iam?.tags),
    attributes: compact({range: s.commercialRange, os: s.os, datacenter: s.datacenter}),
  }
}

/** Replaces OpenStack network placeholders by the OVHcloud network ids of the same project, or drops them. */
export function linkNetworks(resources: ResourceInput[], openstackIds: Map<string, string>): void {
  for (const resource of resources) {
    if (!resource.dependsOn?.some((id) => id.startsWith(OPENSTACK_NETWORK))) continue
    const linked = resource.dependsOn.flatMap((id) => {
      if (!id.startsWith(OPENSTACK_NETWORK)) return [id]
      const network = openstackIds.get(id.slice(OPENSTACK_NETWORK.length))
      return network ? [network] : []
    })
    resource.dependsOn = idList(linked)
  }
}
