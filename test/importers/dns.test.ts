import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {InputError} from '../../src/errors.js'
import {spfIncludes} from '../../src/importers/dns/recognise.js'
import {terraformDnsRecords} from '../../src/importers/dns/terraform.js'
import {originFromFileName, readZone} from '../../src/importers/dns/zone.js'
import {
  looksLikeDnsRecordsYaml,
  looksLikeZoneFile,
  readDnsRecordsYaml,
  readDnsZoneFile,
  saasFromTerraformDns,
} from '../../src/importers/dns.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {tempDir} from '../helpers/cli.js'
import {fixture} from './helpers.js'

const catalog = await loadCatalog()
const dns = (name: string) => fixture(`real/dns/${name}`)
const text = (name: string) => readFileSync(dns(name), 'utf8')
const json = (name: string): unknown => JSON.parse(text(name))

async function failure(run: () => Promise<unknown>): Promise<InputError> {
  const error = await run().catch((e: unknown) => e)
  expect(error).toBeInstanceOf(InputError)
  return error as InputError
}

const byType = (resources: ResourceInput[]) => Object.fromEntries(resources.map((r) => [r.type, r]))

describe('BIND zone files as people keep them', () => {
  it('reads $ORIGIN, relative names, @, blank owners, TTL units, parentheses over lines and multi-string TXT', async () => {
    const zone = await readZone(text('azure-cli-zone3.txt'), 'zone3.txt')
    expect(zone.apex).toBe('zone3.com')
    expect(zone.count).toBe(28)
    expect(zone.warnings).toEqual([])
    const find = (name: string, type: string) => zone.records.filter((r) => r.name === name && r.type === type).map((r) => r.data)
    expect(find('test-mx.zone3.com', 'MX')).toEqual(['mail.com'])
    // A relative target is in the zone; a blank owner repeats the previous name.
    expect(find('test-cname2.zone3.com', 'CNAME')).toEqual(['target.org.zone3.com'])
    expect(find('d1.zone3.com', 'NS')).toEqual(['hood.com'])
    expect(find('d1.zone3.com', 'TXT')).toEqual(['fishfishfish'])
    // Records continued in parentheses over four lines, and strings joined without a separator.
    expect(find('_sip._tcp.zone3.com', 'SRV')).toEqual(['foo.com'])
    expect(find('mail.zone3.com', 'MX')).toEqual(['mail.test.com'])
    expect(find('txt2.zone3.com', 'TXT')).toEqual(['string1string2'])
    expect(find('txt3.zone3.com', 'TXT')[0]).toHaveLength(4 * 74)
    expect(find('txt3.zone3.com', 'TXT')[1]).toBe('string;string;string')
    expect(zone.records.every((r) => r.zone === 'zone3.com')).toBe(true)
  })

  it('without $ORIGIN the zone comes from the file name, or names stay relative with a warning', async () => {
    expect(originFromFileName('zones/db.example.com')).toBe('example.com')
    expect(originFromFileName('example.co.uk.zone')).toBe('example.co.uk')
    expect(originFromFileName('azure-cli-zone2.txt')).toBeUndefined()
    const named = await readZone(text('azure-cli-zone2.txt'), 'db.mytestzone.com')
    expect(named.warnings).toEqual([
      'db.mytestzone.com: there is no $ORIGIN; the zone is taken from the file name: mytestzone.com.',
    ])
    expect(named.apex).toBe('mytestzone.com')
    expect(named.records.find((r) => r.type === 'MX')).toMatchObject({name: 'mail.mytestzone.com', data: 'mail1.mymail.com'})
    const unnamed = await readZone(text('azure-cli-zone2.txt'), 'azure-cli-zone2.txt')
    expect(unnamed.apex).toBeUndefined()
    expect(unnamed.warnings).toEqual([
      'azure-cli-zone2.txt: the zone is not named ($ORIGIN is missing and the file name does not name it), so relative names stay relative.',
    ])
    expect(unnamed.records.find((r) => r.type === 'MX')).toMatchObject({name: 'mail', data: 'mail1.mymail.com'})
  })

  it('escapes, quotes with semicolons, SPF records, a name that looks like a TTL, and record types it does not read', async () => {
    const zone = await readZone(text('azure-cli-zone2.txt'), 'db.mytestzone.com')
    const txt = (name: string) => zone.records.find((r) => r.name === `${name}.mytestzone.com` && r.type === 'TXT')?.data
    expect([txt('t4'), txt('t5'), txt('t6'), txt('t7'), txt('t8'), txt('spaces')]).toEqual([
      'foo;bar',
      'foo;bar',
      'foo;bar',
      '"quoted string"',
      'foobar',
      '  a  ',
    ])
    // The SPF type is read as text, like TXT.
    expect(txt('myspf')).toBe('this is an SPF record! Convert to TXT on import')
    // `200` at the start of a line is a name, not a TTL.
    expect(zone.count).toBe(50)
    const one = await readZone(text('azure-cli-zone1.txt'), 'zone1.txt')
    expect(one.count).toBe(24)
    expect(one.records.find((r) => r.type === 'SRV' && r.name.startsWith('_sip'))).toMatchObject({
      name: '_sip._tls.@.zone1.com',
      data: 'target.contoso.com',
    })
  })

  it('$TTL in every unit and case, and a late $ORIGIN that does not rename the zone', async () => {
    const zone = await readZone(text('azure-cli-zone4.txt'), 'azure-cli-zone4.txt', {origin: 'dnstestzone4.com'})
    expect(zone.apex).toBe('dnstestzone4.com')
    expect(zone.count).toBe(23)
    expect(zone.records.find((r) => r.type === 'NS')).toMatchObject({name: 'dnstestzone4.com', data: 'ns1.dnstestzone4.com'})
  })

  it('an $INCLUDE that is not there is a warning and the rest is read; one that is there is read', async () => {
    const base = 'example.com. IN SOA ns1.example.com. host.example.com. 1 2 3 4 5\n'
    const missing = await readZone(
      `${base}$INCLUDE /no/such/secret-path.zone\nwww IN CNAME x.atlassian.net.\n`,
      'db.example.com',
      {
        readInclude: async () => undefined,
      },
    )
    expect(missing.warnings).toEqual([
      'db.example.com: there is no $ORIGIN; the zone is taken from the file name: example.com.',
      'db.example.com:2: the file that $INCLUDE names cannot be read; its records are missing.',
    ])
    expect(missing.warnings.join(' ')).not.toContain('secret-path')
    expect(missing.records.map((r) => r.name)).toEqual(['www.example.com'])

    const dir = tempDir()
    mkdirSync(join(dir, 'inc'))
    writeFileSync(join(dir, 'inc', 'mail.zone'), '@ IN MX 10 example-com.mail.protection.outlook.com.\n')
    const zoneFile = join(dir, 'db.example.com')
    writeFileSync(zoneFile, `$ORIGIN example.com.\n${base}$INCLUDE inc/mail.zone\n$INCLUDE inc/absent.zone\n`)
    const read = await readDnsZoneFile(readFileSync(zoneFile, 'utf8'), zoneFile, 'dns:db.example.com', catalog)
    expect(read.resources.map((r) => r.id)).toEqual(['saas:microsoft-365/exchange-online:dns:example.com'])
    expect(read.warnings).toEqual([`${zoneFile}:4: the file that $INCLUDE names cannot be read; its records are missing.`])
  })

  it('an $INCLUDE of itself stops at the nesting limit with a warning', async () => {
    const zone = await readZone('$ORIGIN example.com.\n$INCLUDE self\nwww IN A 1.2.3.4\n', 'db.example.com', {
      readInclude: async () => '$INCLUDE self\nwww IN A 1.2.3.4\n',
    })
    expect(zone.count).toBe(9)
    expect(zone.warnings.at(-1)).toContain('is nested more than 8 deep')
  })

  it('syntax errors name file:line:column and say what is wrong, never quoting the file', async () => {
    const cases: [string, string][] = [
      ['www IN TXT "unterminated secret\n', 'zone.db:1:12: a quoted string is not closed on its line.'],
      ['@ IN SOA ns. host. ( 1 2 3\n', 'zone.db:1:20: a parenthesis is opened and never closed.'],
      ['www IN A 1.2.3.4 )\n', 'zone.db:1:18: a closing parenthesis without an opening one.'],
      ['www IN hunter2 1.2.3.4\n', 'zone.db:1:8: expected a record type (A, MX, CNAME, TXT …) here.'],
      ['   IN A 1.2.3.4\n', 'zone.db:1:4: a record without a name before any named record.'],
      ['mail IN MX 10\n', 'zone.db:1:9: the MX record lacks its preference and host.'],
      ['$TTL forever\n', 'zone.db:1:1: $TTL needs a time (seconds, or units such as 1h or 1d).'],
    ]
    for (const [zone, message] of cases) {
      const error = await failure(() => readZone(zone, 'zone.db'))
      expect(error.message).toBe(message)
    }
  })

  it('is detected by its directives or its record lines, and not taken for YAML or manifests', () => {
    expect(looksLikeZoneFile(text('dnscontrol-simple.com.zone'))).toBe(true)
    expect(looksLikeZoneFile(text('azure-cli-zone2.txt'))).toBe(true)
    expect(looksLikeZoneFile('apiVersion: v1\nkind: Service\nmetadata: {name: mx}\n')).toBe(false)
    expect(looksLikeZoneFile(text('dnscontrol-docs.dns.yaml'))).toBe(false)
    expect(looksLikeDnsRecordsYaml(text('dnscontrol-docs.dns.yaml'))).toBe(true)
  })
})

