import {readFile, stat} from 'node:fs/promises'
import {type Document, isNode, LineCounter, parseDocument} from 'yaml'
import type {z} from 'zod'
import {InputError} from '../errors.js'

/** Files above this size are refused before parsing. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024
/** Alias expansions allowed in one YAML document (billion-laughs guard). */
export const MAX_YAML_ALIASES = 100

export interface SourceText {
  file: string
  text: string
}

/** The size of an input file, or an InputError that says why it cannot be read. */
export async function inputFileSize(file: string): Promise<number> {
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw new InputError(`${file}: is a folder, not a file.`)
    return info.size
  } catch (error) {
    if (error instanceof InputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(
      code === 'ENOENT' ? `${file}: no such file.` : `${file}: cannot be read (${code ?? 'unknown error'}).`,
      'Check the path.',
    )
  }
}

export async function readInputFile(file: string, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  const size = await inputFileSize(file)
  if (size > maxBytes) throw new InputError(`${file}: ${size} bytes is over the ${maxBytes}-byte limit for this kind of file.`)
  return readFile(file, 'utf8')
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('')
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** file:line:col for a zod issue path inside a YAML document; the nearest existing ancestor if the key is missing. */
function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): {line: number; col: number} {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth) as (string | number)[]
    const node = depth === 0 ? doc.contents : doc.getIn(sub, true)
    if (isNode(node) && node.range) {
      // A key that is not allowed: point at the key itself, not its value.
      const pos = lines.linePos(node.range[0])
      return {line: pos.line, col: pos.col}
    }
  }
  return {line: 1, col: 1}
}

/** `file:line:col` of a path in the parsed document, for checks that zod cannot express. */
export type Locator = (path: (string | number)[]) => string

/**
 * Parses YAML safely (alias limit, no custom tags, unique keys) and validates it against a zod
 * schema; `check` may add cross-field checks that report positions through the locator.
 */
export function parseYaml<T extends z.ZodType>(
  source: SourceText,
  schema: T,
  check?: (data: z.infer<T>, at: Locator) => void,
): z.infer<T> {
  const lines = new LineCounter()
  const doc = parseDocument(source.text, {lineCounter: lines, uniqueKeys: true, customTags: [], prettyErrors: false})
  const problem = doc.errors[0]
  if (problem) {
    const pos = problem.linePos?.[0] ?? {line: 1, col: 1}
    throw new InputError(`${source.file}:${pos.line}:${pos.col}: ${problem.message.split('\n')[0]}`)
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED')
  if (unknownTag) {
    const pos = unknownTag.linePos?.[0] ?? {line: 1, col: 1}
    throw new InputError(`${source.file}:${pos.line}:${pos.col}: custom YAML tags are not allowed.`)
  }
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: MAX_YAML_ALIASES})
  } catch (error) {
    throw new InputError(`${source.file}: ${(error as Error).message} (limit: ${MAX_YAML_ALIASES} alias expansions).`)
  }
  const result = schema.safeParse(data)
  if (result.success) {
    check?.(result.data, (path) => {
      const {line, col} = locate(doc, lines, path)
      return `${source.file}:${line}:${col}`
    })
    return result.data
  }
  const issue = result.error.issues[0]!
  let path = issue.path
  // For an unknown key, point at that key.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) path = [...path, issue.keys[0]]
  const {line, col} = locate(doc, lines, path)
  const at = path.length > 0 ? ` at ${formatPath(path)}` : ''
  const got = issue.code === 'unrecognized_keys' ? '' : `; found ${describeValue(doc.getIn(path as (string | number)[]))}`
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : ''
  throw new InputError(`${source.file}:${line}:${col}${at}: ${issue.message}${got}${more}.`)
}

export async function loadYamlFile<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T>> {
  return parseYaml({file, text: await readInputFile(file)}, schema)
}
