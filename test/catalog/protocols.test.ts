import {cpSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintCatalog} from '../../src/catalog/lint.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {ROOT, tempDir} from '../helpers/cli.js'

const NOW = new Date('2026-12-02T00:00:00Z')
function catalogDir(text: string): string {
  const dir = tempDir('catalog-protocols-')
  for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml'])
    cpSync(join(ROOT, 'catalog', name), join(dir, name))
  writeFileSync(join(dir, 'aws.yaml'), text)
  return dir
}
const entry = (type: string, fields: string) =>
  `provider: aws\nservices:\n  ${type.split('::').slice(0, 2).join('::')}:\n    types:\n      ${type}:\n${fields}`

describe('protocol compatibility is checked over the data', () => {
  it('a Memcached service must not name Redis targets, even inherited through a refine rule', async () => {
    const text = entry(
      'AWS::Acme::Cache',
      '        title: Cache\n        category: cache\n        portability: compatible\n        target: Redis protocol (RESP)\n        stateful: false\n        european:\n          - {provider: ovhcloud, service: Public Cloud Databases for Valkey}\n        refine:\n          - when: {engine: memcached}\n            set: {portability: portable, target: Memcached protocol}\n            note: Memcached\n',
    )
    const problems = (await lintCatalog({dir: catalogDir(text), now: NOW})).filter((p) => p.rule === 'protocol')
    expect(problems).toEqual([
      expect.objectContaining({
        line: 14,
        message: expect.stringMatching(/Memcached service names "Public Cloud Databases for Valkey"/),
      }),
    ])
  })

  it('a MySQL service must not name MariaDB as a drop-in', async () => {
    const text = entry(
      'AWS::Acme::Db',
      '        category: relational-db\n        portability: portable\n        target: MySQL wire protocol\n        stateful: true\n        european:\n          - {provider: ionos, service: DBaaS MariaDB}\n          - {provider: upcloud, service: Managed Databases for MySQL}\n',
    )
    const problems = (await lintCatalog({dir: catalogDir(text), now: NOW})).filter((p) => p.rule === 'protocol')
    expect(problems).toEqual([expect.objectContaining({line: 10, message: expect.stringMatching(/DBaaS MariaDB/)})])
  })

  it('a single-tenant HSM must not name a multi-tenant KMS', async () => {
    const text = entry(
      'AWS::CloudHSM::Cluster',
      '        title: CloudHSM cluster\n        category: secrets-kms\n        portability: compatible\n        target: PKCS#11\n        stateful: true\n        european:\n          - {provider: ovhcloud, service: Key Management Service (OKMS)}\n',
    )
    const problems = (await lintCatalog({dir: catalogDir(text), now: NOW})).filter((p) => p.rule === 'protocol')
    expect(problems).toEqual([expect.objectContaining({line: 11, message: expect.stringMatching(/single-tenant HSM/)})])
  })

  it('the built-in catalog passes, and the offers the review found wrong are gone', async () => {
    expect((await lintCatalog({now: NOW})).filter((p) => p.rule === 'protocol')).toEqual([])
    const catalog = await loadCatalog()
    const services = (type: string, attributes?: Record<string, unknown>) =>
      catalog.lookup(type, attributes).european.map((o) => `${o.provider}: ${o.service}`)
    expect(services('AWS::ElastiCache::CacheCluster', {engine: 'memcached'}).join()).not.toMatch(/redis|valkey/i)
    expect(services('AWS::ElastiCache::CacheCluster', {engine: 'memcached'})).toContain(
      'hetzner: Cloud Servers (self-run Memcached)',
    )
    for (const hsm of [
      'microsoft.hardwaresecuritymodules/dedicatedhsms',
      'microsoft.hardwaresecuritymodules/cloudhsmclusters',
      'microsoft.keyvault/managedhsms',
    ])
      expect(services(hsm).join(), hsm).not.toMatch(/KMS|Key Manage/)
    // Traffic Manager is health-checked DNS routing, not a plain DNS zone; Front Door is not a self-run WAF.
    expect(services('microsoft.network/trafficmanagerprofiles')).not.toContain('hetzner: DNS')
    expect(services('microsoft.network/trafficmanagerprofiles').join()).toMatch(/health-checked/)
    expect(services('microsoft.network/frontdoors').join()).not.toMatch(/Coraza/)
    expect(services('sqladmin.googleapis.com/Instance', {databaseVersion: 'MYSQL_8_0'}).join()).not.toMatch(/MariaDB/)
  })
})
