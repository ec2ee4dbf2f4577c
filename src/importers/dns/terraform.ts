/**
 * DNS records that Terraform manages, read from a state (version 4) or `terraform show -json` of a
 * state or a plan: Route 53, Azure DNS (public and private), Cloud DNS, Cloudflare (provider 4 and
 * 5), Hetzner DNS, OVHcloud, Scaleway and DigitalOcean. Zones named by id are joined to the zone
 * resources of the same file for their name. Only the record attributes are read here; the
 * Terraform importer reads the same file for the estate's resources.
 */
import {isJson, type Json, text} from '../kubernetes/objects.js'
import {absoluteName, type DnsRecord, HOST_FIELD, isTextType, normaliseHost, textStrings} from './records.js'

interface Instance {
  type: string
  address: string
  values: Json
}

/** Managed resource instances of a state or a `show -json` document, with their attributes. */
function* instances(data: unknown): Generator<Instance> {
  if (!isJson(data)) return
  if (Array.isArray(data.resources) && typeof data.version === 'number') {
    for (const resource of data.resources) {
      if (!isJson(resource) || resource.mode !== 'managed' || typeof resource.type !== 'string') continue
      const base = `${typeof resource.module === 'string' ? `${resource.module}.` : ''}${resource.type}.${String(resource.name)}`
      for (const instance of Array.isArray(resource.instances) ? resource.instances : []) {
        if (!isJson(instance) || !isJson(instance.attributes)) continue
        const key = instance.index_key
        const suffix = typeof key === 'number' ? `[${key}]` : typeof key === 'string' ? `["${key}"]` : ''
        yield {type: resource.type, address: base + suffix, values: instance.attributes}
      }
    }
    return
  }
  // A plan's planned values are what will exist; a state's values are what exists.
  const root = isJson(data.planned_values)
    ? data.planned_values.root_module
    : isJson(data.values)
      ? data.values.root_module
      : undefined
  const stack: unknown[] = [root]
  let modules = 0
  while (stack.length > 0 && modules++ < 100_000) {
    const module = stack.pop()
    if (!isJson(module)) continue
    for (const resource of Array.isArray(module.resources) ? module.resources : [])
      if (isJson(resource) && resource.mode === 'managed' && typeof resource.type === 'string' && isJson(resource.values))
        yield {type: resource.type, address: String(resource.address ?? resource.type), values: resource.values}
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) stack.push(child)
  }
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : isJson(value) ? [value] : [])

/** Record type → the host or text of each value written as a whole rdata (`10 mx.example.com.`). */
function fromRdata(type: string, rdata: string): string | undefined {
  const field = HOST_FIELD[type]
  if (field === undefined) return undefined
  return rdata.trim().split(/\s+/)[field]
}

interface Raw {
  name: string
  zone?: string
  zoneRef?: string
  type: string
  /** Hosts (MX, CNAME, SRV, NS …) or whole TXT values. */
  values: string[]
}

const AZURE_RECORD = /^azurerm_(?:private_)?dns_(a|aaaa|caa|cname|mx|ns|ptr|srv|txt)_record$/

