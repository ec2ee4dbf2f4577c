import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {knownArnKeys, mapArn, mappedServiceCount, parseArn} from '../../src/collectors/aws/arn.js'

const ROOT = join(import.meta.dirname, '../..')
const reference = new Set(readFileSync(join(ROOT, 'catalog/reference/aws-cloudformation-types.txt'), 'utf8').split(/\r?\n/))

/** Real ARN layouts, one or more per service, with the CloudFormation type they must map to. */
const EXAMPLES: [string, string][] = [
  ['arn:aws:s3:::acme-prod-invoices', 'AWS::S3::Bucket'],
  ['arn:aws:s3:eu-west-1:111122223333:accesspoint/analytics', 'AWS::S3::AccessPoint'],
  ['arn:aws:sqs:eu-west-1:111122223333:orders-queue', 'AWS::SQS::Queue'],
  ['arn:aws:sns:eu-west-1:111122223333:order-events', 'AWS::SNS::Topic'],
  ['arn:aws:sns:eu-west-1:111122223333:order-events:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', 'AWS::SNS::Subscription'],
  ['arn:aws:rds:eu-west-1:111122223333:db:orders-db', 'AWS::RDS::DBInstance'],
  ['arn:aws:rds:eu-west-1:111122223333:cluster:billing-aurora', 'AWS::RDS::DBCluster'],
  ['arn:aws:rds:eu-west-1:111122223333:subgrp:prod-db-subnets', 'AWS::RDS::DBSubnetGroup'],
  [
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/prod-web/50dc6c495c0c9188',
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
  ],
  [
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/prod-nlb/a1b2c3d4e5f60718',
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
  ],
  ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/legacy-elb', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  [
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/prod-web-tg/73e2d6bc24d8a067',
    'AWS::ElasticLoadBalancingV2::TargetGroup',
  ],
  [
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/prod-web/50dc6c495c0c9188/f2f7dc8efc522ab2',
    'AWS::ElasticLoadBalancingV2::Listener',
  ],
  ['arn:aws:ec2:eu-west-1:111122223333:instance/i-0a4c123b1612dd272', 'AWS::EC2::Instance'],
  ['arn:aws:ec2:eu-west-1:111122223333:volume/vol-049df61146c4d7901', 'AWS::EC2::Volume'],
  ['arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0e9801d129EXAMPLE', 'AWS::EC2::VPC'],
  ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-903004f8', 'AWS::EC2::SecurityGroup'],
  ['arn:aws:ec2:eu-west-1:111122223333:natgateway/nat-0a1b2c3d4e5f60718', 'AWS::EC2::NatGateway'],
  ['arn:aws:ec2:eu-west-1:111122223333:elastic-ip/eipalloc-0a1b2c3d4e5f60718', 'AWS::EC2::EIP'],
  ['arn:aws:ec2:eu-west-1:111122223333:transit-gateway/tgw-0262a0e521EXAMPLE', 'AWS::EC2::TransitGateway'],
  ['arn:aws:lambda:eu-west-1:111122223333:function:resize-images', 'AWS::Lambda::Function'],
  ['arn:aws:lambda:eu-west-1:111122223333:layer:pillow:3', 'AWS::Lambda::LayerVersion'],
  ['arn:aws:dynamodb:eu-west-1:111122223333:table/sessions', 'AWS::DynamoDB::Table'],
  ['arn:aws:ecs:eu-west-1:111122223333:cluster/prod', 'AWS::ECS::Cluster'],
  ['arn:aws:ecs:eu-west-1:111122223333:service/prod/checkout', 'AWS::ECS::Service'],
  ['arn:aws:ecs:eu-west-1:111122223333:task-definition/checkout:42', 'AWS::ECS::TaskDefinition'],
  ['arn:aws:eks:eu-west-1:111122223333:cluster/platform', 'AWS::EKS::Cluster'],
  ['arn:aws:eks:eu-west-1:111122223333:nodegroup/platform/general/4ec2a1b3-5d6e-7f80-91a2-b3c4d5e6f708', 'AWS::EKS::Nodegroup'],
  ['arn:aws:ecr:eu-west-1:111122223333:repository/checkout', 'AWS::ECR::Repository'],
  ['arn:aws:iam::111122223333:role/service-role/resize-images-role', 'AWS::IAM::Role'],
  ['arn:aws:iam::111122223333:user/alice', 'AWS::IAM::User'],
  ['arn:aws:iam::111122223333:policy/ReadOnlyBilling', 'AWS::IAM::ManagedPolicy'],
  ['arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'AWS::KMS::Key'],
  ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders-db-Xk2mQp', 'AWS::SecretsManager::Secret'],
  ['arn:aws:ssm:eu-west-1:111122223333:parameter/prod/checkout/feature-flags', 'AWS::SSM::Parameter'],
  [
    'arn:aws:cloudformation:eu-west-1:111122223333:stack/prod-network/9f2e3a40-1b2c-11ef-8d3e-0a1b2c3d4e5f',
    'AWS::CloudFormation::Stack',
  ],
  ['arn:aws:cloudfront::111122223333:distribution/E2QWRUHAPOMQZL', 'AWS::CloudFront::Distribution'],
  ['arn:aws:route53:::hostedzone/Z1D633PJN98FT9', 'AWS::Route53::HostedZone'],
  ['arn:aws:acm:eu-west-1:111122223333:certificate/12345678-1234-1234-1234-123456789012', 'AWS::CertificateManager::Certificate'],
  ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5', 'AWS::ApiGateway::RestApi'],
  ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod', 'AWS::ApiGateway::Stage'],
  ['arn:aws:apigateway:eu-west-1::/apis/x1y2z3', 'AWS::ApiGatewayV2::Api'],
  ['arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/resize-images', 'AWS::Logs::LogGroup'],
  ['arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/resize-images:*', 'AWS::Logs::LogGroup'],
  ['arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-cpu-high', 'AWS::CloudWatch::Alarm'],
  ['arn:aws:events:eu-west-1:111122223333:rule/nightly-export', 'AWS::Events::Rule'],
  ['arn:aws:events:eu-west-1:111122223333:event-bus/orders', 'AWS::Events::EventBus'],
  ['arn:aws:states:eu-west-1:111122223333:stateMachine:invoice-workflow', 'AWS::StepFunctions::StateMachine'],
  ['arn:aws:elasticache:eu-west-1:111122223333:replicationgroup:sessions-redis', 'AWS::ElastiCache::ReplicationGroup'],
  ['arn:aws:elasticache:eu-west-1:111122223333:cluster:sessions-redis-001', 'AWS::ElastiCache::CacheCluster'],
  ['arn:aws:es:eu-west-1:111122223333:domain/search-prod', 'AWS::OpenSearchService::Domain'],
  ['arn:aws:kinesis:eu-west-1:111122223333:stream/clickstream', 'AWS::Kinesis::Stream'],
  ['arn:aws:firehose:eu-west-1:111122223333:deliverystream/clickstream-to-s3', 'AWS::KinesisFirehose::DeliveryStream'],
  ['arn:aws:kafka:eu-west-1:111122223333:cluster/events-msk/7d9e1b2c-3a4f-5b6c-7d8e-9f0a1b2c3d4e-2', 'AWS::MSK::Cluster'],
  ['arn:aws:mq:eu-west-1:111122223333:broker:legacy-activemq:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9', 'AWS::AmazonMQ::Broker'],
  ['arn:aws:redshift:eu-west-1:111122223333:cluster:analytics-dw', 'AWS::Redshift::Cluster'],
  ['arn:aws:glue:eu-west-1:111122223333:job/nightly-etl', 'AWS::Glue::Job'],
  ['arn:aws:athena:eu-west-1:111122223333:workgroup/primary', 'AWS::Athena::WorkGroup'],
  ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn-model', 'AWS::SageMaker::Endpoint'],
  ['arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0', 'AWS::EFS::FileSystem'],
  ['arn:aws:fsx:eu-west-1:111122223333:file-system/fs-0498eed5fe91001ec', 'AWS::FSx::FileSystem'],
  ['arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-vault', 'AWS::Backup::BackupVault'],
  ['arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_Ab12Cd34E', 'AWS::Cognito::UserPool'],
  ['arn:aws:codebuild:eu-west-1:111122223333:project/checkout-build', 'AWS::CodeBuild::Project'],
  ['arn:aws:codepipeline:eu-west-1:111122223333:checkout-pipeline', 'AWS::CodePipeline::Pipeline'],
  ['arn:aws:codecommit:eu-west-1:111122223333:checkout', 'AWS::CodeCommit::Repository'],
  [
    'arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:autoScalingGroupName/web-asg',
    'AWS::AutoScaling::AutoScalingGroup',
  ],
  [
    'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/prod-web-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    'AWS::WAFv2::WebACL',
  ],
  ['arn:aws:wafv2:us-east-1:111122223333:global/ipset/blocked/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222', 'AWS::WAFv2::IPSet'],
  ['arn:aws:dms:eu-west-1:111122223333:rep:6UTDJGBOUSM457XVTTHBEXAMPLE', 'AWS::DMS::ReplicationInstance'],
  ['arn:aws:timestream:eu-west-1:111122223333:database/metrics/table/cpu', 'AWS::Timestream::Table'],
  ['arn:aws:cassandra:eu-west-1:111122223333:/keyspace/orders/table/events', 'AWS::Cassandra::Table'],
  ['arn:aws:lightsail:eu-west-1:111122223333:Instance/244ad76f-8aad-4741-809f-12345EXAMPLE', 'AWS::Lightsail::Instance'],
  ['arn:aws:organizations::111122223333:account/o-aa111bb222/444455556666', 'AWS::Organizations::Account'],
  ['arn:aws-cn:s3:::acme-cn-assets', 'AWS::S3::Bucket'],
  ['arn:aws-us-gov:ec2:us-gov-west-1:111122223333:instance/i-0a4c123b1612dd272', 'AWS::EC2::Instance'],
]

