import {cpSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BUILTIN_CATALOG_DIR, loadCatalog} from '../../src/catalog/load.js'
import {namespaceOf} from '../../src/catalog/namespace.js'
import {InputError} from '../../src/errors.js'

/** A small catalog folder: the real categories, providers and regions, plus the given provider file. */
function catalogDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'))
  for (const name of ['categories.yaml', 'providers.yaml', 'regions.yaml'])
    cpSync(join(BUILTIN_CATALOG_DIR, name), join(dir, name))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const TEST_CATALOG = `provider: aws
services:
  AWS::RDS:
    default: {category: relational-db, portability: portable, stateful: true, exit: Dump and restore.}
    types:
      AWS::RDS::DBInstance:
        category: relational-db
        portability: portable
        stateful: true
        standard: PostgreSQL wire protocol
        aliases: [aws_db_instance, rds:db]
        refine:
          - when: {engine: [aurora-*]}
            set: {portability: compatible}
            note: Aurora
          - when: {engine: "oracle-*"}
            set: {portability: proprietary, standard: Oracle SQL}
          - when: {license_model: bring-your-own-license}
            set: {effort: XL}
`

describe('catalog lookup order', () => {
  it('finds the exact type first, then an alias, then the service default, else unmapped', async () => {
    const catalog = await loadCatalog({dir: catalogDir({'aws.yaml': TEST_CATALOG})})
    expect(catalog.lookup('AWS::RDS::DBInstance')).toMatchObject({
      matchedBy: 'type',
      type: 'AWS::RDS::DBInstance',
      standard: 'PostgreSQL wire protocol',
    })
    expect(catalog.lookup('aws_db_instance')).toMatchObject({matchedBy: 'alias', type: 'AWS::RDS::DBInstance'})
    expect(catalog.lookup('rds:db')).toMatchObject({matchedBy: 'alias', type: 'AWS::RDS::DBInstance'})
    expect(catalog.lookup('AWS::RDS::DBProxy')).toMatchObject({
      matchedBy: 'service',
      portability: 'portable',
      exit: 'Dump and restore.',
    })
    expect(catalog.lookup('AWS::Nope::Thing')).toMatchObject({
      matchedBy: 'unmapped',
      portability: 'unmapped',
      category: 'unmapped',
    })
  })

  it('refines by attributes, case-insensitively, first matching rule wins', async () => {
    const catalog = await loadCatalog({dir: catalogDir({'aws.yaml': TEST_CATALOG})})
    expect(catalog.lookup('AWS::RDS::DBInstance', {Engine: 'aurora-postgresql'})).toMatchObject({
      portability: 'compatible',
      refinedBy: 'Aurora',
    })
    expect(catalog.lookup('AWS::RDS::DBInstance', {engine: 'oracle-ee'})).toMatchObject({
      portability: 'proprietary',
      standard: 'Oracle SQL',
    })
    expect(catalog.lookup('AWS::RDS::DBInstance', {engine: 'postgres'}).portability).toBe('portable')
    // A rule written in Terraform's snake_case matches the APIs' camelCase, and the reverse.
    expect(catalog.lookup('AWS::RDS::DBInstance', {engine: 'postgres', licenseModel: 'bring-your-own-license'}).effort).toBe('XL')
    expect(catalog.lookup('AWS::RDS::DBInstance', {license_model: 'bring-your-own-license'}).effort).toBe('XL')
    expect(catalog.lookup('AWS::RDS::DBInstance').refinedBy).toBeUndefined()
  })

  it('lets a private catalog file override a built-in entry', async () => {
    const dir = catalogDir({'aws.yaml': TEST_CATALOG})
    const extra = join(dir, '..', `${Date.now()}-private.yaml`)
    writeFileSync(
      extra,
      'provider: aws\nservices:\n  AWS::RDS:\n    types:\n      AWS::RDS::DBInstance: {category: relational-db, portability: captive, stateful: true, aliases: [aws_db_instance]}\n',
    )
    const catalog = await loadCatalog({dir, extraFiles: [extra]})
    expect(catalog.lookup('AWS::RDS::DBInstance').portability).toBe('captive')
    expect(catalog.lookup('aws_db_instance').portability).toBe('captive')
  })

  it('maps regions and zones to countries', async () => {
    const catalog = await loadCatalog()
    expect(catalog.countryOf('aws', 'eu-central-1')).toBe('DE')
    expect(catalog.countryOf('aws', 'eu-central-1a')).toBe('DE')
    expect(catalog.countryOf('gcp', 'europe-west3-b')).toBe('DE')
    expect(catalog.countryOf('azure', 'WestEurope')).toBe('NL')
    expect(catalog.countryOf('aws', 'mars-north-1')).toBeUndefined()
  })
})

