import {Command, Errors, Flags} from '@oclif/core'
import {ErrorCode, type ErrorCodeValue, ExitCode, ExitreadyError} from '../errors.js'
import {closest} from '../util/suggest.js'

const debugEnabled = () => /(^|,)\s*exitready(\*|:|,|$)/.test(process.env.DEBUG ?? '')

/** What every command prints on stdout under --json when it fails, beside its exit code. */
export interface JsonError {
  error: {
    /** Stable, for pipelines: EXITREADY_USAGE, EXITREADY_POLICY_INVALID, EXITREADY_NO_PROVIDER, EXITREADY_BUG … */
    code: ErrorCodeValue
    message: string
    suggestion?: string
    exitCode: number
  }
}

interface FlagDefinition {
  aliases?: string[]
  char?: string
}

/** `--formt` → `--format`, among a command's flags and their aliases. */
export function guessFlag(typed: string, flags: Record<string, FlagDefinition | undefined>): string | undefined {
  const names = Object.entries(flags).flatMap(([name, flag]) => [name, ...(flag?.aliases ?? [])])
  const bare = typed.replace(/^-+/, '').replace(/=.*$/s, '')
  const guess = closest(bare, names)
  return guess ? `--${guess}` : undefined
}

/**
 * oclif's own usage errors in the convention of every other error: one sentence, a suggestion,
 * and a did-you-mean for a mistyped flag or a value outside a flag's choices.
 */
export function describeUsageError(
  message: string,
  flags: Record<string, FlagDefinition | undefined>,
  helpCommand = 'exitready --help',
): {message: string; suggestion?: string} {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^See more help with --help$/.test(line))
  const first = lines[0] ?? message.trim()
  const nonexistent = /^Nonexistent flags?: (.+)$/.exec(first)
  if (nonexistent) {
    const typed = nonexistent[1]!.split(', ')
    const guesses = typed.map((flag) => guessFlag(flag, flags)).filter((guess) => guess !== undefined)
    return {
      message: `Unknown flag${typed.length > 1 ? 's' : ''} ${typed.join(', ')}${guesses.length ? ` (did you mean ${guesses.join(', ')}?)` : ''}.`,
      suggestion: `${helpCommand} (lists every flag)`,
    }
  }
  const option = /^Expected --([\w-]+)=(.*) to be one of: (.+)$/s.exec(first)
  if (option) {
    const [, flag, value, choices] = option
    const guess = closest(value!, choices!.split(', '))
    return {
      message: `--${flag}: "${value}" is not one of its values${guess ? ` (did you mean "${guess}"?)` : ''}.`,
      suggestion: `Choose from: ${choices}.`,
    }
  }
  return {
    message: lines.join(' ').replace(/\s+/g, ' '),
    suggestion: message.includes('--help') ? helpCommand : undefined,
  }
}

/**
 * The base of every command: JSON output (`--json`), human output on stderr when JSON is on,
 * and one mapping from errors to the exit codes of DESIGN.md and the stable codes of errors.ts
 * (never a stack trace unless DEBUG=exitready*).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  /**
   * Values `exitready completion` offers for flags whose values are checked in the command rather
   * than by oclif's `options` (case-insensitive, or comma lists validated with a did-you-mean).
   */
  static completionChoices: Record<string, readonly string[]> = {}

  static override baseFlags = {
    quiet: Flags.boolean({char: 'q', description: 'Print only errors (and the --json result).', helpGroup: 'GLOBAL'}),
  }

  /** Human-readable output: stdout normally, stderr when --json keeps stdout for the result. */
  protected say(message = ''): void {
    if (this.jsonEnabled()) process.stderr.write(`${message}\n`)
    else this.log(message)
  }

  /** Notes and warnings for people; silenced by --quiet. */
  protected note(message: string, quiet: boolean | undefined): void {
    if (!quiet) process.stderr.write(`${message}\n`)
  }

  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err
    if (debugEnabled() && err.stack) process.stderr.write(`${err.stack}\n`)
    if (err instanceof ExitreadyError) return this.fail(err.message, err.exitCode, err.code, err.suggestion)
    // oclif's own errors (unknown flags, bad values, missing args) are usage errors: exit code 2.
    if (err instanceof Errors.CLIError || err.oclif) {
      const exit = err.oclif?.exit === undefined || err.oclif.exit === 1 ? ExitCode.invalidInput : err.oclif.exit
      const flags = {...(this.ctor.flags ?? {}), ...(this.ctor.baseFlags ?? {})} as Record<string, FlagDefinition>
      const id = this.id ? ` ${this.id.replaceAll(':', ' ')}` : ''
      const usage = describeUsageError(err.message, flags, `${this.config.bin}${id} --help`)
      return this.fail(usage.message, exit, exit === ExitCode.invalidInput ? ErrorCode.usage : ErrorCode.bug, usage.suggestion)
    }
    const message = `Internal error: ${err.message}. This is a bug in exitready; please report it with the output of the same command run with DEBUG=exitready*.`
    return this.fail(message, ExitCode.internal, ErrorCode.bug)
  }

  /**
   * One clear sentence and a suggestion on stderr (unwrapped, so logs stay greppable), or the
   * JsonError on stdout under --json; then the exit code.
   */
  private fail(message: string, exitCode: number, code: ErrorCodeValue, suggestion?: string): undefined {
    process.exitCode = exitCode
    if (this.jsonEnabled()) {
      const error: JsonError = {error: {code, message, ...(suggestion ? {suggestion} : {}), exitCode}}
      this.logJson(error)
      return undefined
    }
    process.stderr.write(`Error: ${message}\n${suggestion ? `Try: ${suggestion}\n` : ''}`)
    this.exit(exitCode)
  }
}
