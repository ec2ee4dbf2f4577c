// The integer (CSR) dependency stages give exactly the results of the object-based ones they
// replaced, kept under ./reference as the oracle: edges, graph, waves, components, blast radius, and
// every rendering, on the demo estate, on a seeded synthetic estate with cycles, and on random graphs.
import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import {syntheticResources} from '../../bench/estate.js'
import {assess} from '../../src/assessment/assess.js'
import type {Assessment} from '../../src/assessment/schema.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {blastRadius, exitWaves, isPlumbing, moveTogether, planWaves, stronglyConnected} from '../../src/graph/analysis.js'
import {buildGraph, graphOf} from '../../src/graph/build.js'
import {analyseDependencies} from '../../src/graph/index.js'
import {renderDot, renderJson, renderMermaid} from '../../src/graph/render.js'
import {renderDependencySvg} from '../../src/graph/svg.js'
import type {DependencyGraph, GraphNode, UsageEdge, Wave} from '../../src/graph/types.js'
import {COLLAPSE_BY, collapse, focus, mostLockedIn, subgraph} from '../../src/graph/view.js'
import {usageEdges, usageLinks} from '../../src/inventory/links.js'
import type {Resource} from '../../src/inventory/model.js'
import {createSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT, loadSnapshots} from '../../src/jobs/assess.js'
import * as refAnalysis from './reference/analysis.js'
import * as refBuild from './reference/build.js'
import * as refInfer from './reference/infer.js'
import * as refRender from './reference/render.js'
import * as refSvg from './reference/svg.js'
import type {DependencyGraph as RefGraph} from './reference/types.js'
import * as refView from './reference/view.js'

const NOW = new Date('2026-06-01T00:00:00Z')

/** The waves as the reference lists them (its objects have no `count` or `first`). */
const plainWaves = (waves: Wave[]) => waves.map(({wave, members, effort, statefulGiB}) => ({wave, members, effort, statefulGiB}))

function expectSameGraph(graph: DependencyGraph, ref: RefGraph): void {
  expect(graph.nodes).toEqual(ref.nodes)
  expect(graph.edges).toEqual(ref.edges)
  expect(graph.edgeCount).toBe(ref.edges.length)
  expect(graph.containment).toEqual(ref.containment)
  expect([...graph.index]).toEqual([...ref.index])
  expect(graph.out).toEqual(ref.out)
  expect(graph.in).toEqual(ref.in)
}

/**
 * The waves follow today's rule with the two changes of issue #16, stated here as the test's oracle:
 * 1. Plumbing (`isPlumbing`: observability and management, and identity, network and firewall that
 *    hold no data) forms no wave of its own: a plumbing-only cycle takes the earliest wave of what uses
 *    it, or the last wave when nothing does; what uses plumbing waits for what the plumbing uses, as
 *    if the plumbing were not there (the reference on the graph with plumbing contracted away).
 * 2. Within a wave, members that unblock the most come first (then today's order); `unblocks` counts
 *    the resources whose chain of "waits for" (`because`) passes through the member, and the reason
 *    says so. Without plumbing, everything else is the reference's.
 */
