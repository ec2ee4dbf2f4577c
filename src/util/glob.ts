/**
 * Shell-style globs (`*` any run of characters, `/` and `:` included; `?` one character; nothing
 * else is special), matched without regular expressions: a resource id is chosen by whoever can
 * create resources, and a regex of several `.*` backtracks for minutes on a long one. The literal
 * parts between stars are found left to right, each at its first possible place, which is enough
 * for globs: the time is linear in the value for each part.
 */
export interface GlobMatcher {
  test(value: string): boolean
}

/** Where `part` (with `?` wildcards) matches `value` at `at`. */
function matchesAt(value: string, part: string, at: number): boolean {
  if (at + part.length > value.length) return false
  for (let i = 0; i < part.length; i++) if (part[i] !== '?' && part[i] !== value[at + i]) return false
  return true
}

/** The first index ≥ `from` where `part` matches, or -1. */
function find(value: string, part: string, from: number): number {
  if (!part.includes('?')) return value.indexOf(part, from)
  for (let at = from; at + part.length <= value.length; at++) if (matchesAt(value, part, at)) return at
  return -1
}

export function compileGlob(glob: string, caseInsensitive = false): GlobMatcher {
  const fold = (text: string) => (caseInsensitive ? text.toLowerCase() : text)
  const parts = fold(glob).split('*')
  if (parts.length === 1) {
    const only = parts[0]!
    return {test: (value) => value.length === only.length && matchesAt(fold(value), only, 0)}
  }
  const first = parts[0]!
  const last = parts.at(-1)!
  const middle = parts.slice(1, -1).filter((part) => part !== '')
  return {
    test(raw) {
      const value = fold(raw)
      if (value.length < first.length + last.length) return false
      if (!matchesAt(value, first, 0) || !matchesAt(value, last, value.length - last.length)) return false
      let at = first.length
      const end = value.length - last.length
      for (const part of middle) {
        const found = find(value, part, at)
        if (found === -1 || found + part.length > end) return false
        at = found + part.length
      }
      return true
    },
  }
}

/** A glob as a matcher with the RegExp-like `test`; flags 'i' for case-insensitive. */
export function globToRegExp(glob: string, flags = ''): GlobMatcher {
  return compileGlob(glob, flags.includes('i'))
}

/** Compiles a list of globs into one matcher. */
export function globMatcher(globs: readonly string[], flags = ''): (value: string) => boolean {
  const patterns = globs.map((g) => globToRegExp(g, flags))
  return (value) => patterns.some((pattern) => pattern.test(value))
}
