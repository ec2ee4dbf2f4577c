/**
 * SaaS found from DNS. The records come from BIND zone files, from `kind: DnsRecords` YAML, and from
 * the DNS resources of Terraform states and plans; what they reveal (mail, SPF senders, DKIM, Teams,
 * CNAMEs to SaaS hosts, domain verifications) becomes one `saas` resource per service and domain,
 * with its evidence. The recognition table is catalog/dns/saas-dns.yaml.
 */
import {dirname, isAbsolute, resolve} from 'node:path'
import type {Catalog} from '../catalog/catalog.js'
import {InputError} from '../errors.js'
import {builtinRecogniser, type Recogniser, recognise} from './dns/recognise.js'
import type {DnsRecord} from './dns/records.js'
import {looksLikeDnsRecordsYaml, readDnsRecordsFile, recordsOfZones} from './dns/records-file.js'
import {terraformDnsRecords} from './dns/terraform.js'
import {readZone} from './dns/zone.js'
import {readImportText, STDIN} from './read.js'
import type {ExportRead} from './types.js'

export {looksLikeDnsRecordsYaml} from './dns/records-file.js'

const RR_LINE =
  /^(?:\S+)?(?:[ \t]+\d+[wdhms\d]*)?(?:[ \t]+IN)?(?:[ \t]+\d+[wdhms\d]*)?[ \t]+(?:MX|CNAME|TXT|NS|SRV|SOA|A|AAAA|PTR|CAA)[ \t]+\S/gim

/** A zone file: a `$ORIGIN`, `$TTL` or `$INCLUDE` directive, or at least two lines shaped like resource records. */
export function looksLikeZoneFile(text: string): boolean {
  if (/^\$(ORIGIN|TTL|INCLUDE)[ \t]/im.test(text)) return true
  const head = text.slice(0, 64 * 1024)
  let lines = 0
  RR_LINE.lastIndex = 0
  while (RR_LINE.exec(head) && ++lines < 2);
  return lines >= 2
}

export interface DnsRead extends ExportRead {
  detail: string
}

function summary(found: ReturnType<typeof recognise>, catalog: Catalog): string {
  if (found.resources.length === 0) return 'no SaaS recognised'
  const services = [
    ...new Set(found.resources.map((r) => catalog.lookup(r.type).title ?? String(r.name).replace(/ \(.*\)$/, ''))),
  ]
  const shown = services.slice(0, 6).join(', ')
  return `${found.resources.length} SaaS finding${found.resources.length === 1 ? '' : 's'} from ${found.matched} record${found.matched === 1 ? '' : 's'} (${shown}${services.length > 6 ? ` and ${services.length - 6} more` : ''})`
}

function finish(
  records: DnsRecord[],
  recogniser: Recogniser,
  catalog: Catalog,
  source: string,
  detail: string,
  warnings: string[],
): DnsRead {
  const found = recognise(records, recogniser, catalog, source)
  return {resources: found.resources, warnings, detail: `${detail}; ${summary(found, catalog)}`, skipped: {}}
}

/** Reads an `$INCLUDE`d file next to the including one; undefined when it is not there or not readable. */
async function readNextTo(path: string, from: string): Promise<string | undefined> {
  const base = from === STDIN || from === 'stdin' ? process.cwd() : dirname(from.replace(/ \(included at line \d+\)$/, ''))
  try {
    return await readImportText(isAbsolute(path) ? path : resolve(base, path))
  } catch (error) {
    if (error instanceof InputError) return undefined
    throw error
  }
}

/** A BIND zone file. */
export async function readDnsZoneFile(
  text: string,
  file: string,
  source: string,
  catalog: Catalog,
  options: {origin?: string; readInclude?: (path: string, from: string) => Promise<string | undefined>} = {},
): Promise<DnsRead> {
  const zone = await readZone(text, file, {origin: options.origin, readInclude: options.readInclude ?? readNextTo})
  const detail = `BIND zone file${zone.apex ? ` ${zone.apex}` : ''}: ${zone.count} records`
  return finish(zone.records, await builtinRecogniser(), catalog, source, detail, zone.warnings)
}

/** A `kind: DnsRecords` YAML file. */
export async function readDnsRecordsYaml(text: string, file: string, source: string, catalog: Catalog): Promise<DnsRead> {
  const read = readDnsRecordsFile(text, file)
  const detail = `DNS records: ${read.count} records in ${read.zones} zone${read.zones === 1 ? '' : 's'}`
  return finish(read.records, await builtinRecogniser(), catalog, source, detail, [])
}

/** SaaS revealed by the `dns` section of a manual inventory, as resources of that inventory's source. */
export async function saasFromInventoryDns(
  zones: Parameters<typeof recordsOfZones>[0],
  file: string,
  source: string,
  catalog: Catalog,
): Promise<TerraformDnsFindings> {
  const records = recordsOfZones(zones, file)
  const found = recognise(records, await builtinRecogniser(), catalog, source)
  const warnings = found.resources.length > 0 ? [`DNS: ${records.length} records read; ${summary(found, catalog)}.`] : []
  return {resources: found.resources, warnings}
}

export interface TerraformDnsFindings {
  resources: ExportRead['resources']
  /** A note for the file's summary, when its DNS records reveal SaaS. */
  warnings: string[]
}

/**
 * SaaS revealed by the DNS records a Terraform state or plan manages, for the Terraform importer's
 * file: `source` is that file's (`terraform-state:prod.tfstate`); the findings are `dns:prod.tfstate`.
 */
export async function saasFromTerraformDns(data: unknown, source: string, catalog: Catalog): Promise<TerraformDnsFindings> {
  const read = terraformDnsRecords(data)
  if (read.resources === 0) return {resources: [], warnings: []}
  const dnsSource = `dns:${source.slice(source.indexOf(':') + 1)}`
  const found = recognise(read.records, await builtinRecogniser(), catalog, dnsSource)
  // Said only when something was found: most states with DNS records have no SaaS in them.
  const warnings = found.resources.length > 0 ? [`DNS: ${read.resources} record resources read; ${summary(found, catalog)}.`] : []
  return {resources: found.resources, warnings}
}

/** A DNS file for `exitready import`: a `kind: DnsRecords` YAML, else a zone file. */
export function readDnsFile(text: string, file: string, source: string, catalog: Catalog): Promise<DnsRead> {
  return looksLikeDnsRecordsYaml(text)
    ? readDnsRecordsYaml(text, file, source, catalog)
    : readDnsZoneFile(text, file, source, catalog)
}
