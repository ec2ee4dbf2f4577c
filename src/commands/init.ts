import {existsSync, realpathSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import {createInterface} from 'node:readline/promises'
import {fileURLToPath} from 'node:url'
import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base.js'
import {chooseOne} from '../cli/flags.js'
import {arrangementsTemplate, githubWorkflow, gitlabSnippet, starterPolicy, waiversTemplate} from '../cli/init-templates.js'
import {isInteractive} from '../cli/progress.js'
import {ErrorCode, InputError, withErrorCode} from '../errors.js'
import {BUILTIN_POLICY_DIR, builtinPolicyNames} from '../policy/load.js'
import {writeFileAtomic} from '../util/atomic.js'

export const CI_SYSTEMS = ['github', 'gitlab', 'none'] as const
export type CiSystem = (typeof CI_SYSTEMS)[number]

/** What `exitready init --json` prints. */
export interface InitResult {
  files: string[]
  from: string
  ci: CiSystem
  /** What to do next, one command or step per line. */
  next: string[]
}

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Where the `$schema` header points: a path relative to the file when this installation's
 * schema lies inside the project (exitready in its node_modules, or a checkout), else the
 * schema's published $id, which works from a global install.
 */
export function schemaReference(name: string, targetFile: string, root = PACKAGE_ROOT): string | undefined {
  const schema = join(root, 'schemas', `${name}.schema.json`)
  if (!existsSync(schema)) return undefined
  const real = (path: string) => {
    try {
      return realpathSync(path)
    } catch {
      return path
    }
  }
  const project = projectRoot(real(dirname(targetFile)))
  const target = real(schema)
  const inside = project !== undefined && (target === project || target.startsWith(project + sep))
  if (!inside) return `https://exitready.dev/schemas/${name}.schema.json`
  const path = relative(real(dirname(targetFile)), target)
    .split(sep)
    .join('/')
  return path.startsWith('.') ? path : `./${path}`
}

/** The nearest folder at or above `dir` with a package.json or .git. */
function projectRoot(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json')) || existsSync(join(at, '.git'))) return at
    if (dirname(at) === at) return undefined
  }
}

/** The CI system a folder already uses, if one. */
function detectCi(dir: string): CiSystem {
  if (existsSync(join(dir, '.github'))) return 'github'
  if (existsSync(join(dir, '.gitlab-ci.yml'))) return 'gitlab'
  return 'none'
}

/** `owner/name` of the GitHub repository in package.json, for the workflow's `uses:`. */
function actionName(repository: unknown): string {
  const url = typeof repository === 'string' ? repository : (repository as {url?: string} | undefined)?.url
  const match = /github\.com[/:]([^/]+\/[^/.]+)/.exec(url ?? '')
  return match?.[1] ?? 'exitready/exitready'
}

