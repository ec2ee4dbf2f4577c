import {describe, expect, it} from 'vitest'
import {TokenCache} from '../src/collectors/token-cache.js'
import {fakeClock} from '../src/util/clock.js'

describe('TokenCache', () => {
  it('renews once for concurrent callers and again only near expiry', async () => {
    const clock = fakeClock()
    let issued = 0
    const cache = new TokenCache(async () => ({value: `t${++issued}`, expiresAt: clock.now() + 600_000}), clock, 60_000)
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['t1', 't1', 't1'])
    await clock.sleep(539_000)
    expect(await cache.get()).toBe('t1')
    await clock.sleep(1_000)
    expect(await cache.get()).toBe('t2')
    expect(issued).toBe(2)
  })

  it('renews after the provider rejected the current token, but keeps a newer one', async () => {
    const clock = fakeClock()
    let issued = 0
    const cache = new TokenCache(async () => ({value: `t${++issued}`, expiresAt: clock.now() + 3_600_000}), clock)
    const first = await cache.get()
    cache.invalidate(first)
    expect(await cache.get()).toBe('t2')
    cache.invalidate(first)
    expect(await cache.get()).toBe('t2')
  })

  it('does not cache a failed renewal', async () => {
    const clock = fakeClock()
    let calls = 0
    const cache = new TokenCache(async () => {
      calls++
      if (calls === 1) throw new Error('identity service unavailable')
      return {value: 'ok'}
    }, clock)
    await expect(cache.get()).rejects.toThrow('identity service unavailable')
    expect(await cache.get()).toBe('ok')
  })
})
