import {CLASS_COLOURS, esc} from '../report/svg.js'
import {nodeLabelLines, portabilityClass, TEXT_ON_CLASS} from './render.js'
import type {DependencyGraph, UsageEdge} from './types.js'
import {mostLockedIn, subgraph} from './view.js'

/**
 * A layered (Sugiyama-style) layout of our own, for small diagrams in the exit report.
 *
 * Direction: dependencies on the right. `layers[0]` holds the nodes that use nothing in the graph and
 * is drawn in the rightmost column; every usage edge goes from a higher layer to a lower one, so from
 * left to right. Cycles are broken deterministically by reversing the back edges of a depth-first
 * search in node order; those edges are drawn as they are (right to left) and listed as `reversed`.
 */

export interface Point {
  x: number
  y: number
}

export interface LayoutEdge extends UsageEdge {
  /** From the source box to the target box, through the columns the edge crosses. */
  points: Point[]
  /** A cycle edge that the layering had to turn round: it runs right to left. */
  reversed: boolean
}

export interface Layout {
  /** Node ids by layer, each in drawing order (top to bottom); `layers[0]` is the rightmost column. */
  layers: string[][]
  /** Top-left corner of each node's box. */
  positions: Map<string, Point>
  edges: LayoutEdge[]
  /** Edge crossings between adjacent layers after ordering (long edges counted through their bends). */
  crossings: number
  width: number
  height: number
}

export interface LayoutOptions {
  /** Barycentre sweeps (each one down and one up); 0 keeps the input order. */
  sweeps?: number
  nodeWidth?: number
  nodeHeight?: number
  gapX?: number
  gapY?: number
  margin?: number
}

/** Edges whose direction the layering reverses: the back edges of an iterative DFS in node order. */
function backEdges(n: number, to: Int32Array, outEdges: number[][]): Uint8Array {
  const reversed = new Uint8Array(to.length)
  const state = new Uint8Array(n) // 0 new, 1 on the DFS stack, 2 done
  const stack: [node: number, next: number][] = []
  for (let root = 0; root < n; root++) {
    if (state[root]) continue
    state[root] = 1
    stack.push([root, 0])
    while (stack.length) {
      const frame = stack[stack.length - 1]!
      const [v, i] = frame
      const list = outEdges[v]!
      if (i === list.length) {
        state[v] = 2
        stack.pop()
        continue
      }
      frame[1] = i + 1
      const e = list[i]!
      const w = to[e]!
      if (state[w] === 1) reversed[e] = 1
      else if (state[w] === 0) {
        state[w] = 1
        stack.push([w, 0])
      }
    }
  }
  return reversed
}

/** Crossings between two adjacent layers: inversions among segments sorted by upper position, counted with a Fenwick tree. */
function crossingsBetween(segments: [upper: number, lower: number][], lowerSize: number): number {
  segments.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const tree = new Int32Array(lowerSize + 1)
  let crossings = 0
  segments.forEach(([, lower], seen) => {
    let atOrBelow = 0
    for (let i = lower + 1; i > 0; i -= i & -i) atOrBelow += tree[i]!
    crossings += seen - atOrBelow
    for (let i = lower + 1; i <= lowerSize; i += i & -i) tree[i]!++
  })
  return crossings
}

const BEND_PITCH = 8

