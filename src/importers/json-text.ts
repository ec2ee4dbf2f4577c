/**
 * JSON as people capture it: parsed with errors that give line and column and what was expected
 * (never a character of the file: a mistaken path may point at a key or a state full of secrets),
 * and unwrapped from the GitHub Actions `setup-terraform` wrapper, whose v1/v2 releases
 * print a `[command]…` line before Terraform's output and workflow commands (`::debug::`,
 * `::set-output`) after it.
 */
import {InputError} from '../errors.js'
import {describeJsonError} from '../util/json.js'

/** `::debug::…`, `::set-output name=stdout::…`: GitHub Actions workflow commands. */
const WORKFLOW_COMMAND = /^::[a-z][a-z-]*(?: [^\n]*?)?::/
const COMMAND_ECHO = /^\[command\][^\n]*\n/

export interface Unwrapped {
  text: string
  /** Lines removed before the JSON, to report positions in the file as the user sees it. */
  linesBefore: number
  /** Set when a wrapper was removed. */
  wrapper?: string
}

/**
 * Removes the setup-terraform wrapper's `[command]` echo and the workflow commands after the JSON,
 * when the file has them; any other text is returned unchanged.
 */
export function unwrapWorkflowOutput(text: string): Unwrapped {
  let body = text
  let linesBefore = 0
  let wrapped = false
  const lead = text.length - text.trimStart().length
  const echo = COMMAND_ECHO.exec(text.slice(lead))
  if (echo) {
    body = text.slice(lead + echo[0].length)
    linesBefore = countLines(text.slice(0, lead)) + 1
    wrapped = true
  }
  // Trailing workflow commands, last line first; each is one line (values are %0A-escaped).
  let end = body.length
  for (;;) {
    const trimmedEnd = trimEnd(body, end)
    const lineStart = body.lastIndexOf('\n', trimmedEnd - 1) + 1
    if (trimmedEnd <= 0 || !WORKFLOW_COMMAND.test(body.slice(lineStart, trimmedEnd))) break
    end = lineStart
    wrapped = true
  }
  if (!wrapped) return {text, linesBefore: 0}
  return {text: body.slice(0, end), linesBefore, wrapper: 'GitHub Actions setup-terraform wrapper'}
}

function trimEnd(text: string, end: number): number {
  let i = end
  while (i > 0 && /\s/.test(text[i - 1]!)) i--
  return i
}

function countLines(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++
  return n
}

export interface ParsedJson {
  data: unknown
  /** Set when the text came through a wrapper that was removed. */
  wrapper?: string
}

/**
 * Parses JSON (after removing a setup-terraform wrapper); an error names the file, line and
 * column (in the file as the user sees it) and says what was expected, and never quotes the file.
 */
export async function parseJsonText(text: string, name: string): Promise<ParsedJson> {
  if (text.trim() === '') throw new InputError(`${name}: the file is empty.`)
  const unwrapped = unwrapWorkflowOutput(text)
  try {
    return {data: JSON.parse(unwrapped.text), ...(unwrapped.wrapper ? {wrapper: unwrapped.wrapper} : {})}
  } catch {
    const reason = (await describeJsonError(unwrapped.text)).replace(
      /at line (\d+)/,
      (_m, line: string) => `at line ${Number(line) + unwrapped.linesBefore}`,
    )
    // A file cut inside a string is as truncated as one cut between values.
    const truncated = /ends early|runs to the end of the file/.test(reason)
    throw new InputError(
      `${name}: ${reason}.`,
      truncated ? 'Export it again and check that the command finished (e.g. `terraform state pull > state.json`).' : undefined,
    )
  }
}
