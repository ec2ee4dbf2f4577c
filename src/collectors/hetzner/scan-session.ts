import pLimit, {type LimitFunction} from 'p-limit'
import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput, SourceStatus} from '../../inventory/model.js'
import {HttpError} from '../http.js'
import type {CollectContext, CollectorResult} from '../types.js'

/**
 * Shared machinery of the REST collectors for European providers (Hetzner, Scaleway, OVHcloud,
 * IONOS): a concurrency bound per provider, one SourceStatus per scope, partial failure, and a
 * stop once the provider has rejected the credentials.
 */

export interface ScopeHandle {
  /** Something the user should know about this scope that is not a failure. */
  warn(message: string): void
}

/** One list (or a small group of related lists) inside a scope; it fails on its own. */
export type ScopePart = (scope: ScopeHandle) => Promise<ResourceInput[]>

export interface ScopeOptions {
  /** Runs after every part settled, to add dependencies that need several lists (e.g. IP → server). */
  link?: (resources: ResourceInput[]) => void
}

/** Error text for a snapshot: one line, bounded; HttpError messages already leave credentials out. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const line = text.split(/\r?\n/)[0]!.replace(/\s+/g, ' ').trim()
  return line.length > 300 ? `${line.slice(0, 299)}…` : line || 'Unknown error.'
}

export class ScanSession {
  /** One slot per scope, in the order scopes started, so results do not depend on timing. */
  private readonly slots: {status?: SourceStatus; resources: ResourceInput[]}[] = []
  private readonly limit: LimitFunction
  /** The first credential rejection per API (keyed, so an S3 key does not stop the REST API). */
  private readonly rejected = new Map<string, HttpError>()

  constructor(
    private readonly ctx: CollectContext,
    readonly provider: string,
    private readonly title: string,
  ) {
    this.limit = pLimit(Math.max(1, Math.floor(ctx.concurrency) || 1))
  }

  /**
   * Runs one request, or one listing whose pages follow each other, within the concurrency bound.
   * Once an API rejected the credentials, calls still queued for it are not sent.
   */
  call<T>(operation: () => Promise<T>, api = 'api'): Promise<T> {
    return this.limit(async () => {
      const rejected = this.rejected.get(api)
      if (rejected) throw rejected
      try {
        return await operation()
      } catch (error) {
        if (error instanceof HttpError && error.kind === 'auth' && !this.rejected.has(api)) this.rejected.set(api, error)
        throw error
      }
    })
  }

  /** Runs the parts of one scope concurrently and records its status; throws only when aborted. */
  async scope(scope: string, parts: Record<string, ScopePart>, options: ScopeOptions = {}): Promise<ResourceInput[]> {
    const {progress} = this.ctx
    const slot = this.slots.push({resources: []}) - 1
    progress.scopeStarted(this.provider, scope)
    const names = Object.keys(parts)
    const perPart: ResourceInput[][] = names.map(() => [])
    const errors: string[] = []
    const warnings: string[] = []
    const handle: ScopeHandle = {warn: (message) => warnings.push(message)}
    let total = 0
    await Promise.all(
      names.map(async (name, index) => {
        try {
          const items = await parts[name]!(handle)
          perPart[index] = items
          total += items.length
          progress.scopeProgress(this.provider, scope, total)
        } catch (error) {
          if (this.ctx.signal?.aborted) throw error
          errors.push(`${name}: ${errorText(error)}`)
        }
      }),
    )
    const found = perPart.flat()
    options.link?.(found)
    const status: SourceStatus = {
      provider: this.provider,
      scope,
      status: errors.length === 0 ? 'complete' : errors.length === names.length ? 'failed' : 'partial',
      count: found.length,
    }
    if (errors.length === 1) status.error = errors[0]
    else if (errors.length > 1) {
      status.error = `${errors.length} of ${names.length} lists failed; the first: ${errors[0]}`
      warnings.push(...errors)
    }
    if (warnings.length > 0) status.warnings = warnings
    this.slots[slot] = {status, resources: found}
    progress.scopeFinished(this.provider, status)
    return found
  }

  /** Records a scope that could not even be attempted (its parent listing failed). */
  failedScope(scope: string, error: unknown): void {
    const status: SourceStatus = {provider: this.provider, scope, status: 'failed', error: errorText(error), count: 0}
    this.ctx.progress.scopeStarted(this.provider, scope)
    this.slots.push({status, resources: []})
    this.ctx.progress.scopeFinished(this.provider, status)
  }

  get sources(): SourceStatus[] {
    return this.slots.flatMap((slot) => (slot.status ? [slot.status] : []))
  }

  /** The collector's result; throws (exit code 4) when nothing at all could be read. */
  result(suggestion: string): CollectorResult {
    const sources = this.sources
    if (sources.length > 0 && sources.every((s) => s.status === 'failed')) {
      const first = sources.find((s) => s.error)?.error ?? 'every request failed'
      throw new ExitreadyError(
        `${this.title}: nothing could be read (${first.replace(/\.$/, '')}).`,
        ExitCode.noProvider,
        suggestion,
      )
    }
    return {resources: this.slots.flatMap((slot) => slot.resources), sources}
  }
}

/** The array under `key` in a list response, or a clear "malformed" error naming the request. */
export function listField<T>(data: unknown, key: string, where: string): T[] {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined
  if (!Array.isArray(value)) throw new HttpError(`${where} returned a page without a "${key}" list.`, 'malformed')
  return value as T[]
}

/** Bytes → GiB with two decimals, for sizes the APIs give in bytes. */
export function bytesToGiB(bytes: unknown): number | undefined {
  return typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0 ? Math.round((bytes / 2 ** 30) * 100) / 100 : undefined
}

/** Keeps only defined, non-null attribute values, so snapshots stay small. */
export function compact(attributes: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined && value !== null && value !== '') out[key] = value
  return Object.keys(out).length > 0 ? out : undefined
}

/** Unique, defined dependency ids; undefined when there are none. */
export function deps(...ids: (string | undefined | null | false)[]): string[] | undefined {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))]
  return unique.length > 0 ? unique : undefined
}

/** A string list option given as an array or a comma-separated string. */
export function listOption(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',')
  const trimmed = items.map((item) => item.trim()).filter((item) => item !== '')
  return trimmed.length > 0 ? trimmed : undefined
}