describe('namespaceOf', () => {
  it.each([
    ['AWS::S3::Bucket', 'AWS::S3'],
    ['microsoft.storage/storageaccounts/blobservices', 'microsoft.storage'],
    ['storage.googleapis.com/Bucket', 'storage.googleapis.com'],
    ['saas:microsoft-365/exchange-online', 'saas:microsoft-365'],
    ['hetzner:server', 'hetzner'],
  ])('%s → %s', (type, namespace) => expect(namespaceOf(type)).toBe(namespace))
})

describe('catalog validation', () => {
  const load = (text: string, name = 'aws.yaml') => loadCatalog({dir: catalogDir({[name]: text})})

  it('names the file, line, column and field of a bad value', async () => {
    const error = await load(
      'provider: aws\nservices:\n  AWS::S3:\n    default: {category: object-storage, portability: sticky, stateful: true}\n',
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).exitCode).toBe(2)
    expect((error as Error).message).toMatch(/aws\.yaml:4:54: services\.AWS::S3\.default\.portability: .*found a string/)
    // The value itself is never quoted: the file may be something else passed by mistake.
    expect((error as Error).message).not.toContain('sticky')
  })

  it('rejects an unknown key with its position', async () => {
    const error = await load(
      'provider: aws\nservices:\n  AWS::S3:\n    default: {category: object-storage, portability: compatible, stateful: true, colour: blue}\n',
    ).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/aws\.yaml:4:82: unknown key "colour" at services\.AWS::S3\.default\.colour/)
  })

  it('rejects an unknown category and an unknown European provider', async () => {
    await expect(
      load(
        'provider: aws\nservices:\n  AWS::S3:\n    default: {category: storage-ish, portability: compatible, stateful: true}\n',
      ),
    ).rejects.toThrow(/unknown category "storage-ish"/)
    await expect(
      load(
        'provider: aws\nservices:\n  AWS::S3:\n    default: {category: object-storage, portability: compatible, stateful: true, european: [{provider: acme, service: X}]}\n',
      ),
    ).rejects.toThrow(/european\[0\]\.provider: "acme" is not in providers\.yaml/)
  })

  it('rejects an alias that maps to two types', async () => {
    await expect(
      load(
        'provider: aws\nservices:\n  AWS::S3:\n    types:\n      AWS::S3::Bucket: {category: object-storage, portability: compatible, stateful: true, aliases: [s3]}\n      AWS::S3::AccessPoint: {category: object-storage, portability: compatible, stateful: false, aliases: [s3]}\n',
      ),
    ).rejects.toThrow(/alias s3 already names AWS::S3::Bucket/)
  })

  it('rejects a type filed under the wrong namespace', async () => {
    await expect(
      load(
        'provider: aws\nservices:\n  AWS::S3:\n    types:\n      AWS::EC2::Instance: {category: compute-vm, portability: portable, stateful: false}\n',
      ),
    ).rejects.toThrow(/belongs to namespace AWS::EC2/)
  })

  it('refuses YAML alias bombs and custom tags', async () => {
    const bomb = `provider: aws\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nservices: {}\n`
    await expect(load(bomb)).rejects.toThrow(/alias/i)
    await expect(load('provider: !!js/function "x"\nservices: {}\n')).rejects.toThrow(InputError)
  })
})

describe('the built-in catalog', () => {
  it('loads and validates, with every European offer naming a known provider', async () => {
    const catalog = await loadCatalog()
    expect(catalog.entries.size).toBeGreaterThan(100)
    for (const [type, {entry}] of catalog.entries) {
      expect(catalog.categories.has(entry.category), type).toBe(true)
      for (const offer of entry.european ?? [])
        expect(catalog.providers.has(offer.provider), `${type} → ${offer.provider}`).toBe(true)
    }
  })
})

describe('categories that say what a service is', () => {
  it('files Neptune as a graph database and ECS as container orchestration, not a document database or Kubernetes', async () => {
    const {loadCatalog} = await import('../../src/catalog/load.js')
    const catalog = await loadCatalog()
    expect(catalog.lookup('AWS::Neptune::DBCluster').category).toBe('graph-db')
    expect(catalog.lookup('aws_neptune_cluster').category).toBe('graph-db')
    expect(catalog.lookup('AWS::ECS::Service').category).toBe('containers')
    expect(catalog.lookup('aws_ecs_cluster').category).toBe('containers')
  })
})
