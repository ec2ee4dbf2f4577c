import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base.js'
import {historyFlag} from '../../history/flags.js'
import {openHistory} from '../../history/open.js'

/** What `exitready history prune --json` prints. */
export interface HistoryPruneResult {
  history: string
  deleted: number[]
  kept: number
}

export default class HistoryPrune extends BaseCommand {
  static override summary = 'Keep the newest N assessments and delete the older ones with everything recorded for them.'
  static override examples = ['<%= config.bin %> history prune --keep 24']
  static override flags = {
    history: historyFlag,
    keep: Flags.integer({description: 'How many of the newest assessments to keep.', min: 0, required: true}),
  }

  async run(): Promise<HistoryPruneResult> {
    const {flags} = await this.parse(HistoryPrune)
    const store = await openHistory(flags.history, {mustExist: true})
    try {
      const deleted = await store.prune(flags.keep)
      const kept = (await store.list()).length
      this.note(
        deleted.length === 0
          ? `Nothing to prune: ${kept} assessment${kept === 1 ? '' : 's'} kept.`
          : `Deleted ${deleted.length} assessment${deleted.length === 1 ? '' : 's'} (${deleted.map((id) => `#${id}`).join(', ')}); ${kept} kept.`,
        flags.quiet,
      )
      return {history: store.location, deleted, kept}
    } finally {
      await store.close()
    }
  }
}
