import {describe, expect, it} from 'vitest'
import {graphOf} from '../../src/graph/build.js'
import {
  dotString,
  MERMAID_MAX_EDGES,
  MERMAID_MAX_TEXT,
  mermaidText,
  renderDot,
  renderJson,
  renderJsonChunks,
  renderMermaid,
} from '../../src/graph/render.js'
import type {UsageEdge} from '../../src/graph/types.js'
import {collapse} from '../../src/graph/view.js'
import {runGraph} from '../../src/jobs/graph.js'
import {CLASS_COLOURS} from '../../src/report/svg.js'
import {node, uses} from './helpers.js'

const HOSTILE = [
  '"]; click n1 "javascript:alert(1)"',
  '<script>alert(1)</script>',
  'line\nclick n0 call evil()',
  '%%{init: {"securityLevel": "loose"}}%%',
  'a|b`c`#d;e[f]{g}&amp;h\\i',
]

// ---- A line-by-line grammar of the Mermaid we emit: anything else fails. ----
const CLASSES = Object.keys(CLASS_COLOURS).join('|')
const LABEL = String.raw`(?:[^"\[\]<>|\x60;#{}%&\\\n]|#\w+;|<br/>)*`
const LINE_SHAPES = [
  /^flowchart LR$/,
  /^%% (?!\{).*$/,
  new RegExp(String.raw`^  subgraph p\d+\["${LABEL}"\]$`),
  /^ {2}end$/,
  new RegExp(String.raw`^ +n\d+(?:\["${LABEL}"\]|\[\("${LABEL}"\)\]):::(?:${CLASSES})$`),
  /^ {2}n\d+ (?:-->|-\.->)(?:\|\d+\|)? n\d+$/,
  new RegExp(`^  classDef (?:${CLASSES}) fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}$`),
]

/** Checks a Mermaid text line by line; returns the node ids defined and the edges. */
function parseMermaid(text: string): {nodes: Map<string, string>; edges: [string, string][]} {
  expect(text.length).toBeLessThan(MERMAID_MAX_TEXT)
  const lines = text.trimEnd().split('\n')
  expect(lines[0]).toBe('flowchart LR')
  const nodes = new Map<string, string>()
  const edges: [string, string][] = []
  let depth = 0
  for (const line of lines) {
    if (!LINE_SHAPES.some((shape) => shape.test(line))) throw new Error(`not in the grammar: ${line}`)
    if (/^ {2}subgraph /.test(line)) depth++
    if (line === '  end') depth--
    expect(depth === 0 || depth === 1).toBe(true)
    const definition = /^ +(n\d+)\[\(?"(.*)"\)?\]:::/.exec(line)
    if (definition) {
      expect(nodes.has(definition[1]!)).toBe(false)
      nodes.set(definition[1]!, definition[2]!)
    }
    const edge = /^ {2}(n\d+) \S+ (n\d+)$/.exec(line)
    if (edge) edges.push([edge[1]!, edge[2]!])
  }
  expect(depth).toBe(0)
  for (const [from, to] of edges) expect(nodes.has(from) && nodes.has(to)).toBe(true)
  expect(edges.length).toBeLessThanOrEqual(MERMAID_MAX_EDGES)
  return {nodes, edges}
}

/** What a browser shows for a Mermaid label: entity codes decoded, lines split at <br/>. */
const decodeMermaid = (label: string) =>
  label.split('<br/>').map((part) => part.replace(/#(\d+);/g, (_, code) => String.fromCharCode(Number(code))))

describe('renderMermaid', () => {
  const estate = graphOf(
    [
      node('vm-1', {name: 'web-1'}),
      node('db-1', {
        name: 'orders',
        type: 'AWS::DynamoDB::Table',
        provider: 'aws',
        portability: 'captive',
        stateful: true,
        score: 80,
      }),
      node('fn-1', {name: 'handler', type: 'AWS::Lambda::Function', provider: 'aws', portability: 'proprietary', score: 60}),
    ],
    [uses('fn-1', 'db-1', 'inferred'), uses('vm-1', 'db-1', 'state')],
  )

  it('writes a flowchart with n<index> ids, a subgraph per provider, classes, cylinders for data and dotted inferred edges', () => {
    const text = renderMermaid(estate)
    const {nodes, edges} = parseMermaid(text)
    expect([...nodes.keys()].sort()).toEqual(['n0', 'n1', 'n2'])
    expect(text).toContain('  subgraph p0["hetzner"]\n    n0["web-1<br/>hetzner:server · 10"]:::portable\n  end')
    expect(text).toContain('  subgraph p1["aws"]')
    expect(text).toContain('n1[("orders<br/>AWS::DynamoDB::Table · 80")]:::captive')
    expect(text).toContain('  n2 -.-> n1\n  n0 --> n1\n')
    expect(edges).toEqual([
      ['n2', 'n1'],
      ['n0', 'n1'],
    ])
    for (const [name, colour] of Object.entries(CLASS_COLOURS)) expect(text).toContain(`classDef ${name} fill:${colour},`)
  })

  it('leaves out subgraphs on request, and labels merged edges with their count', () => {
    const text = renderMermaid(collapse(estate, 'provider'), {clusters: false})
    parseMermaid(text)
    expect(text).not.toContain('subgraph')
    expect(text).toContain('n0["hetzner (1 resource)<br/>portable · max 10"]:::portable')
    expect(text).toContain('n1[("aws (2 resources)<br/>captive · max 80")]:::captive')
    expect(text).toContain('  n0 --> n1\n')
    const merged = graphOf([node('a'), node('b')], [{from: 'a', to: 'b', origin: 'declared', count: 7} as UsageEdge])
    expect(renderMermaid(merged)).toContain('  n0 -->|7| n1\n')
  })

  it('escapes hostile names so they stay inside their label', () => {
    const g = graphOf(
      HOSTILE.map((name, i) => node(`id-${i}`, {name, provider: i % 2 ? 'evil"]\nclick' : 'hetzner'})),
      [uses('id-0', 'id-1')],
    )
    const text = renderMermaid(g)
    const {nodes} = parseMermaid(text)
    expect(text).not.toMatch(/^\s*click/m)
    expect(text).not.toContain('<script')
    expect(text).not.toContain('%%{')
    HOSTILE.forEach((name, i) => {
      expect(decodeMermaid(nodes.get(`n${i}`)!)[0]).toBe(name.replace(/\n/g, ' '))
    })
    expect(mermaidText('"];')).toBe('#34;#93;#59;')
    const noted = renderMermaid(g, {}, ['focus: %%{init: {"securityLevel": "loose"}}%%\nclick n0'])
    parseMermaid(noted)
    expect(noted).not.toContain('%%{')
    expect(noted).not.toMatch(/^\s*click/m)
  })

  it('cuts to the most locked-in part when over GitHub’s edge limit, and says so', () => {
    // 300 nodes, 900 edges: scores rise with the index.
    const nodes = Array.from({length: 300}, (_, i) => node(`r${i}`, {score: i / 3}))
    const edges = Array.from({length: 900}, (_, k) => uses(`r${k % 300}`, `r${(k * 7 + 1) % 300}`))
    const text = renderMermaid(graphOf(nodes, edges))
    const parsed = parseMermaid(text)
    expect(parsed.edges.length).toBeGreaterThan(400)
    expect(text).toMatch(/^%% Showing the \d+ most locked-in of 300 nodes and \d+ of 900 usage edges; left out \d+ nodes/m)
    // What is left out is the least locked-in: the highest-scored node is kept, the lowest is not.
    const labels = [...parsed.nodes.values()].map((l) => decodeMermaid(l)[0])
    expect(labels).toContain('r299')
    expect(labels).not.toContain('r0')
  })

  it('cuts to stay under the text limit', () => {
    const nodes = Array.from({length: 2000}, (_, i) => node(`r${i}`, {name: `${'x'.repeat(40)}-${i}`, score: i % 97}))
    const text = renderMermaid(graphOf(nodes, []))
    const parsed = parseMermaid(text)
    expect(parsed.nodes.size).toBeGreaterThan(300)
    expect(text).toMatch(/^%% Showing the \d+ most locked-in of 2000 nodes/m)
  })

  it('renders the demo estate within GitHub’s limits', async () => {
    const result = await runGraph({snapshots: [], demo: true, format: 'mermaid'})
    const {nodes, edges} = parseMermaid(result.text)
    expect(nodes.size).toBe(result.nodes)
    expect(edges.length).toBe(result.edges)
    expect(result.text).toMatch(/subgraph p\d+\["azure"\]/)
  })
})

// ---- DOT: every quoted string is closed, and nothing but DOT punctuation lies outside them. ----
const QUOTED = /"(?:[^"\\]|\\.)*"/g
const unquote = (s: string) => s.slice(1, -1).replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c))

