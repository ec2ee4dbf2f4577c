import {readFile, stat} from 'node:fs/promises'
import {type Document, isMap, isNode, isScalar, LineCounter, parseDocument, visit} from 'yaml'
import type {z} from 'zod'
import {InputError} from '../errors.js'
import {didYouMean} from './suggest.js'
import {decodeText} from './text.js'

/** Files above this size are refused before parsing. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024
/**
 * YAML has its own limit, checked before parsing: the parser needs about a hundred times a file's
 * size in memory, so a 50 MB inventory YAML would exhaust the heap. Policies pass a smaller one.
 */
export const MAX_YAML_CHARS = 4 * 1024 * 1024
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

/** An input file's text, refused before reading when it is over `maxBytes`; BOMs and UTF-16 decoded. */
export async function readInputFile(file: string, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  const size = await inputFileSize(file)
  if (size > maxBytes) throw new InputError(`${file}: ${size} bytes is over the ${maxBytes}-byte limit for this kind of file.`)
  return decodeText(await readFile(file))
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('')
}

/** What kind of value was found, never the value itself: the file may be a key passed by mistake. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string'
  return `a ${typeof value}`
}

/** file:line:col for a zod issue path inside a YAML document; the nearest existing ancestor if the key is missing. */
function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[], atKey = false): {line: number; col: number} {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth) as (string | number)[]
    if (atKey && depth === path.length && depth > 0) {
      // An unknown key: point at the key itself, not at its value.
      const parent = depth === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true)
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(sub.at(-1)))
        if (pair && isNode(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0])
      }
    }
    const node = depth === 0 ? doc.contents : doc.getIn(sub, true)
    if (isNode(node) && node.range) return lines.linePos(node.range[0])
  }
  return {line: 1, col: 1}
}

/** The keys a zod schema allows at a path, for did-you-mean on an unknown key (best effort over zod's definitions). */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: zod's internal definitions are walked generically.
  let node: any = schema
  const unwrap = () => {
    for (let guard = 0; guard < 20 && node; guard++) {
      const def = node._zod?.def
      if (!def) return
      if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type))
        node = def.innerType
      else if (def.type === 'pipe') node = def.in
      else if (def.type === 'lazy') node = def.getter()
      else return
    }
  }
  for (const part of path) {
    unwrap()
    const def = node?._zod?.def
    if (!def) return []
    if (def.type === 'object') node = def.shape[String(part)]
    else if (def.type === 'array') node = def.element
    else if (def.type === 'record') node = def.valueType
    else return []
  }
  unwrap()
  const def = node?._zod?.def
  return def?.type === 'object' ? Object.keys(def.shape) : []
}

/**
 * Where a map key is itself a map or a list (an unrendered `{{ .Values.x }}` is one), or undefined.
 * Such a key has no JSON form, and the yaml library would print its content in a warning.
 */
export function complexKeyOffset(doc: Document): number | undefined {
  let offset: number | undefined
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        offset = (pair.key as {range?: [number, number, number]}).range?.[0] ?? doc.range?.[0] ?? 0
        return visit.BREAK
      }
    },
  })
  return offset
}

/** At most this many problems are listed for one file. */
const MAX_PROBLEMS = 20

interface Problem {
  line: number
  col: number
  text: string
}

function report(file: string, problems: Problem[]): never {
  problems.sort((a, b) => a.line - b.line || a.col - b.col)
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => `${file}:${p.line}:${p.col}: ${p.text.replace(/\.+$/, '')}.`)
  const more = problems.length > MAX_PROBLEMS ? `\n(and ${problems.length - MAX_PROBLEMS} more problems)` : ''
  if (shown.length === 1) throw new InputError(`${shown[0]}${more}`)
  throw new InputError(`${file}: ${problems.length} problems:\n${shown.join('\n')}${more}`)
}

/** `file:line:col` of a path in the parsed document, for checks that zod cannot express. */
export type Locator = (path: (string | number)[]) => string

