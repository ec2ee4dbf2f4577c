import type {Instance} from '@aws-sdk/client-ec2'
import type {AttributeReader, ReadContext} from './attributes.js'
import {tagsFromList} from './resource.js'

/**
 * The describe and list calls that tell the attributes the catalog refines on, one reader per
 * call, declared as data: which ARN keys it describes, which attributes it reads, and how. Each
 * reads every page of one region (or, for a global service, of the account) once, whatever the
 * number of resources; the SDK is imported only when the reader runs.
 */

/** RDS, DocumentDB and Neptune share the `rds` ARN namespace and API; only the engine tells them apart. */
const ENGINE_FAMILY: Record<string, string> = {docdb: 'DocDB', neptune: 'Neptune'}

function rdsType(kind: 'DBInstance' | 'DBCluster', engine: string | undefined): string | undefined {
  const family = engine === undefined ? undefined : ENGINE_FAMILY[engine]
  return family ? `AWS::${family}::${kind}` : undefined
}

/** The ARN when the response names none (some documented examples leave it out): built from the id, as AWS builds it. */
function arnOr(arn: string | undefined, rc: ReadContext, service: string, resource: string | undefined): string | undefined {
  if (arn) return arn
  return resource ? `arn:${rc.partition}:${service}:${rc.region}:${rc.account.id}:${resource}` : undefined
}

const nameTag = (tags: Record<string, string> | undefined) => tags?.Name || undefined

const rdsInstances: AttributeReader = {
  action: 'rds:DescribeDBInstances',
  arnKeys: ['rds:db'],
  attributes: ['engine'],
  async read(rc) {
    const {RDSClient, DescribeDBInstancesCommand} = await import('@aws-sdk/client-rds')
    const client = new RDSClient(rc.config('rds'))
    try {
      return await rc.pages(
        async (marker: string | undefined) => {
          const page = await rc.call(() => client.send(new DescribeDBInstancesCommand({MaxRecords: 100, Marker: marker})))
          return {items: page.DBInstances ?? [], next: page.Marker || undefined}
        },
        (db) => {
          const arn = arnOr(db.DBInstanceArn, rc, 'rds', db.DBInstanceIdentifier && `db:${db.DBInstanceIdentifier}`)
          if (!arn) return undefined
          const tags = tagsFromList(db.TagList)
          return {
            arn,
            attributes: {engine: db.Engine || undefined},
            type: rdsType('DBInstance', db.Engine),
            name: nameTag(tags) ?? db.DBInstanceIdentifier,
            tags,
            addable: true,
          }
        },
      )
    } finally {
      client.destroy()
    }
  },
}

const rdsClusters: AttributeReader = {
  action: 'rds:DescribeDBClusters',
  arnKeys: ['rds:cluster'],
  attributes: ['engine'],
  async read(rc) {
    const {RDSClient, DescribeDBClustersCommand} = await import('@aws-sdk/client-rds')
    const client = new RDSClient(rc.config('rds'))
    try {
      return await rc.pages(
        async (marker: string | undefined) => {
          const page = await rc.call(() => client.send(new DescribeDBClustersCommand({MaxRecords: 100, Marker: marker})))
          return {items: page.DBClusters ?? [], next: page.Marker || undefined}
        },
        (cluster) => {
          const arn = arnOr(
            cluster.DBClusterArn,
            rc,
            'rds',
            cluster.DBClusterIdentifier && `cluster:${cluster.DBClusterIdentifier}`,
          )
          if (!arn) return undefined
          const tags = tagsFromList(cluster.TagList)
          return {
            arn,
            attributes: {engine: cluster.Engine || undefined},
            type: rdsType('DBCluster', cluster.Engine),
            name: nameTag(tags) ?? cluster.DBClusterIdentifier,
            tags,
            addable: true,
          }
        },
      )
    } finally {
      client.destroy()
    }
  },
}

