import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseAwsOptions} from '../../src/collectors/aws/options.js'
import {AwsOptionsSchema, spec} from '../../src/collectors/aws/spec.js'
import {InputError} from '../../src/errors.js'

const parse = (raw: unknown) => spec.options.parse(raw)

describe('AWS provider spec', () => {
  it('normalises the options with defaults, and a second parse of its output changes nothing', () => {
    const once = parse({regions: ' eu-west-1,us-east-1 ,eu-west-1,', profile: '  ', org: true})
    expect(once).toEqual({
      regions: ['eu-west-1', 'us-east-1'],
      profile: undefined,
      org: true,
      roleName: 'OrganizationAccountAccessRole',
      source: 'tagging',
    })
    expect(parse(once)).toEqual(once)
    expect(parse({regions: ['eu-central-1', 'eu-central-1']}).regions).toEqual(['eu-central-1'])
    expect(parse({})).toEqual({regions: [], org: false, roleName: 'OrganizationAccountAccessRole', source: 'tagging'})
  })

  it('keeps injected credentials (library API only) and rejects a value that is none', () => {
    const provider = async () => ({accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x'})
    expect(parse({credentials: provider}).credentials).toBe(provider)
    expect(parse({credentials: {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x'}}).credentials).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'x',
    })
    expect(() => parse({credentials: 'AKIDEXAMPLE'})).toThrow(/credentials are/)
  })

  it.each([
    [{regions: 'eu-west'}, /"eu-west" is not an AWS region name/],
    [{regions: ['eu-west-1', 'EU-WEST-1']}, /"EU-WEST-1" is not an AWS region name/],
    [{source: 'config'}, /tagging or resource-explorer/],
    [{roleName: 'no spaces allowed'}, /not a valid IAM role name/],
    [{homeRegion: 'mars-1'}, /not an AWS region name/],
    [{region: 'eu-west-1'}, /region/], // a misspelt key is an error, not a silently wider scan
  ])('rejects %j before any request, as exit 2 with the option named', (raw, message) => {
    const error = (() => {
      try {
        parseAwsOptions(raw)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(message)
    expect((error as InputError).exitCode).toBe(2)
  })

  it('declares the flags `exitready scan` had for AWS, with the same names, option keys, defaults and descriptions', () => {
    // As src/cli/scan-flags.ts declared them before flags were generated from specs (commit 1155773).
    expect(spec.flags).toEqual([
      {
        name: 'aws-profile',
        option: 'profile',
        description: 'AWS profile from ~/.aws/config (default: AWS_PROFILE or the default chain).',
        kind: 'string',
      },
      {
        name: 'aws-regions',
        option: 'regions',
        description: 'Comma-separated AWS regions (default: every enabled region).',
        kind: 'list',
        aliases: ['aws-region'],
      },
      {name: 'aws-org', option: 'org', description: 'Scan every active account of the AWS Organization.', kind: 'boolean'},
      {
        name: 'aws-role-name',
        option: 'roleName',
        description: 'Role assumed in each member account with --aws-org.',
        kind: 'string',
        default: 'OrganizationAccountAccessRole',
      },
      {
        name: 'aws-source',
        option: 'source',
        description:
          'tagging (fast; misses never-tagged resources) or resource-explorer (includes them; needs Resource Explorer).',
        kind: 'string',
        choices: ['tagging', 'resource-explorer'],
        default: 'tagging',
      },
    ])
    // Every flag sets an option the schema knows, and a flag's default is what the schema defaults to.
    for (const flag of spec.flags) expect(Object.keys(AwsOptionsSchema.shape)).toContain(flag.option)
    const defaults = parse({})
    for (const flag of spec.flags)
      if (flag.default !== undefined) expect(defaults[flag.option as keyof typeof defaults], flag.name).toBe(flag.default)
    expect(spec.rateLimits).toMatch(/15 GetResources calls a second/)
  })

  it('imports nothing heavy: zod and local types only, never an SDK or the collector', () => {
    const source = readFileSync(join(import.meta.dirname, '../../src/collectors/aws/spec.ts'), 'utf8')
    const imports = [...source.matchAll(/^import .* from '([^']+)'/gm)].map((match) => match[1])
    expect(imports).toEqual(['zod', '../types.js'])
  })
})
