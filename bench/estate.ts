import type {ResourceInput} from '../src/inventory/model.js'
import {hex, pick, seededRandom} from '../src/util/random.js'

/**
 * A synthetic estate for benchmarks: `count` resources over the providers and types a real estate
 * has, with tags, regions, sizes and about `edgesPerResource` dependencies each. Seeded.
 */
const TYPES: [provider: string, type: string, regions: string[], stateful: boolean][] = [
  ['aws', 'AWS::EC2::Instance', ['eu-central-1', 'eu-west-1'], false],
  ['aws', 'AWS::EC2::Volume', ['eu-central-1', 'eu-west-1'], true],
  ['aws', 'AWS::S3::Bucket', ['eu-central-1'], true],
  ['aws', 'AWS::Lambda::Function', ['eu-central-1'], false],
  ['aws', 'AWS::DynamoDB::Table', ['eu-central-1'], true],
  ['aws', 'AWS::RDS::DBInstance', ['eu-west-1'], true],
  ['aws', 'AWS::SQS::Queue', ['eu-central-1'], false],
  ['aws', 'AWS::Logs::LogGroup', ['eu-central-1'], false],
  ['azure', 'microsoft.compute/virtualmachines', ['westeurope', 'germanywestcentral'], false],
  ['azure', 'microsoft.compute/disks', ['westeurope'], true],
  ['azure', 'microsoft.storage/storageaccounts', ['westeurope'], true],
  ['azure', 'microsoft.web/sites', ['westeurope'], false],
  ['azure', 'microsoft.documentdb/databaseaccounts', ['westeurope'], true],
  ['gcp', 'compute.googleapis.com/Instance', ['europe-west3-a'], false],
  ['gcp', 'bigquery.googleapis.com/Dataset', ['EU'], true],
  ['gcp', 'storage.googleapis.com/Bucket', ['europe-west3'], true],
  ['hetzner', 'hetzner:server', ['fsn1', 'nbg1'], false],
  ['scaleway', 'scaleway:instance-server', ['fr-par-1'], false],
  ['aws', 'Nordwind::Legacy::Thing', ['eu-central-1'], false],
]

export function* syntheticResources(count: number, edgesPerResource = 3, seed = 42): Generator<ResourceInput> {
  const random = seededRandom(seed)
  for (let i = 0; i < count; i++) {
    const [provider, type, regions, stateful] = TYPES[i % TYPES.length]!
    const dependsOn: string[] = []
    for (let e = 0; e < edgesPerResource && i > 0; e++) dependsOn.push(`res-${Math.floor(random() * i)}`)
    yield {
      id: `res-${i}`,
      provider,
      type,
      name: `${type.split(/[:/]/).pop()}-${i}-${hex(random, 6)}`,
      account: `account-${i % 40}`,
      region: pick(random, regions),
      tags: {
        app: `app-${i % 300}`,
        env: pick(random, ['prod', 'staging', 'dev']),
        owner: `team-${i % 25}@example.com`,
        ...(i % 7 === 0 ? {'critical-function': 'true'} : {}),
      },
      ...(type.startsWith('AWS::RDS')
        ? {attributes: {engine: pick(random, ['postgres', 'oracle-ee', 'aurora-postgresql'])}}
        : {}),
      ...(stateful ? {sizeGiB: Math.round(random() * 2000)} : {}),
      dependsOn,
      source: 'bench',
    }
  }
}
