/**
 * What DNS records reveal: MX hosts, SPF includes, DKIM selectors, SRV records, CNAMEs to SaaS hosts
 * and domain-verification TXT records, matched against catalog/dns/saas-dns.yaml. Each service found
 * becomes one resource per domain, with the records that showed it as evidence (name, type and the
 * matching part of the value; of a verification token only its prefix).
 */
import {join} from 'node:path'
import type {Catalog} from '../../catalog/catalog.js'
import {BUILTIN_CATALOG_DIR} from '../../catalog/load.js'
import {type DnsSignal, type SaasDnsTable, SaasDnsTableSchema} from '../../catalog/saas-dns-schema.js'
import type {ResourceInput} from '../../inventory/model.js'
import {compileGlob, type GlobMatcher} from '../../util/glob.js'
import {loadYamlFile} from '../../util/yaml.js'
import type {DnsRecord} from './records.js'

export const SAAS_DNS_TABLE = join(BUILTIN_CATALOG_DIR, 'dns', 'saas-dns.yaml')

interface CompiledSignal {
  type: string
  title?: string
  note?: string
  signal: DnsSignal
  /** Each alternative of `name`, as labels to match from the left of the owner. */
  names?: {glob: GlobMatcher; labels: number}[]
  value?: GlobMatcher
  prefix?: string
}

export interface Recogniser {
  byRecord: Map<string, CompiledSignal[]>
  table: SaasDnsTable
}

export function compileTable(table: SaasDnsTable): Recogniser {
  const byRecord = new Map<string, CompiledSignal[]>()
  for (const [type, entry] of Object.entries(table.services))
    for (const signal of entry.signals) {
      const names = signal.name === undefined ? undefined : Array.isArray(signal.name) ? signal.name : [signal.name]
      const record = signal.record === 'SPF' ? 'TXT' : signal.record
      const compiled: CompiledSignal = {
        type,
        title: entry.title,
        note: entry.note,
        signal,
        names: names?.map((name) => ({glob: compileGlob(name, true), labels: name.split('.').length})),
        value: signal.target ? compileGlob(signal.target, true) : signal.include ? compileGlob(signal.include, true) : undefined,
        prefix: signal.prefix?.toLowerCase(),
      }
      const list = byRecord.get(record) ?? []
      list.push(compiled)
      byRecord.set(record, list)
    }
  return {byRecord, table}
}

let builtin: Promise<Recogniser> | undefined

/** The built-in table, read once. */
export function builtinRecogniser(): Promise<Recogniser> {
  builtin ??= loadYamlFile(SAAS_DNS_TABLE, SaasDnsTableSchema).then(compileTable)
  builtin.catch(() => {
    builtin = undefined
  })
  return builtin
}

/** Domains named by `include:` and `redirect=` of an SPF record; undefined when the text is not one. */
export function spfIncludes(record: DnsRecord): string[] | undefined {
  const candidates = [record.data, ...(record.strings && record.strings.length > 1 ? [record.strings.join(' ')] : [])]
  const spf = candidates.find((text) => /^v=spf1(\s|$)/i.test(text.trim()))
  if (spf === undefined) return undefined
  const out: string[] = []
  for (const term of spf.trim().split(/\s+/).slice(1, 200)) {
    const match = /^[+?~-]?include:(.+)$/i.exec(term) ?? /^redirect=(.+)$/i.exec(term)
    if (match) out.push(match[1]!.toLowerCase().replace(/\.$/, ''))
  }
  return out
}

interface Match {
  compiled: CompiledSignal
  domain: string
  evidence: Evidence
}

export interface Evidence {
  name: string
  type: string
  value: string
  kind: 'routing' | 'verification'
  where: string
}

/** The owner's leading labels that `name` must match, and the domain left when they are taken off. */
function ownerParts(record: DnsRecord, labels: number): {leading: string; domain: string} | undefined {
  const all = record.name.split('.')
  if (all.length <= labels) return undefined
  return {leading: all.slice(0, labels).join('.'), domain: all.slice(labels).join('.')}
}

/** The domain a record without a name condition belongs to: the zone when known, else the owner (MX, TXT) or its parent. */
function defaultDomain(record: DnsRecord): string {
  if (record.zone && (record.type === 'CNAME' || record.type === 'SRV')) return record.zone
  if (record.type === 'CNAME' || record.type === 'SRV') {
    const labels = record.name.split('.')
    return labels.length > 2 ? labels.slice(1).join('.') : record.name
  }
  return record.name
}

