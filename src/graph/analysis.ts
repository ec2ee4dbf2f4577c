import type {Component, DependencyGraph, GraphNode, Wave, WaveMember} from './types.js'

const EFFORT_RANK = {S: 0, M: 1, L: 2, XL: 3} as const
const effortRank = (node: GraphNode) => (node.effort ? EFFORT_RANK[node.effort] : 4)

/** Strongly connected components (iterative Tarjan, so deep chains cannot overflow the stack). Returns each node's component number, in reverse topological order of the condensation (dependencies first). */
export function stronglyConnected(graph: DependencyGraph): {componentOf: Int32Array; count: number} {
  const n = graph.nodes.length
  const {outStart, outTargets} = graph
  const indexOf = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const componentOf = new Int32Array(n).fill(-1)
  const stack = new Int32Array(n)
  let stackSize = 0
  // The depth-first path: a node and the position of the next edge to follow from it.
  const workNode = new Int32Array(n)
  const workNext = new Int32Array(n)
  let depth = 0
  let counter = 0
  let count = 0
  for (let root = 0; root < n; root++) {
    if (indexOf[root] !== -1) continue
    workNode[0] = root
    workNext[0] = outStart[root]!
    indexOf[root] = low[root] = counter++
    stack[stackSize++] = root
    onStack[root] = 1
    depth = 1
    while (depth > 0) {
      const v = workNode[depth - 1]!
      const next = workNext[depth - 1]!
      if (next < outStart[v + 1]!) {
        workNext[depth - 1] = next + 1
        const w = outTargets[next]!
        if (indexOf[w] === -1) {
          indexOf[w] = low[w] = counter++
          stack[stackSize++] = w
          onStack[w] = 1
          workNode[depth] = w
          workNext[depth] = outStart[w]!
          depth++
        } else if (onStack[w] && indexOf[w]! < low[v]!) low[v] = indexOf[w]!
        continue
      }
      if (low[v] === indexOf[v]) {
        let w: number
        do {
          w = stack[--stackSize]!
          onStack[w] = 0
          componentOf[w] = count
        } while (w !== v)
        count++
      }
      depth--
      if (depth > 0) {
        const parent = workNode[depth - 1]!
        if (low[v]! < low[parent]!) low[parent] = low[v]!
      }
    }
  }
  return {componentOf, count}
}

/** Members grouped by a number per node, each group in node order (a counting sort): group g is `members[start[g] … start[g + 1])`. */
function groupMembers(groupOf: Int32Array, groups: number): {start: Int32Array; members: Int32Array} {
  const start = new Int32Array(groups + 1)
  for (let v = 0; v < groupOf.length; v++) start[groupOf[v]! + 1]!++
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!
  const fill = start.slice(0, groups)
  const members = new Int32Array(groupOf.length)
  for (let v = 0; v < groupOf.length; v++) members[fill[groupOf[v]!]!++] = v
  return {start, members}
}

