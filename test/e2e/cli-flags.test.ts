// One flag convention across the commands (scan's flags come from the providers' specs and are tested there).
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {JsonError} from '../../src/cli/base.js'
import type {AssessResult} from '../../src/commands/assess.js'
import type {CatalogListResult} from '../../src/commands/catalog/list.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

function snapshotFile(dir: string): string {
  const file = join(dir, 'inventory.json')
  const resource = (id: string, provider: string, type: string, tags: Record<string, string> = {}) => ({
    id,
    provider,
    type,
    region: 'eu-central-1',
    tags,
    source: 'test',
  })
  writeFileSync(
    file,
    JSON.stringify({
      schema: 'exitready/inventory@1',
      createdAt: '2026-11-28T10:00:00Z',
      sources: [
        {provider: 'aws', scope: '111111111111', status: 'complete', count: 2},
        {provider: 'azure', scope: 'sub-1', status: 'complete', count: 1},
        {provider: 'hetzner', scope: 'project', status: 'failed', error: 'Permission denied.', count: 0},
      ],
      resources: [
        resource('arn:aws:s3:::claims', 'aws', 'AWS::S3::Bucket', {environment: 'production', team: 'claims'}),
        resource('arn:aws:dynamodb:eu-central-1:111111111111:table/policies', 'aws', 'AWS::DynamoDB::Table', {
          environment: 'staging',
        }),
        resource(
          '/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/docs',
          'azure',
          'microsoft.storage/storageaccounts',
          {
            environment: 'production',
          },
        ),
        resource('gcp-thing', 'gcp', 'storage.googleapis.com/Bucket', {environment: 'production'}),
      ],
    }),
  )
  return file
}

const json = <T>(text: string): T => JSON.parse(text) as T
const providersOf = (result: AssessResult) => result.providers.map((p) => p.provider).sort()

describe('list flags take commas and repetition', () => {
  it('assess --provider aws,azure and --provider aws --provider azure select the same resources', () => {
    const dir = tempDir()
    const snapshot = snapshotFile(dir)
    const commas = runCli(['assess', snapshot, '--provider', 'aws,azure', '-d', join(dir, 'a'), '--format', 'json', '--json'])
    const repeated = runCli([
      'assess',
      snapshot,
      '-p',
      'AWS',
      '--providers',
      'azure',
      '-d',
      join(dir, 'b'),
      '--format',
      'json',
      '--json',
    ])
    for (const run of [commas, repeated]) {
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
      const result = json<AssessResult>(run.stdout)
      expect(providersOf(result)).toEqual(['aws', 'azure'])
      expect(result.summary.resourceCount).toBe(3)
      // The report says it was filtered, so nobody reads it as the whole estate.
      expect(result.inputs).toContain('only provider aws or azure')
      // Hetzner's failed source is filtered away with its resources: the rest is complete.
      expect(run.status).toBe(0)
    }
  })

  it('--policy one-hole inventory.json reads inventory.json as the snapshot, not as a second policy', () => {
    const dir = tempDir()
    const snapshot = snapshotFile(dir)
    const run = runCli(['assess', '--policy', 'one-hole', snapshot, '-d', join(dir, 'out'), '--format', 'json', '--json'])
    expect(run.stderr).not.toMatch(/No inventory snapshot given/)
    const result = json<AssessResult>(run.stdout)
    expect(result.policies.map((p) => p.name)).toEqual(['one-hole'])
    expect(result.inputs).toEqual([snapshot])
    // The failed hetzner source makes the inventory incomplete (exit 3) unless findings gate first.
    expect([1, 3]).toContain(run.status)
  })

  it('--policy takes commas and repetition, and --format md --format json writes both', () => {
    const dir = tempDir()
    const snapshot = snapshotFile(dir)
    const run = runCli([
      'assess',
      snapshot,
      '--policies',
      'baseline,one-hole',
      '--policy',
      'sovereign-first',
      '--format',
      'md',
      '--format',
      'json',
      '-d',
      join(dir, 'out'),
      '--json',
    ])
    const result = json<AssessResult>(run.stdout)
    expect(result.policies.map((p) => p.name)).toEqual(['baseline', 'one-hole', 'sovereign-first'])
    expect(result.files.map((f) => f.split('/').pop())).toEqual(['exit-report.md', 'assessment.json'])
  })

  it('--catalog takes commas and does not swallow the type of catalog show', () => {
    const dir = tempDir()
    const extra = join(dir, 'extra.yaml')
    writeFileSync(
      extra,
      'provider: aws\nservices:\n  AWS::Example:\n    default: {category: object-storage, portability: portable, stateful: true}\n',
    )
    const run = runCli(['catalog', 'show', '--catalog', `${extra},${extra}`, 'AWS::Example::Thing', '--json', '-q'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout).mapping.portability).toBe('portable')
  })
})

