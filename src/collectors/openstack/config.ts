import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {z} from 'zod'
import {InputError} from '../../errors.js'
import {parseYaml} from '../../util/yaml.js'

/*
 * OpenStack credentials as every OpenStack tool reads them: a named cloud from clouds.yaml (with
 * secure.yaml merged in), chosen by --os-cloud / OS_CLOUD, or else the OS_* environment variables.
 */

export interface OpenStackAuth {
  /** Where the settings came from, for messages: "clouds.yaml cloud ovh-gra" or "OS_* variables". */
  via: string
  authUrl: string
  method: 'password' | 'application_credential'
  userId?: string
  username?: string
  password?: string
  userDomainId?: string
  userDomainName?: string
  projectId?: string
  projectName?: string
  projectDomainId?: string
  projectDomainName?: string
  applicationCredentialId?: string
  applicationCredentialName?: string
  applicationCredentialSecret?: string
  /** Regions to scan; all regions of the catalog when empty. */
  regions: string[]
  /** Endpoint interface of the catalog: public (default), internal or admin. */
  interface: string
}

type Env = NodeJS.ProcessEnv

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String)
const CloudSchema = z.looseObject({
  auth: z.record(z.string(), scalar.or(z.null())).optional(),
  auth_type: z.string().optional(),
  region_name: scalar.optional(),
  regions: z.array(z.union([scalar, z.looseObject({name: scalar})])).optional(),
  interface: z.string().optional(),
  identity_api_version: scalar.optional(),
})
const CloudsFileSchema = z.looseObject({clouds: z.record(z.string(), CloudSchema).optional()})
type CloudEntry = z.infer<typeof CloudSchema>

/** The folders OpenStack tools search, in their order. */
export function configSearchPath(env: Env, file: string, cwd = process.cwd()): string[] {
  const paths: string[] = []
  if (file === 'clouds.yaml' && env.OS_CLIENT_CONFIG_FILE) paths.push(env.OS_CLIENT_CONFIG_FILE)
  if (file === 'secure.yaml' && env.OS_CLIENT_SECURE_FILE) paths.push(env.OS_CLIENT_SECURE_FILE)
  paths.push(join(cwd, file))
  if (env.HOME) paths.push(join(env.HOME, '.config', 'openstack', file))
  paths.push(join('/etc/openstack', file))
  return paths
}

export function findConfigFile(env: Env, file: string, cwd?: string): string | undefined {
  return configSearchPath(env, file, cwd).find((path) => existsSync(path))
}