export function layeredLayout(graph: DependencyGraph, options: LayoutOptions = {}): Layout {
  const {sweeps = 8, nodeWidth = 190, nodeHeight = 40, gapX = 70, gapY = 16, margin = 12} = options
  const n = graph.nodes.length
  // The graph's edges point at its nodes and have no self-loops.
  const m = graph.edgeCount
  const from = graph.edgeFrom
  const to = graph.edgeTo
  const outEdges: number[][] = Array.from({length: n}, () => [])
  for (let e = 0; e < m; e++) outEdges[from[e]!]!.push(e)
  const reversed = backEdges(n, to, outEdges)
  // In the acyclic version `user[e]` uses `used[e]`.
  const user = Int32Array.from({length: m}, (_, e) => (reversed[e] ? to[e]! : from[e]!))
  const used = Int32Array.from({length: m}, (_, e) => (reversed[e] ? from[e]! : to[e]!))

  // Longest path from the sinks: a node's layer is one more than the highest layer of what it uses.
  const layer = new Int32Array(n)
  const pending = new Int32Array(n)
  const usersOf: number[][] = Array.from({length: n}, () => [])
  for (let e = 0; e < m; e++) {
    pending[user[e]!]!++
    usersOf[used[e]!]!.push(e)
  }
  const queue: number[] = []
  for (let v = 0; v < n; v++) if (pending[v] === 0) queue.push(v)
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!
    for (const e of usersOf[v]!) {
      const u = user[e]!
      layer[u] = Math.max(layer[u]!, layer[v]! + 1)
      pending[u] = pending[u]! - 1
      if (pending[u] === 0) queue.push(u)
    }
  }
  let top = n ? 0 : -1
  for (const l of layer) if (l > top) top = l

  // Virtual nodes: the real ones, then a bend per layer a long edge crosses.
  const layerOf: number[] = Array.from(layer)
  const above: number[][] = Array.from({length: n}, () => []) // neighbours one layer up
  const below: number[][] = Array.from({length: n}, () => []) // neighbours one layer down
  const chains: number[][] = []
  for (let e = 0; e < m; e++) {
    const chain = [user[e]!]
    for (let l = layer[user[e]!]! - 1; l > layer[used[e]!]!; l--) {
      layerOf.push(l)
      above.push([])
      below.push([])
      chain.push(layerOf.length - 1)
    }
    chain.push(used[e]!)
    for (let i = 0; i + 1 < chain.length; i++) {
      below[chain[i]!]!.push(chain[i + 1]!)
      above[chain[i + 1]!]!.push(chain[i]!)
    }
    chains.push(chain)
  }
  // Start from depth-first discovery order (highest layers first), which keeps related nodes close.
  const rows: number[][] = Array.from({length: top + 1}, () => [])
  const discovered = new Uint8Array(layerOf.length)
  const byLayer = Array.from({length: layerOf.length}, (_, v) => v).sort((a, b) => layerOf[b]! - layerOf[a]! || a - b)
  for (const root of byLayer) {
    if (discovered[root]) continue
    const stack = [root]
    discovered[root] = 1
    while (stack.length) {
      const v = stack.pop()!
      rows[layerOf[v]!]!.push(v)
      const next = below[v]!
      for (let i = next.length - 1; i >= 0; i--)
        if (!discovered[next[i]!]) {
          discovered[next[i]!] = 1
          stack.push(next[i]!)
        }
    }
  }
  const slot = new Int32Array(layerOf.length)
  const number = () => {
    for (const row of rows) for (let i = 0; i < row.length; i++) slot[row[i]!] = i
  }
  number()
  const countCrossings = () => {
    let total = 0
    for (let l = top; l > 0; l--) {
      const segments: [number, number][] = []
      for (const v of rows[l]!) for (const w of below[v]!) segments.push([slot[v]!, slot[w]!])
      total += crossingsBetween(segments, rows[l - 1]!.length)
    }
    return total
  }
  const reorder = (row: number[], neighbours: number[][]) => {
    const key = new Map<number, number>()
    for (const v of row) {
      const list = neighbours[v]!
      key.set(v, list.length ? list.reduce((s, w) => s + slot[w]!, 0) / list.length : slot[v]!)
    }
    row.sort((a, b) => key.get(a)! - key.get(b)! || slot[a]! - slot[b]!)
    for (let i = 0; i < row.length; i++) slot[row[i]!] = i
  }
  let crossings = countCrossings()
  let best = rows.map((row) => [...row])
  for (let s = 0; s < sweeps && crossings > 0; s++) {
    for (let l = top - 1; l >= 0; l--) reorder(rows[l]!, above)
    for (let l = 1; l <= top; l++) reorder(rows[l]!, below)
    const now = countCrossings()
    if (now < crossings) {
      crossings = now
      best = rows.map((row) => [...row])
    }
  }
  // Keep the best order seen, so the sweeps never add crossings.
  for (let l = 0; l < best.length; l++) rows[l] = best[l]!
  number()

  // Bends of long edges take a thin slot, so bundles of long edges stay compact.
  const pitchX = nodeWidth + gapX
  const extent = (v: number) => (v < n ? nodeHeight + gapY : BEND_PITCH)
  const offsetY = new Float64Array(layerOf.length)
  const columnHeight = rows.map((row) => {
    let y = 0
    for (const v of row) {
      offsetY[v] = y
      y += extent(v)
    }
    const last = row[row.length - 1]
    return last !== undefined && last < n ? y - gapY : y
  })
  const tallest = columnHeight.reduce((a, b) => Math.max(a, b), 0)
  const corner = (v: number): Point => ({
    x: margin + (top - layerOf[v]!) * pitchX,
    y: margin + offsetY[v]! + (tallest - columnHeight[layerOf[v]!]!) / 2,
  })
  const middle = (v: number) => corner(v).y + (v < n ? nodeHeight / 2 : BEND_PITCH / 2)
  const positions = new Map<string, Point>()
  for (let v = 0; v < n; v++) positions.set(graph.nodes[v]!.id, corner(v))
  const edgeList = graph.edges
  const edges: LayoutEdge[] = edgeList.map((edge, e) => {
    const chain = chains[e]!
    const points: Point[] = []
    chain.forEach((v, i) => {
      const c = corner(v)
      const mid = middle(v)
      if (i > 0) points.push({x: c.x, y: mid})
      if (i < chain.length - 1) points.push({x: c.x + nodeWidth, y: mid})
    })
    if (reversed[e]) points.reverse()
    return {...edge, points, reversed: reversed[e] === 1}
  })
  return {
    layers: rows.map((row) => row.filter((v) => v < n).map((v) => graph.nodes[v]!.id)),
    positions,
    edges,
    crossings,
    width: margin * 2 + Math.max(0, top + 1) * pitchX - (n ? gapX : 0),
    height: margin * 2 + tallest,
  }
}

