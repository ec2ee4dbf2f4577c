import {Args, Flags} from '@oclif/core'
import type {AssessmentDiff} from '../assessment/diff.js'
import {BaseCommand} from '../cli/base.js'
import {catalogListFlag, listFlag} from '../cli/flags.js'
import {ErrorCode, withErrorCode} from '../errors.js'
import {type DiffGate, runDiff} from '../jobs/diff.js'
import {SEVERITIES, type Severity} from '../policy/types.js'
import {renderDiffMarkdown} from '../report/markdown.js'
import {renderDiffTerminal} from '../report/terminal.js'
import {writeFileAtomic} from '../util/atomic.js'

/** What `exitready diff --json` prints: the differences, the file written with --out, the exit code. */
export type DiffResult = AssessmentDiff & {gate?: DiffGate; file?: string; exitCode: number}

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
      command: '<%= config.bin %> diff main.json pr.json --policy sovereign-first --fail-on-new high --format md --out diff.md',
    },
    {
      description: 'What changed since the previous assessment recorded with assess --history',
      command: '<%= config.bin %> diff @previous @latest --history exitready.db',
    },
  ]
  static override args = {
    old: Args.string({
      description: 'The earlier snapshot, assessment.json, or a history reference (@previous, @latest~2, #12, 2026-09-30).',
      required: true,
    }),
    new: Args.string({description: 'The later snapshot, assessment.json, or a history reference (@latest).', required: true}),
  }
  static override flags = {
    policy: listFlag({
      description: 'Policies for sides that are snapshots (default: baseline), comma-separated or repeated.',
      aliases: ['policies'],
      helpValue: '<name|file>',
    }),
    'fail-on-new': Flags.string({
      description: 'Exit 1 when a new unwaived finding is at or above this severity.',
      options: [...SEVERITIES],
    }),
    format: Flags.string({char: 'f', description: 'Output format (or --json).', options: ['table', 'md'], default: 'table'}),
    history: Flags.string({
      description:
        'The history that @previous, @latest, #id and dates refer to: a SQLite file or a postgres:// URL (default ./exitready.db).',
      helpValue: '<file|postgres://…>',
    }),
    out: Flags.string({
      char: 'o',
      description: 'Write the table or Markdown to this file (atomically) instead of standard output.',
    }),
    catalog: catalogListFlag,
  }

  async run(): Promise<DiffResult> {
    const {args, flags} = await this.parse(Diff)
    const {diff, gate, names, exitCode} = await runDiff({
      old: args.old,
      new: args.new,
      policies: flags.policy,
      catalogFiles: flags.catalog,
      failOnNew: flags['fail-on-new'] as Severity | undefined,
      history: flags.history,
    })
    // A file gets no colour codes; a terminal gets them unless NO_COLOR says otherwise.
    const text =
      flags.format === 'md'
        ? renderDiffMarkdown({diff, gate, names})
        : renderDiffTerminal({diff, gate, names}, flags.out ? {colour: false} : {})
    if (flags.out) {
      await writeFileAtomic(flags.out, `${text}\n`).catch((error: unknown) => {
        throw withErrorCode(error, ErrorCode.writeFailed)
      })
      this.note(`Wrote ${flags.out}.`, flags.quiet)
    } else if (!flags.quiet) this.say(text)
    process.exitCode = exitCode
    return {...diff, ...(gate ? {gate} : {}), ...(flags.out ? {file: flags.out} : {}), exitCode}
  }
}
