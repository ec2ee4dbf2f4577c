import {distance} from 'fastest-levenshtein'

/**
 * The known value closest to what was typed, when it is close enough to be a typo (`severty` →
 * `severity`, `amazon` → no guess); case and `-`/`_` are ignored in the comparison.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const norm = (value: string) => value.toLowerCase().replace(/[-_\s]/g, '')
  const target = norm(typed)
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of known) {
    const d = distance(target, norm(candidate))
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  // Two edits (a swapped pair of letters), or a third of a longer word: a slip of the keyboard.
  const allowed = Math.min(target.length - 1, Math.max(2, Math.floor(target.length / 3)))
  return best !== undefined && bestDistance <= allowed ? best : undefined
}

/** ` (did you mean "x"?)` or nothing. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const guess = closest(typed, known)
  return guess ? ` (did you mean "${guess}"?)` : ''
}
