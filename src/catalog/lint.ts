/**
 * `exitready catalog lint`: the checks that keep the catalog true, each a rule over the data that
 * names file, line and column. The built-in catalog passes them all (a test holds it).
 */
import {readdir, readFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {type Document, isMap, isNode, isScalar, LineCounter, parseDocument} from 'yaml'
import {ExitreadyError} from '../errors.js'
import {Catalog, type CatalogData, normaliseKey} from './catalog.js'
import {BUILTIN_CATALOG_DIR, readCatalogData} from './load.js'
import {namespaceOf} from './namespace.js'
import type {EuropeanOffer, OfferProvenance, Portability, ProviderInfo, RefineRule} from './schema.js'

export const LINT_RULES = [
  'schema',
  'provenance',
  'stale',
  'self-run',
  'protocol',
  'consistency',
  'reachability',
  'refine-noop',
  'refine-shadowed',
  'unknown-attribute',
  'resolve',
  'speaks',
  'lifecycle',
  'jurisdiction',
] as const
export type LintRule = (typeof LINT_RULES)[number]

export interface LintProblem {
  file: string
  line: number
  column: number
  rule: LintRule
  message: string
}

export interface LintOptions {
  /** The catalog folder (default: the built-in one). */
  dir?: string
  /** Today, for the age of `verifiedOn`; injected by tests. */
  now?: Date
  /** Attribute keys each provider's collectors and importers produce; default PRODUCED_ATTRIBUTES. */
  produced?: Readonly<Record<string, readonly string[]>>
}

/** A European offer's `verifiedOn` may be at most this many months old. */
export const MAX_PROVENANCE_AGE_MONTHS = 12

/**
 * The attribute keys that real data carries, per provider, as the collectors and importers declare
 * them (`attributes: compact({…})`, `put('…')`, KEPT_ATTRIBUTES). A refine rule on any other key can
 * never fire. test/catalog/refine-reachability.test.ts checks each key against the code.
 */
export const PRODUCED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws: [
    'arnType',
    'engine',
    'engineType',
    'engineVersion',
    'fileSystemType',
    'packageType',
    'platform',
    'platformDetails',
    'privateZone',
  ],
  azure: [
    'capabilities',
    'imageOffer',
    'imagePublisher',
    'isHnsEnabled',
    'kafkaEnabled',
    'kind',
    'kubernetesVersion',
    'mongoServerVersion',
    'osType',
    'redisVersion',
    'resourceGroup',
    'sku',
    'skuTier',
    'version',
    'vmSize',
    'zones',
  ],
  gcp: [
    'currentMasterVersion',
    'databaseVersion',
    'format',
    'machineType',
    'projectId',
    'redisVersion',
    'runtime',
    'storageClass',
    'tier',
  ],
  hetzner: ['algorithm', 'architecture', 'format', 'image', 'ipType', 'osFlavor', 'type'],
  scaleway: [
    'arch',
    'cni',
    'engine',
    'ha',
    'image',
    'kind',
    'nodeType',
    'privacy',
    'protocol',
    'runtime',
    'type',
    'version',
    'volumeType',
  ],
  ovhcloud: ['api', 'containerType', 'engine', 'flavor', 'kind', 'os', 'plan', 'planCode', 'range', 'version', 'volumeType'],
  ionos: ['cpuFamily', 'edition', 'engine', 'image', 'licenceType', 'storageType', 'type', 'version', 'volumeType'],
  stackit: ['engine', 'engineVersion', 'flavor', 'machineType', 'performanceClass', 'plan', 'storageClass', 'version'],
  exoscale: ['family', 'instanceType', 'plan', 'size', 'template', 'type', 'version'],
  upcloud: ['plan', 'tier', 'type', 'version'],
  openstack: ['datastore', 'engineVersion', 'flavor', 'image', 'type', 'volumeType'],
  /** The Terraform importer reads these for every provider (src/importers/terraform/mapping.ts). */
  terraform: [
    'commercialType',
    'databaseDialect',
    'databaseVersion',
    'deploymentType',
    'enableAutopilot',
    'engine',
    'engineType',
    'engineVersion',
    'fifoQueue',
    'fileSystemType',
    'flavor',
    'flavorId',
    'format',
    'image',
    'instanceClass',
    'instanceType',
    'isHnsEnabled',
    'kind',
    'kubernetesVersion',
    'machineType',
    'nodeType',
    'osType',
    'packageType',
    'plan',
    'protocolType',
    'redisVersion',
    'runtime',
    'scheduleExpression',
    'serverType',
    'sku',
    'storageClass',
    'storageType',
    'terraformAddress',
    'tier',
    'type',
    'version',
    'visibility',
  ],
  /** The manual inventory (src/importers/inventory-yaml.ts), the only source of SaaS resources. */
  saas: ['plan', 'seats', 'users'],
}

