import {existsSync, readFileSync} from 'node:fs'
import {homedir, networkInterfaces, platform} from 'node:os'
import {join} from 'node:path'
import type {AuthClient} from 'google-auth-library'
import {ExitCode, ExitreadyError} from '../../errors.js'
import type {Detection} from '../types.js'

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform'
/** google-auth-library's message when its whole Application Default Credentials chain found nothing. */
const NO_ADC_FOUND = /Could not load the default credentials/
/** Serverless runtimes whose metadata server hands out credentials (Cloud Run, Cloud Functions, App Engine). */
const SERVERLESS_ENV = ['K_SERVICE', 'CLOUD_RUN_JOB', 'FUNCTION_NAME', 'FUNCTION_TARGET', 'GAE_SERVICE']

/** What the host tells about itself without a network call; injected in tests. */
export interface HostFacts {
  platform: string
  /** gcp-metadata's Linux BIOS probe: bios_date must exist and bios_vendor must say Google. */
  biosDatePath: string
  biosVendorPath: string
  macAddresses: () => string[]
}

export const LOCAL_HOST: HostFacts = {
  platform: platform(),
  biosDatePath: '/sys/class/dmi/id/bios_date',
  biosVendorPath: '/sys/class/dmi/id/bios_vendor',
  macAddresses: () => Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((address) => address.mac)),
}

/**
 * Whether a metadata server can be counted on, decided the way google-auth-library decides it
 * without pinging (gcp-metadata 8: METADATA_SERVER_DETECTION, GCE_METADATA_HOST/IP, the serverless
 * variables, the BIOS vendor on Linux, a 42:01 MAC address on Compute Engine). Undefined when only
 * a probe of the metadata server could tell, which detect() does not send.
 */
export function metadataServerHint(env: NodeJS.ProcessEnv, host: HostFacts = LOCAL_HOST): string | undefined {
  const mode = env.METADATA_SERVER_DETECTION?.trim().toLowerCase()
  if (mode === 'none') return undefined
  if (mode === 'assume-present') return 'metadata server (METADATA_SERVER_DETECTION=assume-present)'
  if (env.GCE_METADATA_HOST || env.GCE_METADATA_IP) return 'metadata server (GCE_METADATA_HOST)'
  if (SERVERLESS_ENV.some((name) => env[name])) return 'metadata server (Google Cloud serverless runtime)'
  if (mode === 'ping-only') return undefined
  if (host.platform === 'linux') {
    try {
      if (existsSync(host.biosDatePath) && /Google/.test(readFileSync(host.biosVendorPath, 'utf8')))
        return 'metadata server (Google Compute Engine)'
    } catch {
      // An unreadable BIOS file says nothing either way.
    }
  }
  if (host.macAddresses().some((mac) => /^42:01/i.test(mac))) return 'metadata server (Google Compute Engine network interface)'
  return undefined
}

function gcloudConfigDir(env: NodeJS.ProcessEnv): string {
  if (env.CLOUDSDK_CONFIG) return env.CLOUDSDK_CONFIG
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'gcloud')
  return join(env.HOME || homedir(), '.config', 'gcloud')
}

/** The Application Default Credentials file: GOOGLE_APPLICATION_CREDENTIALS, else the one `gcloud auth application-default login` wrote. */
export function adcFile(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return env.GOOGLE_APPLICATION_CREDENTIALS
  const wellKnown = join(gcloudConfigDir(env), 'application_default_credentials.json')
  return existsSync(wellKnown) ? wellKnown : undefined
}

/** The project of gcloud's active configuration (`gcloud config set project`), read without running gcloud. */
export function gcloudProject(env: NodeJS.ProcessEnv): string | undefined {
  const dir = gcloudConfigDir(env)
  try {
    const active = existsSync(join(dir, 'active_config')) ? readFileSync(join(dir, 'active_config'), 'utf8').trim() : 'default'
    const file = join(dir, 'configurations', `config_${active || 'default'}`)
    if (!existsSync(file)) return undefined
    let section = ''
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const header = /^\s*\[([^\]]+)\]\s*$/.exec(line)
      if (header) section = header[1]!.trim()
      const entry = /^\s*project\s*=\s*(\S+)\s*$/.exec(line)
      if (section === 'core' && entry) return entry[1]
    }
  } catch {
    // An unreadable gcloud configuration only means there is no default project.
  }
  return undefined
}

