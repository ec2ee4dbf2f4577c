import {Flags} from '@oclif/core'
import {InputError} from '../errors.js'
import {closest} from '../util/suggest.js'
import {guessProvider} from './provider-names.js'

/**
 * The one flag convention of every command but scan (whose flags come from the providers' specs):
 * a list flag takes commas and repetition (`--policy a,b` and `--policy a --policy b`), keeps
 * its plural as an alias, and never swallows the positional argument after it
 * (`assess --policy one-hole inventory.json` reads inventory.json as the snapshot).
 */
export function listFlag(options: {
  description: string
  char?: 'p' | 't'
  aliases?: string[]
  helpValue?: string
  helpGroup?: string
}) {
  return Flags.string({...options, multiple: true, delimiter: ',', multipleNonGreedy: true})
}

/** Like listFlag, with a default list. */
export function listFlagWithDefault(options: {
  description: string
  char?: 'f'
  aliases?: string[]
  helpValue?: string
  default: string[]
}) {
  return Flags.string({...options, multiple: true, delimiter: ',', multipleNonGreedy: true})
}

/** --catalog: private catalog files, shared by every command that maps resources. */
export const catalogListFlag = listFlag({
  description:
    'A private catalog file whose entries override the built-in ones (comma-separated or repeated); validated like the built-in catalog.',
  aliases: ['catalogs'],
  helpValue: '<file>',
})

/**
 * Values of a list flag from a closed set: trimmed, unique, each one known (case-insensitive when
 * asked, returned in the known spelling), or exit 2 with a did-you-mean and the choices.
 */
export function chooseFrom(
  flag: string,
  values: readonly string[] | undefined,
  known: readonly string[],
  options: {
    caseInsensitive?: boolean
    guess?: (typed: string, known: readonly string[]) => string | undefined
    /** What a value is called in the message, e.g. "built-in policy"; the flag's name by default. */
    noun?: string
  } = {},
): string[] {
  const chosen: string[] = []
  for (const raw of values ?? []) {
    const value = raw.trim()
    if (value === '') continue
    const match = options.caseInsensitive
      ? known.find((k) => k.toLowerCase() === value.toLowerCase())
      : known.find((k) => k === value)
    if (match === undefined) {
      const guess = (options.guess ?? closest)(value, known)
      throw new InputError(
        `--${flag}: there is no ${options.noun ?? flag} "${value}"${guess ? ` (did you mean "${guess}"?)` : ''}.`,
        `Choose from: ${known.join(', ')}.`,
      )
    }
    if (!chosen.includes(match)) chosen.push(match)
  }
  return chosen
}

/** Provider ids of a list flag: case-insensitive, and "amazon" suggests "aws". */
export function chooseProviders(flag: string, values: readonly string[] | undefined, known: readonly string[]): string[] {
  return chooseFrom(flag, values, known, {caseInsensitive: true, guess: guessProvider})
}

/** One value from a closed set, validated like chooseFrom. */
export function chooseOne(flag: string, value: string | undefined, known: readonly string[], noun?: string): string | undefined {
  return value === undefined ? undefined : chooseFrom(flag, [value], known, {caseInsensitive: true, noun})[0]
}