export interface DiagramOptions {
  /** Unique within the page: the marker and title ids derive from it. */
  id?: string
  title?: string
  /** The diagram keeps the most locked-in nodes up to this many (default 60). */
  maxNodes?: number
}

const LEGEND_HEIGHT = 26
const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text)

/** A smooth path through the layout points: straight through bends, curved between columns. */
function pathOf(points: Point[]): string {
  let d = `M${points[0]!.x.toFixed(1)},${points[0]!.y.toFixed(1)}`
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!
    const q = points[i]!
    if (p.y === q.y) d += ` L${q.x.toFixed(1)},${q.y.toFixed(1)}`
    else {
      const dx = (q.x - p.x) / 2
      d += ` C${(p.x + dx).toFixed(1)},${p.y.toFixed(1)} ${(q.x - dx).toFixed(1)},${q.y.toFixed(1)} ${q.x.toFixed(1)},${q.y.toFixed(1)}`
    }
  }
  return d
}

/** The nodes with at least one usage edge; the graph itself when it has no edges. */
function linkedOnly(graph: DependencyGraph): DependencyGraph {
  if (!graph.edgeCount) return graph
  return subgraph(
    graph,
    graph.nodes
      .map((_, i) => i)
      .filter((i) => graph.outStart[i + 1]! > graph.outStart[i]! || graph.inStart[i + 1]! > graph.inStart[i]!),
  )
}

/**
 * The dependency diagram as inline SVG: boxes coloured by portability class (cylinder-like rounded
 * boxes for stateful ones), arrows from user to used, dashed when inferred. No script; every text escaped.
 */
export function renderDependencySvg(graph: DependencyGraph, options: DiagramOptions = {}): string {
  const id = options.id ?? 'dependency-diagram'
  const maxNodes = options.maxNodes ?? 60
  // Cut to size: the most locked-in of the linked nodes, without any the cut left unlinked.
  const shown = graph.nodes.length > maxNodes ? linkedOnly(mostLockedIn(linkedOnly(graph), {maxNodes})) : graph
  const left = graph.nodes.length - shown.nodes.length
  const title =
    (options.title ?? 'Dependency diagram') +
    (left > 0 ? ` (the ${shown.nodes.length} most locked-in of ${graph.nodes.length} resources)` : '')
  const nodeWidth = 190
  const nodeHeight = 40
  const layout = layeredLayout(shown, {nodeWidth, nodeHeight})
  const arrow = `${id}-arrow`
  const edges = layout.edges
    .map((e) => {
      const dash = e.origin === 'inferred' ? ' stroke-dasharray="5 3"' : ''
      return `<path d="${pathOf(e.points)}" fill="none" stroke="#555555" stroke-width="1.3"${dash} marker-end="url(#${esc(arrow)})"><title>${esc(`${e.from} uses ${e.to} (${e.origin}${e.reversed ? ', part of a cycle' : ''})`)}</title></path>`
    })
    .join('')
  const nodes = shown.nodes
    .map((node) => {
      const {x, y} = layout.positions.get(node.id)!
      const cls = portabilityClass(node)
      const [name, detail] = nodeLabelLines(node)
      const tooltip = `${node.id}\n${node.type} (${node.provider})\n${cls}, lock-in ${node.score}${node.stateful ? ', holds data' : ''}`
      const shape = node.stateful ? ` rx="14"` : ` rx="4"`
      const ink = TEXT_ON_CLASS[cls]
      return `<g class="node ${cls}"><title>${esc(tooltip)}</title><rect x="${x}" y="${y}" width="${nodeWidth}" height="${nodeHeight}"${shape} fill="${CLASS_COLOURS[cls]}" stroke="#333333"/><text x="${x + 8}" y="${y + 16}" font-size="12" font-weight="bold" fill="${ink}">${esc(clip(name, 27))}</text><text x="${x + 8}" y="${y + 32}" font-size="10" fill="${ink}">${esc(clip(detail, 34))}</text></g>`
    })
    .join('')
  const classes = Object.keys(CLASS_COLOURS).filter((c) => shown.nodes.some((node) => portabilityClass(node) === c))
  const legendY = layout.height + 6
  const legend = classes
    .map(
      (c, i) =>
        `<rect x="${12 + i * 110}" y="${legendY}" width="12" height="12" fill="${CLASS_COLOURS[c]}"/><text x="${30 + i * 110}" y="${legendY + 11}" font-size="11" fill="#222222">${esc(c)}</text>`,
    )
    .join('')
  const width = Math.max(layout.width, 12 + classes.length * 110, 240)
  const height = layout.height + LEGEND_HEIGHT
  const empty = shown.nodes.length ? '' : `<text x="12" y="24" font-size="12" fill="#222222">No dependencies to draw.</text>`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="dependency-diagram" id="${esc(id)}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif">` +
    `<title>${esc(title)}</title>` +
    `<defs><marker id="${esc(arrow)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555555"/></marker></defs>` +
    `${edges}${nodes}${legend}${empty}</svg>`
  )
}
