import {readdirSync} from 'node:fs'
import {basename} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ArrangementsBlock} from '../../src/assessment/schema.js'
import type {Catalog} from '../../src/catalog/catalog.js'
import {loadCatalog} from '../../src/catalog/load.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {evaluatePolicies} from '../../src/policy/evaluate.js'
import {BUILTIN_POLICY_DIR, loadPolicies} from '../../src/policy/load.js'
import {sovereigntyOf} from '../../src/sovereignty/score.js'
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
  /** The arrangements the rule sees (`assess --arrangements`); none when absent. */
  arrangements?: {hit?: ArrangementsBlock; miss?: ArrangementsBlock}
}

const CF = {'critical-function': 'true'}
const EC2 = 'AWS::EC2::Instance'
const UNMAPPED = 'Nordwind::Unknown::Thing'
const captive = () => typeWith((e) => e.portability === 'captive')
const proprietary = () => typeWith((e) => e.portability === 'proprietary' && !e.stateful)

const SCW = {provider: 'scaleway', region: 'fr-par'}
/** A type of `provider` with these properties, found in the catalog. */
function providerType(provider: string, match: (e: {category: string; portability: string; stateful: boolean}) => boolean) {
  for (const [type, e] of catalog.entries) if (e.provider === provider && match(catalog.lookup(type))) return type
  throw new Error(`no ${provider} type matches`)
}
const awsCritical = () => typeWith((e) => critical(e.category) && e.portability === 'portable')
const awsNotCritical = () => typeWith((e) => !critical(e.category) && e.portability === 'portable')
const scwCritical = () => providerType('scaleway', (e) => critical(e.category))
const captiveCritical = () => typeWith((e) => e.portability === 'captive' && critical(e.category))
const captiveNotCritical = () => typeWith((e) => e.portability === 'captive' && !critical(e.category))
/**
 * A rule on what its selection's provider is: an AWS resource in the selection fails, the same at
 * Scaleway (SEAL 3 or better on every objective, EU control) passes, and AWS outside the selection is not checked.
 */
