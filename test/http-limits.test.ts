import createDebug from 'debug'
import nock from 'nock'
import {afterEach, describe, expect, it} from 'vitest'
import {
  collectPages,
  HttpClient,
  type HttpError,
  PartialPagesError,
  paginate,
  rateLimitResetWait,
} from '../src/collectors/http.js'
import {fakeClock} from '../src/util/clock.js'

const BASE = 'https://api.example.test/v1'
const NOW = Date.parse('2026-11-28T12:00:00Z')
const unix = (ms: number) => String(Math.floor(ms / 1000))

function client(extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  const clock = fakeClock(NOW)
  return {clock, http: new HttpClient({provider: 'example', baseUrl: BASE, clock, random: () => 0.5, ...extra})}
}

/** Hetzner's documented shape: a token bucket of 3,600 an hour, RateLimit-Reset the Unix time the whole budget is back. */
const hetzner = {rateLimit: {requests: 3600, perMs: 3_600_000}, rateLimitModel: 'token-bucket' as const}

describe('rate-limit headers (Hetzner token bucket)', () => {
  it('waits for one token, not for the whole budget, after a 429 at Remaining: 0', async () => {
    // The whole budget is back in an hour (3,600 tokens), so one token is back in a second.
    nock(BASE)
      .get('/servers')
      .reply(
        429,
        {error: {code: 'rate_limit_exceeded', message: 'limit of 3600 requests per hour reached'}},
        {'RateLimit-Limit': '3600', 'RateLimit-Remaining': '0', 'RateLimit-Reset': unix(NOW + 3_600_000)},
      )
    nock(BASE).get('/servers').reply(200, {servers: []})
    const {http, clock} = client(hetzner)
    await http.getJson('/servers')
    expect(clock.sleeps).toEqual([1000])
  })

  it('retries a 503 with backoff on an account that has used part of its hour', async () => {
    nock(BASE)
      .get('/servers')
      .reply(
        503,
        {error: {code: 'unavailable', message: 'service unavailable'}},
        {
          'RateLimit-Limit': '3600',
          'RateLimit-Remaining': '1200',
          'RateLimit-Reset': unix(NOW + 2_400_000),
        },
      )
    nock(BASE).get('/servers').reply(200, {servers: []})
    const {http, clock} = client({...hetzner, baseDelayMs: 100})
    await http.getJson('/servers')
    expect(clock.sleeps).toEqual([75])
  })

  it('pauses one token, not until the reset, after a success at Remaining: 0', async () => {
    nock(BASE)
      .get('/a')
      .reply(200, {}, {'RateLimit-Limit': '3600', 'RateLimit-Remaining': '0', 'RateLimit-Reset': unix(NOW + 3_600_000)})
    nock(BASE).get('/b').reply(200, {})
    const {http, clock} = client(hetzner)
    await http.getJson('/a')
    await http.getJson('/b')
    expect(clock.sleeps).toEqual([1000])
  })

  it('reads a window reset (IETF delta seconds) as the time the budget is back', () => {
    expect(rateLimitResetWait(new Headers({'ratelimit-reset': '3'}), NOW)).toBe(3000)
    const bucket = new Headers({'ratelimit-limit': '3600', 'ratelimit-remaining': '3599', 'ratelimit-reset': unix(NOW + 1000)})
    expect(rateLimitResetWait(bucket, NOW, 'token-bucket')).toBe(1000)
  })
})

describe('deadline and body', () => {
  /** A fetch whose body sends a few bytes and then nothing, until the request's signal aborts it. */
  const trickling: typeof fetch = async (_url, init) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"items": ['))
        init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason))
      },
    })
    return new Response(body, {status: 200, headers: {'content-type': 'application/json'}})
  }

  it('times out a body that trickles, and retries it', async () => {
    let calls = 0
    const fetchOnce: typeof fetch = async (url, init) => {
      calls++
      return calls === 1 ? trickling(url, init) : new Response('{"items": [1]}', {status: 200})
    }
    const {http, clock} = client({timeoutMs: 20, fetch: fetchOnce, baseDelayMs: 100})
    const response = await http.getJson<{items: number[]}>('/items')
    expect(response.data.items).toEqual([1])
    expect(calls).toBe(2)
    expect(clock.sleeps).toEqual([75])
  })

  it('says "timed out", not "unexpected error", when every attempt trickles', async () => {
    const {http} = client({timeoutMs: 20, maxAttempts: 2, fetch: trickling})
    const error = (await http.getJson('/items').catch((e: unknown) => e)) as HttpError
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/timed out after 20 ms/)
  })

  it('retries a body that is reset mid-way', async () => {
    let calls = 0
    const resetting: typeof fetch = async () => {
      calls++
      if (calls > 1) return new Response('{"ok": true}', {status: 200})
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"ok"'))
          controller.error(Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'}))
        },
      })
      return new Response(body, {status: 200})
    }
    const {http} = client({fetch: resetting})
    const response = await http.getJson<{ok: boolean}>('/x')
    expect(response.data.ok).toBe(true)
    expect(calls).toBe(2)
  })
})

