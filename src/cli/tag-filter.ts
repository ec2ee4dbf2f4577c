import {InputError} from '../errors.js'

/**
 * `--tag key=value` values (repeated, or comma-separated) as key → value globs. A comma splits
 * only where the next part is itself `key=value` or a bare key, so `--tag owner=a,b` keeps "a,b";
 * `key` alone or `key=*` means the tag is present with any value. Keys are matched exactly, as
 * providers keep their case.
 */
export function parseTagFilters(values: readonly string[] | undefined): Record<string, string[]> {
  const pairs: string[] = []
  for (const value of values ?? [])
    value.split(',').forEach((part, i) => {
      if (i > 0 && !part.includes('=') && pairs[pairs.length - 1]!.includes('=')) pairs[pairs.length - 1] += `,${part}`
      else pairs.push(part)
    })
  const filters: Record<string, string[]> = {}
  for (const pair of pairs) {
    const equals = pair.indexOf('=')
    const key = (equals < 0 ? pair : pair.slice(0, equals)).trim()
    const value = equals < 0 ? '*' : pair.slice(equals + 1).trim()
    if (key === '')
      throw new InputError(`--tag "${pair}" names no tag key.`, 'Write --tag key=value, e.g. --tag environment=production.')
    const list = filters[key] ?? []
    if (!list.includes(value)) list.push(value)
    filters[key] = list
  }
  return filters
}
