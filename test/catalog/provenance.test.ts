import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintCatalog, offerProduct} from '../../src/catalog/lint.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {ROOT, tempDir} from '../helpers/cli.js'

const NOW = new Date('2026-12-02T00:00:00Z')
function catalogDir(files: Record<string, string>): string {
  const dir = tempDir('catalog-provenance-')
  for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml'])
    cpSync(join(ROOT, 'catalog', name), join(dir, name))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}
const withOffers = (...offers: string[]) =>
  `provider: aws\nservices:\n  AWS::Acme:\n    types:\n      AWS::Acme::Thing:\n        category: relational-db\n        portability: portable\n        stateful: true\n        equivalents: [NGINX, Trino]\n        european:\n${offers.map((o) => `          - ${o}\n`).join('')}`

describe('every European offer carries provenance', () => {
  it('every built-in offer names a product with source, status and verifiedOn', async () => {
    const catalog = await loadCatalog()
    let offers = 0
    const check = (where: string, list: {provider: string; service: string}[] | undefined) => {
      for (const offer of list ?? []) {
        offers++
        const {provenance} = offerProduct(offer, catalog.provider(offer.provider)?.offers)
        expect(provenance, `${where}: ${offer.provider}: ${offer.service}`).toMatchObject({
          source: expect.stringMatching(/^(https:\/\/|terraform:[a-z]+_|reference\/european-services\.yaml#)/),
          status: expect.stringMatching(/^(ga|beta|retiring)$/),
          verifiedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        })
      }
    }
    for (const [type, {entry}] of catalog.entries) {
      check(type, entry.european)
      for (const rule of entry.refine ?? []) check(`${type} refine`, rule.set.european)
    }
    for (const [namespace, {default: d}] of catalog.services) check(namespace, d.european)
    expect(offers).toBeGreaterThan(3000)
    // A Terraform source names the provider's own resource type.
    const prefix: Record<string, string> = {
      hetzner: 'hcloud_',
      scaleway: 'scaleway_',
      ovhcloud: 'ovh_',
      ionos: 'ionoscloud_',
      stackit: 'stackit_',
      exoscale: 'exoscale_',
      upcloud: 'upcloud_',
    }
    for (const [id, info] of catalog.providers)
      for (const [product, p] of Object.entries(info.offers ?? {}))
        if (p.source.startsWith('terraform:'))
          expect(p.source, `${id} ${product}`).toMatch(new RegExp(`^terraform:${prefix[id]}`))
  })

  it('lint passes today and fails once a verifiedOn is more than twelve months old', async () => {
    expect((await lintCatalog({now: NOW})).filter((p) => p.rule === 'provenance' || p.rule === 'stale')).toEqual([])
    // The oldest verification (Cleura docs, 2025-12-11) is stale from 2026-12-12 on.
    const later = (await lintCatalog({now: new Date('2026-12-12T00:00:00Z')})).filter((p) => p.rule === 'stale')
    expect(later.length).toBeGreaterThan(0)
    expect(later[0]).toMatchObject({file: 'providers.yaml', message: expect.stringMatching(/more than 12 months ago/)})
  })

  it('an offer with no registered product is reported with file:line:column', async () => {
    const problems = await lintCatalog({
      dir: catalogDir({
        'aws.yaml': withOffers(
          '{provider: hetzner, service: Managed PostgreSQL}',
          '{provider: scaleway, service: Managed Databases for PostgreSQL}',
        ),
      }),
      now: NOW,
    })
    expect(problems).toEqual([expect.objectContaining({file: 'aws.yaml', line: 11, column: 13, rule: 'provenance'})])
  })

  it('software run on a provider’s compute says "(self-run …)", and only compute runs it', async () => {
    const problems = await lintCatalog({
      dir: catalogDir({
        'aws.yaml': withOffers(
          '{provider: hetzner, service: Cloud Servers (NGINX)}',
          '{provider: hetzner, service: Cloud Servers}',
          '{provider: scaleway, service: Object Storage (self-run Trino)}',
          '{provider: hetzner, service: Cloud Servers (self-run PostgreSQL)}',
          '{provider: hetzner, service: Cloud Servers (placement groups)}',
        ),
      }),
      now: NOW,
    })
    expect(problems.map((p) => [p.rule, p.line])).toEqual([
      ['self-run', 11],
      ['self-run', 12],
      ['self-run', 13],
    ])
    expect(problems[0]!.message).toMatch(/write it as "Cloud Servers \(self-run NGINX\)"/)
  })

  it('offers that do not exist or are not equivalent are gone; the real ones the catalog knows are added', async () => {
    const catalog = await loadCatalog()
    const services = (type: string, attributes?: Record<string, unknown>) =>
      catalog.lookup(type, attributes).european.map((o) => `${o.provider}: ${o.service}`)
    // Hetzner Cloud volumes have no snapshots.
    for (const file of ['aws', 'azure', 'gcp'])
      expect(readFileSync(join(ROOT, 'catalog', `${file}.yaml`), 'utf8')).not.toMatch(
        /hetzner, service: (Volume and server snapshots|Volumes \(with server snapshots\))/,
      )
    expect(catalog.provider('hetzner')!.offers!.Snapshots!.note).toMatch(/volumes have no snapshots/)
    expect(services('AWS::EC2::Snapshot').join()).not.toMatch(/hetzner/)
    for (const type of ['AWS::MSK::Cluster', 'AWS::Kinesis::Stream', 'managedkafka.googleapis.com/Cluster'])
      expect(services(type), type).toEqual(
        expect.arrayContaining(['scaleway: Clusters for Apache Kafka', 'ionos: Event Streams for Apache Kafka']),
      )
    expect(services('AWS::OpenSearchService::Domain')).toEqual(
      expect.arrayContaining(['scaleway: Cloud Essentials for OpenSearch', 'ovhcloud: Public Cloud Databases for OpenSearch']),
    )
    expect(catalog.provider('scaleway')!.offers!['Clusters for Apache Kafka']!.status).toBe('beta')
  })
})
