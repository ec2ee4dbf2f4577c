import type {z} from 'zod'
import {InputError} from '../errors.js'
import {writeChunksAtomic} from '../util/atomic.js'
import {describeJsonError} from '../util/json.js'
import {JsonSyntaxError, type StreamedJsonObject, streamJsonObject} from '../util/json-stream.js'
import {lineBatches} from '../util/lines.js'
import {pretty, prettyList, prettyObject} from '../util/pretty-json.js'
import {inputFileSize, readInputFile} from '../util/yaml.js'
import {fastResource} from './fast-check.js'
import {rememberIndex} from './links.js'
import {
  type Resource,
  type ResourceInput,
  ResourceSchema,
  SNAPSHOT_SCHEMA_ID,
  type Snapshot,
  type SnapshotHeader,
  SnapshotHeaderSchema,
  type SourceStatus,
} from './model.js'
import {isSecretKey, redactAttributes} from './redact.js'

/** JSON read whole (imports, assessments for diff) is refused above this size: V8 cannot hold one much larger string. */
export const MAX_JSON_SNAPSHOT_BYTES = 400 * 1024 * 1024
/** NDJSON snapshots are read line by line, JSON snapshots as a stream: 8 GiB is about 25 million resources. */
export const MAX_NDJSON_SNAPSHOT_BYTES = 8 * 1024 ** 3
/**
 * JSON snapshots above this size are read as a stream, element by element, rather than as one
 * string: with the same result and the same errors, and no limit from V8's longest string.
 */
export const STREAM_JSON_SNAPSHOT_ABOVE = 64 * 1024 * 1024
/** The snapshot `scan` and `import` write when no --out is given. */
export const DEFAULT_SNAPSHOT_FILE = 'inventory.json'
/** Above this many resources, the default snapshot is NDJSON: read line by line, faster than one JSON document. */
export const NDJSON_DEFAULT_ABOVE = 100_000

/**
 * Where a snapshot of `count` resources goes: the file the user named, else inventory.json, or
 * inventory.ndjson above NDJSON_DEFAULT_ABOVE resources, with a sentence saying so.
 */
export function snapshotTarget(requested: string | undefined, count: number): {file: string; note?: string} {
  if (requested !== undefined) return {file: requested}
  if (count <= NDJSON_DEFAULT_ABOVE) return {file: DEFAULT_SNAPSHOT_FILE}
  const file = DEFAULT_SNAPSHOT_FILE.replace(/\.json$/, '.ndjson')
  return {
    file,
    note: `${count.toLocaleString('en-GB')} resources are above ${NDJSON_DEFAULT_ABOVE.toLocaleString('en-GB')}, so the snapshot is written as NDJSON to ${file} (pass --out ${DEFAULT_SNAPSHOT_FILE} for JSON); ${DEFAULT_SNAPSHOT_FILE}, if there is one, is left as it was.`,
  }
}

export interface ReadSnapshotOptions {
  /** JSON files larger than this many bytes are streamed (tests lower it). */
  streamJsonAbove?: number
}

export function isNdjsonPath(file: string): boolean {
  return /\.(nd)?jsonl?$/i.test(file) && !/\.json$/i.test(file)
}

export function createSnapshot(resources: ResourceInput[], sources: SourceStatus[], createdAt = new Date()): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA_ID,
    createdAt: createdAt.toISOString(),
    sources,
    resources: resources.map(normaliseResource),
  }
}

/**
 * Tags as plain strings: values stringified (an import may carry numbers or booleans), a value
 * whose key looks secret (`DB_PASSWORD`) redacted like an attribute, and keys such as `__proto__`
 * kept as ordinary keys (an assignment would replace the object's prototype instead).
 */
export function cleanTags(tags: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!tags) return out
  for (const key of Object.keys(tags)) {
    const raw = tags[key]
    const value = isSecretKey(key)
      ? '[redacted]'
      : typeof raw === 'string'
        ? raw
        : raw == null
          ? ''
          : typeof raw === 'object'
            ? JSON.stringify(raw)
            : String(raw)
    Object.defineProperty(out, key, {value, enumerable: true, writable: true, configurable: true})
  }
  return out
}

/** Fills defaults and drops secret-looking attributes and tag values; every producer's resources pass through here. */
export function normaliseResource(input: ResourceInput): Resource {
  const resource: Resource = {...input, tags: cleanTags(input.tags)}
  const attributes = redactAttributes(input.attributes)
  if (attributes) resource.attributes = attributes
  else delete resource.attributes
  if (resource.dependsOn?.length === 0) delete resource.dependsOn
  return resource
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('')
}

function issueText(error: z.ZodError, prefix: readonly PropertyKey[] = []): string {
  const issue = error.issues[0]!
  const path = pathText([...prefix, ...issue.path])
  return `${path ? `${path}: ` : ''}${issue.message}`
}

