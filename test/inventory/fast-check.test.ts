import {describe, expect, it} from 'vitest'
import {fastResource} from '../../src/inventory/fast-check.js'
import {ResourceSchema} from '../../src/inventory/model.js'

const valid = {
  id: 'arn:aws:s3:::b',
  provider: 'aws',
  type: 'AWS::S3::Bucket',
  name: 'b',
  account: '1',
  region: 'eu-central-1',
  tags: {a: 'b'},
  attributes: {engine: 'x', nested: {k: [1, 2]}},
  dependsOn: ['x'],
  sizeGiB: 0,
  source: 's',
  seenBy: ['s'],
}

const variants: Record<string, unknown>[] = [
  valid,
  {id: 'a', provider: 'aws', type: 'T', source: 's'},
  {...valid, tags: undefined},
  {...valid, unknownKey: 1},
  {...valid, id: ''},
  {...valid, id: 7},
  {...valid, provider: 'AWS'},
  {...valid, provider: '-aws'},
  {...valid, type: ''},
  {...valid, source: undefined},
  {...valid, name: 3},
  {...valid, region: null},
  {...valid, tags: {a: 1}},
  {...valid, tags: ['a']},
  {...valid, attributes: ['x']},
  {...valid, attributes: 'x'},
  {...valid, dependsOn: [1]},
  {...valid, dependsOn: 'x'},
  {...valid, sizeGiB: -1},
  {...valid, sizeGiB: '3'},
  {...valid, seenBy: [null]},
]

describe('the fast resource check', () => {
  it('accepts only what ResourceSchema accepts, with the same result', () => {
    let accepted = 0
    for (const variant of variants) {
      const fast = fastResource(structuredClone(variant))
      const schema = ResourceSchema.safeParse(structuredClone(variant))
      if (fast) {
        accepted++
        expect(schema.success, JSON.stringify(variant)).toBe(true)
        expect(fast).toEqual(schema.data)
      }
    }
    expect(accepted).toBe(3) // the full record, the minimal one, and the one without tags
  })

  it('leaves records with unknown keys to the schema, which strips them', () => {
    expect(fastResource({...valid, extra: 1})).toBeUndefined()
    expect(ResourceSchema.parse({...valid, extra: 1})).not.toHaveProperty('extra')
  })
})
