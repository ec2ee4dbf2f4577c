import {Flags} from '@oclif/core'
import {lintCatalog} from '../../catalog/lint.js'
import {BUILTIN_CATALOG_DIR} from '../../catalog/load.js'
import {BaseCommand} from '../../cli/base.js'
import {ExitCode} from '../../errors.js'

export default class CatalogLint extends BaseCommand {
  static override summary =
    'Check a catalog folder: provenance of every European offer, self-run wording, protocol and cross-cloud consistency, refine rules that real data can reach, lifecycle and jurisdiction.'
  static override description =
    'Runs every rule of the catalog review and prints each problem as file:line:column with its rule. Exit code 0 when the catalog is sound, 2 when there are problems. A European offer whose verifiedOn is more than twelve months before today counts as a problem, so run it in CI.'
  static override examples = ['<%= config.bin %> catalog lint', '<%= config.bin %> catalog lint --catalog ./my-catalog']
  static override flags = {
    catalog: Flags.string({description: 'The catalog folder to check (default: the built-in catalog).'}),
  }

  async run() {
    const {flags} = await this.parse(CatalogLint)
    const dir = flags.catalog ?? BUILTIN_CATALOG_DIR
    const problems = await lintCatalog({dir, now: new Date()})
    if (!flags.quiet) {
      for (const p of problems) this.say(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.rule}]`)
      this.say(problems.length ? `${problems.length} problems in ${dir}` : `The catalog in ${dir} passes every check.`)
    }
    if (problems.length) process.exitCode = ExitCode.invalidInput
    return {dir, problems}
  }
}
