import {Flags} from '@oclif/core'
import {DEFAULT_HISTORY} from './open.js'

/** --history on every history command: a SQLite file or a postgres:// URL. */
export const historyFlag = Flags.string({
  description: 'The history: a SQLite file, or postgres://user@host/db for a history shared by a team.',
  default: DEFAULT_HISTORY,
  helpValue: '<file|url>',
})
