import {existsSync, readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import type {AuthClient} from 'google-auth-library'
import {ExitCode, ExitreadyError} from '../../errors.js'
import type {Detection} from '../types.js'

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform'
/** Environments whose metadata server hands out credentials (Cloud Run, Cloud Functions, App Engine, GKE, GCE with the override). */
const METADATA_ENV = ['GCE_METADATA_HOST', 'K_SERVICE', 'CLOUD_RUN_JOB', 'GAE_SERVICE', 'FUNCTION_TARGET']

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

function credentialSource(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GOOGLE_OAUTH_ACCESS_TOKEN) return 'GOOGLE_OAUTH_ACCESS_TOKEN'
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return 'GOOGLE_APPLICATION_CREDENTIALS'
  if (adcFile(env)) return 'gcloud application-default login'
  if (METADATA_ENV.some((name) => env[name])) return 'metadata server'
  return undefined
}

/** Credentials and at least one scope, checked without the SDK or the network. */
export function detectGcp(env: NodeJS.ProcessEnv, scopes: string[]): Detection {
  const via = credentialSource(env)
  if (!via)
    return {
      available: false,
      reason:
        'no Google Cloud credentials: set GOOGLE_OAUTH_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`',
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
 */
export async function createAuthClient(env: NodeJS.ProcessEnv): Promise<AuthClient> {
  const {GoogleAuth, OAuth2Client} = await import('google-auth-library')
  const token = env.GOOGLE_OAUTH_ACCESS_TOKEN?.trim()
  if (token) {
    // Same convention as the Terraform provider: a token obtained elsewhere, used as is.
    const client = new OAuth2Client()
    client.setCredentials({access_token: token})
    return client
  }
  if (!credentialSource(env)) {
    throw new ExitreadyError(
      'GCP: no credentials found.',
      ExitCode.noProvider,
      'Set GOOGLE_OAUTH_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`.',
    )
  }
  try {
    const auth = new GoogleAuth({scopes: [CLOUD_PLATFORM_SCOPE], keyFilename: adcFile(env)})
    const client = await auth.getClient()
    await client.getAccessToken()
    return client
  } catch (error) {
    throw new ExitreadyError(
      `GCP: could not load Application Default Credentials (${oneLine(error)}).`,
      ExitCode.noProvider,
      'Run `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a valid key or workload identity file.',
    )
  }
}
