import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BUILTIN_CATALOG_DIR, catalogFingerprint, loadCatalog, writeCompiledCatalog} from '../../src/catalog/load.js'
import {InputError} from '../../src/errors.js'

const ENTRIES = `provider: aws
services:
  AWS::S3:
    default: {category: object-storage, portability: compatible, stateful: true, exit: Copy the objects.}
    types:
      AWS::S3::Bucket: {title: S3 bucket, category: object-storage, portability: compatible, stateful: true, effort: M, aliases: [aws_s3_bucket]}
  AWS::EC2:
    default: {category: network, portability: portable, stateful: false}
    types:
      AWS::EC2::SecurityGroupIngress: {category: firewall, portability: portable, stateful: false, aliases: [aws_security_group_rule]}
      AWS::EC2::SecurityGroupEgress: {category: firewall, portability: portable, stateful: false}
      AWS::EC2::NetworkInterface: {category: network, portability: portable, stateful: false, aliases: [aws_network_interface, aws_network_interface_sg_attachment, aws_eni]}
  AWS::RDS:
    default: {category: relational-db, portability: portable, stateful: true}
    types:
      AWS::RDS::DBInstance:
        category: relational-db
        portability: portable
        stateful: true
        refine:
          - when: {engine: "oracle-*"}
            set: {portability: proprietary}
`

const TABLE = `terraform: [aws]
provider: aws
typePrefix: aws_
services:
  AWS::Glacier:
    default: {category: backup, portability: proprietary, stateful: true}
  AWS::S3:
    default: {category: management, portability: captive, stateful: false}
children:
  - match: ["AWS::*::*Policy", "aws_*_policy"]
    category: identity
    title: Access policy
  - match: ["aws_s3_bucket_*"]
    category: management
  - match: ["aws_*_association"]
    category: management
    keepCategories: [network]
types:
  aws_db_instance: AWS::RDS::DBInstance
  aws_s3_bucket_policy: AWS::S3::BucketPolicy
  aws_s3_object: {parent: AWS::S3::Bucket, set: {title: S3 object, effort: S}}
  aws_s3_access_point_policy: {namespace: AWS::S3, set: {category: management}}
  aws_security_group_rule:
    type: AWS::EC2::SecurityGroupIngress
    variants:
      - {when: {type: egress}, type: AWS::EC2::SecurityGroupEgress}
    overridesAlias: true
  aws_network_interface_sg_attachment:
    namespace: AWS::EC2
    set: {title: Security group attachment, category: firewall}
    overridesAlias: true
  aws_eni: {namespace: AWS::EC2}
prefixes:
  aws_s3_: AWS::S3
  aws_route_table: AWS::EC2
  aws_glacier_: {namespace: AWS::Glacier, set: {title: Glacier vault part, category: backup}}
`

/** A catalog folder: the real categories, providers and regions, an entry file, and Terraform tables. */
function catalogDir(entries: string, tables: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-tf-'))
  for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml'])
    cpSync(join(BUILTIN_CATALOG_DIR, name), join(dir, name))
  writeFileSync(join(dir, 'aws.yaml'), entries)
  mkdirSync(join(dir, 'terraform'))
  for (const [name, text] of Object.entries(tables)) writeFileSync(join(dir, 'terraform', name), text)
  return dir
}

const load = (table = TABLE) => loadCatalog({dir: catalogDir(ENTRIES, {'aws.yaml': table})})