function matchRecord(record: DnsRecord, recogniser: Recogniser): Match[] {
  const signals = recogniser.byRecord.get(record.type)
  if (!signals) return []
  const includes = record.type === 'TXT' ? spfIncludes(record) : undefined
  const found: {match: Match; specific: boolean; part: string}[] = []
  for (const compiled of signals) {
    const {signal} = compiled
    let domain = defaultDomain(record)
    if (compiled.names) {
      const hit = compiled.names
        .map(({glob, labels}) => ({glob, parts: ownerParts(record, labels)}))
        .find(({glob, parts}) => parts && glob.test(parts.leading))
      if (!hit?.parts) continue
      domain = hit.parts.domain
    }
    const kind = signal.kind
    if (signal.record === 'SPF') {
      for (const include of includes ?? [])
        if (compiled.value!.test(include))
          found.push({
            match: {
              compiled,
              domain,
              evidence: {name: record.name, type: 'TXT', value: `include:${include}`, kind, where: record.where},
            },
            specific: !!compiled.names,
            part: `spf:${include}`,
          })
      continue
    }
    if (signal.record === 'TXT') {
      if (includes !== undefined && compiled.prefix === '') continue
      if (!record.data.toLowerCase().startsWith(compiled.prefix!)) continue
      // A verification token is not a secret, but it is not evidence either: only the prefix is kept.
      found.push({
        match: {
          compiled,
          domain,
          evidence: {name: record.name, type: 'TXT', value: `${signal.prefix}…`, kind, where: record.where},
        },
        specific: !!compiled.names,
        part: 'txt',
      })
      continue
    }
    if (!compiled.value!.test(record.data)) continue
    found.push({
      match: {compiled, domain, evidence: {name: record.name, type: record.type, value: record.data, kind, where: record.where}},
      specific: !!compiled.names,
      part: 'host',
    })
  }
  // For one part of a record, a signal that names the owner wins over one that does not.
  const out: Match[] = []
  const parts = new Set(found.map((f) => f.part))
  for (const part of parts) {
    const forPart = found.filter((f) => f.part === part)
    const specific = forPart.some((f) => f.specific)
    for (const f of forPart) if (f.specific === specific) out.push(f.match)
  }
  return out
}

/** At most this many records are kept as evidence for one service on one domain; the rest are counted. */
export const MAX_EVIDENCE = 10

const providerOf = (type: string) => (type.startsWith('saas:') ? 'saas' : type.startsWith('AWS::') ? 'aws' : 'gcp')

export interface Recognised {
  resources: ResourceInput[]
  /** Records that matched a signal. */
  matched: number
}

/** One resource per service and domain, from the records that reveal it. */
export function recognise(records: Iterable<DnsRecord>, recogniser: Recogniser, catalog: Catalog, source: string): Recognised {
  const found = new Map<
    string,
    {type: string; domain: string; compiled: CompiledSignal; evidence: Evidence[]; count: number; routing: boolean}
  >()
  let matched = 0
  for (const record of records) {
    const matches = matchRecord(record, recogniser)
    if (matches.length > 0) matched++
    for (const {compiled, domain, evidence} of matches) {
      const key = `${compiled.type}\u0000${domain}`
      let entry = found.get(key)
      if (!entry) {
        entry = {type: compiled.type, domain, compiled, evidence: [], count: 0, routing: false}
        found.set(key, entry)
      }
      const same = entry.evidence.some((e) => e.name === evidence.name && e.type === evidence.type && e.value === evidence.value)
      if (same) continue
      entry.count++
      if (evidence.kind === 'routing') entry.routing = true
      if (entry.evidence.length < MAX_EVIDENCE) entry.evidence.push(evidence)
    }
  }
  const resources: ResourceInput[] = []
  for (const {type, domain, compiled, evidence, count, routing} of found.values()) {
    const title = catalog.lookup(type).title ?? compiled.title ?? type
    const attributes: Record<string, unknown> = {domain, evidence}
    if (count > evidence.length) attributes.evidenceCount = count
    if (!routing) attributes.verifiedOnly = true
    if (compiled.note) attributes.note = compiled.note
    resources.push({
      id: `${type}:dns:${domain}`,
      provider: providerOf(type),
      type,
      name: `${title} (${domain})`,
      tags: {},
      attributes,
      source,
    })
  }
  return {resources, matched}
}