/** Connected components of the usage edges (ignoring direction): what must move together. Singletons are left out. */
export function moveTogether(graph: DependencyGraph): Component[] {
  const n = graph.nodes.length
  const {outStart, outTargets} = graph
  const parent = new Int32Array(n)
  for (let i = 0; i < n; i++) parent[i] = i
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  for (let v = 0; v < n; v++) for (let k = outStart[v]!; k < outStart[v + 1]!; k++) parent[find(v)] = find(outTargets[k]!)
  // Groups numbered in order of their first member, as the roots are first met.
  const groupOfRoot = new Int32Array(n).fill(-1)
  const groupOf = new Int32Array(n)
  let groups = 0
  for (let v = 0; v < n; v++) {
    const root = find(v)
    if (groupOfRoot[root] === -1) groupOfRoot[root] = groups++
    groupOf[v] = groupOfRoot[root]!
  }
  const {start, members} = groupMembers(groupOf, groups)
  const components: Component[] = []
  for (let g = 0; g < groups; g++) {
    const size = start[g + 1]! - start[g]!
    if (size < 2) continue
    let total = 0
    let gib = 0
    const providers = new Set<string>()
    const resources = new Array<string>(size)
    for (let k = start[g]!, j = 0; k < start[g + 1]!; k++, j++) {
      const node = graph.nodes[members[k]!]!
      total += node.score
      if (node.stateful) gib += node.sizeGiB ?? 0
      providers.add(node.provider)
      resources[j] = node.id
    }
    components.push({
      id: 0,
      resources,
      providers: [...providers].sort(),
      totalLockIn: Math.round(total * 10) / 10,
      meanLockIn: Math.round((total / size) * 10) / 10,
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
 * Plumbing moves with the workload that uses it and never holds a workload back: observability and
 * management always (logs, metrics, alarms and settings are recreated at the target, not carried over
 * ahead of the workload), identity, network and firewall when they hold no data (roles, service
 * accounts, networks, subnets, security groups). By catalog category, as assessed resources carry it.
 */
export const PLUMBING_CATEGORIES: ReadonlySet<string> = new Set(['observability', 'management'])
export const STATELESS_PLUMBING_CATEGORIES: ReadonlySet<string> = new Set(['identity', 'network', 'firewall'])

export const isPlumbing = (node: GraphNode): boolean =>
  node.category !== undefined &&
  (PLUMBING_CATEGORIES.has(node.category) || (!node.stateful && STATELESS_PLUMBING_CATEGORIES.has(node.category)))

/** The wave of each node, and what each cycle of the condensation waits for or moves with. */
export interface WavePlan {
  /** Wave number per node (1 is the first). */
  waveOf: Int32Array
  componentOf: Int32Array
  /** Per component: the node it waits for (-1 when it waits for nothing), and whether because that holds data. */
  because: Int32Array
  strict: Uint8Array
  /** Per component: 1 when all its members are plumbing. */
  plumbing: Uint8Array
  /** Per component of plumbing: the user it moves with (-1 when nothing uses it: it moves with the last wave). */
  movesWith: Int32Array
  /** Per node: the resources that wait for it, directly or through others (each waits for the dependency that sets its wave). */
  unblocks: Int32Array
  /** Per component: its members, in node order (`members[start[c] … start[c + 1])`). */
  start: Int32Array
  members: Int32Array
}

/**
 * The wave of every node over the usage edges, cycles collapsed: a dependency that holds data moves
 * before its dependents (a later wave for them); a stateless dependency moves with them or before.
 * Plumbing (see `isPlumbing`) is passed through (what uses it waits for what it uses) and then joins
 * the earliest wave of what uses it, or the last wave when nothing does. Linear in nodes + edges.
 */
export function planWaves(graph: DependencyGraph, scc = stronglyConnected(graph)): WavePlan {
  const {componentOf, count} = scc
  const n = graph.nodes.length
  const {outStart, outTargets, inStart, inTargets} = graph
  const {start, members} = groupMembers(componentOf, count)
  // A component is plumbing when all its members are; a cycle of a workload and its role moves as the workload.
  const plumbing = new Uint8Array(count).fill(1)
  const stateful = new Uint8Array(count)
  for (let v = 0; v < n; v++) {
    const node = graph.nodes[v]!
    if (isPlumbing(node)) continue
    plumbing[componentOf[v]!] = 0
    if (node.stateful) stateful[componentOf[v]!] = 1
  }
  // Tarjan numbers components dependencies-first, so one pass in that order settles every wave. Plumbing
  // is passed through: for it, `wave` is the earliest wave its users may take (0: any), set by what it uses.
  const wave = new Int32Array(count)
  const because = new Int32Array(count).fill(-1)
  const strict = new Uint8Array(count)
  let last = 1
  for (let c = 0; c < count; c++) {
    wave[c] = plumbing[c] ? 0 : 1
    for (let m = start[c]!; m < start[c + 1]!; m++) {
      const v = members[m]!
      for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
        const w = outTargets[k]!
        const d = componentOf[w]!
        if (d === c) continue
        const candidate = plumbing[d] ? wave[d]! : wave[d]! + stateful[d]!
        if (candidate > wave[c]!) {
          wave[c] = candidate
          // Through plumbing, what it waits for is what the plumbing uses.
          because[c] = plumbing[d] ? because[d]! : w
          strict[c] = plumbing[d] ? strict[d]! : stateful[d]!
        }
      }
    }
    if (!plumbing[c] && wave[c]! > last) last = wave[c]!
  }
  // Users come after what they use in Tarjan's numbering, so the other way round settles plumbing.
  const movesWith = new Int32Array(count).fill(-1)
  for (let c = count - 1; c >= 0; c--) {
    if (!plumbing[c]) continue
    let earliest = Number.POSITIVE_INFINITY
    for (let m = start[c]!; m < start[c + 1]!; m++) {
      const v = members[m]!
      for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
        const u = inTargets[k]!
        const d = componentOf[u]!
        if (d === c || wave[d]! >= earliest) continue
        earliest = wave[d]!
        movesWith[c] = u
      }
    }
    // Nothing uses it: with the last wave, or later if what it uses holds data that moves in the last.
    wave[c] = movesWith[c]! >= 0 ? earliest : Math.max(last, wave[c]!)
    because[c] = -1
  }
  const waveOf = new Int32Array(n)
  for (let v = 0; v < n; v++) waveOf[v] = wave[componentOf[v]!]!
  // Each component waits for one node (`because`); summed from the users down, that counts who waits, directly or not.
  const unblocks = new Int32Array(n)
  const waiting = new Int32Array(count)
  for (let c = count - 1; c >= 0; c--) {
    const b = because[c]!
    if (b < 0) continue
    const total = start[c + 1]! - start[c]! + waiting[c]!
    unblocks[b]! += total
    waiting[componentOf[b]!]! += total
  }
  return {waveOf, componentOf, because, strict, plumbing, movesWith, unblocks, start, members}
}

/**
 * The exit wave of every node (0: none), as one typed array: the plan's own when the findings carry
 * it, else read from the waves' members (a graph built by hand, or a focused sub-graph's waves).
 */
export function waveOfNodes(findings: {graph: DependencyGraph; waves: readonly Wave[]; plan?: WavePlan}): Int32Array {
  const {graph, waves, plan} = findings
  if (plan && plan.waveOf.length === graph.nodes.length) return plan.waveOf
  const waveOf = new Int32Array(graph.nodes.length)
  for (const w of waves)
    for (const m of w.members) {
      const v = graph.index.get(m.id)
      if (v !== undefined) waveOf[v] = w.wave
    }
  return waveOf
}

/**
 * Exit waves: per wave its members, what unblocks the most first, plumbing last, then less effort,
 * then higher lock-in, then id. Members are built when first read, and `first(k)` picks the first k without
 * ordering the whole wave.
 */
export function exitWaves(graph: DependencyGraph, plan: WavePlan = planWaves(graph)): Wave[] {
  const {waveOf, componentOf, because, strict, plumbing, movesWith, unblocks, start, members} = plan
  const nodes = graph.nodes
  const n = nodes.length
  // Position in today's listing order (components dependencies-first, nodes in order), the last tie-break.
  const position = new Int32Array(n)
  for (let m = 0; m < n; m++) position[members[m]!] = m
  const before = (a: number, b: number): number => {
    const byUnblocking = unblocks[b]! - unblocks[a]!
    if (byUnblocking) return byUnblocking
    const x = nodes[a]!
    const y = nodes[b]!
    // Plumbing moves with its workloads, so it is never the pick of a wave.
    const byPlumbing = (plumbing[componentOf[a]!]! as number) - plumbing[componentOf[b]!]!
    if (byPlumbing) return byPlumbing
    const byEffort = effortRank(x) - effortRank(y)
    if (byEffort) return byEffort
    const byScore = y.score - x.score
    if (byScore) return byScore
    if (x.id !== y.id) return x.id < y.id ? -1 : 1
    return position[a]! - position[b]!
  }
  const cycles = new Map<number, string[]>()
  const cycleOf = (c: number): string[] | undefined => {
    if (start[c + 1]! - start[c]! < 2) return undefined
    let cycle = cycles.get(c)
    if (!cycle) {
      cycle = Array.from(members.subarray(start[c]!, start[c + 1]!), (v) => nodes[v]!.id)
      cycles.set(c, cycle)
    }
    return cycle
  }
  const whyHere = (c: number, cycle: string[] | undefined): string => {
    const user = movesWith[c]!
    if (user >= 0) {
      const host = nodes[user]!
      return `plumbing: moves with ${host.name ?? host.id}, which uses it (wave ${waveOf[user]!})`
    }
    if (plumbing[c]) return 'plumbing nothing uses: recreate or retire it with the last wave'
    const b = because[c]!
    if (b < 0)
      return cycle
        ? 'moves as one cycle of mutual dependencies; nothing it uses must move first'
        : 'uses nothing that must move first'
    const dep = nodes[b]!
    return strict[c]
      ? `after ${dep.name ?? dep.id}, which holds data it uses (wave ${waveOf[b]!})`
      : `with or after ${dep.name ?? dep.id}, which it uses (wave ${waveOf[b]!})`
  }
  const reasonOf = (v: number, c: number, cycle: string[] | undefined): string => {
    const why = whyHere(c, cycle)
    const waiting = unblocks[v]!
    return waiting > 0 ? `${why}; ${waiting} ${waiting === 1 ? 'resource waits' : 'resources wait'} for it` : why
  }
  const memberOf = (v: number): WaveMember => {
    const node = nodes[v]!
    const c = componentOf[v]!
    const cycle = cycleOf(c)
    return {
      id: node.id,
      name: node.name,
      type: node.type,
      provider: node.provider,
      effort: node.effort,
      score: node.score,
      stateful: node.stateful,
      unblocks: unblocks[v]!,
      reason: reasonOf(v, c, cycle),
      ...(cycle ? {cycle} : {}),
    }
  }

  let highest = 0
  for (let v = 0; v < n; v++) if (waveOf[v]! > highest) highest = waveOf[v]!
  const byWave = groupMembers(waveOf, highest + 1)
  const waves: Wave[] = []
  for (let w = 1; w <= highest; w++) {
    const inWave = byWave.members.subarray(byWave.start[w]!, byWave.start[w + 1]!)
    if (inWave.length === 0) continue
    const effort = {S: 0, M: 0, L: 0, XL: 0, unknown: 0}
    const sized: number[] = []
    let gib = 0
    let exact = true
    for (const v of inWave) {
      const node = nodes[v]!
      effort[node.effort ?? 'unknown']++
      if (node.stateful && node.sizeGiB) {
        sized.push(v)
        gib += node.sizeGiB
        if (!Number.isInteger(node.sizeGiB)) exact = false
      }
    }
    // Whole GiB add up exactly in any order; otherwise add in listing order, as the list is read.
    if (!exact || gib > Number.MAX_SAFE_INTEGER) {
      sized.sort(before)
      gib = 0
      for (const v of sized) gib += nodes[v]!.sizeGiB!
    }
    let listed: WaveMember[] | undefined
    waves.push({
      wave: w,
      get members(): WaveMember[] {
        if (!listed) {
          const order = Array.from(inWave).sort(before)
          listed = order.map(memberOf)
        }
        return listed
      },
      count: inWave.length,
      first: (k: number) => (listed ? listed.slice(0, k) : firstK(inWave, k, before).map(memberOf)),
      effort,
      statefulGiB: Math.round(gib * 100) / 100,
    })
  }
  return waves
}

/** The k first of some items by a total order, in that order, without sorting them all. */
function firstK(items: Int32Array, k: number, compare: (a: number, b: number) => number): number[] {
  const top: number[] = []
  if (k <= 0) return top
  for (const item of items) {
    if (top.length === k && compare(item, top[k - 1]!) >= 0) continue
    let at = top.length === k ? k - 1 : top.length
    if (top.length < k) top.push(item)
    while (at > 0 && compare(item, top[at - 1]!) < 0) {
      top[at] = top[at - 1]!
      at--
    }
    top[at] = item
  }
  return top
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

/** Services per bitset pass: 8 words of 32, so the bits for a million components stay at 32 MiB. */
const SERVICES_PER_PASS = 256

/**
 * For each proprietary or captive service, how many other resources depend on it, directly or
 * transitively. One pass over the condensation (dependencies first) per 256 services: a bitset per
 * component of the services it reaches; a service's dependents are the members of every component
 * that reaches it, less its own resources.
 */
export function blastRadius(
  graph: DependencyGraph,
  filter: (node: DependencyGraph['nodes'][number]) => boolean = (n) =>
    n.portability === 'proprietary' || n.portability === 'captive',
  scc?: {componentOf: Int32Array; count: number},
): BlastRadius[] {
  const n = graph.nodes.length
  // Services in first-seen order; the service of each node, or -1.
  const serviceOf = new Int32Array(n).fill(-1)
  const byProvider = new Map<string, Map<string, number>>()
  const firstNode: number[] = []
  const sizes: number[] = []
  for (let v = 0; v < n; v++) {
    const node = graph.nodes[v]!
    if (!filter(node)) continue
    let byType = byProvider.get(node.provider)
    if (!byType) {
      byType = new Map()
      byProvider.set(node.provider, byType)
    }
    let s = byType.get(node.type)
    if (s === undefined) {
      s = firstNode.length
      byType.set(node.type, s)
      firstNode.push(v)
      sizes.push(0)
    }
    serviceOf[v] = s
    sizes[s]!++
  }
  const services = firstNode.length
  const dependents = new Float64Array(services)
  if (services > 0) {
    const {componentOf, count} = scc ?? stronglyConnected(graph)
    const {start, members} = groupMembers(componentOf, count)
    const {outStart, outTargets} = graph
    for (let first = 0; first < services; first += SERVICES_PER_PASS) {
      const width = Math.min(SERVICES_PER_PASS, services - first)
      const words = (width + 31) >>> 5
      const bits = new Int32Array(count * words)
      for (let c = 0; c < count; c++) {
        const row = c * words
        for (let m = start[c]!; m < start[c + 1]!; m++) {
          const v = members[m]!
          const s = serviceOf[v]! - first
          if (s >= 0 && s < width) bits[row + (s >>> 5)]! |= 1 << (s & 31)
          // Everything a used component reaches, this one reaches; used components come first.
          for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
            const d = componentOf[outTargets[k]!]!
            if (d === c) continue
            const from = d * words
            for (let i = 0; i < words; i++) bits[row + i]! |= bits[from + i]!
          }
        }
        const size = start[c + 1]! - start[c]!
        for (let i = 0; i < words; i++) {
          let word = bits[row + i]!
          while (word !== 0) {
            const bit = 31 - Math.clz32(word & -word)
            dependents[first + i * 32 + bit]! += size
            word &= word - 1
          }
        }
      }
    }
  }
  const results: BlastRadius[] = []
  for (let s = 0; s < services; s++) {
    const node = graph.nodes[firstNode[s]!]!
    results.push({
      provider: node.provider,
      type: node.type,
      portability: node.portability,
      resources: sizes[s]!,
      dependents: dependents[s]! - sizes[s]!,
    })
  }
  return results.sort((a, b) => b.dependents - a.dependents || (a.type < b.type ? -1 : 1))
}
