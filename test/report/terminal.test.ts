import {beforeAll, describe, expect, it} from 'vitest'
import {renderPolicyVerdicts, renderTerminalSummary} from '../../src/report/terminal.js'
import type {ReportData} from '../../src/report/types.js'
import {colourEnabled, displayWidth, safeForTerminal, truncate, wrapText} from '../../src/util/terminal.js'
import {reportData} from './fixture.js'

const ESC = '\u001b'
// biome-ignore lint/suspicious/noControlCharactersInRegex: the colour codes under test
const SGR = /\u001b\[[0-9;]*m/g
const lines = (text: string) => text.split('\n')
/** Every escape in the text is one of our own colour codes. */
const onlyColour = (text: string) => !text.replace(SGR, '').includes(ESC)

describe('safeForTerminal', () => {
  it.each([
    ['a CSI colour', `red${ESC}[31mtext${ESC}[0m`, 'redtext'],
    ['a screen clear and cursor move', `x${ESC}[2J${ESC}[1;1Hy`, 'xy'],
    ['an OSC 8 hyperlink, BEL-terminated', `${ESC}]8;;https://evil.example${'\u0007'}click${ESC}]8;;${'\u0007'}`, 'click'],
    ['an OSC title, ST-terminated', `${ESC}]0;pwned${ESC}\\name`, 'name'],
    ['a DCS string', `${ESC}P1$r0m${ESC}\\ok`, 'ok'],
    ['a C1 CSI', 'a\u009b31mb', 'ab'],
    ['a C1 OSC ended by C1 ST', 'a\u009d0;title\u009cb', 'ab'],
    ['a terminal reset (ESC c)', `${ESC}cname`, 'name'],
    ['C0 controls: BEL, backspace, CR, DEL', 'a\u0007b\bc\rd\u007fe', 'abcde'],
    ['bidi embeddings, overrides and isolates', 'good\u202edab\u202c\u2066x\u2069\u202a\u202b\u202d\u2067\u2068', 'gooddabx'],
  ])('removes %s', (_what, input, expected) => {
    expect(safeForTerminal(input)).toBe(expected)
  })

  it('keeps the text of an unterminated sequence, only the introducer goes', () => {
    expect(safeForTerminal(`name${ESC}]8;;https://evil.example and the rest`)).toBe('name8;;https://evil.example and the rest')
  })

  it('keeps line feeds and tabs, or turns every line break into a space for one-line output', () => {
    expect(safeForTerminal('a\nb\tc')).toBe('a\nb\tc')
    expect(safeForTerminal('a\nb\r\nc\rd\u2028e\tf', {singleLine: true})).toBe('a b c d e f')
  })

  it('leaves ordinary text, accents and wide characters alone', () => {
    for (const text of ['eu-central-1', 'Zürich — 東京', 'arn:aws:s3:::bucket', '']) expect(safeForTerminal(text)).toBe(text)
    expect(safeForTerminal(undefined)).toBe('')
    expect(safeForTerminal(42)).toBe('42')
  })
})

describe('colourEnabled', () => {
  const tty = {isTTY: true}
  const pipe = {isTTY: false}
  it.each([
    ['a terminal', tty, {}, true],
    ['a pipe', pipe, {}, false],
    ['a dumb terminal', tty, {TERM: 'dumb'}, false],
    ['a terminal with NO_COLOR=1', tty, {NO_COLOR: '1'}, false],
    ['a terminal with any non-empty NO_COLOR', tty, {NO_COLOR: 'no'}, false],
    ['a terminal with an empty NO_COLOR', tty, {NO_COLOR: ''}, true],
    ['a pipe with FORCE_COLOR=1', pipe, {FORCE_COLOR: '1'}, true],
    ['a pipe with an empty FORCE_COLOR', pipe, {FORCE_COLOR: ''}, true],
    ['a terminal with FORCE_COLOR=0', tty, {FORCE_COLOR: '0'}, false],
    ['a terminal with FORCE_COLOR=false', tty, {FORCE_COLOR: 'false'}, false],
    ['FORCE_COLOR with NO_COLOR (FORCE_COLOR wins, as in Node)', pipe, {FORCE_COLOR: '1', NO_COLOR: '1'}, true],
  ])('%s', (_what, stream, env, expected) => {
    expect(colourEnabled(stream, env as NodeJS.ProcessEnv)).toBe(expected)
  })
})

describe('width helpers', () => {
  it('measures wide characters as two columns and colour codes as none', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('東京')).toBe(4)
    expect(displayWidth(`${ESC}[31mred${ESC}[39m`)).toBe(3)
    expect(displayWidth('e\u0301')).toBe(1)
  })

  it('truncates with an ellipsis and wraps at spaces, breaking only words longer than a line', () => {
    expect(truncate('abcdefghij', 5)).toBe('abcd…')
    expect(truncate('abc', 5)).toBe('abc')
    expect(wrapText('one two three four', 9, '  ')).toBe('one two\n  three\n  four')
    expect(wrapText('  indented text wraps', 12, '    ')).toBe('  indented\n    text\n    wraps')
    const wrapped = wrapText(`x ${'y'.repeat(25)}`, 10)
    expect(wrapped.split('\n').every((l) => displayWidth(l) <= 10)).toBe(true)
    expect(wrapped.replace(/\n/g, '')).toBe(`x${'y'.repeat(25)}`)
  })
})