/** One technology, the class every cloud's managed service of it must have. */
export interface TechnologyClass {
  technology: string
  portability: Portability
  category?: string
  members: {type: string; attributes?: Record<string, unknown>}[]
}

/**
 * The same technology gets the same class on every cloud: a reader comparing clouds must not see
 * ElastiCache for Valkey as harder or easier to leave than Memorystore for Valkey.
 */
export const TECHNOLOGY_CLASSES: readonly TechnologyClass[] = [
  {
    technology: 'Redis / Valkey cache',
    portability: 'compatible',
    category: 'cache',
    members: [
      {type: 'AWS::ElastiCache::ReplicationGroup', attributes: {engine: 'valkey'}},
      {type: 'AWS::ElastiCache::CacheCluster', attributes: {engine: 'redis'}},
      {type: 'AWS::ElastiCache::ServerlessCache', attributes: {engine: 'valkey'}},
      {type: 'microsoft.cache/redis'},
      {type: 'microsoft.cache/redisenterprise'},
      {type: 'redis.googleapis.com/Instance'},
      {type: 'redis.googleapis.com/Cluster'},
      {type: 'memorystore.googleapis.com/Instance'},
      {type: 'scaleway:redis-cluster'},
      {type: 'stackit:redis-instance'},
      {type: 'ionos:inmemorydb'},
      {type: 'exoscale:dbaas-service', attributes: {type: 'valkey'}},
      {type: 'upcloud:managed-database', attributes: {type: 'valkey'}},
      {type: 'ovhcloud:database', attributes: {engine: 'valkey'}},
    ],
  },
  {
    technology: 'Memcached',
    portability: 'portable',
    category: 'cache',
    members: [
      {type: 'AWS::ElastiCache::CacheCluster', attributes: {engine: 'memcached'}},
      {type: 'AWS::ElastiCache::ServerlessCache', attributes: {engine: 'memcached'}},
      {type: 'memcache.googleapis.com/Instance'},
    ],
  },
  {
    technology: 'Apache Kafka',
    portability: 'compatible',
    category: 'streaming',
    members: [
      {type: 'AWS::MSK::Cluster'},
      {type: 'AWS::MSK::ServerlessCluster'},
      {type: 'microsoft.eventhub/namespaces', attributes: {kafkaEnabled: true}},
      {type: 'managedkafka.googleapis.com/Cluster'},
      {type: 'scaleway:kafka-cluster'},
      {type: 'ionos:kafka-cluster'},
      {type: 'exoscale:dbaas-service', attributes: {type: 'kafka'}},
      {type: 'ovhcloud:database', attributes: {engine: 'kafka'}},
    ],
  },
  {
    technology: 'PostgreSQL',
    portability: 'portable',
    category: 'relational-db',
    members: [
      {type: 'AWS::RDS::DBInstance', attributes: {engine: 'postgres'}},
      {type: 'microsoft.dbforpostgresql/flexibleservers'},
      {type: 'sqladmin.googleapis.com/Instance', attributes: {databaseVersion: 'POSTGRES_16'}},
      {type: 'scaleway:rdb-instance', attributes: {engine: 'PostgreSQL-16'}},
      {type: 'exoscale:dbaas-service', attributes: {type: 'pg'}},
      {type: 'upcloud:managed-database', attributes: {type: 'pg'}},
      {type: 'ovhcloud:database', attributes: {engine: 'postgresql'}},
    ],
  },
  {
    technology: 'MySQL',
    portability: 'portable',
    category: 'relational-db',
    members: [
      {type: 'AWS::RDS::DBInstance', attributes: {engine: 'mysql'}},
      {type: 'microsoft.dbformysql/flexibleservers'},
      {type: 'sqladmin.googleapis.com/Instance', attributes: {databaseVersion: 'MYSQL_8_0'}},
      {type: 'scaleway:rdb-instance', attributes: {engine: 'MySQL-8'}},
      {type: 'exoscale:dbaas-service', attributes: {type: 'mysql'}},
      {type: 'upcloud:managed-database', attributes: {type: 'mysql'}},
      {type: 'ovhcloud:database', attributes: {engine: 'mysql'}},
    ],
  },
  {
    technology: 'OpenSearch',
    portability: 'portable',
    category: 'search',
    members: [
      {type: 'AWS::OpenSearchService::Domain', attributes: {engineVersion: 'OpenSearch_2.17'}},
      {type: 'exoscale:dbaas-service', attributes: {type: 'opensearch'}},
      {type: 'upcloud:managed-database', attributes: {type: 'opensearch'}},
      {type: 'ovhcloud:database', attributes: {engine: 'opensearch'}},
    ],
  },
  {
    technology: 'Disk snapshot',
    portability: 'portable',
    category: 'backup',
    members: [
      {type: 'AWS::EC2::Snapshot'},
      {type: 'microsoft.compute/snapshots'},
      {type: 'compute.googleapis.com/Snapshot'},
      {type: 'hetzner:snapshot'},
      {type: 'scaleway:instance-snapshot'},
      {type: 'ionos:snapshot'},
    ],
  },
  {
    technology: 'Managed Microsoft Active Directory',
    portability: 'compatible',
    category: 'identity',
    members: [
      {type: 'AWS::DirectoryService::MicrosoftAD'},
      {type: 'microsoft.aad/domainservices'},
      {type: 'managedidentities.googleapis.com/Domain'},
    ],
  },
  {
    technology: 'CDN',
    portability: 'portable',
    category: 'cdn',
    members: [
      {type: 'AWS::CloudFront::Distribution'},
      {type: 'microsoft.cdn/profiles'},
      {type: 'microsoft.cdn/profiles/endpoints'},
      {type: 'compute.googleapis.com/BackendBucket'},
    ],
  },
  {
    technology: 'Quantum computing',
    portability: 'proprietary',
    category: 'quantum',
    members: [{type: 'AWS::Braket::SpendingLimit'}, {type: 'microsoft.quantum/workspaces'}],
  },
  {
    technology: 'Office suite',
    portability: 'proprietary',
    category: 'email-collaboration',
    members: [{type: 'saas:microsoft-365/suite'}, {type: 'saas:google-workspace/suite'}],
  },
  {
    technology: 'Hosted e-mail',
    portability: 'compatible',
    category: 'email-collaboration',
    members: [{type: 'saas:microsoft-365/exchange-online'}, {type: 'saas:google-workspace/gmail'}],
  },
  {
    technology: 'Online office documents',
    portability: 'compatible',
    category: 'email-collaboration',
    members: [{type: 'saas:microsoft-365/office-apps'}, {type: 'saas:google-workspace/docs'}],
  },
  {
    technology: 'Video meetings and chat',
    portability: 'proprietary',
    category: 'email-collaboration',
    members: [{type: 'saas:microsoft-365/teams'}, {type: 'saas:google-workspace/meet'}],
  },
  {
    technology: 'File sync and share',
    portability: 'compatible',
    category: 'email-collaboration',
    members: [{type: 'saas:microsoft-365/onedrive'}, {type: 'saas:google-workspace/drive'}],
  },
]

