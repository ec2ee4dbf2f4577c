import {expect, it} from 'vitest'
import type {AssessedResource} from '../../src/assessment/schema.js'
import {InputError} from '../../src/errors.js'
import {CHUNK_RESOURCES, decodeResourceChunk, encodeResourceChunks, RESOURCE_CODEC} from '../../src/history/chunks.js'

const resource = (i: number): AssessedResource =>
  ({
    id: `arn:aws:s3:::bucket-"${i}"\u00e9`,
    provider: 'aws',
    type: 'AWS::S3::Bucket',
    ...(i % 2 ? {name: `b-${i}`} : {}),
    category: 'object-storage',
    portability: 'compatible',
    score: i / 10,
    weight: 1.5,
    critical: i % 3 === 0,
    stateful: true,
  }) as AssessedResource

it('splits resource scores into chunks and reads every one back in order, names and flags included', () => {
  const resources = Array.from({length: 2 * CHUNK_RESOURCES + 1}, (_, i) => resource(i))
  const chunks = [...encodeResourceChunks(resources)]
  expect(chunks.map((c) => c.resources)).toEqual([CHUNK_RESOURCES, CHUNK_RESOURCES, 1])
  const decoded = chunks.flatMap((c) => decodeResourceChunk(RESOURCE_CODEC, c.data))
  expect(decoded).toEqual(
    resources.map((r) => ({
      id: r.id,
      provider: r.provider,
      type: r.type,
      ...(r.name !== undefined ? {name: r.name} : {}),
      category: r.category,
      portability: r.portability,
      score: r.score,
      weight: r.weight,
      critical: r.critical,
      stateful: r.stateful,
    })),
  )
  expect([...encodeResourceChunks([])]).toEqual([])
})

it('refuses a chunk in a codec it does not know instead of losing its resources', () => {
  const [chunk] = [...encodeResourceChunks([resource(1)])]
  expect(() => decodeResourceChunk('columnar@2', chunk!.data)).toThrow(InputError)
})
