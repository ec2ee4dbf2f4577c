import {createHash} from 'node:crypto'
import {InputError} from '../../errors.js'
import type {Clock} from '../../util/clock.js'
import type {Authenticator} from '../http.js'
import {OVH_ENDPOINTS} from './endpoints.js'

export {OVH_ENDPOINTS} from './endpoints.js'

export interface OvhCredentials {
  applicationKey: string
  applicationSecret: string
  consumerKey: string
}

const VARIABLES = ['OVH_APPLICATION_KEY', 'OVH_APPLICATION_SECRET', 'OVH_CONSUMER_KEY'] as const

export function resolveOvhCredentials(env: NodeJS.ProcessEnv): OvhCredentials | {reason: string} {
  const missing = VARIABLES.filter((name) => !env[name])
  if (missing.length > 0) return {reason: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`}
  return {
    applicationKey: env.OVH_APPLICATION_KEY!,
    applicationSecret: env.OVH_APPLICATION_SECRET!,
    consumerKey: env.OVH_CONSUMER_KEY!,
  }
}

/** The base URL: an explicit override, else the endpoint named by the option or OVH_ENDPOINT (ovh-eu by default). */
export function resolveOvhEndpoint(override: string | undefined, option: unknown, env: NodeJS.ProcessEnv): string {
  if (override) return override
  const name = (typeof option === 'string' && option) || env.OVH_ENDPOINT || 'ovh-eu'
  if (/^https?:\/\//.test(name)) return name
  const url = OVH_ENDPOINTS[name.toLowerCase()]
  if (!url) throw new InputError(`Unknown OVHcloud endpoint "${name}".`, `Use one of: ${Object.keys(OVH_ENDPOINTS).join(', ')}.`)
  return url
}

/**
 * The documented request signature: "$1$" + SHA-1 (hex) of
 * application secret + consumer key + method + full URL + body + timestamp, joined by "+".
 */
export function ovhSignature(input: {
  applicationSecret: string
  consumerKey: string
  method: string
  url: string
  body: string
  timestamp: number
}): string {
  const payload = [input.applicationSecret, input.consumerKey, input.method, input.url, input.body, input.timestamp].join('+')
  return `$1$${createHash('sha1').update(payload, 'utf8').digest('hex')}`
}

/**
 * Signs every request but GET /auth/time (which must stay unauthenticated), with the server's clock:
 * `skewSeconds()` is the server time minus the local time, measured once through /auth/time.
 */
export function ovhAuthenticator(credentials: OvhCredentials, clock: Clock, skewSeconds: () => number): Authenticator {
  return ({method, url, body}) => {
    const headers: Record<string, string> = {'x-ovh-application': credentials.applicationKey}
    if (url.pathname.endsWith('/auth/time')) return headers
    const timestamp = Math.floor(clock.now() / 1000) + skewSeconds()
    headers['x-ovh-consumer'] = credentials.consumerKey
    headers['x-ovh-timestamp'] = String(timestamp)
    headers['x-ovh-signature'] = ovhSignature({
      applicationSecret: credentials.applicationSecret,
      consumerKey: credentials.consumerKey,
      method,
      url: url.toString(),
      body: body ?? '',
      timestamp,
    })
    return headers
  }
}
