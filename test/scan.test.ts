import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {createScanProgress, PlainProgress, scanSummaryLines} from '../src/cli/progress.js'
import {providerOptionsFromFlags} from '../src/cli/scan-flags.js'
import {parseEndpoints, runScan} from '../src/collectors/scan.js'
import {errorSentence, scrubSecrets} from '../src/collectors/scrub.js'
import type {Collector, CollectorResult} from '../src/collectors/types.js'
import {ExitCode, ExitreadyError, InputError} from '../src/errors.js'
import {SnapshotSchema} from '../src/inventory/model.js'

/** A collector double: detected or not, returning a result or throwing. */
function fake(id: string, behaviour: {detect?: boolean | string; result?: CollectorResult; error?: unknown}): Collector {
  return {
    id,
    title: id.toUpperCase(),
    detect: () =>
      behaviour.detect === false || typeof behaviour.detect === 'string'
        ? {available: false, reason: typeof behaviour.detect === 'string' ? behaviour.detect : 'no credentials'}
        : {available: true, via: 'test'},
    collect: async (ctx) => {
      ctx.progress.scopeStarted(id, `${id}-scope`)
      if (behaviour.error !== undefined) throw behaviour.error
      ctx.progress.warn(id, 'read-only note')
      ctx.progress.warn(id, 'read-only note')
      return behaviour.result ?? {resources: [], sources: []}
    },
  }
}

const complete = (provider: string, n: number): CollectorResult => ({
  resources: Array.from({length: n}, (_, i) => ({
    id: `${provider}:thing:${i}`,
    provider,
    type: `${provider}:thing`,
    source: provider,
  })),
  sources: [{provider, scope: `${provider}-scope`, status: 'complete', count: n}],
})

function loader(collectors: Record<string, Collector>) {
  return async (id: string) => {
    const collector = collectors[id]
    if (!collector) throw new Error(`Cannot find module './${id}/index.js'`)
    return collector
  }
}

describe('runScan: provider selection', () => {
  it('scans only providers whose credentials are present and says why the others were skipped', async () => {
    const result = await runScan({
      loadCollector: loader({
        aws: fake('aws', {result: complete('aws', 3)}),
        azure: fake('azure', {detect: 'AZURE_ACCESS_TOKEN is not set and no az login session was found'}),
        hetzner: fake('hetzner', {result: complete('hetzner', 2)}),
      }),
    })
    expect(result.providers).toEqual(['aws', 'hetzner'])
    expect(result.skipped).toContainEqual({
      provider: 'azure',
      reason: 'AZURE_ACCESS_TOKEN is not set and no az login session was found',
    })
    expect(result.skipped).toContainEqual({provider: 'gcp', reason: 'its collector is not available in this build'})
    expect(result.exitCode).toBe(0)
    expect(result.snapshot.resources).toHaveLength(5)
    expect(SnapshotSchema.parse(result.snapshot).sources).toHaveLength(2)
    // A warning repeated by a collector is reported once.
    expect(result.warnings.filter((w) => w === 'aws: read-only note')).toHaveLength(1)
  })

  it('scans named providers without detection, and rejects unknown ones', async () => {
    const collectors = {azure: fake('azure', {detect: false, result: complete('azure', 1)})}
    const result = await runScan({providers: ['azure'], loadCollector: loader(collectors)})
    expect(result.providers).toEqual(['azure'])
    expect(result.skipped).toEqual([])
    expect(result.exitCode).toBe(0)
    await expect(runScan({providers: ['oracle'], loadCollector: loader(collectors)})).rejects.toBeInstanceOf(InputError)
  })

  it('exits 4 when no provider has credentials', async () => {
    const result = await runScan({loadCollector: loader({aws: fake('aws', {detect: false})})})
    expect(result.providers).toEqual([])
    expect(result.exitCode).toBe(ExitCode.noProvider)
    expect(result.skipped.find((s) => s.provider === 'aws')?.reason).toBe('no credentials')
  })
})

