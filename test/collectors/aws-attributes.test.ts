import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {collector} from '../../src/collectors/aws/index.js'
import type {CollectContext, CollectorResult} from '../../src/collectors/types.js'
import {fakeClock} from '../../src/util/clock.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/aws')
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')
const recorded = (name: string) => fixture(`recorded/${name}`)
const json = (name: string) => JSON.parse(fixture(name)) as Record<string, unknown>

const CREDENTIALS = {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'}
const XML = {'content-type': 'text/xml'}
const AMZ_JSON = {'content-type': 'application/x-amz-json-1.1'}
const JSON_TYPE = {'content-type': 'application/json'}

function context(aws: Record<string, unknown>, extra: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {},
    clock,
    progress: {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn() {}},
    options: {aws: {credentials: CREDENTIALS, homeRegion: 'eu-west-1', ...aws}},
    ...extra,
  }
  return {ctx, clock}
}

function callerIdentity() {
  return nock('https://sts.eu-west-1.amazonaws.com')
    .post('/', /Action=GetCallerIdentity/)
    .reply(200, fixture('get-caller-identity.xml'), XML)
}

function getResources(region: string, name: string) {
  nock(`https://tagging.${region}.amazonaws.com`)
    .matchHeader('x-amz-target', 'ResourceGroupsTaggingAPI_20170126.GetResources')
    .post(
      '/',
      (body: {ResourcesPerPage?: number; PaginationToken?: string}) => body.ResourcesPerPage === 100 && !body.PaginationToken,
    )
    .reply(200, json(name), AMZ_JSON)
}

/** A query-protocol call (RDS, ElastiCache, EC2): the form body's Action and the paging marker it must carry. */
function query(service: string, region: string, action: string, page: Record<string, string | undefined> = {}) {
  return nock(`https://${service}.${region}.amazonaws.com`).post('/', (body: Record<string, string>) => {
    if (body.Action !== action) return false
    return Object.entries(page).every(([key, value]) => body[key] === value)
  })
}

const byId = (result: CollectorResult) => new Map(result.resources.map((r) => [r.id, r]))
const scope = (result: CollectorResult, name: string) => result.sources.find((s) => s.scope === name)!

