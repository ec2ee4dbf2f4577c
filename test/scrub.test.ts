import fc from 'fast-check'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {HttpClient} from '../src/collectors/http.js'
import {oneSentence, scrubSecrets} from '../src/collectors/scrub.js'
import {fakeClock} from '../src/util/clock.js'

describe('scrubSecrets', () => {
  it('redacts a quoted value to its end, spaces included', () => {
    expect(scrubSecrets(`{'password': 'correct horse battery staple', 'user': 'bob'}`)).toBe(
      `{'password': '[redacted]', 'user': 'bob'}`,
    )
    expect(scrubSecrets('{"client_secret": "a b c"}')).toBe('{"client_secret": "[redacted]"}')
  })

  it('redacts an unquoted value to its end', () => {
    expect(scrubSecrets('password: correct horse battery staple')).toBe('password: [redacted]')
    expect(scrubSecrets('GET /x?api_key=abc def&page=2')).toBe('GET /x?api_key=[redacted]&page=2')
  })

  it('catches passwords in URLs, vendor tokens and PEM blocks', () => {
    expect(scrubSecrets('postgres://admin:S3cr3t!pass@db.example.com:5432/app')).toBe(
      'postgres://admin:[redacted]@db.example.com:5432/app',
    )
    expect(scrubSecrets('token ghp_abcdefghijklmnopqrstuvwxyz0123456789 expired')).toBe('token [redacted] expired')
    expect(scrubSecrets('key sk_live_51HxYzAbCdEfGhIjKl')).toBe('key [redacted]')
    expect(scrubSecrets('-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA -----END OPENSSH PRIVATE KEY-----')).toBe(
      '[redacted]',
    )
    expect(scrubSecrets('client_secret: 3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('client_secret: [redacted]')
  })

  it('leaves prose about tokens alone', () => {
    expect(scrubSecrets('The security token included in the request is invalid')).toBe(
      'The security token included in the request is invalid',
    )
  })

  it('never lets a secret-named value through, whatever it holds', () => {
    const value = fc
      .string({unit: fc.constantFrom(...'abcXYZ019 !#$%()+-./_~'.split('')), minLength: 8, maxLength: 60})
      .filter((v) => v.trim().length >= 8)
    const key = fc.constantFrom(
      'password',
      'db_password',
      'apiKey',
      'client_secret',
      'access_token',
      'X-Auth-Token',
      'passphrase',
    )
    const shape = fc.constantFrom('json', 'single', 'equals', 'colon')
    fc.assert(
      fc.property(key, value, shape, (k, v, s) => {
        const text =
          s === 'json' ? `{"${k}": "${v}"}` : s === 'single' ? `{'${k}': '${v}'}` : s === 'equals' ? `${k}=${v}` : `${k}: ${v}`
        const out = oneSentence(`The service said ${text} and stopped`, 120)
        expect(out).not.toContain(v.trim())
      }),
      {numRuns: 500},
    )
  })

  it('scrubs a provider message before cutting it, so half a token cannot escape', async () => {
    const token = `Bearer ${'A1b2'.repeat(60)}`
    nock('https://api.example.test')
      .get('/x')
      .reply(400, {message: `${'x'.repeat(150)} ${token}`})
    const http = new HttpClient({provider: 'example', baseUrl: 'https://api.example.test', clock: fakeClock(), maxAttempts: 1})
    const error = (await http.getJson('/x').catch((e: unknown) => e)) as Error
    expect(error.message).not.toMatch(/A1b2A1b2/)
  })
})