const cacheClusters: AttributeReader = {
  action: 'elasticache:DescribeCacheClusters',
  arnKeys: ['elasticache:cluster'],
  attributes: ['engine'],
  async read(rc) {
    const {ElastiCacheClient, DescribeCacheClustersCommand} = await import('@aws-sdk/client-elasticache')
    const client = new ElastiCacheClient(rc.config('elasticache'))
    try {
      return await rc.pages(
        async (marker: string | undefined) => {
          const page = await rc.call(() => client.send(new DescribeCacheClustersCommand({MaxRecords: 100, Marker: marker})))
          return {items: page.CacheClusters ?? [], next: page.Marker || undefined}
        },
        (cluster) => {
          const arn = arnOr(cluster.ARN, rc, 'elasticache', cluster.CacheClusterId && `cluster:${cluster.CacheClusterId}`)
          if (!arn) return undefined
          // A member node of a replication group is part of that group's resource, not one of its own.
          return {
            arn,
            attributes: {engine: cluster.Engine || undefined},
            name: cluster.CacheClusterId,
            addable: !cluster.ReplicationGroupId,
          }
        },
      )
    } finally {
      client.destroy()
    }
  },
}

const replicationGroups: AttributeReader = {
  action: 'elasticache:DescribeReplicationGroups',
  arnKeys: ['elasticache:replicationgroup'],
  attributes: ['engine'],
  async read(rc) {
    const {ElastiCacheClient, DescribeReplicationGroupsCommand} = await import('@aws-sdk/client-elasticache')
    const client = new ElastiCacheClient(rc.config('elasticache'))
    try {
      return await rc.pages(
        async (marker: string | undefined) => {
          const page = await rc.call(() => client.send(new DescribeReplicationGroupsCommand({MaxRecords: 100, Marker: marker})))
          return {items: page.ReplicationGroups ?? [], next: page.Marker || undefined}
        },
        (group) => {
          const id = group.ReplicationGroupId
          const arn = arnOr(group.ARN, rc, 'elasticache', id && `replicationgroup:${id}`)
          // Older responses (and the API reference's example) carry no Engine: then it stays unread.
          return arn ? {arn, attributes: {engine: group.Engine || undefined}, name: id, addable: true} : undefined
        },
      )
    } finally {
      client.destroy()
    }
  },
}

const serverlessCaches: AttributeReader = {
  action: 'elasticache:DescribeServerlessCaches',
  arnKeys: ['elasticache:serverlesscache'],
  attributes: ['engine'],
  async read(rc) {
    const {ElastiCacheClient, DescribeServerlessCachesCommand} = await import('@aws-sdk/client-elasticache')
    const client = new ElastiCacheClient(rc.config('elasticache'))
    try {
      return await rc.pages(
        async (token: string | undefined) => {
          const page = await rc.call(() => client.send(new DescribeServerlessCachesCommand({NextToken: token})))
          return {items: page.ServerlessCaches ?? [], next: page.NextToken || undefined}
        },
        (cache) => {
          const name = cache.ServerlessCacheName
          const arn = arnOr(cache.ARN, rc, 'elasticache', name && `serverlesscache:${name}`)
          return arn ? {arn, attributes: {engine: cache.Engine || undefined}, name, addable: true} : undefined
        },
      )
    } finally {
      client.destroy()
    }
  },
}

/** DescribeDomains takes at most five names a call (unconfirmed in the AWS reference; the SDKs' docs say so). */
const DOMAINS_PER_CALL = 5

