import {existsSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {z} from 'zod'
import {loadYamlFile} from '../util/yaml.js'

/** The project configuration file looked up from the working directory upwards. */
export const CONFIG_FILE = '.exitready.yml'

export const ProjectConfigSchema = z
  .object({
    history: z
      .object({
        path: z
          .string()
          .min(1)
          .describe('The history: a SQLite file (relative to this file) or a postgres:// URL; assess records into it.'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .describe('exitready project configuration (.exitready.yml).')
export type ProjectConfig = z.infer<typeof ProjectConfigSchema>

/** The nearest .exitready.yml from `dir` upwards, or undefined. */
export function findConfig(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const file = join(at, CONFIG_FILE)
    if (existsSync(file)) return file
    if (dirname(at) === at) return undefined
  }
}

/**
 * `history.path` from the nearest .exitready.yml, a relative path taken from the file's folder;
 * undefined without a file or key. A bad file is exit 2 with its line and column.
 */
export async function configuredHistory(dir: string = process.cwd()): Promise<string | undefined> {
  const file = findConfig(dir)
  if (!file) return undefined
  const config = await loadYamlFile(file, ProjectConfigSchema)
  const path = config.history?.path
  if (!path) return undefined
  return /^postgres(ql)?:\/\//i.test(path) ? path : resolve(dirname(file), path)
}