function expectWavesFollowRule(graph: DependencyGraph, ref: RefGraph): Wave[] {
  const plan = planWaves(graph)
  const waves = exitWaves(graph, plan)
  // first(k) before members: it must not depend on the full listing having been built.
  const firsts = waves.map((w) => [0, 1, 3, 12, w.count + 1].map((k) => w.first(k)))
  waves.forEach((w, i) => {
    expect(w.count).toBe(w.members.length)
    expect(firsts[i]).toEqual([0, 1, 3, 12, w.count + 1].map((k) => w.members.slice(0, k)))
    for (const m of w.members) expect(plan.waveOf[graph.index.get(m.id)!]).toBe(w.wave)
  })
  expect(waves.reduce((n, w) => n + w.count, 0)).toBe(graph.nodes.length)
  const {componentOf, because, waveOf, unblocks} = plan
  const n = graph.nodes.length
  // unblocks: walk each node's chain of because pointers.
  const expected = new Int32Array(n)
  for (let u = 0; u < n; u++) for (let b = because[componentOf[u]!]!; b >= 0; b = because[componentOf[b]!]!) expected[b]!++
  expect([...unblocks]).toEqual([...expected])

  const refWaves = refAnalysis.exitWaves(ref)
  const plumbing = graph.nodes.map(isPlumbing)
  if (!plumbing.some(Boolean)) {
    const byUnblocking = refWaves.map((w) => ({
      ...w,
      members: w.members
        .map((m) => {
          const v = graph.index.get(m.id)!
          const waiting = unblocks[v]!
          const reason = waiting
            ? `${m.reason}; ${waiting} ${waiting === 1 ? 'resource waits' : 'resources wait'} for it`
            : m.reason
          return {...m, unblocks: waiting, reason, v}
        })
        .sort((a, b) => b.unblocks - a.unblocks)
        .map(({v: _, ...m}) => m),
    }))
    const order = (m: object) => Object.keys(m).sort()
    expect(plainWaves(waves).map((w) => ({...w, members: w.members.map((m) => ({...m}))}))).toEqual(byUnblocking)
    if (waves[0]?.members[0]) expect(order(waves[0].members[0])).toEqual(order(byUnblocking[0]!.members[0]!))
    return waves
  }
  // With plumbing: workloads take the reference's waves on the graph with plumbing contracted away,
  // when no cycle mixes plumbing and workloads.
  const mixed = new Set<number>()
  for (let v = 0; v < n; v++) if (!plumbing[v]) mixed.add(componentOf[v]!)
  if (graph.nodes.some((_, v) => plumbing[v] && mixed.has(componentOf[v]!))) return waves
  const kept = graph.nodes.map((_, v) => v).filter((v) => !plumbing[v])
  const contracted: UsageEdge[] = []
  for (const u of kept) {
    const seen = new Set<number>()
    const stack = [...graph.out[u]!]
    while (stack.length) {
      const w = stack.pop()!
      if (seen.has(w)) continue
      seen.add(w)
      if (plumbing[w]) stack.push(...graph.out[w]!)
      else contracted.push({from: graph.nodes[u]!.id, to: graph.nodes[w]!.id, origin: 'declared'})
    }
  }
  const refContracted = refAnalysis.exitWaves(
    refBuild.graphOf(
      kept.map((v) => graph.nodes[v]!),
      contracted,
    ),
  )
  const last = Math.max(1, ...refContracted.map((w) => w.wave))
  for (const w of refContracted) for (const m of w.members) expect(waveOf[graph.index.get(m.id)!]).toBe(w.wave)
  // Plumbing, per cycle: the earliest wave of its users; with none, the last wave or what it uses requires.
  const count = Math.max(0, ...componentOf) + 1
  const isPlumbingComponent = Array.from({length: count}, (_, c) => !mixed.has(c))
  const through = new Array<number>(count).fill(0)
  for (let changed = true; changed; ) {
    changed = false
    for (let k = 0; k < graph.edgeCount; k++) {
      const [c, d] = [componentOf[graph.edgeFrom[k]!]!, componentOf[graph.edgeTo[k]!]!]
      if (c === d || !isPlumbingComponent[c]) continue
      const w = graph.edgeTo[k]!
      const required = isPlumbingComponent[d]
        ? through[d]!
        : waveOf[w]! + (graph.nodes.some((x, v) => componentOf[v] === d && x.stateful) ? 1 : 0)
      if (required > through[c]!) {
        through[c] = required
        changed = true
      }
    }
  }
  for (let c = 0; c < count; c++) {
    if (!isPlumbingComponent[c]) continue
    const inside = graph.nodes.map((_, v) => v).filter((v) => componentOf[v] === c)
    const users = inside.flatMap((v) => graph.in[v]!.filter((u) => componentOf[u] !== c))
    const wave = users.length ? Math.min(...users.map((u) => waveOf[u]!)) : Math.max(last, through[c]!)
    for (const v of inside) expect(waveOf[v]).toBe(wave)
  }
  return waves
}

