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

/**
 * The exit code of a run that assessed an estate, the same for `assess`, `scan --assess` and
 * `graph`: blocking findings (1) outrank an incomplete inventory (3), because a pipeline that lets 3
 * pass as a warning must still stop on what the rules found; the report says what was missing.
 */
export function exitCodeFor(outcome: {blocking: number; incomplete: boolean}): ExitCodeValue {
  if (outcome.blocking > 0) return ExitCode.findings
  return outcome.incomplete ? ExitCode.incomplete : ExitCode.ok
}

/**
 * Stable codes next to the exit code in `--json` errors, for pipelines that branch on the kind of
 * failure. A code, once published, keeps its meaning; new kinds get new codes.
 */
export const ErrorCode = {
  /** A flag or argument the command does not take, or a value it refuses (exit 2). */
  usage: 'EXITREADY_USAGE',
  /** An input file or value that cannot be used (exit 2). */
  inputInvalid: 'EXITREADY_INPUT_INVALID',
  /** A policy file (or built-in policy name) that does not load (exit 2). */
  policyInvalid: 'EXITREADY_POLICY_INVALID',
  /** A waiver file (`assess --waivers`) that does not load (exit 2). */
  waiversInvalid: 'EXITREADY_WAIVERS_INVALID',
  /** An inventory snapshot that does not load (exit 2). */
  snapshotInvalid: 'EXITREADY_SNAPSHOT_INVALID',
  /** A private catalog file that does not load (exit 2). */
  catalogInvalid: 'EXITREADY_CATALOG_INVALID',
  /** A report or snapshot that could not be written (exit 2). */
  writeFailed: 'EXITREADY_WRITE_FAILED',
  /** A file that would be overwritten without --force (exit 2). */
  fileExists: 'EXITREADY_FILE_EXISTS',
  /** Unwaived policy findings at or above --fail-on (exit 1). */
  findings: 'EXITREADY_FINDINGS',
  /** A provider or scope could not be read in full (exit 3). */
  incomplete: 'EXITREADY_INCOMPLETE',
  /** No provider could be read at all (exit 4). */
  noProvider: 'EXITREADY_NO_PROVIDER',
  /** A bug in exitready (exit 70). */
  bug: 'EXITREADY_BUG',
} as const
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode]

/** The code an error carries when its thrower named none: the one of its exit code. */
export function defaultErrorCode(exitCode: number): ErrorCodeValue {
  switch (exitCode) {
    case ExitCode.findings:
      return ErrorCode.findings
    case ExitCode.invalidInput:
      return ErrorCode.inputInvalid
    case ExitCode.incomplete:
      return ErrorCode.incomplete
    case ExitCode.noProvider:
      return ErrorCode.noProvider
    default:
      return ErrorCode.bug
  }
}

/** An error meant for the user: one clear sentence, a suggestion, the exit code and a stable code. */
export class ExitreadyError extends Error {
  readonly code: ErrorCodeValue

  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly suggestion?: string,
    code?: ErrorCodeValue,
  ) {
    super(message)
    this.name = 'ExitreadyError'
    this.code = code ?? defaultErrorCode(exitCode)
  }
}

/** Bad input: a file, flag or value the user can fix. Exit code 2. */
export class InputError extends ExitreadyError {
  constructor(message: string, suggestion?: string, code: ErrorCodeValue = ErrorCode.inputInvalid) {
    super(message, ExitCode.invalidInput, suggestion, code)
    this.name = 'InputError'
  }
}

/**
 * The same input error with a more precise code (a policy, a snapshot, a catalog), for a stage
 * that knows what it was reading; other errors pass through unchanged.
 */
export function withErrorCode(error: unknown, code: ErrorCodeValue): unknown {
  if (!(error instanceof InputError) || error.code !== ErrorCode.inputInvalid) return error
  const recoded = new InputError(error.message, error.suggestion, code)
  recoded.stack = error.stack
  return recoded
}