/**
 * Parses YAML safely (size and alias limits, no custom tags, unique keys, one document) and
 * validates it against a zod schema. Every problem is listed with its real line and column, sorted
 * by position; an unknown key is reported at the key with a did-you-mean. No message quotes the
 * file's content. `check` may add cross-field checks that report positions through the locator.
 */
export function parseYaml<T extends z.ZodType>(
  source: SourceText,
  schema: T,
  check?: (data: z.infer<T>, at: Locator) => void,
  maxChars = MAX_YAML_CHARS,
): z.infer<T> {
  if (source.text.length > maxChars)
    throw new InputError(
      `${source.file}: ${source.text.length} characters is over the ${maxChars}-character limit for a YAML file of this kind.`,
      'Split it into several files.',
    )
  const lines = new LineCounter()
  const doc = parseDocument(source.text, {lineCounter: lines, uniqueKeys: true, customTags: [], prettyErrors: false})
  const at = (offset: number | undefined) => lines.linePos(offset ?? 0)
  const syntax: Problem[] = doc.errors.map((error) => ({...at(error.pos[0]), text: yamlMessage(error.code, error.message)}))
  for (const warning of doc.warnings)
    if (warning.code === 'TAG_RESOLVE_FAILED') syntax.push({...at(warning.pos[0]), text: 'custom YAML tags are not allowed'})
  const complexKey = complexKeyOffset(doc)
  if (complexKey !== undefined)
    syntax.push({...at(complexKey), text: 'a map key that is itself a map or a list (an unrendered template?)'})
  if (syntax.length > 0) report(source.file, syntax)
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: MAX_YAML_ALIASES})
  } catch {
    throw new InputError(`${source.file}: too many alias expansions (limit: ${MAX_YAML_ALIASES}).`)
  }
  const result = schema.safeParse(data)
  if (result.success) {
    check?.(result.data, (path) => {
      const {line, col} = locate(doc, lines, path)
      return `${source.file}:${line}:${col}`
    })
    return result.data
  }
  const problems: Problem[] = []
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = allowedKeys(schema, issue.path)
      for (const key of issue.keys) {
        const path = [...issue.path, key]
        problems.push({
          ...locate(doc, lines, path, true),
          text: `unknown key "${key}" at ${formatPath(path)}${didYouMean(key, known)}`,
        })
      }
      continue
    }
    const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : ''
    const value = issue.path.length > 0 ? doc.getIn(issue.path as (string | number)[]) : data
    const message = issue.message
      .replace(/^Invalid input: /, '')
      .replace(/, received \w+$/, '')
      .replace(/\.+$/, '')
    const text =
      value === undefined && issue.code === 'invalid_type'
        ? `${where}missing (${message})`
        : `${where}${message}; found ${kindOf(value)}${issue.code === 'invalid_value' && typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : ''}`
    problems.push({...locate(doc, lines, issue.path), text})
  }
  report(source.file, problems)
}

/**
 * The yaml library's message without the source excerpt it may carry, in a sentence; the code
 * says what kind of problem it is (duplicate key, unterminated quote, several documents …).
 */
function yamlMessage(code: string, message: string): string {
  const firstLine = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
  // Messages that quote the input (e.g. an unexpected scalar) fall back to the code's wording.
  // So do messages that append the input after a colon ("Not a YAML token: <the text>").
  if (
    (/["'`]/.test(firstLine) && !/^(Map keys must be unique|Missing closing)/.test(firstLine)) ||
    /^Not a YAML token|: \S/.test(firstLine)
  )
    return `YAML syntax error (${code.toLowerCase().replace(/_/g, ' ')})`
  if (code === 'DUPLICATE_KEY') return 'duplicate key (each key may appear once in a map)'
  if (code === 'MULTIPLE_DOCS') return 'several YAML documents in one file; put one document in each file'
  return firstLine
}

export async function loadYamlFile<T extends z.ZodType>(file: string, schema: T, maxChars = MAX_YAML_CHARS): Promise<z.infer<T>> {
  return parseYaml({file, text: await readInputFile(file, maxChars * 4)}, schema, undefined, maxChars)
}
