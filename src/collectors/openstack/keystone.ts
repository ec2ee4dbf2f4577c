import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {Clock} from '../../util/clock.js'
import {type HttpClient, HttpError} from '../http.js'
import {reasonOf} from '../scope.js'
import type {OpenStackAuth} from './config.js'

/** Keystone v3: a scoped token (X-Subject-Token) and the service catalog that comes with it. */

export interface CatalogEndpoint {
  interface?: string
  region?: string
  region_id?: string
  url?: string
}
export interface CatalogService {
  type?: string
  name?: string
  endpoints?: CatalogEndpoint[]
}

export interface KeystoneSession {
  token: string
  projectId?: string
  projectName?: string
  catalog: CatalogService[]
  /** Local clock times (epoch ms): when the token arrived, and when it expires (undefined: unknown). */
  issuedAt: number
  expiresAt?: number
}

/** The identity v3 base: auth URLs are given with or without /v3. */
export function identityV3(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, '')
  return /\/v3$/.test(base) ? base : `${base}/v3`
}

function domain(id?: string, name?: string): {id: string} | {name: string} | undefined {
  return id ? {id} : name ? {name} : undefined
}

/** The body of POST /v3/auth/tokens for password or application-credential authentication. */
export function tokenRequestBody(auth: OpenStackAuth): unknown {
  if (auth.method === 'application_credential') {
    const secret = auth.applicationCredentialSecret
    if (!secret || !(auth.applicationCredentialId || auth.applicationCredentialName))
      throw new InputError(
        `OpenStack (${auth.via}): an application credential needs its id (or name) and secret.`,
        'Set OS_APPLICATION_CREDENTIAL_ID and OS_APPLICATION_CREDENTIAL_SECRET.',
      )
    const credential = auth.applicationCredentialId
      ? {id: auth.applicationCredentialId, secret}
      : {
          name: auth.applicationCredentialName,
          secret,
          user: auth.userId
            ? {id: auth.userId}
            : {name: auth.username, domain: domain(auth.userDomainId, auth.userDomainName ?? 'Default')},
        }
    // An application credential is already scoped to its project.
    return {auth: {identity: {methods: ['application_credential'], application_credential: credential}}}
  }
  if (!auth.password || !(auth.username || auth.userId))
    throw new InputError(
      `OpenStack (${auth.via}): password authentication needs a user name and a password.`,
      'Set OS_USERNAME and OS_PASSWORD, or use an application credential.',
    )
  if (!auth.projectId && !auth.projectName)
    throw new InputError(
      `OpenStack (${auth.via}): no project is named, and an unscoped token has no service catalog.`,
      'Set OS_PROJECT_ID, or OS_PROJECT_NAME with OS_PROJECT_DOMAIN_NAME.',
    )
  const user = auth.userId
    ? {id: auth.userId, password: auth.password}
    : {name: auth.username, domain: domain(auth.userDomainId, auth.userDomainName ?? 'Default'), password: auth.password}
  const project = auth.projectId
    ? {id: auth.projectId}
    : {name: auth.projectName, domain: domain(auth.projectDomainId, auth.projectDomainName ?? 'Default')}
  return {auth: {identity: {methods: ['password'], password: {user}}, scope: {project}}}
}

/** Renew this long before the token expires (at most a quarter of its lifetime), so no request carries a dying token. */
export const RENEW_MARGIN_MS = 5 * 60_000

/**
 * When the token expires, by the local clock: Keystone's own lifetime (expires_at - issued_at)
 * counted from when the token arrived, so a skewed local clock neither renews at every request
 * nor too late. Undefined when the body names no usable expiry (then only a 401 renews it).
 */
export function localExpiry(token: {expires_at?: unknown; issued_at?: unknown}, receivedAt: number): number | undefined {
  const expires = typeof token.expires_at === 'string' ? Date.parse(token.expires_at) : Number.NaN
  if (Number.isNaN(expires)) return undefined
  const issued = typeof token.issued_at === 'string' ? Date.parse(token.issued_at) : Number.NaN
  const at = Number.isNaN(issued) || issued > expires ? expires : receivedAt + (expires - issued)
  // A token that looks expired on arrival (a clock far off, no issued_at) is used until rejected.
  return at > receivedAt ? at : undefined
}