/** Every analysis and rendering of a graph, new against reference. */
function expectSameResults(graph: DependencyGraph, ref: RefGraph, probe?: string): void {
  expectSameGraph(graph, ref)
  expect(stronglyConnected(graph)).toEqual(refAnalysis.stronglyConnected(ref))
  const waves = expectWavesFollowRule(graph, ref)
  const components = moveTogether(graph)
  const refComponents = refAnalysis.moveTogether(ref)
  expect(components).toEqual(refComponents)
  expect(blastRadius(graph)).toEqual(refAnalysis.blastRadius(ref))
  const everything = (n: GraphNode) => n.score >= 0
  expect(blastRadius(graph, everything)).toEqual(refAnalysis.blastRadius(ref, everything))

  const notes = ['a note']
  expect(renderMermaid(graph, {}, notes)).toBe(refRender.renderMermaid(ref, {}, notes))
  expect(renderMermaid(graph, {maxEdges: 7, clusters: false})).toBe(refRender.renderMermaid(ref, {maxEdges: 7, clusters: false}))
  expect(renderMermaid(graph, {maxTextSize: 3000})).toBe(refRender.renderMermaid(ref, {maxTextSize: 3000}))
  expect(renderDot(graph, {}, notes)).toBe(refRender.renderDot(ref, {}, notes))
  // The waves' JSON is the waves as they are, with the reference's renderer.
  expect(renderJson(graph, {components, waves, notes})).toBe(
    refRender.renderJson(ref, {components: refComponents, waves: plainWaves(waves), notes}),
  )
  for (const by of COLLAPSE_BY) {
    const collapsed = collapse(graph, by)
    const refCollapsed = refView.collapse(ref, by)
    expectSameGraph(collapsed, refCollapsed)
    expect(renderMermaid(collapsed)).toBe(refRender.renderMermaid(refCollapsed))
    expect(renderDot(collapsed)).toBe(refRender.renderDot(refCollapsed))
    expect(renderJson(collapsed)).toBe(refRender.renderJson(refCollapsed))
    // A view of a view: the subgraph of a collapsed graph keeps the counts.
    const half = collapsed.nodes.map((_, i) => i).filter((i) => i % 2 === 0)
    expectSameGraph(subgraph(collapsed, half), refView.subgraph(refCollapsed, half))
  }
  const pattern = probe ?? graph.nodes[Math.floor(graph.nodes.length / 2)]?.id ?? 'none'
  for (const depth of [0, 1, 2]) expectSameGraph(focus(graph, pattern, depth), refView.focus(ref, pattern, depth))
  expectSameGraph(focus(graph, '*1*', 1), refView.focus(ref, '*1*', 1))
  expectSameGraph(mostLockedIn(graph, {maxNodes: 25}), refView.mostLockedIn(ref, {maxNodes: 25}))
  const some = graph.nodes.map((_, i) => i).filter((i) => i % 3 !== 1)
  const sub = subgraph(graph, some)
  const refSub = refView.subgraph(ref, some)
  expectSameGraph(sub, refSub)
  expect(renderJson(sub)).toBe(refRender.renderJson(refSub))
  expect(renderDependencySvg(graph)).toBe(refSvg.renderDependencySvg(ref))
  expect(renderDependencySvg(graph, {maxNodes: 12})).toBe(refSvg.renderDependencySvg(ref, {maxNodes: 12}))
}

async function assessed(resources: Resource[]): Promise<{assessment: Assessment; resources: Resource[]}> {
  const catalog = await loadCatalog()
  const snapshot = createSnapshot(resources, [{provider: 'aws', scope: 'test', status: 'complete', count: resources.length}])
  return {assessment: assess(snapshot, catalog, {links: usageLinks(snapshot.resources), now: NOW}), resources: snapshot.resources}
}

/** The synthetic bench estate, with some links back to later resources (cycles) and a few ARM ids in resource groups. */
function syntheticWithCycles(count: number): Resource[] {
  const resources = [...syntheticResources(count, 3, 7)].map((r) => ({
    ...r,
    tags: r.tags ?? {},
    source: r.source ?? 'bench',
  })) as Resource[]
  const sub = '/subscriptions/6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30/resourceGroups'
  resources.forEach((r, i) => {
    // res-i ⇄ res-(i+9): a cycle, often with more of the estate between them.
    if (i % 41 === 0 && i + 9 < count) r.dependsOn = [...(r.dependsOn ?? []), `res-${i + 9}`]
    if (i % 41 === 9) r.dependsOn = [...(r.dependsOn ?? []), `res-${i - 9}`]
    if (i % 97 === 0 && i + 1 < count) r.dependsOn = [...(r.dependsOn ?? []), `res-${i + 1}`, r.id, 'missing']
  })
  for (let g = 0; g < 30; g++)
    resources.push({
      id: `${sub}/rg-${g % 4}/providers/Microsoft.Web/sites/app-${g}`,
      provider: 'azure',
      type: 'microsoft.web/sites',
      account: g % 5 === 0 ? 'other-subscription' : '6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30',
      tags: {},
      dependsOn: [`res-${g * 13}`, `${sub}/rg-${(g + 1) % 4}/providers/Microsoft.Web/sites/app-${(g + 1) % 30}`],
      source: g % 2 ? 'terraform' : 'azure:resource-graph',
    })
  return resources
}

