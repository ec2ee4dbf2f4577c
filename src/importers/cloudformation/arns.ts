/**
 * The ARN of a CloudFormation resource from what `Ref` returns for it (its physical id: a name, an
 * id, a URL or the ARN itself), so that a stack's resources get the ids a live scan and a Terraform
 * state give them. Checked against the CloudFormation resource reference ("Ref returns") for each
 * type; a type not listed here keeps a namespaced id rather than a guessed ARN.
 */

export interface ArnScope {
  partition: string
  region?: string
  account?: string
}

type Build = (physicalId: string, scope: Required<ArnScope>) => string

/** `type` → ARN from the physical id, for types whose ARN needs the region and account. */
const SCOPED: Record<string, Build> = {
  'AWS::Lambda::Function': (id, s) => `arn:${s.partition}:lambda:${s.region}:${s.account}:function:${id}`,
  'AWS::DynamoDB::Table': (id, s) => `arn:${s.partition}:dynamodb:${s.region}:${s.account}:table/${id}`,
  'AWS::EC2::Instance': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:instance/${id}`,
  'AWS::EC2::VPC': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:vpc/${id}`,
  'AWS::EC2::Subnet': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:subnet/${id}`,
  'AWS::EC2::SecurityGroup': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:security-group/${id}`,
  'AWS::EC2::Volume': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:volume/${id}`,
  'AWS::EC2::InternetGateway': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:internet-gateway/${id}`,
  'AWS::EC2::NatGateway': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:natgateway/${id}`,
  'AWS::EC2::RouteTable': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:route-table/${id}`,
  'AWS::EC2::NetworkInterface': (id, s) => `arn:${s.partition}:ec2:${s.region}:${s.account}:network-interface/${id}`,
  'AWS::RDS::DBInstance': (id, s) => `arn:${s.partition}:rds:${s.region}:${s.account}:db:${id}`,
  'AWS::RDS::DBCluster': (id, s) => `arn:${s.partition}:rds:${s.region}:${s.account}:cluster:${id}`,
  'AWS::KMS::Key': (id, s) => `arn:${s.partition}:kms:${s.region}:${s.account}:key/${id}`,
  'AWS::Logs::LogGroup': (id, s) => `arn:${s.partition}:logs:${s.region}:${s.account}:log-group:${id}`,
  'AWS::ECS::Cluster': (id, s) => `arn:${s.partition}:ecs:${s.region}:${s.account}:cluster/${id}`,
  'AWS::ECR::Repository': (id, s) => `arn:${s.partition}:ecr:${s.region}:${s.account}:repository/${id}`,
  'AWS::EKS::Cluster': (id, s) => `arn:${s.partition}:eks:${s.region}:${s.account}:cluster/${id}`,
  'AWS::Events::EventBus': (id, s) => `arn:${s.partition}:events:${s.region}:${s.account}:event-bus/${id}`,
  'AWS::Kinesis::Stream': (id, s) => `arn:${s.partition}:kinesis:${s.region}:${s.account}:stream/${id}`,
  'AWS::ElastiCache::CacheCluster': (id, s) => `arn:${s.partition}:elasticache:${s.region}:${s.account}:cluster:${id}`,
  'AWS::EFS::FileSystem': (id, s) => `arn:${s.partition}:elasticfilesystem:${s.region}:${s.account}:file-system/${id}`,
  'AWS::CloudWatch::Alarm': (id, s) => `arn:${s.partition}:cloudwatch:${s.region}:${s.account}:alarm:${id}`,
  'AWS::ApiGateway::RestApi': (id, s) => `arn:${s.partition}:apigateway:${s.region}::/restapis/${id}`,
  // unconfirmed: a role or user created with a Path has it in its ARN (role/<path>/<name>); the
  // default path `/` is assumed, which at worst leaves the two ids unmerged.
  'AWS::IAM::Role': (id, s) => `arn:${s.partition}:iam::${s.account}:role/${id}`,
  'AWS::IAM::User': (id, s) => `arn:${s.partition}:iam::${s.account}:user/${id}`,
  'AWS::CloudFront::Distribution': (id, s) => `arn:${s.partition}:cloudfront::${s.account}:distribution/${id}`,
}

/** An SQS queue's physical id is its URL, which names region, account and queue. */
const QUEUE_URL = /^https:\/\/(?:sqs\.)?([a-z0-9-]+)\.(?:queue\.)?amazonaws\.com(?:\.cn)?\/(\d{12})\/([^/?#]+)$/

/** The ARN for a resource's physical id, or undefined when it cannot be derived. */
export function arnFor(type: string, physicalId: string, scope: ArnScope): string | undefined {
  if (physicalId.startsWith('arn:')) return physicalId
  if (type === 'AWS::S3::Bucket') return `arn:${scope.partition}:s3:::${physicalId}`
  if (type === 'AWS::Route53::HostedZone') return `arn:${scope.partition}:route53:::hostedzone/${physicalId}`
  if (type === 'AWS::SQS::Queue') {
    const url = QUEUE_URL.exec(physicalId)
    if (url) return `arn:${scope.partition}:sqs:${url[1]}:${url[2]}:${url[3]}`
    return scope.region && scope.account ? `arn:${scope.partition}:sqs:${scope.region}:${scope.account}:${physicalId}` : undefined
  }
  const build = SCOPED[type]
  if (!build || !scope.region || !scope.account) return undefined
  return build(physicalId, scope as Required<ArnScope>)
}

/** The partition of a region (`cn-north-1` → `aws-cn`). */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn'
  if (region?.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

/** The template property that names a resource physically, per type, when it is set literally. */
export const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::RDS::DBCluster': 'DBClusterIdentifier',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::EKS::Cluster': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::ElastiCache::CacheCluster': 'ClusterName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
}
