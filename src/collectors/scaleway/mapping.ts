import type {ResourceInput} from '../../inventory/model.js'
import {bytesToGiB, compact, deps} from '../values.js'

/** Fields of Scaleway API objects that exitready reads (https://www.scaleway.com/en/developers/api/). */

// biome-ignore lint/suspicious/noExplicitAny: API objects are read defensively, field by field.
export type ApiObject = Record<string, any>

export const scalewayId = (kind: string, id: string) => `scaleway:${kind}:${id}`

/** Scaleway tags are strings; "key=value" becomes a key and value, a bare tag a key with an empty value. */
export function scalewayTags(tags: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!Array.isArray(tags)) return out
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag === '') continue
    const at = tag.indexOf('=')
    if (at > 0) out[tag.slice(0, at)] = tag.slice(at + 1)
    else out[tag] = ''
  }
  return out
}

function base(kind: string, o: ApiObject, locality: string, account?: string): ResourceInput {
  const resource: ResourceInput = {
    id: scalewayId(kind, String(o.id)),
    provider: 'scaleway',
    type: `scaleway:${kind}`,
    name: typeof o.name === 'string' ? o.name : undefined,
    region: o.zone ?? o.region ?? locality,
    tags: scalewayTags(o.tags),
    source: 'scan:scaleway',
  }
  const project = account ?? o.project_id ?? o.project
  if (typeof project === 'string' && project !== '') resource.account = project
  return resource
}

const privateNetwork = (id: unknown) => typeof id === 'string' && id !== '' && scalewayId('private-network', id)

export function mapInstanceServer(s: ApiObject, zone: string): ResourceInput {
  const volumes = Object.values((s.volumes ?? {}) as Record<string, ApiObject>)
  return {
    ...base('instance-server', s, zone),
    attributes: compact({
      type: s.commercial_type,
      image: s.image?.name,
      arch: s.arch,
      volumeIds: volumes.map((v) => v.id),
    }),
    dependsOn: deps(...(s.private_nics ?? []).map((nic: ApiObject) => privateNetwork(nic.private_network_id))),
  }
}

/** Instance volumes (l_ssd, b_ssd) and the server they are attached to. */
export function mapInstanceVolume(v: ApiObject, zone: string): ResourceInput {
  return {
    ...base('instance-volume', v, zone),
    attributes: compact({volumeType: v.volume_type}),
    sizeGiB: bytesToGiB(v.size),
    dependsOn: deps(v.server?.id && scalewayId('instance-server', v.server.id)),
  }
}

/** Block Storage (SBS) volumes; references name the Instance they are attached to. */
export function mapBlockVolume(v: ApiObject, zone: string): ResourceInput {
  return {
    ...base('block-volume', v, zone),
    attributes: compact({volumeType: v.type}),
    sizeGiB: bytesToGiB(v.size),
    dependsOn: deps(
      ...(v.references ?? [])
        .filter((r: ApiObject) => r.product_resource_type === 'instance_server')
        .map((r: ApiObject) => scalewayId('instance-server', r.product_resource_id)),
    ),
  }
}

export function mapLoadBalancer(lb: ApiObject, zone: string): ResourceInput {
  return {...base('lb', lb, zone), attributes: compact({type: lb.type})}
}

export function mapRedisCluster(c: ApiObject, zone: string): ResourceInput {
  return {
    ...base('redis-cluster', c, zone),
    attributes: compact({engine: 'redis', version: c.version, nodeType: c.node_type, clusterSize: c.cluster_size}),
    dependsOn: deps(...(c.endpoints ?? []).map((e: ApiObject) => privateNetwork(e.private_network?.id))),
  }
}

export function mapRdbInstance(i: ApiObject, region: string): ResourceInput {
  return {
    ...base('rdb-instance', i, region),
    attributes: compact({engine: i.engine, nodeType: i.node_type, ha: i.is_ha_cluster, volumeType: i.volume?.type}),
    sizeGiB: bytesToGiB(i.volume?.size),
    dependsOn: deps(...(i.endpoints ?? []).map((e: ApiObject) => privateNetwork(e.private_network?.private_network_id))),
  }
}

export function mapMongoInstance(i: ApiObject, region: string): ResourceInput {
  return {
    ...base('mongodb-instance', i, region),
    attributes: compact({engine: 'mongodb', version: i.version, nodeType: i.node_type, nodes: i.node_amount}),
    sizeGiB: bytesToGiB(i.volume?.size_bytes),
    dependsOn: deps(...(i.endpoints ?? []).map((e: ApiObject) => privateNetwork(e.private_network?.private_network_id))),
  }
}

export function mapK8sCluster(c: ApiObject, region: string): ResourceInput {
  return {
    ...base('k8s-cluster', c, region),
    attributes: compact({version: c.version, kind: c.type, cni: c.cni}),
    dependsOn: deps(privateNetwork(c.private_network_id)),
  }
}

export function mapVpc(v: ApiObject, region: string): ResourceInput {
  return {...base('vpc', v, region), attributes: compact({isDefault: v.is_default})}
}

export function mapPrivateNetwork(n: ApiObject, region: string): ResourceInput {
  return {...base('private-network', n, region), dependsOn: deps(n.vpc_id && scalewayId('vpc', n.vpc_id))}
}

export function mapRegistryNamespace(n: ApiObject, region: string): ResourceInput {
  return {
    ...base('registry-namespace', n, region),
    attributes: compact({public: n.is_public, images: n.image_count}),
    sizeGiB: bytesToGiB(n.size),
  }
}

/** Function and container namespaces keep their images in a registry namespace. */
export function mapServerlessNamespace(kind: 'function' | 'container', n: ApiObject, region: string): ResourceInput {
  return {
    ...base(`${kind}-namespace`, n, region),
    dependsOn: deps(n.registry_namespace_id && scalewayId('registry-namespace', n.registry_namespace_id)),
  }
}

/** Functions and containers do not carry a project id; their namespace does. */
export function mapFunction(f: ApiObject, region: string, project?: string): ResourceInput {
  return {
    ...base('function', f, region, project),
    attributes: compact({runtime: f.runtime, privacy: f.privacy}),
    dependsOn: deps(f.namespace_id && scalewayId('function-namespace', f.namespace_id), privateNetwork(f.private_network_id)),
  }
}

export function mapContainer(c: ApiObject, region: string, project?: string): ResourceInput {
  return {
    ...base('container', c, region, project),
    attributes: compact({privacy: c.privacy, protocol: c.protocol}),
    dependsOn: deps(c.namespace_id && scalewayId('container-namespace', c.namespace_id), privateNetwork(c.private_network_id)),
  }
}

export function mapSecret(s: ApiObject, region: string): ResourceInput {
  return {...base('secret', s, region), attributes: compact({kind: s.type, managed: s.managed})}
}

export function mapDnsZone(z: ApiObject): ResourceInput {
  const name = z.subdomain ? `${z.subdomain}.${z.domain}` : String(z.domain)
  return {...base('domain-zone', {...z, id: name, name, tags: []}, 'global')}
}

export function mapBucket(name: string, region: string, project?: string): ResourceInput {
  return base('object-bucket', {id: name, name}, region, project)
}