describe('runScan: failure isolation and exit codes', () => {
  it('records a collector that throws as one failed source, keeps the others, and exits 3', async () => {
    const finished: string[] = []
    const result = await runScan({
      providers: ['aws', 'gcp'],
      loadCollector: loader({
        aws: fake('aws', {result: complete('aws', 4)}),
        gcp: fake('gcp', {
          error: new Error(
            'Request failed with Authorization: Bearer ya29.a0AfH6SMBx3kLq9pZ\nat GaxiosError (node_modules/gaxios/build/src/gaxios.js:1:1)',
          ),
        }),
      }),
      progress: {
        scopeStarted() {},
        scopeProgress() {},
        scopeFinished: (provider, status) => finished.push(`${provider} ${status.scope} ${status.status}`),
        warn() {},
      },
    })
    expect(result.exitCode).toBe(ExitCode.incomplete)
    expect(result.snapshot.resources).toHaveLength(4)
    const failed = result.snapshot.sources.find((s) => s.provider === 'gcp')!
    expect(failed).toMatchObject({scope: '*', status: 'failed', count: 0})
    expect(failed.error).toBe('Request failed with Authorization: [redacted].')
    expect(finished).toContain('gcp * failed')
  })

  it('exits 3 when a collector reports a partial or failed scope', async () => {
    const result = await runScan({
      providers: ['aws'],
      loadCollector: loader({
        aws: fake('aws', {
          result: {
            resources: complete('aws', 2).resources,
            sources: [
              {provider: 'aws', scope: '111122223333/eu-west-1', status: 'complete', count: 2},
              {provider: 'aws', scope: '111122223333/us-east-1', status: 'failed', error: 'AccessDenied.', count: 0},
            ],
          },
        }),
      }),
    })
    expect(result.exitCode).toBe(3)
  })

  it('exits 4 when every provider failed, and passes on the suggestion as a warning', async () => {
    const result = await runScan({
      providers: ['aws', 'azure'],
      loadCollector: loader({
        aws: fake('aws', {error: new ExitreadyError('The security token is invalid.', 4, 'Run `aws sso login`.')}),
        azure: fake('azure', {
          result: {
            resources: [],
            sources: [{provider: 'azure', scope: 'sub-1', status: 'failed', error: 'Forbidden.', count: 0}],
          },
        }),
      }),
    })
    expect(result.exitCode).toBe(4)
    expect(result.warnings).toContain('aws: Run `aws sso login`.')
    expect(result.snapshot.sources.map((s) => `${s.provider}:${s.status}`)).toEqual(['aws:failed', 'azure:failed'])
  })

  it('passes endpoints, concurrency and provider options to collectors', async () => {
    let seen: unknown
    const spy: Collector = {
      ...fake('aws', {}),
      collect: async (ctx) => {
        seen = {endpoints: ctx.endpoints, concurrency: ctx.concurrency, options: ctx.options.aws}
        return complete('aws', 0)
      },
    }
    await runScan({
      providers: ['aws'],
      loadCollector: loader({aws: spy}),
      endpoints: {aws: 'http://127.0.0.1:4566'},
      concurrency: 3,
      options: providerOptionsFromFlags({'aws-regions': 'eu-west-1, eu-central-1', 'aws-org': true}),
    })
    expect(seen).toEqual({
      endpoints: {aws: 'http://127.0.0.1:4566'},
      concurrency: 3,
      // Validated by the AWS spec before collect(): defaults filled in.
      options: {regions: ['eu-west-1', 'eu-central-1'], org: true, roleName: 'OrganizationAccountAccessRole', source: 'tagging'},
    })
  })

  it('rethrows invalid provider options as a usage error (exit 2)', async () => {
    const result = runScan({
      providers: ['aws'],
      loadCollector: loader({aws: fake('aws', {error: new InputError('aws: "eu-west" is not an AWS region name.')})}),
    })
    await expect(result).rejects.toMatchObject({exitCode: 2})
  })
})

describe('endpoint overrides', () => {
  it('reads EXITREADY_ENDPOINT_<PROVIDER> and lets --endpoint win', () => {
    const env = {
      EXITREADY_ENDPOINT_AWS: 'http://127.0.0.1:4566/',
      EXITREADY_ENDPOINT_AZURE: 'https://management.chinacloudapi.cn',
    }
    expect(parseEndpoints(['aws=http://127.0.0.1:9000', 'hetzner=https://api.example.test/v1'], env)).toEqual({
      aws: 'http://127.0.0.1:9000',
      azure: 'https://management.chinacloudapi.cn',
      hetzner: 'https://api.example.test/v1',
    })
    expect(parseEndpoints([], env).aws).toBe('http://127.0.0.1:4566')
  })

  it('rejects malformed overrides with exit code 2', () => {
    for (const bad of ['aws', 'aws=', 'aws=ftp://example.test', 'oracle=https://x.test', 'aws=https://user:pw@x.test'])
      expect(() => parseEndpoints([bad], {}), bad).toThrow(InputError)
    expect(() => parseEndpoints([], {EXITREADY_ENDPOINT_AWS: 'not a url'})).toThrow(/EXITREADY_ENDPOINT_AWS/)
  })
})

