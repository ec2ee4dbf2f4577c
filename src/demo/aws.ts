import type {ResourceInput} from '../inventory/model.js'
import {hex, pick} from '../util/random.js'
import {type App, AWS_DATA, AWS_PROD, type DemoContext} from './context.js'

/** AWS: claims on ECS and Lambda, the legacy policy engine on EC2 with Oracle, and the data lake account. */
export function addAws({random, push, tagsFor}: DemoContext): void {
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
          attributes: {
            runtime: pick(random, ['python3.12', 'nodejs20.x', 'java21']),
            packageType: 'Zip',
            role,
            // Some functions name what they use only in their environment: the graph infers these links.
            ...(fn === 'archive-expired' || fn === 'customer-webhook'
              ? {environment: {variables: {DOCUMENTS_BUCKET_ARN: docs, STATUS_TOPIC_ARN: topic}}}
              : {}),
          },
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
}