describe('what the records reveal', () => {
  it('Microsoft 365, from the records Microsoft documents: mail, Teams, device registration, Intune and the tenant', async () => {
    const read = await readDnsRecordsYaml(text('microsoft-365-docs.dns.yaml'), 'm365.yaml', 'dns:m365.yaml', catalog)
    const found = byType(read.resources)
    expect(Object.keys(found).sort()).toEqual([
      'saas:microsoft-365/entra-id',
      'saas:microsoft-365/exchange-online',
      'saas:microsoft-365/intune',
      'saas:microsoft-365/suite',
      'saas:microsoft-365/teams',
    ])
    const exchange = found['saas:microsoft-365/exchange-online']!
    expect(exchange).toMatchObject({
      id: 'saas:microsoft-365/exchange-online:dns:contoso.com',
      provider: 'saas',
      name: 'Exchange Online (contoso.com)',
      source: 'dns:m365.yaml',
    })
    expect(
      (exchange.attributes!.evidence as {type: string; name: string; value: string}[]).map((e) => [e.type, e.name, e.value]),
    ).toEqual([
      ['MX', 'contoso.com', 'msxxxxxxx.mail.protection.outlook.com'],
      ['CNAME', 'autodiscover.contoso.com', 'autodiscover.outlook.com'],
      ['TXT', 'contoso.com', 'include:spf.protection.outlook.com'],
      ['CNAME', 'selector1._domainkey.contoso.com', 'selector1-contoso-com._domainkey.contoso.onmicrosoft.com'],
      ['CNAME', 'selector2._domainkey.contoso.com', 'selector2-contoso-com._domainkey.contoso.onmicrosoft.com'],
    ])
    const teams = found['saas:microsoft-365/teams']!.attributes!.evidence as {name: string}[]
    expect(teams.map((e) => e.name).sort()).toEqual([
      '_sip._tls.contoso.com',
      '_sipfederationtls._tcp.contoso.com',
      'lyncdiscover.contoso.com',
      'sip.contoso.com',
    ])
    // A verification TXT keeps only its prefix, and says that verification is all there is.
    expect(found['saas:microsoft-365/suite']!.attributes).toMatchObject({
      evidence: [{type: 'TXT', value: 'MS=ms…', kind: 'verification'}],
      verifiedOnly: true,
    })
    expect(JSON.stringify(read.resources)).not.toContain('msXXXXXXXX')
    // The catalog knows every type but Intune, which maps through the Microsoft 365 default.
    for (const resource of read.resources)
      expect(catalog.lookup(resource.type).matchedBy).toBe(resource.type.endsWith('/intune') ? 'service' : 'type')
    expect(read.detail).toBe(
      'DNS records: 12 records in 1 zone; 5 SaaS findings from 12 records (Microsoft 365 (whole suite), Exchange Online, Microsoft Teams, Microsoft Entra ID (Azure AD), Microsoft Intune)',
    )
  })

  it('Google Workspace and App Engine: named CNAMEs to ghs.googlehosted.com are Workspace, other names App Engine', async () => {
    const docs = await readDnsRecordsYaml(text('dnscontrol-docs.dns.yaml'), 'docs.yaml', 'dns:docs.yaml', catalog)
    const found = byType(docs.resources)
    // Five MX records and the SPF include.
    expect(found['saas:google-workspace/gmail']!.attributes!.evidence).toHaveLength(6)
    expect(found['saas:google-workspace/suite']!.attributes!.evidence).toHaveLength(6)
    expect(found['appengine.googleapis.com/Application']).toBeUndefined()
    const app = await readDnsRecordsYaml(
      'apiVersion: exitready.dev/v1\nkind: DnsRecords\nzones:\n  - domain: example.com\n    records:\n      - {name: foo, type: CNAME, value: ghs.googlehosted.com.}\n',
      'app.yaml',
      'dns:app.yaml',
      catalog,
    )
    expect(app.resources).toMatchObject([
      {
        id: 'appengine.googleapis.com/Application:dns:example.com',
        provider: 'gcp',
        attributes: {note: expect.stringContaining('Cloud Run')},
      },
    ])
  })

  it('every include of one SPF record is a service of its own; a routing record for the same service on another domain is another resource', async () => {
    const docs = await readDnsRecordsYaml(text('dnscontrol-docs.dns.yaml'), 'docs.yaml', 'dns:docs.yaml', catalog)
    expect(docs.resources.map((r) => r.type).sort()).toEqual([
      'saas:github/pages',
      'saas:google-workspace/gmail',
      'saas:google-workspace/suite',
      'saas:hubspot/crm',
      'saas:mailchimp/mailchimp',
      'saas:mailgun/email',
      'saas:twilio/sendgrid',
      'saas:zendesk/support',
    ])
    // fogcreek is no service of the table: not every include is recognised.
    expect(JSON.stringify(docs.resources)).not.toContain('fogcreek')
    expect(spfIncludes({name: 'x', type: 'TXT', data: 'v=spf1 include:a.example redirect=b.example -all', where: ''})).toEqual([
      'a.example',
      'b.example',
    ])
    expect(spfIncludes({name: 'x', type: 'TXT', data: 'google-site-verification=abc', where: ''})).toBeUndefined()
  })

  it('a real zone (dnscontrol’s simple.com): Google mail, a Google verification only, and Marketo', async () => {
    const read = await readDnsZoneFile(text('dnscontrol-simple.com.zone'), 'simple.com.zone', 'dns:simple.com.zone', catalog)
    const found = byType(read.resources)
    expect(Object.keys(found).sort()).toEqual([
      'saas:google-workspace/gmail',
      'saas:google-workspace/suite',
      'saas:marketo/engage',
    ])
    expect(found['saas:google-workspace/suite']!.attributes).toMatchObject({verifiedOnly: true})
    expect(JSON.stringify(read.resources)).not.toContain('O54a_pYHGr4EB8iLoGFgX8OTZ1DkP1KWnOLpx0YCazI')
    expect(catalog.lookup('saas:marketo/engage').matchedBy).toBe('unmapped')
    expect(read.detail).toBe(
      'BIND zone file simple.com: 19 records; 3 SaaS findings from 9 records (Gmail, Google Workspace (whole suite), Adobe Marketo Engage)',
    )
  })

  it('one resource per service and domain, with at most ten records of evidence and the count of the rest', async () => {
    const lines = ['$ORIGIN example.com.']
    for (let i = 0; i < 25; i++) lines.push(`team${i} IN CNAME team${i}.atlassian.net.`)
    lines.push('$ORIGIN example.org.', 'wiki IN CNAME acme.atlassian.net.')
    const read = await readDnsZoneFile(`${lines.join('\n')}\n`, 'db.example.com', 'dns:db.example.com', catalog)
    expect(read.resources.map((r) => r.id)).toEqual([
      'saas:atlassian/cloud:dns:example.com',
      'saas:atlassian/cloud:dns:example.org',
    ])
    expect(read.resources[0]!.attributes).toMatchObject({evidenceCount: 25})
    expect(read.resources[0]!.attributes!.evidence).toHaveLength(10)
  })
})

