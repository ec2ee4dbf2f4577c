import {isObject} from '../util/json.js'
import {MAX_SIZE_GIB, type Resource} from './model.js'

/**
 * A fast path for the common case of ResourceSchema: a record that is plainly valid is accepted
 * without zod's per-field work (which cost as much as JSON.parse on large snapshots). It accepts a
 * strict subset of what the schema accepts; anything else, including unknown keys the schema would
 * strip, returns undefined and goes through ResourceSchema for its precise error or result.
 */
const KNOWN_KEYS = new Set([
  'id',
  'provider',
  'type',
  'name',
  'account',
  'region',
  'tags',
  'attributes',
  'dependsOn',
  'sizeGiB',
  'source',
  'seenBy',
])
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]*$/

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const optionalString = (v: unknown) => v === undefined || typeof v === 'string'
const stringArray = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'))

export function fastResource(data: unknown): Resource | undefined {
  if (!isObject(data)) return undefined
  for (const key in data) if (!KNOWN_KEYS.has(key)) return undefined
  if (!nonEmpty(data.id) || !nonEmpty(data.type) || !nonEmpty(data.source)) return undefined
  if (typeof data.provider !== 'string' || !PROVIDER_ID.test(data.provider)) return undefined
  if (!optionalString(data.name) || !optionalString(data.account) || !optionalString(data.region)) return undefined
  if (data.tags !== undefined) {
    if (!isObject(data.tags)) return undefined
    for (const key in data.tags) if (typeof data.tags[key] !== 'string') return undefined
  }
  if (data.attributes !== undefined && !isObject(data.attributes)) return undefined
  if (!stringArray(data.dependsOn) || !stringArray(data.seenBy)) return undefined
  if (
    data.sizeGiB !== undefined &&
    !(typeof data.sizeGiB === 'number' && Number.isFinite(data.sizeGiB) && data.sizeGiB >= 0 && data.sizeGiB <= MAX_SIZE_GIB)
  )
    return undefined
  if (data.tags === undefined) data.tags = {}
  return data as Resource
}