const openSearchDomains: AttributeReader = {
  action: 'es:DescribeDomains',
  arnKeys: ['es:domain'],
  attributes: ['engineVersion'],
  async read(rc) {
    const {OpenSearchClient, ListDomainNamesCommand, DescribeDomainsCommand} = await import('@aws-sdk/client-opensearch')
    const client = new OpenSearchClient(rc.config('opensearch'))
    try {
      // ListDomainNames has no paging: one call names every domain of the region.
      const listed = await rc.call(() => client.send(new ListDomainNamesCommand({})), 'es:ListDomainNames')
      const names = (listed.DomainNames ?? []).map((domain) => domain.DomainName).filter((name): name is string => !!name)
      const chunks: string[][] = []
      for (let i = 0; i < names.length; i += DOMAINS_PER_CALL) chunks.push(names.slice(i, i + DOMAINS_PER_CALL))
      // The chunks are pages of one list: read one after the other, so a failure keeps what came before.
      return await rc.pages(
        async (index: number | undefined) => {
          const at = index ?? 0
          if (chunks.length === 0) return {items: [], next: undefined}
          const page = await rc.call(() => client.send(new DescribeDomainsCommand({DomainNames: chunks[at]})))
          return {items: page.DomainStatusList ?? [], next: at + 1 < chunks.length ? at + 1 : undefined}
        },
        (domain) => {
          const arn = arnOr(domain.ARN, rc, 'es', domain.DomainName && `domain/${domain.DomainName}`)
          return arn
            ? {arn, attributes: {engineVersion: domain.EngineVersion || undefined}, name: domain.DomainName, addable: true}
            : undefined
        },
      )
    } finally {
      client.destroy()
    }
  },
}

/** Instances that are gone or going are not added as resources (DescribeInstances shows them for about an hour). */
const ENDED_STATES = new Set(['shutting-down', 'terminated'])

const ec2Instances: AttributeReader = {
  action: 'ec2:DescribeInstances',
  arnKeys: ['ec2:instance'],
  attributes: ['platform'],
  async read(rc) {
    const {EC2Client, DescribeInstancesCommand} = await import('@aws-sdk/client-ec2')
    const client = new EC2Client(rc.config('ec2'))
    try {
      type Item = {owner?: string; instance: Instance}
      return await rc.pages<Item, string>(
        async (token) => {
          const page = await rc.call(() => client.send(new DescribeInstancesCommand({MaxResults: 1000, NextToken: token})))
          const items: Item[] = []
          for (const reservation of page.Reservations ?? [])
            for (const instance of reservation.Instances ?? []) items.push({owner: reservation.OwnerId, instance})
          return {items, next: page.NextToken || undefined}
        },
        ({owner, instance}) => {
          if (!instance.InstanceId) return undefined
          const arn = `arn:${rc.partition}:ec2:${rc.region}:${owner ?? rc.account.id}:instance/${instance.InstanceId}`
          // The API documents Platform as `windows` for Windows instances and blank otherwise (the SDK types it `Windows`).
          const windows =
            String(instance.Platform ?? '').toLowerCase() === 'windows' || (instance.PlatformDetails ?? '').startsWith('Windows')
          const tags = tagsFromList(instance.Tags)
          return {
            arn,
            attributes: {platform: windows ? 'windows' : 'linux', platformDetails: instance.PlatformDetails || undefined},
            name: nameTag(tags) ?? instance.InstanceId,
            tags,
            addable: !ENDED_STATES.has(instance.State?.Name ?? ''),
          }
        },
      )
    } finally {
      client.destroy()
    }
  },
}

const fsxFileSystems: AttributeReader = {
  action: 'fsx:DescribeFileSystems',
  arnKeys: ['fsx:file-system'],
  attributes: ['fileSystemType'],
  async read(rc) {
    const {FSxClient, DescribeFileSystemsCommand} = await import('@aws-sdk/client-fsx')
    const client = new FSxClient(rc.config('fsx'))
    try {
      return await rc.pages(
        async (token: string | undefined) => {
          const page = await rc.call(() => client.send(new DescribeFileSystemsCommand({NextToken: token})))
          return {items: page.FileSystems ?? [], next: page.NextToken || undefined}
        },
        (fs) => {
          const arn = arnOr(fs.ResourceARN, rc, 'fsx', fs.FileSystemId && `file-system/${fs.FileSystemId}`)
          if (!arn) return undefined
          const tags = tagsFromList(fs.Tags)
          return {
            arn,
            attributes: {fileSystemType: fs.FileSystemType || undefined},
            name: nameTag(tags) ?? fs.FileSystemId,
            tags,
            addable: true,
          }
        },
      )
    } finally {
      client.destroy()
    }
  },
}