describe('collectPages bounds', () => {
  it('keeps the pages read before a page fails, and says why', async () => {
    const error = await collectPages<number, number>(async (page = 1) => {
      if (page === 3) throw new Error('example: GET /items answered HTTP 500.')
      return {items: [page * 10, page * 10 + 1], next: page + 1}
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PartialPagesError)
    expect((error as PartialPagesError<number>).items).toEqual([10, 11, 20, 21])
    expect((error as Error).message).toMatch(/stopped after 2 page\(s\) and 4 item\(s\): example: GET \/items answered HTTP 500/)
  })

  it('rethrows when the first page fails, as nothing was read', async () => {
    const error = await collectPages(async () => {
      throw new Error('denied')
    }).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(PartialPagesError)
  })

  it('stops on an empty page that still names a next page', async () => {
    let calls = 0
    const error = await collectPages<number, string>(async (token) => {
      calls++
      return token === undefined ? {items: [1], next: 'a'} : {items: [], next: `${token}a`}
    }).catch((e: unknown) => e)
    expect(calls).toBe(2)
    expect((error as PartialPagesError<number>).items).toEqual([1])
    expect((error as Error).message).toMatch(/empty page that still named a next page/)
  })

  it('stops at the page bound with a cursor that changes on every page', async () => {
    let calls = 0
    const error = await collectPages<number, number>(
      async (token = 0) => {
        calls++
        return {items: [token], next: token + 1}
      },
      {maxPages: 50},
    ).catch((e: unknown) => e)
    expect(calls).toBe(50)
    expect((error as PartialPagesError<number>).items).toHaveLength(50)
    expect((error as Error).message).toMatch(/bound of 50 pages/)
  })

  it('stops at the time bound', async () => {
    const clock = fakeClock(NOW)
    const error = await collectPages<number, number>(
      async (token = 0) => {
        await clock.sleep(60_000)
        return {items: [token], next: token + 1}
      },
      {maxMs: 5 * 60_000, clock},
    ).catch((e: unknown) => e)
    expect((error as PartialPagesError<number>).items).toHaveLength(6)
    expect((error as Error).message).toMatch(/bound of 5 minutes/)
  })

  it('collects 300,000 items from 3 pages without spreading them into one call', async () => {
    const page = Array.from({length: 100_000}, (_, i) => i)
    const all = await collectPages<number, number>(async (token = 0) => ({items: page, next: token < 2 ? token + 1 : undefined}))
    expect(all).toHaveLength(300_000)
  })

  it('paginate ends an endless cursor with a reason', async () => {
    const read: number[] = []
    const error = await (async () => {
      for await (const items of paginate<number, number>(async (t = 0) => ({items: t === 0 ? [1] : [], next: t + 1})))
        read.push(...items)
    })().catch((e: unknown) => e)
    expect(read).toEqual([1])
    expect((error as HttpError).kind).toBe('malformed')
    expect((error as Error).message).toMatch(/empty page that still named a next page/)
  })
})

describe('request tracing', () => {
  const lines: string[] = []
  const original = createDebug.log
  afterEach(() => {
    createDebug.disable()
    createDebug.log = original
    lines.length = 0
  })

  it('logs method, URL, status, attempt and wait under DEBUG=exitready:*, with no secret', async () => {
    createDebug.enable('exitready:*')
    createDebug.log = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '))
    }
    nock(BASE).get('/items').query(true).reply(429, {}, {'Retry-After': '2'})
    nock(BASE).get('/items').query(true).reply(200, {items: []})
    const {http} = client({auth: () => ({authorization: 'Bearer SECRET-TOKEN'})})
    await http.getJson('/items', {page: 2, access_token: 'SECRET-QUERY'})
    const text = lines.join('\n')
    expect(text).toMatch(
      /example GET https:\/\/api\.example\.test\/v1\/items\?page=2&access_token=\*\*\* 429 \(attempt 1\), retry in 2000 ms/,
    )
    expect(text).toMatch(/200 \(attempt 2\)/)
    expect(text).not.toMatch(/SECRET/)
  })
})

describe('withDeadline', () => {
  it('ends a call that never finishes with a TimeoutError, and passes a finished one through', async () => {
    const {withDeadline} = await import('../src/collectors/http.js')
    const hanging = withDeadline(() => new Promise<never>(() => {}), 20, 'aws ec2:DescribeInstances eu-west-1')
    await expect(hanging).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'aws ec2:DescribeInstances eu-west-1 did not finish within 0 s',
    })
    expect(await withDeadline(async () => 42, 1000, 'x')).toBe(42)
  })
})
