/**
 * CloudFormation YAML: YAML with the short forms of CloudFormation's intrinsic functions
 * (`!Ref`, `!GetAtt`, `!Sub` …), turned into the JSON form (`{"Ref": …}`, `{"Fn::GetAtt": […]}`).
 * Only these tags are accepted; any other (`!Rain::Embed`, `!!python/object` …) is refused with
 * its line and column, and alias expansion is bounded as for every YAML exitready reads.
 */
import {type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument} from 'yaml'
import {InputError} from '../../errors.js'
import {MAX_YAML_ALIASES, MAX_YAML_CHARS} from '../../util/yaml.js'

/** Short-form tag → the intrinsic function's JSON key. */
const INTRINSICS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
}

const CORE_TAG = /^tag:yaml\.org,2002:(str|int|float|bool|null|seq|map)$/

/** Nodes converted to JavaScript; bounded so that aliases cannot blow the template up. */
const MAX_NODES = 5_000_000

interface Walk {
  doc: Document
  lines: LineCounter
  file: string
  aliases: number
  nodes: number
}

function where(walk: Walk, node: Node | undefined): string {
  const pos = node?.range ? walk.lines.linePos(node.range[0]) : {line: 1, col: 1}
  return `${walk.file}:${pos.line}:${pos.col}`
}

/** Iterative conversion (a deeply nested template cannot overflow the stack). */
function toValue(root: Node | null, walk: Walk): unknown {
  type Frame = {node: Node | null; set: (value: unknown) => void}
  let result: unknown
  const stack: Frame[] = [{node: root, set: (v) => (result = v)}]
  while (stack.length > 0) {
    const {node: current, set} = stack.pop()!
    if (++walk.nodes > MAX_NODES) throw new InputError(`${walk.file}: the template is too large to read.`)
    let node = current
    if (node && isAlias(node)) {
      if (++walk.aliases > MAX_YAML_ALIASES)
        throw new InputError(`${where(walk, node)}: more than ${MAX_YAML_ALIASES} alias expansions.`)
      node = (node.resolve(walk.doc) as Node | undefined) ?? null
    }
    if (!node) {
      set(null)
      continue
    }
    const tag = node.tag
    let put = set
    if (tag && !CORE_TAG.test(tag)) {
      const key = INTRINSICS[tag]
      if (!key)
        throw new InputError(
          `${where(walk, node)}: a YAML tag that is not a CloudFormation intrinsic function (only !Ref, !GetAtt, !Sub, !Join, !If … are read).`,
          'Expand the template first (e.g. `rain build`, `cfn-flip`, `aws cloudformation get-template`).',
        )
      put = (value) => {
        // `!GetAtt Resource.Attribute` is the short form of `Fn::GetAtt: [Resource, Attribute]`.
        if (key === 'Fn::GetAtt' && typeof value === 'string') {
          const dot = value.indexOf('.')
          set({[key]: dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : [value]})
        } else set({[key]: value})
      }
    }
    if (isScalar(node)) put(node.value)
    else if (isSeq(node)) {
      const items: unknown[] = new Array(node.items.length)
      put(items)
      for (let i = node.items.length - 1; i >= 0; i--)
        stack.push({node: node.items[i] as Node | null, set: (v) => (items[i] = v)})
    } else if (isMap(node)) {
      const object: Record<string, unknown> = {}
      put(object)
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i]!
        const keyNode = pair.key as Node | null
        const keyValue = keyNode && isScalar(keyNode) ? keyNode.value : undefined
        if (typeof keyValue !== 'string' && typeof keyValue !== 'number' && typeof keyValue !== 'boolean')
          throw new InputError(`${where(walk, keyNode ?? node)}: a mapping key that is not a plain scalar.`)
        const name = String(keyValue)
        stack.push({node: pair.value as Node | null, set: (v) => (object[name] = v)})
      }
    } else put(null)
  }
  return result
}

/** Parses a CloudFormation YAML template into its JSON form; errors give file, line and column. */
export function parseCloudFormationYaml(text: string, file: string): unknown {
  if (text.length > MAX_YAML_CHARS)
    throw new InputError(
      `${file}: ${text.length} characters is over the ${MAX_YAML_CHARS}-character limit for a YAML template.`,
      'Convert it to JSON (`cfn-flip`), which has no such limit.',
    )
  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: true, prettyErrors: false, customTags: []})
  const problem = doc.errors[0]
  if (problem) {
    const pos = problem.linePos?.[0] ?? {line: 1, col: 1}
    // The parser's own words can quote the text; name the kind of error only.
    throw new InputError(`${file}:${pos.line}:${pos.col}: not valid YAML (${problem.code.toLowerCase().replace(/_/g, ' ')}).`)
  }
  return toValue(doc.contents as Node | null, {doc, lines, file, aliases: 0, nodes: 0})
}
