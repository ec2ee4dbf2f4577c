import {beforeAll, describe, expect, it} from 'vitest'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {breakAutolinks, mdCell, renderMarkdown} from '../../src/report/markdown.js'
import {HOSTILE, reportData} from './fixture.js'

/** Every way a line can end for some Markdown renderer. */
const ANY_LINE_END = /\r\n|\r|\n|\u2028|\u2029|\u0085|\v|\f/
const SIGN_OFF = "\r# Auditor's sign-off\rApproved by the auditor"

/** Cells of a table row: pipes not escaped by a backslash (an escaped backslash does not escape). */
function cellCount(row: string): number {
  let count = 0
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++
    else if (row[i] === '|') count++
  }
  return count - 1
}

/** The Markdown outside fenced blocks, and the fenced Mermaid blocks. */
function split(markdown: string): {prose: string; mermaid: string[]} {
  const mermaid: string[] = []
  const prose = markdown.replace(/```mermaid\n([\s\S]*?)```/g, (_m, body: string) => {
    mermaid.push(body)
    return ''
  })
  return {prose, mermaid}
}

let markdown: string

beforeAll(async () => {
  const snapshot = await readSnapshot(DEMO_SNAPSHOT)
  const queue = 'arn:aws:sqs:eu-central-1:412345678901:claims-intake'
  // Unmapped, so the baseline policy names it in a finding; it uses a queue, so it is in the diagram.
  snapshot.resources.push(
    {
      id: `arn:aws:custom:eu-central-1:412345678901:thing/evil${SIGN_OFF}`,
      provider: 'aws',
      type: `Evil::Type\u2028# Fake heading\u2029\`\`\`\n%%{init: {"theme":"dark"}}%%"] --> x\u202e`,
      name: `hostile${SIGN_OFF}\u2028## Line separator\u0085### NEL | pipe \`code\` $x^2$ ~~gone~~ javascript:alert(1) www.evil.example http://evil.example/a https://evil.example ${HOSTILE}`,
      region: 'eu-central-1',
      tags: {owner: 'javascript:alert(document.cookie)', 'exit-plan': 'www.evil.example/plan', note: 'ftp://evil.example'},
      dependsOn: [queue],
      source: 'test',
    },
    {
      id: 'arn:aws:s3:::nordwind-cr-test',
      provider: 'aws',
      type: 'AWS::S3::Bucket',
      name: `crlf\r\n# CRLF heading`,
      region: 'eu-central-1',
      tags: {'critical-function': 'true'},
      sizeGiB: 50_000,
      source: 'test',
    },
  )
  markdown = [...renderMarkdown(await reportData({snapshot}))].join('')
})

describe('Markdown report with hostile values', () => {
  it('a lone CR, CRLF, U+2028, U+2029 or NEL in a value never ends a line, so no heading can be injected', () => {
    expect(markdown).not.toMatch(/[\r\u2028\u2029\u0085\v\f]/)
    const lines = markdown.split(ANY_LINE_END)
    expect(lines.some((l) => /^\s{0,3}#+\s*(Auditor|Fake|Line separator|NEL|CRLF)/.test(l))).toBe(false)
    expect(lines.some((l) => l.startsWith('Approved'))).toBe(false)
    // The values are still there, on their row.
    expect(lines.find((l) => l.includes('Auditor'))).toMatch(/^\|/)
    expect(lines.find((l) => l.includes('CRLF heading'))).toMatch(/^\|/)
    expect(lines.find((l) => l.includes('Line separator'))).toMatch(/^\|/)
  })

  it('every table row has as many cells as its header: pipes in values are escaped', () => {
    const lines = split(markdown).prose.split('\n')
    let header: number | undefined
    let checked = 0
    for (const line of lines) {
      if (!line.startsWith('|')) {
        header = undefined
        continue
      }
      const cells = cellCount(line)
      if (header === undefined) header = cells
      else {
        expect(cells, line).toBe(header)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(markdown).toContain('\\| pipe')
  })

  it('HTML, backticks, emphasis, strikethrough and math in values are escaped', () => {
    const {prose} = split(markdown)
    expect(prose).not.toMatch(/<[a-z!/]/i)
    expect(prose).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(prose).toContain('\\`code\\`')
    expect(prose).toContain('\\$x^2\\$ \\~\\~gone\\~\\~')
    // No backtick opens inline code (every one is escaped); fences are only ours.
    expect(prose.replace(/\\`/g, '')).not.toContain('`')
  })

  it('URLs and javascript: from the estate are not autolinked', () => {
    expect(markdown).not.toMatch(/\b(?:https?|ftp):\/\//i)
    expect(markdown).not.toMatch(/\bwww\./i)
    expect(markdown).not.toMatch(/\bjavascript:/i)
    // They still read the same: only an invisible joiner was added.
    expect(markdown.replace(/\u200d/g, '')).toContain('http://evil.example/a')
    expect(markdown.replace(/\u200d/g, '')).toContain('www.evil.example')
  })

  it('gets the dependency diagram as Mermaid, collapsed to services, with safe labels', () => {
    const {mermaid} = split(markdown)
    const flowchart = mermaid.find((m) => m.startsWith('flowchart LR'))
    expect(flowchart).toBeDefined()
    // Services, not resources: the SQS queues are one node, and no queue is drawn by its own name.
    expect(flowchart).toMatch(/· AWS::SQS::Queue \(\d+ resources\)/)
    expect(flowchart).not.toContain('claims-intake')
    // The hostile type is a node, its label escaped: no quote, fence, directive, line break or bidi override gets through.
    const evil = flowchart!.split('\n').find((l) => l.includes('Evil::Type'))!
    expect(evil).toBeDefined()
    expect(evil.match(/"/g)).toHaveLength(2)
    expect(evil).not.toMatch(/[`\u2028\u2029\u202e]|%%\{/)
    expect(flowchart).not.toMatch(/^\s*#/m)
    expect(flowchart!.split('\n').filter((l) => l.includes('%%{'))).toHaveLength(0)
  })
})

describe('mdCell and breakAutolinks', () => {
  it.each([
    ['a lone CR', 'a\rb', 'a b'],
    ['CRLF', 'a\r\nb', 'a b'],
    ['U+2028 and U+2029', 'a\u2028b\u2029c', 'a b c'],
    ['NEL', 'a\u0085b', 'a b'],
    ['a pipe and a backslash', 'a|b\\', 'a\\|b\\\\'],
    ['HTML and entities', '<b>&amp;</b>', '&lt;b&gt;&amp;amp;&lt;/b&gt;'],
    ['an ANSI sequence and a bidi override', 'a\u001b[31mb\u202ec', 'abc'],
  ])('escapes %s', (_what, input, expected) => {
    expect(mdCell(input)).toBe(expected)
  })

  it('breaks http://, https://, ftp://, any scheme://, www. and javascript: with a zero-width joiner', () => {
    for (const url of [
      'http://a.example',
      'HTTPS://a.example',
      'ftp://a',
      'ssh://host',
      'www.a.example',
      'javascript:x',
      'data:text/html,x',
    ])
      expect(breakAutolinks(url)).not.toBe(url)
    expect(breakAutolinks('http://a.example')).toBe('http\u200d://a.example')
    expect(breakAutolinks('see www.a.example')).toBe('see www\u200d.a.example')
    expect(breakAutolinks('plain text: no link; eu-west-1')).toBe('plain text: no link; eu-west-1')
  })
})
