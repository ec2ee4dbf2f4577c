import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base.js'
import {historyFlag} from '../../history/flags.js'
import {openHistory} from '../../history/open.js'
import {type HistoryShowResult, renderShow, showAssessment} from '../../history/views.js'

export default class HistoryShow extends BaseCommand {
  static override summary = 'Show one recorded assessment: indices, inputs with their hashes, providers, policies and findings.'
  static override examples = [
    '<%= config.bin %> history show @latest',
    '<%= config.bin %> history show 12 --json',
    '<%= config.bin %> history show 2026-09-30',
  ]
  static override args = {
    assessment: Args.string({
      description: 'An id from `history list`, @latest, @previous, @latest~N, @first, or a date (the last run on or before it).',
      default: '@latest',
    }),
  }
  static override flags = {history: historyFlag}

  async run(): Promise<HistoryShowResult> {
    const {args, flags} = await this.parse(HistoryShow)
    const store = await openHistory(flags.history, {mustExist: true})
    try {
      const shown = await showAssessment(store, args.assessment)
      if (!flags.quiet) this.say(renderShow(shown))
      return shown
    } finally {
      await store.close()
    }
  }
}