describe('lookup with Terraform tables', () => {
  it('keeps the order: exact type, alias, table to an entry, table to a default, child rule, service default', async () => {
    const catalog = await load()
    expect(catalog.lookup('AWS::S3::Bucket')).toMatchObject({matchedBy: 'type', type: 'AWS::S3::Bucket'})
    expect(catalog.explain('AWS::S3::Bucket').route).toBe('type')
    expect(catalog.lookup('aws_s3_bucket')).toMatchObject({matchedBy: 'alias', type: 'AWS::S3::Bucket'})
    expect(catalog.explain('aws_s3_bucket').route).toBe('alias')
    // A table line to a type with an entry: the entry, and its refine rules.
    expect(catalog.lookup('aws_db_instance')).toMatchObject({matchedBy: 'alias', type: 'AWS::RDS::DBInstance'})
    expect(catalog.explain('aws_db_instance')).toEqual({
      route: 'terraform-entry',
      source: 'terraform/aws.yaml: types.aws_db_instance',
    })
    expect(catalog.lookup('aws_db_instance', {engine: 'oracle-ee'}).portability).toBe('proprietary')
    // A canonical type without an entry: its namespace, as the child rule on its CloudFormation name says.
    expect(catalog.lookup('aws_s3_bucket_policy')).toMatchObject({
      type: 'AWS::S3::BucketPolicy',
      matchedBy: 'service',
      category: 'identity',
      portability: 'compatible',
      stateful: false,
      effort: 'S',
      title: 'Access policy',
    })
    expect(catalog.explain('aws_s3_bucket_policy')).toEqual({
      route: 'terraform-default',
      source: 'terraform/aws.yaml: children[0]',
    })
    // No table line: the prefix, then the child rule on the Terraform name.
    expect(catalog.lookup('aws_s3_bucket_versioning')).toMatchObject({
      type: 'aws_s3_bucket_versioning',
      matchedBy: 'service',
      category: 'management',
      portability: 'compatible',
      stateful: false,
    })
    expect(catalog.explain('aws_s3_bucket_versioning').source).toBe('terraform/aws.yaml: children[1]')
    // Without a child rule the namespace default applies as it is.
    expect(catalog.lookup('aws_s3_directory_thing')).toMatchObject({
      category: 'object-storage',
      stateful: true,
      exit: 'Copy the objects.',
    })
    expect(catalog.lookup('aws_frobnicator')).toMatchObject({matchedBy: 'unmapped', category: 'unmapped'})
  })

  it('applies child rules to canonical types without an entry, as a scan names them', async () => {
    const catalog = await load()
    expect(catalog.lookup('AWS::S3::AccessPointPolicy')).toMatchObject({
      category: 'identity',
      stateful: false,
      matchedBy: 'service',
    })
    expect(catalog.explain('AWS::S3::AccessPointPolicy')).toEqual({route: 'child', source: 'terraform/aws.yaml: children[0]'})
    expect(catalog.lookup('AWS::S3::StorageLens')).toMatchObject({category: 'object-storage', stateful: true})
    expect(catalog.explain('AWS::S3::StorageLens').route).toBe('service')
    // An entry is never overridden by a child rule.
    expect(catalog.lookup('AWS::S3::Bucket').stateful).toBe(true)
  })

  it('keeps the parent category where the rule says so', async () => {
    const catalog = await load()
    expect(catalog.lookup('aws_route_table_association')).toMatchObject({category: 'network', stateful: false, effort: 'S'})
  })

  it('maps a part of a resource from its parent entry and keeps the Terraform name', async () => {
    const catalog = await load()
    expect(catalog.lookup('aws_s3_object')).toMatchObject({
      type: 'aws_s3_object',
      matchedBy: 'alias',
      category: 'object-storage',
      stateful: true,
      effort: 'S',
      title: 'S3 object',
    })
    expect(catalog.canonicalType('aws_s3_object')).toBeUndefined()
    expect(catalog.canonicalType('aws_s3_bucket_policy')).toBe('AWS::S3::BucketPolicy')
    expect(catalog.canonicalType('aws_s3_bucket')).toBe('AWS::S3::Bucket')
    expect(catalog.canonicalType('aws_s3_bucket_versioning')).toBeUndefined()
  })

  it('lets a family default from a prefix be refined by a child rule, and a type’s own set have the last word', async () => {
    const catalog = await load()
    expect(catalog.lookup('aws_glacier_vault')).toMatchObject({category: 'backup', title: 'Glacier vault part', stateful: true})
    expect(catalog.lookup('aws_glacier_vault_policy')).toMatchObject({category: 'identity', stateful: false})
    expect(catalog.lookup('aws_s3_access_point_policy')).toMatchObject({category: 'management', stateful: false})
  })

  it('chooses the canonical type by attribute where the Terraform type covers two', async () => {
    const catalog = await load()
    expect(catalog.lookup('aws_security_group_rule', {type: 'egress', cidr_blocks: ['0.0.0.0/0']}).type).toBe(
      'AWS::EC2::SecurityGroupEgress',
    )
    expect(catalog.lookup('aws_security_group_rule', {Type: 'Egress'}).type).toBe('AWS::EC2::SecurityGroupEgress')
    expect(catalog.lookup('aws_security_group_rule', {type: 'ingress'})).toMatchObject({
      type: 'AWS::EC2::SecurityGroupIngress',
      matchedBy: 'alias',
    })
    expect(catalog.lookup('aws_security_group_rule', {type: 'egress'}).matchedBy).toBe('alias')
    expect(catalog.canonicalType('aws_security_group_rule', {type: 'egress'})).toBe('AWS::EC2::SecurityGroupEgress')
    expect(catalog.canonicalType('aws_security_group_rule', {type: 'ingress'})).toBe('AWS::EC2::SecurityGroupIngress')
    // Without attributes the type is open: the caller keeps the Terraform name rather than guess ingress.
    expect(catalog.canonicalType('aws_security_group_rule')).toBeUndefined()
  })

  it('wins over an alias only where the table says overridesAlias', async () => {
    const catalog = await load()
    expect(catalog.lookup('aws_network_interface_sg_attachment')).toMatchObject({
      type: 'aws_network_interface_sg_attachment',
      category: 'firewall',
      title: 'Security group attachment',
      stateful: false,
    })
    expect(catalog.canonicalType('aws_network_interface_sg_attachment')).toBeUndefined()
    // The same kind of line without overridesAlias: the alias stays in charge.
    expect(catalog.lookup('aws_eni').type).toBe('AWS::EC2::NetworkInterface')
    expect(catalog.canonicalType('aws_eni')).toBe('AWS::EC2::NetworkInterface')
  })

  it('uses a table’s service default only where no entry file has the namespace', async () => {
    const catalog = await load()
    expect(catalog.services.get('AWS::Glacier')?.file).toBe('terraform/aws.yaml')
    expect(catalog.services.get('AWS::S3')?.file).toBe('aws.yaml')
    expect(catalog.lookup('aws_s3_directory_thing').portability).toBe('compatible')
  })
})

