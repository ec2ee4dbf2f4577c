import {loadCatalog} from '../catalog/load.js'
import {ErrorCode, ExitCode, InputError, withErrorCode} from '../errors.js'
import {GRAPH_FORMATS, type GraphFormat, renderGraph, renderJsonChunks} from '../graph/render.js'
import type {Component, DependencyGraph, Wave} from '../graph/types.js'
import {COLLAPSE_BY, type CollapseBy, collapse, focus} from '../graph/view.js'
import {loadPolicies} from '../policy/load.js'
import {writeChunksAtomic, writeFileAtomic} from '../util/atomic.js'
import {DEMO_SNAPSHOT, loadSnapshots} from './assess.js'
import {evaluateEstate} from './pipeline.js'

export interface GraphJobOptions {
  snapshots: string[]
  demo?: boolean
  format: string
  /** A resource id, or a glob over ids and names. */
  focus?: string
  /** How many usage edges away from the focus to show (default 2). */
  depth?: number
  collapse?: string
  catalogFiles?: string[]
  /** Built-in policies or policy files whose scoring blocks set the constants, as for `assess` (default: baseline). */
  policies?: string[]
  /** Write here (atomically) instead of returning the text only. */
  out?: string
  now?: Date
}

export interface GraphJobResult {
  format: GraphFormat
  text: string
  /** Resources in the estate, and the nodes and edges drawn. */
  resources: number
  nodes: number
  edges: number
  file?: string
  /** 3 when an input snapshot is incomplete, else 0. */
  exitCode: number
}

/** The waves restricted to some resources; wave numbers stay those of the whole estate. */
function restrictWaves(waves: Wave[], keep: Set<string>, graph: DependencyGraph): Wave[] {
  return waves.flatMap((wave) => {
    const members = wave.members.filter((m) => keep.has(m.id))
    if (!members.length) return []
    const effort = {S: 0, M: 0, L: 0, XL: 0, unknown: 0}
    let gib = 0
    for (const m of members) {
      effort[m.effort ?? 'unknown']++
      if (m.stateful) gib += graph.nodes[graph.index.get(m.id)!]?.sizeGiB ?? 0
    }
    return [
      {
        wave: wave.wave,
        members,
        count: members.length,
        first: (k: number) => members.slice(0, k),
        effort,
        statefulGiB: Math.round(gib * 100) / 100,
      },
    ]
  })
}

function check(options: GraphJobOptions): {format: GraphFormat; collapseBy?: CollapseBy; depth: number} {
  if (!(GRAPH_FORMATS as readonly string[]).includes(options.format))
    throw new InputError(`Unknown graph format "${options.format}".`, `Choose from: ${GRAPH_FORMATS.join(', ')}.`)
  if (options.collapse !== undefined && !(COLLAPSE_BY as readonly string[]).includes(options.collapse))
    throw new InputError(`Cannot collapse by "${options.collapse}".`, `Choose from: ${COLLAPSE_BY.join(', ')}.`)
  const depth = options.depth ?? 2
  if (!Number.isInteger(depth) || depth < 0)
    throw new InputError(`--depth must be a whole number of edges, 0 or more; got ${depth}.`)
  return {format: options.format as GraphFormat, collapseBy: options.collapse as CollapseBy | undefined, depth}
}

/** The whole JSON as one text for stdout; beyond the engine's longest string, a user error that says to write a file. */
function joinOrExplain(chunks: Iterable<string>): string {
  try {
    return [...chunks].join('')
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    throw new InputError(
      'The graph is too large to print as one text.',
      'Write it to a file: add --out graph.json (it is streamed there), or narrow it with --focus or --collapse.',
    )
  }
}

/** Loads snapshots, maps and scores them, builds the dependency graph, and renders it (focused or collapsed). */
export async function runGraph(options: GraphJobOptions): Promise<GraphJobResult> {
  const {format, collapseBy, depth} = check(options)
  const inputs = options.demo ? [DEMO_SNAPSHOT, ...options.snapshots] : options.snapshots
  if (inputs.length === 0)
    throw new InputError(
      'No inventory snapshot given.',
      'Pass a snapshot from `exitready scan` or `exitready import`, or try `exitready graph --demo`.',
    )
  // The policies' scoring blocks set the constants, so the graph shows the scores `assess` reports.
  const loaded = await loadPolicies(options.policies ?? [])
  const [snapshot, catalog] = await Promise.all([
    loadSnapshots(inputs),
    loadCatalog({extraFiles: options.catalogFiles}).catch((error: unknown) => {
      throw withErrorCode(error, ErrorCode.catalogInvalid)
    }),
  ])
  const {dependencies: analysis} = evaluateEstate(snapshot, catalog, loaded, {
    now: options.now ?? new Date(),
    evaluatePolicies: false,
  })
  let graph = analysis.graph
  let components: Component[] = analysis.components
  let waves: Wave[] = analysis.waves
  const notes = [
    `exitready dependency graph: ${analysis.graph.nodes.length} resources, ${analysis.graph.edgeCount} usage edges; arrows point from a resource to what it uses, dotted when inferred from attributes.`,
  ]
  if (options.focus !== undefined) {
    graph = focus(graph, options.focus, depth)
    if (graph.nodes.length === 0)
      throw new InputError(
        `No resource id or name matches "${options.focus}".`,
        'Give an exact id from the snapshot, or a glob such as "*claims-db*" (quote it for the shell).',
      )
    const keep = new Set(graph.nodes.map((n) => n.id))
    components = components.filter((c) => c.resources.some((id) => keep.has(id)))
    waves = restrictWaves(waves, keep, analysis.graph)
    notes.push(`Focus: ${options.focus}, ${depth} ${depth === 1 ? 'edge' : 'edges'} around it (${graph.nodes.length} resources).`)
  }
  if (collapseBy) {
    graph = collapse(graph, collapseBy)
    notes.push(
      `Collapsed by ${collapseBy}: each node stands for its resources, with their highest lock-in score; edge labels count edges.`,
    )
  }
  const extras = {clusters: collapseBy !== 'provider', components, waves, notes}
  let text = ''
  if (format === 'json' && options.out) await writeChunksAtomic(options.out, renderJsonChunks(graph, extras))
  else if (format === 'json') text = joinOrExplain(renderJsonChunks(graph, extras))
  else text = renderGraph(format, graph, extras)
  if (options.out && format !== 'json') await writeFileAtomic(options.out, text)
  const incomplete = snapshot.sources.some((s) => s.status !== 'complete')
  return {
    format,
    text,
    resources: analysis.graph.nodes.length,
    nodes: graph.nodes.length,
    edges: graph.edgeCount,
    ...(options.out ? {file: options.out} : {}),
    exitCode: incomplete ? ExitCode.incomplete : ExitCode.ok,
  }
}
