import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {EDGE_ORIGINS, IdIndex, linkEdges, usageEdges, usageLinks} from '../../src/inventory/links.js'
import type {Resource} from '../../src/inventory/model.js'
import * as reference from '../graph/reference/infer.js'

const r = (id: string, extra: Partial<Resource> = {}): Resource => ({
  id,
  provider: 'aws',
  type: 'AWS::EC2::Instance',
  tags: {},
  source: 'aws:tagging',
  ...extra,
})

describe('inference from attributes', () => {
  it('finds an Azure VM’s NICs and disks, a NIC’s subnet (as its network when the subnet is not listed), and a web app’s server farm, across id casing', () => {
    const sub = '/subscriptions/6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30/resourceGroups/rg-app/providers'
    const resources = [
      r(`${sub}/Microsoft.Compute/virtualMachines/vm-1`, {
        provider: 'azure',
        attributes: {
          networkProfile: {networkInterfaces: [{id: `${sub.toUpperCase()}/MICROSOFT.NETWORK/NETWORKINTERFACES/VM-1-NIC`}]},
          storageProfile: {osDisk: {managedDisk: {id: `${sub}/Microsoft.Compute/disks/vm-1_OsDisk_1`}}},
        },
      }),
      r(`${sub}/Microsoft.Network/networkInterfaces/vm-1-nic`, {
        provider: 'azure',
        attributes: {
          ipConfigurations: [{properties: {subnet: {id: `${sub}/Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-web`}}}],
        },
      }),
      r(`${sub}/Microsoft.Compute/disks/vm-1_OsDisk_1`, {provider: 'azure'}),
      r(`${sub}/Microsoft.Network/virtualNetworks/vnet-app`, {provider: 'azure'}),
      r(`${sub}/Microsoft.Web/sites/app-api`, {
        provider: 'azure',
        attributes: {serverFarmId: `${sub}/Microsoft.Web/serverfarms/asp-prod`},
      }),
      r(`${sub}/Microsoft.Web/serverfarms/asp-prod`, {provider: 'azure'}),
    ]
    const edges = usageEdges(resources).map((e) => `${e.from.split('/').pop()} → ${e.to.split('/').pop()} (${e.origin})`)
    expect(edges).toEqual([
      'vm-1 → vm-1-nic (inferred)',
      'vm-1 → vm-1_OsDisk_1 (inferred)',
      'vm-1-nic → vnet-app (inferred)',
      'app-api → asp-prod (inferred)',
    ])
  })

  it('finds a Lambda’s role and subnets, an ECS service’s target group, and ARNs inside environment variables and policy documents', () => {
    const account = '412345678901'
    const resources = [
      r(`arn:aws:lambda:eu-central-1:${account}:function:claims-ocr`, {
        type: 'AWS::Lambda::Function',
        attributes: {
          role: `arn:aws:iam::${account}:role/claims-lambda-exec`,
          vpcConfig: {subnetIds: ['subnet-0a1b2c3d4e5f60718']},
          environment: {variables: {QUEUE_ARN: `arn:aws:sqs:eu-central-1:${account}:claims-intake`}},
        },
      }),
      r(`arn:aws:iam::${account}:role/claims-lambda-exec`, {
        type: 'AWS::IAM::Role',
        attributes: {
          policyDocument: `{"Statement":[{"Effect":"Allow","Resource":"arn:aws:dynamodb:eu-central-1:${account}:table/claims-events"}]}`,
        },
      }),
      r(`arn:aws:sqs:eu-central-1:${account}:claims-intake`, {type: 'AWS::SQS::Queue'}),
      r(`arn:aws:dynamodb:eu-central-1:${account}:table/claims-events`, {type: 'AWS::DynamoDB::Table'}),
      r('subnet-0a1b2c3d4e5f60718', {type: 'AWS::EC2::Subnet'}),
      r(`arn:aws:ecs:eu-central-1:${account}:service/claims/api`, {
        type: 'AWS::ECS::Service',
        attributes: {
          loadBalancers: [
            {targetGroupArn: `arn:aws:elasticloadbalancing:eu-central-1:${account}:targetgroup/claims-api/6d0ecf831eec9f09`},
          ],
        },
      }),
      r(`arn:aws:elasticloadbalancing:eu-central-1:${account}:targetgroup/claims-api/6d0ecf831eec9f09`, {
        type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      }),
    ]
    const pairs = usageEdges(resources).map((e) => `${e.from.split(/[:/]/).pop()} → ${e.to.split(/[:/]/).pop()}`)
    expect(pairs).toEqual(
      expect.arrayContaining([
        'claims-ocr → claims-lambda-exec',
        'claims-ocr → subnet-0a1b2c3d4e5f60718',
        'claims-ocr → claims-intake',
        'claims-lambda-exec → claims-events',
        'api → 6d0ecf831eec9f09',
      ]),
    )
    expect(pairs).toHaveLength(5)
  })

  it('keeps the origin of declared links: Terraform state, GCP parent relationships, collectors', () => {
    const cluster = '//container.googleapis.com/projects/p/locations/europe-west3/clusters/ml'
    const edges = usageEdges([
      r('a', {dependsOn: ['b'], source: 'import:terraform'}),
      r('b'),
      r(`${cluster}/nodePools/gpu`, {
        provider: 'gcp',
        dependsOn: [cluster],
        attributes: {parentFullResourceName: cluster},
        source: 'gcp',
      }),
      r(cluster, {
        provider: 'gcp',
        attributes: {network: 'https://www.googleapis.com/compute/v1/projects/p/global/networks/ml-vpc'},
      }),
      r('//compute.googleapis.com/projects/p/global/networks/ml-vpc', {provider: 'gcp'}),
      r('c', {dependsOn: ['b', 'missing']}),
    ])
    expect(edges.map((e) => `${e.from.split('/').pop()}→${e.to.split('/').pop()}:${e.origin}`)).toEqual([
      'a→b:state',
      'gpu→ml:relationship',
      'ml→ml-vpc:inferred',
      'c→b:declared',
    ])
  })
})

