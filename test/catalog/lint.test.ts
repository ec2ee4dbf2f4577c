import {cpSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {LINT_RULES, lintCatalog} from '../../src/catalog/lint.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

describe('catalog lint', () => {
  it('the built-in catalog passes every rule', async () => {
    const problems = await lintCatalog({now: new Date('2026-12-02T00:00:00Z')})
    expect(problems).toEqual([])
    expect(LINT_RULES).toEqual(
      expect.arrayContaining([
        'provenance',
        'stale',
        'self-run',
        'protocol',
        'consistency',
        'reachability',
        'unknown-attribute',
        'speaks',
        'lifecycle',
        'jurisdiction',
      ]),
    )
  })

  it('reports a schema error as a problem with its position instead of throwing', async () => {
    const dir = tempDir('catalog-lint-')
    for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml'])
      cpSync(join(ROOT, 'catalog', name), join(dir, name))
    writeFileSync(
      join(dir, 'aws.yaml'),
      'provider: aws\nservices:\n  AWS::S3:\n    default: {category: object-storage, portability: sticky, stateful: true}\n',
    )
    expect(await lintCatalog({dir})).toEqual([expect.objectContaining({file: 'aws.yaml', line: 4, rule: 'schema'})])
  })

  it('a lifecycle needs its date, successor and the provider’s notice', async () => {
    const dir = tempDir('catalog-lint-')
    for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml'])
      cpSync(join(ROOT, 'catalog', name), join(dir, name))
    writeFileSync(
      join(dir, 'aws.yaml'),
      'provider: aws\nservices:\n  AWS::Acme:\n    default: {category: queue, portability: proprietary, stateful: false, retiring: "2027-01-01"}\n',
    )
    expect(await lintCatalog({dir, now: new Date('2026-12-02T00:00:00Z')})).toEqual([
      expect.objectContaining({file: 'aws.yaml', line: 4, rule: 'lifecycle'}),
    ])
  })

  it('exitready catalog lint exits 0 on the built-in catalog and 2 with file:line:column on a broken one', () => {
    const ok = runCli(['catalog', 'lint'])
    expect(ok.status).toBe(0)
    expect(ok.stdout).toMatch(/passes every check/)
    const dir = tempDir('catalog-lint-')
    for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml'])
      cpSync(join(ROOT, 'catalog', name), join(dir, name))
    writeFileSync(
      join(dir, 'aws.yaml'),
      'provider: aws\nservices:\n  AWS::Acme:\n    default:\n      category: relational-db\n      portability: portable\n      stateful: true\n      european:\n        - {provider: hetzner, service: Managed PostgreSQL}\n',
    )
    const bad = runCli(['catalog', 'lint', '--catalog', dir, '--json'])
    expect(bad.status).toBe(2)
    expect(JSON.parse(bad.stdout).problems).toEqual([
      expect.objectContaining({file: 'aws.yaml', line: 9, column: 11, rule: 'provenance'}),
    ])
    expect(bad.stderr).toMatch(/^aws\.yaml:9:11: .*Managed PostgreSQL.* \[provenance\]$/m)
  })

  it('exitready catalog show prints what an entry speaks, its offers with provenance, and its lifecycle', () => {
    const run = runCli(['catalog', 'show', 'microsoft.cache/redis'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/speaks: +Redis protocol/)
    expect(run.stdout).toMatch(
      /lifecycle: +retiring on 2028-09-30; successor Azure Managed Redis \(https:\/\/learn\.microsoft\.com\//,
    )
    expect(run.stdout).toMatch(/scaleway: Managed Redis — ga, verified 2026-08-21 against terraform:scaleway_redis_cluster/)
    const rds = runCli(['catalog', 'show', 'aws_db_instance', '--json'])
    const result = JSON.parse(rds.stdout)
    expect(result.refine).toEqual(
      expect.arrayContaining([expect.objectContaining({when: {engine: null}, assume: expect.stringMatching(/^engine unknown/)})]),
    )
    expect(result.offers[0]).toMatchObject({provenance: {status: 'ga'}})
  })
})

describe('lifecycle: services being retired', () => {
  it('the entries the providers retire carry the date, successor and notice', async () => {
    const {loadCatalog} = await import('../../src/catalog/load.js')
    const catalog = await loadCatalog()
    const retiring = (type: string, attributes?: Record<string, unknown>) => {
      const m = catalog.lookup(type, attributes)
      return [m.retiring, m.successor, m.retirementNotice?.startsWith('https://')]
    }
    expect(retiring('microsoft.cache/redis')).toEqual(['2028-09-30', 'Azure Managed Redis', true])
    expect(retiring('microsoft.cache/redisenterprise', {sku: 'EnterpriseFlash_F300'})[0]).toBe('2027-03-31')
    // The Azure Managed Redis SKUs of the same type are the successor, not retiring.
    expect(retiring('microsoft.cache/redisenterprise', {sku: 'Balanced_B10'})[0]).toBeUndefined()
    expect(retiring('microsoft.appplatform/spring')[1]).toBe('Azure Container Apps')
    expect(retiring('microsoft.dbformariadb/servers')[0]).toBe('2025-09-19')
    expect(retiring('pubsublite.googleapis.com/Topic')).toEqual([
      '2027-01-31',
      'Managed Service for Apache Kafka, or Pub/Sub',
      true,
    ])
  })

  it('the exit plan row says a forced migration is coming, with the earliest date of its resources', async () => {
    const {loadCatalog} = await import('../../src/catalog/load.js')
    const {assess} = await import('../../src/assessment/assess.js')
    const {buildReportModel} = await import('../../src/report/model.js')
    const now = new Date('2026-12-02T00:00:00Z')
    const redis = (id: string, sku: string) => ({
      id,
      provider: 'azure',
      type: 'microsoft.cache/redisenterprise',
      attributes: {sku},
      tags: {},
      source: 'test',
    })
    const a = assess(
      {
        schema: 'exitready/inventory@1',
        createdAt: now.toISOString(),
        sources: [],
        resources: [redis('/a', 'Balanced_B10'), redis('/b', 'Enterprise_E10')],
      },
      await loadCatalog(),
      {now},
    )
    expect(a.resources.map((r) => r.retiring)).toEqual([undefined, '2027-03-31'])
    const plan = buildReportModel({assessment: a, policies: [], now}).plans[0]!
    expect(plan).toMatchObject({retiring: '2027-03-31', successor: expect.stringMatching(/^Azure Managed Redis/)})
    expect(plan.lifecycle).toMatch(
      /^Retiring on 2027-03-31; the provider points to Azure Managed Redis.*A forced migration is the cheapest moment to exit/,
    )
  })
})
