import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintCatalog, TECHNOLOGY_CLASSES} from '../../src/catalog/lint.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {ROOT, tempDir} from '../helpers/cli.js'

const NOW = new Date('2026-12-02T00:00:00Z')
const cloudOf = (type: string) =>
  type.startsWith('AWS::')
    ? 'aws'
    : type.startsWith('microsoft.')
      ? 'azure'
      : type.includes('.googleapis.com/')
        ? 'gcp'
        : type.split(':')[0]

describe('the same technology has the same class on every cloud', () => {
  it.each(TECHNOLOGY_CLASSES.map((t) => [t.technology, t] as const))('%s', async (_name, tech) => {
    const catalog = await loadCatalog()
    for (const member of tech.members) {
      const m = catalog.lookup(member.type, member.attributes)
      expect(m.matchedBy, member.type).not.toBe('unmapped')
      expect([member.type, m.portability, m.category]).toEqual([member.type, tech.portability, tech.category ?? m.category])
    }
  })

  it('covers AWS, Azure and GCP wherever all three sell the technology', () => {
    const clouds = (name: string) =>
      new Set(TECHNOLOGY_CLASSES.find((t) => t.technology === name)!.members.map((m) => cloudOf(m.type)))
    for (const name of [
      'Redis / Valkey cache',
      'Apache Kafka',
      'PostgreSQL',
      'MySQL',
      'Disk snapshot',
      'Managed Microsoft Active Directory',
      'CDN',
    ])
      for (const cloud of ['aws', 'azure', 'gcp']) expect(clouds(name), `${name} on ${cloud}`).toContain(cloud)
    // Only some clouds sell these; the table names every one the catalog knows.
    expect(clouds('Memcached')).toEqual(new Set(['aws', 'gcp']))
    expect(clouds('Quantum computing')).toEqual(new Set(['aws', 'azure']))
    expect(clouds('Office suite')).toEqual(new Set(['saas']))
  })

  it('lint fails when one cloud scores the technology differently (Memorystore for Valkey as portable)', async () => {
    const dir = tempDir('catalog-consistency-')
    for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml', 'gcp.yaml'])
      cpSync(join(ROOT, 'catalog', name), join(dir, name))
    const gcp = readFileSync(join(dir, 'gcp.yaml'), 'utf8')
    const at = gcp.indexOf('      memorystore.googleapis.com/Instance:')
    const end = gcp.indexOf('portability: compatible', at)
    writeFileSync(
      join(dir, 'gcp.yaml'),
      `${gcp.slice(0, end)}portability: portable${gcp.slice(end + 'portability: compatible'.length)}`,
    )
    const problems = (await lintCatalog({dir, now: NOW})).filter((p) => p.rule === 'consistency')
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'gcp.yaml',
        message: expect.stringMatching(/^Redis \/ Valkey cache: memorystore\.googleapis\.com\/Instance is portable/),
      }),
    ])
  })
})

describe('speaks and target are two facts', () => {
  it('Kinesis speaks its own API and moves to Kafka; an Azure storage account speaks Azure Blob and moves to S3', async () => {
    const catalog = await loadCatalog()
    expect(catalog.lookup('AWS::Kinesis::Stream')).toMatchObject({
      speaks: 'Amazon Kinesis Data Streams API',
      target: 'Kafka protocol',
    })
    expect(catalog.lookup('microsoft.storage/storageaccounts')).toMatchObject({
      speaks: expect.stringMatching(/^Azure Blob Storage REST API/),
      target: 'S3 API',
    })
    // A compatible service that names no `speaks` speaks its target.
    expect(catalog.lookup('AWS::S3::Bucket')).toMatchObject({speaks: 'S3 API', target: 'S3 API'})
    // `standard` stays readable for one release, equal to target.
    expect(catalog.lookup('AWS::Kinesis::Stream').standard).toBe('Kafka protocol')
  })

  it('no built-in file still writes standard, and no proprietary entry speaks its own target', async () => {
    for (const name of [
      'aws',
      'azure',
      'gcp',
      'saas',
      'hetzner',
      'scaleway',
      'ovhcloud',
      'ionos',
      'stackit',
      'exoscale',
      'upcloud',
      'openstack',
    ])
      expect(readFileSync(join(ROOT, 'catalog', `${name}.yaml`), 'utf8'), name).not.toMatch(/^\s+standard:|[{,]\s*standard:/m)
    const problems = (await lintCatalog({now: NOW})).filter((p) => p.rule === 'speaks')
    expect(problems).toEqual([])
  })
})
