import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base.js'
import {catalogFlag} from '../cli/catalog-flags.js'
import {runDiff} from '../jobs/diff.js'
import {SEVERITIES, type Severity} from '../policy/types.js'
import {renderDiff} from '../report/diff.js'

export default class Diff extends BaseCommand {
  static override summary = 'What changed between two snapshots or two assessments: resources, scores, indices, findings.'
  static override description =
    `Each side is an inventory snapshot (assessed on the spot with --policy) or an assessment.json from \`exitready assess\`. For trend tracking, and for pull-request gates: --fail-on-new exits 1 when the new side has a finding at or above that severity that the old side did not have.`
  static override examples = [
    {
      description: 'Compare last month with today',
      command: '<%= config.bin %> diff report-2026-10/assessment.json report-2026-11/assessment.json',
    },
    {
      description: 'Gate a pull request on new high findings, with a Markdown comment',
      command: '<%= config.bin %> diff main.json pr.json --policy sovereign-first --fail-on-new high --format md',
    },
  ]
  static override args = {
    old: Args.string({description: 'The earlier snapshot or assessment.json.', required: true}),
    new: Args.string({description: 'The later snapshot or assessment.json.', required: true}),
  }
  static override flags = {
    policy: Flags.string({
      char: 'p',
      description: 'Policies for sides that are snapshots (default: baseline); repeatable.',
      multiple: true,
    }),
    'fail-on-new': Flags.string({
      description: 'Exit 1 when a new unwaived finding is at or above this severity.',
      options: [...SEVERITIES],
    }),
    format: Flags.string({char: 'f', description: 'Output format (or --json).', options: ['table', 'md'], default: 'table'}),
    catalog: catalogFlag,
  }

  async run() {
    const {args, flags} = await this.parse(Diff)
    const {diff, exitCode} = await runDiff({
      old: args.old,
      new: args.new,
      policies: flags.policy,
      catalogFiles: flags.catalog,
      failOnNew: flags['fail-on-new'] as Severity | undefined,
    })
    if (!flags.quiet) this.say(renderDiff(diff, flags.format as 'table' | 'md'))
    process.exitCode = exitCode
    return {...diff, exitCode}
  }
}
