import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {DnsSignalSchema, SaasDnsTableSchema} from '../../src/catalog/saas-dns-schema.js'
import {SAAS_DNS_TABLE} from '../../src/importers/dns/recognise.js'
import {loadYamlFile} from '../../src/util/yaml.js'

const catalog = await loadCatalog()
const table = await loadYamlFile(SAAS_DNS_TABLE, SaasDnsTableSchema)

describe('catalog/dns/saas-dns.yaml, the recognition table', () => {
  it('joins the catalog: every type is a catalog entry, except those marked uncatalogued (which have a title)', () => {
    const problems: string[] = []
    for (const [type, entry] of Object.entries(table.services)) {
      const matched = catalog.lookup(type).matchedBy
      if (entry.uncatalogued && matched === 'type') problems.push(`${type} is in the catalog now: drop "uncatalogued"`)
      if (!entry.uncatalogued && matched !== 'type') problems.push(`${type} is not a catalog type (${matched})`)
      if (entry.uncatalogued && !entry.title) problems.push(`${type} needs a title`)
    }
    expect(problems).toEqual([])
    expect(Object.keys(table.services).length).toBeGreaterThanOrEqual(20)
  })

  it('refuses a signal whose match field does not fit its record', () => {
    expect(DnsSignalSchema.safeParse({record: 'MX', target: '*.mail.protection.outlook.com'}).success).toBe(true)
    expect(DnsSignalSchema.safeParse({record: 'MX', prefix: 'MS=ms'}).success).toBe(false)
    expect(DnsSignalSchema.safeParse({record: 'TXT', target: 'x'}).success).toBe(false)
    expect(DnsSignalSchema.safeParse({record: 'SPF', include: 'spf.protection.outlook.com'}).success).toBe(true)
    expect(DnsSignalSchema.safeParse({record: 'CNAME', target: 'a b'}).success).toBe(false)
  })
})
