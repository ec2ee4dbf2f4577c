import {mkdtemp, readFileSync, writeFile} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {collector} from '../../src/collectors/aws/index.js'
import type {CollectContext, CollectorResult} from '../../src/collectors/types.js'
import {ExitreadyError} from '../../src/errors.js'
import type {SourceStatus} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/aws')
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')
const json = (name: string) => JSON.parse(fixture(name)) as Record<string, unknown>

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'
const CREDENTIALS = {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET}
const TAGGING_TARGET = 'ResourceGroupsTaggingAPI_20170126.GetResources'
const XML = {'content-type': 'text/xml'}
const AMZ_JSON = {'content-type': 'application/x-amz-json-1.1'}

function context(aws: Record<string, unknown> = {}, extra: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const warnings: string[] = []
  const finished: SourceStatus[] = []
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {},
    clock,
    progress: {
      scopeStarted() {},
      scopeProgress() {},
      scopeFinished: (_provider, status) => finished.push(status),
      warn: (_provider, message) => warnings.push(message),
    },
    options: {aws: {credentials: CREDENTIALS, homeRegion: 'eu-west-1', ...aws}},
    ...extra,
  }
  return {ctx, clock, warnings, finished}
}

function callerIdentity(base = 'https://sts.eu-west-1.amazonaws.com') {
  return nock(base)
    .post('/', /Action=GetCallerIdentity/)
    .reply(200, fixture('get-caller-identity.xml'), XML)
}

/** GetResources in one region; `token` is the PaginationToken the request must carry (none for the first page). */
function getResources(region: string, token?: string, base = `https://tagging.${region}.amazonaws.com`) {
  return nock(base)
    .matchHeader('x-amz-target', TAGGING_TARGET)
    .post('/', (body: {ResourcesPerPage?: number; PaginationToken?: string}) => {
      return body.ResourcesPerPage === 100 && body.PaginationToken === token
    })
}

/** The describe calls a region's listing triggers, answered with real empty-list shapes: each listed resource is then "not returned". */
type Describable = 'rds:db' | 'rds:cluster' | 'ec2:instance' | 'lambda' | 'elasticache:replicationgroup' | 'es' | 'mq' | 'route53'
function noneDescribed(region: string, kinds: Describable[], base?: string) {
  const host = (service: string) => base ?? `https://${service}.${region}.amazonaws.com`
  const form = (action: string) => (body: Record<string, string>) => body.Action === action
  for (const kind of kinds) {
    if (kind === 'rds:db')
      nock(host('rds'))
        .post('/', form('DescribeDBInstances'))
        .reply(
          200,
          '<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances/></DescribeDBInstancesResult></DescribeDBInstancesResponse>',
          XML,
        )
    if (kind === 'rds:cluster')
      nock(host('rds'))
        .post('/', form('DescribeDBClusters'))
        .reply(
          200,
          '<DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters/></DescribeDBClustersResult></DescribeDBClustersResponse>',
          XML,
        )
    if (kind === 'ec2:instance')
      nock(host('ec2'))
        .post('/', form('DescribeInstances'))
        .reply(
          200,
          '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet/></DescribeInstancesResponse>',
          XML,
        )
    if (kind === 'elasticache:replicationgroup')
      nock(host('elasticache'))
        .post('/', form('DescribeReplicationGroups'))
        .reply(
          200,
          '<DescribeReplicationGroupsResponse><DescribeReplicationGroupsResult><ReplicationGroups/></DescribeReplicationGroupsResult></DescribeReplicationGroupsResponse>',
          XML,
        )
    if (kind === 'lambda') nock(host('lambda')).get('/2015-03-31/functions').query(true).reply(200, {Functions: []})
    if (kind === 'es') nock(host('es')).get('/2021-01-01/domain').reply(200, {DomainNames: []})
    if (kind === 'mq') nock(host('mq')).get('/v1/brokers').query(true).reply(200, {brokerSummaries: []})
    if (kind === 'route53')
      nock(base ?? 'https://route53.amazonaws.com')
        .get('/2013-04-01/hostedzone')
        .query(true)
        .reply(
          200,
          '<ListHostedZonesResponse><HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>',
          XML,
        )
  }
}
const EU_WEST_1: Describable[] = ['rds:db', 'rds:cluster', 'ec2:instance', 'lambda', 'elasticache:replicationgroup', 'es', 'mq']
const EU_CENTRAL_1: Describable[] = ['rds:db', 'ec2:instance', 'lambda']

