/**
 * DNS records kept by hand or exported from a DNS host's console, as YAML (`kind: DnsRecords`): one
 * entry per zone, each record as name, type and value (the value as a zone file writes it).
 */
import {z} from 'zod'
import {parseYaml} from '../../util/yaml.js'
import {absoluteName, type DnsRecord, HOST_FIELD, normaliseHost, textStrings} from './records.js'

export const DnsRecordEntrySchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .describe('Owner name relative to the zone (`@`, `www`, `selector1._domainkey`) or absolute (ending in a dot).'),
  type: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,9}$/, 'a record type such as MX, CNAME, TXT or SRV')
    .transform((type) => type.toUpperCase()),
  value: z
    .string()
    .describe(
      'The record data: `10 mail.example.com` (MX), `100 1 443 sip.example.com` (SRV), a host (CNAME), the text of a TXT. Hosts are absolute, the final dot optional.',
    ),
  ttl: z.number().int().nonnegative().optional(),
})

export const DnsZoneSchema = z.strictObject({
  domain: z
    .string()
    .regex(
      /^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/i,
      'a domain name such as example.com',
    )
    .describe('The zone, e.g. example.com.'),
  records: z.array(DnsRecordEntrySchema),
})

/** The `dns` list that a manual inventory could carry too (see docs/import.md). */
export const DnsZonesSchema = z.array(DnsZoneSchema).describe('DNS zones and their records, for SaaS found from DNS.')

export const DnsRecordsFileSchema = z
  .strictObject({
    apiVersion: z.literal('exitready.dev/v1'),
    kind: z.literal('DnsRecords'),
    metadata: z
      .strictObject({
        name: z.string().min(1).optional(),
        source: z.string().min(1).optional().describe('Where the records came from (a DNS host’s export, a zone transfer …).'),
      })
      .optional(),
    zones: DnsZonesSchema,
  })
  .describe('DNS records, for SaaS found from DNS.')

export const looksLikeDnsRecordsYaml = (text: string) =>
  /^kind:[ \t]*["']?DnsRecords["']?[ \t]*$/m.test(text) && /^apiVersion:[ \t]*["']?exitready\.dev\//m.test(text)

/** Records of parsed zones (a DnsRecords file, or a manual inventory's `dns` list). */
export function recordsOfZones(zones: z.infer<typeof DnsZonesSchema>, file: string): DnsRecord[] {
  const records: DnsRecord[] = []
  zones.forEach((entry, z) => {
    const zone = normaliseHost(entry.domain)
    entry.records.forEach((record, r) => {
      const where = `${file}: zones[${z}].records[${r}]`
      const name = absoluteName(record.name, zone)
      const field = HOST_FIELD[record.type]
      if (record.type === 'TXT' || record.type === 'SPF') {
        const strings = textStrings(record.value)
        records.push({name, zone, type: 'TXT', data: strings.join(''), strings, where})
      } else if (field !== undefined) {
        const parts = record.value.trim().split(/\s+/)
        // The host alone is accepted too (`mail.example.com.` for an MX).
        const host = parts.length > field ? parts[field]! : parts.at(-1)!
        // Hosts are absolute, as DNS hosts' consoles write them (the final dot is optional); one without a dot is in the zone.
        if (host)
          records.push({
            name,
            zone,
            type: record.type,
            data: host.includes('.') ? normaliseHost(host) : absoluteName(host, zone),
            where,
          })
      }
    })
  })
  return records
}

export function readDnsRecordsFile(text: string, file: string): {records: DnsRecord[]; zones: number; count: number} {
  const parsed = parseYaml({file, text}, DnsRecordsFileSchema)
  return {
    records: recordsOfZones(parsed.zones, file),
    zones: parsed.zones.length,
    count: parsed.zones.reduce((sum, zone) => sum + zone.records.length, 0),
  }
}
