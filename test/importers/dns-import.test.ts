import {describe, expect, it} from 'vitest'
import {importFilesDetailed} from '../../src/importers/index.js'
import {fixture} from './helpers.js'

const dns = (name: string) => fixture(`real/dns/${name}`)

describe('exitready import of DNS sources', () => {
  it('a zone file and a DnsRecords file are detected; the summary names what was found', async () => {
    const {files, snapshot} = await importFilesDetailed([dns('dnscontrol-simple.com.zone'), dns('microsoft-365-docs.dns.yaml')])
    expect(files.map((f) => [f.format, f.resources, f.byProvider])).toEqual([
      ['dns', 3, {saas: 3}],
      ['dns', 5, {saas: 5}],
    ])
    expect(files[1]!.detail).toContain('5 SaaS findings from 12 records (Microsoft 365 (whole suite), Exchange Online')
    // Types the catalog lacks are kept and listed as unmapped, never dropped.
    expect(files[0]!.unmapped).toEqual({'saas:marketo/engage': 1})
    expect(snapshot.resources.every((r) => r.source.startsWith('dns:'))).toBe(true)
  })

  it('a Terraform state’s DNS records add their SaaS to the state’s own resources, as dns:<file>', async () => {
    const {files, snapshot} = await importFilesDetailed([dns('derived-route53-microsoft-365.tfstate')])
    expect(files[0]!.format).toBe('terraform-state')
    expect(files[0]!.warnings).toContain(
      'DNS: 5 record resources read; 2 SaaS findings from 4 records (Exchange Online, Microsoft Teams).',
    )
    const sources = snapshot.resources.map((r) => `${r.source} ${r.type}`)
    expect(sources).toContain('dns:derived-route53-microsoft-365.tfstate saas:microsoft-365/exchange-online')
    expect(sources).toContain('dns:derived-route53-microsoft-365.tfstate saas:microsoft-365/teams')
    // The records themselves stay what the Terraform importer makes of them.
    expect(sources.filter((s) => s.startsWith('terraform-state:')).length).toBeGreaterThan(0)
    // A state whose records reveal nothing says nothing about DNS.
    const plain = await importFilesDetailed([dns('driftctl-aws_route53_record.tfstate')])
    expect(plain.files[0]!.warnings.filter((w) => w.startsWith('DNS'))).toEqual([])
  })
})