const PAGE1 = json('get-resources-eu-west-1-page1.json')
const PAGE1_TOKEN = PAGE1.PaginationToken as string
const byScope = (result: CollectorResult) => Object.fromEntries(result.sources.map((s) => [s.scope, s]))

describe('AWS collector: tagging API', () => {
  it('lists every page of every region and maps ARNs to CloudFormation types', async () => {
    callerIdentity()
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(200, json('get-resources-eu-west-1-page2.json'), AMZ_JSON)
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    noneDescribed('eu-west-1', EU_WEST_1)
    noneDescribed('eu-central-1', EU_CENTRAL_1)
    const {ctx, warnings} = context({regions: ['eu-west-1', 'eu-central-1']})

    const result = await collector.collect(ctx)

    expect(result.resources).toHaveLength(25 + 31 + 6)
    expect(byScope(result)).toMatchObject({
      '111122223333/eu-west-1': {status: 'complete', count: 56},
      '111122223333/eu-central-1': {status: 'complete', count: 6},
    })
    const find = (suffix: string) => result.resources.find((r) => r.id.endsWith(suffix))!
    // Not in the (empty) DescribeDBInstances answer: the engine is unread, so the harder case, never a guess.
    expect(find(':db:orders-db')).toMatchObject({
      type: 'AWS::RDS::DBInstance',
      account: '111122223333',
      region: 'eu-west-1',
      attributes: {attributesUnread: ['engine']},
    })
    expect(byScope(result)['111122223333/eu-west-1']!.warnings).toContain(
      'engine of 1 AWS::RDS::DBInstance could not be read (rds:DescribeDBInstances did not return it); it is assessed as the harder case.',
    )
    expect(find(':::acme-prod-invoices')).toMatchObject({
      type: 'AWS::S3::Bucket',
      region: 'eu-west-1',
      account: '111122223333',
      tags: {Environment: 'production', DataClassification: 'confidential'},
    })
    expect(find('orders-queue')).toMatchObject({type: 'AWS::SQS::Queue', name: 'orders-queue', attributes: {fifoQueue: 'false'}})
    expect(result.resources.find((r) => r.id.includes('loadbalancer/app/prod-web'))).toMatchObject({
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      name: 'prod-web',
      attributes: {type: 'application'},
    })
    expect(result.resources.find((r) => r.tags?.Name === 'web-1')).toMatchObject({type: 'AWS::EC2::Instance', name: 'web-1'})
    // Unknown ARN layouts keep their service:resource type and are reported once.
    expect(find(':channel:1234567')).toMatchObject({type: 'medialive:channel', attributes: {arnType: 'medialive:channel'}})
    expect(warnings.filter((w) => /never had a tag|never returns resources/.test(w))).toHaveLength(1)
    expect(warnings.some((w) => /ec2:snapshot ×1/.test(w) && /unmapped/.test(w))).toBe(true)
    // The same DynamoDB table name in two regions is two resources (different ARNs).
    expect(result.resources.filter((r) => r.id.endsWith(':table/sessions'))).toHaveLength(2)
  })

  it('retries a ThrottledException (HTTP 400) from the same page token, with backoff on the injected clock', async () => {
    callerIdentity()
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(400, {__type: 'ThrottledException', Message: 'Rate exceeded'}, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(400, {__type: 'ThrottledException', Message: 'Rate exceeded'}, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(200, json('get-resources-eu-west-1-page2.json'), AMZ_JSON)
    noneDescribed('eu-west-1', EU_WEST_1)
    const {ctx, clock} = context({regions: ['eu-west-1']}, {random: () => 0.5})

    const result = await collector.collect(ctx)

    expect(result.sources).toMatchObject([{provider: 'aws', scope: '111122223333/eu-west-1', status: 'complete', count: 56}])
    // 3/4 of 500 ms, then of 1 s: exponential backoff with the jitter fixed at 0.5.
    expect(clock.sleeps).toEqual([375, 750])
  })

  it('recovers from a 5xx', async () => {
    callerIdentity()
    getResources('eu-central-1').reply(503, 'Service Unavailable', {'content-type': 'text/plain'})
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    noneDescribed('eu-central-1', EU_CENTRAL_1)
    const {ctx, clock} = context({regions: ['eu-central-1']})
    const result = await collector.collect(ctx)
    expect(byScope(result)['111122223333/eu-central-1']).toMatchObject({status: 'complete', count: 6})
    expect(clock.sleeps).toHaveLength(1)
  })

  it('records a region that denies permission as failed and keeps the others', async () => {
    callerIdentity()
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    getResources('us-east-1').reply(
      400,
      {
        __type: 'AccessDeniedException',
        Message:
          'User: arn:aws:sts::111122223333:assumed-role/CloudArchitect/alice@example.com is not authorized to perform: tag:GetResources',
      },
      AMZ_JSON,
    )
    noneDescribed('eu-central-1', EU_CENTRAL_1)
    const {ctx, clock} = context({regions: ['eu-central-1', 'us-east-1']})
    const result = await collector.collect(ctx)
    const scopes = byScope(result)
    expect(scopes['111122223333/eu-central-1']).toMatchObject({status: 'complete', count: 6})
    expect(scopes['111122223333/us-east-1']).toMatchObject({status: 'failed', count: 0})
    expect(scopes['111122223333/us-east-1']!.error).toMatch(
      /^tag:GetResources: GetResources in us-east-1 .*AccessDeniedException.*tag:GetResources/,
    )
    expect(result.resources).toHaveLength(6)
    expect(clock.sleeps).toEqual([]) // a permission error is not retried
  })

  it('restarts a region cleanly when its pagination token expired, without duplicates', async () => {
    callerIdentity()
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(
      400,
      {__type: 'PaginationTokenExpiredException', Message: 'The pagination token has expired.'},
      AMZ_JSON,
    )
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(200, json('get-resources-eu-west-1-page2.json'), AMZ_JSON)
    noneDescribed('eu-west-1', EU_WEST_1)
    const {ctx, warnings} = context({regions: ['eu-west-1']})
    const result = await collector.collect(ctx)
    const scope = byScope(result)['111122223333/eu-west-1']!
    expect(scope).toMatchObject({status: 'complete', count: 56})
    expect(scope.warnings?.[0]).toMatch(/expired; the region was listed again/)
    expect(new Set(result.resources.map((r) => r.id)).size).toBe(56)
    expect(result.resources).toHaveLength(56)
    // The abandoned first attempt is not counted in the unmapped summary (one medialive channel, not two).
    expect(warnings.find((w) => /unmapped/.test(w))).toMatch(/medialive:channel ×1/)
  })

  it('reports a malformed page clearly, keeps what was read before it and the other regions', async () => {
    callerIdentity()
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(200, '{"ResourceTagMappingList": [{"ResourceARN": ', AMZ_JSON)
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    // The 25 resources read before the malformed page still get their describe calls.
    noneDescribed('eu-west-1', ['rds:db', 'rds:cluster', 'ec2:instance', 'lambda'])
    noneDescribed('eu-central-1', EU_CENTRAL_1)
    const {ctx} = context({regions: ['eu-west-1', 'eu-central-1']})
    const result = await collector.collect(ctx)
    const scopes = byScope(result)
    expect(scopes['111122223333/eu-west-1']).toMatchObject({status: 'partial', count: 25})
    expect(scopes['111122223333/eu-west-1']!.error).toMatch(/not valid JSON/)
    expect(scopes['111122223333/eu-central-1']).toMatchObject({status: 'complete', count: 6})
    expect(result.resources).toHaveLength(31)
  })

  it('throws exit code 4 when the credentials are rejected, without the secret in the message', async () => {
    nock('https://sts.eu-west-1.amazonaws.com')
      .post('/', /GetCallerIdentity/)
      .reply(403, fixture('invalid-token.xml'), XML)
    const {ctx} = context({regions: ['eu-west-1']})
    const error = await collector.collect(ctx).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExitreadyError)
    expect((error as ExitreadyError).exitCode).toBe(4)
    expect((error as Error).message).toMatch(/InvalidClientTokenId.*security token included in the request is invalid/)
    expect((error as Error).message).not.toContain(SECRET)
  })

  it('reads the enabled regions from EC2 DescribeRegions when none are given', async () => {
    callerIdentity()
    nock('https://ec2.eu-west-1.amazonaws.com')
      .post('/', /Action=DescribeRegions/)
      .reply(200, fixture('describe-regions.xml'), XML)
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(200, json('get-resources-eu-west-1-page2.json'), AMZ_JSON)
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    getResources('us-east-1').reply(200, json('get-resources-us-east-1.json'), AMZ_JSON)
    noneDescribed('eu-west-1', EU_WEST_1)
    noneDescribed('eu-central-1', EU_CENTRAL_1)
    noneDescribed('us-east-1', ['route53'])
    const {ctx} = context()
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => s.scope).sort()).toEqual([
      '111122223333/eu-central-1',
      '111122223333/eu-west-1',
      '111122223333/us-east-1',
    ])
    const global = result.resources.filter((r) => r.region === 'global').map((r) => r.type)
    expect(global.sort()).toEqual(['AWS::CloudFront::Distribution', 'AWS::Route53::HostedZone'])
  })
})

