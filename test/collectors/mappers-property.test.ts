import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import * as hetzner from '../../src/collectors/hetzner/mapping.js'
import * as ionos from '../../src/collectors/ionos/mapping.js'
import * as openstack from '../../src/collectors/openstack/map.js'
import * as ovhcloud from '../../src/collectors/ovhcloud/mapping.js'
import * as scaleway from '../../src/collectors/scaleway/mapping.js'
import {mapPartial, PartialListError} from '../../src/collectors/scope.js'
import * as stackit from '../../src/collectors/stackit/map.js'
import type {ResourceInput} from '../../src/inventory/model.js'

const MAPPERS = Object.entries({hetzner, ionos, openstack, ovhcloud, scaleway, stackit}).flatMap(([provider, module]) =>
  Object.entries(module)
    .filter(([name, fn]) => /^map/.test(name) && typeof fn === 'function')
    .map(([name, fn]) => [`${provider}.${name}`, fn as (item: unknown, context?: unknown) => ResourceInput | undefined] as const),
)

describe('provider page mappers under random pages', () => {
  it('covers the mappers of the REST providers', () => {
    expect(MAPPERS.length).toBeGreaterThan(30)
  })

  it.each(MAPPERS)('%s: a page of random items gives resources or a partial list, never another error', async (_name, map) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.anything(), {maxLength: 6}), async (items) => {
        try {
          const resources = await mapPartial(Promise.resolve(items), (item) => map(item, {}))
          expect(Array.isArray(resources)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(PartialListError)
          expect((error as Error).message).toMatch(/not in the documented shape, skipped/)
        }
      }),
      {numRuns: 60},
    )
  })
})
