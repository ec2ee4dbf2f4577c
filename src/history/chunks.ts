import {gunzipSync, gzipSync} from 'node:zlib'
import type {Assessment} from '../assessment/schema.js'
import {InputError} from '../errors.js'
import type {ResourceScore} from './store.js'

/**
 * Resource scores are kept compact: chunks of CHUNK_RESOURCES resources, each a gzip'd JSON array of
 * tuples. One row per chunk instead of one per resource keeps a 1,000,000-resource record to about
 * a hundred inserts and a small fraction of the size; nothing queries single resources in SQL.
 */
export const RESOURCE_CODEC = 'json-tuples-gzip@1'
export const CHUNK_RESOURCES = 10_000

/** [id, provider, type, name | null, category, portability, score, weight, critical 0/1, stateful 0/1] */
type Tuple = [string, string, string, string | null, string, string, number, number, 0 | 1, 0 | 1]

const text = (value: string | undefined): string => (value === undefined ? 'null' : JSON.stringify(value))

/** One chunk's JSON, built as text: no tuple arrays for the collector to chase. */
function chunkJson(resources: Assessment['resources'], start: number, end: number): string {
  const rows: string[] = new Array(end - start)
  for (let i = start; i < end; i++) {
    const r = resources[i]!
    rows[i - start] =
      `[${text(r.id)},${text(r.provider)},${text(r.type)},${text(r.name)},${text(r.category)},${text(r.portability)},${r.score},${r.weight},${r.critical ? 1 : 0},${r.stateful ? 1 : 0}]`
  }
  return `[${rows.join(',')}]`
}

/** The resources' chunks in order (gzip level 1: a third of the default level's time for a tenth more bytes). */
export function* encodeResourceChunks(resources: Assessment['resources']): Generator<{resources: number; data: Uint8Array}> {
  for (let start = 0; start < resources.length; start += CHUNK_RESOURCES) {
    const end = Math.min(start + CHUNK_RESOURCES, resources.length)
    yield {resources: end - start, data: gzipSync(chunkJson(resources, start, end), {level: 1})}
  }
}

export function decodeResourceChunk(codec: string, data: Uint8Array): ResourceScore[] {
  // A later exitready may add codecs; an unknown one is an error rather than resources silently missing.
  if (codec !== RESOURCE_CODEC)
    throw new InputError(
      `The history holds resource scores in a format this exitready does not know (${codec}).`,
      'Upgrade exitready to read this history.',
    )
  const tuples = JSON.parse(gunzipSync(data).toString('utf8')) as Tuple[]
  return tuples.map(([id, provider, type, name, category, portability, score, weight, critical, stateful]) => ({
    id,
    provider,
    type,
    ...(name !== null ? {name} : {}),
    category,
    portability,
    score,
    weight,
    critical: critical === 1,
    stateful: stateful === 1,
  }))
}
