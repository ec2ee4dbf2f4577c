import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {collectPages, HttpClient, HttpError, paginate, parseWaitHeader} from '../src/collectors/http.js'
import {fakeClock} from '../src/util/clock.js'

const BASE = 'https://api.example.test/v1'

function client(extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  const clock = fakeClock()
  return {clock, http: new HttpClient({provider: 'example', baseUrl: BASE, clock, random: () => 0.5, ...extra})}
}

describe('HttpClient', () => {
  it('retries a 429 after the Retry-After it was given', async () => {
    nock(BASE)
      .get('/items')
      .reply(429, {error: {code: 'rate_limit_exceeded', message: 'slow down'}}, {'Retry-After': '7'})
    nock(BASE)
      .get('/items')
      .reply(200, {items: [1]})
    const {http, clock} = client()
    const response = await http.getJson<{items: number[]}>('/items')
    expect(response.data.items).toEqual([1])
    expect(clock.sleeps).toEqual([7000])
  })

  it('retries a 5xx with backoff and recovers', async () => {
    nock(BASE).get('/items').reply(503, 'unavailable')
    nock(BASE).get('/items').reply(502, 'bad gateway')
    nock(BASE).get('/items').reply(200, {ok: true})
    const {http, clock} = client({baseDelayMs: 100})
    await http.getJson('/items')
    // Full jitter at random()=0.5: 75% of 100 ms, then 75% of 200 ms.
    expect(clock.sleeps).toEqual([75, 150])
  })

  it('gives up after maxAttempts with the last error and no credentials in it', async () => {
    nock(BASE).get('/items').query(true).times(3).reply(500, {message: 'boom'})
    const {http} = client({maxAttempts: 3, auth: () => ({authorization: 'Bearer SECRET-TOKEN'})})
    const error = await http.getJson('/items', {token: 'SECRET-QUERY'}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).kind).toBe('server')
    expect(String((error as Error).message)).not.toMatch(/SECRET/)
  })

  it('does not retry a permission error', async () => {
    nock(BASE)
      .get('/items')
      .reply(403, {error: {code: 'forbidden', message: 'no access to project'}})
    const {http, clock} = client()
    const error = (await http.getJson('/items').catch((e: unknown) => e)) as HttpError
    expect(error.kind).toBe('forbidden')
    expect(error.code).toBe('forbidden')
    expect(clock.sleeps).toEqual([])
  })

  it('bounds the total wait', async () => {
    nock(BASE).get('/items').reply(429, {}, {'Retry-After': '100'})
    const {http} = client({maxTotalWaitMs: 10_000})
    const error = (await http.getJson('/items').catch((e: unknown) => e)) as HttpError
    expect(error.kind).toBe('throttled')
  })

  it('treats a provider-specific throttle (AWS 400 ThrottledException) as retryable', async () => {
    nock(BASE).post('/').reply(400, {__type: 'ThrottledException', message: 'Rate exceeded'})
    nock(BASE).post('/').reply(200, {})
    const {http, clock} = client({isThrottle: (status, body) => status === 400 && /Throttl/.test(JSON.stringify(body))})
    await http.request({method: 'POST', path: '/', body: {}})
    expect(clock.sleeps).toHaveLength(1)
  })

  it('pauses before the next request when the quota is used up', async () => {
    const resetAt = Math.floor(Date.parse('2026-11-28T12:00:30Z') / 1000)
    nock(BASE)
      .get('/a')
      .reply(200, {}, {'RateLimit-Remaining': '0', 'RateLimit-Reset': String(resetAt)})
    nock(BASE).get('/b').reply(200, {})
    const {http, clock} = client()
    await http.getJson('/a')
    await http.getJson('/b')
    expect(clock.sleeps).toEqual([30_000])
  })

  it('paces to a documented request budget', async () => {
    nock(BASE).get('/x').times(3).reply(200, {})
    const {http, clock} = client({rateLimit: {requests: 2, perMs: 1000}})
    await http.getJson('/x')
    await http.getJson('/x')
    await http.getJson('/x')
    expect(clock.sleeps).toEqual([1000])
  })

  it('reports a malformed JSON page clearly', async () => {
    nock(BASE).get('/items').reply(200, '{"items": [', {'content-type': 'application/json'})
    const {http} = client()
    const error = (await http.getJson('/items').catch((e: unknown) => e)) as HttpError
    expect(error.kind).toBe('malformed')
    expect(error.message).toMatch(/not valid JSON/)
  })

  it('names the network cause undici hides in the error', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new AggregateError([Object.assign(new Error('x'), {code: 'ECONNREFUSED'})]), {}),
      })
    }
    const {http} = client({maxAttempts: 1, fetch: refused})
    const error = (await http.getJson('/items').catch((e: unknown) => e)) as HttpError
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/failed \(ECONNREFUSED\)/)
  })

  it('times out a request that never answers', async () => {
    // A fetch that only ever settles by abort (nock's delay() trips an undici assertion on abort).
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    const {http} = client({timeoutMs: 20, maxAttempts: 1, fetch: hanging})
    const error = (await http.getJson('/slow').catch((e: unknown) => e)) as HttpError
    expect(error.kind).toBe('timeout')
  })
})

describe('parseWaitHeader', () => {
  const now = Date.parse('2026-11-28T12:00:00Z')
  it('reads Azure hh:mm:ss quota resets', () => {
    expect(parseWaitHeader(new Headers({'x-ms-user-quota-resets-after': '00:00:04'}), now)).toBe(4000)
  })
  it('reads an HTTP date', () => {
    expect(parseWaitHeader(new Headers({'retry-after': 'Sat, 28 Nov 2026 12:00:10 GMT'}), now)).toBe(10_000)
  })
  it('reads RateLimit-Reset as delta seconds', () => {
    expect(parseWaitHeader(new Headers({'ratelimit-reset': '3'}), now)).toBe(3000)
  })
})

describe('paginate', () => {
  it('follows tokens until there is none', async () => {
    const pages: Record<string, {items: number[]; next?: string}> = {
      '': {items: [1, 2], next: 'b'},
      b: {items: [3], next: 'c'},
      c: {items: []},
    }
    const all: number[] = []
    for await (const items of paginate<number, string>(async (token) => ({
      items: pages[token ?? '']!.items,
      next: pages[token ?? '']!.next,
    })))
      all.push(...items)
    expect(all).toEqual([1, 2, 3])
  })
  it('stops on a repeated token', async () => {
    const run = async () => {
      for await (const _ of paginate<number, string>(async () => ({items: [1], next: 'same'}))) {
      }
    }
    await expect(run()).rejects.toThrow(/same page token twice/)
  })
})

describe('collectPages', () => {
  it('gathers every page in order and tells each page how many items came before', async () => {
    const seen: number[] = []
    const all = await collectPages<number, number>(async (page = 0, before) => {
      seen.push(before)
      return {items: [page * 10, page * 10 + 1], next: page < 2 ? page + 1 : undefined}
    })
    expect(all).toEqual([0, 1, 10, 11, 20, 21])
    expect(seen).toEqual([0, 2, 4])
  })
})