describe('DNS records in Terraform states and plans', () => {
  it('Route 53: names joined to the zone of the same state, MX and SRV hosts from their rdata', async () => {
    const read = terraformDnsRecords(json('driftctl-aws_route53_record.tfstate'))
    expect(read.resources).toBe(2)
    expect(read.records).toEqual([
      {name: 'elie.ski', zone: 'elie.ski', type: 'NS', data: 'ns-1295.awsdns-33.org', where: 'aws_route53_record.ns'},
      {name: 'elie.ski', zone: 'elie.ski', type: 'NS', data: 'ns-1843.awsdns-38.co.uk', where: 'aws_route53_record.ns'},
      {name: 'elie.ski', zone: 'elie.ski', type: 'NS', data: 'ns-228.awsdns-28.demo', where: 'aws_route53_record.ns'},
      {name: 'elie.ski', zone: 'elie.ski', type: 'NS', data: 'ns-873.awsdns-45.net', where: 'aws_route53_record.ns'},
    ])
    const derived = await saasFromTerraformDns(
      json('derived-route53-microsoft-365.tfstate'),
      'terraform-state:prod.tfstate',
      catalog,
    )
    expect(derived.resources.map((r) => [r.id, r.source])).toEqual([
      ['saas:microsoft-365/exchange-online:dns:contoso.com', 'dns:prod.tfstate'],
      ['saas:microsoft-365/teams:dns:contoso.com', 'dns:prod.tfstate'],
    ])
    expect(derived.warnings).toEqual([
      'DNS: 5 record resources read; 2 SaaS findings from 4 records (Exchange Online, Microsoft Teams).',
    ])
  })

  it('Azure DNS record blocks: MX exchanges, SRV targets, TXT values and a CNAME’s record, in their zone', () => {
    const records = (name: string) => terraformDnsRecords(json(name)).records.map((r) => [r.name, r.type, r.data])
    expect(records('driftctl-azurerm_private_dns_mx_record.tfstate')).toEqual([
      ['othertestmx.thisisatestusingtf.com', 'MX', 'backupmx.thisisatestusingtf.com'],
      ['othertestmx.thisisatestusingtf.com', 'MX', 'mx.thisisatestusingtf.com'],
      ['testmx.thisisatestusingtf.com', 'MX', 'bkpmx.thisisatestusingtf.com'],
    ])
    expect(records('driftctl-azurerm_private_dns_srv_record.tfstate').map((r) => r[2])).toEqual([
      'srv2.thisisatestusingtf.com',
      'srv1.thisisatestusingtf.com',
      'srv3.thisisatestusingtf.com',
    ])
    expect(records('driftctl-azurerm_private_dns_txt_record.tfstate')).toEqual([
      ['othertesttxt.thisisatestusingtf.com', 'TXT', 'this is value line 1'],
      ['othertesttxt.thisisatestusingtf.com', 'TXT', 'this is value line 2'],
      ['testtxt.thisisatestusingtf.com', 'TXT', 'this is value line 3'],
    ])
    expect(records('driftctl-azurerm_private_dns_cname_record.tfstate')).toEqual([
      ['othertest.thisisatestusingtf.com', 'CNAME', 'othertest.com'],
      ['test.thisisatestusingtf.com', 'CNAME', 'test.com'],
    ])
  })

  it('plans and `show -json`: Cloud DNS rrdatas with quoted TXT, Cloudflare, Hetzner DNS, OVHcloud, Scaleway and DigitalOcean', () => {
    // Attribute names as each provider's documentation gives them (see docs/import.md); no recorded state was found.
    const resource = (type: string, values: Record<string, unknown>, address = `${type}.r`) => ({
      address,
      mode: 'managed',
      type,
      values,
    })
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            resource('google_dns_managed_zone', {name: 'main', dns_name: 'example.com.'}),
            resource('google_dns_record_set', {
              name: 'example.com.',
              type: 'TXT',
              managed_zone: 'main',
              rrdatas: ['"v=spf1 include:_spf.google.com" " ~all"'],
            }),
            resource('cloudflare_zone', {id: 'z1', zone: 'example.net'}),
            resource('cloudflare_record', {zone_id: 'z1', name: 'help', type: 'CNAME', content: 'acme.zendesk.com'}),
          ],
          child_modules: [
            {
              resources: [
                resource('hetznerdns_zone', {id: 'h1', name: 'example.de'}),
                resource('hetznerdns_record', {zone_id: 'h1', name: '@', type: 'MX', value: '10 mail.protonmail.ch.'}),
                resource('ovh_domain_zone_record', {
                  zone: 'example.fr',
                  subdomain: '',
                  fieldtype: 'TXT',
                  target: '"docusign=0b3b…"',
                }),
                resource('scaleway_domain_record', {
                  dns_zone: 'example.eu',
                  name: '',
                  type: 'MX',
                  data: 'aspmx.l.google.com.',
                  priority: 1,
                }),
                resource('digitalocean_record', {domain: 'example.io', name: 'blog', type: 'CNAME', value: 'acme.github.io.'}),
              ],
            },
          ],
        },
      },
    }
    expect(terraformDnsRecords(plan).records.map((r) => [r.name, r.type, r.data])).toEqual([
      ['example.com', 'TXT', 'v=spf1 include:_spf.google.com ~all'],
      ['help.example.net', 'CNAME', 'acme.zendesk.com'],
      ['example.de', 'MX', 'mail.protonmail.ch'],
      ['example.fr', 'TXT', 'docusign=0b3b…'],
      ['example.eu', 'MX', 'aspmx.l.google.com'],
      ['blog.example.io', 'CNAME', 'acme.github.io'],
    ])
  })
})

describe('the DnsRecords file', () => {
  it('is validated with file:line:column errors', async () => {
    const error = await failure(() =>
      readDnsRecordsYaml(
        'apiVersion: exitready.dev/v1\nkind: DnsRecords\nzones:\n  - domain: example.com\n    records:\n      - {name: "@", type: "M X", value: x}\n',
        'records.yaml',
        'dns:records.yaml',
        catalog,
      ),
    )
    expect(error.message).toMatch(/^records\.yaml:6:\d+: zones\[0\]\.records\[0\]\.type: a record type such as MX/)
  })
})
