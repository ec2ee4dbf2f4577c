/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>

/** True for a plain JSON object (not null, not an array). */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** What a JSON syntax error expected, by jsonc-parser's error code, in words. */
const EXPECTED: Record<number, string> = {
  1: 'a value (a string in double quotes, a number, true, false, null, an object or an array)',
  2: 'a valid number',
  3: 'a property name in double quotes',
  4: 'a value',
  5: "':' after a property name",
  6: "',' between values",
  7: "'}' to close an object",
  8: "']' to close an array",
  9: 'the end of the file (there is more after the JSON value)',
  10: 'no comment (JSON has none)',
  11: 'the end of a comment',
  12: 'a closing double quote: the string runs to the end of the file',
  13: 'a complete number',
  14: 'a valid Unicode escape',
  15: 'a valid escape character',
  16: 'no control character inside a string',
}

/** line and column (1-based) of an offset, counting \n only. */
function lineColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1
  let start = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    start = i + 1
  }
  return {line, column: offset - start + 1}
}

/** The first syntax error jsonc-parser finds in a text: its offset and its error code. */
export async function firstJsonError(text: string): Promise<{offset: number; code: number} | undefined> {
  const {parse} = await import('jsonc-parser')
  const errors: {error: number; offset: number; length: number}[] = []
  parse(text, errors, {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false})
  const first = errors[0]
  return first && {offset: first.offset, code: first.error}
}

/** A JSON syntax error in words, from where it is and its jsonc-parser code. */
export async function jsonErrorText(at: {line: number; column: number}, code: number, endsEarly: boolean): Promise<string> {
  if (endsEarly) return `not valid JSON: the file ends early at line ${at.line}, column ${at.column} (truncated?)`
  const {printParseErrorCode} = await import('jsonc-parser')
  return `not valid JSON at line ${at.line}, column ${at.column}: expected ${EXPECTED[code] ?? printParseErrorCode(code as never)}`
}

/**
 * Where and why a JSON text is not valid: line, column and what was expected, and never a snippet
 * of the text (V8's own message quotes the input, which may hold a password). Only called after
 * JSON.parse failed, so its cost does not matter.
 */
export async function describeJsonError(text: string): Promise<string> {
  if (text.trim() === '') return 'the file is empty'
  const first = await firstJsonError(text)
  if (!first) return 'not valid JSON'
  return jsonErrorText(lineColumn(text, first.offset), first.code, first.offset >= text.trimEnd().length)
}