describe('closed sets are checked with a suggestion', () => {
  it.each([
    [['--provider', 'amazon'], /--provider: there is no provider "amazon" \(did you mean "aws"\?\)/],
    [['--category', 'relational-dbs'], /--category: there is no category "relational-dbs" \(did you mean "relational-db"\?\)/],
    [['--portability', 'captiv'], /--portability: there is no portability "captiv" \(did you mean "captive"\?\)/],
  ])('catalog list %j is exit 2 with a did-you-mean, not an empty table', (flags, message) => {
    const run = runCli(['catalog', 'list', ...flags])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stdout).toBe('')
  })

  it('assess --provider amazon names aws; -p with a policy name says -p is --provider now', () => {
    const amazon = runCli(['assess', '--demo', '--provider', 'amazon', '-d', tempDir()])
    expect(amazon.status).toBe(2)
    expect(amazon.stderr).toMatch(/there is no provider "amazon" \(did you mean "aws"\?\)/)
    const policy = runCli(['assess', '--demo', '-p', 'sovereign-first', '-d', tempDir()])
    expect(policy.status).toBe(2)
    expect(policy.stderr).toMatch(/-p is --provider; name a policy with --policy sovereign-first/)
  })

  it('a value outside an oclif option set gets a did-you-mean too', () => {
    const run = runCli(['assess', '--demo', '--fail-on', 'hgh', '-d', tempDir()])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/--fail-on: "hgh" is not one of its values \(did you mean "high"\?\)/)
  })

  it("provider names are case-insensitive, and the README's catalog list example returns rows", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toContain('exitready catalog list --provider aws --portability captive')
    const run = runCli(['catalog', 'list', '--provider', 'aws', '--portability', 'captive', '--json'])
    expect(run.status).toBe(0)
    const rows = json<CatalogListResult>(run.stdout).entries
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.provider === 'aws' && r.portability === 'captive')).toBe(true)
    const upper = json<CatalogListResult>(runCli(['catalog', 'list', '-p', 'AWS', '--portability', 'Captive', '--json']).stdout)
    expect(upper.entries).toEqual(rows)
  })

  it('catalog list takes lists, and --no-services leaves the service defaults out', () => {
    const both = json<CatalogListResult>(runCli(['catalog', 'list', '--provider', 'hetzner,scaleway', '--json']).stdout).entries
    expect(new Set(both.map((r) => r.provider))).toEqual(new Set(['hetzner', 'scaleway']))
    expect(both.some((r) => r.level === 'service')).toBe(true)
    const types = json<CatalogListResult>(
      runCli(['catalog', 'list', '--provider', 'hetzner,scaleway', '--no-services', '--json']).stdout,
    ).entries
    expect(types.length).toBeGreaterThan(0)
    expect(types.every((r) => r.level === 'type')).toBe(true)
  })
})

describe('short flags mean the same everywhere', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
    commands: Record<string, {flags: Record<string, {char?: string; name: string}>}>
  }
  // -o is only --out, -d only --out-dir, -p only --provider, -f only --format, -q only --quiet, -y only --yes.
  const meaning: Record<string, string> = {o: 'out', d: 'out-dir', p: 'provider', f: 'format', q: 'quiet', y: 'yes'}

  it('every short flag has one meaning across all commands, and -o, -d, -p, -f theirs', () => {
    const meanings = new Map<string, Set<string>>()
    for (const command of Object.values(manifest.commands))
      for (const flag of Object.values(command.flags))
        if (flag.char) meanings.set(flag.char, (meanings.get(flag.char) ?? new Set()).add(flag.name))
    const table = Object.fromEntries([...meanings].map(([char, names]) => [char, [...names].sort().join(' | ')]))
    for (const [char, name] of Object.entries(meaning))
      if (table[char] !== undefined) expect(`-${char} is --${table[char]}`).toBe(`-${char} is --${name}`)
    for (const [char, names] of Object.entries(table)) expect(`-${char} is --${names}`).not.toContain('|')
    expect(Object.keys(table)).toEqual(expect.arrayContaining(['o', 'd', 'p', 'f', 'q']))
  })

  it('assess -d is --out-dir, and an --out-dir that is a file is exit 2 with a stable code', () => {
    const dir = tempDir()
    const file = join(dir, 'a-file')
    writeFileSync(file, 'x')
    const run = runCli(['assess', '--demo', '-d', file, '--json'])
    expect(run.status).toBe(2)
    const error = json<JsonError>(run.stdout).error
    expect(error).toMatchObject({code: 'EXITREADY_WRITE_FAILED', exitCode: 2})
    expect(error.message).toMatch(/^cannot write .*a-file/)
    expect(readFileSync(file, 'utf8')).toBe('x')
  })
})
