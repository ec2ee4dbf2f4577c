import {readdir} from 'node:fs/promises'
import {join} from 'node:path'
import {InputError} from '../errors.js'
import {loadYamlFile} from '../util/yaml.js'
import type {ProviderInfo} from './schema.js'
import {type SovereigntyData, SovereigntyFileSchema} from './sovereignty-schema.js'

/** The subfolder of the catalog with the sovereignty framework, schemes and profiles. */
export const SOVEREIGNTY_DIR = 'sovereignty'

/** The tag that assigns a resource to an offering no partition, region or endpoint reveals. */
export const OFFERING_TAG = 'sovereign-offering'

/** YAML files of catalog/sovereignty/, sorted; none when the folder is absent. */
export async function sovereigntyFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(join(dir, SOVEREIGNTY_DIR))).filter((name) => name.endsWith('.yaml')).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** Reads and merges catalog/sovereignty/*.yaml; undefined when the catalog has no such folder. */
export async function readSovereigntyData(dir: string): Promise<SovereigntyData | undefined> {
  const names = await sovereigntyFiles(dir)
  if (names.length === 0) return undefined
  const files = await Promise.all(
    names.map(async (name) => ({
      file: `${SOVEREIGNTY_DIR}/${name}`,
      data: await loadYamlFile(join(dir, SOVEREIGNTY_DIR, name), SovereigntyFileSchema),
    })),
  )
  let framework: SovereigntyData['framework'] | undefined
  const schemes: SovereigntyData['schemes'] = {}
  const profiles: SovereigntyData['profiles'] = {}
  const origin = new Map<string, string>()
  for (const {file, data} of files) {
    if (data.framework) {
      if (framework) throw new InputError(`${file}: a second framework block; the catalog has exactly one.`)
      framework = data.framework
    }
    for (const [section, target, entries] of [
      ['schemes', schemes, data.schemes],
      ['profiles', profiles, data.profiles],
    ] as const) {
      for (const [id, entry] of Object.entries(entries ?? {})) {
        const first = origin.get(`${section}.${id}`)
        if (first) throw new InputError(`${file}: ${section}.${id} is already defined in ${first}.`)
        origin.set(`${section}.${id}`, file)
        ;(target as Record<string, unknown>)[id] = entry
      }
    }
  }
  if (!framework) throw new InputError(`${SOVEREIGNTY_DIR}/: no file has the framework block.`)
  return {framework, schemes, profiles}
}

/**
 * Cross-references zod cannot see: every provider has a profile of its own, every profile names a
 * known provider and known schemes, an offering says how it is matched, and the default weight set exists.
 */
export function checkSovereignty(data: SovereigntyData, providers: ReadonlyMap<string, ProviderInfo>): void {
  const at = `${SOVEREIGNTY_DIR}/`
  if (!data.framework.weightSets[data.framework.defaultWeights])
    throw new InputError(`${at}: framework.defaultWeights names no weight set (${data.framework.defaultWeights}).`)
  const base = new Set<string>()
  for (const [id, profile] of Object.entries(data.profiles)) {
    if (!providers.has(profile.provider))
      throw new InputError(`${at}: profiles.${id}.provider ${profile.provider} is not in providers.yaml.`)
    if (profile.offering === undefined) {
      if (id !== profile.provider)
        throw new InputError(`${at}: profiles.${id} has no offering, so its id must be its provider id (${profile.provider}).`)
      base.add(profile.provider)
    } else if (profile.match === undefined && !profile.notes?.includes(OFFERING_TAG)) {
      throw new InputError(
        `${at}: profiles.${id} is an offering without match; give partitions, regions or endpoints, or say in notes that resources are tagged ${OFFERING_TAG}=${id}.`,
      )
    }
    profile.certifications.forEach((c, i) => {
      if (!data.schemes[c.scheme])
        throw new InputError(
          `${at}: profiles.${id}.certifications[${i}].scheme ${c.scheme} is not in the schemes list (${Object.keys(data.schemes).join(', ')}).`,
        )
    })
  }
  const missing = [...providers.keys()].filter((p) => !base.has(p))
  if (missing.length)
    throw new InputError(
      `${at}: no profile for ${missing.join(', ')}; every provider in providers.yaml needs one (objectives may be unknown).`,
    )
}
