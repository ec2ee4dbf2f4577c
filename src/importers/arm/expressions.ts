/**
 * ARM template expressions (`[concat(parameters('prefix'), '-vnet')]`), evaluated as far as a template
 * alone allows: literals, parameters with defaults, variables, copyIndex() and the string, number and
 * array functions Bicep emits. What only a deployment knows (resourceGroup(), uniqueString(),
 * reference(), a parameter without a default) stays unknown; an unknown is printed the same way
 * wherever it appears, so `resourceId('…/virtualNetworks', parameters('vnetName'))` in a dependsOn
 * still matches the resource named `[parameters('vnetName')]`.
 */

/** A value only a deployment would know, carried by its canonical expression text. */
export class Unknown {
  constructor(readonly text: string) {}
  toString(): string {
    return `\u27e8${this.text}\u27e9`
  }
}

/** `resourceId(type, name…)` and its subscription, tenant and extension variants. */
export class ResourceRef {
  constructor(
    readonly type: string,
    readonly names: readonly string[],
  ) {}
  /** The `type/name` form ARM accepts in dependsOn. */
  toString(): string {
    return `${this.type}/${this.names.join('/')}`
  }
}

export type Value = string | number | boolean | null | Unknown | ResourceRef | Value[] | {[key: string]: Value}

type Ast =
  | {k: 'str'; v: string}
  | {k: 'num'; v: number}
  | {k: 'ident'; name: string}
  | {k: 'call'; name: string; args: Ast[]}
  | {k: 'member'; of: Ast; name: string}
  | {k: 'index'; of: Ast; index: Ast}

export interface Scope {
  parameter(name: string): Value
  variable(name: string): Value
  copyIndex(loop: string | undefined): number | undefined
}

export class ExpressionError extends Error {}

/** Bounds: expressions longer than this, or ranges larger, are left unknown. */
const MAX_EXPRESSION = 20_000
const MAX_RANGE = 10_000
const MAX_DEPTH = 200

