import {styleText} from 'node:util'

// Terminal safety for values that came from the estate (names, tags, ids, provider error messages):
// a resource named "\x1b]8;;https://evil\x07…" must not become a link, clear the screen or retitle the window.

/** String commands (OSC, DCS, SOS, PM, APC) with their terminator: BEL, ESC \ or ST. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control sequences is the point
const STRING_COMMAND = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)/g
/** CSI sequences (colours, cursor movement, erase), introduced by ESC [ or the C1 CSI. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control sequences is the point
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g
/** Any other escape sequence: ESC, intermediates, one final byte (ESC c resets the terminal). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control sequences is the point
const OTHER_ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]/g
/** What is left: C0 except tab and line feed, DEL, C1, and the bidi embeddings, overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
/** Line and tab characters that must not break a one-line message. */
const LINE_BREAKS = /\r\n|[\r\n\t\v\f\u0085\u2028\u2029]/g

/**
 * A value from the estate made safe to print: escape sequences removed whole (an unterminated one
 * loses only its introducer, so no text disappears), then every remaining control character and
 * bidi override. Line feeds and tabs stay unless `singleLine`, which turns every line break into a space.
 */
export function safeForTerminal(value: unknown, options: {singleLine?: boolean} = {}): string {
  let text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)
  if (options.singleLine) text = text.replace(LINE_BREAKS, ' ')
  if (!UNSAFE.test(text)) return text
  return text.replace(STRING_COMMAND, '').replace(CSI, '').replace(OTHER_ESCAPE, '').replace(CONTROL, '')
}

/**
 * Whether to colour output for a stream. FORCE_COLOR forces colour on (or off with 0 or false) and
 * wins over NO_COLOR, as in Node itself; otherwise any non-empty NO_COLOR turns colour off
 * (no-color.org); otherwise colour only on a terminal that is not "dumb".
 */
export function colourEnabled(stream: {isTTY?: boolean} = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false')
  if (env.NO_COLOR) return false
  return stream.isTTY === true && env.TERM !== 'dumb'
}

export type Colour = 'red' | 'green' | 'yellow'

/** Colours text when `enabled`; the decision is the caller's (see colourEnabled). */
export const paint = (text: string, colour: Colour, enabled: boolean, bold = false): string =>
  enabled ? styleText(bold ? [colour, 'bold'] : colour, text, {validateStream: false}) : text

// biome-ignore lint/suspicious/noControlCharactersInRegex: our own colour codes
const SGR = /\u001b\[[0-9;]*m/g
/** Combining marks and format characters (zero-width joiner, soft hyphen…) take no column. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u
/** East Asian wide and full-width characters and emoji take two columns. */
const WIDE =
  /[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u

/** Columns a string takes on a terminal (colour codes take none); an approximation of wcwidth. */
export function displayWidth(text: string): number {
  const plain = text.includes('\u001b') ? text.replace(SGR, '') : text
  // Printable ASCII is one column per character.
  if (/^[\u0020-\u007e]*$/.test(plain)) return plain.length
  let width = 0
  for (const char of plain) width += ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1
  return width
}

/** Cuts text to at most `width` columns, ending in an ellipsis when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  let out = ''
  let used = 0
  for (const char of text) {
    const w = displayWidth(char)
    if (used + w > width - 1) break
    out += char
    used += w
  }
  return `${out}…`
}

/** The longest start of `text` that fits in `columns` (at least one character, so wrapping always advances). */
function fitting(text: string, columns: number): string {
  let head = ''
  let used = 0
  for (const char of text) {
    const w = displayWidth(char)
    if (head !== '' && used + w > columns) break
    head += char
    used += w
  }
  return head
}

/** Greedy word wrap to `width` columns; a word longer than a line is broken. Continuation lines start with `indent`. */
export function wrapText(text: string, width: number, indent = ''): string {
  const out: string[] = []
  const indentWidth = displayWidth(indent)
  for (const paragraph of text.split('\n')) {
    // The paragraph's own indentation is kept; only the spaces between words are wrapped on.
    const lead = /^ */.exec(paragraph)![0]
    let line = lead
    let used = lead.length
    let empty = true
    const breakLine = () => {
      out.push(line)
      line = indent
      used = indentWidth
      empty = true
    }
    for (const word of paragraph.split(' ')) {
      if (word === '') continue
      let rest = word
      let w = displayWidth(rest)
      if (!empty && used + 1 + w > width) breakLine()
      while (used + w > width && empty) {
        const head = fitting(rest, width - used)
        rest = rest.slice(head.length)
        w = displayWidth(rest)
        line += head
        used += displayWidth(head)
        empty = false
        if (rest !== '') breakLine()
      }
      if (rest === '') continue
      line += empty ? rest : ` ${rest}`
      used += (empty ? 0 : 1) + w
      empty = false
    }
    out.push(line)
  }
  return out.join('\n')
}
