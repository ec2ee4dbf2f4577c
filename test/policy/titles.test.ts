import {readdirSync} from 'node:fs'
import {basename} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Catalog} from '../../src/catalog/catalog.js'
import {loadCatalog} from '../../src/catalog/load.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {evaluatePolicies} from '../../src/policy/evaluate.js'
import {BUILTIN_POLICY_DIR, loadPolicies} from '../../src/policy/load.js'
import {estate, NOW} from './helpers.js'

/**
 * Every built-in rule, on a crafted estate that hits exactly what its title says (`hit`: the
 * resources named by `bad` fail, nothing else) and on a near miss that its title does not cover
 * (`miss`: no finding). A rule without a case fails the test, so a new rule needs one.
 */
let catalog: Catalog
/** A catalog type with these properties, found in the catalog rather than assumed. */
function typeWith(match: (e: {category: string; portability: string; stateful: boolean}) => boolean): string {
  const candidates = [
    ...[...catalog.entries].filter(([, e]) => e.provider === 'aws').map(([type]) => type),
    // Captive classes live in service defaults: a type of the namespace that no entry names.
    ...[...catalog.services].filter(([, s]) => s.provider === 'aws').map(([namespace]) => `${namespace}::Thing`),
  ]
  for (const type of candidates) if (match(catalog.lookup(type))) return type
  throw new Error('no catalog type matches')
}
const critical = (category: string) => catalog.category(category)?.critical === true

type Input = Partial<ResourceInput>
interface Case {
  hit: () => Input[]
  /** Ids of the hit estate's resources that must fail (require rules); limit rules give one aggregate finding. */
  bad?: string[]
  miss: () => Input[]
}

const CF = {'critical-function': 'true'}
const EC2 = 'AWS::EC2::Instance'
const UNMAPPED = 'Nordwind::Unknown::Thing'
const captive = () => typeWith((e) => e.portability === 'captive')
const proprietary = () => typeWith((e) => e.portability === 'proprietary' && !e.stateful)

