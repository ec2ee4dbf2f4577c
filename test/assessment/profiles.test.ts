import {describe, expect, it} from 'vitest'
import {syntheticResources} from '../../bench/estate.js'
import {realisticResources} from '../../bench/estate-realistic.js'
import {assess} from '../../src/assessment/assess.js'
import {resolveScoring} from '../../src/assessment/constants.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {linkEdges, usageLinks} from '../../src/inventory/links.js'
import type {Snapshot} from '../../src/inventory/model.js'
import {createSnapshot, readSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {assess as referenceAssess} from './reference-assess.js'

const NOW = new Date('2026-12-01T12:00:00Z')
const same = (value: unknown) => JSON.parse(JSON.stringify(value))

describe('assess with profiles gives exactly the per-resource results', async () => {
  const catalog = await loadCatalog()
  const types: Record<string, string[]> = {}
  for (const [type, entry] of catalog.entries) {
    types[entry.provider] ??= []
    types[entry.provider]!.push(type)
  }
  const estates: [string, () => Promise<Snapshot>][] = [
    ['the demo estate', () => readSnapshot(DEMO_SNAPSHOT)],
    ['the bench estate', async () => createSnapshot([...syntheticResources(3000)], [])],
    ['a realistic estate', async () => createSnapshot([...realisticResources(5000, {types})], [])],
  ]
  for (const [name, load] of estates)
    it(name, async () => {
      const snapshot = await load()
      const links = usageLinks(snapshot.resources)
      // A scoring override too, so the constants reach every profile.
      const constants = resolveScoring({portabilityBase: {proprietary: 71}, statefulBonus: 4})
      const options = {constants, now: NOW, inputs: ['x'], version: '1.0.0'}
      const fast = assess(snapshot, catalog, {...options, links})
      const reference = referenceAssess(snapshot, catalog, {...options, edges: linkEdges(links)})
      expect(fast.resources.length).toBe(snapshot.resources.length)
      // Field for field, including the order of the summaries' lists and the last digit of every sum.
      expect(same(fast)).toStrictEqual(same(reference))
      expect(JSON.stringify(fast)).toBe(JSON.stringify(reference))
    })
})