const RANK: Record<Portability, number> = {portable: 0, compatible: 1, proprietary: 2, captive: 3}

/** Categories where naming a compute product without saying what runs on it is still an answer. */
const COMPUTE_CATEGORIES = new Set([
  'compute-vm',
  'kubernetes',
  'containers',
  'serverless',
  'block-storage',
  'backup',
  'network',
  'firewall',
  'management',
  'load-balancer',
])

/** Products that speak the Redis protocol, and multi-tenant key services, for the protocol checks. */
const REDIS_OFFER = /redis|valkey|in-memory db|distributed cache service/i
const MULTI_TENANT_KMS = /\bKMS\b|key management|key manager|secrets? manager|barbican/i
const HSM_ENTRY = /HSM\b|hardware security module/i

const EU27 = new Set('AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE HU'.split(' '))
const EEA_CH = new Set(['IS', 'LI', 'NO', 'CH'])

/** The jurisdiction class that follows from the country of the ultimate owner. */
export function jurisdictionOf(country: string): 'EU' | 'EEA+CH' | 'non-EU' {
  if (country === 'EU' || EU27.has(country)) return 'EU'
  return EEA_CH.has(country) ? 'EEA+CH' : 'non-EU'
}

/** The product an offer names, and its qualifier: "Kubernetes Kapsule (self-run Kong)" → Kubernetes Kapsule, self-run Kong. */
export function offerProduct(
  offer: EuropeanOffer,
  offers: Readonly<Record<string, OfferProvenance>> | undefined,
): {product?: string; provenance?: OfferProvenance; qualifier?: string} {
  let name = offer.service
  let qualifier: string | undefined
  for (;;) {
    const provenance = offers?.[name]
    if (provenance) return {product: name, provenance, qualifier}
    const match = /^(.*\S) \(([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(name)
    if (!match) return {qualifier}
    name = match[1]!
    qualifier = qualifier ? `${match[2]!} ${qualifier}` : match[2]!
  }
}

/** Dates compare as text (YYYY-MM-DD); twelve months back from today. */
function monthsBefore(now: Date, months: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()))
  return d.toISOString().slice(0, 10)
}

type Path = (string | number)[]
type Fields = Record<string, unknown> & {
  category?: string
  portability?: Portability
  speaks?: string
  target?: string
  european?: EuropeanOffer[]
  equivalents?: string[]
  title?: string
  refine?: RefineRule[]
}

/** A place in a catalog file that carries mapping fields: a service default, a type, or a refine rule's `set`. */
interface Site {
  file: string
  provider: string
  type: string
  kind: 'default' | 'type' | 'refine'
  path: Path
  /** The raw fields as written (no defaults, no `standard` compatibility copy). */
  raw: Fields
  /** For a refine site: the entry or default it refines, and the rule. */
  owner?: Fields
  rule?: RefineRule
}

function* sitesOf(file: string, raw: {provider: string; services: Record<string, Record<string, unknown>>}): Generator<Site> {
  for (const [namespace, service] of Object.entries(raw.services)) {
    const units: [kind: 'default' | 'type', type: string, path: Path, fields: Fields][] = []
    if (service.default) units.push(['default', namespace, ['services', namespace, 'default'], service.default as Fields])
    for (const [type, entry] of Object.entries((service.types ?? {}) as Record<string, Fields>))
      units.push(['type', type, ['services', namespace, 'types', type], entry])
    for (const [kind, type, path, fields] of units) {
      yield {file, provider: raw.provider, type, kind, path, raw: fields}
      for (const [i, rule] of (fields.refine ?? []).entries())
        yield {
          file,
          provider: raw.provider,
          type,
          kind: 'refine',
          path: [...path, 'refine', i],
          raw: ((rule as {set?: Fields}).set ?? {}) as Fields,
          owner: fields,
          rule,
        }
    }
  }
}

/** The fields in effect at a site: a refine rule's set over its owner. */
const effective = (site: Site): Fields => (site.owner ? {...site.owner, ...site.raw} : site.raw)

class Located {
  private readonly docs = new Map<string, {doc: Document; lines: LineCounter}>()
  readonly problems: LintProblem[] = []

  constructor(private readonly dir: string) {}

  async open(file: string): Promise<Document> {
    const text = await readFile(join(this.dir, file), 'utf8')
    const lines = new LineCounter()
    const doc = parseDocument(text, {lineCounter: lines})
    this.docs.set(file, {doc, lines})
    return doc
  }

  add(rule: LintRule, file: string, path: Path, message: string): void {
    const entry = this.docs.get(file)
    let line = 1
    let column = 1
    if (entry)
      for (let depth = path.length; depth >= 0; depth--) {
        // Point at a key itself (`visibility:`), not at its value.
        const parent =
          depth > 0 ? (depth === 1 ? entry.doc.contents : entry.doc.getIn(path.slice(0, depth - 1), true)) : undefined
        const key = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[depth - 1])?.key : undefined
        const node = isNode(key) ? key : depth === 0 ? entry.doc.contents : entry.doc.getIn(path.slice(0, depth), true)
        if (isNode(node) && node.range) {
          const pos = entry.lines.linePos(node.range[0])
          line = pos.line
          column = pos.col
          break
        }
      }
    this.problems.push({file, line, column, rule, message})
  }
}