describe('AWS collector: one scan session', () => {
  it('runs every SDK call of the scan, across regions and services, within one concurrency bound', async () => {
    let inFlight = 0
    let maxInFlight = 0
    const slow = (body: string | object, headers: Record<string, string>) => async () => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 15))
      inFlight--
      return [200, typeof body === 'string' ? body : JSON.stringify(body), headers] as [number, string, Record<string, string>]
    }
    callerIdentity()
    for (const region of ['eu-central-1', 'eu-north-1', 'eu-south-1'])
      nock(`https://tagging.${region}.amazonaws.com`)
        .post('/')
        .reply(
          slow(
            {
              ResourceTagMappingList: [
                {ResourceARN: `arn:aws:ec2:${region}:111122223333:instance/i-0a4c123b1612dd272`, Tags: []},
                {ResourceARN: `arn:aws:lambda:${region}:111122223333:function:fn`, Tags: []},
              ],
            },
            AMZ_JSON,
          ),
        )
    for (const region of ['eu-central-1', 'eu-north-1', 'eu-south-1']) {
      nock(`https://ec2.${region}.amazonaws.com`)
        .post('/', /Action=DescribeInstances/)
        .reply(slow('<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>', XML))
      nock(`https://lambda.${region}.amazonaws.com`)
        .get('/2015-03-31/functions')
        .query(true)
        .reply(slow({Functions: []}, {'content-type': 'application/json'}))
    }
    const {ctx} = context({regions: ['eu-central-1', 'eu-north-1', 'eu-south-1']}, {concurrency: 2})
    const result = await collector.collect(ctx)
    expect(result.sources.map((s) => s.status)).toEqual(['complete', 'complete', 'complete'])
    // Nine slow calls over three regions and three services: never more than two at once, and the bound is used.
    expect(maxInFlight).toBe(2)
  })

  it('throws exit code 4 through the session when every scope failed', async () => {
    callerIdentity()
    const denied = {__type: 'AccessDeniedException', Message: 'User is not authorized to perform: tag:GetResources'}
    getResources('eu-central-1').reply(400, denied, AMZ_JSON)
    getResources('us-east-1').reply(400, denied, AMZ_JSON)
    const {ctx, finished} = context({regions: ['eu-central-1', 'us-east-1']})
    const error = await collector.collect(ctx).catch((e: unknown) => e)
    expect((error as ExitreadyError).exitCode).toBe(4)
    expect((error as Error).message).toMatch(
      /^Amazon Web Services: nothing could be read \(tag:GetResources: GetResources in eu-central-1/,
    )
    expect(finished.map((s) => s.status)).toEqual(['failed', 'failed'])
  })
})

