import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base.js'
import {historyFlag} from '../../history/flags.js'
import {openHistory} from '../../history/open.js'
import type {HistoryEntry} from '../../history/store.js'
import {renderList} from '../../history/views.js'

/** What `exitready history list --json` prints. */
export interface HistoryListResult {
  history: string
  assessments: HistoryEntry[]
}

export default class HistoryList extends BaseCommand {
  static override summary = 'List the recorded assessments, newest first: date, inputs, grade and indices.'
  static override examples = [
    '<%= config.bin %> history list',
    '<%= config.bin %> history list --history postgres://ci@db/exitready --json',
  ]
  static override flags = {
    history: historyFlag,
    limit: Flags.integer({description: 'Show at most this many (newest first).', min: 1}),
  }

  async run(): Promise<HistoryListResult> {
    const {flags} = await this.parse(HistoryList)
    const store = await openHistory(flags.history, {mustExist: true})
    try {
      const assessments = await store.list({limit: flags.limit})
      if (!flags.quiet) this.say(renderList(assessments, store.location))
      return {history: store.location, assessments}
    } finally {
      await store.close()
    }
  }
}
