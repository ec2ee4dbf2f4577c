/**
 * Multi-document YAML (`---`-separated manifests, `kubectl get -o yaml`, `helm template` output),
 * read one document at a time with the same safety as every other YAML input: no custom tags,
 * unique keys, an alias limit per document and a size limit per document. Only one document's
 * syntax tree is held at a time, so a long stream of small manifests does not need a hundred times
 * its size in memory. Errors give file:line:column and the kind of problem, never the content.
 */
import {Composer, type CST, type Document, LineCounter, Parser} from 'yaml'
import {InputError} from '../../errors.js'
import {complexKeyOffset, MAX_YAML_ALIASES, MAX_YAML_CHARS} from '../../util/yaml.js'

export interface YamlDocument {
  /** The document as plain data (null for an empty document). */
  value: unknown
  /** 1-based position of the document's first content. */
  line: number
  col: number
  /** Position of the node at a path inside the document (for items of a `kind: List`). */
  at(path: (string | number)[]): {line: number; col: number}
}

/** The kind of a YAML problem in words, from the library's error code (its message may quote the input). */
function problem(code: string): string {
  if (code === 'DUPLICATE_KEY') return 'duplicate key (each key may appear once in a map)'
  if (code === 'TAB_AS_INDENT') return 'a tab used for indentation (YAML indents with spaces)'
  if (code === 'TAG_RESOLVE_FAILED') return 'custom YAML tags are not allowed'
  return `YAML syntax error (${code.toLowerCase().replace(/_/g, ' ')})`
}

const TEMPLATE_HINT = 'A Helm chart or other template must be rendered first (e.g. `helm template . > manifests.yaml`).'

/** The documents of a YAML stream, in order; throws InputError at the first problem. */
export function* yamlDocuments(text: string, file: string, maxDocumentChars = MAX_YAML_CHARS): Generator<YamlDocument> {
  const lines = new LineCounter()
  const composer = new Composer({uniqueKeys: true, customTags: [], schema: 'core', keepSourceTokens: false})
  const position = (offset: number) => lines.linePos(Math.max(0, Math.min(offset, text.length)))
  const fail = (offset: number, what: string, suggestion?: string): never => {
    const {line, col} = position(offset)
    throw new InputError(`${file}:${line}:${col}: ${what}.`, suggestion)
  }

  const emit = (doc: Document.Parsed): YamlDocument | undefined => {
    const firstError = doc.errors[0]
    if (firstError) fail(firstError.pos[0], problem(firstError.code), /\{\{/.test(text) ? TEMPLATE_HINT : undefined)
    const tagWarning = doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED')
    if (tagWarning) fail(tagWarning.pos[0], problem(tagWarning.code))
    const start = doc.contents?.range?.[0] ?? doc.range[0]
    // A map or list as a key (`{{ .Values.x }}` is one) has no JSON form; the library would print it in a warning.
    const complexKey = complexKeyOffset(doc)
    if (complexKey !== undefined) fail(complexKey, 'a map key that is itself a map or a list', TEMPLATE_HINT)
    let value: unknown
    try {
      value = doc.toJS({maxAliasCount: MAX_YAML_ALIASES})
    } catch {
      fail(start, `too many alias expansions in one document (limit: ${MAX_YAML_ALIASES})`)
    }
    const {line, col} = position(start)
    return {
      value,
      line,
      col,
      at(path) {
        const node = doc.getIn(path, true) as {range?: [number, number, number]} | undefined
        return position(node?.range?.[0] ?? start)
      },
    }
  }

  // A document's size is known once the next token starts; it is checked before it is composed.
  let pending: CST.Token | undefined
  const flush = function* (token: CST.Token, end: number): Generator<YamlDocument> {
    if (token.type === 'document' && end - token.offset > maxDocumentChars)
      fail(
        token.offset,
        `a YAML document of ${end - token.offset} characters is over the ${maxDocumentChars}-character limit for one document`,
        'Split it into several documents or files.',
      )
    for (const doc of composer.next(token)) {
      const read = emit(doc)
      if (read) yield read
    }
  }
  const parser = new Parser(lines.addNewLine)
  for (const token of parser.parse(text)) {
    if (pending) yield* flush(pending, token.offset)
    pending = token
  }
  if (pending) yield* flush(pending, text.length)
  for (const doc of composer.end(false, text.length)) {
    const read = emit(doc)
    if (read) yield read
  }
}
