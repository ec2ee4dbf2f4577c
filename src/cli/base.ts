import {Command, Errors, Flags} from '@oclif/core'
import {ExitCode, ExitreadyError} from '../errors.js'

const debugEnabled = () => /(^|,)\s*exitready(\*|:|,|$)/.test(process.env.DEBUG ?? '')

/**
 * The base of every command: JSON output (`--json`), human output on stderr when JSON is on,
 * and one mapping from errors to the exit codes of DESIGN.md (never a stack trace unless DEBUG=exitready*).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

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
    if (err instanceof ExitreadyError) {
      process.exitCode = err.exitCode
      if (this.jsonEnabled()) {
        this.logJson({error: {message: err.message, suggestion: err.suggestion, exitCode: err.exitCode}})
        return undefined
      }
      this.fail(err.message, err.exitCode, err.suggestion)
    }
    // oclif's own errors (unknown flags, missing args) are usage errors: exit code 2.
    if (err instanceof Errors.CLIError || err.oclif) {
      const exit = err.oclif?.exit === undefined || err.oclif.exit === 1 ? ExitCode.invalidInput : err.oclif.exit
      if (this.jsonEnabled()) {
        process.exitCode = exit
        this.logJson({error: {message: err.message, exitCode: exit}})
        return undefined
      }
      this.fail(err.message, exit)
    }
    process.exitCode = ExitCode.internal
    const message = `Internal error: ${err.message}. This is a bug in exitready; please report it with the output of the same command run with DEBUG=exitready*.`
    if (this.jsonEnabled()) {
      this.logJson({error: {message, exitCode: ExitCode.internal}})
      return undefined
    }
    this.fail(message, ExitCode.internal)
  }

  /** Prints one clear sentence and a suggestion on stderr (unwrapped, so logs stay greppable) and exits. */
  private fail(message: string, exitCode: number, suggestion?: string): never {
    process.stderr.write(`Error: ${message}\n${suggestion ? `Try: ${suggestion}\n` : ''}`)
    this.exit(exitCode)
  }
}