/** Every check over a catalog folder; an empty list means the catalog is sound. */
export async function lintCatalog(options: LintOptions = {}): Promise<LintProblem[]> {
  const dir = options.dir ?? BUILTIN_CATALOG_DIR
  const now = options.now ?? new Date()
  const produced = options.produced ?? PRODUCED_ATTRIBUTES
  const out = new Located(dir)

  let data: CatalogData
  let catalog: Catalog
  try {
    data = await readCatalogData(dir)
    catalog = Catalog.fromData(data)
  } catch (error) {
    if (!(error instanceof ExitreadyError)) throw error
    const where = /^(.+?\.yaml):(\d+):(\d+)/.exec(error.message)
    out.problems.push({
      file: where ? relative(dir, where[1]!) : dir,
      line: where ? Number(where[2]) : 1,
      column: where ? Number(where[3]) : 1,
      rule: 'schema',
      message: where ? error.message.slice(where[0].length).replace(/^[:\s]+/, '') : error.message,
    })
    return out.problems
  }

  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort()
  const raws = new Map<string, unknown>()
  for (const name of names) raws.set(name, (await out.open(name)).toJS())
  const providers = data.providers
  const software = softwareNames(data)
  const cutoff = monthsBefore(now, MAX_PROVENANCE_AGE_MONTHS)
  const today = now.toISOString().slice(0, 10)

  checkProviders(out, providers, data.regions, cutoff, today)
  for (const {file} of data.files) {
    const raw = raws.get(file) as {provider: string; services: Record<string, Record<string, unknown>>}
    for (const site of sitesOf(file, raw)) {
      checkOffers(out, site, providers, software)
      checkProtocols(out, site)
      checkSpeaks(out, site)
      checkLifecycle(out, site)
      if (site.kind !== 'refine' && site.raw.refine?.length) checkRefines(out, site, catalog, produced)
      const vendor = site.raw.vendor as {country: string; jurisdiction: string} | undefined
      if (vendor && jurisdictionOf(vendor.country) !== vendor.jurisdiction)
        out.add(
          'jurisdiction',
          file,
          [...site.path, 'vendor'],
          `${site.type}: a vendor owned from ${vendor.country} is ${jurisdictionOf(vendor.country)}, not ${vendor.jurisdiction}; jurisdiction follows the ultimate owner.`,
        )
    }
  }
  checkConsistency(out, catalog)
  return out.problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
}

