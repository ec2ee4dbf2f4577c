import {readdir} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {ErrorCode, InputError, withErrorCode} from '../errors.js'
import {didYouMean} from '../util/suggest.js'
import {type Locator, parseYaml, readInputFile} from '../util/yaml.js'
import {type Policy, PolicySchema} from './schema.js'

export const BUILTIN_POLICY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../policies')
export const DEFAULT_POLICY = 'baseline'

export interface LoadedPolicy {
  policy: Policy
  source: string
}

export async function builtinPolicyNames(): Promise<string[]> {
  return (await readdir(BUILTIN_POLICY_DIR))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort()
}

/** Cross-field checks zod cannot see: duplicate rule ids and waivers naming unknown rules, with line and column. */
function checkReferences(policy: Policy, at: Locator): void {
  const seen = new Map<string, number>()
  policy.rules.forEach((rule, i) => {
    const first = seen.get(rule.id)
    if (first !== undefined)
      throw new InputError(
        `${at(['rules', i, 'id'])} at rules[${i}].id: duplicate rule id "${rule.id}" (first used at rules[${first}]); rule ids must be unique.`,
      )
    seen.set(rule.id, i)
  })
  policy.waivers.forEach((waiver, i) => {
    if (!seen.has(waiver.rule))
      throw new InputError(
        `${at(['waivers', i, 'rule'])} at waivers[${i}].rule: no rule "${waiver.rule}" in this policy; expected one of ${[...seen.keys()].join(', ')}.`,
      )
  })
}

/** A policy is a page or two of YAML; anything far larger is not one (a key file, a dump). */
export const MAX_POLICY_BYTES = 1024 * 1024

/** Parses and validates a policy; errors name the file, line and column, and what was expected. */
export function parsePolicy(text: string, file: string): Policy {
  return parseYaml({file, text}, PolicySchema, checkReferences, MAX_POLICY_BYTES)
}

/** Loads a built-in policy by name (case-insensitive, with a did-you-mean), or a policy file by path. */
export async function loadPolicy(nameOrFile: string): Promise<LoadedPolicy> {
  const isName = /^[A-Za-z0-9-]+$/.test(nameOrFile)
  if (isName) {
    const names = await builtinPolicyNames()
    const name = nameOrFile.toLowerCase()
    if (!names.includes(name))
      throw new InputError(
        `There is no built-in policy "${nameOrFile}"${didYouMean(name, names)}.`,
        `Built-in policies: ${names.join(', ')}; or give the path of a policy file.`,
      )
    const file = join(BUILTIN_POLICY_DIR, `${name}.yaml`)
    return {policy: parsePolicy(await readInputFile(file, MAX_POLICY_BYTES), file), source: `builtin:${name}`}
  }
  return {policy: parsePolicy(await readInputFile(nameOrFile, MAX_POLICY_BYTES), nameOrFile), source: nameOrFile}
}

/** The policies named (the baseline when none); an error carries EXITREADY_POLICY_INVALID. */
export async function loadPolicies(namesOrFiles: string[]): Promise<LoadedPolicy[]> {
  try {
    return await Promise.all((namesOrFiles.length ? namesOrFiles : [DEFAULT_POLICY]).map(loadPolicy))
  } catch (error) {
    throw withErrorCode(error, ErrorCode.policyInvalid)
  }
}
