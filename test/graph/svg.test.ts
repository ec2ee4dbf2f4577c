import {describe, expect, it} from 'vitest'
import {graphOf} from '../../src/graph/build.js'
import {type Layout, layeredLayout, renderDependencySvg} from '../../src/graph/svg.js'
import type {DependencyGraph} from '../../src/graph/types.js'
import {CLASS_COLOURS} from '../../src/report/svg.js'
import {seededRandom} from '../../src/util/random.js'
import {node, uses} from './helpers.js'

const graph = (edges: [string, string][], extra: string[] = []): DependencyGraph => {
  const ids = [...new Set([...edges.flat(), ...extra])]
  return graphOf(
    ids.map((id) => node(id)),
    edges.map(([a, b]) => uses(a, b)),
  )
}
const layerOf = (layout: Layout) => new Map(layout.layers.flatMap((ids, l) => ids.map((id) => [id, l] as const)))

/** Every edge the layering kept runs from a higher layer to a lower one, so left to right. */
function expectDependenciesOnTheRight(g: DependencyGraph, layout: Layout) {
  const layer = layerOf(layout)
  expect([...layer.keys()].sort()).toEqual(g.nodes.map((n) => n.id).sort())
  for (const edge of layout.edges) {
    if (edge.reversed) continue
    expect(layer.get(edge.from)!).toBeGreaterThan(layer.get(edge.to)!)
    expect(layout.positions.get(edge.from)!.x).toBeLessThan(layout.positions.get(edge.to)!.x)
  }
}

/** Crossings counted from the drawn coordinates, for graphs whose edges all join adjacent layers. */
function crossingsFromPositions(layout: Layout): number {
  const layer = layerOf(layout)
  const segments = layout.edges.map((e) => ({
    layer: layer.get(e.from)!,
    a: layout.positions.get(e.from)!.y,
    b: layout.positions.get(e.to)!.y,
  }))
  let crossings = 0
  for (let i = 0; i < segments.length; i++)
    for (let j = i + 1; j < segments.length; j++) {
      const [s, t] = [segments[i]!, segments[j]!]
      if (s.layer === t.layer && (s.a - t.a) * (s.b - t.b) < 0) crossings++
    }
  return crossings
}

describe('layeredLayout', () => {
  it('layers by longest path: what uses nothing in layer 0 (right), each user above everything it uses', () => {
    const g = graph([
      ['app', 'cache'],
      ['cache', 'db'],
      ['app', 'db'],
      ['batch', 'db'],
    ])
    const layout = layeredLayout(g)
    expect(layout.layers.map((ids) => [...ids].sort())).toEqual([['db'], ['batch', 'cache'], ['app']])
    expectDependenciesOnTheRight(g, layout)
    // A long edge (app → db) bends through the column it crosses.
    expect(layout.edges.find((e) => e.from === 'app' && e.to === 'db')!.points).toHaveLength(4)
  })

  it('breaks cycles deterministically and still places every node once', () => {
    const g = graph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['c', 'd'],
      ['e', 'e2'],
      ['e2', 'e'],
    ])
    const layout = layeredLayout(g)
    expectDependenciesOnTheRight(g, layout)
    expect(layout.edges.filter((e) => e.reversed).map((e) => `${e.from}>${e.to}`)).toEqual(['c>a', 'e2>e'])
    expect(layeredLayout(g)).toEqual(layout)
  })

  it('copes with a long ring and a dense random graph with cycles', () => {
    const ring = graph(Array.from({length: 20_000}, (_, i) => [`r${i}`, `r${(i + 1) % 20_000}`] as [string, string]))
    const start = performance.now()
    const layout = layeredLayout(ring, {sweeps: 1})
    expect(performance.now() - start).toBeLessThan(10_000)
    expect(layout.layers).toHaveLength(20_000)
    expect(layout.edges.filter((e) => e.reversed)).toHaveLength(1)

    const random = seededRandom(7)
    const edges: [string, string][] = Array.from({length: 300}, () => [
      `v${Math.floor(random() * 60)}`,
      `v${Math.floor(random() * 60)}`,
    ])
    const g = graph(edges.filter(([a, b]) => a !== b))
    expectDependenciesOnTheRight(g, layeredLayout(g))
  })

  it('the barycentre pass removes the crossing of a known example', () => {
    // u1 → b3, u1 → b2, u2 → b1, u3 → b2: in input order, u2 → b1 crosses u3 → b2.
    const g = graph([
      ['u1', 'b3'],
      ['u1', 'b2'],
      ['u2', 'b1'],
      ['u3', 'b2'],
    ])
    const before = layeredLayout(g, {sweeps: 0})
    expect(before.layers).toEqual([
      ['b3', 'b2', 'b1'],
      ['u1', 'u2', 'u3'],
    ])
    expect(before.crossings).toBe(1)
    expect(crossingsFromPositions(before)).toBe(1)
    const after = layeredLayout(g)
    expect(after.layers).toEqual([
      ['b3', 'b2', 'b1'],
      ['u1', 'u3', 'u2'],
    ])
    expect(after.crossings).toBe(0)
    expect(crossingsFromPositions(after)).toBe(0)
  })

  it('never adds crossings on random two-layer graphs, and counts them as drawn', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed)
      const edges = new Set<string>()
      for (let k = 0; k < 25; k++) edges.add(`u${Math.floor(random() * 8)}>b${Math.floor(random() * 8)}`)
      const g = graph([...edges].map((e) => e.split('>') as [string, string]))
      const before = layeredLayout(g, {sweeps: 0})
      const after = layeredLayout(g)
      expect(after.crossings).toBeLessThanOrEqual(before.crossings)
      expect(crossingsFromPositions(before)).toBe(before.crossings)
      expect(crossingsFromPositions(after)).toBe(after.crossings)
    }
  })

  it('keeps boxes apart within a column', () => {
    const layout = layeredLayout(
      graph([
        ['a', 'x'],
        ['b', 'x'],
        ['c', 'x'],
      ]),
      {nodeHeight: 40, gapY: 16},
    )
    const ys = layout.layers[1]!.map((id) => layout.positions.get(id)!.y)
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(56)
  })
})

