import {EDGE_ORIGINS} from '../inventory/links.js'
import {CLASS_COLOURS} from '../report/svg.js'
import {linePerIndex, linePerItem, prettyList, prettyObject} from '../util/pretty-json.js'
import {graphOf} from './build.js'
import type {Component, DependencyGraph, GraphNode, Wave} from './types.js'
import {edgeCount, mostLockedIn} from './view.js'

export const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const
export type GraphFormat = (typeof GRAPH_FORMATS)[number]

/** GitHub renders Mermaid with the library defaults: at most 500 edges and 50,000 characters of source. */
export const MERMAID_MAX_EDGES = 500
export const MERMAID_MAX_TEXT = 50_000

/** Text on each class's fill, chosen for contrast. */
export const TEXT_ON_CLASS: Record<string, string> = {
  portable: '#ffffff',
  compatible: '#000000',
  proprietary: '#000000',
  captive: '#ffffff',
  unmapped: '#000000',
}
const LABEL_MAX = 48

export const portabilityClass = (node: GraphNode): string => (node.portability in CLASS_COLOURS ? node.portability : 'unmapped')

const truncate = (text: string, max = LABEL_MAX) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** The last segment of an ARN, ARM id or resource name, for nodes without a name. */
const shortId = (id: string) => id.split(/[/:]/).filter(Boolean).pop() ?? id

/** A node's two label lines: its name (or the end of its id), then its type and score. */
export function nodeLabelLines(node: GraphNode): [string, string] {
  const collapsed = 'members' in node
  const title = truncate(node.name ?? shortId(node.id), collapsed ? 2 * LABEL_MAX : LABEL_MAX)
  return [title, collapsed ? `${node.portability} · max ${node.score}` : `${truncate(node.type)} · ${node.score}`]
}

/** Groups node indices by provider, providers in first-seen order. */
function byProvider(graph: DependencyGraph): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  graph.nodes.forEach((node, i) => {
    const list = groups.get(node.provider)
    if (list) list.push(i)
    else groups.set(node.provider, [i])
  })
  return groups
}

// ---- Mermaid ----

/**
 * Text safe inside a quoted Mermaid label: every character that could end the string, open a shape,
 * start a link label, a directive or a comment, or be read as markup becomes a `#code;` entity;
 * control characters become spaces.
 */
export function mermaidText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').replace(/["#;<>[\]{}|`&%\\]/g, (c) => `#${c.charCodeAt(0)};`)
}

export interface MermaidOptions {
  /** A subgraph per provider (default true); pointless when nodes are providers. */
  clusters?: boolean
  maxEdges?: number
  maxTextSize?: number
}

const mermaidNodeLine = (graph: DependencyGraph, i: number, indent: string): string => {
  const node = graph.nodes[i]!
  const [title, detail] = nodeLabelLines(node)
  const label = `"${mermaidText(title)}<br/>${mermaidText(detail)}"`
  return `${indent}n${i}${node.stateful ? `[(${label})]` : `[${label}]`}:::${portabilityClass(node)}`
}

/** Edge k of the graph as a Mermaid line. */
const mermaidEdgeLine = (graph: DependencyGraph, k: number): string => {
  const arrow = EDGE_ORIGINS[graph.edgeOrigin[k]!] === 'inferred' ? '-.->' : '-->'
  const count = graph.edgeWeight ? graph.edgeWeight[k]! : 1
  return `  n${graph.edgeFrom[k]} ${arrow}${count > 1 ? `|${count}|` : ''} n${graph.edgeTo[k]}`
}

function mermaidLines(graph: DependencyGraph, clusters: boolean, notes: string[]): string[] {
  // Mermaid reads %%{…}%% directives even inside comments, so notes lose those characters.
  const lines = ['flowchart LR', ...notes.map((n) => `%% ${n.replace(/[\r\n]+/g, ' ').replace(/[%{}]/g, '')}`)]
  if (clusters)
    [...byProvider(graph)].forEach(([provider, members], p) => {
      lines.push(`  subgraph p${p}["${mermaidText(provider)}"]`)
      for (const i of members) lines.push(mermaidNodeLine(graph, i, '    '))
      lines.push('  end')
    })
  else for (let i = 0; i < graph.nodes.length; i++) lines.push(mermaidNodeLine(graph, i, '  '))
  for (let k = 0; k < graph.edgeCount; k++) lines.push(mermaidEdgeLine(graph, k))
  for (const [name, fill] of Object.entries(CLASS_COLOURS))
    lines.push(`  classDef ${name} fill:${fill},stroke:#333333,color:${TEXT_ON_CLASS[name] ?? '#000000'}`)
  return lines
}

