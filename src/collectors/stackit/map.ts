import type {ResourceInput} from '../../inventory/model.js'
import {compact, labelsToTags, nonNegativeNumber} from '../values.js'

/** STACKIT API objects → canonical resources (type stackit:<kind>, id stackit:<kind>:<native id>). */

export type Json = Record<string, unknown>
const PROVIDER = 'stackit'
export const rid = (kind: string, id: unknown) => `${PROVIDER}:${kind}:${String(id)}`

function base(kind: string, id: unknown, item: Json, project: string, region: string): ResourceInput {
  return {
    id: rid(kind, id),
    provider: PROVIDER,
    type: `stackit:${kind}`,
    name: typeof item.name === 'string' ? item.name : undefined,
    account: project,
    region,
    tags: labelsToTags(item.labels),
    source: `scan:${PROVIDER}`,
  }
}

export function mapServer(s: Json, project: string, region: string): ResourceInput {
  const boot = (s.bootVolume ?? {}) as Json
  const volumes = [
    ...new Set([...(typeof boot.id === 'string' ? [boot.id] : []), ...((s.volumes as string[] | undefined) ?? [])]),
  ]
  const nics = (s.nics as Json[] | undefined) ?? []
  return {
    ...base('server', s.id, s, project, region),
    attributes: compact({
      machineType: s.machineType,
      availabilityZone: s.availabilityZone,
      imageId: s.imageId,
      status: s.status,
    }),
    dependsOn: [
      ...volumes.map((id) => rid('volume', id)),
      ...[...new Set(nics.map((n) => n.networkId).filter((id) => typeof id === 'string'))].map((id) => rid('network', id)),
    ],
  }
}

export function mapVolume(v: Json, project: string, region: string): ResourceInput {
  return {
    ...base('volume', v.id, v, project, region),
    sizeGiB: nonNegativeNumber(v.size),
    attributes: compact({
      performanceClass: v.performanceClass,
      availabilityZone: v.availabilityZone,
      encrypted: v.encrypted,
      status: v.status,
      serverId: v.serverId,
    }),
    dependsOn: typeof v.serverId === 'string' ? [rid('server', v.serverId)] : [],
  }
}

export function mapNetwork(n: Json, project: string, region: string): ResourceInput {
  return {...base('network', n.id, n, project, region), attributes: compact({routed: n.routed, status: n.status})}
}

/** SKE clusters are named uniquely within a project; the name is their id. */
export function mapCluster(c: Json, project: string, region: string): ResourceInput {
  const pools = (c.nodepools as Json[] | undefined) ?? []
  const networkId = (c.network as Json | undefined)?.id
  return {
    ...base('ske-cluster', `${project}/${String(c.name)}`, c, project, region),
    attributes: compact({
      version: (c.kubernetes as Json | undefined)?.version,
      nodepools: pools.length,
      machineTypes: [...new Set(pools.map((p) => (p.machine as Json | undefined)?.type).filter((t) => typeof t === 'string'))],
      status: ((c.status as Json | undefined)?.aggregated as string | undefined) ?? undefined,
    }),
    dependsOn: typeof networkId === 'string' ? [rid('network', networkId)] : [],
  }
}

/** MongoDB Flex v2: the list's summary merged with the instance's details (`item` of GET …/instances/{id}). */
export function mapFlexInstance(kind: string, engine: string, i: Json, project: string, region: string): ResourceInput {
  const flavor = (i.flavor ?? {}) as Json
  const storage = (i.storage ?? {}) as Json
  return {
    ...base(kind, i.id, i, project, region),
    sizeGiB: nonNegativeNumber(storage.size),
    attributes: compact({
      engine,
      engineVersion: i.version,
      flavor: flavor.description ?? flavor.id,
      cpu: flavor.cpu,
      memoryGiB: flavor.memory,
      storageClass: storage.class,
      replicas: i.replicas,
      status: i.status,
    }),
  }
}

/** PostgreSQL Flex v3: the list's summary merged with GetInstanceResponse (not wrapped in `item`, unlike v2). */
export function mapPostgresFlex(i: Json, project: string, region: string): ResourceInput {
  const storage = (i.storage ?? {}) as Json
  const network = (i.network ?? {}) as Json
  return {
    ...base('postgresflex-instance', i.id, i, project, region),
    sizeGiB: nonNegativeNumber(storage.size),
    attributes: compact({
      engine: 'postgresql',
      engineVersion: i.version,
      flavor: i.flavorId,
      storageClass: storage.class,
      accessScope: network.accessScope,
      status: i.state,
    }),
  }
}

export function mapBucket(b: Json, project: string, region: string): ResourceInput {
  return {
    ...base('object-bucket', `${project}/${String(b.name)}`, b, project, (b.region as string | undefined) ?? region),
    attributes: compact({objectLock: b.objectLockEnabled}),
  }
}

/** Redis, Valkey and RabbitMQ instances (the service-broker APIs share one Instance shape). */
export function mapServiceInstance(kind: string, i: Json, project: string, region: string): ResourceInput {
  return {
    ...base(kind, i.instanceId, i, project, region),
    attributes: compact({
      engineVersion: i.offeringVersion,
      plan: i.planName,
      status: i.status ?? (i.lastOperation as Json | undefined)?.state,
    }),
  }
}
