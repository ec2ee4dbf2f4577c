/**
 * CloudFormation and CDK, from real templates and exports (fixtures/import/real/cloudformation,
 * README.md there): YAML short forms, JSON, Fn::ForEach, describe-stack-resources, cdk.out.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {mapArn} from '../../src/collectors/aws/arn.js'
import {InputError} from '../../src/errors.js'
import {arnFor} from '../../src/importers/cloudformation/arns.js'
import {parseCloudFormationYaml} from '../../src/importers/cloudformation/yaml.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {tempDir} from '../helpers/cli.js'
import {byId, real} from './helpers.js'

const logical = (file: string, type: string, id: string) => `aws:${type}:${file}#${id}`

describe('CloudFormation YAML with short-form intrinsic functions', async () => {
  const file = real('cloudformation/log-setup-management.yaml')
  const {snapshot, files} = await importFilesDetailed([file])
  const id = (type: string, name: string) => logical(file, type, name)

  it('is detected from its content and read with its CloudFormation types', () => {
    expect(files[0]).toMatchObject({format: 'cloudformation-template', detail: 'CloudFormation template, YAML', resources: 9})
    expect(byId(snapshot, id('AWS::Logs::LogGroup', 'CentralEventLog'))).toMatchObject({
      type: 'AWS::Logs::LogGroup',
      // The name is the parameter's default, `!Ref CentralEventLogName`.
      name: 'central-cloudformation-logs',
      attributes: {cloudformationLogicalId: 'CentralEventLog'},
    })
  })

  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${…} placeholders
  it('turns DependsOn, !Ref, !GetAtt and ${X.Arn} inside !Sub into dependsOn', () => {
    // DependsOn: CentralEventBus, KmsKeyId: !GetAtt CentralEventLogKey.Arn
    expect(new Set(byId(snapshot, id('AWS::Logs::LogGroup', 'CentralEventLog')).dependsOn)).toEqual(
      new Set([id('AWS::Events::EventBus', 'CentralEventBus'), id('AWS::KMS::Key', 'CentralEventLogKey')]),
    )
    // PolicyDocument: !Sub | … "Resource": "${CentralEventLog.Arn}"
    expect(byId(snapshot, id('AWS::Logs::ResourcePolicy', 'CentralEventLogPolicy')).dependsOn).toEqual([
      id('AWS::Logs::LogGroup', 'CentralEventLog'),
    ])
    // EventBusName: !Ref CentralEventBus
    expect(byId(snapshot, id('AWS::Events::EventBusPolicy', 'CentralEventBusPolicy')).dependsOn).toEqual([
      id('AWS::Events::EventBus', 'CentralEventBus'),
    ])
    // ${AWS::Region} and ${AWS::AccountId} are pseudo parameters, not resources.
    expect(snapshot.resources.flatMap((r) => r.dependsOn ?? []).some((d) => d.includes('AWS::Region'))).toBe(false)
  })

  it('names the stack set it cannot read into instead of counting it', () => {
    expect(files[0]!.skipped).toEqual({'nested stacks and stack sets': 1})
    expect(files[0]!.warnings[0]).toMatch(
      /1 nested stacks or stack sets \(TargetAccountLogging\) deploy resources from other templates/,
    )
  })

  it('refuses a tag that is not an intrinsic function (the same template before `rain build`), with its line and column', async () => {
    const rain = real('cloudformation/log-setup-management.rain.yaml')
    const error = (await importFilesDetailed([rain]).catch((e: unknown) => e)) as InputError
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toBe(
      `${rain}:177:34: a YAML tag that is not a CloudFormation intrinsic function (only !Ref, !GetAtt, !Sub, !Join, !If … are read).`,
    )
    expect(error.message).not.toMatch(/Rain|Embed|log-setup-target/)
  })

  it('turns each short form into its JSON form', () => {
    const template = parseCloudFormationYaml(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${…} placeholders
      'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      X: !GetAtt B.Arn\n      Y: !Join [",", [!Ref C, !Sub "${D}"]]\n      Z: !If [Cond, !GetAZs "", !Select [0, !Split [",", "a,b"]]]\n',
      'inline.yaml',
    )
    expect(template).toEqual({
      Resources: {
        A: {
          Type: 'AWS::SNS::Topic',
          Properties: {
            X: {'Fn::GetAtt': ['B', 'Arn']},
            // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${…} placeholders
            Y: {'Fn::Join': [',', [{Ref: 'C'}, {'Fn::Sub': '${D}'}]]},
            Z: {'Fn::If': ['Cond', {'Fn::GetAZs': ''}, {'Fn::Select': [0, {'Fn::Split': [',', 'a,b']}]}]},
          },
        },
      },
    })
  })
})

describe('CloudFormation JSON', () => {
  it('reads GetAtt, Ref and DependsOn lists (aws-cloudformation-templates S3_LambdaTrigger)', async () => {
    const file = real('cloudformation/S3_LambdaTrigger.json')
    const {snapshot, files} = await importFilesDetailed([file])
    expect(files[0]).toMatchObject({detail: 'CloudFormation template, JSON', resources: 4})
    // BucketName is `Fn::Sub ${NotificationBucket}`, a parameter without a default: no name, no ARN.
    expect(new Set(byId(snapshot, logical(file, 'AWS::S3::Bucket', 'S3BucketNotification')).dependsOn)).toEqual(
      new Set([
        logical(file, 'AWS::Lambda::Permission', 'LambdaInvokePermission'),
        logical(file, 'AWS::Lambda::Function', 'S3TriggerLambdaFunction'),
      ]),
    )
    expect(byId(snapshot, logical(file, 'AWS::Lambda::Function', 'S3TriggerLambdaFunction')).attributes).toMatchObject({
      runtime: 'python3.9',
    })
  })

  it('expands Fn::ForEach over a literal list to one resource per item', async () => {
    const file = real('cloudformation/fn-foreach-s3-outputs.json')
    const {snapshot} = await importFilesDetailed([file])
    expect(snapshot.resources.map((r) => r.id)).toEqual(
      ['A', 'B', 'C'].map((item) => logical(file, 'AWS::S3::Bucket', `S3Bucket${item}`)),
    )
  })
})

describe('aws cloudformation describe-stack-resources', () => {
  it('gives each physical resource the ARN a scan and a Terraform state give it (AWS CLI example output)', async () => {
    const {snapshot, files} = await importFilesDetailed([real('cloudformation/describe-stack-resources.json')])
    expect(files[0]).toMatchObject({format: 'cloudformation-stack-resources', resources: 3})
    expect(byId(snapshot, 'arn:aws:s3:::my-stack-bucket-1vc62xmplgguf')).toMatchObject({
      type: 'AWS::S3::Bucket',
      account: '123456789012',
      region: 'us-west-2',
      attributes: {cloudformationLogicalId: 'bucket', cloudformationStack: 'my-stack'},
    })
    expect(byId(snapshot, 'arn:aws:lambda:us-west-2:123456789012:function:my-function-SEZV4XMPL4S5').type).toBe(
      'AWS::Lambda::Function',
    )
    expect(byId(snapshot, 'arn:aws:iam::123456789012:role/my-functionRole-HIZXMPLEOM9E').region).toBe('global')
  })

  it('builds ARNs that the ARN table maps back to the same CloudFormation type', () => {
    const scope = {partition: 'aws', region: 'eu-west-1', account: '123456789012'}
    const cases: [string, string][] = [
      ['AWS::S3::Bucket', 'my-bucket'],
      ['AWS::SQS::Queue', 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs'],
      ['AWS::Lambda::Function', 'thumbnailer'],
      ['AWS::DynamoDB::Table', 'orders'],
      ['AWS::EC2::Instance', 'i-0a1b2c3d4e5f6a7b0'],
      ['AWS::EC2::VPC', 'vpc-0ca0287536af52635'],
      ['AWS::EC2::Subnet', 'subnet-05cab3ea9b19c4232'],
      ['AWS::EC2::SecurityGroup', 'sg-07e1c3a5b9d2f4e68'],
      ['AWS::RDS::DBInstance', 'prod-orders'],
      ['AWS::KMS::Key', '1234abcd-12ab-34cd-56ef-1234567890ab'],
      ['AWS::ECS::Cluster', 'prod'],
      ['AWS::ECR::Repository', 'app'],
      ['AWS::EKS::Cluster', 'prod'],
      ['AWS::IAM::Role', 'deployer'],
      ['AWS::Kinesis::Stream', 'events'],
    ]
    for (const [type, physical] of cases) {
      const arn = arnFor(type, physical, scope)
      expect(arn, type).toBeDefined()
      expect(mapArn(arn!).type, `${type} ← ${arn}`).toBe(type)
    }
  })

  it('marks a list-stack-resources page that stops at a NextToken as partial', async () => {
    const file = join(tempDir(), 'page.json')
    writeFileSync(
      file,
      JSON.stringify({
        StackResourceSummaries: [
          {
            LogicalResourceId: 'bucket',
            PhysicalResourceId: 'my-stack-bucket-1vc62xmplgguf',
            ResourceType: 'AWS::S3::Bucket',
            ResourceStatus: 'CREATE_COMPLETE',
          },
        ],
        NextToken: 'AAEAAR',
      }),
    )
    const {files} = await importFilesDetailed([file])
    expect(files[0]).toMatchObject({status: 'partial', incomplete: 'the export stops at a NextToken, so later pages are missing'})
  })
})

describe('cdk.out assemblies', () => {
  it('reads the folder: every stack’s template, without AWS::CDK::Metadata', async () => {
    const {snapshot, files} = await importFilesDetailed([real('cloudformation/kics-cdk.out')])
    expect(files[0]).toMatchObject({format: 'cdk-assembly', detail: 'cdk.out assembly, 1 stacks', skipped: {'CDK metadata': 1}})
    expect(snapshot.resources.map((r) => [r.id, r.type, r.source])).toEqual([
      ['aws:AWS::S3::Bucket:Stack#Bucket83908E77', 'AWS::S3::Bucket', 'cdk-assembly:kics-cdk.out'],
    ])
  })

  it('reads an assembly from its manifest.json too, with GetAtt between the stack’s queues', async () => {
    const {snapshot, files} = await importFilesDetailed([real('cloudformation/cdk-integ-sqs.out/manifest.json')])
    expect(files[0]!.format).toBe('cdk-assembly')
    const id = (name: string) => `aws:AWS::SQS::Queue:aws-cdk-sqs#${name}`
    expect(new Set(byId(snapshot, id('DeadLetterQueue9F481546')).dependsOn)).toEqual(
      new Set([id('SourceQueue1F4BBA4BB'), id('SourceQueue22481CB5A')]),
    )
    expect(snapshot.resources[0]!.source).toBe('cdk-assembly:cdk-integ-sqs.out')
  })

  it('refuses a manifest that points outside its folder', async () => {
    const folder = tempDir()
    writeFileSync(
      join(folder, 'manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: {S: {type: 'aws:cloudformation:stack', properties: {templateFile: '../../etc/passwd'}}},
      }),
    )
    const error = (await importFilesDetailed([folder]).catch((e: unknown) => e)) as InputError
    expect(error.message).toMatch(
      /manifest\.json: artifacts\.S\.properties\.templateFile must name a file inside the assembly folder/,
    )
  })
})
