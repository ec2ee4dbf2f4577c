import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {providerFlags, providerOptionsFromFlags} from '../src/cli/provider-flags.js'
import {collectPages} from '../src/collectors/http.js'
import {validateProviderOptions} from '../src/collectors/options.js'
import {runScan} from '../src/collectors/scan.js'
import {mapPartial, ScanSession} from '../src/collectors/scope.js'
import type {Collector, CollectorResult, ProviderSpec} from '../src/collectors/types.js'
import {InputError} from '../src/errors.js'
import {fakeClock} from '../src/util/clock.js'

const regionsSpec: ProviderSpec<{regions: string[]}> = {
  id: 'aws',
  title: 'Amazon Web Services',
  options: z.object({
    regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region looks like eu-west-1')).default([]),
  }),
  flags: [{name: 'aws-regions', option: 'regions', description: 'Regions.', kind: 'list'}],
  rateLimits: 'none documented',
}
const plainSpec = (id: string): ProviderSpec => ({
  id,
  title: id,
  options: z.object({}),
  flags: [],
  rateLimits: 'none documented',
})
const specs: Record<string, ProviderSpec> = {aws: regionsSpec as ProviderSpec, hetzner: plainSpec('hetzner')}
const loadSpec = async (id: string) => specs[id]

function counting(id: string, result: () => CollectorResult | Promise<CollectorResult>) {
  const calls: Record<string, unknown>[] = []
  const collector: Collector = {
    id,
    title: id,
    detect: () => ({available: true, via: 'test'}),
    collect: async (ctx) => {
      calls.push(ctx.options[id] ?? {})
      return result()
    },
  }
  return {collector, calls}
}

