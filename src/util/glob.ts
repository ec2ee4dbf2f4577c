/** A shell-style glob (`*`, `?`) as an anchored regular expression; no other character is special. */
export function globToRegExp(glob: string, flags = ''): RegExp {
  let source = ''
  for (const ch of glob) {
    if (ch === '*') source += '.*'
    else if (ch === '?') source += '.'
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, flags)
}

/** Compiles a list of globs into one matcher. */
export function globMatcher(globs: readonly string[], flags = ''): (value: string) => boolean {
  const patterns = globs.map((g) => globToRegExp(g, flags))
  return (value) => patterns.some((re) => re.test(value))
}