/** Scopes from --gcp-scope, else the project of GOOGLE_CLOUD_PROJECT, CLOUDSDK_CORE_PROJECT or gcloud's configuration. */
export function defaultScopes(env: NodeJS.ProcessEnv): string[] {
  const project = env.GOOGLE_CLOUD_PROJECT || env.CLOUDSDK_CORE_PROJECT || gcloudProject(env)
  return project ? [`projects/${project}`] : []
}

/** Credentials found without the network: a token, a key or ADC file, or a host that has a metadata server. */
function credentialSource(env: NodeJS.ProcessEnv, host: HostFacts = LOCAL_HOST): string | undefined {
  if (env.GOOGLE_OAUTH_ACCESS_TOKEN) return 'GOOGLE_OAUTH_ACCESS_TOKEN'
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return 'GOOGLE_APPLICATION_CREDENTIALS'
  if (adcFile(env)) return 'gcloud application-default login'
  return metadataServerHint(env, host)
}

/** Credentials and at least one scope, checked without the SDK or the network. */
export function detectGcp(env: NodeJS.ProcessEnv, scopes: string[], host: HostFacts = LOCAL_HOST): Detection {
  const via = credentialSource(env, host)
  if (!via)
    return {
      available: false,
      reason:
        'no Google Cloud credentials: set GOOGLE_OAUTH_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login` (on a Google Cloud VM, --provider gcp asks its metadata server)',
    }
  if (scopes.length === 0)
    return {
      available: false,
      reason: 'no Google Cloud scope: pass --gcp-scope organizations/N, folders/N or projects/ID, or set GOOGLE_CLOUD_PROJECT',
    }
  return {available: true, via}
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]!.replace(/\s+/g, ' ').trim().slice(0, 240)
}

/**
 * An auth client for the Cloud Asset SDK, resolved before the SDK sees it: given missing or broken
 * credentials, the SDK's own lookup raises an unhandled rejection and its calls never settle.
 * Without a token or a key file, google-auth-library's own Application Default Credentials chain
 * decides, which ends at the metadata server of a Compute Engine VM or GKE node. `projectId` spares
 * the library its project lookups (it runs `gcloud config config-helper` otherwise).
 */
export async function createAuthClient(env: NodeJS.ProcessEnv, projectId?: string): Promise<AuthClient> {
  const token = env.GOOGLE_OAUTH_ACCESS_TOKEN?.trim()
  const {GoogleAuth, OAuth2Client} = await import('google-auth-library')
  if (token) {
    // Same convention as the Terraform provider: a token obtained elsewhere, used as is.
    const client = new OAuth2Client()
    client.setCredentials({access_token: token})
    return client
  }
  const keyFilename = adcFile(env)
  const noCredentials = () =>
    new ExitreadyError(
      'GCP: no credentials found.',
      ExitCode.noProvider,
      'Set GOOGLE_OAUTH_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS, run `gcloud auth application-default login`, or run the scan on a Google Cloud VM whose service account may read the assets.',
    )
  // "none" means: do not ask the metadata server (gcp-metadata's documented switch).
  if (!keyFilename && env.METADATA_SERVER_DETECTION?.trim().toLowerCase() === 'none') throw noCredentials()
  try {
    const auth = new GoogleAuth({
      scopes: [CLOUD_PLATFORM_SCOPE],
      ...(keyFilename ? {keyFilename} : {}),
      ...(projectId ? {projectId} : {}),
    })
    const client = await auth.getClient()
    await client.getAccessToken()
    return client
  } catch (error) {
    if (!keyFilename && error instanceof Error && NO_ADC_FOUND.test(error.message)) throw noCredentials()
    throw new ExitreadyError(
      `GCP: could not load Application Default Credentials (${oneLine(error)}).`,
      ExitCode.noProvider,
      keyFilename
        ? 'Run `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a valid key or workload identity file.'
        : "Check that the VM's service account has the cloud-platform scope, or set GOOGLE_APPLICATION_CREDENTIALS.",
    )
  }
}
