import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import {HttpError} from '../http.js'
import {type LimitedClient, reasonOf} from '../scope.js'
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

export async function authenticate(client: LimitedClient, auth: OpenStackAuth, authUrl: string): Promise<KeystoneSession> {
  const body = tokenRequestBody(auth)
  try {
    const response = await client.request<{token?: {catalog?: CatalogService[]; project?: {id?: string; name?: string}}}>({
      method: 'POST',
      path: `${identityV3(authUrl)}/auth/tokens`,
      body,
    })
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
    }
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new ExitreadyError(
      `OpenStack (${auth.via}): authentication failed (${reasonOf(error)}).`,
      ExitCode.noProvider,
      'Check the credentials, the project and the auth URL; `openstack token issue` should work with the same settings.',
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