/** How long before `expiresAt` to renew a token issued at `issuedAt`. */
export function renewMargin(issuedAt: number, expiresAt: number | undefined): number {
  return expiresAt === undefined ? RENEW_MARGIN_MS : Math.min(RENEW_MARGIN_MS, Math.floor((expiresAt - issuedAt) / 4))
}

/**
 * POST /v3/auth/tokens: a scoped token, its local expiry and its service catalog. Throws an
 * HttpError (kind 'auth' when Keystone refused the credentials) or an InputError for settings.
 */
export async function issueToken(http: HttpClient, auth: OpenStackAuth, authUrl: string, clock: Clock): Promise<KeystoneSession> {
  const body = tokenRequestBody(auth)
  const response = await http.request<{
    token?: {catalog?: CatalogService[]; project?: {id?: string; name?: string}; expires_at?: unknown; issued_at?: unknown}
  }>({method: 'POST', path: `${identityV3(authUrl)}/auth/tokens`, body})
  const receivedAt = clock.now()
  const token = response.headers.get('x-subject-token')
  if (!token) throw new HttpError('openstack: Keystone answered without an X-Subject-Token header.', 'malformed')
  const catalog = response.data?.token?.catalog
  if (!Array.isArray(catalog))
    throw new HttpError('openstack: the Keystone token has no service catalog (is it scoped to a project?).', 'malformed')
  return {
    token,
    catalog,
    projectId: response.data?.token?.project?.id,
    projectName: response.data?.token?.project?.name,
    issuedAt: receivedAt,
    expiresAt: localExpiry(response.data?.token ?? {}, receivedAt),
  }
}

/** The first token of a scan: a failure here means nothing can be read, so it is exit code 4. */
export async function authenticate(
  http: HttpClient,
  auth: OpenStackAuth,
  authUrl: string,
  clock: Clock,
): Promise<KeystoneSession> {
  try {
    return await issueToken(http, auth, authUrl, clock)
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new ExitreadyError(
      `OpenStack (${auth.via}): authentication failed (${reasonOf(error)}).`,
      ExitCode.noProvider,
      'Check the credentials, the project and the auth URL; `openstack token issue` should work with the same settings.',
    )
  }
}

/** A token renewal failed during the scan (not the request that needed it). */
export class TokenRenewalError extends HttpError {
  override name = 'TokenRenewalError'
}

/** A renewal during the scan: its failure fails the lists that needed it, with a sentence that says so. */
export async function renewToken(http: HttpClient, auth: OpenStackAuth, authUrl: string, clock: Clock): Promise<KeystoneSession> {
  try {
    return await issueToken(http, auth, authUrl, clock)
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    throw new TokenRenewalError(
      `openstack: renewing the Keystone token failed (${reasonOf(error)}).`,
      error.kind,
      error.status,
      error.code,
    )
  }
}

/** Service types by what they hold; the first one present in a region is used. */
export const SERVICE_TYPES = {
  compute: ['compute'],
  volume: ['block-storage', 'volumev3', 'volumev2', 'volume'],
  network: ['network'],
  loadBalancer: ['load-balancer'],
  objectStore: ['object-store'],
  dns: ['dns'],
  containerInfra: ['container-infra'],
  database: ['database'],
} as const
export type ServiceKey = keyof typeof SERVICE_TYPES

/** Region → service → endpoint URL, for one interface (public unless the configuration says otherwise). */
export function endpointsByRegion(catalog: CatalogService[], iface: string): Map<string, Partial<Record<ServiceKey, string>>> {
  const regions = new Map<string, Partial<Record<ServiceKey, string>>>()
  for (const [key, types] of Object.entries(SERVICE_TYPES) as [ServiceKey, readonly string[]][]) {
    for (const type of types) {
      for (const service of catalog.filter((s) => s.type === type)) {
        for (const endpoint of service.endpoints ?? []) {
          const region = endpoint.region_id ?? endpoint.region
          if (!region || !endpoint.url || (endpoint.interface ?? 'public') !== iface) continue
          const entry = regions.get(region) ?? {}
          entry[key] ??= endpoint.url
          regions.set(region, entry)
        }
      }
    }
  }
  return regions
}