describe('AWS collector: organisations', () => {
  it('assumes the role in each member account and records the account that cannot be assumed', async () => {
    callerIdentity()
    nock('https://organizations.us-east-1.amazonaws.com')
      .matchHeader('x-amz-target', 'AWSOrganizationsV20161128.ListAccounts')
      .post('/')
      .reply(200, json('list-accounts.json'), AMZ_JSON)
    const sts = nock('https://sts.eu-west-1.amazonaws.com')
    sts
      .post('/', /Action=AssumeRole&.*444455556666%3Arole%2FOrganizationAccountAccessRole/)
      .reply(200, fixture('assume-role.xml'), XML)
    sts.post('/', /Action=AssumeRole&.*777788889999/).reply(403, fixture('assume-role-denied.xml'), XML)
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(200, json('get-resources-eu-west-1-page2.json'), AMZ_JSON)
    const member = getResources('eu-west-1').matchHeader('authorization', /Credential=ASIAIOSFODNN7EXAMPLE\//)
    member.reply(200, json('get-resources-production-eu-west-1.json'), AMZ_JSON)
    noneDescribed('eu-west-1', EU_WEST_1)
    // The member account's describe calls are signed with its assumed-role credentials.
    const memberDescribe = (service: string, action: string, empty: string) =>
      nock(`https://${service}.eu-west-1.amazonaws.com`)
        .matchHeader('authorization', /Credential=ASIAIOSFODNN7EXAMPLE\//)
        .post('/', (body: Record<string, string>) => body.Action === action)
        .reply(200, empty, XML)
    memberDescribe(
      'rds',
      'DescribeDBInstances',
      '<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances/></DescribeDBInstancesResult></DescribeDBInstancesResponse>',
    )
    memberDescribe('ec2', 'DescribeInstances', '<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>')
    const {ctx} = context({regions: ['eu-west-1'], org: true})

    const result = await collector.collect(ctx)

    const scopes = byScope(result)
    expect(scopes['111122223333/eu-west-1']).toMatchObject({status: 'complete', count: 56})
    expect(scopes['444455556666/eu-west-1']).toMatchObject({status: 'complete', count: 3})
    expect(scopes['777788889999']).toMatchObject({status: 'failed', count: 0})
    expect(scopes['777788889999']!.error).toMatch(
      /^Assuming role OrganizationAccountAccessRole in account 777788889999 failed \(AccessDenied/,
    )
    expect(scopes['222233334444']).toBeUndefined() // suspended
    expect(result.resources.find((r) => r.id === 'arn:aws:s3:::acme-payments-archive')?.account).toBe('444455556666')
  })

  it('scans the accounts of the pages read when the organisation listing stops, and records it as partial', async () => {
    callerIdentity()
    const organizations = nock('https://organizations.us-east-1.amazonaws.com').matchHeader(
      'x-amz-target',
      'AWSOrganizationsV20161128.ListAccounts',
    )
    const accounts = json('list-accounts.json').Accounts as unknown[]
    organizations
      .post('/', (body: {NextToken?: string}) => !body.NextToken)
      .reply(200, {Accounts: accounts.slice(0, 1), NextToken: 'page-2'}, AMZ_JSON)
    organizations
      .post('/', (body: {NextToken?: string}) => body.NextToken === 'page-2')
      .times(6)
      .reply(400, {__type: 'TooManyRequestsException', Message: 'AWS Organizations can not complete your request'}, AMZ_JSON)
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    noneDescribed('eu-central-1', EU_CENTRAL_1)
    const {ctx, clock} = context({regions: ['eu-central-1'], org: true}, {random: () => 0.5})
    const result = await collector.collect(ctx)
    expect(clock.sleeps).toEqual([375, 750, 1500, 3000, 6000])
    expect(byScope(result).organization).toMatchObject({status: 'partial', count: 0})
    expect(byScope(result).organization!.error).toMatch(/stopped after 1 page\(s\) and 1 item\(s\).*TooManyRequestsException/)
    expect(byScope(result)['111122223333/eu-central-1']).toMatchObject({status: 'complete', count: 6})
  })

  it('records a failed organisation listing and still scans the caller account', async () => {
    callerIdentity()
    nock('https://organizations.us-east-1.amazonaws.com')
      .post('/')
      .reply(
        400,
        {__type: 'AWSOrganizationsNotInUseException', Message: 'Your account is not a member of an organization.'},
        AMZ_JSON,
      )
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    noneDescribed('eu-central-1', EU_CENTRAL_1)
    const {ctx} = context({regions: ['eu-central-1'], org: true})
    const result = await collector.collect(ctx)
    expect(byScope(result).organization).toMatchObject({status: 'failed'})
    expect(byScope(result).organization!.error).toMatch(/organizations:ListAccounts.*not a member of an organization/)
    expect(byScope(result)['111122223333/eu-central-1']).toMatchObject({status: 'complete', count: 6})
  })
})

describe('AWS collector: Resource Explorer', () => {
  const explorer = (region: string) => nock(`https://resource-explorer-2.${region}.amazonaws.com`)
  const recorded = (name: string) => JSON.parse(fixture(`recorded/${name}`)) as Record<string, unknown>
  const PAGE1_RE = recorded('resource-explorer-list-resources-page1.json')
  /** ListResources must page below 1,000: at MaxResults 1000 the API generates no NextToken and the list silently ends. */
  const listResources = (region: string, token?: string) =>
    explorer(region).post(
      '/ListResources',
      (body: {MaxResults?: number; NextToken?: string}) => body.MaxResults === 500 && body.NextToken === token,
    )
  const INDEXED = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2']
  const VIEW_ARN = PAGE1_RE.ViewArn as string
  /** GetView of the listing's default view; unfiltered with tags unless a recorded view is given. */
  const getView = (region: string, view?: Record<string, unknown>) =>
    explorer(region)
      .post('/GetView', {ViewArn: VIEW_ARN})
      .reply(
        200,
        view ?? {
          View: {
            ViewArn: VIEW_ARN,
            IncludedProperties: [{Name: 'tags'}],
            Owner: '111122223333',
            Scope: 'arn:aws:iam::111122223333:root',
          },
        },
      )

  it('follows NextToken through the aggregator index, with no untagged-resources warning', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, recorded('resource-explorer-list-indexes.json'))
    listResources('us-west-2').reply(200, PAGE1_RE)
    listResources('us-west-2', PAGE1_RE.NextToken as string).reply(200, recorded('resource-explorer-list-resources-page2.json'))
    getView('us-west-2')
    const {ctx, warnings} = context({source: 'resource-explorer', regions: INDEXED})

    const result = await collector.collect(ctx)

    expect(result.sources).toEqual([{provider: 'aws', scope: '111122223333/all-regions', status: 'complete', count: 5}])
    expect(result.resources.map((r) => [r.type, r.region]).sort()).toEqual([
      ['AWS::EC2::DHCPOptions', 'us-east-1'],
      ['AWS::EC2::NetworkAcl', 'us-east-1'],
      ['AWS::EC2::Subnet', 'us-east-1'],
      ['AWS::IAM::ManagedPolicy', 'global'],
      ['AWS::IAM::ManagedPolicy', 'global'],
    ])
    expect(result.resources.find((r) => r.type === 'AWS::EC2::Subnet')?.tags).toEqual({
      Department: 'AppDevelopment',
      Environment: 'Production',
    })
    expect(warnings.some((w) => /never returns resources/.test(w))).toBe(false)
  })

  it('says when the default view filters resources out (recorded GetView of a filtered view)', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, recorded('resource-explorer-list-indexes.json'))
    listResources('us-west-2').reply(200, PAGE1_RE)
    listResources('us-west-2', PAGE1_RE.NextToken as string).reply(200, recorded('resource-explorer-list-resources-page2.json'))
    getView('us-west-2', recorded('resource-explorer-get-view-filtered.json'))
    const {ctx} = context({source: 'resource-explorer', regions: INDEXED})
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.warnings).toEqual([
      'The default view of us-west-2 lists only resources matching "service:ec2", so resources outside it are missing from this inventory; associate an unfiltered default view, or scan with --aws-source tagging.',
    ])
  })

  it('says when the default view returns resources without their tags', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, recorded('resource-explorer-list-indexes.json'))
    listResources('us-west-2').reply(200, {...PAGE1_RE, NextToken: undefined})
    getView('us-west-2', {View: {ViewArn: VIEW_ARN, IncludedProperties: []}})
    const {ctx} = context({source: 'resource-explorer', regions: INDEXED})
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.warnings).toEqual([
      'The default view of us-west-2 does not include the tags property, so its resources were listed without their tags.',
    ])
  })

  it('says when the default view could not be read', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, recorded('resource-explorer-list-indexes.json'))
    listResources('us-west-2').reply(200, {...PAGE1_RE, NextToken: undefined})
    explorer('us-west-2')
      .post('/GetView')
      .reply(
        403,
        {message: 'User is not authorized to perform: resource-explorer-2:GetView'},
        {'x-amzn-errortype': 'AccessDeniedException'},
      )
    const {ctx} = context({source: 'resource-explorer', regions: INDEXED})
    const result = await collector.collect(ctx)
    expect(result.sources[0]!.warnings?.[0]).toMatch(
      /^Reading the default view of us-west-2 in account 111122223333 \(resource-explorer-2:GetView\) failed \(AccessDeniedException.*; if the default view has a filter, resources outside it are missing\.$/,
    )
  })

  it('keeps the pages read when a later page fails, and marks the scope partial', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, recorded('resource-explorer-list-indexes.json'))
    listResources('us-west-2').reply(200, PAGE1_RE)
    listResources('us-west-2', PAGE1_RE.NextToken as string).reply(
      400,
      {message: 'The request failed because the NextToken is not valid.'},
      {'x-amzn-errortype': 'ValidationException'},
    )
    getView('us-west-2')
    const {ctx} = context({source: 'resource-explorer', regions: INDEXED})
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({scope: '111122223333/all-regions', status: 'partial', count: 2})
    expect(result.sources[0]!.error).toMatch(/stopped after 1 page\(s\) and 2 item\(s\).*ValidationException/)
    expect(result.resources).toHaveLength(2)
  })

  it('records each enabled region that has no index as failed: its resources were not listed', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, recorded('resource-explorer-list-indexes.json'))
    nock('https://ec2.eu-west-1.amazonaws.com')
      .post('/', /Action=DescribeRegions/)
      .reply(200, fixture('describe-regions.xml'), XML)
    listResources('us-west-2').reply(200, PAGE1_RE)
    listResources('us-west-2', PAGE1_RE.NextToken as string).reply(200, recorded('resource-explorer-list-resources-page2.json'))
    getView('us-west-2')
    const {ctx} = context({source: 'resource-explorer'})
    const result = await collector.collect(ctx)
    const scopes = byScope(result)
    expect(scopes['111122223333/eu-central-1']).toMatchObject({status: 'failed', count: 0})
    expect(scopes['111122223333/eu-central-1']!.error).toMatch(/no index in eu-central-1 .*not listed.*create-index/)
    expect(scopes['111122223333/eu-west-1']).toMatchObject({status: 'failed'})
    expect(scopes['111122223333/us-east-1']).toBeUndefined() // indexed: covered by the aggregator
    expect(scopes['111122223333/all-regions']).toMatchObject({status: 'complete', count: 5})
  })

  it('attaches describe attributes per region of an aggregator listing, and types DocumentDB by its engine', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, recorded('resource-explorer-list-indexes.json'))
    // Resource Explorer names the DocumentDB cluster an AWS::RDS::DBCluster: only the engine tells.
    const item = (arn: string, region: string, type: string, cfn: string) => ({
      Arn: arn,
      OwningAccountId: '111122223333',
      Properties: [],
      Region: region,
      ResourceType: type,
      CfnResourceType: cfn,
      Service: 'rds',
    })
    listResources('us-west-2').reply(200, {
      Resources: [
        item('arn:aws:rds:us-east-1:111122223333:db:mydbinstance', 'us-east-1', 'rds:db', 'AWS::RDS::DBInstance'),
        item('arn:aws:rds:us-west-2:111122223333:cluster:sample-cluster', 'us-west-2', 'rds:cluster', 'AWS::RDS::DBCluster'),
      ],
    })
    nock('https://rds.us-east-1.amazonaws.com')
      .post('/', /Action=DescribeDBInstances/)
      .reply(200, fixture('recorded/rds-describe-db-instances-us-east-1.xml'), XML)
    nock('https://rds.us-west-2.amazonaws.com')
      .post('/', /Action=DescribeDBClusters/)
      .reply(200, fixture('recorded/rds-describe-db-clusters-us-west-2.xml'), XML)
    const {ctx} = context({source: 'resource-explorer', regions: INDEXED})
    const result = await collector.collect(ctx)
    const find = (suffix: string) => result.resources.find((r) => r.id.endsWith(suffix))
    expect(find(':db:mydbinstance')).toMatchObject({type: 'AWS::RDS::DBInstance', attributes: {engine: 'oracle-ee'}})
    expect(find(':cluster:sample-cluster')).toMatchObject({type: 'AWS::DocDB::DBCluster', attributes: {engine: 'docdb'}})
    // The Neptune cluster that the describe call returned and the listing lacked is added.
    expect(find(':cluster:graph-prod')).toMatchObject({type: 'AWS::Neptune::DBCluster', source: 'aws:rds'})
  })

  it('describes no resource of another account (organisation-wide view): its attributes stay unread', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, recorded('resource-explorer-list-indexes.json'))
    listResources('us-west-2').reply(200, {
      Resources: [
        {
          Arn: 'arn:aws:rds:us-east-1:444455556666:db:payments-db',
          OwningAccountId: '444455556666',
          Properties: [],
          Region: 'us-east-1',
          ResourceType: 'rds:db',
          Service: 'rds',
        },
      ],
    })
    const {ctx} = context({source: 'resource-explorer', regions: INDEXED})
    // No RDS interceptor: a DescribeDBInstances call with this account's credentials would fail the test.
    const result = await collector.collect(ctx)
    expect(result.resources[0]).toMatchObject({account: '444455556666', attributes: {attributesUnread: ['engine']}})
    expect(result.sources[0]!.warnings).toEqual([
      'engine of 1 AWS::RDS::DBInstance could not be read (it belongs to account 444455556666, whose credentials this scan did not use); it is assessed as the harder case.',
    ])
  })

  it('says how to turn Resource Explorer on when the account has no index (nothing read: exit 4)', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, {Indexes: []})
    const {ctx, finished} = context({source: 'resource-explorer'})
    const error = await collector.collect(ctx).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExitreadyError)
    expect((error as ExitreadyError).exitCode).toBe(4)
    expect(finished[0]).toMatchObject({scope: '111122223333', status: 'failed'})
    expect(finished[0]!.error).toMatch(/not turned on.*create-resource-explorer-setup.*--aws-source tagging/)
  })

  it('explains a missing default view (401 UnauthorizedException)', async () => {
    callerIdentity()
    explorer('eu-west-1')
      .post('/ListIndexes')
      .reply(200, {
        Indexes: [{Region: 'eu-west-1', Type: 'LOCAL', Arn: 'arn:aws:resource-explorer-2:eu-west-1:111122223333:index/x'}],
      })
    explorer('eu-west-1')
      .post('/ListResources')
      .reply(401, {message: 'Unauthorized'}, {'x-amzn-errortype': 'UnauthorizedException'})
    const {ctx, finished} = context({source: 'resource-explorer', regions: ['eu-west-1']})
    const error = await collector.collect(ctx).catch((e: unknown) => e)
    expect((error as ExitreadyError).exitCode).toBe(4)
    expect(finished[0]).toMatchObject({scope: '111122223333/eu-west-1', status: 'failed'})
    expect(finished[0]!.error).toMatch(/no default view.*associate-default-view/)
  })
})

