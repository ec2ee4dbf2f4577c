import {type Hook, type Interfaces, toConfiguredId} from '@oclif/core'
import {ErrorCode, ExitCode} from '../errors.js'
import {closest} from '../util/suggest.js'
import type {JsonError} from './base.js'

/**
 * `exitready asess` → did you mean "assess"? Our own command_not_found hook rather than
 * @oclif/plugin-not-found: that plugin prints no suggestion without a terminal (CI logs are where
 * typos are read), runs the guessed command after a prompt on one, guesses even for words nothing
 * like a command, and exits 127 where every usage error here is 2.
 */
export function guessCommand(typed: string, config: Pick<Interfaces.Config, 'commandIDs' | 'topics'>): string | undefined {
  const known = [...config.commandIDs, ...config.topics.map((topic) => topic.name)]
  // `catalog lst` arrives as catalog:lst; compare with the separator people type.
  const guess = closest(
    typed.replaceAll(':', ' '),
    known.map((id) => id.replaceAll(':', ' ')),
  )
  return guess
}

/** The one sentence and suggestion for a command that does not exist. */
export function notFoundMessage(typed: string, config: Interfaces.Config): {message: string; suggestion: string} {
  const shown = toConfiguredId(typed, config)
  const guess = guessCommand(typed, config)
  return {
    message: `"${shown}" is not an ${config.bin} command${guess ? ` (did you mean "${guess}"?)` : ''}.`,
    suggestion: guess ? `${config.bin} ${guess} --help` : `${config.bin} help (lists every command)`,
  }
}

/**
 * What was typed as the command: topics, then one word. oclif hands over `asess inventory.json`
 * as the id `asess:inventory.json`; the arguments after the command are not part of it.
 */
export function typedCommand(id: string, config: Pick<Interfaces.Config, 'findTopic'>): string {
  const words = id.split(':')
  let length = 1
  while (length < words.length && config.findTopic(words.slice(0, length).join(':'))) length++
  return words.slice(0, length).join(':')
}

const hook: Hook<'command_not_found'> = async function (options) {
  const {message, suggestion} = notFoundMessage(typedCommand(options.id, options.config), options.config)
  if (options.argv?.includes('--json')) {
    const error: JsonError = {error: {code: ErrorCode.usage, message, suggestion, exitCode: ExitCode.invalidInput}}
    process.stdout.write(`${JSON.stringify(error, null, 2)}\n`)
  } else process.stderr.write(`Error: ${message}\nTry: ${suggestion}\n`)
  this.exit(ExitCode.invalidInput)
}

export default hook
