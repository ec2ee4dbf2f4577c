// Oracle for test/graph/equivalence.test.ts: src/graph/infer.ts as it was before the integer (CSR) rewrite
// (commit b8d0964), kept unchanged apart from import paths, so the new stages can be compared with it.
import type {Resource} from '../../../src/inventory/model.js'
import type {EdgeOrigin, UsageEdge} from './types.js'

const ARN = /arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:[^\s"',;)\]}]+/g
const AZURE_ID = /\/subscriptions\/[0-9a-f-]{36}\/[^\s"',;)\]}]+/gi
const GCP_SELF_LINK =
  /https:\/\/(?:www\.)?googleapis\.com\/(compute|storage|container|sqladmin)\/v1(?:beta1)?\/(projects\/[^\s"',;)\]}]+)/g
const MAX_DEPTH = 5

/** Looks up ids exactly, and Azure ids case-insensitively (ARM ids vary in casing between APIs). */
export class IdIndex {
  private readonly exact = new Set<string>()
  private readonly folded = new Map<string, string>()
  constructor(ids: Iterable<string>) {
    for (const id of ids) {
      this.exact.add(id)
      if (id.startsWith('/')) this.folded.set(id.toLowerCase(), id)
    }
  }

  has(id: string): boolean {
    return this.exact.has(id)
  }

  /** The listed id a reference names: itself, or for an ARM id, the nearest listed ancestor (a subnet → its network). */
  resolve(reference: string): string | undefined {
    if (this.exact.has(reference)) return reference
    if (!reference.startsWith('/')) return undefined
    let key = reference.toLowerCase().replace(/\/+$/, '')
    // Walk up child segments (…/providers/X/type/name/childType/childName) while still inside a provider namespace.
    for (let i = 0; i < 4 && key.includes('/providers/'); i++) {
      const hit = this.folded.get(key)
      if (hit) return hit
      const cut = key.replace(/\/[^/]+\/[^/]+$/, '')
      if (cut === key || !cut.includes('/providers/')) return undefined
      key = cut
    }
    return undefined
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

/** Where a declared dependency came from: Terraform state, a provider relationship, or the collector. */
function declaredOrigin(resource: Resource, target: string): EdgeOrigin {
  if (/terraform|tofu/i.test(resource.source)) return 'state'
  if (resource.attributes?.parentFullResourceName === target) return 'relationship'
  return 'declared'
}

/**
 * Every usage edge of the estate: declared `dependsOn` links (with their origin) and references
 * found in attributes (resource ids, ARNs in policy documents or environment variables, ARM ids,
 * GCP self-links). Linear in the size of the resources' attributes.
 */
export function usageEdges(resources: readonly Resource[]): UsageEdge[] {
  const index = new IdIndex(resources.map((r) => r.id))
  const edges: UsageEdge[] = []
  const strings: string[] = []
  for (const r of resources) {
    const seen = new Set<string>([r.id])
    for (const dep of r.dependsOn ?? []) {
      const target = index.resolve(dep)
      if (!target || seen.has(target)) continue
      seen.add(target)
      edges.push({from: r.id, to: target, origin: declaredOrigin(r, dep)})
    }
    if (!r.attributes) continue
    strings.length = 0
    collectStrings(r.attributes, strings, 0)
    for (const value of strings)
      for (const reference of referencesIn(value)) {
        const target = index.resolve(reference)
        if (!target || seen.has(target)) continue
        seen.add(target)
        edges.push({from: r.id, to: target, origin: 'inferred'})
      }
  }
  return edges
}
