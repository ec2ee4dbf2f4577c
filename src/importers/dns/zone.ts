/**
 * BIND (RFC 1035 master file) zone files as people keep them: with or without `$ORIGIN` and `$TTL`,
 * relative names and `@`, a blank owner that repeats the previous one, records continued over lines
 * in parentheses, comments, quoted strings with escapes, TTLs in units (`1h`, `1W2d`), and `$INCLUDE`
 * of other files (one that is not there is a warning, and the rest is read). The scanner reads each
 * character once; errors name file:line:column and never quote the file.
 */
import {InputError} from '../../errors.js'
import {type DnsRecord, HOST_FIELD, isTextType, normaliseHost} from './records.js'

export interface ZoneOptions {
  /** The zone's name when the file has no `$ORIGIN` (otherwise guessed from the file name). */
  origin?: string
  /** Reads an `$INCLUDE`d file: its text, or undefined when it is not there. */
  readInclude?: (path: string, from: string) => Promise<string | undefined>
}

export interface ZoneRead {
  records: DnsRecord[]
  /** The zone's apex: the SOA owner, else the first `$ORIGIN`, else the origin given or guessed. */
  apex?: string
  /** Resource records read, of every type. */
  count: number
  warnings: string[]
}

interface Token {
  text: string
  quoted: boolean
  line: number
  col: number
}

interface LogicalLine {
  tokens: Token[]
  /** The line began with a blank: its owner is the previous record's. */
  blankOwner: boolean
  line: number
}

/** How deep `$INCLUDE` may nest, so that a file including itself through others ends. */
const MAX_INCLUDE_DEPTH = 8

const CLASSES = new Set(['IN', 'CH', 'CS', 'HS', 'NONE', 'ANY'])
const TYPES = new Set(
  (
    'A AAAA A6 AFSDB ALIAS ANAME APL ATMA AVC CAA CDNSKEY CDS CERT CNAME CSYNC DHCID DLV DNAME DNSKEY DS EID EUI48 EUI64 ' +
    'GID GPOS HINFO HIP HTTPS IPSECKEY ISDN KEY KX L32 L64 LOC LP MB MD MF MG MINFO MR MX NAPTR NID NIMLOC NINFO NS NSAP ' +
    'NSAP-PTR NSEC NSEC3 NSEC3PARAM NULL NXT OPENPGPKEY PTR PX RESINFO RKEY RP RRSIG RT SIG SINK SMIMEA SOA SPF SRV SSHFP SVCB ' +
    'TA TALINK TKEY TLSA TSIG TXT UID UINFO UNSPEC URI WALLET WKS X25 ZONEMD'
  ).split(' '),
)
const TTL = /^(\d+|(\d+[wdhms])+\d*)$/i

/** The zone a file name suggests (`db.example.com`, `example.com.zone`, `zones/example.com`), if it names one. */
export function originFromFileName(file: string): string | undefined {
  const base = file.split(/[\\/]/).at(-1)!.toLowerCase()
  const name = base
    .replace(/^(db|named|zone|pri|master)\./, '')
    .replace(/\.(zone|db|dns|hosts|txt|bind|fwd|conf)$/, '')
    .replace(/\.(zone|db)$/, '')
  return /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/.test(name) ? name : undefined
}

function position(file: string, line: number, col: number) {
  return `${file}:${line}:${col}`
}