function minSealCase(aws: () => string, scaleway: () => string, outside: () => string): Case {
  return {
    hit: () => [
      {id: 'a', type: aws()},
      {...SCW, type: scaleway()},
    ],
    bad: ['a'],
    miss: () => [{...SCW, type: scaleway()}, {type: outside()}],
  }
}
/** An arrangements file whose only arrangement supports no critical or important function. */
const NO_CRITICAL_ARRANGEMENTS: ArrangementsBlock = {
  file: 'arrangements.yaml',
  entity: {lei: '529900T8BM49AURSDO55', name: 'Test bank'},
  covered: 0,
  uncovered: {count: 0, groups: [], ids: []},
  empty: [],
  arrangements: [],
  exitPlans: [],
}

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
  // Without an arrangements file the rule cannot check and says so; it checks only arrangements that support a critical function.
  'dora-exit/arrangement-exit-plan': {
    hit: () => [{type: EC2}],
    miss: () => [{type: EC2}],
    arrangements: {miss: NO_CRITICAL_ARRANGEMENTS},
  },
  'bio2/bio2-5-19-supplier-identified': {
    hit: () => [{id: 'u', provider: 'nordwind-cloud', type: UNMAPPED}, {type: EC2}],
    bad: ['u'],
    miss: () => [{type: EC2}, {...SCW, type: scwCritical()}],
  },
  'bio2/bio2-5-20-exit-strategy': {
    hit: () => [
      {id: 'x', type: awsCritical()},
      {type: awsCritical(), tags: {'exit-plan': 'https://wiki/exit'}},
    ],
    bad: ['x'],
    miss: () => [{type: awsCritical(), tags: {'exit-plan': 'https://wiki/exit'}}, {type: awsNotCritical()}],
  },
  'bio2/bio2-5-21-supply-chain-insight': minSealCase(
    () => awsCritical(),
    () => scwCritical(),
    () => awsNotCritical(),
  ),
  'bio2/bio2-5-22-services-monitored': {
    hit: () => [{type: UNMAPPED}, {type: EC2}],
    miss: () => [{type: UNMAPPED}, ...Array.from({length: 60}, () => ({type: EC2}))],
  },
  'bio2/bio2-5-23-no-captive-cloud': {
    hit: () => [{id: 'c', type: captiveCritical()}, {type: awsCritical()}],
    bad: ['c'],
    miss: () => [{type: awsCritical()}, {type: captiveNotCritical()}],
  },
  'bio2/bio2-5-23-concentration': {
    hit: () => [{type: EC2}, {type: EC2}],
    miss: () => [{type: EC2}, {provider: 'hetzner', type: 'hetzner:server'}, {...SCW, type: 'scaleway:instance-server'}],
  },
  'c3a/c3a-sov-1-strategic': minSealCase(
    () => awsCritical(),
    () => scwCritical(),
    () => awsNotCritical(),
  ),
  'c3a/c3a-sov-2-legal': minSealCase(
    () => awsCritical(),
    () => scwCritical(),
    () => awsNotCritical(),
  ),
  'c3a/c3a-sov-3-data': minSealCase(
    () => 'AWS::RDS::DBInstance',
    () => 'scaleway:rdb-instance',
    () => 'AWS::Lambda::Function',
  ),
  'c3a/c3a-sov-4-09-disconnect': {
    hit: () => [{id: 'c', type: captiveCritical()}, {type: awsCritical()}],
    bad: ['c'],
    miss: () => [{type: awsCritical()}, {type: captiveNotCritical()}],
  },
  'c3a/c3a-sov-4-operational': minSealCase(
    () => awsCritical(),
    () => scwCritical(),
    () => awsNotCritical(),
  ),
  'c3a/c3a-sov-6-open-technology': {
    hit: () => [{type: proprietary()}, {type: proprietary()}, {type: proprietary()}, {type: EC2}],
    miss: () => [{type: EC2}, {type: EC2}],
  },
  'secnumcloud/snc-19-6-eu-control': minSealCase(
    () => 'AWS::RDS::DBInstance',
    () => 'scaleway:rdb-instance',
    () => 'AWS::Lambda::Function',
  ),
  'secnumcloud/snc-19-6-data-in-eu': {
    hit: () => [{id: 's', type: 'AWS::RDS::DBInstance', region: 'us-east-1'}, {type: 'AWS::RDS::DBInstance'}],
    bad: ['s'],
    miss: () => [{type: 'AWS::RDS::DBInstance'}, {type: 'AWS::Lambda::Function', region: 'us-east-1'}],
  },
  'secnumcloud/snc-19-6-immunity': minSealCase(
    () => 'AWS::RDS::DBInstance',
    () => 'scaleway:rdb-instance',
    () => 'AWS::Lambda::Function',
  ),
  'secnumcloud/snc-sovereignty-score': {
    hit: () => [{type: 'AWS::RDS::DBInstance'}, {type: 'AWS::RDS::DBInstance'}],
    miss: () => [
      {...SCW, type: 'scaleway:rdb-instance'},
      {...SCW, type: 'scaleway:rdb-instance'},
    ],
  },
}

const builtinRules = async () => {
  const names = readdirSync(BUILTIN_POLICY_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
  return loadPolicies(names)
}

async function findingsOf(key: string, resources: Input[], arrangements?: ArrangementsBlock) {
  const [policy, rule] = key.split('/') as [string, string]
  const loaded = (await builtinRules()).filter((l) => l.policy.metadata.name === policy)
  const assessment = await estate(resources.map((r, i) => ({id: `r${i}`, ...r})))
  // As the pipeline does: the sovereignty block is what minSeal and sovereigntyScore rules read.
  const sovereignty = sovereigntyOf(assessment, catalog)
  if (sovereignty) assessment.sovereignty = sovereignty
  const outcome = evaluatePolicies(assessment, loaded, {now: NOW, arrangements})[0]!
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
      const verdict = await findingsOf(key, c.hit(), c.arrangements?.hit)
      expect(verdict.status).toBe('fail')
      if (c.bad) expect(verdict.findings.map((f) => f.resourceId).sort()).toEqual([...c.bad].sort())
      else expect(verdict.findings).toHaveLength(1)
      const near = await findingsOf(key, c.miss(), c.arrangements?.miss)
      expect(near.findings).toEqual([])
    })
  }
})
