import {z} from 'zod'
import {ErrorCode, InputError, withErrorCode} from '../errors.js'
import {closest} from '../util/suggest.js'
import {type Locator, parseYaml, readInputFile} from '../util/yaml.js'
import type {LoadedPolicy} from './load.js'
import {type Waiver, WaiverSchema} from './schema.js'

/**
 * Waivers kept outside policies (`assess --waivers <file>`): a team may own its exceptions while
 * the policy belongs to someone else. Each waiver is the policy waiver, plus an optional `policy`
 * naming which of the policies given it belongs to; without it, it waives the rule in every
 * policy that has that rule.
 */
export const FileWaiverSchema = WaiverSchema.extend({
  policy: z
    .string()
    .optional()
    .describe('The policy (metadata.name) whose rule this waives; default: every policy given that has the rule.'),
}).strict()
export type FileWaiver = z.infer<typeof FileWaiverSchema>

export const WaiversFileSchema = z
  .object({
    apiVersion: z.literal('exitready.dev/v1'),
    kind: z.literal('Waivers'),
    waivers: z.array(FileWaiverSchema).default([]),
  })
  .strict()
  .describe('exitready waivers kept outside policies (apiVersion exitready.dev/v1, kind Waivers), for assess --waivers.')
export type WaiversFile = z.infer<typeof WaiversFileSchema>

/** A waiver file is a page or two; anything far larger is not one. */
export const MAX_WAIVERS_BYTES = 1024 * 1024

/**
 * Parses a waiver file and checks each waiver against the policies given: the rule (and policy,
 * when named) must exist, or the error names file, line and column and what was expected.
 * Returns, per policy name, the waivers that apply to it.
 */
export function parseWaivers(text: string, file: string, policies: readonly LoadedPolicy[]): Map<string, Waiver[]> {
  const byPolicy = new Map<string, Waiver[]>()
  const check = (data: WaiversFile, at: Locator) => {
    const names = policies.map(({policy}) => policy.metadata.name)
    data.waivers.forEach((entry, i) => {
      const {policy: named, ...waiver} = entry
      let targets = policies
      if (named !== undefined) {
        targets = policies.filter(({policy}) => policy.metadata.name === named)
        if (targets.length === 0) {
          const guess = closest(named, names)
          throw new InputError(
            `${at(['waivers', i, 'policy'])} at waivers[${i}].policy: no policy "${named}" in this run${guess ? ` (did you mean "${guess}"?)` : ''}; expected one of ${names.join(', ')}.`,
            'Name a policy given with --policy, or leave policy out to waive the rule in every policy that has it.',
          )
        }
      }
      const withRule = targets.filter(({policy}) => policy.rules.some((rule) => rule.id === waiver.rule))
      if (withRule.length === 0) {
        const rules = [...new Set(targets.flatMap(({policy}) => policy.rules.map((rule) => rule.id)))]
        const guess = closest(waiver.rule, rules)
        throw new InputError(
          `${at(['waivers', i, 'rule'])} at waivers[${i}].rule: no rule "${waiver.rule}" in ${named ? `policy ${named}` : `the policies given (${names.join(', ')})`}${guess ? ` (did you mean "${guess}"?)` : ''}.`,
          `Rules: ${rules.join(', ')}.`,
        )
      }
      for (const {policy} of withRule) {
        const list = byPolicy.get(policy.metadata.name) ?? []
        list.push(waiver)
        byPolicy.set(policy.metadata.name, list)
      }
    })
  }
  try {
    parseYaml({file, text}, WaiversFileSchema, check, MAX_WAIVERS_BYTES)
  } catch (error) {
    throw withErrorCode(error, ErrorCode.waiversInvalid)
  }
  return byPolicy
}

/**
 * The policies with the waivers of these files added (the policies themselves are not changed).
 * Files are read in order; a bad file stops the run before anything is assessed.
 */
export async function applyWaiverFiles(files: readonly string[], policies: LoadedPolicy[]): Promise<LoadedPolicy[]> {
  if (files.length === 0) return policies
  const added = new Map<string, Waiver[]>()
  for (const file of files) {
    let text: string
    try {
      text = await readInputFile(file, MAX_WAIVERS_BYTES)
    } catch (error) {
      throw withErrorCode(error, ErrorCode.waiversInvalid)
    }
    for (const [name, waivers] of parseWaivers(text, file, policies)) {
      const list = added.get(name) ?? []
      for (const waiver of waivers) list.push(waiver)
      added.set(name, list)
    }
  }
  return policies.map((loaded) => {
    const extra = added.get(loaded.policy.metadata.name)
    if (!extra) return loaded
    return {...loaded, policy: {...loaded.policy, waivers: [...loaded.policy.waivers, ...extra]}}
  })
}