const CASES: Record<string, Case> = {
  'baseline/captive-services': {
    hit: () => [{id: 'c', type: captive()}],
    bad: ['c'],
    miss: () => [{type: proprietary()}, {type: UNMAPPED}],
  },
  'baseline/unmapped-types': {hit: () => [{id: 'u', type: UNMAPPED}], bad: ['u'], miss: () => [{type: EC2}]},
  'baseline/unmapped-share': {
    hit: () => [{type: UNMAPPED}, {type: EC2}],
    miss: () => [{type: UNMAPPED}, ...Array.from({length: 10}, () => ({type: EC2}))],
  },
  'dora-exit/exit-plan-documented': {
    hit: () => [{id: 'x', tags: CF}, {tags: {...CF, 'exit-plan': 'https://wiki/exit'}}],
    bad: ['x'],
    miss: () => [{tags: {...CF, 'exit-plan': 'https://wiki/exit'}}, {tags: {}}],
  },
  // The issue: an unmapped critical-function resource is not "captive"; this rule must not fire on it.
  'dora-exit/substitutable': {
    hit: () => [
      {id: 'c', type: captive(), tags: CF},
      {type: UNMAPPED, tags: CF},
    ],
    bad: ['c'],
    miss: () => [
      {type: UNMAPPED, tags: CF},
      {type: captive(), tags: {}},
    ],
  },
  'dora-exit/critical-function-mapped': {
    hit: () => [
      {id: 'u', type: UNMAPPED, tags: CF},
      {type: captive(), tags: CF},
    ],
    bad: ['u'],
    miss: () => [
      {type: captive(), tags: CF},
      {type: UNMAPPED, tags: {}},
    ],
  },
  'dora-exit/critical-provider-concentration': {
    hit: () => [{tags: CF}, {tags: CF}, {provider: 'hetzner', type: 'hetzner:server', tags: {}}],
    miss: () => [{tags: CF}, {provider: 'hetzner', type: 'hetzner:server', tags: CF}],
  },
  'dora-exit/critical-proprietary-dependency': {
    hit: () => [
      {id: 'c', type: captive()},
      {id: 'w', tags: CF, dependsOn: ['c']},
    ],
    bad: ['w'],
    miss: () => [
      {id: 'p', type: proprietary()},
      {id: 'w', tags: CF, dependsOn: ['p']},
      {id: 'c', type: captive()},
    ],
  },
  'one-hole/provider-share-critical': {
    hit: () => [{type: EC2}, {type: EC2}, {provider: 'hetzner', type: 'hetzner:server'}],
    miss: () => [{type: EC2}, {provider: 'hetzner', type: 'hetzner:server'}],
  },
  'one-hole/concentration-ceiling': {
    hit: () => [{type: EC2}, {type: EC2}, {type: EC2}, {provider: 'hetzner', type: 'hetzner:server'}],
    miss: () => [{type: EC2}, {provider: 'hetzner', type: 'hetzner:server'}],
  },
  'one-hole/no-captive-critical': {
    hit: () => [{id: 'c', type: typeWith((e) => e.portability === 'captive' && critical(e.category))}],
    bad: ['c'],
    miss: () => [{type: typeWith((e) => e.portability === 'captive' && !critical(e.category))}],
  },
  'one-hole/exit-path-critical': {hit: () => [{id: 'u', type: UNMAPPED}, {type: EC2}], bad: ['u'], miss: () => [{type: EC2}]},
  'one-hole/stateful-regions': {
    hit: () => [{type: 'AWS::RDS::DBInstance'}, {type: 'AWS::RDS::DBInstance'}],
    miss: () => [
      {type: 'AWS::RDS::DBInstance', region: 'eu-central-1'},
      {type: 'AWS::RDS::DBInstance', region: 'eu-west-1'},
      {type: EC2, region: 'eu-central-1'},
      {type: EC2, region: 'eu-central-1'},
    ],
  },
  'sovereign-first/stateful-eu-control': {
    hit: () => [{id: 's', type: 'AWS::RDS::DBInstance'}, {type: 'AWS::Lambda::Function'}],
    bad: ['s'],
    miss: () => [{provider: 'hetzner', type: 'hetzner:volume'}, {type: 'AWS::Lambda::Function'}],
  },
  'sovereign-first/identity-kms-eu-control': {
    hit: () => [
      {id: 'k', type: 'AWS::KMS::Key'},
      {provider: 'hetzner', type: 'hetzner:server'},
    ],
    bad: ['k'],
    miss: () => [{provider: 'hetzner', type: 'hetzner:server'}, {type: EC2}],
  },
  'sovereign-first/non-eu-ceiling': {
    hit: () => [{type: EC2}, {provider: 'hetzner', type: 'hetzner:server'}],
    miss: () => [{type: EC2}, {provider: 'hetzner', type: 'hetzner:server'}, {provider: 'hetzner', type: 'hetzner:server'}],
  },
  'sovereign-first/open-standards-floor': {
    hit: () => [{type: proprietary()}, {type: proprietary()}, {type: EC2}],
    miss: () => [{type: EC2}, {type: EC2}],
  },
}

const builtinRules = async () => {
  const names = readdirSync(BUILTIN_POLICY_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
  return loadPolicies(names)
}

async function findingsOf(key: string, resources: Input[]) {
  const [policy, rule] = key.split('/') as [string, string]
  const loaded = (await builtinRules()).filter((l) => l.policy.metadata.name === policy)
  const outcome = evaluatePolicies(await estate(resources.map((r, i) => ({id: `r${i}`, ...r}))), loaded, {now: NOW})[0]!
  return outcome.rules.find((r) => r.id === rule)!
}

beforeAll(async () => {
  catalog = await loadCatalog()
})

describe('each built-in rule tests what its title says', () => {
  it('every built-in rule has a case', async () => {
    const keys = (await builtinRules()).flatMap((l) => l.policy.rules.map((r) => `${l.policy.metadata.name}/${r.id}`))
    expect(keys.sort()).toEqual(Object.keys(CASES).sort())
  })

  for (const [key, c] of Object.entries(CASES)) {
    it(`${key}: fails on what its title names, and only on that`, async () => {
      const verdict = await findingsOf(key, c.hit())
      expect(verdict.status).toBe('fail')
      if (c.bad) expect(verdict.findings.map((f) => f.resourceId).sort()).toEqual([...c.bad].sort())
      else expect(verdict.findings).toHaveLength(1)
      const near = await findingsOf(key, c.miss())
      expect(near.findings).toEqual([])
    })
  }
})
