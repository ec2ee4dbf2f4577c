import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {DEFAULT_ZONES} from '../../src/collectors/exoscale/collect.js'

/**
 * No recorded Exoscale traffic is public, so the hand-written fixtures are held to the API v2
 * OpenAPI spec instead (its list responses, copied in fixtures/exoscale/recorded/): a field the
 * spec does not have, a wrong type or a value outside an enum fails here.
 */

type Schema = {
  $ref?: string
  type?: string
  enum?: unknown[]
  properties?: Record<string, Schema>
  additionalProperties?: unknown
  items?: Schema
  allOf?: Schema[]
}
interface Spec {
  servers: {variables: {zone: {enum: string[]}}}[]
  paths: Record<string, {schema: Schema}>
  components: {schemas: Record<string, Schema>}
}

const spec = JSON.parse(readFileSync('fixtures/exoscale/recorded/openapi-v2-list-responses.json', 'utf8')) as Spec

function resolve(schema: Schema): Schema {
  let current = schema
  while (current.$ref) current = spec.components.schemas[current.$ref.split('/').pop()!]!
  if (!current.allOf) return current
  const properties: Record<string, Schema> = {}
  for (const part of current.allOf) Object.assign(properties, resolve(part).properties)
  return {type: 'object', properties}
}

/** Every place where `value` departs from `schema`, as "path: problem". */
function problems(value: unknown, schema: Schema, path = '$'): string[] {
  const s = resolve(schema)
  if (s.enum && !s.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${s.enum.join(', ')}`]
  if (Array.isArray(value)) {
    if (!s.items) return [`${path}: a list where the spec has ${s.type}`]
    return value.flatMap((item, index) => problems(item, s.items!, `${path}[${index}]`))
  }
  if (value !== null && typeof value === 'object') {
    if (!s.properties) return s.type === 'object' ? [] : [`${path}: an object where the spec has ${s.type}`]
    return Object.entries(value).flatMap(([key, item]) =>
      s.properties![key]
        ? problems(item, s.properties![key]!, `${path}.${key}`)
        : s.additionalProperties
          ? []
          : [`${path}.${key}: not in the spec`],
    )
  }
  const actual = typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value
  const fits = s.type === undefined || s.type === actual || (s.type === 'number' && actual === 'integer')
  return fits ? [] : [`${path}: ${actual} where the spec has ${s.type}`]
}

const LIST_OF: Record<string, string> = {
  zones: '/zone',
  instances: '/instance',
  'block-storage': '/block-storage',
  'private-networks': '/private-network',
  'sks-clusters': '/sks-cluster',
  'dbaas-services': '/dbaas-service',
  'load-balancers': '/load-balancer',
  'elastic-ips': '/elastic-ip',
  'security-groups': '/security-group',
  'sos-buckets-usage': '/sos-buckets-usage',
}

const fixtures = readdirSync('fixtures/exoscale').filter((name) => name.endsWith('.json') && !name.startsWith('error-'))

describe('Exoscale fixtures against the API v2 OpenAPI spec', () => {
  it('covers every list fixture', () => {
    for (const name of fixtures)
      expect(
        Object.keys(LIST_OF).some((prefix) => name.startsWith(prefix)),
        name,
      ).toBe(true)
  })

  it.each(fixtures)('%s has only fields, types and values of the spec', (name) => {
    const path = LIST_OF[Object.keys(LIST_OF).find((prefix) => name.startsWith(prefix))!]!
    const body = JSON.parse(readFileSync(`fixtures/exoscale/${name}`, 'utf8')) as unknown
    expect(problems(body, spec.paths[path]!.schema)).toEqual([])
  })

  it('catches a field the spec does not have', () => {
    expect(problems({zones: [{name: 'ch-gva-2', region: 'x'}]}, spec.paths['/zone']!.schema)).toEqual([
      '$.zones[0].region: not in the spec',
    ])
    expect(problems({zones: [{name: 'us-east-1'}]}, spec.paths['/zone']!.schema)[0]).toMatch(/"us-east-1" is not one of/)
  })

  it('falls back to exactly the zones the spec lists', () => {
    expect([...DEFAULT_ZONES].sort()).toEqual([...spec.servers[0]!.variables.zone.enum].sort())
    expect(DEFAULT_ZONES).toContain('hr-zag-1')
  })
})
