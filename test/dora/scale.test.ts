import {describe, expect, it} from 'vitest'
import type {AssessedResource, Assessment} from '../../src/assessment/schema.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {parseArrangements} from '../../src/dora/arrangements.js'
import {joinArrangements} from '../../src/dora/join.js'
import {buildRegister} from '../../src/dora/register.js'
import {validateRegister} from '../../src/dora/validate.js'
import {demoArrangementsText, NOW} from './helpers.js'

describe('a 1,000,000-resource estate', () => {
  it('joins, builds and validates the register without spreading the resources', async () => {
    const count = 1_000_000
    const regions = [
      ['eu-central-1', 'DE'],
      ['eu-west-1', 'IE'],
      ['eu-west-3', 'FR'],
    ] as const
    const resources: AssessedResource[] = new Array(count)
    for (let i = 0; i < count; i++) {
      const [region, country] = regions[i % 3]!
      resources[i] = {
        id: `r${i}`,
        provider: 'aws',
        type: i % 2 ? 'AWS::EC2::Instance' : 'AWS::RDS::DBInstance',
        account: i % 10 === 0 ? '598765432109' : '412345678901',
        region,
        country,
        category: i % 2 ? 'compute-vm' : 'relational-db',
        portability: 'compatible',
        stateful: i % 2 === 0,
        tags: {},
      } as unknown as AssessedResource
    }
    const file = parseArrangements('a.yaml', demoArrangementsText())
    const join = joinArrangements(file, resources)
    expect(join.byArrangement.get('NW-ICT-2021-001')).toHaveLength(count)
    const catalog = await loadCatalog({})
    const register = buildRegister(file, join, {services: []} as unknown as Assessment, catalog, {now: NOW})
    // 3 functions × 2 service types × 3 countries for the AWS arrangement.
    expect(register.tables.get('B_02.02')!.filter((r) => r.c0010?.value === 'NW-ICT-2021-001')).toHaveLength(18)
    expect(validateRegister(register).problems.filter((p) => p.severity === 'error' && p.template === 'B_02.02')).toEqual([])
  }, 60_000)
})
