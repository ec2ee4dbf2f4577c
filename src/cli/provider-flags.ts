import {Flags} from '@oclif/core'
import type {ProviderFlag, ProviderSpec} from '../collectors/types.js'

/**
 * `exitready scan`'s provider flags, generated from the providers' own declarations, and the
 * option objects built from the parsed values. A provider adds a flag in its spec.ts alone.
 */

// biome-ignore lint/suspicious/noExplicitAny: oclif's flag types differ per kind; the map holds all of them.
type AnyFlag = any

function oclifFlag(flag: ProviderFlag, group: string): AnyFlag {
  const common = {
    description: flag.description,
    helpGroup: group,
    aliases: flag.aliases,
  }
  switch (flag.kind) {
    case 'boolean':
      return Flags.boolean({...common, default: typeof flag.default === 'boolean' ? flag.default : undefined})
    case 'integer':
      return Flags.integer({...common, default: typeof flag.default === 'number' ? flag.default : undefined})
    case 'list':
      return Flags.string({
        ...common,
        multiple: true,
        delimiter: ',',
        options: flag.choices ? [...flag.choices] : undefined,
      })
    default:
      return Flags.string({
        ...common,
        options: flag.choices ? [...flag.choices] : undefined,
        default: typeof flag.default === 'string' ? flag.default : undefined,
      })
  }
}

/** Every provider's flags, grouped under the provider's title in `scan --help`. */
export function providerFlags(specs: readonly ProviderSpec[]): Record<string, AnyFlag> {
  const flags: Record<string, AnyFlag> = {}
  for (const spec of specs)
    for (const flag of spec.flags) {
      if (flags[flag.name]) throw new Error(`Two providers declare the scan flag --${flag.name}.`)
      flags[flag.name] = oclifFlag(flag, spec.title.toUpperCase())
    }
  return flags
}

/**
 * The raw options of each provider from the parsed flags: only values that were given (and
 * defaults), list values trimmed, so that each provider's schema applies its own defaults.
 */
export function providerOptionsFromFlags(
  specs: readonly ProviderSpec[],
  values: Record<string, unknown>,
): Record<string, Record<string, unknown>> {
  const options: Record<string, Record<string, unknown>> = {}
  for (const spec of specs) {
    const own: Record<string, unknown> = {}
    for (const flag of spec.flags) {
      let value = values[flag.name]
      if (Array.isArray(value)) value = value.map((item) => String(item).trim()).filter((item) => item !== '')
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue
      own[flag.option] = value
    }
    options[spec.id] = own
  }
  return options
}