describe('the integer dependency stages give exactly the object-based results', () => {
  let demo: {assessment: Assessment; resources: Resource[]}
  beforeAll(async () => {
    const snapshot = await loadSnapshots([DEMO_SNAPSHOT])
    demo = await assessed(snapshot.resources)
  })

  it('on the demo estate: edges, graph, waves, components, blast radius and every rendering', () => {
    const links = usageLinks(demo.resources)
    const refEdges = refInfer.usageEdges(demo.resources)
    expect(refEdges.length).toBeGreaterThan(50)
    expect(usageEdges(demo.resources)).toEqual(refEdges)
    const graph = buildGraph(demo.assessment, links)
    expect(graph.containment.length).toBeGreaterThan(10)
    expectSameResults(graph, refBuild.buildGraph(demo.assessment, refEdges), '*claims*')
    // The same graph from edge objects (the fallback path) as from links.
    expectSameGraph(buildGraph(demo.assessment, refEdges), refBuild.buildGraph(demo.assessment, refEdges))
    const analysis = analyseDependencies(demo.assessment, links)
    expect(plainWaves(analysis.waves)).toEqual(plainWaves(exitWaves(graph)))
    expect(analysis.blastRadius).toEqual(refAnalysis.blastRadius(refBuild.buildGraph(demo.assessment, refEdges)))
  })

  it('on a seeded synthetic estate with cycles, resource groups and links to unknown ids', async () => {
    const {assessment, resources} = await assessed(syntheticWithCycles(3000))
    const refEdges = refInfer.usageEdges(resources)
    expect(usageEdges(resources)).toEqual(refEdges)
    const graph = buildGraph(assessment, usageLinks(resources))
    const ref = refBuild.buildGraph(assessment, refEdges)
    const {count} = stronglyConnected(graph)
    expect(count).toBeLessThan(graph.nodes.length - 50)
    expectSameResults(graph, ref, 'res-1500')
  })

  it('on random graphs with cycles, self-loops, repeated edges and edges to unknown nodes', () => {
    const nodeArb = fc.record({
      stateful: fc.boolean(),
      portability: fc.constantFrom('portable', 'compatible', 'proprietary', 'captive', 'unmapped'),
      score: fc.integer({min: 0, max: 100}),
      effort: fc.constantFrom(undefined, 'S', 'M', 'L', 'XL'),
      sizeGiB: fc.constantFrom(undefined, 0, 1, 2.5, 0.1, 0.2, 1e3 / 3),
      kind: fc.integer({min: 0, max: 3}),
      account: fc.constantFrom(undefined, 'a1', 'a2'),
      category: fc.constantFrom(undefined, 'compute-vm', 'relational-db', 'observability', 'identity', 'network'),
    })
    fc.assert(
      fc.property(
        fc.array(nodeArb, {minLength: 1, maxLength: 25}),
        fc.array(fc.tuple(fc.nat(30), fc.nat(30), fc.constantFrom<UsageEdge['origin']>('declared', 'inferred', 'state')), {
          maxLength: 60,
        }),
        (specs, pairs) => {
          const nodes: GraphNode[] = specs.map((s, i) => ({
            id: i % 4 === 3 ? `/subscriptions/s1/resourceGroups/rg${i % 3}/providers/x/y/n${i}` : `n${i}`,
            ...(i % 5 ? {name: `node ${i}`} : {}),
            type: `type-${s.kind}`,
            provider: s.kind % 2 ? 'aws' : 'azure',
            ...(s.account ? {account: s.account} : {}),
            stateful: s.stateful,
            portability: s.portability,
            score: s.score,
            ...(s.effort ? {effort: s.effort} : {}),
            ...(s.sizeGiB !== undefined ? {sizeGiB: s.sizeGiB} : {}),
            ...(s.category ? {category: s.category} : {}),
          }))
          const edges: UsageEdge[] = pairs.map(([a, b, origin]) => ({
            from: nodes[a]?.id ?? `gone${a}`,
            to: nodes[b]?.id ?? `gone${b}`,
            origin,
          }))
          const containment = refBuild.buildGraph({resources: nodes as never}, []).containment
          expectSameResults(graphOf(nodes, edges, containment), refBuild.graphOf(nodes, edges, containment), 'n1')
        },
      ),
      {numRuns: 60},
    )
  })
})

