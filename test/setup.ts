// Global test setup: no test reaches the real network, and a test fails on any request that
// matched no interceptor or any interceptor that was never used (nock 15 answers unmatched
// requests with 501 instead of throwing, so this has to be checked explicitly).
import nock from 'nock'
import {afterEach, beforeAll, beforeEach, expect} from 'vitest'

const unmatched: string[] = []

beforeAll(() => {
  nock.disableNetConnect()
  // Local servers started by e2e tests are the only hosts allowed.
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/)
  nock.emitter.on('no match', (req: {method?: string; path?: string; url?: string; options?: {host?: string; path?: string}}) => {
    const where = req.url ?? `${req.options?.host ?? ''}${req.options?.path ?? req.path ?? ''}`
    // Loopback traffic is allowed through and is not a mismatch.
    if (/^(https?:\/\/)?(127\.0\.0\.1|localhost)/.test(where)) return
    unmatched.push(`${req.method ?? 'GET'} ${where}`)
  })
})

beforeEach(() => {
  unmatched.length = 0
})

afterEach(() => {
  const pending = nock.pendingMocks()
  const noMatch = [...unmatched]
  nock.cleanAll()
  unmatched.length = 0
  expect(noMatch, 'requests that matched no nock interceptor').toEqual([])
  expect(pending, 'nock interceptors that were never used').toEqual([])
})