const lambdaFunctions: AttributeReader = {
  action: 'lambda:ListFunctions',
  arnKeys: ['lambda:function'],
  attributes: ['packageType'],
  // A version or alias ARN (…:function:name:3) is matched by its function.
  matchKey: (arn) => arn.split(':').slice(0, 7).join(':'),
  async read(rc) {
    const {LambdaClient, ListFunctionsCommand} = await import('@aws-sdk/client-lambda')
    const client = new LambdaClient(rc.config('lambda'))
    try {
      return await rc.pages(
        async (marker: string | undefined) => {
          // ListFunctions returns at most 50 functions a page, whatever MaxItems asks.
          const page = await rc.call(() => client.send(new ListFunctionsCommand({MaxItems: 50, Marker: marker})))
          return {items: page.Functions ?? [], next: page.NextMarker || undefined}
        },
        (fn) => {
          const arn = arnOr(fn.FunctionArn, rc, 'lambda', fn.FunctionName && `function:${fn.FunctionName}`)
          return arn
            ? {arn, attributes: {packageType: fn.PackageType || undefined}, name: fn.FunctionName, addable: true}
            : undefined
        },
      )
    } finally {
      client.destroy()
    }
  },
}

const mqBrokers: AttributeReader = {
  action: 'mq:ListBrokers',
  arnKeys: ['mq:broker'],
  attributes: ['engineType'],
  async read(rc) {
    const {MqClient, ListBrokersCommand} = await import('@aws-sdk/client-mq')
    const client = new MqClient(rc.config('mq'))
    try {
      return await rc.pages(
        async (token: string | undefined) => {
          const page = await rc.call(() => client.send(new ListBrokersCommand({MaxResults: 100, NextToken: token})))
          return {items: page.BrokerSummaries ?? [], next: page.NextToken || undefined}
        },
        (broker) =>
          broker.BrokerArn
            ? {
                arn: broker.BrokerArn,
                attributes: {engineType: broker.EngineType || undefined},
                name: broker.BrokerName,
                addable: true,
              }
            : undefined,
      )
    } finally {
      client.destroy()
    }
  },
}

const hostedZones: AttributeReader = {
  action: 'route53:ListHostedZones',
  arnKeys: ['route53:hostedzone'],
  attributes: ['privateZone'],
  global: true,
  async read(rc) {
    const {Route53Client, ListHostedZonesCommand} = await import('@aws-sdk/client-route-53')
    const client = new Route53Client(rc.config('route53'))
    try {
      return await rc.pages(
        async (marker: string | undefined) => {
          const page = await rc.call(() => client.send(new ListHostedZonesCommand({MaxItems: 100, Marker: marker})))
          return {items: page.HostedZones ?? [], next: page.IsTruncated ? page.NextMarker || undefined : undefined}
        },
        (zone) => {
          const id = zone.Id?.replace(/^\/hostedzone\//, '')
          if (!id) return undefined
          const privateZone = zone.Config?.PrivateZone
          return {
            arn: `arn:${rc.partition}:route53:::hostedzone/${id}`,
            // The catalog's rule compares strings: "true"/"false".
            attributes: {privateZone: privateZone === undefined ? undefined : String(privateZone)},
            name: zone.Name?.replace(/\.$/, ''),
            addable: true,
          }
        },
      )
    } finally {
      client.destroy()
    }
  },
}

export const READERS: readonly AttributeReader[] = [
  rdsInstances,
  rdsClusters,
  cacheClusters,
  replicationGroups,
  serverlessCaches,
  openSearchDomains,
  ec2Instances,
  fsxFileSystems,
  lambdaFunctions,
  mqBrokers,
  hostedZones,
]