/** Nodes a node reaches by following usage edges (at least one), by plain depth-first search. */
function reaches(graph: DependencyGraph, from: number): Set<number> {
  const seen = new Set<number>()
  const stack = [...graph.out[from]!]
  while (stack.length) {
    const v = stack.pop()!
    if (seen.has(v)) continue
    seen.add(v)
    stack.push(...graph.out[v]!)
  }
  return seen
}

describe('properties of waves and blast radius on random graphs', () => {
  const graphArb = fc
    .record({
      stateful: fc.array(fc.boolean(), {minLength: 1, maxLength: 20}),
      plumbing: fc.array(fc.boolean(), {minLength: 20, maxLength: 20}),
      pairs: fc.array(fc.tuple(fc.nat(19), fc.nat(19)), {maxLength: 50}),
    })
    .map(({stateful, plumbing, pairs}) => {
      const nodes: GraphNode[] = stateful.map((s, i) => ({
        id: `n${i}`,
        type: `t${i}`,
        provider: 'aws',
        stateful: s,
        portability: 'proprietary',
        score: i,
        category: plumbing[i] ? 'observability' : 'compute-vm',
      }))
      return graphOf(
        nodes,
        pairs.map(([a, b]) => ({from: `n${a}`, to: `n${b}`, origin: 'declared' as const})),
      )
    })

  it('a node’s blast radius is the number of other nodes that reach it, and at least that of any node that uses it', () => {
    fc.assert(
      fc.property(graphArb, (graph) => {
        const n = graph.nodes.length
        const reach = Array.from({length: n}, (_, v) => reaches(graph, v))
        const radius = graph.nodes.map((node) => blastRadius(graph, (x) => x.id === node.id)[0]!.dependents)
        for (let v = 0; v < n; v++) {
          let users = 0
          for (let u = 0; u < n; u++) if (u !== v && reach[u]!.has(v)) users++
          expect(radius[v]).toBe(users)
          for (let k = graph.inStart[v]!; k < graph.inStart[v + 1]!; k++)
            expect(radius[v]).toBeGreaterThanOrEqual(radius[graph.inTargets[k]!]!)
        }
      }),
      {numRuns: 200},
    )
  })

  it('a node moves no earlier than what it uses, and after what it uses that holds data outside its cycle, unless that is plumbing', () => {
    fc.assert(
      fc.property(graphArb, (graph) => {
        const {waveOf, componentOf} = planWaves(graph)
        for (let k = 0; k < graph.edgeCount; k++) {
          const [v, w] = [graph.edgeFrom[k]!, graph.edgeTo[k]!]
          expect(waveOf[v]).toBeGreaterThanOrEqual(waveOf[w]!)
          if (graph.nodes[w]!.stateful && !isPlumbing(graph.nodes[w]!) && componentOf[v] !== componentOf[w])
            expect(waveOf[v]).toBeGreaterThan(waveOf[w]!)
        }
        // Members of a cycle share a wave; every wave number up to the last is used.
        for (let v = 0; v < graph.nodes.length; v++)
          for (let u = 0; u < graph.nodes.length; u++) if (componentOf[u] === componentOf[v]) expect(waveOf[u]).toBe(waveOf[v])
        const used = new Set(waveOf)
        for (let w = 1; w <= Math.max(...waveOf); w++) expect(used.has(w)).toBe(true)
      }),
      {numRuns: 200},
    )
  })
})
