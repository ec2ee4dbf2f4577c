import type {ResourceInput, Snapshot, SourceStatus} from '../inventory/model.js'
import {createSnapshot} from '../inventory/snapshot.js'
import {hex, pick, seededRandom} from '../util/random.js'

/**
 * The demo estate: "Nordwind Versicherung AG", a mid-sized European insurer. Claims and policy
 * administration run on AWS (tagged as supporting critical functions under DORA), office IT and
 * customer analytics on Azure, machine learning on GCP, and a first move to European providers
 * (Hetzner, Scaleway) has begun. Everything is derived from the seed.
 */
export const DEMO_CREATED_AT = new Date('2026-11-02T09:30:00Z')

const AWS_PROD = '412345678901'
const AWS_DATA = '598765432109'
const AZ_CORP = '6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30'
const AZ_ANALYTICS = 'c3a9e5b1-47d2-4f8a-b6e0-91f2a7d4c8e5'
const GCP_PROJECT = 'nordwind-ml-prod'

interface App {
  app: string
  owner: string
  costCenter: string
  critical?: boolean
  exitPlan?: boolean
  classification: 'public' | 'internal' | 'confidential' | 'restricted'
}

export function buildDemoEstate(seed = 20261128): Snapshot {
  const random = seededRandom(seed)
  const resources: ResourceInput[] = []
  const counts = new Map<string, number>()
  const size = (min: number, max: number) => Math.round(min + random() * (max - min))
  const tagsFor = (app: App, env = 'prod'): Record<string, string> => ({
    app: app.app,
    owner: app.owner,
    'cost-center': app.costCenter,
    environment: env,
    'data-classification': app.classification,
    ...(app.critical ? {'critical-function': 'true'} : {}),
    ...(app.critical && app.exitPlan ? {'exit-plan': `https://wiki.nordwind.example/exit/${app.app}`} : {}),
  })
  const push = (scope: string, r: Omit<ResourceInput, 'source'>): string => {
    counts.set(scope, (counts.get(scope) ?? 0) + 1)
    resources.push({...r, source: `demo:${scope}`})
    return r.id
  }

  // ---------- AWS ----------
  const arn = (service: string, region: string, account: string, resource: string) =>
    `arn:aws:${service}:${region}:${account}:${resource}`
  const aws = (
    account: string,
    region: string,
    type: string,
    id: string,
    name: string,
    tags: Record<string, string>,
    extra: Partial<ResourceInput> = {},
  ) => push(`aws/${account}/${region}`, {id, provider: 'aws', type, name, account, region, tags, ...extra})

  const claims: App = {
    app: 'claims',
    owner: 'claims-platform@nordwind.example',
    costCenter: 'CC-4100',
    critical: true,
    exitPlan: true,
    classification: 'confidential',
  }
  const policyCore: App = {
    app: 'policy-core',
    owner: 'policy-admin@nordwind.example',
    costCenter: 'CC-4200',
    critical: true,
    exitPlan: false,
    classification: 'restricted',
  }
  const dataLake: App = {
    app: 'data-lake',
    owner: 'data-office@nordwind.example',
    costCenter: 'CC-7100',
    classification: 'confidential',
  }

  for (const [account, region, app] of [
    [AWS_PROD, 'eu-central-1', claims],
    [AWS_PROD, 'eu-west-1', policyCore],
  ] as const) {
    const tags = tagsFor(app)
    const vpc = aws(
      account,
      region,
      'AWS::EC2::VPC',
      arn('ec2', region, account, `vpc/vpc-${hex(random, 17)}`),
      `${app.app}-vpc`,
      tags,
    )
    const subnets = ['a', 'b', 'c'].map((az) =>
      aws(
        account,
        region,
        'AWS::EC2::Subnet',
        arn('ec2', region, account, `subnet/subnet-${hex(random, 17)}`),
        `${app.app}-private-${az}`,
        tags,
        {dependsOn: [vpc]},
      ),
    )
    const sg = aws(
      account,
      region,
      'AWS::EC2::SecurityGroup',
      arn('ec2', region, account, `security-group/sg-${hex(random, 17)}`),
      `${app.app}-app-sg`,
      tags,
      {dependsOn: [vpc]},
    )
    aws(
      account,
      region,
      'AWS::EC2::NatGateway',
      arn('ec2', region, account, `natgateway/nat-${hex(random, 17)}`),
      `${app.app}-nat`,
      tags,
      {dependsOn: [subnets[0]!]},
    )
    const kms = aws(
      account,
      region,
      'AWS::KMS::Key',
      arn(
        'kms',
        region,
        account,
        `key/${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`,
      ),
      `${app.app}-data-key`,
      tags,
    )
    const logs = Array.from({length: 16}, (_, i) =>
      aws(
        account,
        region,
        'AWS::Logs::LogGroup',
        arn('logs', region, account, `log-group:/${app.app}/service-${i + 1}`),
        `/${app.app}/service-${i + 1}`,
        tags,
      ),
    )
    const db =
      app === claims
        ? aws(
            account,
            region,
            'AWS::RDS::DBInstance',
            arn('rds', region, account, 'db:claims-postgres-prod'),
            'claims-postgres-prod',
            tags,
            {
              attributes: {engine: 'postgres', engineVersion: '16.4', instanceClass: 'db.r6g.2xlarge', kmsKeyId: kms},
              sizeGiB: 750,
              dependsOn: [subnets[0]!, kms],
            },
          )
        : aws(
            account,
            region,
            'AWS::RDS::DBInstance',
            arn('rds', region, account, 'db:policy-admin-oracle'),
            'policy-admin-oracle',
            tags,
            {
              attributes: {
                engine: 'oracle-ee',
                engineVersion: '19.0.0.0.ru-2024-10',
                instanceClass: 'db.r5.4xlarge',
                licenseModel: 'bring-your-own-license',
              },
              sizeGiB: 1800,
              dependsOn: [subnets[1]!, kms],
            },
          )
    if (app === policyCore) {
      aws(
        account,
        region,
        'AWS::RDS::DBCluster',
        arn('rds', region, account, 'cluster:policy-quotes-aurora'),
        'policy-quotes-aurora',
        tags,
        {
          attributes: {engine: 'aurora-postgresql', engineVersion: '15.8'},
          sizeGiB: 320,
          dependsOn: [subnets[2]!, kms],
        },
      )
      // The legacy policy engine runs on EC2 with attached EBS volumes.
      for (let i = 1; i <= 24; i++) {
        const volume = aws(
          account,
          region,
          'AWS::EC2::Volume',
          arn('ec2', region, account, `volume/vol-${hex(random, 17)}`),
          `policy-engine-${i}-data`,
          tags,
          {
            sizeGiB: pick(random, [100, 200, 500]),
            attributes: {volumeType: 'gp3'},
          },
        )
        aws(
          account,
          region,
          'AWS::EC2::Instance',
          arn('ec2', region, account, `instance/i-${hex(random, 17)}`),
          `policy-engine-${i}`,
          tags,
          {
            attributes: {
              instanceType: pick(random, ['m6i.xlarge', 'm6i.2xlarge', 'r6i.xlarge']),
              platform: 'Linux/UNIX',
              imageId: `ami-${hex(random, 17)}`,
            },
            dependsOn: [volume, subnets[i % 3]!, sg],
          },
        )
      }
      aws(
        account,
        region,
        'AWS::EFS::FileSystem',
        arn('elasticfilesystem', region, account, `file-system/fs-${hex(random, 17)}`),
        'policy-documents-share',
        tags,
        {sizeGiB: 410},
      )
      aws(
        account,
        region,
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        arn('elasticloadbalancing', region, account, `loadbalancer/net/policy-nlb/${hex(random, 16)}`),
        'policy-nlb',
        tags,
        {dependsOn: subnets},
      )
      aws(
        account,
        region,
        'AWS::Transfer::Server',
        arn('transfer', region, account, `server/s-${hex(random, 17)}`),
        'broker-sftp',
        tags,
      )
      // A private CloudFormation registry type for the mainframe bridge: deliberately unmapped.
      for (let i = 1; i <= 2; i++)
        aws(
          account,
          region,
          'Nordwind::Mainframe::Connector',
          arn('cloudformation', region, account, `type/resource/Nordwind-Mainframe-Connector/${i}`),
          `mainframe-bridge-${i}`,
          tags,
        )
      continue
    }
    // Claims: containers behind an ALB, serverless intake, queues, documents in S3.
    const cluster = aws(
      account,
      region,
      'AWS::ECS::Cluster',
      arn('ecs', region, account, 'cluster/claims-prod'),
      'claims-prod',
      tags,
    )
    const alb = aws(
      account,
      region,
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      arn('elasticloadbalancing', region, account, `loadbalancer/app/claims-alb/${hex(random, 16)}`),
      'claims-alb',
      tags,
      {dependsOn: [...subnets, sg]},
    )
    const cache = aws(
      account,
      region,
      'AWS::ElastiCache::ReplicationGroup',
      arn('elasticache', region, account, 'replicationgroup:claims-sessions'),
      'claims-sessions',
      tags,
      {attributes: {engine: 'valkey', engineVersion: '8.0'}, dependsOn: [subnets[0]!]},
    )
    const docs = aws(
      account,
      region,
      'AWS::S3::Bucket',
      'arn:aws:s3:::nordwind-claims-documents-prod',
      'nordwind-claims-documents-prod',
      tags,
      {sizeGiB: 2400},
    )
    const table = aws(
      account,
      region,
      'AWS::DynamoDB::Table',
      arn('dynamodb', region, account, 'table/claims-intake-state'),
      'claims-intake-state',
      tags,
      {sizeGiB: 38},
    )
    const events = aws(
      account,
      region,
      'AWS::DynamoDB::Table',
      arn('dynamodb', region, account, 'table/claims-events'),
      'claims-events',
      tags,
      {sizeGiB: 212},
    )
    const queues = ['intake', 'fraud-check', 'payout', 'notifications'].map((q) =>
      aws(account, region, 'AWS::SQS::Queue', arn('sqs', region, account, `claims-${q}`), `claims-${q}`, tags),
    )
    const topic = aws(
      account,
      region,
      'AWS::SNS::Topic',
      arn('sns', region, account, 'claims-status-changed'),
      'claims-status-changed',
      tags,
    )
    const pool = aws(
      account,
      region,
      'AWS::Cognito::UserPool',
      arn('cognito-idp', region, account, `userpool/${region}_${hex(random, 9)}`),
      'nordwind-customers',
      tags,
    )
    const secret = aws(
      account,
      region,
      'AWS::SecretsManager::Secret',
      arn('secretsmanager', region, account, `secret:claims/db-${hex(random, 6)}`),
      'claims/db',
      tags,
    )
    const services = ['api', 'intake', 'assessment', 'payout', 'documents', 'notifications']
    for (const [i, svc] of services.entries()) {
      const repo = aws(
        account,
        region,
        'AWS::ECR::Repository',
        arn('ecr', region, account, `repository/claims/${svc}`),
        `claims/${svc}`,
        tags,
      )
      aws(
        account,
        region,
        'AWS::ECS::Service',
        arn('ecs', region, account, `service/claims-prod/claims-${svc}`),
        `claims-${svc}`,
        tags,
        {
          dependsOn: [
            cluster,
            repo,
            alb,
            db,
            cache,
            secret,
            logs[i]!,
            ...(svc === 'documents' ? [docs] : []),
            ...(svc === 'intake' ? [queues[0]!] : []),
          ],
        },
      )
    }
    const role = aws(
      account,
      region,
      'AWS::IAM::Role',
      `arn:aws:iam::${account}:role/claims-lambda-exec`,
      'claims-lambda-exec',
      tags,
    )
    for (const fn of [
      'ocr-extract',
      'fraud-score',
      'payout-batch',
      'status-notify',
      'intake-validate',
      'archive-expired',
      'customer-webhook',
      'adjuster-assign',
      'iban-check',
      'sanctions-screen',
      'invoice-parse',
      'repair-shop-sync',
      'photo-resize',
      'sla-monitor',
    ]) {
      aws(
        account,
        region,
        'AWS::Lambda::Function',
        arn('lambda', region, account, `function:claims-${fn}`),
        `claims-${fn}`,
        tags,
        {
          attributes: {runtime: pick(random, ['python3.12', 'nodejs20.x', 'java21']), packageType: 'Zip', role},
          dependsOn: [
            role,
            pick(random, queues),
            pick(random, [table, events]),
            ...(fn === 'ocr-extract' ? [docs] : []),
            ...(fn === 'status-notify' ? [topic] : []),
          ],
        },
      )
    }
    const api = aws(
      account,
      region,
      'AWS::ApiGateway::RestApi',
      arn('apigateway', region, '', `/restapis/${hex(random, 10)}`),
      'claims-public-api',
      tags,
      {dependsOn: [pool]},
    )
    aws(
      account,
      region,
      'AWS::StepFunctions::StateMachine',
      arn('states', region, account, 'stateMachine:claims-settlement'),
      'claims-settlement',
      tags,
      {dependsOn: [queues[2]!, events]},
    )
    aws(
      account,
      region,
      'AWS::Events::Rule',
      arn('events', region, account, 'rule/claims-nightly-archive'),
      'claims-nightly-archive',
      tags,
    )
    aws(
      account,
      'global',
      'AWS::CloudFront::Distribution',
      `arn:aws:cloudfront::${account}:distribution/E${hex(random, 13).toUpperCase()}`,
      'claims-web',
      tags,
      {dependsOn: [alb, api]},
    )
    aws(
      account,
      'global',
      'AWS::Route53::HostedZone',
      `arn:aws:route53:::hostedzone/Z${hex(random, 20).toUpperCase()}`,
      'claims.nordwind.example',
      tags,
    )
    aws(
      account,
      region,
      'AWS::WAFv2::WebACL',
      arn('wafv2', region, account, `regional/webacl/claims-waf/${hex(random, 8)}`),
      'claims-waf',
      tags,
    )
    aws(
      account,
      region,
      'AWS::CloudWatch::Alarm',
      arn('cloudwatch', region, account, 'alarm:claims-5xx-rate'),
      'claims-5xx-rate',
      tags,
    )
    aws(
      account,
      region,
      'AWS::Backup::BackupVault',
      arn('backup', region, account, 'backup-vault:claims-vault'),
      'claims-vault',
      tags,
    )
  }

  // The data account: a lake on S3 with Glue, Athena, Redshift and streaming.
  {
    const account = AWS_DATA
    const region = 'eu-central-1'
    const tags = tagsFor(dataLake)
    const buckets = ['raw', 'curated', 'analytics', 'archive'].map((zone, i) =>
      aws(account, region, 'AWS::S3::Bucket', `arn:aws:s3:::nordwind-lake-${zone}`, `nordwind-lake-${zone}`, tags, {
        sizeGiB: [18_500, 9_200, 3_100, 41_000][i],
      }),
    )
    const stream = aws(
      account,
      region,
      'AWS::Kinesis::Stream',
      arn('kinesis', region, account, 'stream/claims-events-cdc'),
      'claims-events-cdc',
      tags,
    )
    aws(
      account,
      region,
      'AWS::MSK::Cluster',
      arn('kafka', region, account, `cluster/telematics/${hex(random, 8)}-${hex(random, 4)}-1`),
      'telematics',
      tags,
    )
    aws(
      account,
      region,
      'AWS::KinesisFirehose::DeliveryStream',
      arn('firehose', region, account, 'deliverystream/cdc-to-lake'),
      'cdc-to-lake',
      tags,
      {dependsOn: [stream, buckets[0]!]},
    )
    for (let i = 1; i <= 16; i++)
      aws(account, region, 'AWS::Glue::Job', arn('glue', region, account, `job/curate-${i}`), `curate-${i}`, tags, {
        dependsOn: [buckets[0]!, buckets[1]!],
      })
    for (let i = 1; i <= 4; i++)
      aws(account, region, 'AWS::Glue::Crawler', arn('glue', region, account, `crawler/lake-${i}`), `lake-${i}`, tags, {
        dependsOn: [buckets[1]!],
      })
    aws(account, region, 'AWS::Athena::WorkGroup', arn('athena', region, account, 'workgroup/actuarial'), 'actuarial', tags, {
      dependsOn: [buckets[2]!],
    })
    aws(account, region, 'AWS::Redshift::Cluster', arn('redshift', region, account, 'cluster:finance-dwh'), 'finance-dwh', tags, {
      sizeGiB: 5_600,
      dependsOn: [buckets[2]!],
    })
    aws(
      account,
      region,
      'AWS::SageMaker::Endpoint',
      arn('sagemaker', region, account, 'endpoint/claims-fraud-v7'),
      'claims-fraud-v7',
      tags,
    )
    aws(
      account,
      region,
      'AWS::SageMaker::NotebookInstance',
      arn('sagemaker', region, account, 'notebook-instance/actuarial-lab'),
      'actuarial-lab',
      tags,
    )
    aws(
      account,
      region,
      'AWS::EMR::Cluster',
      arn('elasticmapreduce', region, account, `cluster/j-${hex(random, 13).toUpperCase()}`),
      'risk-model-spark',
      tags,
      {dependsOn: [buckets[1]!]},
    )
    aws(
      account,
      region,
      'AWS::OpenSearchService::Domain',
      arn('es', region, account, 'domain/claims-search'),
      'claims-search',
      tags,
      {attributes: {engineVersion: 'OpenSearch_2.15'}, sizeGiB: 180},
    )
  }

  // ---------- Azure ----------
  const azureId = (sub: string, rg: string, provider: string, kind: string, name: string) =>
    `/subscriptions/${sub}/resourceGroups/${rg}/providers/${provider}/${kind}/${name}`
  const azure = (
    sub: string,
    rg: string,
    location: string,
    type: string,
    id: string,
    name: string,
    tags: Record<string, string>,
    extra: Partial<ResourceInput> = {},
  ) =>
    push(`azure/${sub}`, {
      id,
      provider: 'azure',
      type,
      name,
      account: sub,
      region: location,
      tags,
      ...extra,
      attributes: {resourceGroup: rg, ...extra.attributes},
    })

  const office: App = {app: 'office-it', owner: 'workplace@nordwind.example', costCenter: 'CC-1200', classification: 'internal'}
  const broker: App = {
    app: 'broker-portal',
    owner: 'broker-channel@nordwind.example',
    costCenter: 'CC-4300',
    critical: true,
    exitPlan: true,
    classification: 'confidential',
  }
  const analytics: App = {
    app: 'customer-analytics',
    owner: 'data-office@nordwind.example',
    costCenter: 'CC-7100',
    classification: 'confidential',
  }
  {
    const sub = AZ_CORP
    const loc = 'germanywestcentral'
    const rg = 'rg-office-prod'
    const tags = tagsFor(office)
    const vnet = azure(
      sub,
      rg,
      loc,
      'microsoft.network/virtualnetworks',
      azureId(sub, rg, 'Microsoft.Network', 'virtualNetworks', 'vnet-office-gwc'),
      'vnet-office-gwc',
      tags,
    )
    const subnet = `${vnet}/subnets/snet-servers`
    azure(sub, rg, loc, 'microsoft.network/virtualnetworks/subnets', subnet, 'snet-servers', tags, {dependsOn: [vnet]})
    const nsg = azure(
      sub,
      rg,
      loc,
      'microsoft.network/networksecuritygroups',
      azureId(sub, rg, 'Microsoft.Network', 'networkSecurityGroups', 'nsg-servers'),
      'nsg-servers',
      tags,
    )
    for (const [i, role] of [
      'dc01',
      'dc02',
      'file01',
      'file02',
      'print01',
      'sccm01',
      'rds01',
      'rds02',
      'rds03',
      'rds04',
      'ctx01',
      'ctx02',
      'ctx03',
      'av01',
      'backup01',
      'wsus01',
      'jump01',
      'dms01',
      'dms02',
    ].entries()) {
      const name = `vm-${role}`
      const disk = azure(
        sub,
        rg,
        loc,
        'microsoft.compute/disks',
        azureId(sub, rg, 'Microsoft.Compute', 'disks', `${name}_OsDisk_1_${hex(random, 32)}`),
        `${name}-osdisk`,
        tags,
        {sizeGiB: 128},
      )
      const dataDisk =
        role.startsWith('file') || role.startsWith('dms')
          ? [
              azure(
                sub,
                rg,
                loc,
                'microsoft.compute/disks',
                azureId(sub, rg, 'Microsoft.Compute', 'disks', `${name}-data-01`),
                `${name}-data-01`,
                tags,
                {sizeGiB: 1024},
              ),
            ]
          : []
      const nic = azure(
        sub,
        rg,
        loc,
        'microsoft.network/networkinterfaces',
        azureId(sub, rg, 'Microsoft.Network', 'networkInterfaces', `${name}-nic`),
        `${name}-nic`,
        tags,
        {
          attributes: {subnetId: subnet},
          dependsOn: [subnet, nsg],
        },
      )
      azure(
        sub,
        rg,
        loc,
        'microsoft.compute/virtualmachines',
        azureId(sub, rg, 'Microsoft.Compute', 'virtualMachines', name),
        name,
        tags,
        {
          attributes: {
            vmSize: pick(random, ['Standard_D4s_v5', 'Standard_E4s_v5', 'Standard_D2s_v5']),
            osType: i < 16 ? 'Windows' : 'Linux',
            nicIds: [nic],
            diskIds: [disk, ...dataDisk],
          },
          dependsOn: [nic, disk, ...dataDisk],
        },
      )
    }
    const kv = azure(
      sub,
      rg,
      loc,
      'microsoft.keyvault/vaults',
      azureId(sub, rg, 'Microsoft.KeyVault', 'vaults', 'kv-nordwind-office'),
      'kv-nordwind-office',
      tags,
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.storage/storageaccounts',
      azureId(sub, rg, 'Microsoft.Storage', 'storageAccounts', 'stnwofficeprofiles'),
      'stnwofficeprofiles',
      tags,
      {attributes: {kind: 'StorageV2', sku: 'Standard_ZRS'}, sizeGiB: 3_400},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.recoveryservices/vaults',
      azureId(sub, rg, 'Microsoft.RecoveryServices', 'vaults', 'rsv-office'),
      'rsv-office',
      tags,
      {sizeGiB: 6_200},
    )
    azure(
      sub,
      rg,
      'westeurope',
      'microsoft.insights/components',
      azureId(sub, rg, 'Microsoft.Insights', 'components', 'appi-intranet'),
      'appi-intranet',
      tags,
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.operationalinsights/workspaces',
      azureId(sub, rg, 'Microsoft.OperationalInsights', 'workspaces', 'log-nordwind-central'),
      'log-nordwind-central',
      tags,
      {sizeGiB: 540},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.automation/automationaccounts',
      azureId(sub, rg, 'Microsoft.Automation', 'automationAccounts', 'aa-office-runbooks'),
      'aa-office-runbooks',
      tags,
      {dependsOn: [kv]},
    )

    // The broker portal: App Service, Functions, Azure SQL, Service Bus, Cosmos DB.
    const brg = 'rg-broker-portal-prod'
    const btags = tagsFor(broker)
    const plan = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.web/serverfarms',
      azureId(sub, brg, 'Microsoft.Web', 'serverfarms', 'asp-broker-prod'),
      'asp-broker-prod',
      btags,
      {attributes: {sku: 'P1v3', kind: 'linux'}},
    )
    const sql = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.sql/servers',
      azureId(sub, brg, 'Microsoft.Sql', 'servers', 'sql-broker-prod'),
      'sql-broker-prod',
      btags,
    )
    const sqldb = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.sql/servers/databases',
      `${sql}/databases/brokerdb`,
      'brokerdb',
      btags,
      {sizeGiB: 250, dependsOn: [sql]},
    )
    const sb = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.servicebus/namespaces',
      azureId(sub, brg, 'Microsoft.ServiceBus', 'namespaces', 'sb-broker-prod'),
      'sb-broker-prod',
      btags,
    )
    const cosmos = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.documentdb/databaseaccounts',
      azureId(sub, brg, 'Microsoft.DocumentDB', 'databaseAccounts', 'cosmos-broker-quotes'),
      'cosmos-broker-quotes',
      btags,
      {attributes: {kind: 'GlobalDocumentDB'}, sizeGiB: 95},
    )
    const bkv = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.keyvault/vaults',
      azureId(sub, brg, 'Microsoft.KeyVault', 'vaults', 'kv-broker-prod'),
      'kv-broker-prod',
      btags,
    )
    for (const q of ['quotes', 'documents', 'commissions'])
      azure(sub, brg, 'westeurope', 'microsoft.servicebus/namespaces/queues', `${sb}/queues/${q}`, q, btags, {dependsOn: [sb]})
    for (const app of ['broker-web', 'broker-api', 'broker-admin'])
      azure(
        sub,
        brg,
        'westeurope',
        'microsoft.web/sites',
        azureId(sub, brg, 'Microsoft.Web', 'sites', `app-${app}`),
        `app-${app}`,
        btags,
        {
          attributes: {kind: 'app,linux,container', serverFarmId: plan},
          dependsOn: [plan, sqldb, bkv, ...(app === 'broker-api' ? [sb, cosmos] : [])],
        },
      )
    for (const fn of ['quote-calc', 'commission-run', 'doc-render', 'partner-sync'])
      azure(
        sub,
        brg,
        'westeurope',
        'microsoft.web/sites',
        azureId(sub, brg, 'Microsoft.Web', 'sites', `func-${fn}`),
        `func-${fn}`,
        btags,
        {
          attributes: {kind: 'functionapp,linux', serverFarmId: plan},
          dependsOn: [plan, sb, cosmos],
        },
      )
    azure(
      sub,
      brg,
      'westeurope',
      'microsoft.network/frontdoors',
      azureId(sub, brg, 'Microsoft.Network', 'frontDoors', 'fd-broker'),
      'fd-broker',
      btags,
    )
    azure(
      sub,
      brg,
      'westeurope',
      'microsoft.network/dnszones',
      azureId(sub, brg, 'Microsoft.Network', 'dnszones', 'broker.nordwind.example'),
      'broker.nordwind.example',
      btags,
    )
    azure(
      sub,
      brg,
      'westeurope',
      'nordwind.mainframe/connectors',
      azureId(sub, brg, 'Nordwind.Mainframe', 'connectors', 'mf-broker-bridge'),
      'mf-broker-bridge',
      btags,
    )

    // The AKS platform shared by internal tools.
    const prg = 'rg-platform-aks'
    const ptags = tagsFor({
      app: 'platform',
      owner: 'platform@nordwind.example',
      costCenter: 'CC-1300',
      classification: 'internal',
    })
    const acr = azure(
      sub,
      prg,
      loc,
      'microsoft.containerregistry/registries',
      azureId(sub, prg, 'Microsoft.ContainerRegistry', 'registries', 'acrnordwind'),
      'acrnordwind',
      ptags,
      {sizeGiB: 310},
    )
    azure(
      sub,
      prg,
      loc,
      'microsoft.containerservice/managedclusters',
      azureId(sub, prg, 'Microsoft.ContainerService', 'managedClusters', 'aks-platform-gwc'),
      'aks-platform-gwc',
      ptags,
      {dependsOn: [acr, vnet]},
    )
    azure(
      sub,
      prg,
      loc,
      'microsoft.dbforpostgresql/flexibleservers',
      azureId(sub, prg, 'Microsoft.DBforPostgreSQL', 'flexibleServers', 'psql-platform'),
      'psql-platform',
      ptags,
      {sizeGiB: 128},
    )
    azure(
      sub,
      prg,
      loc,
      'microsoft.cache/redis',
      azureId(sub, prg, 'Microsoft.Cache', 'Redis', 'redis-platform'),
      'redis-platform',
      ptags,
    )
  }
  {
    const sub = AZ_ANALYTICS
    const rg = 'rg-customer-analytics'
    const loc = 'westeurope'
    const tags = tagsFor(analytics)
    const lake = azure(
      sub,
      rg,
      loc,
      'microsoft.storage/storageaccounts',
      azureId(sub, rg, 'Microsoft.Storage', 'storageAccounts', 'dlsnwcustomer'),
      'dlsnwcustomer',
      tags,
      {attributes: {kind: 'StorageV2', isHnsEnabled: true}, sizeGiB: 12_800},
    )
    const syn = azure(
      sub,
      rg,
      loc,
      'microsoft.synapse/workspaces',
      azureId(sub, rg, 'Microsoft.Synapse', 'workspaces', 'syn-customer'),
      'syn-customer',
      tags,
      {dependsOn: [lake]},
    )
    azure(sub, rg, loc, 'microsoft.synapse/workspaces/sqlpools', `${syn}/sqlPools/dwh`, 'dwh', tags, {
      sizeGiB: 2_200,
      dependsOn: [syn],
    })
    azure(
      sub,
      rg,
      loc,
      'microsoft.datafactory/factories',
      azureId(sub, rg, 'Microsoft.DataFactory', 'factories', 'adf-customer-ingest'),
      'adf-customer-ingest',
      tags,
      {dependsOn: [lake]},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.databricks/workspaces',
      azureId(sub, rg, 'Microsoft.Databricks', 'workspaces', 'dbw-actuarial'),
      'dbw-actuarial',
      tags,
      {dependsOn: [lake]},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.eventhub/namespaces',
      azureId(sub, rg, 'Microsoft.EventHub', 'namespaces', 'evh-clickstream'),
      'evh-clickstream',
      tags,
      {attributes: {kafkaEnabled: true}},
    )
    azure(
      sub,
      rg,
      'swedencentral',
      'microsoft.cognitiveservices/accounts',
      azureId(sub, rg, 'Microsoft.CognitiveServices', 'accounts', 'oai-claims-assistant'),
      'oai-claims-assistant',
      tags,
      {attributes: {kind: 'OpenAI'}},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.search/searchservices',
      azureId(sub, rg, 'Microsoft.Search', 'searchServices', 'srch-policies'),
      'srch-policies',
      tags,
      {sizeGiB: 40},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.machinelearningservices/workspaces',
      azureId(sub, rg, 'Microsoft.MachineLearningServices', 'workspaces', 'mlw-churn'),
      'mlw-churn',
      tags,
    )
  }

  // ---------- GCP ----------
  const ml: App = {app: 'ml-platform', owner: 'ml@nordwind.example', costCenter: 'CC-7200', classification: 'confidential'}
  {
    const tags = tagsFor(ml)
    const project = GCP_PROJECT
    const gcp = (service: string, type: string, path: string, name: string, region: string, extra: Partial<ResourceInput> = {}) =>
      push(`gcp/${project}`, {
        id: `//${service}/projects/${project}/${path}`,
        provider: 'gcp',
        type,
        name,
        account: project,
        region,
        tags,
        ...extra,
      })
    const network = gcp('compute.googleapis.com', 'compute.googleapis.com/Network', 'global/networks/ml-vpc', 'ml-vpc', 'global')
    gcp(
      'compute.googleapis.com',
      'compute.googleapis.com/Subnetwork',
      'regions/europe-west3/subnetworks/ml-ew3',
      'ml-ew3',
      'europe-west3',
      {dependsOn: [network]},
    )
    const gke = gcp(
      'container.googleapis.com',
      'container.googleapis.com/Cluster',
      'locations/europe-west3/clusters/ml-serving',
      'ml-serving',
      'europe-west3',
      {dependsOn: [network]},
    )
    for (const pool of ['cpu-pool', 'gpu-l4-pool'])
      gcp(
        'container.googleapis.com',
        'container.googleapis.com/NodePool',
        `locations/europe-west3/clusters/ml-serving/nodePools/${pool}`,
        pool,
        'europe-west3',
        {dependsOn: [gke]},
      )
    const features = ['claims_features', 'telematics', 'churn', 'pricing'].map((d) =>
      gcp('bigquery.googleapis.com', 'bigquery.googleapis.com/Dataset', `datasets/${d}`, d, 'EU', {sizeGiB: size(200, 4_000)}),
    )
    for (const b of ['training-data', 'model-artifacts', 'batch-scoring', 'feature-snapshots', 'labelling', 'tensorboard-logs'])
      gcp(
        'storage.googleapis.com',
        'storage.googleapis.com/Bucket',
        `buckets/nordwind-ml-${b}`,
        `nordwind-ml-${b}`,
        'europe-west3',
        {sizeGiB: size(300, 6_000)},
      )
    const topics = ['score-requests', 'score-results'].map((t) =>
      gcp('pubsub.googleapis.com', 'pubsub.googleapis.com/Topic', `topics/${t}`, t, 'global'),
    )
    for (const [i, t] of topics.entries())
      gcp(
        'pubsub.googleapis.com',
        'pubsub.googleapis.com/Subscription',
        `subscriptions/${['scorer', 'writer'][i]}`,
        ['scorer', 'writer'][i]!,
        'global',
        {dependsOn: [t]},
      )
    for (const svc of ['feature-api', 'score-gateway', 'model-registry-ui', 'explain-api', 'drift-monitor', 'batch-trigger'])
      gcp('run.googleapis.com', 'run.googleapis.com/Service', `locations/europe-west3/services/${svc}`, svc, 'europe-west3', {
        dependsOn: [topics[0]!, features[0]!],
      })
    gcp('sqladmin.googleapis.com', 'sqladmin.googleapis.com/Instance', 'instances/mlflow-db', 'mlflow-db', 'europe-west3', {
      attributes: {databaseVersion: 'POSTGRES_15'},
      sizeGiB: 60,
    })
    for (const ep of ['fraud-v7', 'churn-v3'])
      gcp(
        'aiplatform.googleapis.com',
        'aiplatform.googleapis.com/Endpoint',
        `locations/europe-west4/endpoints/${hex(random, 19)}`,
        ep,
        'europe-west4',
        {dependsOn: [features[0]!]},
      )
    // Research workstations: VMs with persistent disks.
    for (let i = 1; i <= 10; i++) {
      const zone = i % 2 ? 'europe-west3-a' : 'europe-west3-b'
      const disk = gcp(
        'compute.googleapis.com',
        'compute.googleapis.com/Disk',
        `zones/${zone}/disks/research-ws-${i}`,
        `research-ws-${i}`,
        zone,
        {sizeGiB: pick(random, [200, 500, 1000])},
      )
      gcp(
        'compute.googleapis.com',
        'compute.googleapis.com/Instance',
        `zones/${zone}/instances/research-ws-${i}`,
        `research-ws-${i}`,
        zone,
        {
          attributes: {machineType: pick(random, ['n2-standard-8', 'g2-standard-8'])},
          dependsOn: [disk, network],
        },
      )
    }
    gcp('cloudkms.googleapis.com', 'cloudkms.googleapis.com/KeyRing', 'locations/europe-west3/keyRings/ml', 'ml', 'europe-west3')
    gcp(
      'iam.googleapis.com',
      'iam.googleapis.com/ServiceAccount',
      `serviceAccounts/${hex(random, 21)}`,
      'scorer@nordwind-ml-prod.iam.gserviceaccount.com',
      'global',
    )
  }

  // ---------- Hetzner and Scaleway: the first European workloads ----------
  const web: App = {app: 'public-web', owner: 'web@nordwind.example', costCenter: 'CC-3100', classification: 'public'}
  {
    const tags = tagsFor(web)
    const network = push('hetzner/nordwind-web', {
      id: 'hetzner:network:2841733',
      provider: 'hetzner',
      type: 'hetzner:network',
      name: 'web-net',
      account: 'nordwind-web',
      region: 'eu-central',
      tags,
    })
    const servers: string[] = []
    for (let i = 1; i <= 16; i++) {
      const location = i % 2 ? 'fsn1' : 'nbg1'
      const id = `hetzner:server:${41_200_000 + i * 137}`
      servers.push(id)
      const volume = push('hetzner/nordwind-web', {
        id: `hetzner:volume:${100_800_00 + i}`,
        provider: 'hetzner',
        type: 'hetzner:volume',
        name: `web-${i}-data`,
        account: 'nordwind-web',
        region: location,
        tags,
        sizeGiB: pick(random, [50, 100, 200]),
        dependsOn: [id],
      })
      push('hetzner/nordwind-web', {
        id,
        provider: 'hetzner',
        type: 'hetzner:server',
        name: `web-${i}`,
        account: 'nordwind-web',
        region: location,
        tags,
        attributes: {serverType: pick(random, ['cx32', 'cpx31', 'ccx23']), image: 'debian-12'},
        dependsOn: [network],
      })
      void volume
    }
    push('hetzner/nordwind-web', {
      id: 'hetzner:load-balancer:1934412',
      provider: 'hetzner',
      type: 'hetzner:load-balancer',
      name: 'web-lb',
      account: 'nordwind-web',
      region: 'fsn1',
      tags,
      dependsOn: servers,
    })
    push('hetzner/nordwind-web', {
      id: 'hetzner:firewall:1402331',
      provider: 'hetzner',
      type: 'hetzner:firewall',
      name: 'web-fw',
      account: 'nordwind-web',
      region: 'global',
      tags,
    })
    push('hetzner/nordwind-web', {
      id: 'hetzner:certificate:884120',
      provider: 'hetzner',
      type: 'hetzner:certificate',
      name: 'www.nordwind.example',
      account: 'nordwind-web',
      region: 'global',
      tags,
    })
  }
  {
    const tags = tagsFor({
      app: 'document-archive',
      owner: 'records@nordwind.example',
      costCenter: 'CC-1400',
      classification: 'restricted',
    })
    const project = 'b2f5c0de-7a41-4c39-8d2e-5f1e0a9b3c77'
    const scw = (type: string, kind: string, name: string, region: string, extra: Partial<ResourceInput> = {}) =>
      push(`scaleway/${project}`, {
        id: `scaleway:${kind}:${region}/${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`,
        provider: 'scaleway',
        type,
        name,
        account: project,
        region,
        tags,
        ...extra,
      })
    const k8s = scw('scaleway:k8s-cluster', 'k8s-cluster', 'archive-kapsule', 'fr-par')
    const db = scw('scaleway:rdb-instance', 'rdb-instance', 'archive-pg', 'fr-par', {
      attributes: {engine: 'PostgreSQL-16'},
      sizeGiB: 150,
    })
    for (const b of ['archive-2019-2023', 'archive-current', 'scans-inbox'])
      scw('scaleway:object-bucket', 'object-bucket', b, 'fr-par', {sizeGiB: size(800, 9_000)})
    for (let i = 1; i <= 6; i++)
      scw('scaleway:instance-server', 'instance-server', `archive-ocr-${i}`, 'fr-par-2', {
        attributes: {commercialType: 'PRO2-S'},
        dependsOn: [db],
      })
    scw('scaleway:lb', 'lb', 'archive-lb', 'fr-par-1', {dependsOn: [k8s]})
    scw('scaleway:registry-namespace', 'registry-namespace', 'nordwind-archive', 'fr-par')
    scw('scaleway:private-network', 'private-network', 'archive-pn', 'fr-par')
  }

  const sources: SourceStatus[] = [...counts.entries()].map(([scope, count]) => ({
    provider: scope.split('/')[0]!,
    scope: scope.slice(scope.indexOf('/') + 1),
    status: 'complete',
    count,
  }))
  return createSnapshot(resources, sources, DEMO_CREATED_AT)
}
