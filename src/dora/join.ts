import type {AssessedResource} from '../assessment/schema.js'
import {compileGlob} from '../util/glob.js'
import type {Arrangement, ArrangementsFile, Selector} from './arrangements.js'

/** The resources one service of an arrangement covers. */
export interface CoveredService {
  arrangement: Arrangement
  /** Index in arrangement.services, for messages that point into the file. */
  index: number
  resources: AssessedResource[]
}

export interface JoinResult {
  services: CoveredService[]
  /** Per arrangement reference: its resources over all its services, each once. */
  byArrangement: Map<string, AssessedResource[]>
  /** Resources that no arrangement covers. */
  uncovered: AssessedResource[]
  /** Arrangements (or single services of them) whose selectors match nothing. */
  empty: {reference: string; service?: number}[]
}

type Predicate = (r: AssessedResource) => boolean

function compileSelector(selector: Selector): Predicate {
  const checks: Predicate[] = []
  if (selector.provider !== undefined) {
    const provider = selector.provider.toLowerCase()
    checks.push((r) => r.provider.toLowerCase() === provider)
  }
  // Absent attributes never match a glob: a selector on account does not pick resources without one.
  const glob = (pattern: string | undefined, value: (r: AssessedResource) => string | undefined) => {
    if (pattern === undefined) return
    const matcher = compileGlob(pattern)
    checks.push((r) => {
      const v = value(r)
      return v !== undefined && matcher.test(v)
    })
  }
  glob(selector.account, (r) => r.account)
  glob(selector.region, (r) => r.region)
  glob(selector.type, (r) => r.type)
  for (const [key, pattern] of Object.entries(selector.tag ?? {})) glob(pattern, (r) => r.tags[key])
  return (r) => checks.every((check) => check(r))
}

/**
 * Joins arrangements to resources through their selectors (any selector of a service matches). A
 * resource may be covered by several arrangements (e.g. a support contract beside the cloud one).
 */
export function joinArrangements(file: ArrangementsFile, resources: readonly AssessedResource[]): JoinResult {
  const services: CoveredService[] = []
  const compiled: {service: CoveredService; matches: Predicate[]}[] = []
  for (const arrangement of file.arrangements)
    arrangement.services.forEach((s, index) => {
      const service: CoveredService = {arrangement, index, resources: []}
      services.push(service)
      compiled.push({service, matches: s.select.map(compileSelector)})
    })
  const uncovered: AssessedResource[] = []
  const byArrangement = new Map<string, AssessedResource[]>(file.arrangements.map((a) => [a.reference, []]))
  for (const r of resources) {
    let covered = false
    let lastReference: string | undefined
    for (const {service, matches} of compiled) {
      if (!matches.some((m) => m(r))) continue
      covered = true
      service.resources.push(r)
      const reference = service.arrangement.reference
      // Services of one arrangement are consecutive, so one check keeps the arrangement list unique.
      if (reference !== lastReference) byArrangement.get(reference)!.push(r)
      lastReference = reference
    }
    if (!covered) uncovered.push(r)
  }
  const empty: JoinResult['empty'] = []
  for (const arrangement of file.arrangements) {
    if (byArrangement.get(arrangement.reference)!.length === 0) {
      empty.push({reference: arrangement.reference})
      continue
    }
    for (const s of services)
      if (s.arrangement === arrangement && s.resources.length === 0 && arrangement.services.length > 1)
        empty.push({reference: arrangement.reference, service: s.index})
  }
  return {services, byArrangement, uncovered, empty}
}