/** Splits a zone file into logical lines (parentheses joined), tokens unquoted and unescaped. */
function* logicalLines(text: string, file: string): Generator<LogicalLine> {
  let line = 1
  let col = 1
  let tokens: Token[] = []
  let current: Token | undefined
  let depth = 0
  let open = {line: 0, col: 0}
  let blankOwner = false
  let lineOfRecord = 1
  const end = () => {
    if (current) tokens.push(current)
    current = undefined
  }
  const start = () => (current ??= {text: '', quoted: false, line, col})
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text[i]!
    if (col === 1 && depth === 0 && tokens.length === 0 && !current) {
      blankOwner = c === ' ' || c === '\t'
      lineOfRecord = line
    }
    if (c === '\n') {
      end()
      if (depth === 0 && tokens.length > 0) {
        yield {tokens, blankOwner, line: lineOfRecord}
        tokens = []
      }
      line++
      col = 1
      continue
    }
    if (c === ';') {
      end()
      while (i + 1 < n && text[i + 1] !== '\n') i++
      col++
      continue
    }
    if (c === '"') {
      end()
      const token: Token = {text: '', quoted: true, line, col}
      let closed = false
      for (i++, col++; i < n; i++, col++) {
        const q = text[i]!
        if (q === '\n') break
        if (q === '\\' && i + 1 < n && text[i + 1] !== '\n') {
          const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4))
          if (digits) {
            token.text += String.fromCharCode(Math.min(255, Number(digits[0])))
            i += 3
            col += 3
          } else {
            token.text += text[++i]
            col++
          }
          continue
        }
        if (q === '"') {
          closed = true
          break
        }
        token.text += q
      }
      if (!closed)
        throw new InputError(
          `${position(file, token.line, token.col)}: a quoted string is not closed on its line.`,
          'Close the quote, or escape a quote that is part of the text as \\".',
        )
      tokens.push(token)
      col++
      continue
    }
    if (c === '(') {
      end()
      if (depth === 0) open = {line, col}
      depth++
      col++
      continue
    }
    if (c === ')') {
      end()
      if (depth === 0) throw new InputError(`${position(file, line, col)}: a closing parenthesis without an opening one.`)
      depth--
      col++
      continue
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      end()
      col++
      continue
    }
    if (c === '\\' && i + 1 < n && text[i + 1] !== '\n') {
      start()
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4))
      if (digits) {
        current!.text += String.fromCharCode(Math.min(255, Number(digits[0])))
        i += 3
        col += 4
      } else {
        current!.text += text[++i]
        col += 2
      }
      continue
    }
    start()
    current!.text += c
    col++
  }
  end()
  if (depth > 0)
    throw new InputError(
      `${position(file, open.line, open.col)}: a parenthesis is opened and never closed.`,
      'Close the record’s parentheses.',
    )
  if (tokens.length > 0) yield {tokens, blankOwner, line: lineOfRecord}
}

/** A name of the file made absolute: `@` is the origin, a name ending in a dot is absolute, others are relative to the origin. */
function resolve(name: string, origin: string | undefined): string {
  if (name === '@') return origin ?? '@'
  if (name.endsWith('.')) return normaliseHost(name)
  const lower = name.toLowerCase()
  return origin ? `${lower}.${origin}` : lower
}

interface State {
  origin?: string
  /** The origin guessed from the file name, until a $ORIGIN replaces it. */
  guessed?: string
  guessUsed?: boolean
  apex?: string
  owner?: string
  relativeWarned: boolean
  depth: number
}

