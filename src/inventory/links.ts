import type {Resource} from './model.js'

/** Where an edge was learnt: collectors' declared links, Terraform state, provider relationships, or inferred from attributes. */
export type EdgeOrigin = 'declared' | 'state' | 'relationship' | 'inferred'

/** The origins by code: `UsageLinks.origin[k]` indexes this list. */
export const EDGE_ORIGINS: readonly EdgeOrigin[] = ['declared', 'state', 'relationship', 'inferred']
const DECLARED = 0
const STATE = 1
const RELATIONSHIP = 2
const INFERRED = 3

/** `from` uses `to` (a usage edge): leaving `to` affects `from`. */
export interface UsageEdge {
  from: string
  to: string
  origin: EdgeOrigin
}

/**
 * The usage edges of an estate resolved once into integers over the resources' order: edge k is
 * `from[k]` uses `to[k]`, learnt as `EDGE_ORIGINS[origin[k]]`. No self-loops, no edge twice from one resource.
 */
export interface UsageLinks {
  /** The resources' ids, in the order the indices count. */
  ids: readonly string[]
  /** Id → index, shared with whatever else needs to find a resource by id. */
  index: IdIndex
  length: number
  from: Int32Array
  to: Int32Array
  origin: Uint8Array
}

const ARN = /arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:[^\s"',;)\]}]+/g
const AZURE_ID = /\/subscriptions\/[0-9a-f-]{36}\/[^\s"',;)\]}]+/gi
const GCP_SELF_LINK =
  /https:\/\/(?:www\.)?googleapis\.com\/(compute|storage|container|sqladmin)\/v1(?:beta1)?\/(projects\/[^\s"',;)\]}]+)/g
const MAX_DEPTH = 5

/**
 * Finds resources by id: exactly, and Azure ids case-insensitively (ARM ids vary in casing between
 * APIs). An id listed twice resolves to its last listing, as a `Map` built over the list would.
 */
export class IdIndex {
  /** Id → index of its last listing. */
  readonly exact = new Map<string, number>()
  /** Whether some id is listed more than once (then an index is not always its own id's). */
  readonly duplicates: boolean
  private readonly folded = new Map<string, number>()
  /** `exact`: the id → index map of these ids when already built (each id once), so it is not built twice. */
  constructor(ids: readonly string[], exact?: Map<string, number>) {
    if (exact && exact.size === ids.length) this.exact = exact
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      if (this.exact !== exact) this.exact.set(id, i)
      if (id.charCodeAt(0) === 47 /* '/' */) this.folded.set(id.toLowerCase(), i)
    }
    this.duplicates = this.exact.size !== ids.length
  }

  has(id: string): boolean {
    return this.exact.has(id)
  }

  /** The index of a listed id, or -1. */
  indexOf(id: string): number {
    return this.exact.get(id) ?? -1
  }

  /** The resource a reference names: itself, or for an ARM id, the nearest listed ancestor (a subnet → its network); -1 if none. */
  resolve(reference: string): number {
    const hit = this.exact.get(reference)
    if (hit !== undefined) return hit
    if (!reference.startsWith('/')) return -1
    let key = reference.toLowerCase().replace(/\/+$/, '')
    // Walk up child segments (…/providers/X/type/name/childType/childName) while still inside a provider namespace.
    for (let i = 0; i < 4 && key.includes('/providers/'); i++) {
      const folded = this.folded.get(key)
      if (folded !== undefined) return folded
      const cut = key.replace(/\/[^/]+\/[^/]+$/, '')
      if (cut === key || !cut.includes('/providers/')) return -1
      key = cut
    }
    return -1
  }
}

/** Candidate references inside one string value. */
function* referencesIn(value: string): Generator<string> {
  if (value.length < 8) return
  yield value
  if (value.includes('arn:aws')) for (const m of value.matchAll(ARN)) if (m[0] !== value) yield m[0]
  if (value.includes('/subscriptions/')) for (const m of value.matchAll(AZURE_ID)) if (m[0] !== value) yield m[0]
  if (value.includes('googleapis.com/')) for (const m of value.matchAll(GCP_SELF_LINK)) yield `//${m[1]}.googleapis.com/${m[2]}`
}

function collectStrings(value: unknown, out: string[], depth: number): void {
  if (typeof value === 'string') out.push(value)
  else if (depth < MAX_DEPTH && Array.isArray(value)) for (const item of value) collectStrings(item, out, depth + 1)
  else if (depth < MAX_DEPTH && value !== null && typeof value === 'object')
    for (const item of Object.values(value)) collectStrings(item, out, depth + 1)
}

/** Int32 and Uint8 columns that grow by doubling. */
class EdgeColumns {
  length = 0
  from: Int32Array
  to: Int32Array
  origin: Uint8Array
  constructor(capacity: number) {
    this.from = new Int32Array(capacity)
    this.to = new Int32Array(capacity)
    this.origin = new Uint8Array(capacity)
  }

  push(from: number, to: number, origin: number): void {
    if (this.length === this.from.length) {
      const capacity = Math.max(16, this.length * 2)
      const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
        const next = make(capacity)
        next.set(old)
        return next
      }
      this.from = grow(this.from, (n) => new Int32Array(n))
      this.to = grow(this.to, (n) => new Int32Array(n))
      this.origin = grow(this.origin, (n) => new Uint8Array(n))
    }
    this.from[this.length] = from
    this.to[this.length] = to
    this.origin[this.length] = origin
    this.length++
  }
}

const TERRAFORM_SOURCE = /terraform|tofu/i

/**
 * Every usage edge of the estate, as integers: declared `dependsOn` links (with their origin) and
 * references found in attributes (resource ids, ARNs in policy documents or environment variables,
 * ARM ids, GCP self-links). Linear in the size of the resources' attributes.
 */
/** Id → position of resource lists whose ids are each listed once, found while reading them (see `rememberIndex`). */
const knownIndexes = new WeakMap<readonly Resource[], Map<string, number>>()

/** Records the id → position map of a list of resources whose ids are unique, for `usageLinks` to reuse. */
export function rememberIndex(resources: readonly Resource[], index: Map<string, number>): void {
  knownIndexes.set(resources, index)
}

function knownIndexOf(resources: readonly Resource[]): Map<string, number> | undefined {
  const index = knownIndexes.get(resources)
  // Only while the list is as it was read: same length, and its ends still where the map says.
  if (!index || index.size !== resources.length) return undefined
  const n = resources.length
  if (n > 0 && (index.get(resources[0]!.id) !== 0 || index.get(resources[n - 1]!.id) !== n - 1)) return undefined
  return index
}

export function usageLinks(resources: readonly Resource[]): UsageLinks {
  const n = resources.length
  const ids = new Array<string>(n)
  for (let i = 0; i < n; i++) ids[i] = resources[i]!.id
  const index = new IdIndex(ids, knownIndexOf(resources))
  const edges = new EdgeColumns(Math.max(16, n * 2))
  // seen[t] === i + 1 while resource i is linked to t already (or t is i itself): one array, not a set per resource.
  const seen = new Int32Array(n)
  const strings: string[] = []
  for (let i = 0; i < n; i++) {
    const r = resources[i]!
    const self = index.duplicates ? index.indexOf(r.id) : i
    const stamp = i + 1
    seen[self] = stamp
    const dependsOn = r.dependsOn
    if (dependsOn?.length) {
      // Where a declared dependency came from: Terraform state, a provider relationship, or the collector.
      const fromState = TERRAFORM_SOURCE.test(r.source)
      const parent = r.attributes?.parentFullResourceName
      for (const dep of dependsOn) {
        const target = index.resolve(dep)
        if (target < 0 || seen[target] === stamp) continue
        seen[target] = stamp
        edges.push(self, target, fromState ? STATE : parent === dep ? RELATIONSHIP : DECLARED)
      }
    }
    if (!r.attributes) continue
    strings.length = 0
    collectStrings(r.attributes, strings, 0)
    for (const value of strings)
      for (const reference of referencesIn(value)) {
        const target = index.resolve(reference)
        if (target < 0 || seen[target] === stamp) continue
        seen[target] = stamp
        edges.push(self, target, INFERRED)
      }
  }
  return {
    ids,
    index,
    length: edges.length,
    from: edges.from.subarray(0, edges.length),
    to: edges.to.subarray(0, edges.length),
    origin: edges.origin.subarray(0, edges.length),
  }
}

/** The links as edge objects, in the same order (for consumers that want ids). */
export function linkEdges(links: UsageLinks): UsageEdge[] {
  const edges = new Array<UsageEdge>(links.length)
  for (let k = 0; k < links.length; k++)
    edges[k] = {from: links.ids[links.from[k]!]!, to: links.ids[links.to[k]!]!, origin: EDGE_ORIGINS[links.origin[k]!]!}
  return edges
}

/** Every usage edge of the estate as objects: `usageLinks` with ids instead of indices. */
export const usageEdges = (resources: readonly Resource[]): UsageEdge[] => linkEdges(usageLinks(resources))
