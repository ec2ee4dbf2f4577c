import type {ResourceInput} from '../inventory/model.js'
import {hex, pick} from '../util/random.js'
import {type App, AWS_DATA, AWS_PROD, type DemoContext} from './context.js'

/** Where a resource lives: account, region, and the tags of its application. */
interface Place {
  account: string
  region: string
  tags: Record<string, string>
}

/** AWS: claims on ECS and Lambda, the legacy policy engine on EC2 with Oracle, and the data lake account. */
export function addAws({random, push, tagsFor}: DemoContext): void {
  // ---------- AWS ----------
  const arn = (service: string, region: string, account: string, resource: string) =>
    `arn:aws:${service}:${region}:${account}:${resource}`
  /** An ARN in the account and region of a place. */
  const arnIn = (place: Place, service: string, resource: string) => arn(service, place.region, place.account, resource)
  const aws = (place: Place, type: string, id: string, name: string, extra: Partial<ResourceInput> = {}) =>
    push(`aws/${place.account}/${place.region}`, {
      id,
      provider: 'aws',
      type,
      name,
      account: place.account,
      region: place.region,
      tags: place.tags,
      ...extra,
    })

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
    const here: Place = {account, region, tags}
    const vpc = aws(here, 'AWS::EC2::VPC', arnIn(here, 'ec2', `vpc/vpc-${hex(random, 17)}`), `${app.app}-vpc`)
    const subnets = ['a', 'b', 'c'].map((az) =>
      aws(here, 'AWS::EC2::Subnet', arnIn(here, 'ec2', `subnet/subnet-${hex(random, 17)}`), `${app.app}-private-${az}`, {
        dependsOn: [vpc],
      }),
    )
    const sg = aws(
      here,
      'AWS::EC2::SecurityGroup',
      arnIn(here, 'ec2', `security-group/sg-${hex(random, 17)}`),
      `${app.app}-app-sg`,
      {dependsOn: [vpc]},
    )
    aws(here, 'AWS::EC2::NatGateway', arnIn(here, 'ec2', `natgateway/nat-${hex(random, 17)}`), `${app.app}-nat`, {
      dependsOn: [subnets[0]!],
    })
    const kms = aws(
      here,
      'AWS::KMS::Key',
      arnIn(here, 'kms', `key/${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`),
      `${app.app}-data-key`,
    )
    const logs = Array.from({length: 16}, (_, i) =>
      aws(
        here,
        'AWS::Logs::LogGroup',
        arnIn(here, 'logs', `log-group:/${app.app}/service-${i + 1}`),
        `/${app.app}/service-${i + 1}`,
      ),
    )
    const db =
      app === claims
        ? aws(here, 'AWS::RDS::DBInstance', arnIn(here, 'rds', 'db:claims-postgres-prod'), 'claims-postgres-prod', {
            attributes: {engine: 'postgres', engineVersion: '16.4', instanceClass: 'db.r6g.2xlarge', kmsKeyId: kms},
            sizeGiB: 750,
            dependsOn: [subnets[0]!, kms],
          })
        : aws(here, 'AWS::RDS::DBInstance', arnIn(here, 'rds', 'db:policy-admin-oracle'), 'policy-admin-oracle', {
            attributes: {
              engine: 'oracle-ee',
              engineVersion: '19.0.0.0.ru-2024-10',
              instanceClass: 'db.r5.4xlarge',
              licenseModel: 'bring-your-own-license',
            },
            sizeGiB: 1800,
            dependsOn: [subnets[1]!, kms],
          })
    if (app === policyCore) {
      aws(here, 'AWS::RDS::DBCluster', arnIn(here, 'rds', 'cluster:policy-quotes-aurora'), 'policy-quotes-aurora', {
        attributes: {engine: 'aurora-postgresql', engineVersion: '15.8'},
        sizeGiB: 320,
        dependsOn: [subnets[2]!, kms],
      })
      // The legacy policy engine runs on EC2 with attached EBS volumes.
      for (let i = 1; i <= 24; i++) {
        const volume = aws(
          here,
          'AWS::EC2::Volume',
          arnIn(here, 'ec2', `volume/vol-${hex(random, 17)}`),
          `policy-engine-${i}-data`,
          {
            sizeGiB: pick(random, [100, 200, 500]),
            attributes: {volumeType: 'gp3'},
          },
        )
        aws(here, 'AWS::EC2::Instance', arnIn(here, 'ec2', `instance/i-${hex(random, 17)}`), `policy-engine-${i}`, {
          attributes: {
            instanceType: pick(random, ['m6i.xlarge', 'm6i.2xlarge', 'r6i.xlarge']),
            platform: 'Linux/UNIX',
            imageId: `ami-${hex(random, 17)}`,
          },
          dependsOn: [volume, subnets[i % 3]!, sg],
        })
      }
      aws(
        here,
        'AWS::EFS::FileSystem',
        arnIn(here, 'elasticfilesystem', `file-system/fs-${hex(random, 17)}`),
        'policy-documents-share',
        {sizeGiB: 410},
      )
      aws(
        here,
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        arnIn(here, 'elasticloadbalancing', `loadbalancer/net/policy-nlb/${hex(random, 16)}`),
        'policy-nlb',
        {dependsOn: subnets, attributes: {type: 'network'}},
      )
      aws(here, 'AWS::Transfer::Server', arnIn(here, 'transfer', `server/s-${hex(random, 17)}`), 'broker-sftp')
      // A private CloudFormation registry type for the mainframe bridge: deliberately unmapped.
      for (let i = 1; i <= 2; i++)
        aws(
          here,
          'Nordwind::Mainframe::Connector',
          arnIn(here, 'cloudformation', `type/resource/Nordwind-Mainframe-Connector/${i}`),
          `mainframe-bridge-${i}`,
        )
      continue
    }
    // Claims: containers behind an ALB, serverless intake, queues, documents in S3.
    const cluster = aws(here, 'AWS::ECS::Cluster', arnIn(here, 'ecs', 'cluster/claims-prod'), 'claims-prod')
    const alb = aws(
      here,
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      arnIn(here, 'elasticloadbalancing', `loadbalancer/app/claims-alb/${hex(random, 16)}`),
      'claims-alb',
      {dependsOn: [...subnets, sg], attributes: {type: 'application'}},
    )
    const cache = aws(
      here,
      'AWS::ElastiCache::ReplicationGroup',
      arnIn(here, 'elasticache', 'replicationgroup:claims-sessions'),
      'claims-sessions',
      {attributes: {engine: 'valkey', engineVersion: '8.0'}, dependsOn: [subnets[0]!]},
    )
    const docs = aws(here, 'AWS::S3::Bucket', 'arn:aws:s3:::nordwind-claims-documents-prod', 'nordwind-claims-documents-prod', {
      sizeGiB: 2400,
    })
    const table = aws(here, 'AWS::DynamoDB::Table', arnIn(here, 'dynamodb', 'table/claims-intake-state'), 'claims-intake-state', {
      sizeGiB: 38,
    })
    const events = aws(here, 'AWS::DynamoDB::Table', arnIn(here, 'dynamodb', 'table/claims-events'), 'claims-events', {
      sizeGiB: 212,
    })
    const queues = ['intake', 'fraud-check', 'payout', 'notifications'].map((q) =>
      aws(here, 'AWS::SQS::Queue', arnIn(here, 'sqs', `claims-${q}`), `claims-${q}`),
    )
    const topic = aws(here, 'AWS::SNS::Topic', arnIn(here, 'sns', 'claims-status-changed'), 'claims-status-changed')
    const pool = aws(
      here,
      'AWS::Cognito::UserPool',
      arnIn(here, 'cognito-idp', `userpool/${region}_${hex(random, 9)}`),
      'nordwind-customers',
    )
    const secret = aws(
      here,
      'AWS::SecretsManager::Secret',
      arnIn(here, 'secretsmanager', `secret:claims/db-${hex(random, 6)}`),
      'claims/db',
    )
    const services = ['api', 'intake', 'assessment', 'payout', 'documents', 'notifications']
    for (const [i, svc] of services.entries()) {
      const repo = aws(here, 'AWS::ECR::Repository', arnIn(here, 'ecr', `repository/claims/${svc}`), `claims/${svc}`)
      aws(here, 'AWS::ECS::Service', arnIn(here, 'ecs', `service/claims-prod/claims-${svc}`), `claims-${svc}`, {
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
      })
    }
    const role = aws(here, 'AWS::IAM::Role', `arn:aws:iam::${account}:role/claims-lambda-exec`, 'claims-lambda-exec')
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
      aws(here, 'AWS::Lambda::Function', arnIn(here, 'lambda', `function:claims-${fn}`), `claims-${fn}`, {
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
      })
    }
    const api = aws(
      here,
      'AWS::ApiGateway::RestApi',
      arn('apigateway', region, '', `/restapis/${hex(random, 10)}`),
      'claims-public-api',
      {dependsOn: [pool]},
    )
    aws(here, 'AWS::StepFunctions::StateMachine', arnIn(here, 'states', 'stateMachine:claims-settlement'), 'claims-settlement', {
      dependsOn: [queues[2]!, events],
    })
    aws(here, 'AWS::Events::Rule', arnIn(here, 'events', 'rule/claims-nightly-archive'), 'claims-nightly-archive')
    aws(
      {...here, region: 'global'},
      'AWS::CloudFront::Distribution',
      `arn:aws:cloudfront::${account}:distribution/E${hex(random, 13).toUpperCase()}`,
      'claims-web',
      {dependsOn: [alb, api]},
    )
    aws(
      {...here, region: 'global'},
      'AWS::Route53::HostedZone',
      `arn:aws:route53:::hostedzone/Z${hex(random, 20).toUpperCase()}`,
      'claims.nordwind.example',
    )
    aws(here, 'AWS::WAFv2::WebACL', arnIn(here, 'wafv2', `regional/webacl/claims-waf/${hex(random, 8)}`), 'claims-waf')
    aws(here, 'AWS::CloudWatch::Alarm', arnIn(here, 'cloudwatch', 'alarm:claims-5xx-rate'), 'claims-5xx-rate')
    aws(here, 'AWS::Backup::BackupVault', arnIn(here, 'backup', 'backup-vault:claims-vault'), 'claims-vault')
  }

  // The data account: a lake on S3 with Glue, Athena, Redshift and streaming.
  {
    const account = AWS_DATA
    const region = 'eu-central-1'
    const tags = tagsFor(dataLake)
    const here: Place = {account, region, tags}
    const buckets = ['raw', 'curated', 'analytics', 'archive'].map((zone, i) =>
      aws(here, 'AWS::S3::Bucket', `arn:aws:s3:::nordwind-lake-${zone}`, `nordwind-lake-${zone}`, {
        sizeGiB: [18_500, 9_200, 3_100, 41_000][i],
      }),
    )
    const stream = aws(here, 'AWS::Kinesis::Stream', arnIn(here, 'kinesis', 'stream/claims-events-cdc'), 'claims-events-cdc')
    aws(here, 'AWS::MSK::Cluster', arnIn(here, 'kafka', `cluster/telematics/${hex(random, 8)}-${hex(random, 4)}-1`), 'telematics')
    aws(here, 'AWS::KinesisFirehose::DeliveryStream', arnIn(here, 'firehose', 'deliverystream/cdc-to-lake'), 'cdc-to-lake', {
      dependsOn: [stream, buckets[0]!],
    })
    for (let i = 1; i <= 16; i++)
      aws(here, 'AWS::Glue::Job', arnIn(here, 'glue', `job/curate-${i}`), `curate-${i}`, {
        dependsOn: [buckets[0]!, buckets[1]!],
      })
    for (let i = 1; i <= 4; i++)
      aws(here, 'AWS::Glue::Crawler', arnIn(here, 'glue', `crawler/lake-${i}`), `lake-${i}`, {
        dependsOn: [buckets[1]!],
      })
    aws(here, 'AWS::Athena::WorkGroup', arnIn(here, 'athena', 'workgroup/actuarial'), 'actuarial', {
      dependsOn: [buckets[2]!],
    })
    aws(here, 'AWS::Redshift::Cluster', arnIn(here, 'redshift', 'cluster:finance-dwh'), 'finance-dwh', {
      sizeGiB: 5_600,
      dependsOn: [buckets[2]!],
    })
    aws(here, 'AWS::SageMaker::Endpoint', arnIn(here, 'sagemaker', 'endpoint/claims-fraud-v7'), 'claims-fraud-v7')
    aws(here, 'AWS::SageMaker::NotebookInstance', arnIn(here, 'sagemaker', 'notebook-instance/actuarial-lab'), 'actuarial-lab')
    aws(
      here,
      'AWS::EMR::Cluster',
      arnIn(here, 'elasticmapreduce', `cluster/j-${hex(random, 13).toUpperCase()}`),
      'risk-model-spark',
      {dependsOn: [buckets[1]!]},
    )
    aws(here, 'AWS::OpenSearchService::Domain', arnIn(here, 'es', 'domain/claims-search'), 'claims-search', {
      attributes: {engineVersion: 'OpenSearch_2.15'},
      sizeGiB: 180,
    })
  }
}
