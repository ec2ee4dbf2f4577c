import {cpSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {normaliseKey} from '../../src/catalog/catalog.js'
import {lintCatalog, PRODUCED_ATTRIBUTES} from '../../src/catalog/lint.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {ROOT, tempDir} from '../helpers/cli.js'

// The attribute keys the code really produces, read from the collectors' and importers' source:
// object literals passed to compact() or set as `attributes`, put('key') calls, KEPT_ATTRIBUTES.
// A static table in lint.ts is what `catalog lint` uses; this test holds it to the code.
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** Top-level keys of the object literal that starts at text[open] === '{'. */
function literalKeys(text: string, open: number): string[] {
  const keys: string[] = []
  let depth = 0,
    i = open,
    token = '',
    expectKey = true
  for (; i < text.length; i++) {
    const c = text[i]!
    if (c === '"' || c === "'" || c === '`') {
      const q = c
      i++
      while (i < text.length && text[i] !== q) {
        if (text[i] === '\\') i++
        i++
      }
      if (depth === 1 && expectKey) token = 'STRING'
      continue
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
      continue
    }
    if ('{[('.includes(c)) {
      depth++
      if (depth > 1) expectKey = false
      continue
    }
    if ('}])'.includes(c)) {
      depth--
      if (depth === 0) {
        if (expectKey && /^\w+$/.test(token.trim())) keys.push(token.trim())
        break
      }
      continue
    }
    if (depth !== 1) continue
    if (c === ':' && expectKey) {
      if (/^\w+$/.test(token.trim())) keys.push(token.trim())
      token = ''
      expectKey = false
      continue
    }
    if (c === ',') {
      if (expectKey && /^\w+$/.test(token.trim())) keys.push(token.trim())
      token = ''
      expectKey = true
      continue
    }
    if (expectKey) token += c
  }
  return keys
}
function producedKeys(text: string): Set<string> {
  const out = new Set<string>()
  for (const m of text.matchAll(/\b(?:compact\(\s*|attributes\s*[:=]\s*)\{/g))
    for (const k of literalKeys(text, m.index! + m[0].length - 1)) out.add(k)
  for (const m of text.matchAll(/\bput\(\s*'(\w+)'/g)) out.add(m[1]!)
  for (const m of text.matchAll(/\b(?:attributes|kept)\.(\w+)\s*=[^=]/g)) out.add(m[1]!)
  for (const m of text.matchAll(/\bconst kept[^=]*=\s*\{/g))
    for (const k of literalKeys(text, m.index! + m[0].length - 1)) out.add(k)
  const kept = /KEPT_ATTRIBUTES[^=]*=\s*(new Set\(\[|\{)/.exec(text)
  if (kept) {
    const start = kept.index + kept[0].length
    const body = text.slice(start, text.indexOf(kept[1] === '{' ? '\n}' : '])', start))
    if (kept[1] === '{') for (const m of body.matchAll(/:\s*'(\w+)'/g)) out.add(m[1]!)
    else for (const m of body.matchAll(/'(\w+)'/g)) out.add(m[1]!)
  }
  return out
}

function keysIn(dir: string): Set<string> {
  const keys = new Set<string>()
  for (const file of files(dir)) for (const key of producedKeys(readFileSync(file, 'utf8'))) keys.add(key)
  return keys
}

const COLLECTORS = join(ROOT, 'src/collectors')
const produced = new Map<string, Set<string>>()
for (const dir of readdirSync(COLLECTORS))
  if (statSync(join(COLLECTORS, dir)).isDirectory()) produced.set(dir, keysIn(join(COLLECTORS, dir)))
produced.set('terraform', keysIn(join(ROOT, 'src/importers/terraform')))
produced.set('saas', producedKeys(readFileSync(join(ROOT, 'src/importers/inventory-yaml.ts'), 'utf8')))

describe('refine rules that real data can reach', () => {
  it('finds the keys the code declares (the extractor itself works)', () => {
    expect(producedKeys('attributes: compact({engine: d.engine, version: c.version, nested: {x: 1}})')).toEqual(
      new Set(['engine', 'version', 'nested']),
    )
    expect(producedKeys("put('kafkaEnabled', x)\nconst KEPT_ATTRIBUTES = {\n  fifo_queue: 'fifoQueue',\n}")).toEqual(
      new Set(['kafkaEnabled', 'fifoQueue']),
    )
    expect(produced.get('azure')).toContain('capabilities')
    expect(produced.get('terraform')).toContain('terraformAddress')
  })

  it('PRODUCED_ATTRIBUTES claims no key the code does not produce', () => {
    for (const [source, keys] of Object.entries(PRODUCED_ATTRIBUTES))
      for (const key of keys) expect(produced.get(source), `${source} produces ${key}`).toContain(key)
  })

  it('every when key of every built-in rule is produced for its provider by a collector or importer', async () => {
    const catalog = await loadCatalog()
    let rules = 0
    for (const [type, {provider, entry}] of catalog.entries)
      for (const rule of entry.refine ?? [])
        for (const key of Object.keys(rule.when)) {
          rules++
          const available = new Set([...(produced.get(provider) ?? []), ...(produced.get('terraform') ?? [])].map(normaliseKey))
          expect(available.has(normaliseKey(key)), `${type}: ${key}`).toBe(true)
        }
    expect(rules).toBeGreaterThan(90)
  })

  it('lint reports a rule on an attribute nothing produces, with file:line:column', async () => {
    const dir = tempDir('catalog-lint-')
    for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml'])
      cpSync(join(ROOT, 'catalog', name), join(dir, name))
    writeFileSync(
      join(dir, 'gcp.yaml'),
      'provider: gcp\nservices:\n  dns.googleapis.com:\n    types:\n      dns.googleapis.com/ManagedZone:\n        category: dns\n        portability: portable\n        stateful: true\n        refine:\n          - when: {zoneColour: private}\n            set: {effort: M}\n            note: private zone\n',
    )
    const problems = await lintCatalog({dir, now: new Date('2026-12-02T00:00:00Z')})
    expect(problems).toEqual([expect.objectContaining({file: 'gcp.yaml', line: 10, column: 20, rule: 'reachability'})])
  })
})

/** Each rule's fixture: the attributes real data carries, and the mapping that must come out (the rule's note names it). */
const FIXTURES: [
  type: string,
  attributes: Record<string, unknown>,
  expected: Record<string, unknown>,
  refinedBy: string | null,
][] = [
  [
    'AWS::Events::Rule',
    {scheduleExpression: 'rate(5 minutes)'},
    {portability: 'compatible', category: 'workflow'},
    'Scheduled rule (cron or rate); re-create it as a cron job',
  ],
  ['AWS::Events::Rule', {eventPattern: 'x'}, {portability: 'proprietary', category: 'event-bus'}, null],
  [
    'dns.googleapis.com/ManagedZone',
    {visibility: 'private'},
    {portability: 'portable', category: 'dns'},
    'Private zone visible only inside VPC networks',
  ],
  ['dns.googleapis.com/ManagedZone', {visibility: 'public'}, {portability: 'portable', category: 'dns'}, null],
  ['AWS::AmazonMQ::Broker', {engineType: 'RABBITMQ'}, {portability: 'portable', category: 'queue'}, 'Amazon MQ for RabbitMQ'],
  [
    'AWS::AmazonMQ::Broker',
    {engineType: 'ActiveMQ'},
    {portability: 'portable', category: 'queue'},
    'Amazon MQ for ActiveMQ; European managed offers are RabbitMQ-based, so plan a protocol check (AMQP 1.0 or STOMP clients move most easily)',
  ],
  [
    'AWS::ApiGatewayV2::Api',
    {protocolType: 'WEBSOCKET'},
    {portability: 'proprietary', category: 'api-gateway'},
    'WebSocket API; the $connect/$disconnect route model and the @connections callback API must be rebuilt in a WebSocket service',
  ],
  [
    'AWS::EC2::Instance',
    {platform: 'windows', platformDetails: 'Windows'},
    {portability: 'portable', category: 'compute-vm'},
    'Windows instance; licence-included AMIs do not carry the licence, so buy or bring Windows Server licences at the target',
  ],
  [
    'AWS::ElastiCache::CacheCluster',
    {engine: 'memcached'},
    {portability: 'portable', category: 'cache'},
    'ElastiCache for Memcached; run Memcached on any server or Kubernetes',
  ],
  [
    'AWS::ElastiCache::CacheCluster',
    {engine: 'valkey'},
    {portability: 'compatible', category: 'cache'},
    'ElastiCache for Redis OSS / Valkey',
  ],
  [
    'AWS::ElastiCache::CacheCluster',
    {},
    {portability: 'compatible', category: 'cache', assumptions: 1},
    'Engine not read; Memcached would be portable',
  ],
  [
    'AWS::ElastiCache::ServerlessCache',
    {engine: 'memcached'},
    {portability: 'portable', category: 'cache'},
    'ElastiCache Serverless for Memcached',
  ],
  [
    'AWS::ElastiCache::ServerlessCache',
    {engine: 'valkey', attributesUnread: ['engine']},
    {portability: 'compatible', category: 'cache', assumptions: 1},
    'Engine not read; Memcached would be portable',
  ],
  [
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    {type: 'application'},
    {portability: 'portable', category: 'load-balancer'},
    'Application Load Balancer',
  ],
  [
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    {type: 'network'},
    {portability: 'portable', category: 'load-balancer'},
    'Network Load Balancer',
  ],
  [
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    {type: 'gateway'},
    {portability: 'proprietary', category: 'load-balancer'},
    'Gateway Load Balancer; European clouds have no drop-in equivalent, so route through firewall appliances (OPNsense, VyOS) in the network path instead',
  ],
  [
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    {},
    {portability: 'proprietary', category: 'load-balancer', assumptions: 1},
    'Type not read; an Application or Network Load Balancer is portable',
  ],
  [
    'AWS::FSx::FileSystem',
    {terraformAddress: 'aws_fsx_lustre_file_system.scratch'},
    {portability: 'portable', category: 'file-storage'},
    'FSx for Lustre; often a scratch layer over S3 that can be rebuilt rather than copied (from the Terraform resource type)',
  ],
  [
    'AWS::FSx::FileSystem',
    {terraformAddress: 'module.storage.aws_fsx_openzfs_file_system.home'},
    {portability: 'portable', category: 'file-storage'},
    'FSx for OpenZFS (from the Terraform resource type)',
  ],
  [
    'AWS::FSx::FileSystem',
    {terraformAddress: 'aws_fsx_ontap_file_system.main[0]'},
    {portability: 'compatible', category: 'file-storage'},
    'FSx for NetApp ONTAP; SnapMirror replication works to any ONTAP system at the target (from the Terraform resource type)',
  ],
  [
    'AWS::FSx::FileSystem',
    {terraformAddress: 'aws_fsx_windows_file_system.shares'},
    {portability: 'compatible', category: 'file-storage'},
    'FSx for Windows File Server; copy with robocopy and keep NTFS ACLs and the AD join (from the Terraform resource type)',
  ],
  [
    'AWS::FSx::FileSystem',
    {fileSystemType: 'LUSTRE'},
    {portability: 'portable', category: 'file-storage'},
    'FSx for Lustre; often a scratch layer over S3 that can be rebuilt rather than copied',
  ],
  ['AWS::FSx::FileSystem', {fileSystemType: 'OPENZFS'}, {portability: 'portable', category: 'file-storage'}, 'FSx for OpenZFS'],
  [
    'AWS::FSx::FileSystem',
    {fileSystemType: 'ONTAP'},
    {portability: 'compatible', category: 'file-storage'},
    'FSx for NetApp ONTAP; SnapMirror replication works to any ONTAP system at the target',
  ],
  [
    'AWS::FSx::FileSystem',
    {fileSystemType: 'WINDOWS'},
    {portability: 'compatible', category: 'file-storage'},
    'FSx for Windows File Server; copy with robocopy and keep NTFS ACLs and the AD join',
  ],
  [
    'AWS::FSx::FileSystem',
    {},
    {portability: 'compatible', category: 'file-storage', assumptions: 1},
    'File-system type not read; Lustre and OpenZFS would be portable',
  ],
  [
    'AWS::Lambda::Function',
    {packageType: 'Image'},
    {portability: 'proprietary', category: 'serverless'},
    'Container-image function; the image moves as it is. If it wraps a web app with the Lambda Web Adapter it runs on serverless containers almost unchanged, otherwise the handler speaks the Lambda Runtime API and needs an HTTP entry point first',
  ],
  [
    'AWS::Lambda::Function',
    {packageType: 'Zip', runtime: 'python3.12'},
    {portability: 'proprietary', category: 'serverless'},
    'Zip-packaged function; rebuild as a container with an HTTP entry point',
  ],
  [
    'AWS::OpenSearchService::Domain',
    {engineVersion: 'Elasticsearch_7.10'},
    {portability: 'compatible', category: 'search'},
    'Domain still on the Elasticsearch engine; 7.x snapshots restore into OpenSearch, 6.x indices need a reindex',
  ],
  [
    'AWS::OpenSearchService::Domain',
    {},
    {portability: 'compatible', category: 'search', assumptions: 1},
    'Engine version not read',
  ],
  [
    'AWS::RDS::DBInstance',
    {engine: 'docdb'},
    {portability: 'compatible', category: 'document-db', type: 'AWS::DocDB::DBInstance'},
    'DocumentDB instance (shares the rds ARN namespace)',
  ],
  [
    'AWS::RDS::DBInstance',
    {engine: 'neptune'},
    {portability: 'compatible', category: 'graph-db', type: 'AWS::Neptune::DBInstance'},
    'Neptune instance (shares the rds ARN namespace)',
  ],
  ['AWS::RDS::DBInstance', {engine: 'postgres'}, {portability: 'portable', category: 'relational-db'}, 'RDS for PostgreSQL'],
  ['AWS::RDS::DBInstance', {engine: 'mysql'}, {portability: 'portable', category: 'relational-db'}, 'RDS for MySQL'],
  ['AWS::RDS::DBInstance', {engine: 'mariadb'}, {portability: 'portable', category: 'relational-db'}, 'RDS for MariaDB'],
  [
    'AWS::RDS::DBInstance',
    {engine: 'aurora-postgresql'},
    {portability: 'compatible', category: 'relational-db'},
    'Aurora PostgreSQL instance; the protocol is PostgreSQL, but Aurora-only features (global databases, fast clones, aurora_* functions, Babelfish) need replacing',
  ],
  [
    'AWS::RDS::DBInstance',
    {engine: 'aurora-mysql'},
    {portability: 'compatible', category: 'relational-db'},
    'Aurora MySQL instance; the protocol is MySQL, but Aurora-only features (backtrack, parallel query, aurora_* procedures) need replacing',
  ],
  [
    'AWS::RDS::DBInstance',
    {engine: 'oracle-ee'},
    {portability: 'proprietary', category: 'relational-db'},
    'RDS for Oracle; licence-included instances carry no licence to the target, so either bring your own Oracle licence to VMs or convert to PostgreSQL with ora2pg (PL/SQL rewrite)',
  ],
  [
    'AWS::RDS::DBInstance',
    {engine: 'sqlserver-se'},
    {portability: 'proprietary', category: 'relational-db'},
    'RDS for SQL Server; licence-included instances carry no licence, so use a licensed managed SQL Server at the target or convert to PostgreSQL',
  ],
  [
    'AWS::RDS::DBInstance',
    {engine: 'db2-se'},
    {portability: 'proprietary', category: 'relational-db'},
    'RDS for Db2; needs your own IBM licence at the target or a conversion',
  ],
  [
    'AWS::RDS::DBInstance',
    {},
    {portability: 'proprietary', category: 'relational-db', assumptions: 1},
    'Engine not read; PostgreSQL, MySQL and MariaDB would be portable',
  ],
  [
    'AWS::RDS::DBCluster',
    {engine: 'docdb'},
    {portability: 'compatible', category: 'document-db', type: 'AWS::DocDB::DBCluster'},
    'DocumentDB cluster (shares the rds ARN namespace)',
  ],
  [
    'AWS::RDS::DBCluster',
    {engine: 'neptune'},
    {portability: 'compatible', category: 'graph-db', type: 'AWS::Neptune::DBCluster'},
    'Neptune cluster (shares the rds ARN namespace)',
  ],
  [
    'AWS::RDS::DBCluster',
    {engine: 'postgres'},
    {portability: 'portable', category: 'relational-db'},
    'Multi-AZ DB cluster for PostgreSQL (community engine)',
  ],
  [
    'AWS::RDS::DBCluster',
    {engine: 'mysql'},
    {portability: 'portable', category: 'relational-db'},
    'Multi-AZ DB cluster for MySQL (community engine)',
  ],
  [
    'AWS::RDS::DBCluster',
    {engine: 'aurora-postgresql'},
    {portability: 'compatible', category: 'relational-db'},
    'Aurora PostgreSQL; the protocol is PostgreSQL, but Aurora-only features (global databases, fast clones, serverless v2, Babelfish) need replacing',
  ],
  [
    'AWS::RDS::DBCluster',
    {engine: 'aurora-mysql'},
    {portability: 'compatible', category: 'relational-db'},
    'Aurora MySQL; the protocol is MySQL, but Aurora-only features (backtrack, parallel query) need replacing',
  ],
  [
    'AWS::RDS::DBCluster',
    {},
    {portability: 'compatible', category: 'relational-db', assumptions: 1},
    'Engine not read; community PostgreSQL and MySQL would be portable',
  ],
  [
    'AWS::Route53::HostedZone',
    {privateZone: 'true'},
    {portability: 'portable', category: 'dns'},
    "Private hosted zone; re-create it in the target network's internal DNS or a self-run resolver",
  ],
  [
    'AWS::SQS::Queue',
    {fifoQueue: true},
    {portability: 'proprietary', category: 'queue'},
    'FIFO queue; check that the target supports ordering and deduplication (message groups) or use RabbitMQ single-active-consumer or NATS JetStream',
  ],
  [
    'microsoft.cache/redisenterprise',
    {sku: 'Enterprise_E10'},
    {portability: 'compatible', category: 'cache', retiring: '2027-03-31'},
    'Azure Cache for Redis Enterprise or Enterprise Flash tier, retiring on 2027-03-31',
  ],
  [
    'microsoft.cdn/profiles',
    {sku: 'Standard_AzureFrontDoor'},
    {portability: 'portable', category: 'load-balancer'},
    'Front Door Standard/Premium is a global HTTP load balancer and CDN; its routing needs a CDN plus GeoDNS or anycast load balancing at the target.',
  ],
  [
    'microsoft.cognitiveservices/accounts',
    {kind: 'OpenAI'},
    {portability: 'proprietary', category: 'ai-ml'},
    'Azure OpenAI / AI Foundry; the API is OpenAI-compatible, so clients switch base URL and key, but GPT models exist only at OpenAI and Microsoft, so open models (Mistral, Llama, Qwen) must be evaluated against the prompts.',
  ],
  [
    'microsoft.cognitiveservices/accounts',
    {kind: 'SpeechServices'},
    {portability: 'proprietary', category: 'ai-ml'},
    'Speech; transcription moves to Whisper or Vosk, synthesis to Piper; custom voices must be retrained.',
  ],
  [
    'microsoft.cognitiveservices/accounts',
    {kind: 'FormRecognizer'},
    {portability: 'proprietary', category: 'ai-ml'},
    'Vision and Document Intelligence; custom-trained extractors and classifiers must be rebuilt on open models.',
  ],
  [
    'microsoft.cognitiveservices/accounts',
    {kind: 'TextAnalytics'},
    {portability: 'proprietary', category: 'ai-ml'},
    'Language and translation services.',
  ],
  [
    'microsoft.compute/virtualmachines',
    {osType: 'Windows', vmSize: 'Standard_D4s_v5'},
    {portability: 'portable', category: 'compute-vm'},
    'Windows Server; the licence does not travel with Azure Hybrid Benefit, so bring your own licence (with mobility rights) or rent one from the new provider.',
  ],
  [
    'microsoft.documentdb/databaseaccounts',
    {kind: 'MongoDB'},
    {portability: 'compatible', category: 'document-db'},
    'API for MongoDB (RU-based); clients speak the MongoDB wire protocol, so mongodump/mongorestore or a live sync moves the data and only the connection string changes (check unsupported operators).',
  ],
  [
    'microsoft.documentdb/databaseaccounts',
    {kind: 'GlobalDocumentDB', capabilities: 'EnableCassandra'},
    {portability: 'compatible', category: 'key-value-db'},
    'API for Cassandra; CQL drivers work against Cassandra or ScyllaDB, data moves with dsbulk or Spark.',
  ],
  [
    'microsoft.documentdb/databaseaccounts',
    {kind: 'GlobalDocumentDB', capabilities: 'EnableGremlin'},
    {portability: 'compatible', category: 'document-db'},
    'API for Gremlin; traversals port to JanusGraph with changes for Cosmos-specific partitioning and unsupported steps.',
  ],
  [
    'microsoft.documentdb/databaseaccounts',
    {kind: 'GlobalDocumentDB', capabilities: 'EnableTable'},
    {portability: 'proprietary', category: 'key-value-db'},
    'API for Table; the Azure Tables SDK has no other server, so the data layer must be rewritten for a key-value or relational store.',
  ],
  [
    'microsoft.documentdb/databaseaccounts',
    {kind: 'GlobalDocumentDB'},
    {portability: 'proprietary', category: 'document-db'},
    'API for NoSQL (SQL API); proprietary query language, SDK and change feed, so the data layer must be rewritten.',
  ],
  [
    'microsoft.eventhub/namespaces',
    {kafkaEnabled: true, sku: 'Standard'},
    {portability: 'compatible', category: 'streaming'},
    'The Kafka endpoint is on; clients that already use Kafka libraries only change bootstrap servers and SASL credentials (Event Hubs SDK clients still need rewriting).',
  ],
  [
    'microsoft.machinelearningservices/workspaces',
    {kind: 'Hub'},
    {portability: 'proprietary', category: 'ai-ml'},
    'AI Foundry hub or project; prompt flows, agents and evaluations are Foundry-specific and are rebuilt with open LLM tooling, while the models move to a European inference service.',
  ],
  [
    'microsoft.signalrservice/webpubsub',
    {kind: 'SocketIO'},
    {portability: 'compatible', category: 'serverless'},
    'Socket.IO mode; clients speak standard Socket.IO, so a self-hosted Socket.IO server with a Redis adapter replaces it.',
  ],
  [
    'microsoft.sql/servers/databases',
    {sku: 'DW100c'},
    {portability: 'proprietary', category: 'data-warehouse'},
    'Dedicated SQL pool (formerly SQL Data Warehouse) hosted on a logical server; an MPP warehouse whose distribution and T-SQL dialect must be re-modelled.',
  ],
  [
    'microsoft.storage/storageaccounts',
    {kind: 'FileStorage'},
    {portability: 'portable', category: 'file-storage'},
    'Premium file storage account; clients mount SMB or NFS, so data moves with robocopy or rsync and mounts are re-pointed.',
  ],
  [
    'microsoft.storage/storageaccounts',
    {kind: 'StorageV2', isHnsEnabled: true},
    {portability: 'proprietary', category: 'object-storage'},
    'Data Lake Storage Gen2 (hierarchical namespace); Spark and Hadoop jobs switch abfs paths to s3a, and POSIX ACLs become bucket policies.',
  ],
  [
    'microsoft.web/sites',
    {kind: 'functionapp,workflowapp'},
    {portability: 'proprietary', category: 'workflow'},
    'Logic App Standard; workflows and managed connectors are rebuilt in an open workflow engine.',
  ],
  [
    'microsoft.web/sites',
    {kind: 'functionapp,linux'},
    {portability: 'proprietary', category: 'serverless'},
    'Function app; the Functions host is open source and runs in a container with KEDA, but triggers and bindings on Azure services (Service Bus, Cosmos DB, Event Grid) must be replaced.',
  ],
  [
    'microsoft.web/sites',
    {kind: 'app,linux,container'},
    {portability: 'compatible', category: 'serverless'},
    'Container-based app; the image runs unchanged on any container platform, only settings, scaling and domains move.',
  ],
  ['exoscale:dbaas-service', {type: 'pg'}, {portability: 'portable', category: 'relational-db'}, 'DBaaS PostgreSQL'],
  ['exoscale:dbaas-service', {type: 'mysql'}, {portability: 'portable', category: 'relational-db'}, 'DBaaS MySQL'],
  ['exoscale:dbaas-service', {type: 'valkey'}, {portability: 'compatible', category: 'cache'}, 'DBaaS Valkey'],
  ['exoscale:dbaas-service', {type: 'kafka'}, {portability: 'compatible', category: 'streaming'}, 'DBaaS Kafka'],
  ['exoscale:dbaas-service', {type: 'opensearch'}, {portability: 'portable', category: 'search'}, 'DBaaS OpenSearch'],
  ['exoscale:dbaas-service', {type: 'grafana'}, {portability: 'portable', category: 'observability'}, 'DBaaS Grafana'],
  [
    'exoscale:dbaas-service',
    {},
    {portability: 'compatible', category: 'relational-db', assumptions: 1},
    'Service type not read; PostgreSQL, MySQL, OpenSearch and Grafana would be portable',
  ],
  [
    'artifactregistry.googleapis.com/Repository',
    {format: 'MAVEN'},
    {portability: 'compatible', category: 'container-registry'},
    'Language or OS package repository, not an OCI image repository',
  ],
  [
    'compute.googleapis.com/Instance',
    {machineType: 'https://www.googleapis.com/compute/v1/projects/demo/zones/europe-west4-a/machineTypes/a2-highgpu-1g'},
    {portability: 'portable', category: 'compute-vm'},
    'GPU machine type',
  ],
  [
    'container.googleapis.com/Cluster',
    {enableAutopilot: true},
    {portability: 'portable', category: 'kubernetes'},
    'GKE Autopilot; node pools, upgrades and pod security defaults must be managed explicitly at the target',
  ],
  [
    'spanner.googleapis.com/Database',
    {databaseDialect: 'POSTGRESQL'},
    {portability: 'proprietary', category: 'relational-db'},
    'PostgreSQL-dialect database; schema and most queries carry over to PostgreSQL with fewer changes',
  ],
  [
    'sqladmin.googleapis.com/Instance',
    {databaseVersion: 'POSTGRES_16'},
    {portability: 'portable', category: 'relational-db'},
    'Cloud SQL for PostgreSQL',
  ],
  [
    'sqladmin.googleapis.com/Instance',
    {databaseVersion: 'MYSQL_8_0'},
    {portability: 'portable', category: 'relational-db'},
    'Cloud SQL for MySQL',
  ],
  [
    'sqladmin.googleapis.com/Instance',
    {databaseVersion: 'SQLSERVER_2022_STANDARD'},
    {portability: 'proprietary', category: 'relational-db'},
    'Cloud SQL for SQL Server',
  ],
  [
    'sqladmin.googleapis.com/Instance',
    {},
    {portability: 'proprietary', category: 'relational-db', assumptions: 1},
    'Database version not read; PostgreSQL and MySQL would be portable',
  ],
  [
    'storage.googleapis.com/Bucket',
    {storageClass: 'COLDLINE'},
    {portability: 'compatible', category: 'object-storage'},
    'Archive or Coldline storage class',
  ],
  [
    'openstack:database-instance',
    {datastore: 'postgresql'},
    {portability: 'portable', category: 'relational-db'},
    'Trove PostgreSQL',
  ],
  [
    'openstack:database-instance',
    {datastore: 'mysql'},
    {portability: 'portable', category: 'relational-db'},
    'Trove MySQL or Percona',
  ],
  ['openstack:database-instance', {datastore: 'mariadb'}, {portability: 'portable', category: 'relational-db'}, 'Trove MariaDB'],
  ['openstack:database-instance', {datastore: 'redis'}, {portability: 'compatible', category: 'cache'}, 'Trove Redis'],
  ['openstack:database-instance', {datastore: 'mongodb'}, {portability: 'compatible', category: 'document-db'}, 'Trove MongoDB'],
  [
    'openstack:database-instance',
    {},
    {portability: 'compatible', category: 'relational-db', assumptions: 1},
    'Datastore not read; PostgreSQL, MySQL and MariaDB would be portable',
  ],
  [
    'ovhcloud:database',
    {engine: 'postgresql'},
    {portability: 'portable', category: 'relational-db'},
    'Public Cloud Databases for PostgreSQL',
  ],
  [
    'ovhcloud:database',
    {engine: 'mysql'},
    {portability: 'portable', category: 'relational-db'},
    'Public Cloud Databases for MySQL',
  ],
  [
    'ovhcloud:database',
    {engine: 'mongodb'},
    {portability: 'compatible', category: 'document-db'},
    'Public Cloud Databases for MongoDB',
  ],
  [
    'ovhcloud:database',
    {engine: 'valkey'},
    {portability: 'compatible', category: 'cache'},
    'Public Cloud Databases for Valkey (Redis)',
  ],
  [
    'ovhcloud:database',
    {engine: 'kafka'},
    {portability: 'compatible', category: 'streaming'},
    'Public Cloud Databases for Kafka (incl. Kafka Connect and MirrorMaker)',
  ],
  [
    'ovhcloud:database',
    {engine: 'opensearch'},
    {portability: 'portable', category: 'search'},
    'Public Cloud Databases for OpenSearch',
  ],
  [
    'ovhcloud:database',
    {engine: 'cassandra'},
    {portability: 'portable', category: 'key-value-db'},
    'Public Cloud Databases for Cassandra',
  ],
  [
    'ovhcloud:database',
    {engine: 'grafana'},
    {portability: 'portable', category: 'observability'},
    'Public Cloud Databases for Grafana / M3',
  ],
  [
    'ovhcloud:database',
    {},
    {portability: 'compatible', category: 'relational-db', assumptions: 1},
    'Engine not read; PostgreSQL, MySQL and OpenSearch would be portable',
  ],
  [
    'scaleway:rdb-instance',
    {engine: 'PostgreSQL-16'},
    {portability: 'portable', category: 'relational-db'},
    'Managed Database for PostgreSQL',
  ],
  [
    'scaleway:rdb-instance',
    {engine: 'MySQL-8'},
    {portability: 'portable', category: 'relational-db'},
    'Managed Database for MySQL',
  ],
  [
    'upcloud:managed-database',
    {type: 'pg'},
    {portability: 'portable', category: 'relational-db'},
    'Managed Database for PostgreSQL',
  ],
  [
    'upcloud:managed-database',
    {type: 'mysql'},
    {portability: 'portable', category: 'relational-db'},
    'Managed Database for MySQL',
  ],
  ['upcloud:managed-database', {type: 'valkey'}, {portability: 'compatible', category: 'cache'}, 'Managed Database for Valkey'],
  ['upcloud:managed-database', {type: 'opensearch'}, {portability: 'portable', category: 'search'}, 'Managed OpenSearch'],
  [
    'upcloud:managed-database',
    {},
    {portability: 'compatible', category: 'relational-db', assumptions: 1},
    'Database type not read; PostgreSQL, MySQL and OpenSearch would be portable',
  ],
]

describe('every refine rule has a fixture: attributes in, mapping out', () => {
  it.each(FIXTURES)('%s %j', async (type, attributes, expected, refinedBy) => {
    const m = (await loadCatalog()).lookup(type, attributes)
    expect({portability: m.portability, category: m.category}).toEqual({
      portability: expected.portability,
      category: expected.category,
    })
    expect(m.type).toBe(expected.type ?? type)
    expect(m.refinedBy ?? null).toBe(refinedBy)
    expect(m.assumptions?.length).toBe(expected.assumptions)
    expect(m.retiring).toBe(expected.retiring)
  })

  it('no built-in rule is left without a fixture', async () => {
    const catalog = await loadCatalog()
    const covered = new Set(FIXTURES.map(([type, , , note]) => `${type}\u0000${note}`))
    const missing: string[] = []
    for (const [type, {entry}] of catalog.entries)
      for (const rule of entry.refine ?? []) {
        const note =
          rule.note ??
          Object.entries(rule.when)
            .map(([k, v]) => `${k}=${v === null ? 'unknown' : v}`)
            .join(', ')
        if (!covered.has(`${type}\u0000${note}`)) missing.push(`${type}: ${note}`)
      }
    expect(missing).toEqual([])
  })
})

/** A catalog folder with the real categories, providers, regions and egress files plus the given provider files. */
function catalogDir(files: Record<string, string>): string {
  const dir = tempDir('catalog-lint-')
  for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml', 'egress.yaml'])
    cpSync(join(ROOT, 'catalog', name), join(dir, name))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}
const NOW = new Date('2026-12-02T00:00:00Z')

const MULTI_ENGINE = `provider: aws
services:
  AWS::Acme:
    types:
      AWS::Acme::Database:
        category: relational-db
        portability: compatible
        stateful: true
        refine:
          - when: {engine: postgres}
            set: {portability: portable}
            note: PostgreSQL
          - when: {engine: "oracle-*"}
            set: {portability: proprietary, speaks: Oracle Net}
            note: Oracle
`

describe('an unknown engine is assessed as the harder case and flagged', () => {
  it('RDS without an engine is a licence-bound engine, with the assumption on the mapping', async () => {
    const catalog = await loadCatalog()
    for (const attributes of [
      {},
      {engine: 'postgres', attributesUnread: ['engine']},
      {engine: 'postgres', attributesUnread: 'engine'},
    ]) {
      const m = catalog.lookup('AWS::RDS::DBInstance', attributes)
      expect(m.portability).toBe('proprietary')
      expect(m.assumptions?.[0]).toMatch(/^engine unknown/)
    }
    // Read and known: no assumption, the easy case.
    expect(catalog.lookup('AWS::RDS::DBInstance', {engine: 'postgres'})).toMatchObject({portability: 'portable'})
    expect(catalog.lookup('AWS::RDS::DBInstance', {engine: 'postgres'}).assumptions).toBeUndefined()
    // The type-level view (catalog show, service rows) applies no rule at all.
    expect(catalog.lookup('AWS::RDS::DBInstance').assumptions).toBeUndefined()
  })

  it('the assessment carries the assumption on the resource and its service row', async () => {
    const {assess} = await import('../../src/assessment/assess.js')
    const snapshot = {
      schema: 'exitready/inventory@1' as const,
      createdAt: NOW.toISOString(),
      sources: [],
      resources: [
        {id: 'arn:aws:rds:eu-west-1:111122223333:db:a', provider: 'aws', type: 'AWS::RDS::DBInstance', tags: {}, source: 'test'},
      ],
    }
    const a = assess(snapshot, await loadCatalog(), {now: NOW})
    expect(a.resources[0]).toMatchObject({portability: 'proprietary', assumptions: [expect.stringMatching(/^engine unknown/)]})
    expect(a.services[0]!.assumptions).toEqual(a.resources[0]!.assumptions)
  })

  it('lint asks for an unknown-engine rule when the entry is not already the hardest case, and for the hardest class in it', async () => {
    let problems = await lintCatalog({dir: catalogDir({'aws.yaml': MULTI_ENGINE}), now: NOW})
    expect(problems.map((p) => [p.rule, p.line])).toContainEqual(['unknown-attribute', 9])
    const easy = `${MULTI_ENGINE}          - when: {engine: null}\n            set: {portability: compatible}\n            assume: engine unknown\n`
    problems = await lintCatalog({dir: catalogDir({'aws.yaml': easy}), now: NOW})
    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'unknown-attribute',
        line: 16,
        message: expect.stringMatching(/proprietary, not compatible/),
      }),
    )
    const right = `${MULTI_ENGINE}          - when: {engine: null}\n            set: {portability: proprietary}\n            assume: engine unknown\n`
    expect(await lintCatalog({dir: catalogDir({'aws.yaml': right}), now: NOW})).toEqual([])
  })
})

describe('ambiguous aliases are resolved by attributes', () => {
  it('the rds namespace holds RDS, Aurora, DocumentDB and Neptune: the engine decides the entry', async () => {
    const catalog = await loadCatalog()
    expect(catalog.lookup('rds:cluster', {engine: 'docdb'})).toMatchObject({
      type: 'AWS::DocDB::DBCluster',
      matchedBy: 'alias',
      category: 'document-db',
    })
    expect(catalog.lookup('AWS::RDS::DBCluster', {engine: 'neptune'})).toMatchObject({type: 'AWS::Neptune::DBCluster'})
    expect(catalog.lookup('rds:db', {engine: 'docdb'})).toMatchObject({type: 'AWS::DocDB::DBInstance'})
    expect(catalog.lookup('rds:db', {engine: 'aurora-postgresql'})).toMatchObject({
      type: 'AWS::RDS::DBInstance',
      portability: 'compatible',
    })
    // Not the first match: without an engine the alias stays on its own entry.
    expect(catalog.lookup('rds:cluster', {}).type).toBe('AWS::RDS::DBCluster')
  })

  it('lint refuses a resolveTo that names no entry', async () => {
    const text = MULTI_ENGINE.replace(
      '          - when: {engine: postgres}',
      '          - when: {engine: docdb}\n            resolveTo: AWS::DocDB::Nothing\n          - when: {engine: postgres}',
    )
    const problems = await lintCatalog({dir: catalogDir({'aws.yaml': text}), now: NOW})
    expect(problems).toContainEqual(expect.objectContaining({rule: 'resolve', line: 11}))
  })
})

describe('rules that change nothing or can never apply', () => {
  it('lint reports a rule whose set equals the entry, and one shadowed by an earlier identical condition', async () => {
    const text = `${MULTI_ENGINE}          - when: {engine: mysql}\n            set: {portability: compatible}\n          - when: {Engine: POSTGRES}\n            set: {effort: S}\n`
    const problems = await lintCatalog({dir: catalogDir({'aws.yaml': text}), now: NOW})
    expect(problems.filter((p) => p.rule === 'refine-noop').map((p) => p.line)).toEqual([16])
    expect(problems.filter((p) => p.rule === 'refine-shadowed').map((p) => p.line)).toEqual([18])
  })
})
