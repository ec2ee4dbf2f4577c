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

const PAGE1 = json('get-resources-eu-west-1-page1.json')
const PAGE1_TOKEN = PAGE1.PaginationToken as string
const byScope = (result: CollectorResult) => Object.fromEntries(result.sources.map((s) => [s.scope, s]))

describe('AWS collector: tagging API', () => {
  it('lists every page of every region and maps ARNs to CloudFormation types', async () => {
    callerIdentity()
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(200, json('get-resources-eu-west-1-page2.json'), AMZ_JSON)
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    const {ctx, warnings} = context({regions: ['eu-west-1', 'eu-central-1']})

    const result = await collector.collect(ctx)

    expect(result.resources).toHaveLength(25 + 31 + 6)
    expect(byScope(result)).toMatchObject({
      '111122223333/eu-west-1': {status: 'complete', count: 56},
      '111122223333/eu-central-1': {status: 'complete', count: 6},
    })
    const find = (suffix: string) => result.resources.find((r) => r.id.endsWith(suffix))!
    expect(find(':db:orders-db')).toMatchObject({type: 'AWS::RDS::DBInstance', account: '111122223333', region: 'eu-west-1'})
    expect(find(':::acme-prod-invoices')).toMatchObject({
      type: 'AWS::S3::Bucket',
      region: 'eu-west-1',
      account: '111122223333',
      tags: {Environment: 'production', DataClassification: 'confidential'},
    })
    expect(find('orders-queue')).toMatchObject({type: 'AWS::SQS::Queue', name: 'orders-queue'})
    expect(result.resources.find((r) => r.id.includes('loadbalancer/app/prod-web'))).toMatchObject({
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      name: 'prod-web',
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
    const {ctx, clock} = context({regions: ['eu-west-1']})

    const result = await collector.collect(ctx)

    expect(result.sources).toEqual([{provider: 'aws', scope: '111122223333/eu-west-1', status: 'complete', count: 56}])
    expect(clock.sleeps).toHaveLength(2)
    expect(clock.sleeps[1]!).toBeGreaterThan(clock.sleeps[0]! / 2)
  })

  it('recovers from a 5xx', async () => {
    callerIdentity()
    getResources('eu-central-1').reply(503, 'Service Unavailable', {'content-type': 'text/plain'})
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
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
    const {ctx, clock} = context({regions: ['eu-central-1', 'us-east-1']})
    const result = await collector.collect(ctx)
    const scopes = byScope(result)
    expect(scopes['111122223333/eu-central-1']).toMatchObject({status: 'complete', count: 6})
    expect(scopes['111122223333/us-east-1']).toMatchObject({status: 'failed', count: 0})
    expect(scopes['111122223333/us-east-1']!.error).toMatch(
      /^GetResources in us-east-1 .*AccessDeniedException.*tag:GetResources/,
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
    const {ctx} = context({regions: ['eu-west-1']})
    const result = await collector.collect(ctx)
    const scope = byScope(result)['111122223333/eu-west-1']!
    expect(scope).toMatchObject({status: 'complete', count: 56})
    expect(scope.warnings?.[0]).toMatch(/expired; the region was listed again/)
    expect(new Set(result.resources.map((r) => r.id)).size).toBe(56)
    expect(result.resources).toHaveLength(56)
  })

  it('reports a malformed page clearly, keeps what was read before it and the other regions', async () => {
    callerIdentity()
    getResources('eu-west-1').reply(200, PAGE1, AMZ_JSON)
    getResources('eu-west-1', PAGE1_TOKEN).reply(200, '{"ResourceTagMappingList": [{"ResourceARN": ', AMZ_JSON)
    getResources('eu-central-1').reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
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
    const {ctx} = context({regions: ['eu-central-1'], org: true})
    const result = await collector.collect(ctx)
    expect(byScope(result).organization).toMatchObject({status: 'failed'})
    expect(byScope(result).organization!.error).toMatch(/organizations:ListAccounts.*not a member of an organization/)
    expect(byScope(result)['111122223333/eu-central-1']).toMatchObject({status: 'complete', count: 6})
  })
})

describe('AWS collector: Resource Explorer', () => {
  const explorer = (region: string) => nock(`https://resource-explorer-2.${region}.amazonaws.com`)

  it('lists untagged resources through the aggregator index, with no untagged-resources warning', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, json('list-indexes.json'))
    explorer('eu-west-1')
      .post('/ListResources', (body: {MaxResults?: number; NextToken?: string}) => body.MaxResults === 1000 && !body.NextToken)
      .reply(200, json('list-resources-page1.json'))
    explorer('eu-west-1')
      .post('/ListResources', (body: {NextToken?: string}) => body.NextToken === json('list-resources-page1.json').NextToken)
      .reply(200, json('list-resources-page2.json'))
    const {ctx, warnings} = context({source: 'resource-explorer'})

    const result = await collector.collect(ctx)

    expect(result.sources).toEqual([{provider: 'aws', scope: '111122223333/all-regions', status: 'complete', count: 6}])
    const types = Object.fromEntries(result.resources.map((r) => [r.id.split(':').slice(2, 3)[0] + r.id.slice(-6), r.type]))
    expect(Object.values(types).sort()).toEqual([
      'AWS::EC2::Instance',
      'AWS::EC2::NetworkInterface',
      'AWS::IAM::Role',
      'AWS::Lambda::Function',
      'AWS::S3::Bucket',
      'ec2:snapshot',
    ])
    expect(result.resources.find((r) => r.type === 'AWS::S3::Bucket')).toMatchObject({region: 'eu-central-1', tags: {}})
    expect(result.resources.find((r) => r.type === 'AWS::EC2::Instance')?.tags).toEqual({
      Name: 'web-1',
      Environment: 'production',
    })
    expect(warnings.some((w) => /never returns resources/.test(w))).toBe(false)
  })

  it('says how to turn Resource Explorer on when the account has no index', async () => {
    callerIdentity()
    explorer('eu-west-1').post('/ListIndexes').reply(200, {Indexes: []})
    const {ctx} = context({source: 'resource-explorer'})
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({scope: '111122223333', status: 'failed'})
    expect(result.sources[0]!.error).toMatch(/not turned on.*create-resource-explorer-setup.*--aws-source tagging/)
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
    const {ctx} = context({source: 'resource-explorer', regions: ['eu-west-1']})
    const result = await collector.collect(ctx)
    expect(result.sources[0]).toMatchObject({scope: '111122223333/eu-west-1', status: 'failed'})
    expect(result.sources[0]!.error).toMatch(/no default view.*associate-default-view/)
  })
})

describe('AWS collector: endpoints and detection', () => {
  it('sends every call to --endpoint aws=http://127.0.0.1:<port>', async () => {
    const local = 'http://127.0.0.1:4566'
    callerIdentity(local)
    getResources('eu-west-1', undefined, local).reply(200, json('get-resources-production-eu-west-1.json'), AMZ_JSON)
    const {ctx} = context({regions: ['eu-west-1']}, {endpoints: {aws: local}})
    const result = await collector.collect(ctx)
    expect(result.resources).toHaveLength(3)
  })

  it('honours AWS_ENDPOINT_URL from the environment', async () => {
    const local = 'http://127.0.0.1:4567'
    callerIdentity(local)
    getResources('eu-central-1', undefined, local).reply(200, json('get-resources-eu-central-1.json'), AMZ_JSON)
    const {ctx} = context({regions: ['eu-central-1']}, {env: {AWS_ENDPOINT_URL: local}})
    expect((await collector.collect(ctx)).resources).toHaveLength(6)
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