function parse(source: string): Ast {
  let i = 0
  const n = source.length
  const space = () => {
    while (i < n && /\s/.test(source[i]!)) i++
  }
  const fail = (): never => {
    throw new ExpressionError('unreadable expression')
  }
  const expression = (depth: number): Ast => {
    if (depth > MAX_DEPTH) fail()
    space()
    let node: Ast
    const c = source[i]
    if (c === "'") {
      let text = ''
      i++
      for (;;) {
        if (i >= n) fail()
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            text += "'"
            i += 2
            continue
          }
          i++
          break
        }
        text += source[i++]
      }
      node = {k: 'str', v: text}
    } else if (c !== undefined && /[-\d]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i))
      if (!match) fail()
      i += match![0].length
      node = {k: 'num', v: Number(match![0])}
    } else if (c !== undefined && /[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(source.slice(i))!
      const word = match[0]
      i += word.length
      space()
      if (source[i] === '(') {
        i++
        const args: Ast[] = []
        space()
        if (source[i] === ')') i++
        else
          for (;;) {
            args.push(expression(depth + 1))
            space()
            if (source[i] === ',') {
              i++
              continue
            }
            if (source[i] === ')') {
              i++
              break
            }
            fail()
          }
        node = {k: 'call', name: word, args}
      } else {
        // `resourceGroup().location` is parsed as a call followed by members; a dotted word without
        // parentheses is a plain identifier.
        node = {k: 'ident', name: word}
      }
    } else return fail()
    for (;;) {
      space()
      if (source[i] === '.') {
        i++
        space()
        const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))
        if (!match) fail()
        i += match![0].length
        node = {k: 'member', of: node, name: match![0]}
      } else if (source[i] === '[') {
        i++
        const index = expression(depth + 1)
        space()
        if (source[i] !== ']') fail()
        i++
        node = {k: 'index', of: node, index}
      } else return node
    }
  }
  const ast = expression(0)
  space()
  if (i !== n) fail()
  return ast
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`

/** Canonical text of an expression: the same however it was spaced. */
function print(ast: Ast): string {
  switch (ast.k) {
    case 'str':
      return quote(ast.v)
    case 'num':
      return String(ast.v)
    case 'ident':
      return ast.name
    case 'call':
      return `${ast.name}(${ast.args.map(print).join(', ')})`
    case 'member':
      return `${print(ast.of)}.${ast.name}`
    case 'index':
      return `${print(ast.of)}[${print(ast.index)}]`
  }
}

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown

/** A value as text; unknown parts keep their marked expression. */
export function text(value: Value): string {
  if (typeof value === 'string') return value
  if (value instanceof Unknown || value instanceof ResourceRef) return value.toString()
  if (value === null) return ''
  if (typeof value === 'object') return JSON.stringify(value, (_k, v) => (v instanceof Unknown ? v.toString() : v))
  return String(value)
}

const isPlainObject = (v: Value): v is {[key: string]: Value} =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof ResourceRef)

/** Functions whose value only a deployment knows. */
const DEPLOYMENT_ONLY = new Set([
  'resourcegroup',
  'subscription',
  'tenant',
  'managementgroup',
  'deployment',
  'environment',
  'uniquestring',
  'guid',
  'newguid',
  'utcnow',
  'reference',
  'list',
  'listkeys',
  'listsecrets',
  'pickzones',
  'providers',
  'deployer',
])

/** The type argument of resourceId(): `Namespace.Provider/type[/child…]`. */
const RESOURCE_TYPE = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+\/[A-Za-z0-9]+/

function evaluate(ast: Ast, scope: Scope): Value {
  const unknown = () => new Unknown(print(ast))
  switch (ast.k) {
    case 'str':
      return ast.v
    case 'num':
      return ast.v
    case 'ident':
      return ast.name === 'true' ? true : ast.name === 'false' ? false : ast.name === 'null' ? null : unknown()
    case 'member': {
      const of = evaluate(ast.of, scope)
      if (isPlainObject(of)) return of[ast.name] ?? unknown()
      return unknown()
    }
    case 'index': {
      const of = evaluate(ast.of, scope)
      const index = evaluate(ast.index, scope)
      if (Array.isArray(of) && typeof index === 'number') return of[index] ?? unknown()
      if (isPlainObject(of) && typeof index === 'string') return of[index] ?? unknown()
      return unknown()
    }
    case 'call':
      return call(ast, scope, unknown)
  }
}

function call(ast: Extract<Ast, {k: 'call'}>, scope: Scope, unknown: () => Unknown): Value {
  const name = ast.name.toLowerCase()
  if (DEPLOYMENT_ONLY.has(name) || name.startsWith('list')) return unknown()
  // if() evaluates only the branch it takes.
  if (name === 'if') {
    const condition = ast.args[0] ? evaluate(ast.args[0], scope) : undefined
    if (typeof condition !== 'boolean' || ast.args.length !== 3) return unknown()
    return evaluate(ast.args[condition ? 1 : 2]!, scope)
  }
  const args = ast.args.map((a) => evaluate(a, scope))
  const [a, b, c] = args
  const anyUnknown = args.some((v) => v instanceof Unknown)
  switch (name) {
    case 'parameters':
      return typeof a === 'string' ? scope.parameter(a) : unknown()
    case 'variables':
      return typeof a === 'string' ? scope.variable(a) : unknown()
    case 'copyindex': {
      const loop = typeof a === 'string' ? a : undefined
      const offset = typeof a === 'number' ? a : typeof b === 'number' ? b : 0
      const index = scope.copyIndex(loop)
      return index === undefined ? unknown() : index + offset
    }
    case 'concat':
      if (args.length > 0 && args.every((v) => Array.isArray(v))) {
        const out: Value[] = []
        for (const list of args as Value[][]) for (const item of list) out.push(item)
        return out
      }
      return args.map(text).join('')
    case 'format':
      if (typeof a !== 'string') return unknown()
      return a.replace(/\{(\d+)(?::[^}]*)?\}/g, (_m, i: string) =>
        args[Number(i) + 1] === undefined ? '' : text(args[Number(i) + 1]!),
      )
    case 'string':
      return a === undefined ? unknown() : text(a)
    case 'int':
      return typeof a === 'number' ? Math.trunc(a) : typeof a === 'string' && /^-?\d+$/.test(a) ? Number(a) : unknown()
    case 'bool':
      return typeof a === 'boolean' ? a : a === 'true' ? true : a === 'false' ? false : unknown()
    case 'true':
      return true
    case 'false':
      return false
    case 'null':
      return null
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod': {
      if (typeof a !== 'number' || typeof b !== 'number') return unknown()
      if ((name === 'div' || name === 'mod') && b === 0) return unknown()
      return name === 'add' ? a + b : name === 'sub' ? a - b : name === 'mul' ? a * b : name === 'div' ? Math.trunc(a / b) : a % b
    }
    case 'length':
      if (typeof a === 'string' && !a.includes('\u27e8')) return a.length
      if (Array.isArray(a)) return a.length
      if (a !== undefined && isPlainObject(a)) return Object.keys(a).length
      return unknown()
    case 'range': {
      if (typeof a !== 'number' || typeof b !== 'number' || b < 0 || b > MAX_RANGE) return unknown()
      const out: number[] = []
      for (let i = 0; i < b; i++) out.push(a + i)
      return out
    }
    case 'split':
      if (typeof a !== 'string') return unknown()
      if (typeof b === 'string') return a.split(b)
      if (Array.isArray(b) && b.every((d) => typeof d === 'string')) {
        let parts = [a]
        for (const d of b as string[]) parts = parts.flatMap((p) => p.split(d))
        return parts
      }
      return unknown()
    case 'tolower':
      return typeof a === 'string' ? a.toLowerCase() : unknown()
    case 'toupper':
      return typeof a === 'string' ? a.toUpperCase() : unknown()
    case 'trim':
      return typeof a === 'string' ? a.trim() : unknown()
    case 'replace':
      return typeof a === 'string' && typeof b === 'string' && typeof c === 'string' ? a.replaceAll(b, c) : unknown()
    case 'substring': {
      if (typeof a !== 'string' || typeof b !== 'number') return unknown()
      return typeof c === 'number' ? a.substring(b, b + c) : a.substring(b)
    }
    case 'equals':
      if (anyUnknown || a === undefined || b === undefined) return unknown()
      return JSON.stringify(a) === JSON.stringify(b)
    case 'not':
      return typeof a === 'boolean' ? !a : unknown()
    case 'and':
      return args.every((v) => typeof v === 'boolean') ? args.every(Boolean) : unknown()
    case 'or':
      return args.every((v) => typeof v === 'boolean') ? args.some(Boolean) : unknown()
    case 'empty':
      if (a === null || a === '') return true
      if (Array.isArray(a)) return a.length === 0
      if (a !== undefined && isPlainObject(a)) return Object.keys(a).length === 0
      return typeof a === 'string' && !a.includes('\u27e8') ? false : unknown()
    case 'coalesce':
      for (const v of args) {
        if (v instanceof Unknown) return unknown()
        if (v !== null) return v
      }
      return null
    case 'createarray':
      return args
    case 'createobject': {
      const out: {[key: string]: Value} = {}
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (typeof args[i] !== 'string') return unknown()
        out[args[i] as string] = args[i + 1]!
      }
      return out
    }
    case 'first':
      return Array.isArray(a) ? (a[0] ?? unknown()) : typeof a === 'string' ? a.slice(0, 1) : unknown()
    case 'last':
      return Array.isArray(a) ? (a[a.length - 1] ?? unknown()) : typeof a === 'string' ? a.slice(-1) : unknown()
    case 'take':
      return typeof b === 'number' && (Array.isArray(a) || typeof a === 'string') ? a.slice(0, b) : unknown()
    case 'skip':
      return typeof b === 'number' && (Array.isArray(a) || typeof a === 'string') ? a.slice(b) : unknown()
    case 'contains':
      if (Array.isArray(a)) return anyUnknown ? unknown() : a.some((v) => JSON.stringify(v) === JSON.stringify(b))
      if (typeof a === 'string' && typeof b === 'string' && !a.includes('\u27e8')) return a.includes(b)
      return unknown()
    case 'startswith':
      return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase().startsWith(b.toLowerCase()) : unknown()
    case 'endswith':
      return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase().endsWith(b.toLowerCase()) : unknown()
    case 'json':
      if (typeof a !== 'string') return unknown()
      try {
        return JSON.parse(a) as Value
      } catch {
        return unknown()
      }
    case 'resourceid':
    case 'subscriptionresourceid':
    case 'tenantresourceid':
    case 'extensionresourceid': {
      // Leading subscription and group arguments (and the extension's scope) come before the type.
      const at = args.findIndex(
        (v, i) => (name !== 'extensionresourceid' || i > 0) && typeof v === 'string' && RESOURCE_TYPE.test(v),
      )
      if (at < 0) return unknown()
      return new ResourceRef(args[at] as string, args.slice(at + 1).map(text))
    }
    default:
      return unknown()
  }
}

/** True for an ARM expression string: `[…]`, but not the escaped literal `[[…]`. */
export const isExpression = (value: string) => value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[')

/** A template string's value: an expression evaluated, an escaped `[[` literal unescaped, else itself. */
export function evaluateString(value: string, scope: Scope): Value {
  if (!isExpression(value)) return value.startsWith('[[') ? value.slice(1) : value
  const source = value.slice(1, -1)
  if (source.length > MAX_EXPRESSION) return new Unknown('…')
  let ast: Ast
  try {
    ast = parse(source)
  } catch {
    return new Unknown(source.replace(/\s+/g, ' ').trim())
  }
  return evaluate(ast, scope)
}

/** A JSON value of the template with every expression string in it evaluated; deep values stay unknown. */
export function evaluateJson(value: unknown, scope: Scope, depth = 0): Value {
  if (typeof value === 'string') return evaluateString(value, scope)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value
  if (depth > MAX_DEPTH) return new Unknown('…')
  if (Array.isArray(value)) return value.map((v) => evaluateJson(v, scope, depth + 1))
  if (typeof value === 'object') {
    const out: {[key: string]: Value} = {}
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = evaluateJson(inner, scope, depth + 1)
    return out
  }
  return null
}