export default class Init extends BaseCommand {
  static override summary = 'Write a starter policy, a waiver file and a CI pipeline for exitready.'
  static override description = `Writes, into --out-dir (default: the current folder):
  exitready-policy.yaml   a copy of a built-in policy (--from) to edit, with the schema header editors use for completion;
  exitready-waivers.yaml  an empty waiver file for \`assess --waivers\`;
  the CI pipeline         .github/workflows/exitready.yml (--ci github) or .gitlab/exitready.yml (--ci gitlab);
  with --dora, exitready-arrangements.yaml, a starter DORA arrangements file (kind: Arrangements) for
  \`assess --arrangements\` and \`dora register\`, and the policy starts from dora-exit unless --from says otherwise.

Nothing is overwritten without --force; every file is written atomically. On a terminal it asks for what the flags do not say; with --yes, or without a terminal (CI, pipes), it asks nothing and takes the defaults: --from baseline, and --ci from the folder (.github → github, .gitlab-ci.yml → gitlab, else none).`
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init --from sovereign-first --ci github --yes',
    '<%= config.bin %> init --out-dir infra/exitready --ci gitlab --force',
    '<%= config.bin %> init --dora --ci none --yes',
  ]
  static override flags = {
    'out-dir': Flags.string({char: 'd', description: 'Folder to write into.', default: '.'}),
    from: Flags.string({
      description: 'The built-in policy to start from (baseline, one-hole, sovereign-first, dora-exit, bio2, secnumcloud, c3a).',
    }),
    ci: Flags.string({description: 'The CI pipeline to write.', options: [...CI_SYSTEMS]}),
    force: Flags.boolean({description: 'Overwrite files that exist.'}),
    yes: Flags.boolean({char: 'y', description: 'Ask nothing; take the defaults for what the flags do not say.'}),
    dora: Flags.boolean({
      description:
        'Also write exitready-arrangements.yaml, a starter DORA arrangements file, and start the policy from dora-exit.',
    }),
  }

  async run(): Promise<InitResult> {
    const {flags} = await this.parse(Init)
    const dir = resolve(flags['out-dir'])
    const builtins = await builtinPolicyNames()
    const ask = !flags.yes && !this.jsonEnabled() && process.stdin.isTTY === true && isInteractive(process.stderr, process.env)
    let from = chooseOne('from', flags.from ?? (flags.dora ? 'dora-exit' : undefined), builtins, 'built-in policy')
    let ci = chooseOne('ci', flags.ci, CI_SYSTEMS, 'CI system') as CiSystem | undefined
    if (ask && (from === undefined || ci === undefined)) {
      const prompt = createInterface({input: process.stdin, output: process.stderr})
      try {
        if (from === undefined) {
          const answer = await prompt.question(`Start from which built-in policy (${builtins.join(', ')})? [baseline] `)
          from = chooseOne('from', answer.trim() || 'baseline', builtins, 'built-in policy')
        }
        if (ci === undefined) {
          const detected = detectCi(dir)
          const answer = await prompt.question(`CI pipeline to write (${CI_SYSTEMS.join(', ')})? [${detected}] `)
          ci = chooseOne('ci', answer.trim() || detected, CI_SYSTEMS, 'CI system') as CiSystem
        }
      } finally {
        prompt.close()
      }
    }
    from ??= 'baseline'
    ci ??= detectCi(dir)

    const policyFile = join(dir, 'exitready-policy.yaml')
    const waiversFile = join(dir, 'exitready-waivers.yaml')
    const ciFile =
      ci === 'github'
        ? join(dir, '.github/workflows/exitready.yml')
        : ci === 'gitlab'
          ? join(dir, '.gitlab/exitready.yml')
          : undefined
    const arrangementsFile = flags.dora ? join(dir, 'exitready-arrangements.yaml') : undefined
    const targets = [policyFile, waiversFile, ...(arrangementsFile ? [arrangementsFile] : []), ...(ciFile ? [ciFile] : [])]
    const existing = targets.filter((file) => existsSync(file))
    if (existing.length > 0 && !flags.force)
      throw new InputError(
        `${existing.map((file) => shown(file)).join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written.`,
        'Add --force to overwrite, or choose another --out-dir.',
        ErrorCode.fileExists,
      )

    const builtin = await readFile(join(BUILTIN_POLICY_DIR, `${from}.yaml`), 'utf8')
    const version = this.config.version
    const ciOptions = {
      policyFile: 'exitready-policy.yaml',
      waiversFile: 'exitready-waivers.yaml',
      action: actionName(this.config.pjson.repository),
      version,
    }
    const texts: [string, string][] = [
      [policyFile, starterPolicy(builtin, from, schemaReference('policy', policyFile))],
      [waiversFile, waiversTemplate(schemaReference('waivers', waiversFile))],
    ]
    if (arrangementsFile) texts.push([arrangementsFile, arrangementsTemplate(schemaReference('arrangements', arrangementsFile))])
    if (ci === 'github') texts.push([ciFile!, githubWorkflow(ciOptions)])
    if (ci === 'gitlab') texts.push([ciFile!, gitlabSnippet(ciOptions)])
    for (const [file, text] of texts)
      await writeFileAtomic(file, text).catch((error: unknown) => {
        throw withErrorCode(error, ErrorCode.writeFailed)
      })

    const next = [
      `Edit ${shown(policyFile)}, then check it: ${this.config.bin} policy validate ${shown(policyFile)}`,
      `Assess with it: ${this.config.bin} assess --demo --policy ${shown(policyFile)} --waivers ${shown(waiversFile)}`,
      ...(arrangementsFile
        ? [
            `Replace the placeholders in ${shown(arrangementsFile)}, then: ${this.config.bin} assess <snapshot> --arrangements ${shown(arrangementsFile)} --policy ${shown(policyFile)}`,
            `The Register of Information: ${this.config.bin} dora register <snapshot> --arrangements ${shown(arrangementsFile)} --out-dir roi`,
          ]
        : []),
      ...(ci === 'gitlab'
        ? ['Include .gitlab/exitready.yml from .gitlab-ci.yml (include: [{local: .gitlab/exitready.yml}]).']
        : []),
      ...(ci === 'none' ? ['For a pipeline, run again with --ci github or --ci gitlab (and --force).'] : []),
    ]
    if (!flags.quiet)
      this.say([`Wrote ${texts.map(([file]) => shown(file)).join(', ')}.`, ...next.map((line) => `  ${line}`)].join('\n'))
    return {files: texts.map(([file]) => file), from, ci, next}
  }
}

/** A path as the user thinks of it: relative to the current folder when below it. */
function shown(file: string): string {
  const path = relative(process.cwd(), file)
  return path && !path.startsWith('..') && !isAbsolute(path) ? path : file
}
