/**
 * Kubernetes manifests (multi-document YAML, `kind: List`) and `kubectl get … -o json|yaml` output.
 * Workloads move with the cluster; what ties the cluster to its cloud becomes resources of the
 * estate (see kubernetes/couplings.ts). The summary says how many objects were read and how many
 * of them are cloud-coupled.
 */
import type {Catalog} from '../catalog/catalog.js'
import {CONTAINERS_LABEL} from './containers.js'
import {readCouplings} from './kubernetes/couplings.js'
import {isJson, type ObjectsRead, objectsFromJson, objectsFromYaml} from './kubernetes/objects.js'
import type {ExportRead} from './types.js'

export const KUBERNETES_PLAIN_LABEL = 'Kubernetes objects without cloud coupling (they move with the cluster)'

const API_VERSION_LINE = /^apiVersion:[ \t]*["']?(?:[a-z0-9][a-z0-9.-]*\/)?v\d+[a-z0-9]*["']?[ \t]*(?:#.*)?$/m
const KIND_LINE = /^kind:[ \t]*["']?[A-Z][A-Za-z0-9]*["']?[ \t]*(?:#.*)?$/m

/** YAML with a top-level apiVersion and kind, and not one of exitready's own files. */
export const looksLikeKubernetesYaml = (text: string) =>
  API_VERSION_LINE.test(text) && KIND_LINE.test(text) && !/^apiVersion:[ \t]*["']?exitready\.dev\//m.test(text)

/** `kubectl get -o json`: an object with apiVersion and kind, a list with items or one object with metadata. */
export function looksLikeKubernetesJson(data: unknown): boolean {
  if (!isJson(data) || typeof data.apiVersion !== 'string' || typeof data.kind !== 'string') return false
  if (data.apiVersion.startsWith('exitready.dev/')) return false
  return (/List$/.test(data.kind) && Array.isArray(data.items)) || isJson(data.metadata)
}

export interface KubernetesRead extends ExportRead {
  detail: string
  objects: number
  coupled: number
}

/** Reads manifests from YAML text or parsed `kubectl -o json` output. */
export function readKubernetes(
  input: {text: string} | {data: unknown},
  file: string,
  source: string,
  catalog: Catalog,
): KubernetesRead {
  const read: ObjectsRead = 'text' in input ? objectsFromYaml(input.text, file) : objectsFromJson(input.data, file)
  const couplings = readCouplings(read.objects, file, source, catalog)
  const warnings = [...couplings.warnings]
  if (read.notObjects.length > 0)
    warnings.unshift(
      `${read.notObjects.length} documents or items are not Kubernetes objects (a map with apiVersion and kind) and were skipped: ${read.notObjects.slice(0, 5).join(', ')}${read.notObjects.length > 5 ? ' …' : ''}.`,
    )
  if (read.objects.length === 0) warnings.push('The file holds no Kubernetes objects.')
  const plain = read.objects.length - couplings.coupled
  const skipped: Record<string, number> = {}
  if (plain > 0) skipped[KUBERNETES_PLAIN_LABEL] = plain
  if (couplings.containers > 0) skipped[CONTAINERS_LABEL] = couplings.containers
  const form = 'text' in input ? `YAML, ${read.documents} document${read.documents === 1 ? '' : 's'}` : 'JSON'
  return {
    resources: couplings.resources,
    warnings,
    skipped,
    objects: read.objects.length,
    coupled: couplings.coupled,
    detail: `Kubernetes manifests (${form}): ${read.objects.length} objects read, ${couplings.coupled} cloud-coupled`,
  }
}