async function parse(text: string, file: string, state: State, out: ZoneRead, options: ZoneOptions): Promise<void> {
  for (const {tokens, blankOwner, line} of logicalLines(text, file)) {
    const first = tokens[0]!
    if (!blankOwner && !first.quoted && first.text.startsWith('$')) {
      const directive = first.text.toUpperCase()
      const argument = tokens[1]
      if (directive === '$ORIGIN') {
        if (!argument) throw new InputError(`${position(file, first.line, first.col)}: $ORIGIN needs a domain name.`)
        state.origin = resolve(argument.text, state.origin)
        state.guessed = undefined
        // The first $ORIGIN names the zone only when it comes before any record.
        if (out.count === 0 && state.depth === 0) state.apex ??= state.origin
      } else if (directive === '$TTL') {
        if (!argument || !TTL.test(argument.text))
          throw new InputError(
            `${position(file, first.line, first.col)}: $TTL needs a time (seconds, or units such as 1h or 1d).`,
          )
      } else if (directive === '$INCLUDE') {
        await include(argument, tokens[2], first, file, state, out, options)
      } else {
        out.warnings.push(
          `${file}:${line}: the directive ${directive.slice(0, 12)} is not read (only $ORIGIN, $TTL and $INCLUDE are); its records are missing.`,
        )
      }
      continue
    }
    let at = 0
    let owner: string
    if (blankOwner) {
      if (!state.owner)
        throw new InputError(
          `${position(file, first.line, first.col)}: a record without a name before any named record.`,
          'Start the first record at the beginning of the line with its name (or @).',
        )
      owner = state.owner
    } else {
      owner = resolve(first.text, state.origin)
      at = 1
    }
    for (let fields = 0; fields < 2 && at < tokens.length; fields++) {
      const token = tokens[at]!
      if (token.quoted) break
      if (TTL.test(token.text) || CLASSES.has(token.text.toUpperCase())) at++
      else break
    }
    const typeToken = tokens[at]
    if (!typeToken) {
      const last = tokens.at(-1)!
      throw new InputError(`${position(file, last.line, last.col)}: a record without a type (A, MX, CNAME, TXT …).`)
    }
    const type = typeToken.text.toUpperCase()
    if (typeToken.quoted || (!TYPES.has(type) && !/^TYPE\d{1,5}$/.test(type)))
      throw new InputError(
        `${position(file, typeToken.line, typeToken.col)}: expected a record type (A, MX, CNAME, TXT …) here.`,
        'Check the record: name, optional TTL and class, then the type and its data.',
      )
    state.owner = owner
    out.count++
    if (state.guessed && state.depth === 0) state.guessUsed = true
    if (type === 'SOA') state.apex = owner === '@' ? state.apex : owner
    if (!state.origin && !state.relativeWarned && !owner.includes('.')) {
      state.relativeWarned = true
      out.warnings.push(
        `${file}: the zone is not named ($ORIGIN is missing and the file name does not name it), so relative names stay relative.`,
      )
    }
    const data = tokens.slice(at + 1)
    const hostField = HOST_FIELD[type]
    if (hostField !== undefined) {
      const host = data[hostField]
      if (!host)
        throw new InputError(
          `${position(file, typeToken.line, typeToken.col)}: the ${type} record lacks its ${type === 'MX' ? 'preference and host' : type === 'SRV' ? 'priority, weight, port and target' : 'target'}.`,
        )
      out.records.push({name: owner, type, data: resolve(host.text, state.origin), where: `${file}:${line}`})
    } else if (isTextType(type)) {
      const strings = data.map((token) => token.text)
      out.records.push({name: owner, type: 'TXT', data: strings.join(''), strings, where: `${file}:${line}`})
    }
  }
}

async function include(
  path: Token | undefined,
  originToken: Token | undefined,
  directive: Token,
  file: string,
  state: State,
  out: ZoneRead,
  options: ZoneOptions,
): Promise<void> {
  if (!path) throw new InputError(`${position(file, directive.line, directive.col)}: $INCLUDE needs a file name.`)
  const text = state.depth < MAX_INCLUDE_DEPTH ? await options.readInclude?.(path.text, file) : undefined
  if (text === undefined) {
    // The included file's name is the zone file's content: it is not repeated here.
    out.warnings.push(
      `${file}:${directive.line}: the file that $INCLUDE names ${state.depth >= MAX_INCLUDE_DEPTH ? `is nested more than ${MAX_INCLUDE_DEPTH} deep` : 'cannot be read'}; its records are missing.`,
    )
    return
  }
  // The included file starts with its own origin (or this one) and does not change this file's.
  const saved = {origin: state.origin, owner: state.owner}
  state.depth++
  if (originToken) state.origin = resolve(originToken.text, state.origin)
  try {
    await parse(text, `${file} (included at line ${directive.line})`, state, out, options)
  } finally {
    state.depth--
    state.origin = saved.origin
    state.owner = saved.owner
  }
}

/** Reads a zone file's records. */
export async function readZone(text: string, file: string, options: ZoneOptions = {}): Promise<ZoneRead> {
  const guessed = options.origin ? undefined : originFromFileName(file)
  const origin = options.origin ? normaliseHost(options.origin) : guessed
  const out: ZoneRead = {records: [], count: 0, warnings: []}
  const state: State = {origin, guessed, relativeWarned: false, depth: 0}
  await parse(text, file, state, out, options)
  if (state.guessUsed) out.warnings.unshift(`${file}: there is no $ORIGIN; the zone is taken from the file name: ${guessed}.`)
  out.apex = state.apex ?? origin
  const apex = out.apex
  if (apex) for (const record of out.records) if (record.name === apex || record.name.endsWith(`.${apex}`)) record.zone = apex
  return out
}