describe('AWS collector: endpoints and detection', () => {
  it('sends every call to --endpoint aws=http://127.0.0.1:<port>', async () => {
    const local = 'http://127.0.0.1:4566'
    callerIdentity(local)
    getResources('eu-central-1', undefined, local).reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    noneDescribed('eu-central-1', EU_CENTRAL_1, local)
    const {ctx} = context({regions: ['eu-central-1']}, {endpoints: {aws: local}})
    const result = await collector.collect(ctx)
    expect(result.resources).toHaveLength(6)
    // Both describe calls reached the local endpoint and answered (nothing failed on a real host).
    expect(result.sources[0]!.warnings?.every((w) => /did not return it/.test(w))).toBe(true)
  })

  it('honours AWS_ENDPOINT_URL from the environment', async () => {
    const local = 'http://127.0.0.1:4567'
    callerIdentity(local)
    getResources('eu-central-1', undefined, local).reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    noneDescribed('eu-central-1', EU_CENTRAL_1, local)
    const {ctx} = context({regions: ['eu-central-1']}, {env: {AWS_ENDPOINT_URL: local}})
    const result = await collector.collect(ctx)
    expect(result.resources).toHaveLength(6)
    expect(result.sources[0]!.warnings?.every((w) => /did not return it/.test(w))).toBe(true)
  })

  it('detects credentials from the environment and files without loading the SDK', async () => {
    const none = {HOME: '/nonexistent-home'}
    expect(await collector.detect({env: none, options: {}})).toMatchObject({available: false})
    expect(
      await collector.detect({env: {...none, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x'}, options: {}}),
    ).toEqual({
      available: true,
      via: 'AWS_ACCESS_KEY_ID',
    })
    expect(await collector.detect({env: {...none, AWS_PROFILE: 'prod'}, options: {}})).toMatchObject({available: true})
    expect(await collector.detect({env: {...none, AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token'}, options: {}})).toMatchObject({
      available: true,
    })
    const dir = await promisify(mkdtemp)(join(tmpdir(), 'exitready-aws-'))
    const credentials = join(dir, 'credentials')
    await promisify(writeFile)(credentials, '[default]\naws_access_key_id = AKIDEXAMPLE\n')
    expect(await collector.detect({env: {...none, AWS_SHARED_CREDENTIALS_FILE: credentials}, options: {}})).toEqual({
      available: true,
      via: credentials,
    })
  })

  it('rejects an invalid region name before any request', async () => {
    const {ctx} = context({regions: ['eu-west']})
    await expect(collector.collect(ctx)).rejects.toThrow(/not an AWS region name/)
  })
})