describe('renderDependencySvg', () => {
  const hostile = graphOf(
    [
      node('vm-1', {name: '<script>alert(1)</script>'}),
      node('db"<x>', {name: 'orders & "refunds"', provider: 'aws', portability: 'captive', stateful: true, score: 80}),
      node('fn', {name: "x' onload='alert(1)", provider: 'aws', portability: 'proprietary', score: 60}),
    ],
    [uses('vm-1', 'db"<x>'), uses('fn', 'db"<x>', 'inferred')],
  )

  it('is an accessible inline SVG with a title per node, class colours, and an arrow marker', () => {
    const svg = renderDependencySvg(hostile, {id: 'deps', title: 'Component 1'})
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*role="img" aria-label="Component 1"/)
    expect(svg).toContain('<title>Component 1</title>')
    expect(svg.match(/<g class="node [a-z]+"><title>/g)).toHaveLength(3)
    expect(svg).toContain(`fill="${CLASS_COLOURS.captive}"`)
    expect(svg).toContain(`fill="${CLASS_COLOURS.proprietary}"`)
    expect(svg).toContain('<marker id="deps-arrow"')
    expect(svg.match(/marker-end="url\(#deps-arrow\)"/g)).toHaveLength(2)
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1)
  })

  it('escapes every label: no script, no injected attribute, balanced tags', () => {
    const svg = renderDependencySvg(hostile)
    expect(svg).not.toMatch(/<script/i)
    // The report's Content-Security-Policy blocks style attributes: presentation attributes only.
    expect(svg).not.toMatch(/\sstyle=/)
    for (const [tag] of svg.matchAll(/<[^<>]*>/g)) expect(tag).not.toMatch(/\son\w+=/i)
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(svg).toContain('orders &amp; &quot;refunds&quot;')
    // Tags open and close in order (a small well-formedness check).
    const stack: string[] = []
    for (const [, close, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^<>]*?(\/?)>/g)) {
      if (selfClosing) continue
      if (close) expect(stack.pop()).toBe(name)
      else stack.push(name!)
    }
    expect(stack).toEqual([])
    // Text and attribute values never hold a raw < or an unescaped quote.
    expect(svg.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>"]/)
  })

  it('keeps the most locked-in linked nodes of a large graph and says so', () => {
    const nodes = Array.from({length: 100}, (_, i) => node(`n${i}`, {score: i}))
    const edges = Array.from({length: 99}, (_, i) => uses(`n${i}`, `n${i + 1}`))
    const svg = renderDependencySvg(graphOf([...nodes, node('lonely', {score: 100})], edges), {maxNodes: 10})
    expect(svg.match(/<g class="node /g)).toHaveLength(10)
    expect(svg).toContain('the 10 most locked-in of 101 resources')
    expect(svg).toContain('<title>n99\n')
    expect(svg).not.toContain('<title>lonely')
  })

  it('draws an empty graph', () => {
    expect(renderDependencySvg(graphOf([], []))).toContain('No dependencies to draw.')
  })
})
