import {existsSync, readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import type {AccessToken, TokenCredential} from '@azure/core-auth'
import {ExitCode, ExitreadyError} from '../../errors.js'
import type {Clock} from '../../util/clock.js'
import {TokenCache} from '../token-cache.js'
import type {Detection} from '../types.js'
import type {AzureCloud} from './clouds.js'

export {AZURE_CLOUD_NAMES, AZURE_CLOUDS, type AzureCloud, type AzureCloudName} from './clouds.js'

function azureConfigDir(env: NodeJS.ProcessEnv): string {
  return env.AZURE_CONFIG_DIR || join(env.HOME || env.USERPROFILE || homedir(), '.azure')
}

/** True when `az login` left at least one subscription in the CLI profile (the file starts with a BOM). */
function hasAzureCliLogin(env: NodeJS.ProcessEnv): boolean {
  const dir = azureConfigDir(env)
  const profile = join(dir, 'azureProfile.json')
  if (existsSync(profile)) {
    try {
      const data = JSON.parse(readFileSync(profile, 'utf8').replace(/^\uFEFF/, '')) as {subscriptions?: unknown[]}
      if (Array.isArray(data.subscriptions) && data.subscriptions.length > 0) return true
    } catch {
      // An unreadable profile is not a login; the token cache below may still be.
    }
  }
  return existsSync(join(dir, 'msal_token_cache.json')) || existsSync(join(dir, 'msal_token_cache.bin'))
}

/** Where Azure credentials would come from, without importing the SDK or calling the network. */
export function detectAzureCredentials(env: NodeJS.ProcessEnv): Detection {
  if (env.AZURE_ACCESS_TOKEN) return {available: true, via: 'AZURE_ACCESS_TOKEN'}
  if (env.AZURE_CLIENT_ID && env.AZURE_TENANT_ID) {
    if (env.AZURE_CLIENT_SECRET) return {available: true, via: 'service principal secret (AZURE_CLIENT_SECRET)'}
    if (env.AZURE_FEDERATED_TOKEN_FILE) return {available: true, via: 'workload identity (AZURE_FEDERATED_TOKEN_FILE)'}
    if (env.AZURE_CLIENT_CERTIFICATE_PATH)
      return {available: true, via: 'service principal certificate (AZURE_CLIENT_CERTIFICATE_PATH)'}
  }
  if (env.IDENTITY_ENDPOINT || env.MSI_ENDPOINT) return {available: true, via: 'managed identity'}
  if (hasAzureCliLogin(env)) return {available: true, via: 'Azure CLI login'}
  return {
    available: false,
    reason:
      'no Azure credentials: set AZURE_ACCESS_TOKEN, a service principal (AZURE_CLIENT_ID, AZURE_TENANT_ID and a secret, certificate or federated token), or run `az login`',
  }
}

/** The `exp` claim of a JWT access token, in milliseconds, when it has one. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {exp?: unknown}).exp
    return typeof exp === 'number' ? exp * 1000 : undefined
  } catch {
    return undefined
  }
}

/** A credential for a bearer token obtained elsewhere (pipelines that already hold one). */
export function staticTokenCredential(token: string, clock: Clock): TokenCredential {
  const expiry = jwtExpiry(token)
  if (expiry !== undefined && expiry <= clock.now()) {
    throw new ExitreadyError(
      `AZURE_ACCESS_TOKEN expired at ${new Date(expiry).toISOString()}.`,
      ExitCode.noProvider,
      'Get a fresh one, e.g. with `az account get-access-token --query accessToken -o tsv`.',
    )
  }
  return {getToken: async () => ({token, expiresOnTimestamp: expiry ?? clock.now() + 3_600_000})}
}

/** AZURE_ACCESS_TOKEN, else DefaultAzureCredential for the chosen cloud (the SDK is loaded only here). */
export async function createCredential(env: NodeJS.ProcessEnv, cloud: AzureCloud, clock: Clock): Promise<TokenCredential> {
  if (env.AZURE_ACCESS_TOKEN) return staticTokenCredential(env.AZURE_ACCESS_TOKEN.trim(), clock)
  const {DefaultAzureCredential} = await import('@azure/identity')
  return new DefaultAzureCredential({authorityHost: env.AZURE_AUTHORITY_HOST || cloud.authorityHost})
}

function oneLine(message: string): string {
  return message.split('\n')[0]!.replace(/\s+/g, ' ').trim().slice(0, 240)
}

/**
 * Bearer tokens for ARM from the shared token cache: renewed two minutes before expiry, one renewal
 * for concurrent requests. A credential that cannot produce a token means nothing can be read: exit 4.
 */
export function bearerAuthenticator(
  credential: TokenCredential,
  scope: string,
  clock: Clock,
): () => Promise<Record<string, string>> {
  const tokens = new TokenCache<string>(
    async () => {
      let token: AccessToken | null
      try {
        token = await credential.getToken(scope)
      } catch (error) {
        throw new ExitreadyError(
          `Azure: could not get a token for ${scope} (${oneLine((error as Error).message ?? String(error))}).`,
          ExitCode.noProvider,
          'Run `az login`, set a service principal in AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET, or set AZURE_ACCESS_TOKEN.',
        )
      }
      if (!token) throw new ExitreadyError(`Azure: no credential returned a token for ${scope}.`, ExitCode.noProvider)
      return {value: token.token, expiresAt: token.expiresOnTimestamp}
    },
    clock,
    120_000,
  )
  return async () => ({authorization: `Bearer ${await tokens.get()}`})
}