/** Reads a snapshot, JSON or NDJSON by extension, and validates it; errors name the file and the field. */
export async function readSnapshot(file: string, options: ReadSnapshotOptions = {}): Promise<Snapshot> {
  return mergeDuplicateIds(await readSnapshotAsWritten(file, options), file)
}

/**
 * A resource listed twice in one snapshot (a hand-edited file, two exports concatenated) is one
 * resource: merged by the same rule as `mergeSnapshots`, and said in the snapshot's sources.
 */
function mergeDuplicateIds(snapshot: Snapshot, file: string): Snapshot {
  // Id → position: kept for the usage links when every id is listed once, so the estate is indexed once.
  const seen = new Map<string, number>()
  let duplicates = 0
  const {resources} = snapshot
  for (let i = 0; i < resources.length; i++) {
    const id = resources[i]!.id
    if (seen.has(id)) duplicates++
    else seen.set(id, i)
  }
  if (duplicates === 0) {
    rememberIndex(resources, seen)
    return snapshot
  }
  const merged = mergeSnapshots([snapshot], new Date(snapshot.createdAt))
  const warning = `${file}: ${duplicates} resource entr${duplicates === 1 ? 'y repeats an id' : 'ies repeat ids'} listed before; each id is kept once, its tags, attributes and dependencies merged.`
  const [first, ...rest] = snapshot.sources
  const sources = first
    ? [{...first, warnings: [...(first.warnings ?? []), warning]}, ...rest]
    : [
        {
          provider: snapshot.resources[0]!.provider,
          scope: file,
          status: 'complete' as const,
          count: merged.resources.length,
          warnings: [warning],
        },
      ]
  return {...merged, createdAt: snapshot.createdAt, sources}
}

const NOT_JSON_HINT = 'Is it a snapshot written by exitready scan or import?'

async function readSnapshotAsWritten(file: string, options: ReadSnapshotOptions): Promise<Snapshot> {
  if (isNdjsonPath(file)) return readNdjsonSnapshot(file)
  const size = await inputFileSize(file)
  if (size > (options.streamJsonAbove ?? STREAM_JSON_SNAPSHOT_ABOVE)) return readJsonSnapshotStreamed(file, size)
  const text = await readInputFile(file, MAX_JSON_SNAPSHOT_BYTES)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new InputError(`${file}: ${await describeJsonError(text)}.`, NOT_JSON_HINT)
  }
  return validateSnapshot(data, file)
}

/** The snapshot's header (everything but its resources), checked in the order a reader meets the problems. */
function validateHeader(data: unknown, file: string): SnapshotHeader {
  if (typeof data !== 'object' || data === null || (data as {schema?: unknown}).schema !== SNAPSHOT_SCHEMA_ID) {
    throw new InputError(
      `${file}: not an exitready inventory snapshot (expected "schema": "${SNAPSHOT_SCHEMA_ID}").`,
      'Create one with `exitready scan` or `exitready import`.',
    )
  }
  const {resources: _resources, ...rest} = data as {resources?: unknown}
  const header = SnapshotHeaderSchema.safeParse(rest)
  if (!header.success) throw new InputError(`${file}: ${issueText(header.error)}.`)
  return header.data
}

export function validateSnapshot(data: unknown, file: string): Snapshot {
  const header = validateHeader(data, file)
  const {resources} = data as {resources?: unknown}
  if (!Array.isArray(resources)) throw new InputError(`${file}: resources: expected an array of resources.`)
  return {...header, resources: resources.map((r, i) => parseResource(r, file, ['resources', i]))}
}

/**
 * A JSON snapshot too large to read as one string: the resources are parsed and checked one by
 * one as they stream by. The result and the errors are those of the whole-file path: a syntax
 * error anywhere comes first, then the header, then the first invalid resource.
 */
async function readJsonSnapshotStreamed(file: string, size: number): Promise<Snapshot> {
  if (size > MAX_NDJSON_SNAPSHOT_BYTES)
    throw new InputError(
      `${file}: ${size} bytes is over the ${MAX_NDJSON_SNAPSHOT_BYTES}-byte limit for a snapshot.`,
      'Split the estate into several snapshots and pass them all to assess.',
    )
  let resources: Resource[] = []
  let invalid: InputError | undefined
  let streamed: StreamedJsonObject
  try {
    streamed = await streamJsonObject(file, {
      arrayKey: 'resources',
      onArray: () => {
        // A repeated key wins, as in JSON.parse.
        resources = []
        invalid = undefined
        return (value) => {
          if (invalid) return
          try {
            resources.push(parseResource(value, file, ['resources', resources.length]))
          } catch (error) {
            if (!(error instanceof InputError)) throw error
            invalid = error
          }
        }
      },
    })
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new InputError(`${file}: ${error.message}.`, NOT_JSON_HINT)
    const code = (error as NodeJS.ErrnoException).code
    if (code) throw new InputError(`${file}: cannot be read (${code}).`, 'Check the path.')
    throw error
  }
  if (!streamed.object) return validateSnapshot(undefined, file)
  if (!streamed.streamed) return validateSnapshot(streamed.members, file)
  const header = validateHeader(streamed.members, file)
  if (invalid) throw invalid
  return {...header, resources}
}

