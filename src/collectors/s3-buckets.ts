import {createHash, createHmac, type Hash, type Hmac} from 'node:crypto'
import type {Clock} from '../util/clock.js'
import {type Authenticator, collectPages, HttpError} from './http.js'
import type {ScanSession} from './scope.js'

/**
 * ListBuckets on an S3-compatible endpoint (Hetzner and Scaleway Object Storage), signed with
 * AWS Signature V4 by @smithy/signature-v4, which the AWS SDK already installs.
 */

export interface S3Endpoint {
  /** e.g. https://fsn1.your-objectstorage.com */
  baseUrl: string
  /** The signing region: the location (fsn1) or region (fr-par). */
  region: string
  accessKeyId: string
  secretAccessKey: string
}

export interface S3Bucket {
  name: string
  creationDate?: string
  /** Newer S3 implementations name each bucket's region in ListBuckets. */
  region?: string
}

/** The hash the signer asks for, on node:crypto (SHA-256, or HMAC-SHA256 when given a key). */
class NodeSha256 {
  private readonly hash: Hash | Hmac
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret))
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data))
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest())
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return Buffer.from(data)
}

/** A SigV4 authenticator for the HttpClient hook; the date comes from the injected clock. */
export async function sigV4Authenticator(endpoint: Omit<S3Endpoint, 'baseUrl'>, clock: Clock) {
  const {SignatureV4} = await import('@smithy/signature-v4')
  const signer = new SignatureV4({
    service: 's3',
    region: endpoint.region,
    credentials: {accessKeyId: endpoint.accessKeyId, secretAccessKey: endpoint.secretAccessKey},
    sha256: NodeSha256,
    // S3 signs the path as sent, without the double encoding other AWS services use.
    uriEscapePath: false,
    applyChecksum: true,
  })
  const authenticate: Authenticator = async ({method, url, body}) => {
    const query: Record<string, string> = {}
    url.searchParams.forEach((value, key) => {
      query[key] = value
    })
    const signed = await signer.sign(
      {
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query,
        headers: {host: url.host},
        body,
      },
      {signingDate: new Date(clock.now())},
    )
    // fetch sets Host itself, from the same URL that was signed.
    const {host: _host, ...headers} = signed.headers
    return headers
  }
  return authenticate
}

const XML_ENTITIES: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}

function xmlText(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return XML_ENTITIES[name.toLowerCase()] ?? entity
  })
}

function xmlElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)
  return match ? xmlText(match[1]!.trim()) : undefined
}

/** Parses a ListAllMyBucketsResult document; anything else is a malformed page. */
export function parseListBuckets(xml: unknown, where: string): {buckets: S3Bucket[]; next?: string} {
  if (typeof xml !== 'string' || !xml.includes('<ListAllMyBucketsResult')) {
    throw new HttpError(`${where} returned something that is not a ListAllMyBucketsResult document.`, 'malformed')
  }
  const buckets: S3Bucket[] = []
  for (const match of xml.matchAll(/<Bucket>([\s\S]*?)<\/Bucket>/g)) {
    const name = xmlElement(match[1]!, 'Name')
    if (!name) throw new HttpError(`${where} returned a bucket without a name.`, 'malformed')
    buckets.push({name, creationDate: xmlElement(match[1]!, 'CreationDate'), region: xmlElement(match[1]!, 'BucketRegion')})
  }
  return {buckets, next: xmlElement(xml, 'ContinuationToken')}
}

/** S3 error bodies are XML: <Error><Code>…</Code><Message>…</Message></Error>. */
function describeS3Error(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body !== 'string') return undefined
  const code = xmlElement(body, 'Code')
  const message = xmlElement(body, 'Message')
  return code || message ? {code, message: message ?? code} : undefined
}

/** Lists every bucket the key sees at one endpoint, following continuation tokens. */
export async function listS3Buckets(session: ScanSession, endpoint: S3Endpoint): Promise<S3Bucket[]> {
  // Each endpoint is its own set of credentials: a key rejected at one location does not stop the others.
  const client = session.client(
    {
      baseUrl: endpoint.baseUrl,
      auth: await sigV4Authenticator(endpoint, session.ctx.clock),
      headers: {accept: 'application/xml'},
      describeError: describeS3Error,
    },
    `s3:${endpoint.baseUrl}`,
  )
  return client.run(async (http) => {
    return collectPages<S3Bucket, string>(async (token) => {
      const response = await http.getJson<unknown>('/', token ? {'continuation-token': token} : undefined)
      const page = parseListBuckets(response.data, `${session.provider}: ListBuckets at ${endpoint.baseUrl}`)
      return {items: page.buckets, next: page.next}
    })
  })
}