/**
 * A Mermaid `flowchart LR` that GitHub renders: ids `n<index>`, labels quoted and escaped, one
 * `classDef` per portability class, dotted arrows for inferred edges, a subgraph per provider.
 * Larger than GitHub's limits, it keeps the most locked-in part and says in a comment what it left out.
 */
export function renderMermaid(graph: DependencyGraph, options: MermaidOptions = {}, notes: string[] = []): string {
  const clusters = options.clusters ?? true
  const maxEdges = options.maxEdges ?? MERMAID_MAX_EDGES
  const maxText = options.maxTextSize ?? MERMAID_MAX_TEXT
  if (graph.edgeCount <= maxEdges) {
    const full = mermaidLines(graph, clusters, notes).join('\n')
    if (full.length < maxText) return `${full}\n`
  }
  // Fixed costs: header, notes, class definitions, subgraph lines, and the note about the cut.
  const fixed = mermaidLines(graphOf([], []), false, notes).join('\n').length + 400
  const subgraphs = clusters ? [...byProvider(graph).keys()].reduce((n, p) => n + mermaidText(p).length + 30, 0) : 0
  const indent = clusters ? '    ' : '  '
  // The first edge between two nodes prices the pair (key: from × nodes + to).
  const n = graph.nodes.length
  const edgeLength = new Map<number, number>()
  for (let k = 0; k < graph.edgeCount; k++) {
    const key = graph.edgeFrom[k]! * n + graph.edgeTo[k]!
    if (!edgeLength.has(key)) edgeLength.set(key, mermaidEdgeLine(graph, k).length + 1)
  }
  const cut = mostLockedIn(
    graph,
    {maxEdges, maxCost: maxText - fixed - subgraphs},
    {
      node: (i) => mermaidNodeLine(graph, i, indent).length + 1,
      edge: (from, to) => edgeLength.get(from * n + to) ?? 0,
    },
  )
  const note =
    `Showing the ${cut.nodes.length} most locked-in of ${graph.nodes.length} nodes and ${cut.edgeCount} of ${graph.edgeCount} usage edges; ` +
    `left out ${graph.nodes.length - cut.nodes.length} nodes and ${graph.edgeCount - cut.edgeCount} edges to stay within GitHub's Mermaid limits ` +
    `(${maxEdges} edges, ${maxText} characters). Use --focus or --collapse to see the rest.`
  return `${mermaidLines(cut, clusters, [...notes, note]).join('\n')}\n`
}

// ---- Graphviz DOT ----

/** A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`, other control characters dropped. */
export function dotString(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/\p{Cc}/gu, ' ')
  return `"${body}"`
}

export interface DotOptions {
  /** A cluster per provider (default true). */
  clusters?: boolean
}

