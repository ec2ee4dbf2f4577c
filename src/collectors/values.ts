import {HttpError} from './http.js'

/** Small value helpers the REST collectors share when they read API objects and options. */

/** Keeps only attribute values that say something (no undefined, null, '' or []), so snapshots stay small. */
export function compact(attributes: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)) out[key] = value
  return Object.keys(out).length > 0 ? out : undefined
}

/** Unique, defined dependency ids; undefined when there are none. */
export function deps(...ids: (string | undefined | null | false)[]): string[] | undefined {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))]
  return unique.length > 0 ? unique : undefined
}

/** A number (or numeric string) that is zero or more; undefined for anything else. */
export function nonNegativeNumber(value: unknown): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined
  const n = Number(value)
  return value !== '' && Number.isFinite(n) && n >= 0 ? n : undefined
}

/** Bytes → GiB with two decimals, for sizes the APIs give in bytes. */
export function bytesToGiB(bytes: unknown): number | undefined {
  const value = nonNegativeNumber(bytes)
  return value === undefined ? undefined : Math.round((value / 2 ** 30) * 100) / 100
}

/** A list option given as an array or a comma-separated string: trimmed, unique, undefined when absent or empty. */
export function listOption(value: unknown): string[] | undefined {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
  const cleaned = items.map((item) => String(item).trim()).filter((item) => item !== '')
  return cleaned.length > 0 ? [...new Set(cleaned)] : undefined
}

/** Labels as tags, from a key/value object or a [{key, value}] list; only string-like values are kept. */
export function labelsToTags(labels: unknown): Record<string, string> {
  const tags: Record<string, string> = {}
  if (Array.isArray(labels)) {
    for (const label of labels as {key?: unknown; value?: unknown}[])
      if (typeof label?.key === 'string') tags[label.key] = label.value === undefined ? '' : String(label.value)
    return tags
  }
  if (labels && typeof labels === 'object')
    for (const [key, value] of Object.entries(labels))
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value)
  return tags
}

/**
 * The list in a response: the array under `key`, or the response itself when no key is given.
 * Anything else is a malformed page, reported with `where` (e.g. "hetzner: GET /servers").
 */
export function expectList<T>(data: unknown, where: string, key?: string): T[] {
  const value =
    key === undefined ? data : typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined
  if (Array.isArray(value)) return value as T[]
  const what = key === undefined ? 'did not return a list' : `returned a page without a "${key}" list`
  throw new HttpError(`${where} ${what} (not in the documented shape).`, 'malformed')
}