function checkProviders(
  out: Located,
  providers: Record<string, ProviderInfo>,
  regions: Record<string, Record<string, string>>,
  cutoff: string,
  today: string,
): void {
  const file = 'providers.yaml'
  for (const [id, info] of Object.entries(providers)) {
    const at = ['providers', id]
    const expected = jurisdictionOf(info.parentCountry)
    if (info.jurisdiction !== expected)
      out.add(
        'jurisdiction',
        file,
        [...at, 'jurisdiction'],
        `${id}: its ultimate parent is in ${info.parentCountry}, so its jurisdiction is ${expected}, not ${info.jurisdiction}; jurisdiction follows the ultimate owner.`,
      )
    if (info.jurisdiction !== 'non-EU') {
      // Data centres outside the EU/EEA put the data there under local law: say so in foreignAccessVia.
      const named = new Set((info.foreignAccessVia ?? []).map((f) => f.country))
      const abroad = new Set(Object.values(regions[id] ?? {}).filter((c) => jurisdictionOf(c) === 'non-EU'))
      for (const country of [...abroad].sort())
        if (!named.has(country))
          out.add(
            'jurisdiction',
            file,
            at,
            `${id} runs regions in ${country} (regions.yaml) but names no foreignAccessVia for ${country}; add the entity or locations with the law that reaches them.`,
          )
    }
    for (const [i, via] of (info.foreignAccessVia ?? []).entries())
      if (!/^https:\/\//.test(via.source))
        out.add('jurisdiction', file, [...at, 'foreignAccessVia', i, 'source'], `${id}: cite the case or law with a URL.`)
    for (const [product, p] of Object.entries(info.offers ?? {})) {
      const path = [...at, 'offers', product]
      if (!/^(https:\/\/\S+|terraform:[a-z0-9_]+|reference\/european-services\.yaml#[\w.-]+)$/.test(p.source))
        out.add(
          'provenance',
          file,
          [...path, 'source'],
          `${id} "${product}": the source must be a product page (https://…), terraform:<resource type> or reference/european-services.yaml#<provider>.<category>.`,
        )
      if (p.verifiedOn < cutoff || p.verifiedOn > today)
        out.add(
          'stale',
          file,
          [...path, 'verifiedOn'],
          `${id} "${product}" was verified on ${p.verifiedOn}, ${p.verifiedOn > today ? 'a day still to come' : `more than ${MAX_PROVENANCE_AGE_MONTHS} months ago`}; check the source again and update verifiedOn.`,
        )
    }
  }
}

/** Names of software the catalog knows (its equivalents), for telling "(node pools)" from "(Kong)". */
function softwareNames(data: CatalogData): RegExp {
  const names = new Set<string>()
  // Words that also name features ("(security groups)", "(cron schedules)"), not software run on the server.
  const generic = new Set(
    'kubernetes linux windows cloud open self managed custom standard any cron private object cluster shell python public network data file block static simple native server web'.split(
      ' ',
    ),
  )
  for (const phrase of ['security groups', 'private networks']) generic.add(phrase)
  const addAll = (list: string[] | undefined) => {
    for (const raw of list ?? []) {
      const name = raw.replace(/\s*\(.*\)$/, '').replace(/^Apache /, '')
      if (name.length >= 3) names.add(name.toLowerCase())
      const first = name.split(' ')[0]!.toLowerCase()
      if (name.includes(' ') && first.length >= 4 && !generic.has(first)) names.add(first)
    }
  }
  for (const {data: file} of data.files)
    for (const service of Object.values(file.services)) {
      addAll(service.default?.equivalents)
      for (const entry of Object.values(service.types ?? {})) {
        addAll(entry.equivalents)
        for (const rule of entry.refine ?? []) addAll(rule.set.equivalents)
      }
    }
  for (const g of generic) names.delete(g)
  const escaped = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`(^|[^\\w-])(${escaped.join('|')})($|[^\\w-])`, 'i')
}

function checkOffers(out: Located, site: Site, providers: Record<string, ProviderInfo>, software: RegExp): void {
  const category = effective(site).category
  for (const [i, offer] of (site.raw.european ?? []).entries()) {
    const path = [...site.path, 'european', i]
    const {product, provenance, qualifier} = offerProduct(offer, providers[offer.provider]?.offers)
    if (!product) {
      out.add(
        'provenance',
        site.file,
        path,
        `${site.type}: "${offer.service}" is not a product in providers.yaml offers of ${offer.provider}; add it there with its source, status and verifiedOn, or correct the name.`,
      )
      continue
    }
    const selfRun = qualifier?.startsWith('self-run ')
    if (selfRun && !provenance?.compute)
      out.add(
        'self-run',
        site.file,
        path,
        `${site.type}: "${offer.service}" says self-run on ${product}, which is not a compute product; name the servers or Kubernetes it runs on.`,
      )
    if (provenance?.compute && !selfRun) {
      const named = qualifier ? software.exec(qualifier)?.[2] : undefined
      if (named)
        out.add(
          'self-run',
          site.file,
          path,
          `${site.type}: "${offer.service}" names software (${named}) run on ${product}; write it as "${product} (self-run ${qualifier})".`,
        )
      else if (!qualifier && category && !COMPUTE_CATEGORIES.has(category))
        out.add(
          'self-run',
          site.file,
          path,
          `${site.type}: "${offer.service}" is bare compute for a ${category} service; say what runs on it: "${product} (self-run …)".`,
        )
    }
  }
}

function checkProtocols(out: Located, site: Site): void {
  const fields = effective(site)
  const offers = fields.european ?? []
  const at = site.raw.european ? [...site.path, 'european'] : site.path
  const technology = `${fields.speaks ?? ''} ${fields.target ?? ''}`
  const memcached = /memcache/i.test(technology) && !/redis|valkey/i.test(technology)
  if (memcached) {
    for (const o of offers)
      if (REDIS_OFFER.test(o.service))
        out.add(
          'protocol',
          site.file,
          at,
          `${site.type}: a Memcached service names "${o.service}" (${o.provider}), which speaks Redis, not Memcached; name a Memcached offer or a self-run Memcached.`,
        )
    for (const e of fields.equivalents ?? [])
      if (/redis|valkey/i.test(e))
        out.add(
          'protocol',
          site.file,
          site.path,
          `${site.type}: a Memcached service lists ${e} as an equivalent; it speaks another protocol.`,
        )
  }
  const mysql = /\bmysql\b/i.test(technology) && !/mariadb/i.test(technology)
  if (mysql)
    for (const o of offers)
      if (/mariadb/i.test(o.service) && !/mysql/i.test(o.service))
        out.add(
          'protocol',
          site.file,
          at,
          `${site.type}: a MySQL service names "${o.service}" (${o.provider}); MariaDB is not a drop-in for MySQL 8 (JSON, authentication, replication differ), so name a MySQL offer.`,
        )
  const hsm = fields.category === 'secrets-kms' && HSM_ENTRY.test(`${fields.title ?? ''} ${site.type}`)
  if (hsm)
    for (const o of offers)
      if (MULTI_TENANT_KMS.test(o.service))
        out.add(
          'protocol',
          site.file,
          at,
          `${site.type}: a single-tenant HSM names "${o.service}" (${o.provider}), a multi-tenant key service; keys and their FIPS level do not carry over, so name a dedicated HSM offer.`,
        )
}

function checkSpeaks(out: Located, site: Site): void {
  if ('standard' in site.raw)
    out.add(
      'speaks',
      site.file,
      [...site.path, 'standard'],
      `${site.type}: "standard" was split in two; write speaks (what it speaks today) and target (what to move to).`,
    )
  if (site.kind === 'refine') return
  const {portability, speaks, target} = site.raw
  if ((portability === 'proprietary' || portability === 'captive') && target) {
    if (!speaks)
      out.add(
        'speaks',
        site.file,
        site.path,
        `${site.type}: a ${portability} service does not speak its target ${target}; say what it speaks today (speaks).`,
      )
    else if (speaks === target)
      out.add(
        'speaks',
        site.file,
        [...site.path, 'speaks'],
        `${site.type}: speaks equals target on a ${portability} service; if its clients already speak ${target}, the class is wrong.`,
      )
  }
}

function checkLifecycle(out: Located, site: Site): void {
  const {retiring, successor, retirementNotice} = site.raw
  if (retiring === undefined && successor === undefined) return
  if (retiring === undefined || successor === undefined || retirementNotice === undefined)
    out.add(
      'lifecycle',
      site.file,
      site.path,
      `${site.type}: a retirement needs retiring (the date), successor and retirementNotice (the provider's announcement).`,
    )
  else if (!/^https:\/\//.test(String(retirementNotice)))
    out.add('lifecycle', site.file, [...site.path, 'retirementNotice'], `${site.type}: retirementNotice must be a URL.`)
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function whenKey(rule: RefineRule): string {
  return JSON.stringify(
    Object.entries(rule.when)
      .map(([k, v]) => [normaliseKey(k), v === null ? null : (Array.isArray(v) ? v : [v]).map((x) => x.toLowerCase()).sort()])
      .sort(),
  )
}

function checkRefines(out: Located, site: Site, catalog: Catalog, produced: Readonly<Record<string, readonly string[]>>): void {
  const rules = site.raw.refine ?? []
  const available = new Set([...(produced[site.provider] ?? []), ...(produced.terraform ?? [])].map(normaliseKey))
  const seen = new Map<string, number>()
  // For each attribute: the class each rule on it gives, to find types whose class depends on it.
  const classesByKey = new Map<string, {classes: Set<Portability>; unknown?: number}>()
  const base = site.raw
  for (const [i, rule] of rules.entries()) {
    const path = [...site.path, 'refine', i]
    for (const key of Object.keys(rule.when))
      if (!available.has(normaliseKey(key)))
        out.add(
          'reachability',
          site.file,
          [...path, 'when', key],
          `${site.type}: no ${site.provider} collector or importer produces the attribute "${key}", so this rule can never fire; use an attribute from PRODUCED_ATTRIBUTES (src/catalog/lint.ts) or have a collector read it.`,
        )
    const key = whenKey(rule)
    const earlier = seen.get(key)
    if (earlier !== undefined)
      out.add(
        'refine-shadowed',
        site.file,
        [...path, 'when'],
        `${site.type}: refine[${i}] has the same condition as refine[${earlier}] (keys compare without case or underscores), so it never applies; merge the two.`,
      )
    else seen.set(key, i)
    const raw = ((rule as {set?: Fields}).set ?? {}) as Fields
    const changes = Object.entries(raw).some(([k, v]) => !same(v, (base as Record<string, unknown>)[k]))
    if (!changes && !rule.resolveTo && !rule.assume)
      out.add(
        'refine-noop',
        site.file,
        path,
        `${site.type}: refine[${i}] sets nothing that differs from the entry; remove it or make it say what changes.`,
      )
    let portability = raw.portability ?? base.portability
    if (rule.resolveTo) {
      const target = catalog.entries.get(rule.resolveTo)
      if (!target || rule.resolveTo === site.type)
        out.add(
          'resolve',
          site.file,
          [...path, 'resolveTo'],
          `${site.type}: resolveTo names ${rule.resolveTo}, which is ${target ? 'the entry itself' : 'not a catalog entry'}.`,
        )
      else if (target.entry.refine?.some((r) => r.resolveTo))
        out.add(
          'resolve',
          site.file,
          [...path, 'resolveTo'],
          `${site.type}: ${rule.resolveTo} resolves again; point at the final entry.`,
        )
      else portability = raw.portability ?? target.entry.portability
    }
    const keys = Object.keys(rule.when)
    if (keys.length !== 1 || !portability) continue
    const k = normaliseKey(keys[0]!)
    // The Terraform address names the resource type, a fallback for types Terraform splits; never "unknown".
    if (k === 'terraformaddress') continue
    const group = classesByKey.get(k) ?? {classes: new Set<Portability>([base.portability as Portability])}
    if (rule.when[keys[0]!] === null) group.unknown = i
    else group.classes.add(portability)
    classesByKey.set(k, group)
  }
  for (const [key, {classes, unknown}] of classesByKey) {
    if (classes.size < 2) continue
    const hardest = [...classes].sort((a, b) => RANK[b] - RANK[a])[0]!
    // When the entry itself is the hardest case, an unknown value already lands there.
    if (unknown === undefined && RANK[base.portability as Portability] >= RANK[hardest]) continue
    if (unknown === undefined) {
      out.add(
        'unknown-attribute',
        site.file,
        [...site.path, 'refine'],
        `${site.type}: its class depends on "${key}" (${[...classes].join(', ')}) but nothing says what happens when ${key} is unknown; add a rule with when {${key}: null}, the hardest case (${hardest}) and an assume note.`,
      )
      continue
    }
    const rule = rules[unknown]!
    const given = ((rule as {set?: Fields}).set?.portability ?? base.portability) as Portability
    if (RANK[given] < RANK[hardest] || !rule.assume)
      out.add(
        'unknown-attribute',
        site.file,
        [...site.path, 'refine', unknown],
        `${site.type}: when ${key} is unknown the rule must assume the hardest plausible case (${hardest}, not ${given}) and say so in assume.`,
      )
  }
}

function checkConsistency(out: Located, catalog: Catalog): void {
  for (const tech of TECHNOLOGY_CLASSES)
    for (const member of tech.members) {
      const mapping = catalog.lookup(member.type, member.attributes)
      const indexed = catalog.entries.get(mapping.type)
      const service = catalog.services.get(namespaceOf(mapping.type))
      const file = indexed?.file ?? service?.file ?? 'providers.yaml'
      const path = indexed
        ? ['services', namespaceOf(mapping.type), 'types', mapping.type]
        : ['services', namespaceOf(mapping.type), 'default']
      const attrs = member.attributes ? ` with ${JSON.stringify(member.attributes)}` : ''
      // A folder without that service (a private catalog) has nothing to compare; the built-in one is tested to have it.
      if (mapping.matchedBy === 'unmapped') continue
      if (mapping.portability !== tech.portability || (tech.category && mapping.category !== tech.category))
        out.add(
          'consistency',
          file,
          path,
          `${tech.technology}: ${member.type}${attrs} is ${mapping.portability} (${mapping.category}), but the same technology is ${tech.portability}${tech.category ? ` (${tech.category})` : ''} on every cloud.`,
        )
    }
}