describe('ARN → CloudFormation table', () => {
  it('covers at least the 60 most common services', () => {
    expect(mappedServiceCount()).toBeGreaterThanOrEqual(60)
  })

  it('maps only to real CloudFormation types', () => {
    const unknown = Object.entries(knownArnKeys()).filter(([, type]) => !reference.has(type))
    expect(unknown).toEqual([])
  })

  it.each(EXAMPLES)('%s → %s', (arn, type) => {
    const mapping = mapArn(arn)
    expect(mapping).toMatchObject({type, mapped: true})
    expect(reference.has(type)).toBe(true)
  })

  it('keeps the service:resource type of an unknown ARN and marks it unmapped', () => {
    expect(mapArn('arn:aws:medialive:eu-west-1:111122223333:channel:1234567')).toMatchObject({
      type: 'medialive:channel',
      mapped: false,
      key: 'medialive:channel',
      name: '1234567',
    })
    expect(mapArn('arn:aws:ec2:eu-west-1:111122223333:snapshot/snap-0123456789abcdef0')).toMatchObject({
      type: 'ec2:snapshot',
      mapped: false,
    })
    expect(mapArn('arn:aws:newservice:eu-west-1:111122223333:thing')).toMatchObject({type: 'newservice:resource', mapped: false})
    expect(mapArn('not an arn')).toMatchObject({mapped: false})
  })

  it('derives readable names', () => {
    const name = (arn: string) => mapArn(arn).name
    expect(name('arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/prod-web/50dc6c495c0c9188')).toBe(
      'prod-web',
    )
    expect(name('arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/resize-images:*')).toBe('aws/lambda/resize-images')
    expect(
      name(
        'arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:autoScalingGroupName/web-asg',
      ),
    ).toBe('web-asg')
    expect(name('arn:aws:ecs:eu-west-1:111122223333:service/prod/checkout')).toBe('prod/checkout')
    expect(name('arn:aws:s3:::acme-prod-invoices')).toBe('acme-prod-invoices')
  })

  it('parses partitions, empty regions and accounts', () => {
    expect(parseArn('arn:aws:s3:::bucket')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'bucket',
    })
    expect(parseArn('arn:aws-cn:rds:cn-north-1:111122223333:db:x')).toMatchObject({partition: 'aws-cn', region: 'cn-north-1'})
    expect(parseArn('arn:aws:iam::aws:policy/ReadOnlyAccess')).toMatchObject({account: 'aws'})
  })

  it('maps every ARN in the recorded tagging responses except the deliberately unknown ones', () => {
    const files = ['get-resources-eu-west-1-page1.json', 'get-resources-eu-west-1-page2.json', 'get-resources-us-east-1.json']
    const arns = files.flatMap((file) =>
      (
        JSON.parse(readFileSync(join(ROOT, 'fixtures/aws', file), 'utf8')) as {ResourceTagMappingList: {ResourceARN: string}[]}
      ).ResourceTagMappingList.map((m) => m.ResourceARN),
    )
    const unmapped = arns.filter((arn) => !mapArn(arn).mapped).map((arn) => mapArn(arn).key)
    expect(unmapped.sort()).toEqual(['ec2:image', 'ec2:snapshot', 'medialive:channel'])
    expect(arns.length).toBeGreaterThan(50)
  })
})
