import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

/** Where the Hetzner Cloud token comes from: HCLOUD_TOKEN, or the active context of the hcloud CLI. */
export type HetznerToken = {token: string; via: string; context?: string} | {reason: string}

const MAX_CONFIG_BYTES = 1024 * 1024

/** The hcloud CLI config file: HCLOUD_CONFIG, else the user config dir (as Go's os.UserConfigDir on Linux). */
export function hcloudConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  if (env.HCLOUD_CONFIG) return env.HCLOUD_CONFIG
  const base = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : undefined)
  return base ? join(base, 'hcloud', 'cli.toml') : undefined
}

export async function resolveHetznerToken(env: NodeJS.ProcessEnv): Promise<HetznerToken> {
  if (env.HCLOUD_TOKEN) return {token: env.HCLOUD_TOKEN, via: 'HCLOUD_TOKEN'}
  const file = hcloudConfigPath(env)
  if (!file) return {reason: 'HCLOUD_TOKEN is not set and there is no home directory to find the hcloud CLI config in'}
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return {reason: `HCLOUD_TOKEN is not set and there is no hcloud CLI config at ${file}`}
  }
  if (text.length > MAX_CONFIG_BYTES) return {reason: `${file} is too large to be an hcloud CLI config`}
  const config = parseHcloudConfig(text)
  const name = env.HCLOUD_CONTEXT || config.activeContext
  if (!name) return {reason: `${file} names no active context (run \`hcloud context use <name>\`)`}
  const context = config.contexts.find((c) => c.name === name)
  if (!context?.token) return {reason: `${file} has no token for the context "${name}"`}
  return {token: context.token, via: `hcloud CLI context "${name}"`, context: name}
}

export interface HcloudConfig {
  activeContext?: string
  contexts: {name?: string; token?: string}[]
}

/**
 * The small TOML subset the hcloud CLI writes: top-level `active_context = "…"` and
 * `[[contexts]]` tables with `name` and `token`. Other tables and keys are skipped.
 */
export function parseHcloudConfig(text: string): HcloudConfig {
  const config: HcloudConfig = {contexts: []}
  let table: 'root' | 'context' | 'other' = 'root'
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    if (line.startsWith('[')) {
      if (/^\[\[\s*contexts\s*\]\]/.test(line)) {
        config.contexts.push({})
        table = 'context'
      } else table = 'other'
      continue
    }
    const match = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line)
    if (!match) continue
    const value = tomlString(match[2]!)
    if (value === undefined) continue
    if (table === 'root' && match[1] === 'active_context') config.activeContext = value
    if (table === 'context' && (match[1] === 'name' || match[1] === 'token')) config.contexts.at(-1)![match[1]] = value
  }
  return config
}

/** A basic ("…", with escapes) or literal ('…') TOML string, ignoring a trailing comment. */
function tomlString(value: string): string | undefined {
  const literal = /^'([^']*)'/.exec(value)
  if (literal) return literal[1]
  const basic = /^"((?:[^"\\]|\\.)*)"/.exec(value)
  if (!basic) return undefined
  return basic[1]!.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, sequence: string) => {
    if (sequence.startsWith('u')) return String.fromCharCode(Number.parseInt(sequence.slice(1), 16))
    return ({n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\'} as Record<string, string>)[sequence] ?? sequence
  })
}

/** S3 keys for Hetzner Object Storage, when given. */
export function hetznerS3Keys(env: NodeJS.ProcessEnv): {accessKeyId: string; secretAccessKey: string} | undefined {
  const accessKeyId = env.HETZNER_S3_ACCESS_KEY
  const secretAccessKey = env.HETZNER_S3_SECRET_KEY ?? env.HETZNER_S3_SECRET
  return accessKeyId && secretAccessKey ? {accessKeyId, secretAccessKey} : undefined
}
