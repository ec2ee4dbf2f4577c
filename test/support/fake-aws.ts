import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

/**
 * A local stand-in for the AWS APIs exitready calls (STS, EC2 DescribeRegions, Organizations,
 * the tagging API), for the e2e test and the scan benchmark. It answers through the endpoint
 * override on 127.0.0.1 and tells requests apart by the SigV4 credential scope
 * (`Credential=<key>/<date>/<region>/<service>/aws4_request`), the X-Amz-Target header and the Action.
 */

export interface TaggingPage {
  PaginationToken?: string
  ResourceTagMappingList: {ResourceARN: string; Tags?: {Key: string; Value: string}[]}[]
}

export interface FakeAwsEstate {
  /** The caller's account. */
  account: string
  /** Member accounts reachable by AssumeRole (with --aws-org); the caller's account is added. */
  members?: string[]
  regions: string[]
  /** GetResources pages per `<account>/<region>`; a missing key is an empty region. */
  pages: Record<string, TaggingPage[]>
  /** Fixed latency of every response, in milliseconds. */
  latencyMs?: number
  /** Canned failures: `identity` for GetCallerIdentity, or `<account>/<region>` for GetResources. */
  failures?: Record<string, {status: number; body: string; contentType?: string}>
}

export interface FakeAws {
  url: string
  requests: number
  maxInFlight: number
  close(): Promise<void>
}

const XML = 'text/xml'
const AMZ_JSON = 'application/x-amz-json-1.1'

function identityXml(account: string): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::${account}:assumed-role/CloudArchitect/alice@example.com</Arn><UserId>AROAEXAMPLEID1234567:alice@example.com</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
}

function assumeRoleXml(account: string): string {
  const expiration = new Date(Date.now() + 3600_000).toISOString()
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/OrganizationAccountAccessRole/exitready-scan</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:exitready-scan</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>ASIA${account}</AccessKeyId><SecretAccessKey>fake-secret-${account}</SecretAccessKey><SessionToken>fake-session-${account}</SessionToken><Expiration>${expiration}</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></AssumeRoleResponse>`
}

function regionsXml(regions: string[]): string {
  const items = regions
    .map(
      (r) =>
        `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`,
    )
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?><DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><regionInfo>${items}</regionInfo></DescribeRegionsResponse>`
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Gives every page but the last a token pointing at the next one; recorded tokens are kept. */
function linkPages(pages: TaggingPage[], key: string): {pages: TaggingPage[]; next: Map<string, number>} {
  const next = new Map<string, number>()
  const linked = pages.map((page, i) => {
    if (i === pages.length - 1) return {...page, PaginationToken: ''}
    const token = page.PaginationToken || `${key}#${i + 1}`
    next.set(token, i + 1)
    return {...page, PaginationToken: token}
  })
  return {pages: linked, next}
}

export async function startFakeAws(estate: FakeAwsEstate): Promise<FakeAws> {
  const accounts = [estate.account, ...(estate.members ?? [])]
  const linked = new Map(Object.entries(estate.pages).map(([key, pages]) => [key, linkPages(pages, key)]))
  const state = {requests: 0, inFlight: 0, maxInFlight: 0}

  const answer = (
    body: string,
    headers: IncomingMessage['headers'],
    path = '/',
  ): {status: number; type: string; body: string} => {
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(String(headers.authorization ?? ''))
    const [, accessKey = '', region = '', service = ''] = scope ?? []
    const account = accessKey.startsWith('ASIA') ? accessKey.slice(4) : estate.account
    const target = String(headers['x-amz-target'] ?? '')
    const action = /Action=(\w+)/.exec(body)?.[1]
    if (service === 'sts' && action === 'GetCallerIdentity') {
      const failure = estate.failures?.identity
      if (failure) return {status: failure.status, type: failure.contentType ?? XML, body: failure.body}
      return {status: 200, type: XML, body: identityXml(account)}
    }
    if (service === 'sts' && action === 'AssumeRole') {
      const roleAccount = /RoleArn=arn%3Aaws%3Aiam%3A%3A(\d{12})/.exec(body)?.[1] ?? ''
      return {status: 200, type: XML, body: assumeRoleXml(roleAccount)}
    }
    if (service === 'ec2' && action === 'DescribeRegions') return {status: 200, type: XML, body: regionsXml(estate.regions)}
    // The describe calls that read refine attributes: answered empty, in the services' real shapes.
    if (service === 'ec2' && action === 'DescribeInstances')
      return {
        status: 200,
        type: XML,
        body: '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId><reservationSet/></DescribeInstancesResponse>',
      }
    if (service === 'rds' && (action === 'DescribeDBInstances' || action === 'DescribeDBClusters')) {
      const list = action === 'DescribeDBInstances' ? 'DBInstances' : 'DBClusters'
      return {
        status: 200,
        type: XML,
        body: `<${action}Response xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><${action}Result><${list}/></${action}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`,
      }
    }
    if (service === 'lambda' && path.startsWith('/2015-03-31/functions'))
      return {status: 200, type: 'application/json', body: JSON.stringify({Functions: []})}
    if (target === 'AWSOrganizationsV20161128.ListAccounts') {
      const list = accounts.map((id) => ({
        Id: id,
        Arn: `arn:aws:organizations::${estate.account}:account/o-aa111bb222/${id}`,
        Email: `aws-${id}@example.com`,
        Name: `Account ${id}`,
        State: 'ACTIVE',
        Status: 'ACTIVE',
      }))
      return {status: 200, type: AMZ_JSON, body: JSON.stringify({Accounts: list})}
    }
    if (target === 'ResourceGroupsTaggingAPI_20170126.GetResources') {
      const key = `${account}/${region}`
      const failure = estate.failures?.[key]
      if (failure) return {status: failure.status, type: failure.contentType ?? AMZ_JSON, body: failure.body}
      const request = JSON.parse(body || '{}') as {PaginationToken?: string}
      const region_ = linked.get(key)
      if (!region_) return {status: 200, type: AMZ_JSON, body: JSON.stringify({PaginationToken: '', ResourceTagMappingList: []})}
      const index = request.PaginationToken ? region_.next.get(request.PaginationToken) : 0
      if (index === undefined)
        return {
          status: 400,
          type: AMZ_JSON,
          body: JSON.stringify({__type: 'InvalidParameterException', Message: 'Unknown pagination token.'}),
        }
      return {status: 200, type: AMZ_JSON, body: JSON.stringify(region_.pages[index])}
    }
    return {
      status: 400,
      type: AMZ_JSON,
      body: JSON.stringify({
        __type: 'UnknownOperationException',
        Message: `fake AWS does not know ${service} ${target || action}`,
      }),
    }
  }

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    state.requests++
    state.inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
    readBody(request)
      .then(async (body) => {
        const reply = answer(body, request.headers, request.url)
        if (estate.latencyMs) await new Promise((resolve) => setTimeout(resolve, estate.latencyMs))
        state.inFlight--
        response.writeHead(reply.status, {'content-type': reply.type, 'x-amzn-requestid': 'fake-request'})
        response.end(reply.body)
      })
      .catch((error: unknown) => {
        state.inFlight--
        response.writeHead(500, {'content-type': AMZ_JSON})
        response.end(JSON.stringify({__type: 'InternalFailure', Message: String(error)}))
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests
    },
    get maxInFlight() {
      return state.maxInFlight
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