describe('links as integers', () => {
  it('resolves each edge once into indices over the resources, with its origin as a code', () => {
    const resources = [
      r('a', {dependsOn: ['b', 'b', 'a', 'missing'], source: 'import:terraform'}),
      r('b', {attributes: {target: 'arn:aws:sqs:eu-central-1:412345678901:q1'}}),
      r('arn:aws:sqs:eu-central-1:412345678901:q1', {dependsOn: ['a']}),
    ]
    const links = usageLinks(resources)
    expect(links.length).toBe(3)
    expect([...links.from]).toEqual([0, 1, 2])
    expect([...links.to]).toEqual([1, 2, 0])
    expect([...links.origin].map((o) => EDGE_ORIGINS[o])).toEqual(['state', 'inferred', 'declared'])
    expect(links.ids).toEqual(resources.map((x) => x.id))
    expect(linkEdges(links)).toEqual(usageEdges(resources))
    expect(usageLinks([]).length).toBe(0)
  })

  it('finds ARM ids case-insensitively and walks up to the nearest listed ancestor; other ids exactly', () => {
    const vnet = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v'
    const index = new IdIndex(['x', vnet, 'X'])
    expect(index.resolve('x')).toBe(0)
    expect(index.resolve('X')).toBe(2)
    expect(index.resolve('y')).toBe(-1)
    expect(index.resolve(`${vnet.toUpperCase()}/SUBNETS/s1/`)).toBe(1)
    expect(index.resolve('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/w')).toBe(-1)
    expect(index.duplicates).toBe(false)
    expect(new IdIndex(['a', 'b', 'a']).indexOf('a')).toBe(2)
  })

  it('gives exactly the edges of the object-based inference on random estates', () => {
    const sub = '/subscriptions/6f1d3c2a-8b7e-4c55-9a0e-2d4b7c1e9f30/resourceGroups/rg/providers'
    const idArb = fc.oneof(
      fc.constantFrom('a', 'b', 'c', 'missing'),
      fc.integer({min: 0, max: 3}).map((i) => `arn:aws:sqs:eu-central-1:412345678901:q${i}`),
      fc.tuple(fc.integer({min: 0, max: 3}), fc.boolean()).map(([i, upper]) => {
        const id = `${sub}/Microsoft.Web/sites/s${i}`
        return upper ? id.toUpperCase() : id
      }),
    )
    const valueArb = fc.oneof(
      idArb,
      idArb.map((id) => `see ${id}, then`),
      fc.constantFrom('https://www.googleapis.com/compute/v1/projects/p/global/networks/n', 'short', ''),
    )
    const resourceArb = fc.record({
      id: idArb,
      dependsOn: fc.option(fc.array(idArb, {maxLength: 4}), {nil: undefined}),
      attributes: fc.option(
        fc.dictionary(
          fc.constantFrom('k', 'role', 'env', 'parentFullResourceName'),
          fc.oneof(valueArb, fc.array(valueArb, {maxLength: 3})),
        ),
        {
          nil: undefined,
        },
      ),
      source: fc.constantFrom('aws', 'terraform', 'OpenTofu state', 'gcp'),
    })
    fc.assert(
      fc.property(fc.array(resourceArb, {maxLength: 12}), (specs) => {
        const resources = specs.map((s) =>
          r(s.id, {
            ...(s.dependsOn ? {dependsOn: s.dependsOn} : {}),
            ...(s.attributes ? {attributes: s.attributes} : {}),
            source: s.source,
          }),
        )
        // Ids may repeat here (snapshots merge repeats on reading); the edges must still agree.
        expect(usageEdges(resources)).toEqual(reference.usageEdges(resources))
      }),
      {numRuns: 300},
    )
  })
})
