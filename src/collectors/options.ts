import {z} from 'zod'
import {InputError} from '../errors.js'
import type {ProviderSpec} from './types.js'

/**
 * Validates every provider's raw options with its ProviderSpec before any request is sent, so a
 * typo in one provider's flag is exit 2 at once, with the flag named, instead of after every other
 * provider has finished. Returns the parsed options, by provider id, that the collectors read.
 */
export function validateProviderOptions(
  specs: ProviderSpec[],
  raw: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const parsed: Record<string, Record<string, unknown>> = {...raw}
  const problems: string[] = []
  for (const spec of specs) {
    const result = spec.options.safeParse(raw[spec.id] ?? {})
    if (result.success) {
      parsed[spec.id] = result.data as Record<string, unknown>
      continue
    }
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '')
      const flag = spec.flags.find((f) => f.option === key)
      const where = flag ? `--${flag.name}` : key ? `${spec.id} option "${key}"` : `${spec.id} options`
      const item = issue.path.length > 1 && typeof issue.path[1] === 'number' ? ` (value ${issue.path[1] + 1})` : ''
      problems.push(`${where}${item}: ${issue.message.replace(/\.+$/, '')}`)
    }
  }
  if (problems.length === 1) throw new InputError(`${problems[0]}.`, 'See `exitready scan --help` for the accepted values.')
  if (problems.length > 1)
    throw new InputError(
      `${problems.length} scan options are not valid: ${problems.join('; ')}.`,
      'See `exitready scan --help` for the accepted values.',
    )
  return parsed
}

/**
 * A list option as flags give it (an array, `--x a --x b,c`) or the library API (an array or
 * "a,b"): split on commas, trimmed, blanks and repeats dropped, each item checked; undefined when
 * empty, so the provider's default applies.
 */
export const listOption = (item: z.ZodString) =>
  z
    .preprocess(
      (value) =>
        value === undefined || value === null
          ? undefined
          : (Array.isArray(value) ? value : [value]).flatMap((entry) => (typeof entry === 'string' ? entry.split(',') : [entry])),
      z.array(z.string().trim()).optional(),
    )
    .transform((values) => (values ? [...new Set(values.filter((value) => value !== ''))] : undefined))
    .pipe(z.array(item).optional())
    .transform((values) => (values && values.length > 0 ? values : undefined))