/** One resource: the fast path when it is plainly valid, else the schema with its precise error. */
function parseResource(data: unknown, file: string, at: PropertyKey[], line?: number): Resource {
  const fast = fastResource(data)
  if (fast) return fast
  const parsed = ResourceSchema.safeParse(data)
  if (parsed.success) return parsed.data
  throw new InputError(`${file}${line === undefined ? '' : `:${line}`}: ${issueText(parsed.error, at)}.`)
}

async function readNdjsonSnapshot(file: string): Promise<Snapshot> {
  // NDJSON is streamed, so the bound is far above a JSON snapshot's; each line is bounded too.
  const size = await inputFileSize(file)
  if (size > MAX_NDJSON_SNAPSHOT_BYTES)
    throw new InputError(
      `${file}: ${size} bytes is over the ${MAX_NDJSON_SNAPSHOT_BYTES}-byte limit for an NDJSON snapshot.`,
      'Split the estate into several snapshots and pass them all to assess.',
    )
  let header: z.infer<typeof SnapshotHeaderSchema> | undefined
  const resources: Resource[] = []
  let lineNo = 0
  for await (const batch of lineBatches(file))
    for (const line of batch) {
      lineNo++
      if (line.trim() === '') continue
      let data: unknown
      try {
        data = JSON.parse(line)
      } catch {
        const where = (await describeJsonError(line)).replace(/at line 1, column (\d+)/, 'at column $1')
        throw new InputError(`${file}:${lineNo}: ${where}.`, 'Each line of an NDJSON snapshot is one JSON value.')
      }
      if (!header) {
        const parsed = SnapshotHeaderSchema.safeParse(data)
        if (!parsed.success)
          throw new InputError(`${file}:${lineNo}: the first line must be the snapshot header (${issueText(parsed.error)}).`)
        header = parsed.data
        continue
      }
      resources.push(parseResource(data, file, ['resource'], lineNo))
    }
  if (!header) throw new InputError(`${file}: empty file; expected an NDJSON snapshot header on line 1.`)
  return {...header, resources}
}

function* ndjsonChunks(snapshot: Snapshot): Generator<string> {
  const {resources, ...header} = snapshot
  yield `${JSON.stringify(header)}\n`
  for (const resource of resources) yield `${JSON.stringify(normaliseResource(resource))}\n`
}

/** The snapshot as JSON.stringify(snapshot, null, 2) prints it, resource by resource. */
function* jsonChunks(snapshot: Snapshot): Generator<string> {
  yield* prettyObject(snapshot, 0, {
    resources: (resources) => prettyList(resources as Resource[], 1, (r) => [pretty(normaliseResource(r), 2) ?? 'null']),
  })
  yield '\n'
}

/** Writes a snapshot atomically, as NDJSON or JSON by extension, redacting attributes on the way. */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await writeChunksAtomic(file, isNdjsonPath(file) ? ndjsonChunks(snapshot) : jsonChunks(snapshot))
}

function unionInto<T>(target: T[] | undefined, more: T[] | undefined): T[] | undefined {
  if (!more?.length) return target
  if (!target?.length) return [...more]
  const set = new Set(target)
  for (const item of more) set.add(item)
  return [...set]
}

/**
 * Merges snapshots: resources with the same id become one, tags and attributes are combined
 * (later sources win on conflicts), dependencies are united, and `seenBy` records every source.
 */
export function mergeSnapshots(snapshots: Snapshot[], createdAt = new Date()): Snapshot {
  const byId = new Map<string, Resource>()
  for (const snapshot of snapshots) {
    for (const resource of snapshot.resources) {
      const existing = byId.get(resource.id)
      if (!existing) {
        byId.set(resource.id, resource.seenBy ? resource : {...resource, seenBy: [resource.source]})
        continue
      }
      existing.tags = {...existing.tags, ...resource.tags}
      if (resource.attributes) existing.attributes = {...existing.attributes, ...resource.attributes}
      existing.dependsOn = unionInto(existing.dependsOn, resource.dependsOn)
      existing.seenBy = unionInto(existing.seenBy, resource.seenBy ?? [resource.source])
      existing.name ??= resource.name
      existing.account ??= resource.account
      existing.region ??= resource.region
      if (resource.sizeGiB !== undefined) existing.sizeGiB = Math.max(existing.sizeGiB ?? 0, resource.sizeGiB)
    }
  }
  return {
    schema: SNAPSHOT_SCHEMA_ID,
    createdAt: createdAt.toISOString(),
    sources: snapshots.flatMap((s) => s.sources),
    resources: [...byId.values()],
  }
}