describe('the assess summary on a terminal', () => {
  let demo: ReportData
  beforeAll(async () => {
    demo = await reportData({hostile: false})
  })

  for (const colour of [false, true])
    it(`fits 80 columns for the demo estate (colour ${colour ? 'on' : 'off'})`, () => {
      const text = `${renderTerminalSummary(demo.assessment, {colour})}\n${renderPolicyVerdicts(demo.policies, 82, {colour})}`
      const widest = lines(text).reduce((w, l) => Math.max(w, displayWidth(l)), 0)
      expect(widest).toBeLessThanOrEqual(80)
      // Wide enough to be read: the tables use most of the width.
      expect(widest).toBeGreaterThan(70)
      // Wrapped, not cut: no cell of the demo needed an ellipsis.
      expect(text).not.toContain('…')
      for (const word of ['substitutability', 'Jurisdiction', 'Nordwind::Mainframe::Connector']) expect(text).toContain(word)
    })

  it('fits a narrower terminal too', () => {
    const text = `${renderTerminalSummary(demo.assessment, {colour: false, width: 60})}\n${renderPolicyVerdicts(demo.policies, 0, {colour: false, width: 60})}`
    for (const line of lines(text)) expect(displayWidth(line)).toBeLessThanOrEqual(60)
  })

  it('colours FAIL, PASS and the grade only when asked, and nothing else', () => {
    const plain = renderPolicyVerdicts(demo.policies, 1, {colour: false})
    expect(plain).not.toContain(ESC)
    const coloured = renderPolicyVerdicts(demo.policies, 1, {colour: true})
    expect(coloured).toContain(`${ESC}[31m${ESC}[1mFAIL`)
    expect(coloured).toContain(`${ESC}[32mPASS`)
    expect(coloured.replace(SGR, '')).toBe(plain)
    const summary = renderTerminalSummary(demo.assessment, {colour: true})
    expect(summary).toMatch(new RegExp(`grade ${ESC}\\[\\d+m${ESC}\\[1m${demo.assessment.summary.grade}`))
    expect(renderTerminalSummary(demo.assessment, {colour: false})).not.toContain(ESC)
  })

  it('strips escape sequences, control characters and bidi overrides from what came from the estate', async () => {
    const hostileType = `Evil::${ESC}]8;;https://evil.example${'\u0007'}Link${ESC}]8;;${'\u0007'}::${ESC}[2J${ESC}[31mType\u202e`
    const data = await reportData({hostile: false})
    data.assessment.unmapped.unshift({type: hostileType, provider: `aws${ESC}]0;title${'\u0007'}`, count: 1})
    data.assessment.services.unshift({...data.assessment.services[0]!, title: `Queue\r${ESC}[1AExit readiness: grade A`})
    data.assessment.sources.push({
      provider: 'hetzner',
      scope: `proj\u009b2J`,
      status: 'failed',
      count: 0,
      error: `403 from api:\n${ESC}]52;c;cGF5bG9hZA==${'\u0007'}denied`,
    })
    const policies = structuredClone(data.policies)
    policies[0]!.rules[0]!.title = `Rule ${ESC}[8mhidden${ESC}[28m`
    for (const colour of [false, true]) {
      const text = `${renderTerminalSummary(data.assessment, {colour})}\n${renderPolicyVerdicts(policies, 0, {colour})}`
      expect(onlyColour(text)).toBe(true)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must be gone
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
      // The text around the sequences survives, and the forged line did not start a line of its own.
      expect(text).toContain('Link')
      expect(text).toContain('denied')
      expect(lines(text).filter((l) => l.replace(SGR, '').startsWith('Exit readiness'))).toHaveLength(1)
      for (const line of lines(text)) expect(displayWidth(line)).toBeLessThanOrEqual(80)
    }
  })
})