describe('error sentences', () => {
  it('keep one line and no credentials', () => {
    const cases = [
      'key AKIAIOSFODNN7EXAMPLE was rejected',
      'secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY leaked',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U here',
      'url https://api.example.test/v1?api_key=abcd1234&x=1 failed',
      'header x-auth-token: 8f2b1c3d-aaaa-bbbb-cccc-1234567890ab',
      'Credential=AKIDEXAMPLE/20261128/eu-west-1/tagging/aws4_request, Signature=63f3b3f8263f20e6b2d8db502cd2bd40ba781134eba5aac1f63e6876fb70d80a',
    ]
    for (const text of cases) {
      const scrubbed = scrubSecrets(text)
      expect(scrubbed, text).toContain('[redacted]')
      expect(scrubbed).not.toMatch(/AKIAIOSFODNN7EXAMPLE|wJalrX|eyJhbGci|abcd1234|8f2b1c3d|63f3b3f8|AKIDEXAMPLE\//)
    }
    const kept = [
      'The security token included in the request is invalid.',
      'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole is not authorized',
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod-rg was not found',
      'GET https://api.hetzner.cloud/v1/servers answered HTTP 500',
    ]
    for (const text of kept) expect(scrubSecrets(text)).toBe(text)
    expect(errorSentence(new Error('first line\n    at stack (file.js:1:1)'))).toBe('first line.')
    expect(errorSentence('x'.repeat(400)).length).toBeLessThanOrEqual(300)
  })
})

describe('plain progress and the summary', () => {
  it('prints one line per event and the digest of the scan', async () => {
    const chunks: string[] = []
    const progress = new PlainProgress({write: (chunk: string) => chunks.push(chunk)} as unknown as NodeJS.WritableStream)
    const result = await runScan({
      providers: ['aws', 'azure'],
      progress,
      loadCollector: loader({
        aws: {
          ...fake('aws', {}),
          collect: async (ctx) => {
            ctx.progress.scopeStarted('aws', '111122223333/eu-west-1')
            ctx.progress.scopeProgress('aws', '111122223333/eu-west-1', 1200)
            ctx.progress.scopeFinished('aws', {provider: 'aws', scope: '111122223333/eu-west-1', status: 'complete', count: 1234})
            return complete('aws', 2)
          },
        },
        azure: fake('azure', {error: new Error('Azure Resource Graph denied permission.')}),
      }),
    })
    const output = chunks.join('')
    expect(output).toContain('Scanning AWS, AZURE\n')
    expect(output).toContain('aws: 111122223333/eu-west-1 started\n')
    expect(output).toContain('aws: 111122223333/eu-west-1 1,200 resources so far\n')
    expect(output).toContain('aws: 111122223333/eu-west-1 complete, 1,234 resources\n')
    expect(output).toContain('azure: * failed: Azure Resource Graph denied permission.\n')
    expect(output).toContain('aws: done, 2 resources from 1 scope\n')
    const lines = scanSummaryLines(result, 'inventory.json')
    expect(lines).toContainEqual({text: 'azure * failed: Azure Resource Graph denied permission.', error: true})
    expect(lines).toContainEqual({text: 'Wrote inventory.json: 2 resources (aws 2, azure 0).'})
    expect(lines.at(-1)).toEqual({
      text: 'The inventory is incomplete: 1 scope could not be read in full (exit code 3).',
      error: true,
    })
  })
})

describe('terminal progress (listr2)', () => {
  it('renders a task per provider on a TTY and finishes with the totals', async () => {
    const sink = new PassThrough()
    let output = ''
    sink.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const stream = Object.assign(sink, {isTTY: true, columns: 120, rows: 40}) as unknown as NodeJS.WriteStream
    const progress = createScanProgress({stream, env: {TERM: 'xterm'}})
    expect(progress.constructor.name).not.toBe('PlainProgress')
    const result = await runScan({
      providers: ['aws', 'gcp'],
      progress,
      loadCollector: loader({
        aws: fake('aws', {result: complete('aws', 3)}),
        gcp: fake('gcp', {error: new Error('Cloud Asset API has not been used in project 123 before or it is disabled.')}),
      }),
    })
    await progress.close?.()
    expect(result.exitCode).toBe(3)
    expect(output).toContain('AWS: 3 resources from 1 scope')
    expect(output).toContain('Cloud Asset API has not been used')
    expect(createScanProgress({stream, env: {CI: 'true'}})).toBeInstanceOf(PlainProgress)
  })
})

describe('progress shows estate values safely', () => {
  it('strips escape sequences from scope names and errors', () => {
    const out = new PassThrough()
    let text = ''
    out.on('data', (chunk) => {
      text += String(chunk)
    })
    const progress = new PlainProgress(out)
    progress.scopeStarted('aws', 'acct\u001b]8;;http://evil.example\u0007/eu-west-1')
    progress.scopeFinished('aws', {provider: 'aws', scope: 'x\u001b[2J', status: 'failed', count: 0, error: 'denied\u009b31m'})
    const controls = [...text].filter((ch) => [0x1b, 0x07, 0x9b].includes(ch.charCodeAt(0)))
    expect(controls).toEqual([])
  })
})
