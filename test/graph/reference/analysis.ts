// Oracle for test/graph/equivalence.test.ts: src/graph/analysis.ts as it was before the integer (CSR) rewrite
// (commit b8d0964), kept unchanged apart from import paths, so the new stages can be compared with it.
import type {Component, DependencyGraph, Wave, WaveMember} from './types.js'

const EFFORT_RANK = {S: 0, M: 1, L: 2, XL: 3} as const

/** Strongly connected components (iterative Tarjan, so deep chains cannot overflow the stack). Returns each node's component number, in reverse topological order of the condensation (dependencies first). */
export function stronglyConnected(graph: DependencyGraph): {componentOf: Int32Array; count: number} {
  const n = graph.nodes.length
  const indexOf = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const componentOf = new Int32Array(n).fill(-1)
  const stack: number[] = []
  const work: [node: number, next: number][] = []
  let counter = 0
  let count = 0
  for (let root = 0; root < n; root++) {
    if (indexOf[root] !== -1) continue
    work.push([root, 0])
    while (work.length) {
      const frame = work[work.length - 1]!
      const [v, i] = frame
      if (i === 0) {
        indexOf[v] = low[v] = counter++
        stack.push(v)
        onStack[v] = 1
      }
      const edges = graph.out[v]!
      if (i < edges.length) {
        frame[1] = i + 1
        const w = edges[i]!
        if (indexOf[w] === -1) work.push([w, 0])
        else if (onStack[w]) low[v] = Math.min(low[v]!, indexOf[w]!)
        continue
      }
      if (low[v] === indexOf[v]) {
        let w: number
        do {
          w = stack.pop()!
          onStack[w] = 0
          componentOf[w] = count
        } while (w !== v)
        count++
      }
      work.pop()
      if (work.length) {
        const parent = work[work.length - 1]![0]
        low[parent] = Math.min(low[parent]!, low[v]!)
      }
    }
  }
  return {componentOf, count}
}

/** Connected components of the usage edges (ignoring direction): what must move together. Singletons are left out. */
export function moveTogether(graph: DependencyGraph): Component[] {
  const n = graph.nodes.length
  const parent = Int32Array.from({length: n}, (_, i) => i)
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  for (let v = 0; v < n; v++) for (const w of graph.out[v]!) parent[find(v)] = find(w)
  const groups = new Map<number, number[]>()
  for (let v = 0; v < n; v++) {
    const root = find(v)
    const group = groups.get(root)
    if (group) group.push(v)
    else groups.set(root, [v])
  }
  const components: Component[] = []
  for (const members of groups.values()) {
    if (members.length < 2) continue
    let total = 0
    let gib = 0
    const providers = new Set<string>()
    for (const m of members) {
      const node = graph.nodes[m]!
      total += node.score
      if (node.stateful) gib += node.sizeGiB ?? 0
      providers.add(node.provider)
    }
    components.push({
      id: 0,
      resources: members.map((m) => graph.nodes[m]!.id),
      providers: [...providers].sort(),
      totalLockIn: Math.round(total * 10) / 10,
      meanLockIn: Math.round((total / members.length) * 10) / 10,
      statefulGiB: Math.round(gib * 100) / 100,
    })
  }
  components.sort((a, b) => b.totalLockIn - a.totalLockIn || b.resources.length - a.resources.length)
  components.forEach((c, i) => {
    c.id = i + 1
  })
  return components
}

/**
 * Exit waves over the usage edges, cycles collapsed: a dependency that holds data moves before its
 * dependents (a later wave for them); a stateless dependency moves with them or before. Within a
 * wave, less effort first, then higher lock-in. Linear in nodes + edges.
 */
