/**
 * Kubernetes objects from manifests: multi-document YAML, a `kind: List` (or a typed `…List` as the
 * API server returns it, whose items carry no kind), and `kubectl get -o json`. Each object keeps
 * where it was found, so warnings and errors point at file:line:column (or the JSON path).
 */
import {yamlDocuments} from './yaml-stream.js'

export type Json = Record<string, unknown>

export interface KubeObject {
  apiVersion: string
  kind: string
  /** The API group, '' for the core group. */
  group: string
  name: string
  namespace?: string
  annotations: Record<string, string>
  labels: Record<string, string>
  spec: Json
  status: Json
  /** The whole object, for the readers that need more than spec and status. */
  raw: Json
  /** `file:line:col` (YAML) or `file: items[3]` (JSON). */
  where: string
}

export interface ObjectsRead {
  objects: KubeObject[]
  /** Documents or items that are not Kubernetes objects (a map with apiVersion and kind): where they are. */
  notObjects: string[]
  documents: number
}

export const isJson = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value)
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isJson(value)) return out
  for (const [key, inner] of Object.entries(value))
    if (typeof inner === 'string') out[key] = inner
    else if (typeof inner === 'number' || typeof inner === 'boolean') out[key] = String(inner)
  return out
}

/** `List`, `PodList`, `PersistentVolumeClaimList` …: a list whose items are objects. */
const isList = (value: Json): value is Json & {items: unknown[]} =>
  typeof value.kind === 'string' && /List$/.test(value.kind) && Array.isArray(value.items)

function toObject(value: unknown, where: string, inherited?: {apiVersion?: string; kind?: string}): KubeObject | undefined {
  if (!isJson(value)) return undefined
  const apiVersion = text(value.apiVersion) ?? inherited?.apiVersion
  const kind = text(value.kind) ?? inherited?.kind
  if (!apiVersion || !kind) return undefined
  const metadata = isJson(value.metadata) ? value.metadata : {}
  const slash = apiVersion.indexOf('/')
  return {
    apiVersion,
    kind,
    group: slash >= 0 ? apiVersion.slice(0, slash) : '',
    name: text(metadata.name) ?? text(metadata.generateName) ?? '(unnamed)',
    namespace: text(metadata.namespace),
    annotations: stringMap(metadata.annotations),
    labels: stringMap(metadata.labels),
    spec: isJson(value.spec) ? value.spec : {},
    status: isJson(value.status) ? value.status : {},
    raw: value,
    where,
  }
}

/** The kind of the items of a typed list (`PodList` → `Pod`); a plain `List` names none. */
const itemKind = (listKind: string) => (listKind === 'List' ? undefined : listKind.slice(0, -'List'.length))

/** How deep `kind: List` may nest inside another list (kubectl never nests; the bound stops a crafted file). */
const MAX_LIST_DEPTH = 4

function collect(
  value: unknown,
  where: (path: (string | number)[]) => string,
  path: (string | number)[],
  out: ObjectsRead,
  inherited?: {apiVersion?: string; kind?: string},
  depth = 0,
): void {
  if (isJson(value) && isList(value) && depth < MAX_LIST_DEPTH) {
    const apiVersion = text(value.apiVersion)
    const kind = itemKind(value.kind as string)
    value.items.forEach((item, i) => {
      collect(item, where, [...path, 'items', i], out, kind ? {apiVersion, kind} : undefined, depth + 1)
    })
    return
  }
  const object = toObject(value, where(path), inherited)
  if (object) out.objects.push(object)
  else if (value !== null && value !== undefined) out.notObjects.push(where(path))
}

const jsonPath = (path: (string | number)[]) =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')

/** Objects of a YAML stream. */
export function objectsFromYaml(source: string, file: string): ObjectsRead {
  const out: ObjectsRead = {objects: [], notObjects: [], documents: 0}
  for (const doc of yamlDocuments(source, file)) {
    if (doc.value === null || doc.value === undefined) continue
    out.documents++
    collect(
      doc.value,
      (path) => {
        const {line, col} = path.length === 0 ? doc : doc.at(path)
        return `${file}:${line}:${col}`
      },
      [],
      out,
    )
  }
  return out
}

/** Objects of parsed JSON (`kubectl get … -o json`: a List, or one object). */
export function objectsFromJson(data: unknown, file: string): ObjectsRead {
  const out: ObjectsRead = {objects: [], notObjects: [], documents: 1}
  collect(data, (path) => (path.length === 0 ? file : `${file}: ${jsonPath(path)}`), [], out)
  return out
}
