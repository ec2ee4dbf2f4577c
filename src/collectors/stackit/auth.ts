import {createPrivateKey, randomUUID, sign} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {Clock} from '../../util/clock.js'
import {type HttpClient, HttpError} from '../http.js'
import {reasonOf} from '../scope.js'
import {type ExpiringToken, TokenCache} from '../token-cache.js'

/*
 * STACKIT service-account authentication, as the official SDKs do it ("key flow"): a JWT with the
 * claims of the service-account key, signed RS512 with its private key, is exchanged at the token
 * endpoint (grant urn:ietf:params:oauth:grant-type:jwt-bearer) for a short-lived access token.
 * A pre-obtained token (STACKIT_SERVICE_ACCOUNT_TOKEN) is used as it is.
 */

export const STACKIT_TOKEN_URL = 'https://service-account.api.stackit.cloud/token'
const JWT_TTL_SECONDS = 600
/** Renew an access token this long before it expires. */
const RENEW_BEFORE_MS = 60_000

export interface ServiceAccountKey {
  id?: string
  credentials: {kid: string; iss: string; sub: string; aud: string; privateKey?: string}
}

export type StackitCredentials =
  | {kind: 'key'; key: ServiceAccountKey; privateKey: string; via: string}
  | {kind: 'token'; token: string; via: string}

type Env = NodeJS.ProcessEnv

/** The STACKIT credentials file ($STACKIT_CREDENTIALS_PATH or ~/.stackit/credentials.json) uses the env var names as keys. */
function credentialsFile(env: Env): {path: string; values: Record<string, string>} | undefined {
  const path = env.STACKIT_CREDENTIALS_PATH ?? (env.HOME ? join(env.HOME, '.stackit', 'credentials.json') : undefined)
  if (!path || !existsSync(path)) return undefined
  try {
    const values = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    const strings: Record<string, string> = {}
    for (const [key, value] of Object.entries(values)) if (typeof value === 'string') strings[key] = value
    return {path, values: strings}
  } catch {
    throw new InputError(`${path}: is not a JSON object of STACKIT credentials.`)
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new InputError(`The STACKIT ${what} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
  }
}

function parseKey(text: string, source: string): ServiceAccountKey {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new InputError(`${source}: the STACKIT service-account key is not valid JSON.`)
  }
  const credentials = (data as {credentials?: Record<string, unknown>} | null)?.credentials
  const missing = ['kid', 'iss', 'sub', 'aud'].filter((field) => typeof credentials?.[field] !== 'string')
  if (!credentials || missing.length > 0)
    throw new InputError(
      `${source}: the STACKIT service-account key lacks credentials.${missing.join(', credentials.')}.`,
      'Use the JSON key file the STACKIT portal or `stackit service-account key create` produced.',
    )
  return data as ServiceAccountKey
}

/** Finds credentials in the environment or the credentials file; undefined when there are none. */
export function findStackitCredentials(env: Env): StackitCredentials | undefined {
  const file = credentialsFile(env)
  const value = (name: string): {value: string; from: string} | undefined =>
    env[name] ? {value: env[name]!, from: name} : file?.values[name] ? {value: file.values[name]!, from: file.path} : undefined
  const keyText = value('STACKIT_SERVICE_ACCOUNT_KEY')
  const keyPath = value('STACKIT_SERVICE_ACCOUNT_KEY_PATH')
  if (keyText || keyPath) {
    const key = keyText
      ? parseKey(keyText.value, keyText.from)
      : parseKey(readText(keyPath!.value, 'service-account key'), keyPath!.value)
    const privateKeyText = value('STACKIT_PRIVATE_KEY')
    const privateKeyPath = value('STACKIT_PRIVATE_KEY_PATH')
    const privateKey =
      key.credentials.privateKey ??
      privateKeyText?.value ??
      (privateKeyPath ? readText(privateKeyPath.value, 'private key') : undefined)
    if (!privateKey)
      throw new InputError(
        'The STACKIT service-account key has no private key.',
        'Set STACKIT_PRIVATE_KEY_PATH to the PEM file of the key pair you uploaded.',
      )
    return {kind: 'key', key, privateKey, via: (keyText ?? keyPath)!.from}
  }
  const token = value('STACKIT_SERVICE_ACCOUNT_TOKEN')
  if (token) return {kind: 'token', token: token.value, via: token.from}
  return undefined
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url')

/** The self-signed assertion of the key flow (RS512, kid from the key). */
export function serviceAccountAssertion(
  key: ServiceAccountKey,
  privateKeyPem: string,
  nowMs: number,
  jti: string = randomUUID(),
): string {
  let privateKey: ReturnType<typeof createPrivateKey>
  try {
    privateKey = createPrivateKey(privateKeyPem)
  } catch {
    throw new InputError('The STACKIT private key is not a valid PEM RSA private key.')
  }
  const iat = Math.floor(nowMs / 1000)
  const header = {alg: 'RS512', typ: 'JWT', kid: key.credentials.kid}
  const claims = {
    iss: key.credentials.iss,
    sub: key.credentials.sub,
    aud: key.credentials.aud,
    jti,
    iat,
    exp: iat + JWT_TTL_SECONDS,
  }
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`
  return `${input}.${base64url(sign('sha512', Buffer.from(input), privateKey))}`
}

/** Hands out a valid access token, exchanging the key again shortly before the last one expires (the shared TokenCache). */
export class StackitTokenSource {
  private readonly tokens: TokenCache<string>

  constructor(
    private readonly credentials: StackitCredentials,
    private readonly tokenClient: Pick<HttpClient, 'request'>,
    private readonly tokenUrl: string,
    private readonly clock: Clock,
  ) {
    this.tokens = new TokenCache(() => this.exchange(), clock, RENEW_BEFORE_MS)
  }

  async get(): Promise<string> {
    if (this.credentials.kind === 'token') return this.credentials.token
    return this.tokens.get()
  }

  private async exchange(): Promise<ExpiringToken<string>> {
    if (this.credentials.kind !== 'key') throw new Error('unreachable')
    const assertion = serviceAccountAssertion(this.credentials.key, this.credentials.privateKey, this.clock.now())
    const body = new URLSearchParams({grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion}).toString()
    let data: {access_token?: unknown; expires_in?: unknown} | undefined
    try {
      const response = await this.tokenClient.request<typeof data>({
        method: 'POST',
        path: this.tokenUrl,
        body,
        headers: {'content-type': 'application/x-www-form-urlencoded'},
      })
      data = response.data
    } catch (error) {
      if (error instanceof HttpError && (error.kind === 'auth' || error.kind === 'forbidden' || error.kind === 'client'))
        throw new ExitreadyError(
          `STACKIT rejected the service-account key (${reasonOf(error)}).`,
          ExitCode.noProvider,
          'Check that the key is active, not expired, and belongs to a service account that still exists.',
        )
      throw error
    }
    if (typeof data?.access_token !== 'string')
      throw new HttpError('stackit: the token endpoint answered without an access_token.', 'malformed')
    const ttl = typeof data.expires_in === 'number' ? data.expires_in * 1000 : 10 * 60_000
    return {value: data.access_token, expiresAt: this.clock.now() + ttl}
  }
}
