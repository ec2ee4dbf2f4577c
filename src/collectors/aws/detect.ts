import {access} from 'node:fs/promises'
import {homedir} from 'node:os'
import {join} from 'node:path'
import type {CollectContext, Detection} from '../types.js'

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}

/**
 * Where AWS credentials would come from, without loading the SDK or calling the network. Instance
 * roles (IMDS) cannot be seen this way; on EC2 the user names the provider with --provider aws.
 */
export async function detectAws(ctx: Pick<CollectContext, 'env' | 'options'>): Promise<Detection> {
  const env = ctx.env
  const options = ctx.options.aws ?? {}
  if (options.credentials) return {available: true, via: 'credentials passed in'}
  if (typeof options.profile === 'string' && options.profile) return {available: true, via: `profile ${options.profile}`}
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return {available: true, via: 'AWS_ACCESS_KEY_ID'}
  if (env.AWS_PROFILE) return {available: true, via: `AWS_PROFILE=${env.AWS_PROFILE}`}
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) return {available: true, via: 'AWS_WEB_IDENTITY_TOKEN_FILE'}
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
    return {available: true, via: 'container credentials'}
  const home = env.HOME ?? env.USERPROFILE ?? homedir()
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
  ]
  for (const file of files) if (await exists(file)) return {available: true, via: file}
  return {
    available: false,
    reason:
      'no AWS credentials found (AWS_ACCESS_KEY_ID, AWS_PROFILE, web identity, container credentials or ~/.aws files); on EC2 with an instance role, pass --provider aws',
  }
}