describe('AWS collector: attributes from the services’ own describe calls (recorded responses)', () => {
  it('types DocumentDB and Neptune by engine and attaches RDS, ElastiCache, Lambda and Route 53 attributes', async () => {
    callerIdentity()
    getResources('us-east-1', 'get-resources-attributes-us-east-1.json')
    getResources('us-west-2', 'get-resources-attributes-us-west-2.json')
    // us-east-1: Oracle instance, Aurora clusters over two pages, the account's hosted zones (global, once).
    query('rds', 'us-east-1', 'DescribeDBInstances', {MaxRecords: '100', Marker: undefined}).reply(
      200,
      recorded('rds-describe-db-instances-us-east-1.xml'),
      XML,
    )
    query('rds', 'us-east-1', 'DescribeDBClusters', {Marker: undefined}).reply(
      200,
      recorded('rds-describe-db-clusters-us-east-1-page1.xml'),
      XML,
    )
    query('rds', 'us-east-1', 'DescribeDBClusters', {Marker: 'exitready-fixture-marker-1'}).reply(
      200,
      recorded('rds-describe-db-clusters-us-east-1-page2.xml'),
      XML,
    )
    const route53 = nock('https://route53.amazonaws.com')
    route53.get('/2013-04-01/hostedzone').query({maxitems: '100'}).reply(200, recorded('route53-list-hosted-zones.xml'), XML)
    route53
      .get('/2013-04-01/hostedzone')
      .query({maxitems: '100', marker: 'Z222222VVVVVVV'})
      .reply(200, recorded('route53-list-hosted-zones-page2.xml'), XML)
    // us-west-2: DocumentDB and Neptune through the RDS API, ElastiCache, Lambda.
    query('rds', 'us-west-2', 'DescribeDBInstances').reply(200, recorded('rds-describe-db-instances-us-west-2.xml'), XML)
    query('rds', 'us-west-2', 'DescribeDBClusters').reply(200, recorded('rds-describe-db-clusters-us-west-2.xml'), XML)
    query('elasticache', 'us-west-2', 'DescribeCacheClusters', {MaxRecords: '100'}).reply(
      200,
      recorded('elasticache-describe-cache-clusters-us-west-2.xml'),
      XML,
    )
    query('elasticache', 'us-west-2', 'DescribeReplicationGroups').reply(
      200,
      recorded('elasticache-describe-replication-groups-us-west-2.xml'),
      XML,
    )
    nock('https://lambda.us-west-2.amazonaws.com')
      .get('/2015-03-31/functions')
      .query({MaxItems: '50'})
      .reply(200, recorded('lambda-list-functions-us-west-2.json'), JSON_TYPE)
    const {ctx} = context({regions: ['us-east-1', 'us-west-2']})

    const result = await collector.collect(ctx)
    const r = byId(result)
    const arn = (region: string, rest: string) => `arn:aws:rds:${region}:111122223333:${rest}`

    expect(r.get(arn('us-east-1', 'db:mydbinstance'))).toMatchObject({
      type: 'AWS::RDS::DBInstance',
      attributes: {engine: 'oracle-ee'},
    })
    expect(r.get(arn('us-east-1', 'cluster:testvalidation-cluster-3'))).toMatchObject({
      type: 'AWS::RDS::DBCluster',
      attributes: {engine: 'aurora-postgresql'},
    })
    // The documented example names no DBClusterArn: matched by the ARN AWS builds from the identifier.
    expect(r.get(arn('us-east-1', 'cluster:sample-cluster2'))?.attributes).toEqual({engine: 'aurora-mysql'})
    expect(r.get(arn('us-west-2', 'cluster:sample-cluster'))).toMatchObject({
      type: 'AWS::DocDB::DBCluster',
      attributes: {engine: 'docdb'},
    })
    expect(r.get(arn('us-west-2', 'db:sample-cluster-instance'))).toMatchObject({
      type: 'AWS::DocDB::DBInstance',
      attributes: {engine: 'docdb'},
    })
    expect(r.get(arn('us-west-2', 'cluster:graph-prod'))).toMatchObject({
      type: 'AWS::Neptune::DBCluster',
      attributes: {engine: 'neptune'},
    })
    expect(r.get(arn('us-west-2', 'db:graph-prod-instance-1'))).toMatchObject({
      type: 'AWS::Neptune::DBInstance',
      attributes: {engine: 'neptune'},
    })
    const cache = (rest: string) => r.get(`arn:aws:elasticache:us-west-2:111122223333:${rest}`)
    expect(cache('cluster:simcoprod42')?.attributes).toEqual({engine: 'memcached'})
    expect(cache('cluster:my-cache-cluster')?.attributes).toEqual({engine: 'redis'})
    // The recorded replication group names no Engine: unread, never guessed.
    expect(cache('replicationgroup:my-repgroup')?.attributes).toEqual({attributesUnread: ['engine']})
    // A member node of a replication group that the listing did not name is not added as a resource of its own.
    expect(result.resources.some((x) => x.name === 'my-cluster-003')).toBe(false)
    const fn = (name: string) => r.get(`arn:aws:lambda:us-west-2:111122223333:function:${name}`)
    expect(fn('my-function')?.attributes).toEqual({packageType: 'Zip'})
    expect(fn('helloworld')?.attributes).toEqual({attributesUnread: ['packageType']})
    expect(r.get('arn:aws:route53:::hostedzone/Z111111QQQQQQQ')?.attributes).toEqual({privateZone: 'false'})
    // From the ARN, no call: FIFO queues and the load balancer's type.
    expect(r.get('arn:aws:sqs:us-east-1:111122223333:payments.fifo')?.attributes).toEqual({fifoQueue: 'true'})
    expect(r.get('arn:aws:sqs:us-east-1:111122223333:emails')?.attributes).toEqual({fifoQueue: 'false'})
    expect(
      r.get('arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/ingress-nlb/a1b2c3d4e5f60718')?.attributes,
    ).toEqual({type: 'network'})

    // Resources the describe calls return that the tagging API missed (never tagged) are added.
    expect(r.get(arn('us-east-1', 'cluster:sample-cluster3'))).toMatchObject({
      type: 'AWS::RDS::DBCluster',
      region: 'us-east-1',
      account: '111122223333',
      tags: {},
      attributes: {engine: 'aurora-mysql'},
      source: 'aws:rds',
    })
    expect(r.get('arn:aws:route53:::hostedzone/Z222222VVVVVVV')).toMatchObject({
      type: 'AWS::Route53::HostedZone',
      name: 'example2.com',
      region: 'global',
      attributes: {privateZone: 'true'},
    })
    const catalog = await loadCatalog()
    const oracle = r.get(arn('us-east-1', 'db:mydbinstance'))!
    expect(catalog.lookup(oracle.type, oracle.attributes)).toMatchObject({portability: 'proprietary', effort: 'XL'})
    expect(scope(result, '111122223333/us-east-1')).toMatchObject({status: 'complete', count: 9})
    expect(scope(result, '111122223333/us-west-2')).toMatchObject({status: 'complete', count: 9})
    expect(scope(result, '111122223333/us-west-2').warnings).toEqual([
      'engine of 1 AWS::ElastiCache::ReplicationGroup could not be read (elasticache:DescribeReplicationGroups named no engine); it is assessed as the harder case.',
      'packageType of 1 AWS::Lambda::Function could not be read (lambda:ListFunctions named no packageType); it is assessed as the harder case.',
    ])
  })

  it('lets the catalog refine on the attributes: DocumentDB and Neptune leave the PostgreSQL path, memcached is portable', async () => {
    callerIdentity()
    getResources('us-west-2', 'get-resources-attributes-us-west-2.json')
    query('rds', 'us-west-2', 'DescribeDBInstances').reply(200, recorded('rds-describe-db-instances-us-west-2.xml'), XML)
    query('rds', 'us-west-2', 'DescribeDBClusters').reply(200, recorded('rds-describe-db-clusters-us-west-2.xml'), XML)
    query('elasticache', 'us-west-2', 'DescribeCacheClusters').reply(
      200,
      recorded('elasticache-describe-cache-clusters-us-west-2.xml'),
      XML,
    )
    query('elasticache', 'us-west-2', 'DescribeReplicationGroups').reply(
      200,
      recorded('elasticache-describe-replication-groups-us-west-2.xml'),
      XML,
    )
    nock('https://lambda.us-west-2.amazonaws.com')
      .get('/2015-03-31/functions')
      .query({MaxItems: '50'})
      .reply(200, recorded('lambda-list-functions-us-west-2.json'), JSON_TYPE)
    const {ctx} = context({regions: ['us-west-2']})
    const result = await collector.collect(ctx)
    const catalog = await loadCatalog()
    const mapping = (suffix: string) => {
      const resource = result.resources.find((x) => x.id.endsWith(suffix))!
      return catalog.lookup(resource.type, resource.attributes)
    }
    expect(mapping(':cluster:sample-cluster')).toMatchObject({type: 'AWS::DocDB::DBCluster', category: 'document-db'})
    expect(mapping(':cluster:graph-prod').type).toBe('AWS::Neptune::DBCluster')
    expect(mapping(':cluster:graph-prod').standard ?? '').not.toMatch(/PostgreSQL|MySQL/)
    expect(mapping(':cluster:simcoprod42')).toMatchObject({portability: 'portable', standard: 'Memcached protocol'})
  })

  it('reads EC2 platform, OpenSearch engine version, FSx type and Amazon MQ engine in one region', async () => {
    callerIdentity()
    getResources('eu-west-1', 'get-resources-attributes-eu-west-1.json')
    query('ec2', 'eu-west-1', 'DescribeInstances', {MaxResults: '1000'}).reply(
      200,
      recorded('ec2-describe-instances-eu-west-1.xml'),
      XML,
    )
    const es = nock('https://es.eu-west-1.amazonaws.com')
    es.get('/2021-01-01/domain').reply(200, json('opensearch-list-domain-names-eu-west-1.json'), JSON_TYPE)
    es.post('/2021-01-01/opensearch/domain-info', {DomainNames: ['search-prod', 'logs-legacy']}).reply(
      200,
      json('opensearch-describe-domains-eu-west-1.json'),
      JSON_TYPE,
    )
    nock('https://fsx.eu-west-1.amazonaws.com')
      .matchHeader('x-amz-target', 'AWSSimbaAPIService_v20180301.DescribeFileSystems')
      .post('/')
      .reply(200, json('fsx-describe-file-systems-eu-west-1.json'), AMZ_JSON)
    nock('https://mq.eu-west-1.amazonaws.com')
      .get('/v1/brokers')
      .query({maxResults: '100'})
      .reply(200, json('mq-list-brokers-eu-west-1.json'), JSON_TYPE)
    const {ctx} = context({regions: ['eu-west-1']})

    const result = await collector.collect(ctx)
    const r = byId(result)
    expect(r.get('arn:aws:ec2:eu-west-1:111122223333:instance/i-0abcdef1234567890')?.attributes).toEqual({
      platform: 'windows',
      platformDetails: 'Windows',
    })
    // The API leaves Platform blank for every other operating system.
    expect(r.get('arn:aws:ec2:eu-west-1:111122223333:instance/i-1234567890abcdef0')?.attributes).toEqual({platform: 'linux'})
    // A terminated instance that DescribeInstances still shows is not added.
    expect(r.has('arn:aws:ec2:eu-west-1:111122223333:instance/i-0fedcba9876543210')).toBe(false)
    expect(r.get('arn:aws:es:eu-west-1:111122223333:domain/search-prod')?.attributes).toEqual({engineVersion: 'OpenSearch_2.11'})
    expect(r.get('arn:aws:es:eu-west-1:111122223333:domain/logs-legacy')?.attributes).toEqual({
      engineVersion: 'Elasticsearch_7.10',
    })
    expect(r.get('arn:aws:fsx:eu-west-1:111122223333:file-system/fs-0123456789abcdef0')?.attributes).toEqual({
      fileSystemType: 'WINDOWS',
    })
    expect(
      r.get('arn:aws:mq:eu-west-1:111122223333:broker:legacy-activemq:b-c967a64c-b140-28d5-12c9-791e558e08ba')?.attributes,
    ).toEqual({engineType: 'ACTIVEMQ'})
    expect(result.sources).toEqual([{provider: 'aws', scope: '111122223333/eu-west-1', status: 'complete', count: 6}])
  })

  it('records an AccessDenied describe call per resource type, keeps the resources and never guesses the engine', async () => {
    callerIdentity()
    getResources('us-east-1', 'get-resources-attributes-us-east-1.json')
    query('rds', 'us-east-1', 'DescribeDBInstances').reply(
      403,
      `<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::111122223333:assumed-role/CloudArchitect/alice@example.com is not authorized to perform: rds:DescribeDBInstances</Message></Error><RequestId>7bd5e4a3-1c2f-4e7e-9a0a-EXAMPLE</RequestId></ErrorResponse>`,
      XML,
    )
    query('rds', 'us-east-1', 'DescribeDBClusters', {Marker: undefined}).reply(
      200,
      recorded('rds-describe-db-clusters-us-east-1-page1.xml'),
      XML,
    )
    query('rds', 'us-east-1', 'DescribeDBClusters', {Marker: 'exitready-fixture-marker-1'}).reply(
      200,
      recorded('rds-describe-db-clusters-us-east-1-page2.xml'),
      XML,
    )
    nock('https://route53.amazonaws.com')
      .get('/2013-04-01/hostedzone')
      .query({maxitems: '100'})
      .reply(200, recorded('route53-list-hosted-zones-page2.xml'), XML)
    const {ctx, clock} = context({regions: ['us-east-1']})

    const result = await collector.collect(ctx)
    const oracle = byId(result).get('arn:aws:rds:us-east-1:111122223333:db:mydbinstance')!
    expect(oracle).toMatchObject({type: 'AWS::RDS::DBInstance', attributes: {attributesUnread: ['engine']}})
    expect(oracle.attributes).not.toHaveProperty('engine')
    expect(clock.sleeps).toEqual([]) // a permission error is not retried
    const status = scope(result, '111122223333/us-east-1')
    expect(status).toMatchObject({status: 'complete', count: 9})
    expect(status.warnings).toEqual([
      'engine of 1 AWS::RDS::DBInstance could not be read (AccessDenied on rds:DescribeDBInstances); it is assessed as the harder case.',
      // This page names only the second zone: the listed one is not in it.
      'privateZone of 1 AWS::Route53::HostedZone could not be read (route53:ListHostedZones did not return it); it is assessed as the harder case.',
    ])
  })

  it('retries a throttled describe call with backoff, then keeps the pages read before it gave up', async () => {
    callerIdentity()
    getResources('us-east-1', 'get-resources-attributes-us-east-1.json')
    query('rds', 'us-east-1', 'DescribeDBInstances').reply(200, recorded('rds-describe-db-instances-us-east-1.xml'), XML)
    query('rds', 'us-east-1', 'DescribeDBClusters', {Marker: undefined}).reply(
      200,
      recorded('rds-describe-db-clusters-us-east-1-page1.xml'),
      XML,
    )
    const throttled = `<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>0f6c2a7e-3b1d-4c55-8a2e-EXAMPLE</RequestId></ErrorResponse>`
    query('rds', 'us-east-1', 'DescribeDBClusters', {Marker: 'exitready-fixture-marker-1'}).times(6).reply(400, throttled, XML)
    nock('https://route53.amazonaws.com')
      .get('/2013-04-01/hostedzone')
      .query({maxitems: '100'})
      .reply(200, recorded('route53-list-hosted-zones.xml'), XML)
    nock('https://route53.amazonaws.com')
      .get('/2013-04-01/hostedzone')
      .query({maxitems: '100', marker: 'Z222222VVVVVVV'})
      .reply(200, recorded('route53-list-hosted-zones-page2.xml'), XML)
    const {ctx, clock} = context({regions: ['us-east-1']}, {random: () => 0.5})

    const result = await collector.collect(ctx)
    // Six attempts: five waits of 3/4 of min(20 s, 500 ms · 2^(n-1)) with the jitter fixed at 0.5.
    expect(clock.sleeps).toEqual([375, 750, 1500, 3000, 6000])
    const r = byId(result)
    expect(r.get('arn:aws:rds:us-east-1:111122223333:cluster:testvalidation-cluster-3')?.attributes).toEqual({
      engine: 'aurora-postgresql',
    })
    expect(r.get('arn:aws:rds:us-east-1:111122223333:cluster:sample-cluster2')?.attributes).toEqual({
      attributesUnread: ['engine'],
    })
    expect(scope(result, '111122223333/us-east-1').warnings).toEqual([
      'engine of 1 AWS::RDS::DBCluster could not be read (rds:DescribeDBClusters stopped before the last page (Throttling)); it is assessed as the harder case.',
    ])
  })

  it('calls no describe API where the listing found none of its resources', async () => {
    callerIdentity()
    nock('https://tagging.eu-north-1.amazonaws.com')
      .post('/')
      .reply(
        200,
        {
          ResourceTagMappingList: [
            {ResourceARN: 'arn:aws:s3:::acme-archive', Tags: [{Key: 'team', Value: 'data'}]},
            {ResourceARN: 'arn:aws:dynamodb:eu-north-1:111122223333:table/orders', Tags: []},
          ],
        },
        AMZ_JSON,
      )
    const {ctx} = context({regions: ['eu-north-1']})
    const result = await collector.collect(ctx)
    // Any RDS, EC2 or Lambda request here would fail the test (no interceptor, unmatched request).
    expect(result.sources).toEqual([{provider: 'aws', scope: '111122223333/eu-north-1', status: 'complete', count: 2}])
  })
})