function checkDot(text: string) {
  const outside = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n')
    .replace(QUOTED, 'Q')
  expect(outside).toMatch(/^digraph exitready \{[\w\s{}[\];,=.>-]*\}\s*$/)
}

describe('renderDot', () => {
  it('clusters by provider, colours by class, dashes inferred edges', () => {
    const g = graphOf(
      [node('vm'), node('db', {provider: 'aws', portability: 'captive', stateful: true})],
      [uses('vm', 'db', 'inferred')],
    )
    const text = renderDot(g)
    checkDot(text)
    expect(text).toContain('subgraph cluster_0 {\n    label="hetzner";')
    expect(text).toContain('subgraph cluster_1 {\n    label="aws";')
    expect(text).toContain(`"db" [label="db\\nhetzner:server · 10", tooltip="db", fillcolor="${CLASS_COLOURS.captive}"`)
    expect(text).toContain('shape=cylinder')
    expect(text).toContain('"vm" -> "db" [style=dashed];')
    expect(renderDot(g, {clusters: false})).not.toContain('cluster')
  })

  it('escapes hostile ids and labels', () => {
    const g = graphOf(
      HOSTILE.map((name, i) => node(`id"${i}\\`, {name})),
      [uses('id"0\\', 'id"1\\')],
    )
    const text = renderDot(g)
    checkDot(text)
    expect(text).toContain('"id\\"0\\\\" -> "id\\"1\\\\";')
    const labels = [...text.matchAll(/label=("(?:[^"\\]|\\.)*")/g)].map((m) => unquote(m[1]!))
    for (const name of HOSTILE) expect(labels.some((l) => l.startsWith(`${name}\n`))).toBe(true)
    expect(dotString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"')
  })
})

describe('renderJson', () => {
  it('writes nodes, edges and containment, plus components and waves when given', () => {
    const g = graphOf([node('a'), node('b')], [uses('a', 'b')], [{parent: 'account:hetzner:1', child: 'a'}])
    const plain = JSON.parse(renderJson(g))
    expect(Object.keys(plain)).toEqual(['nodes', 'edges', 'containment'])
    expect(plain.edges).toEqual([{from: 'a', to: 'b', origin: 'declared'}])
    const full = JSON.parse(renderJson(g, {components: [], waves: [], notes: ['n']}))
    expect(Object.keys(full)).toEqual(['notes', 'nodes', 'edges', 'containment', 'components', 'waves'])
  })

  it('streamed (renderJsonChunks) is the same JSON value as renderJson, on the demo estate and collapsed', async () => {
    const {evaluateEstate} = await import('../../src/jobs/pipeline.js')
    const {loadCatalog} = await import('../../src/catalog/load.js')
    const {DEMO_SNAPSHOT, loadSnapshots} = await import('../../src/jobs/assess.js')
    const snapshot = await loadSnapshots([DEMO_SNAPSHOT])
    const {dependencies} = evaluateEstate(snapshot, await loadCatalog(), [], {
      now: new Date('2026-12-02'),
      evaluatePolicies: false,
    })
    const extras = {components: dependencies.components, waves: dependencies.waves, notes: ['n']}
    for (const graph of [dependencies.graph, collapse(dependencies.graph, 'service')]) {
      const streamed = [...renderJsonChunks(graph, extras)]
      expect(streamed.length).toBeGreaterThan(1)
      expect(JSON.parse(streamed.join(''))).toEqual(JSON.parse(renderJson(graph, extras)))
    }
  })

  it('carries the demo estate’s waves and components', async () => {
    const result = await runGraph({snapshots: [], demo: true, format: 'json', focus: '*claims-postgres-prod', depth: 1})
    const data = JSON.parse(result.text)
    const ids = new Set(data.nodes.map((n: {id: string}) => n.id))
    expect(ids.has('arn:aws:rds:eu-central-1:412345678901:db:claims-postgres-prod')).toBe(true)
    expect(data.waves.length).toBeGreaterThan(0)
    for (const wave of data.waves) for (const m of wave.members) expect(ids.has(m.id)).toBe(true)
    expect(data.components.length).toBeGreaterThan(0)
  })
})
