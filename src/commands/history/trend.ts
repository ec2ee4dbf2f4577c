import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base.js'
import {historyFlag} from '../../history/flags.js'
import {openHistory} from '../../history/open.js'
import {ALL_TREND_METRICS, historyTrend, renderTrend, type Trend, type TrendGroup} from '../../history/trend.js'

export default class HistoryTrend extends BaseCommand {
  static override summary = 'How a metric moved over the recorded assessments, for the estate or per provider or category.'
  static override examples = [
    '<%= config.bin %> history trend',
    '<%= config.bin %> history trend --metric grade',
    '<%= config.bin %> history trend --metric lockInIndex --by provider --json',
  ]
  static override flags = {
    history: historyFlag,
    metric: Flags.string({description: 'What to follow.', options: ALL_TREND_METRICS, default: 'lockInIndex'}),
    by: Flags.string({
      description: 'One line for the estate, or one per provider or category.',
      options: ['provider', 'category'],
    }),
    limit: Flags.integer({description: 'The last this many assessments.', min: 1, default: 100}),
  }

  async run(): Promise<Trend> {
    const {flags} = await this.parse(HistoryTrend)
    const store = await openHistory(flags.history, {mustExist: true})
    try {
      const trend = await historyTrend(store, {
        metric: flags.metric,
        by: (flags.by ?? 'estate') as TrendGroup,
        limit: flags.limit,
      })
      if (!flags.quiet) this.say(renderTrend(trend))
      return trend
    } finally {
      await store.close()
    }
  }
}
