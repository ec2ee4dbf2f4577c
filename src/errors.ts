/** Exit codes of DESIGN.md; commands map errors to these. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  invalidInput: 2,
  incomplete: 3,
  noProvider: 4,
  internal: 70,
} as const
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** An error meant for the user: one clear sentence, a suggestion, and the exit code. */
export class ExitreadyError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly suggestion?: string,
  ) {
    super(message)
    this.name = 'ExitreadyError'
  }
}

/** Bad input: a file, flag or value the user can fix. Exit code 2. */
export class InputError extends ExitreadyError {
  constructor(message: string, suggestion?: string) {
    super(message, ExitCode.invalidInput, suggestion)
    this.name = 'InputError'
  }
}
