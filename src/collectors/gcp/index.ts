import type {Collector} from '../types.js'
import {defaultScopes, detectGcp} from './auth.js'
import {gcpOptions} from './options.js'

/** The scopes asked for: parsed options (or raw ones the registry has not seen), without the defaults. */
function requestedScopes(options: unknown): string[] {
  const parsed = gcpOptions.safeParse(options ?? {})
  if (parsed.success) return parsed.data.scopes ?? []
  const scopes = (options as {scopes?: unknown} | undefined)?.scopes
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string' && s !== '') : []
}

/**
 * Google Cloud through Cloud Asset Inventory `searchAllResources`, one paged search per scope
 * (organizations/N, folders/N, projects/ID), scopes in parallel. The SDK loads only when a scan runs.
 */
export const collector: Collector = {
  id: 'gcp',
  title: 'Google Cloud',
  detect(ctx) {
    const requested = requestedScopes(ctx.options.gcp)
    return detectGcp(ctx.env, requested.length > 0 ? requested : defaultScopes(ctx.env))
  },
  async collect(ctx) {
    const {collectGcp} = await import('./collect.js')
    return collectGcp(ctx)
  },
}
