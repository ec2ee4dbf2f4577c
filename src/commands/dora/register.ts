import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base.js'
import {catalogListFlag} from '../../cli/flags.js'
import {type DoraRegisterResult, runDoraRegister} from '../../dora/job.js'

export default class DoraRegister extends BaseCommand {
  static override summary =
    'Write the DORA Register of Information as the EBA xBRL-CSV package, a gap report and an exit plan per arrangement.'
  static override description =
    `Joins your ICT arrangements (kind: Arrangements, see docs/dora.md) to the resources of one or more inventory snapshots, fills what the inventory and the catalog can tell (data locations, provider head offices and ultimate parents, substitutability proposals), validates the register (keys, mandatory values, closed lists, LEI check digits, links between templates) and writes:

  <LEI>.CON_<country>_DORA010100_DORA_<date>_<timestamp>.zip   the xBRL-CSV report package
  readable/      the same tables with column names, and sources.csv: where every value comes from
  gap-report.md  what fails validation, what exitready proposed for you to confirm, what no arrangement covers
  exit-plans.md, .json, .html   one plan per arrangement that supports a critical or important function

Exit codes: 0 success, 1 validation problems with --fail-on-gaps, 2 invalid input, 3 an input snapshot is incomplete, 70 internal error.`
  static override examples = [
    {description: 'The demo estate with its example arrangements', command: '<%= config.bin %> dora register --demo --out roi'},
    {
      description: 'Your scan and arrangements, failing a pipeline on gaps',
      command: '<%= config.bin %> dora register inventory.json --arrangements arrangements.yaml --out roi --fail-on-gaps',
    },
  ]
  static override args = {
    snapshots: Args.string({description: 'Inventory snapshots (.json or .ndjson).', required: false}),
  }
  static override strict = false
  static override flags = {
    arrangements: Flags.string({char: 'a', description: 'The arrangements file (kind: Arrangements).', helpValue: '<file>'}),
    demo: Flags.boolean({description: 'Use the demo estate and, without --arrangements, its example arrangements.'}),
    'out-dir': Flags.string({char: 'd', description: 'Folder for the package and reports.', default: 'roi', aliases: ['out']}),
    'fail-on-gaps': Flags.boolean({description: 'Exit with code 1 when the register has validation problems.'}),
    catalog: catalogListFlag,
  }

  async run(): Promise<Omit<DoraRegisterResult, 'plans'> & {plans: number}> {
    const {argv, flags} = await this.parse(DoraRegister)
    const result = await runDoraRegister({
      snapshots: argv as string[],
      demo: flags.demo,
      arrangements: flags.arrangements,
      outDir: flags['out-dir'],
      catalogFiles: flags.catalog,
      failOnGaps: flags['fail-on-gaps'],
      version: this.config.version,
    })
    if (!flags.quiet) {
      this.say(
        `Register: ${result.errors.length} problems, ${result.warnings} warnings, ${result.proposed} values proposed by exitready to confirm; ${result.uncovered} resources no arrangement covers; ${result.plans.length} exit plans.`,
      )
      this.say(`Wrote ${result.files.join(', ')}`)
    }
    process.exitCode = result.exitCode
    return {...result, plans: result.plans.length}
  }
}