describe('provider options are validated before any request', () => {
  it('refuses a bad option of one provider before any provider collects, naming the flag', async () => {
    const aws = counting('aws', () => ({resources: [], sources: []}))
    const hetzner = counting('hetzner', () => ({resources: [], sources: []}))
    const error = await runScan({
      providers: ['hetzner', 'aws'],
      options: {aws: {regions: ['eu-west-1', 'europe-west']}},
      loadCollector: async (id) => (id === 'aws' ? aws.collector : hetzner.collector),
      loadSpec,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toBe('--aws-regions (value 2): an AWS region looks like eu-west-1.')
    expect(aws.calls).toEqual([])
    expect(hetzner.calls).toEqual([])
  })

  it('hands each collector its parsed options, defaults applied', async () => {
    const aws = counting('aws', () => ({resources: [], sources: []}))
    await runScan({providers: ['aws'], options: {}, loadCollector: async () => aws.collector, loadSpec})
    expect(aws.calls).toEqual([{regions: []}])
  })

  it('lists every problem at once', () => {
    const two: ProviderSpec = {
      ...plainSpec('exoscale'),
      options: z.object({zones: z.array(z.string().regex(/^[a-z]{2}-[a-z]{3}-\d$/, 'a zone looks like ch-gva-2'))}),
      flags: [{name: 'exoscale-zones', option: 'zones', description: 'Zones.', kind: 'list'}],
    }
    expect(() => validateProviderOptions([two], {exoscale: {zones: ['gva', 'de-fra-1', 'x']}})).toThrow(
      '2 scan options are not valid: --exoscale-zones (value 1): a zone looks like ch-gva-2; --exoscale-zones (value 3): a zone looks like ch-gva-2.',
    )
  })
})

describe('scan flags are generated from the providers', () => {
  it('declares a list flag that takes commas and repetition, and maps it to the option', () => {
    const flags = providerFlags([regionsSpec as ProviderSpec])
    expect(flags['aws-regions'].multiple).toBe(true)
    expect(flags['aws-regions'].delimiter).toBe(',')
    expect(flags['aws-regions'].helpGroup).toBe('AMAZON WEB SERVICES')
    expect(providerOptionsFromFlags([regionsSpec as ProviderSpec], {'aws-regions': [' eu-west-1', 'us-east-1 ', '']})).toEqual({
      aws: {regions: ['eu-west-1', 'us-east-1']},
    })
  })

  it('refuses two providers declaring the same flag', () => {
    expect(() => providerFlags([regionsSpec as ProviderSpec, {...(regionsSpec as ProviderSpec), id: 'other'}])).toThrow(
      /--aws-regions/,
    )
  })
})

describe('scale and interruption', () => {
  it('gathers 300,000 resources from one provider (no spread into one call)', async () => {
    const resources = Array.from({length: 300_000}, (_, i) => ({
      id: `hetzner:server:${i}`,
      provider: 'hetzner',
      type: 'hetzner:server',
      source: 'scan:hetzner',
    }))
    const big = counting('hetzner', () => ({
      resources,
      sources: [{provider: 'hetzner', scope: 'p', status: 'complete', count: 300_000}],
    }))
    const result = await runScan({providers: ['hetzner'], loadCollector: async () => big.collector, loadSpec})
    expect(result.snapshot.resources).toHaveLength(300_000)
    expect(result.exitCode).toBe(0)
  })

  it('names every resource by its scan source, keeping the collector detail', async () => {
    const aws = counting('aws', () => ({
      resources: [
        {id: 'arn:aws:s3:::a', provider: 'aws', type: 'AWS::S3::Bucket', source: 'aws:tagging'},
        {id: 'arn:aws:s3:::b', provider: 'aws', type: 'AWS::S3::Bucket', source: 'aws'},
      ],
      sources: [],
    }))
    const result = await runScan({providers: ['aws'], loadCollector: async () => aws.collector, loadSpec})
    expect(result.snapshot.resources.map((r) => r.source)).toEqual(['scan:aws:tagging', 'scan:aws'])
  })

  it('Ctrl-C keeps what was read, marks the scope and the provider partial', async () => {
    const controller = new AbortController()
    const collector: Collector = {
      id: 'hetzner',
      title: 'Hetzner Cloud',
      detect: () => ({available: true, via: 'test'}),
      collect: async (ctx) => {
        const session = new ScanSession(ctx, 'hetzner', 'Hetzner Cloud')
        await session.scope('project', {
          servers: () =>
            mapPartial(
              collectPages<number, number>(async (page = 1) => {
                if (page === 3) {
                  controller.abort(new Error('interrupted'))
                  throw new DOMException('This operation was aborted', 'AbortError')
                }
                return {items: [page * 2 - 1, page * 2], next: page + 1}
              }),
              (n) => ({id: `hetzner:server:${n}`, provider: 'hetzner', type: 'hetzner:server', source: 'scan:hetzner'}),
            ),
          volumes: async () => [{id: 'hetzner:volume:1', provider: 'hetzner', type: 'hetzner:volume', source: 'scan:hetzner'}],
        })
        return session.result('check the token')
      },
    }
    const result = await runScan({
      providers: ['hetzner'],
      loadCollector: async () => collector,
      loadSpec,
      signal: controller.signal,
      clock: fakeClock(),
    })
    expect(result.interrupted).toBe(true)
    expect(result.exitCode).toBe(3)
    expect(result.snapshot.resources.map((r) => r.id).sort()).toEqual([
      'hetzner:server:1',
      'hetzner:server:2',
      'hetzner:server:3',
      'hetzner:server:4',
      'hetzner:volume:1',
    ])
    const project = result.snapshot.sources.find((s) => s.scope === 'project')
    expect(project?.status).toBe('partial')
    expect(project?.error).toBe('servers: interrupted before it finished')
    expect(result.snapshot.sources.find((s) => s.scope === '*')?.error).toMatch(/interrupted \(Ctrl-C\)/)
  })
})

describe('ScanSession.partialScope', () => {
  it('records a scope read in part, with its reason, and keeps its resources', async () => {
    const ctx = {
      endpoints: {},
      concurrency: 2,
      env: {},
      clock: fakeClock(),
      progress: {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn() {}},
      options: {},
    }
    const session = new ScanSession(ctx, 'openstack', 'OpenStack')
    session.partialScope('cloud-projects', 'openstack: GET /v3/projects answered HTTP 503', [
      {id: 'openstack:project:1', provider: 'openstack', type: 'openstack:project', source: 'scan:openstack'},
    ])
    const result = session.result('check the cloud')
    expect(result.sources).toEqual([
      {
        provider: 'openstack',
        scope: 'cloud-projects',
        status: 'partial',
        count: 1,
        error: 'openstack: GET /v3/projects answered HTTP 503.',
      },
    ])
    expect(result.resources).toHaveLength(1)
  })
})

describe('what a scan that read nothing says', () => {
  it('names a network failure as one instead of advising a new token', async () => {
    const {collector: hetzner} = await import('../src/collectors/hetzner/index.js')
    const {spec: hetznerSpec} = await import('../src/collectors/hetzner/spec.js')
    const dns: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.hetzner.cloud'), {code: 'ENOTFOUND'}),
      })
    }
    const result = await runScan({
      providers: ['hetzner'],
      env: {HCLOUD_TOKEN: 'test-token'},
      clock: fakeClock(),
      fetch: dns,
      loadCollector: async () => hetzner,
      loadSpec: async () => hetznerSpec as ProviderSpec,
    })
    expect(result.exitCode).toBe(4)
    expect(result.warnings).toEqual([
      'hetzner: cannot reach api.hetzner.cloud (DNS). Check that this machine resolves the name (DNS, VPN, an HTTPS_PROXY it needs), or point the provider elsewhere with --endpoint <provider>=<url>.',
    ])
  })
})
