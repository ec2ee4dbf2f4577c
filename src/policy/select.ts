import type {AssessedResource} from '../assessment/schema.js'
import {globToRegExp} from '../util/glob.js'
import type {Selector} from './schema.js'

const list = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value]

/** Compiles a selector into a predicate once, so evaluation stays linear in the number of resources. */
export function compileSelector(selector: Selector): (r: AssessedResource) => boolean {
  const tests: ((r: AssessedResource) => boolean)[] = []
  // `memo` for fields with few distinct values (types, regions): each value is matched once, not once per resource.
  const globs = (values: string[] | undefined, get: (r: AssessedResource) => string | undefined, memo = false) => {
    if (!values) return
    const patterns = values.map((v) => globToRegExp(v, 'i'))
    const matches = (value: string) => patterns.some((p) => p.test(value))
    if (!memo) {
      tests.push((r) => {
        const value = get(r)
        return value !== undefined && matches(value)
      })
      return
    }
    const seen = new Map<string, boolean>()
    tests.push((r) => {
      const value = get(r)
      if (value === undefined) return false
      let hit = seen.get(value)
      if (hit === undefined) {
        hit = matches(value)
        seen.set(value, hit)
      }
      return hit
    })
  }
  const oneOf = <T extends string>(values: T[] | undefined, get: (r: AssessedResource) => string | undefined) => {
    if (!values) return
    const set = new Set<string>(values)
    tests.push((r) => set.has(get(r) ?? ''))
  }
  oneOf(list(selector.provider), (r) => r.provider)
  globs(list(selector.type), (r) => r.type, true)
  oneOf(list(selector.category), (r) => r.category)
  oneOf(list(selector.portability), (r) => r.portability)
  oneOf(list(selector.jurisdiction), (r) => r.control)
  globs(list(selector.region), (r) => r.region, true)
  oneOf(
    list(selector.country)?.map((c) => c.toUpperCase()),
    (r) => r.country,
  )
  globs(list(selector.id), (r) => r.id)
  if (selector.stateful !== undefined) tests.push((r) => r.stateful === selector.stateful)
  if (selector.critical !== undefined) tests.push((r) => r.critical === selector.critical)
  for (const [key, value] of Object.entries(selector.tags ?? {})) {
    const pattern = globToRegExp(value, 'i')
    tests.push((r) => r.tags[key] !== undefined && pattern.test(r.tags[key]!))
  }
  return (r) => tests.every((test) => test(r))
}
