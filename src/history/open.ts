import {existsSync} from 'node:fs'
import {InputError} from '../errors.js'
import type {SqlDriver} from './driver.js'
import {openPostgres, redactUrl} from './postgres.js'
import {openSqlite} from './sqlite.js'
import {HistoryStore} from './store.js'

/** Where history lives when nothing says otherwise: a SQLite file in the working directory. */
export const DEFAULT_HISTORY = './exitready.db'

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target)

/**
 * Opens the history at a path (SQLite, created if missing) or a `postgres://` URL, migrated to the
 * current schema. Failures are one sentence with a suggestion and never show a password.
 */
export async function openHistory(
  target: string = DEFAULT_HISTORY,
  options: {now?: () => Date; mustExist?: boolean} = {},
): Promise<HistoryStore> {
  // Reading commands must not leave an empty database behind where the user mistyped a path.
  if (options.mustExist && !isPostgresUrl(target) && !existsSync(target))
    throw new InputError(
      `There is no history at ${target}.`,
      'Record assessments with `exitready assess --history`, or pass --history <file|postgres://…>.',
    )
  let driver: SqlDriver
  try {
    driver = isPostgresUrl(target) ? await openPostgres(target) : await openSqlite(target)
  } catch (error) {
    const where = isPostgresUrl(target) ? redactUrl(target) : target
    const reason =
      error instanceof Error ? error.message.replace(/postgres(ql)?:\/\/\S+/gi, (url) => redactUrl(url)) : String(error)
    throw new InputError(
      `Cannot open the history at ${where}: ${reason.replace(/\.$/, '')}.`,
      isPostgresUrl(target)
        ? 'Check that the server is running and that the URL names a database the user may write.'
        : 'Check that the directory exists and is writable, or pass --history <file>.',
    )
  }
  return HistoryStore.open(driver, options)
}
