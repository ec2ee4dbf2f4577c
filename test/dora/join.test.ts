import {describe, expect, it} from 'vitest'
import type {AssessedResource} from '../../src/assessment/schema.js'
import {ArrangementsFileSchema} from '../../src/dora/arrangements.js'
import {joinArrangements} from '../../src/dora/join.js'

const resource = (id: string, extra: Partial<AssessedResource>): AssessedResource =>
  ({
    id,
    provider: 'aws',
    type: 'AWS::EC2::Instance',
    tags: {},
    stateful: false,
    category: 'compute-vm',
    portability: 'compatible',
    ...extra,
  }) as AssessedResource

const file = (arrangements: unknown[]) =>
  ArrangementsFileSchema.parse({
    apiVersion: 'exitready.dev/v1',
    kind: 'Arrangements',
    register: {referenceDate: '2025-12-31'},
    entity: {lei: '506700GE1G29325QX363', name: 'E', country: 'DE', type: 'x12'},
    providers: {aws: {}, azure: {}},
    functions: [{id: 'F1', name: 'f', licensedActivity: 'x276', critical: 'yes', rtoHours: 1, rpoHours: 1, impact: 'high'}],
    arrangements,
  })

const arrangement = (reference: string, services: unknown[]) => ({
  reference,
  provider: 'aws',
  start: '2024-01-01',
  functions: ['F1'],
  services,
})

describe('joining arrangements to resources', () => {
  const resources = [
    resource('a', {account: '111', tags: {app: 'claims'}}),
    resource('b', {account: '222', type: 'AWS::RDS::DBInstance', tags: {app: 'claims'}}),
    resource('c', {account: '222', type: 'AWS::S3::Bucket'}),
    resource('d', {provider: 'azure', account: 'sub-1'}),
    resource('e', {}), // no account
  ]

  it('matches by provider, account glob, type glob and tag; any selector of a service matches', () => {
    const joined = joinArrangements(
      file([
        arrangement('C1', [{select: [{provider: 'aws', account: '1*'}, {type: 'AWS::RDS::*'}]}]),
        arrangement('C2', [{select: [{provider: 'AWS', tag: {app: 'cl*'}}]}]),
      ]),
      resources,
    )
    expect(joined.byArrangement.get('C1')!.map((r) => r.id)).toEqual(['a', 'b'])
    expect(joined.byArrangement.get('C2')!.map((r) => r.id)).toEqual(['a', 'b'])
    expect(joined.uncovered.map((r) => r.id)).toEqual(['c', 'd', 'e'])
    expect(joined.empty).toEqual([])
  })

  it('a selector on an attribute never picks a resource without it', () => {
    const joined = joinArrangements(file([arrangement('C1', [{select: [{account: '*'}]}])]), resources)
    expect(joined.uncovered.map((r) => r.id)).toEqual(['e'])
  })

  it('lists each resource once per arrangement even when two of its services match it', () => {
    const joined = joinArrangements(
      file([arrangement('C1', [{select: [{account: '111'}]}, {select: [{tag: {app: 'claims'}}]}])]),
      resources,
    )
    expect(joined.byArrangement.get('C1')!.map((r) => r.id)).toEqual(['a', 'b'])
    expect(joined.services.map((s) => s.resources.map((r) => r.id))).toEqual([['a'], ['a', 'b']])
  })

  it('reports arrangements, and single services, that cover nothing', () => {
    const joined = joinArrangements(
      file([
        arrangement('C1', [{select: [{account: '111'}]}, {select: [{account: '999'}]}]),
        arrangement('C2', [{select: [{provider: 'gcp'}]}]),
      ]),
      resources,
    )
    expect(joined.empty).toEqual([{reference: 'C1', service: 1}, {reference: 'C2'}])
  })
})