/** What a record resource says, per provider; undefined for resources that are not DNS records. */
function rawRecord(type: string, v: Json): Raw | undefined {
  const azure = AZURE_RECORD.exec(type)
  if (azure) {
    const recordType = azure[1]!.toUpperCase()
    const records = list(v.record)
    const values =
      recordType === 'CNAME'
        ? strings(v.record)
        : recordType === 'MX'
          ? records.map((r) => text(r.exchange)).filter((h): h is string => !!h)
          : recordType === 'SRV'
            ? records.map((r) => text(r.target)).filter((h): h is string => !!h)
            : recordType === 'TXT'
              ? records.map((r) => text(r.value)).filter((h): h is string => h !== undefined)
              : strings(v.records)
    return {name: text(v.name) ?? '@', zone: text(v.zone_name), type: recordType, values}
  }
  switch (type) {
    case 'aws_route53_record': {
      const recordType = text(v.type)?.toUpperCase()
      if (!recordType) return undefined
      const rdata = strings(v.records)
      return {
        name: text(v.fqdn) ?? text(v.name) ?? '@',
        zoneRef: text(v.zone_id),
        type: recordType,
        values: HOST_FIELD[recordType] === undefined ? rdata : rdata.map((r) => fromRdata(recordType, r) ?? ''),
      }
    }
    case 'google_dns_record_set': {
      const recordType = text(v.type)?.toUpperCase()
      if (!recordType) return undefined
      const rdata = strings(v.rrdatas)
      return {
        name: text(v.name) ?? '@',
        zoneRef: text(v.managed_zone),
        type: recordType,
        values: HOST_FIELD[recordType] === undefined ? rdata : rdata.map((r) => fromRdata(recordType, r) ?? ''),
      }
    }
    case 'cloudflare_record':
    case 'cloudflare_dns_record': {
      const recordType = text(v.type)?.toUpperCase()
      if (!recordType) return undefined
      // Provider 4 writes `value` (and `content`); 5 writes `content`; SRV targets are in `data`.
      const content = text(v.content) ?? text(v.value)
      const srvTarget = list(v.data).map((d) => text(d.target))[0]
      const value = recordType === 'SRV' ? (srvTarget ?? content?.trim().split(/\s+/).at(-1)) : content
      return {
        name: text(v.hostname) ?? text(v.name) ?? '@',
        zoneRef: text(v.zone_id),
        type: recordType,
        values: value ? [value] : [],
      }
    }
    case 'hetznerdns_record':
      return rdataRecord(text(v.name), text(v.zone_id), undefined, text(v.type), text(v.value))
    case 'hcloud_zone_rrset': {
      // Unconfirmed shape (hcloud provider's DNS, 2025): zone, name, type, records[].value.
      const recordType = text(v.type)?.toUpperCase()
      if (!recordType) return undefined
      const values = list(v.records)
        .map((r) => text(r.value))
        .filter((r): r is string => !!r)
        .map((r) => (HOST_FIELD[recordType] === undefined ? r : (fromRdata(recordType, r) ?? '')))
      return {name: text(v.name) ?? '@', zoneRef: text(v.zone), type: recordType, values}
    }
    case 'hcloud_zone_record':
      // Unconfirmed shape (hcloud provider's DNS, 2025): zone, name, type, value.
      return rdataRecord(text(v.name), text(v.zone), undefined, text(v.type), text(v.value))
    case 'ovh_domain_zone_record':
      return rdataRecord(text(v.subdomain), undefined, text(v.zone), text(v.fieldtype), text(v.target))
    case 'scaleway_domain_record': {
      const recordType = text(v.type)?.toUpperCase()
      const data = text(v.data)
      if (!recordType || data === undefined) return undefined
      return {name: text(v.name) || '@', zone: text(v.dns_zone), type: recordType, values: [hostOrText(recordType, data)]}
    }
    case 'digitalocean_record': {
      const recordType = text(v.type)?.toUpperCase()
      const value = text(v.value)
      if (!recordType || value === undefined) return undefined
      return {name: text(v.name) ?? '@', zone: text(v.domain), type: recordType, values: [hostOrText(recordType, value)]}
    }
    default:
      return undefined
  }
}

/** A value that is the host alone (MX and SRV keep their other fields in other attributes). */
const hostOrText = (type: string, value: string) => (HOST_FIELD[type] === undefined ? value : value.trim().split(/\s+/).at(-1)!)

/** Providers that write the whole rdata in one value (`10 mx.example.com.`). */
function rdataRecord(
  name: string | undefined,
  zoneRef: string | undefined,
  zone: string | undefined,
  type: string | undefined,
  value: string | undefined,
): Raw | undefined {
  const recordType = type?.toUpperCase()
  if (!recordType || value === undefined) return undefined
  const host = HOST_FIELD[recordType] === undefined ? value : fromRdata(recordType, value)
  return {name: name || '@', zone, zoneRef, type: recordType, values: host ? [host] : []}
}

/** Zone resources: id (or resource name) → the zone's DNS name. */
function zoneName(type: string, v: Json): [string, string][] {
  const pairs: [string | undefined, string | undefined][] = []
  if (type === 'aws_route53_zone') pairs.push([text(v.zone_id), text(v.name)], [text(v.id), text(v.name)])
  else if (type === 'google_dns_managed_zone') pairs.push([text(v.name), text(v.dns_name)])
  else if (type === 'cloudflare_zone') pairs.push([text(v.id), text(v.zone) ?? text(v.name)])
  else if (type === 'hetznerdns_zone' || type === 'hcloud_zone')
    pairs.push([text(v.id), text(v.name)], [text(v.name), text(v.name)])
  return pairs.filter((p): p is [string, string] => !!p[0] && !!p[1]).map(([id, name]) => [id, normaliseHost(name)])
}

export interface TerraformDnsRead {
  records: DnsRecord[]
  /** Record resources read (each may hold several values). */
  resources: number
}

/** The DNS records of a Terraform state or `show -json` document. */
export function terraformDnsRecords(data: unknown): TerraformDnsRead {
  const zones = new Map<string, string>()
  const raws: {raw: Raw; address: string}[] = []
  for (const {type, address, values} of instances(data)) {
    for (const [id, name] of zoneName(type, values)) zones.set(id, name)
    const raw = rawRecord(type, values)
    if (raw) raws.push({raw, address})
  }
  const records: DnsRecord[] = []
  for (const {raw, address} of raws) {
    const zone = raw.zone ? normaliseHost(raw.zone) : raw.zoneRef ? zones.get(raw.zoneRef) : undefined
    const name = absoluteName(raw.name, zone)
    for (const value of raw.values) {
      if (isTextType(raw.type)) {
        const parts = textStrings(value)
        records.push({name, zone, type: 'TXT', data: parts.join(''), strings: parts, where: address})
      } else if (HOST_FIELD[raw.type] !== undefined && value) {
        records.push({name, zone, type: raw.type, data: normaliseHost(value), where: address})
      }
    }
  }
  return {records, resources: raws.length}
}
