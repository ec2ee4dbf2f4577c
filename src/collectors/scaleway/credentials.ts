import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

/** Scaleway credentials as the scw CLI and SDKs find them: SCW_* variables over the active profile of config.yaml. */
export interface ScalewayCredentials {
  secretKey: string
  accessKey?: string
  projectId?: string
  organizationId?: string
  apiUrl?: string
  via: string
}

interface Profile {
  access_key?: unknown
  secret_key?: unknown
  api_url?: unknown
  default_project_id?: unknown
  default_organization_id?: unknown
}

const MAX_CONFIG_BYTES = 1024 * 1024

export function scwConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  if (env.SCW_CONFIG_PATH) return env.SCW_CONFIG_PATH
  const base = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : undefined)
  return base ? join(base, 'scw', 'config.yaml') : undefined
}

/** The active profile of the scw config (SCW_PROFILE, else active_profile), merged over the top-level keys. */
async function readProfile(env: NodeJS.ProcessEnv): Promise<{profile: Profile; name: string; file: string} | undefined> {
  const file = scwConfigPath(env)
  if (!file) return undefined
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  if (text.length > MAX_CONFIG_BYTES) return undefined
  const {parse} = await import('yaml')
  let config: (Profile & {active_profile?: unknown; profiles?: Record<string, Profile>}) | null
  try {
    config = parse(text, {maxAliasCount: 100, customTags: []}) as typeof config
  } catch {
    return undefined
  }
  if (!config || typeof config !== 'object') return undefined
  const name = env.SCW_PROFILE || (typeof config.active_profile === 'string' ? config.active_profile : undefined)
  const named = name ? config.profiles?.[name] : undefined
  return {profile: {...config, ...(named ?? {})}, name: named ? name! : 'default', file}
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)

export async function resolveScalewayCredentials(env: NodeJS.ProcessEnv): Promise<ScalewayCredentials | {reason: string}> {
  const config = await readProfile(env)
  const profile = config?.profile ?? {}
  const secretKey = text(env.SCW_SECRET_KEY) ?? text(profile.secret_key)
  if (!secretKey) {
    const where = config ? ` nor in the profile "${config.name}" of ${config.file}` : ''
    return {reason: `SCW_SECRET_KEY is not set${where}`}
  }
  return {
    secretKey,
    accessKey: text(env.SCW_ACCESS_KEY) ?? text(profile.access_key),
    projectId: text(env.SCW_DEFAULT_PROJECT_ID) ?? text(profile.default_project_id),
    organizationId: text(env.SCW_DEFAULT_ORGANIZATION_ID) ?? text(profile.default_organization_id),
    apiUrl: text(env.SCW_API_URL) ?? text(profile.api_url),
    via: env.SCW_SECRET_KEY ? 'SCW_SECRET_KEY' : `scw config profile "${config!.name}"`,
  }
}