describe('Terraform table validation', () => {
  const failure = (table: string) => load(table).catch((e: unknown) => e)

  it('names the file, line and column of a bad value, never the value', async () => {
    const error = await failure(TABLE.replace('category: identity', 'category: 7'))
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).exitCode).toBe(2)
    expect((error as Error).message).toMatch(/terraform\/aws\.yaml:11:15: children\[0\]\.category: .*found a number/)
  })

  it('rejects an unknown key at the key', async () => {
    const error = await failure(TABLE.replace('overridesAlias: true\n  aws_network', 'overrideAlias: true\n  aws_network'))
    expect((error as Error).message).toMatch(
      /terraform\/aws\.yaml:27:5: unknown key "overrideAlias" at types\.aws_security_group_rule\.overrideAlias/,
    )
  })

  it('rejects a key without the type prefix, a target with two kinds, and an unknown category', async () => {
    expect(((await failure(`${TABLE}  gcp_thing: AWS::S3\n`)) as Error).message).toMatch(
      /terraform\/aws\.yaml:37:14: prefixes\.gcp_thing does not start with the table's typePrefix aws_/,
    )
    expect(
      ((await failure(TABLE.replace('{namespace: AWS::EC2}', '{namespace: AWS::EC2, type: AWS::EC2::X}'))) as Error).message,
    ).toMatch(/types\.aws_eni: give exactly one of type, parent or namespace/)
    expect(((await failure(TABLE.replace('category: backup}}', 'category: vault}}'))) as Error).message).toMatch(
      /prefixes\.aws_glacier_\.set\.category: unknown category "vault"/,
    )
    expect(
      ((await failure(TABLE.replace('keepCategories: [network]', 'keepCategories: [networking]'))) as Error).message,
    ).toMatch(/children\[2\]\.category: unknown category "networking"/)
  })

  it('refuses a provider or a type mapped by two tables', async () => {
    const dir = catalogDir(ENTRIES, {'aws.yaml': TABLE, 'awscopy.yaml': TABLE})
    await expect(loadCatalog({dir})).rejects.toThrow(/terraform: aws is already mapped by terraform\/aws\.yaml/)
    const other = TABLE.replace('terraform: [aws]', 'terraform: [awscc]')
    await expect(loadCatalog({dir: catalogDir(ENTRIES, {'aws.yaml': TABLE, 'awscc.yaml': other})})).rejects.toThrow(
      /types\.aws_db_instance is already mapped by terraform\/aws\.yaml: types\.aws_db_instance/,
    )
  })
})

describe('the compiled catalog', () => {
  it('carries the Terraform tables, and its fingerprint changes with them', async () => {
    const dir = catalogDir(ENTRIES, {'aws.yaml': TABLE})
    const before = await catalogFingerprint(dir)
    const file = join(dir, 'compiled.json')
    await writeCompiledCatalog(file, dir)
    const compiled = JSON.parse(readFileSync(file, 'utf8')) as {fingerprint: string; terraform: {file: string}[]}
    expect(compiled.fingerprint).toBe(before)
    expect(compiled.terraform.map((t) => t.file)).toEqual(['terraform/aws.yaml'])
    writeFileSync(join(dir, 'terraform', 'aws.yaml'), TABLE.replace('aws_route_table: AWS::EC2', 'aws_route_tables: AWS::EC2'))
    expect(await catalogFingerprint(dir)).not.toBe(before)
  })
})
