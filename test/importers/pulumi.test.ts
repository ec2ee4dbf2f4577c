/**
 * Pulumi state from pulumi-aws's recorded upgrade tests (`pulumi stack export`) and Pulumi's own
 * checkpoint test data (fixtures/import/real/pulumi/README.md).
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {InputError} from '../../src/errors.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {tempDir} from '../helpers/cli.js'
import {byId, leakedSecrets, real} from './helpers.js'

const ARN = (resource: string) => `arn:aws:ec2:us-west-2:616138583583:${resource}`

describe('pulumi stack export', async () => {
  const {snapshot, files} = await importFilesDetailed([real('pulumi/ec2-networking.stack.json')])

  it('counts only custom resources: not the stack, not the provider', () => {
    expect(files[0]).toMatchObject({
      format: 'pulumi-state',
      detail: 'pulumi stack export, stack test/ec2-networking',
      resources: 9,
      skipped: {'the stack': 1, 'provider resources': 1},
    })
  })

  it('maps URN types to canonical types, with the ARN as id and the provider’s region', () => {
    expect(byId(snapshot, ARN('vpc/vpc-0ca0287536af52635'))).toMatchObject({
      type: 'AWS::EC2::VPC',
      name: 'MyVPC',
      account: '616138583583',
      region: 'us-west-2',
      attributes: {pulumiType: 'aws:ec2/vpc:Vpc', pulumiUrn: 'urn:pulumi:test::ec2-networking::aws:ec2/vpc:Vpc::MyVPC'},
    })
    // No ARN: the Terraform type of the bridged provider and the provider's id, as a Terraform state would have it.
    expect(byId(snapshot, 'aws:aws_nat_gateway:nat-0d9d80723d1954396')).toMatchObject({
      type: 'AWS::EC2::NatGateway',
      region: 'us-west-2',
    })
  })

  it('turns dependencies and propertyDependencies into dependsOn', () => {
    expect(byId(snapshot, ARN('subnet/subnet-05cab3ea9b19c4232')).dependsOn).toEqual([ARN('vpc/vpc-0ca0287536af52635')])
    expect(new Set(byId(snapshot, 'aws:aws_nat_gateway:nat-0d9d80723d1954396').dependsOn)).toEqual(
      new Set(['aws:aws_eip:eipalloc-01c9ffd2c77115e63', ARN('subnet/subnet-05cab3ea9b19c4232')]),
    )
  })
})

describe('a local-backend checkpoint', async () => {
  const {snapshot, files} = await importFilesDetailed([real('pulumi/countdown.checkpoint.json')])

  it('skips component resources (cloud:*, aws:serverless:Function) and keeps the custom resources under them', () => {
    expect(files[0]).toMatchObject({
      detail: 'Pulumi checkpoint, stack foo/countdown',
      resources: 12,
      skipped: {'component resources': 4},
    })
    expect(byId(snapshot, 'arn:aws:lambda:us-east-2:153052954103:function:countDown_watcher-560cf0c8d799e9cd').type).toBe(
      'AWS::Lambda::Function',
    )
    expect(snapshot.resources.some((r) => String(r.attributes?.pulumiType).startsWith('cloud:'))).toBe(false)
  })

  it('keeps a token the catalog does not know as the resource’s type, and lists it as unmapped', () => {
    expect(files[0]!.unmapped).toEqual({'aws:iam/rolePolicyAttachment:RolePolicyAttachment': 3})
  })

  it('reads a dependency on a component as one on the custom resources it contains', async () => {
    const data = JSON.parse((await import('node:fs')).readFileSync(real('pulumi/countdown.checkpoint.json'), 'utf8')) as {
      checkpoint: {latest: {resources: Record<string, unknown>[]}}
    }
    const resources = data.checkpoint.latest.resources
    // The log subscription filter of the recording names its function by ARN only; make it depend on
    // the component that wraps that function, as Pulumi records `dependsOn: component`.
    const filter = resources.find((r) => String(r.urn).endsWith('LogSubscriptionFilter::countDown_watcher'))!
    filter.dependencies = ['urn:pulumi:foo::countdown::aws:serverless:Function::countDown_watcher']
    const file = join(tempDir(), 'checkpoint.json')
    writeFileSync(file, JSON.stringify(data))
    const read = await importFilesDetailed([file])
    const dependsOn = read.snapshot.resources.find((r) => r.attributes?.pulumiUrn === filter.urn)!.dependsOn
    expect(new Set(dependsOn)).toEqual(
      new Set([
        'arn:aws:iam::153052954103:role/countDown_watcher-iamrole-bf695eb09a5c3e28',
        'aws:aws_iam_role_policy_attachment:countDown_watcher-iamrole-bf695eb09a5c3e28-20171108195133331200000001',
        'aws:aws_iam_role_policy_attachment:countDown_watcher-iamrole-bf695eb09a5c3e28-20171108195134625700000002',
        'arn:aws:lambda:us-east-2:153052954103:function:countDown_watcher-560cf0c8d799e9cd',
      ]),
    )
  })
})

describe('Pulumi secrets and unknown packages', () => {
  it('never reads a secret value, in the secret envelope or as a plain input', async () => {
    const {snapshot} = await importFilesDetailed([real('pulumi/rds-instance.stack.json')])
    expect(byId(snapshot, 'arn:aws:rds:us-west-2:616138583583:db:tested-resource32446a6')).toMatchObject({
      type: 'AWS::RDS::DBInstance',
      attributes: {engine: 'postgres', engineVersion: '15.3', instanceClass: 'db.t4g.micro'},
      sizeGiB: 30,
    })
    expect(leakedSecrets(snapshot)).toEqual([])
  })

  it('skips a package exitready does not know with a warning, and refuses it with --strict', async () => {
    const file = join(tempDir(), 'stack.json')
    writeFileSync(
      file,
      JSON.stringify({
        version: 3,
        deployment: {
          resources: [
            {urn: 'urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev', custom: false, type: 'pulumi:pulumi:Stack'},
            {
              urn: 'urn:pulumi:dev::p::digitalocean:index/droplet:Droplet::web',
              custom: true,
              type: 'digitalocean:index/droplet:Droplet',
              id: '1',
            },
          ],
        },
      }),
    )
    const {files} = await importFilesDetailed([file])
    expect(files[0]).toMatchObject({status: 'partial', unknownProviders: {digitalocean: 1}})
    const error = (await importFilesDetailed([file], {strict: true}).catch((e: unknown) => e)) as InputError
    expect(error.message).toMatch(/is a resource of the Pulumi package digitalocean, which exitready does not know/)
  })
})