async function readClouds(path: string): Promise<Record<string, CloudEntry>> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: cannot be read (${error.code ?? 'error'}).`)
  })
  return parseYaml({file: path, text}, CloudsFileSchema).clouds ?? {}
}

function merge(base: CloudEntry, secret: CloudEntry | undefined): CloudEntry {
  if (!secret) return base
  return {...base, ...secret, auth: {...base.auth, ...secret.auth}}
}

const nonEmpty = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? undefined : value)

function fromCloud(name: string, cloud: CloudEntry, path: string): OpenStackAuth {
  const a = cloud.auth ?? {}
  const get = (key: string) => nonEmpty(a[key])
  const authUrl = get('auth_url')
  if (!authUrl) throw new InputError(`${path}: cloud "${name}" has no auth.auth_url.`)
  const type = (cloud.auth_type ?? '').toLowerCase()
  const method =
    type.includes('applicationcredential') ||
    type === 'application_credential' ||
    (get('application_credential_secret') && !get('password'))
      ? 'application_credential'
      : 'password'
  const regions = cloud.regions?.map((r) => (typeof r === 'string' ? r : r.name)) ?? []
  if (cloud.region_name && regions.length === 0) regions.push(cloud.region_name)
  return {
    via: `clouds.yaml cloud "${name}" (${path})`,
    authUrl,
    method,
    userId: get('user_id'),
    username: get('username'),
    password: get('password'),
    userDomainId: get('user_domain_id') ?? get('domain_id'),
    userDomainName: get('user_domain_name') ?? get('domain_name'),
    projectId: get('project_id') ?? get('tenant_id'),
    projectName: get('project_name') ?? get('tenant_name'),
    projectDomainId: get('project_domain_id') ?? get('domain_id'),
    projectDomainName: get('project_domain_name') ?? get('domain_name'),
    applicationCredentialId: get('application_credential_id'),
    applicationCredentialName: get('application_credential_name'),
    applicationCredentialSecret: get('application_credential_secret'),
    regions,
    interface: normaliseInterface(cloud.interface),
  }
}

function normaliseInterface(value: string | undefined): string {
  const v = (value ?? 'public').toLowerCase()
  return v.endsWith('url') ? v.slice(0, -3) : v
}

function fromEnv(env: Env): OpenStackAuth | undefined {
  const authUrl = nonEmpty(env.OS_AUTH_URL)
  if (!authUrl) return undefined
  const type = (env.OS_AUTH_TYPE ?? '').toLowerCase()
  const method =
    type.includes('applicationcredential') || (env.OS_APPLICATION_CREDENTIAL_SECRET && !env.OS_PASSWORD)
      ? 'application_credential'
      : 'password'
  return {
    via: 'the OS_* environment variables',
    authUrl,
    method,
    userId: nonEmpty(env.OS_USER_ID),
    username: nonEmpty(env.OS_USERNAME),
    password: nonEmpty(env.OS_PASSWORD),
    userDomainId: nonEmpty(env.OS_USER_DOMAIN_ID),
    userDomainName: nonEmpty(env.OS_USER_DOMAIN_NAME ?? env.OS_DOMAIN_NAME),
    projectId: nonEmpty(env.OS_PROJECT_ID ?? env.OS_TENANT_ID),
    projectName: nonEmpty(env.OS_PROJECT_NAME ?? env.OS_TENANT_NAME),
    projectDomainId: nonEmpty(env.OS_PROJECT_DOMAIN_ID),
    projectDomainName: nonEmpty(env.OS_PROJECT_DOMAIN_NAME ?? env.OS_DOMAIN_NAME),
    applicationCredentialId: nonEmpty(env.OS_APPLICATION_CREDENTIAL_ID),
    applicationCredentialName: nonEmpty(env.OS_APPLICATION_CREDENTIAL_NAME),
    applicationCredentialSecret: nonEmpty(env.OS_APPLICATION_CREDENTIAL_SECRET),
    regions: nonEmpty(env.OS_REGION_NAME) ? [env.OS_REGION_NAME!] : [],
    interface: normaliseInterface(env.OS_INTERFACE ?? env.OS_ENDPOINT_TYPE),
  }
}

/** The cloud named by the option or OS_CLOUD, else the OS_* variables; undefined when neither is set. */
export async function loadOpenStackAuth(env: Env, cloudName?: string, cwd?: string): Promise<OpenStackAuth | undefined> {
  const name = cloudName ?? nonEmpty(env.OS_CLOUD)
  if (!name) return fromEnv(env)
  const path = findConfigFile(env, 'clouds.yaml', cwd)
  if (!path)
    throw new InputError(
      `OpenStack cloud "${name}" was asked for, but no clouds.yaml was found.`,
      `Looked in: ${configSearchPath(env, 'clouds.yaml', cwd).join(', ')}.`,
    )
  const clouds = await readClouds(path)
  const cloud = clouds[name]
  if (!cloud)
    throw new InputError(`${path}: has no cloud "${name}".`, `Clouds defined there: ${Object.keys(clouds).join(', ') || 'none'}.`)
  const securePath = findConfigFile(env, 'secure.yaml', cwd)
  const secure = securePath ? (await readClouds(securePath))[name] : undefined
  return fromCloud(name, merge(cloud, secure), path)
}