export function exitWaves(graph: DependencyGraph): Wave[] {
  const {componentOf, count} = stronglyConnected(graph)
  const n = graph.nodes.length
  const members: number[][] = Array.from({length: count}, () => [])
  for (let v = 0; v < n; v++) members[componentOf[v]!]!.push(v)
  const stateful = new Uint8Array(count)
  for (let v = 0; v < n; v++) if (graph.nodes[v]!.stateful) stateful[componentOf[v]!] = 1
  // Tarjan numbers components dependencies-first, so one pass in that order settles every wave.
  const wave = new Int32Array(count).fill(1)
  const because = new Array<{dep: number; strict: boolean} | undefined>(count)
  for (let c = 0; c < count; c++) {
    for (const v of members[c]!)
      for (const w of graph.out[v]!) {
        const d = componentOf[w]!
        if (d === c) continue
        const candidate = wave[d]! + (stateful[d] ? 1 : 0)
        if (candidate > wave[c]!) {
          wave[c] = candidate
          because[c] = {dep: w, strict: stateful[d] === 1}
        }
      }
  }
  const waves = new Map<number, WaveMember[]>()
  for (let c = 0; c < count; c++) {
    const cycle = members[c]!.length > 1 ? members[c]!.map((v) => graph.nodes[v]!.id) : undefined
    const reason = (() => {
      const b = because[c]
      if (!b)
        return cycle
          ? 'moves as one cycle of mutual dependencies; nothing it uses must move first'
          : 'uses nothing that must move first'
      const dep = graph.nodes[b.dep]!
      return b.strict
        ? `after ${dep.name ?? dep.id}, which holds data it uses (wave ${wave[componentOf[b.dep]!]!})`
        : `with or after ${dep.name ?? dep.id}, which it uses (wave ${wave[componentOf[b.dep]!]!})`
    })()
    for (const v of members[c]!) {
      const node = graph.nodes[v]!
      const list = waves.get(wave[c]!) ?? []
      list.push({
        id: node.id,
        name: node.name,
        type: node.type,
        provider: node.provider,
        effort: node.effort,
        score: node.score,
        stateful: node.stateful,
        reason,
        ...(cycle ? {cycle} : {}),
      })
      waves.set(wave[c]!, list)
    }
  }
  return [...waves.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([number, list]) => {
      list.sort(
        (x, y) =>
          (x.effort ? EFFORT_RANK[x.effort] : 4) - (y.effort ? EFFORT_RANK[y.effort] : 4) ||
          y.score - x.score ||
          (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
      )
      const effort = {S: 0, M: 0, L: 0, XL: 0, unknown: 0}
      let gib = 0
      for (const m of list) {
        effort[m.effort ?? 'unknown']++
        if (m.stateful) gib += graph.nodes[graph.index.get(m.id)!]!.sizeGiB ?? 0
      }
      return {wave: number, members: list, effort, statefulGiB: Math.round(gib * 100) / 100}
    })
}

export interface BlastRadius {
  /** The service: provider and type. */
  provider: string
  type: string
  portability: string
  resources: number
  /** Distinct other resources that use it, directly or transitively. */
  dependents: number
}

/**
 * For each proprietary or captive service, how many other resources depend on it, directly or
 * transitively: one reverse breadth-first search per service, so linear in the estate for a given
 * number of services.
 */
export function blastRadius(
  graph: DependencyGraph,
  filter: (node: DependencyGraph['nodes'][number]) => boolean = (n) =>
    n.portability === 'proprietary' || n.portability === 'captive',
): BlastRadius[] {
  const services = new Map<string, number[]>()
  graph.nodes.forEach((node, i) => {
    if (!filter(node)) return
    const key = `${node.provider}\u0000${node.type}`
    const list = services.get(key)
    if (list) list.push(i)
    else services.set(key, [i])
  })
  const mark = new Int32Array(graph.nodes.length).fill(-1)
  const results: BlastRadius[] = []
  let stamp = 0
  for (const [key, sources] of services) {
    stamp++
    const queue = [...sources]
    for (const s of sources) mark[s] = stamp
    let reached = 0
    for (let head = 0; head < queue.length; head++)
      for (const u of graph.in[queue[head]!]!) {
        if (mark[u] === stamp) continue
        mark[u] = stamp
        reached++
        queue.push(u)
      }
    const [provider, type] = key.split('\u0000') as [string, string]
    results.push({
      provider,
      type,
      portability: graph.nodes[sources[0]!]!.portability,
      resources: sources.length,
      dependents: reached,
    })
  }
  return results.sort((a, b) => b.dependents - a.dependents || (a.type < b.type ? -1 : 1))
}