/** A Graphviz digraph, left to right: nodes filled by portability class, a cluster per provider, dashed inferred edges. */
export function renderDot(graph: DependencyGraph, options: DotOptions = {}, notes: string[] = []): string {
  const lines = ['digraph exitready {']
  for (const note of notes) lines.push(`  // ${note.replace(/[\r\n]+/g, ' ')}`)
  lines.push(
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=11];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
    '  edge [color="#555555", arrowsize=0.7];',
  )
  const nodeLine = (i: number, indent: string) => {
    const node = graph.nodes[i]!
    const cls = portabilityClass(node)
    const attributes = [
      `label=${dotString(nodeLabelLines(node).join('\n'))}`,
      `tooltip=${dotString(node.id)}`,
      `fillcolor=${dotString(CLASS_COLOURS[cls]!)}`,
      `fontcolor=${dotString(TEXT_ON_CLASS[cls]!)}`,
      ...(node.stateful ? ['shape=cylinder'] : []),
    ]
    return `${indent}${dotString(node.id)} [${attributes.join(', ')}];`
  }
  if (options.clusters ?? true)
    [...byProvider(graph)].forEach(([provider, members], p) => {
      lines.push(`  subgraph cluster_${p} {`, `    label=${dotString(provider)};`, '    style="rounded";', '    color="#999999";')
      for (const i of members) lines.push(nodeLine(i, '    '))
      lines.push('  }')
    })
  else for (let i = 0; i < graph.nodes.length; i++) lines.push(nodeLine(i, '  '))
  for (const edge of graph.edges) {
    const count = edgeCount(edge)
    const attributes = [
      ...(edge.origin === 'inferred' ? ['style=dashed'] : []),
      ...(count > 1 ? [`label=${dotString(String(count))}`, `penwidth=${Math.min(6, 1 + Math.log2(count)).toFixed(1)}`] : []),
    ]
    lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)}${attributes.length ? ` [${attributes.join(', ')}]` : ''};`)
  }
  lines.push('}')
  return `${lines.join('\n')}\n`
}

// ---- JSON ----

export interface GraphJsonExtras {
  components?: Component[]
  waves?: Wave[]
  notes?: string[]
}

/** The graph as data: nodes, usage edges, containment, and the components and waves when given. */
export function graphJson(graph: DependencyGraph, extras: GraphJsonExtras = {}) {
  return {
    ...(extras.notes?.length ? {notes: extras.notes} : {}),
    nodes: graph.nodes.map(({id, name, type, provider, account, stateful, portability, score, effort, sizeGiB}) => ({
      id,
      name,
      type,
      provider,
      account,
      stateful,
      portability,
      score,
      effort,
      sizeGiB,
    })),
    edges: graph.edges,
    containment: graph.containment,
    ...(extras.components ? {components: extras.components} : {}),
    ...(extras.waves
      ? {waves: extras.waves.map(({wave, members, effort, statefulGiB}) => ({wave, members, effort, statefulGiB}))}
      : {}),
  }
}

export const renderJson = (graph: DependencyGraph, extras: GraphJsonExtras = {}): string =>
  `${JSON.stringify(graphJson(graph, extras), null, 2)}\n`

/**
 * The same JSON value as `renderJson`, streamed: nodes, edges, containment, components and wave
 * members one per line, built from the graph's arrays as they are written, so a million-resource
 * graph never becomes one string or a list of edge objects.
 */
export function* renderJsonChunks(graph: DependencyGraph, extras: GraphJsonExtras = {}): Generator<string> {
  const node = (i: number) => {
    const {id, name, type, provider, account, stateful, portability, score, effort, sizeGiB} = graph.nodes[i]!
    return JSON.stringify({id, name, type, provider, account, stateful, portability, score, effort, sizeGiB})
  }
  const edge = (k: number) => {
    const from = graph.nodes[graph.edgeFrom[k]!]!.id
    const to = graph.nodes[graph.edgeTo[k]!]!.id
    const origin = EDGE_ORIGINS[graph.edgeOrigin[k]!]
    return JSON.stringify(graph.edgeWeight ? {from, to, origin, count: graph.edgeWeight[k]} : {from, to, origin})
  }
  const value = {
    ...(extras.notes?.length ? {notes: extras.notes} : {}),
    nodes: graph.nodes,
    edges: [],
    containment: [],
    ...(extras.components ? {components: extras.components} : {}),
    ...(extras.waves ? {waves: extras.waves} : {}),
  }
  const wave = (w: Wave) =>
    prettyObject({wave: w.wave, members: w.members, effort: w.effort, statefulGiB: w.statefulGiB}, 2, {
      members: (members) => linePerItem(members, 3),
    })
  yield* prettyObject(value, 0, {
    nodes: () => linePerIndex(graph.nodes.length, 1, node),
    edges: () => linePerIndex(graph.edgeCount, 1, edge),
    containment: () => linePerItem(graph.containment, 1),
    components: (items) => linePerItem(items, 1),
    waves: (items) => prettyList(items as Wave[], 1, wave),
  })
  yield '\n'
}

export interface RenderGraphOptions extends GraphJsonExtras {
  clusters?: boolean
}

/** One entry point for the three formats. */
export function renderGraph(format: GraphFormat, graph: DependencyGraph, options: RenderGraphOptions = {}): string {
  if (format === 'mermaid') return renderMermaid(graph, {clusters: options.clusters}, options.notes)
  if (format === 'dot') return renderDot(graph, {clusters: options.clusters}, options.notes)
  return renderJson(graph, options)
}
