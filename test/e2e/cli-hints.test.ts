// Errors about the network say so, a missing AWS profile is named, and no credentials point at what works without.
// The hint functions are run on what the real collectors produce (a Hetzner scan through the shared HTTP layer).

import {mkdirSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {collector as hetzner} from '../../src/collectors/hetzner/index.js'
import {spec as hetznerSpec} from '../../src/collectors/hetzner/spec.js'
import {missingAwsProfile, networkFailure, noCredentialsMessage, unreachable} from '../../src/collectors/hints.js'
import {runScan} from '../../src/collectors/scan.js'
import {fakeClock} from '../../src/util/clock.js'
import {tempDir} from '../helpers/cli.js'

/** What undici's fetch throws when the name does not resolve: TypeError('fetch failed') caused by getaddrinfo's error. */
function dnsFailure(host: string): TypeError {
  const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
    errno: -3008,
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname: host,
  })
  return new TypeError('fetch failed', {cause})
}

async function hetznerScan(fetch: typeof globalThis.fetch, endpoint?: string) {
  const result = await runScan({
    providers: ['hetzner'],
    env: {HCLOUD_TOKEN: 'test-token'},
    endpoints: endpoint ? {hetzner: endpoint} : {},
    clock: fakeClock(),
    fetch,
    loadCollector: async () => hetzner,
    loadSpec: async () => hetznerSpec,
  })
  return result.snapshot.sources.filter((s) => s.status === 'failed').map((s) => s.error ?? '')
}

describe('a network failure is named as one', () => {
  it('a DNS failure of every Hetzner list is "cannot reach api.hetzner.cloud (DNS)", not a token to renew', async () => {
    const errors = await hetznerScan(async (input) => {
      throw dnsFailure(new URL(String(input instanceof Request ? input.url : input)).hostname)
    })
    expect(errors.length).toBeGreaterThan(0)
    // The failed sources carry the HTTP layer's sentences; the hint reads them in place of the token advice.
    const hint = unreachable(errors)
    expect(hint?.message).toBe('cannot reach api.hetzner.cloud (DNS)')
    expect(hint?.suggestion).toMatch(/resolves the name \(DNS, VPN, an HTTPS_PROXY it needs\)/)
    expect(hint?.suggestion).not.toMatch(/token/i)
  })

  it('a refused connection (a real closed port on 127.0.0.1) is "connection refused"', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as {port: number}
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const errors = await hetznerScan(globalThis.fetch, `http://127.0.0.1:${port}/v1`)
    expect(unreachable(errors)?.message).toBe('cannot reach 127.0.0.1 (connection refused)')
  })

  it('a rejected token is not a network failure, so the provider keeps its own advice', () => {
    expect(unreachable(['hetzner: GET https://api.hetzner.cloud/v1/servers was rejected (401 unauthorized).'])).toBeUndefined()
    expect(unreachable([])).toBeUndefined()
    // One list failing for the network and another rejected: not only the network's fault.
    expect(
      unreachable([
        'hetzner: GET https://api.hetzner.cloud/v1/servers failed (ENOTFOUND).',
        'hetzner: GET https://api.hetzner.cloud/v1/volumes was rejected (403).',
      ]),
    ).toBeUndefined()
  })

  it('SDK messages are read too (getaddrinfo, timeouts, TLS)', () => {
    expect(networkFailure('getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com')).toEqual({
      host: 'sts.eu-west-1.amazonaws.com',
      reason: 'DNS',
    })
    expect(networkFailure('azure: POST https://management.azure.com/x timed out after 30000 ms.')).toEqual({
      host: 'management.azure.com',
      reason: 'no answer in time',
    })
    expect(
      networkFailure(
        'request to https://proxy.corp/ failed, reason: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
      )?.reason,
    ).toBe('TLS')
  })
})

describe('a missing AWS profile is named', () => {
  function home(config?: string, credentials?: string): string {
    const dir = tempDir()
    mkdirSync(join(dir, '.aws'))
    if (config !== undefined) writeFileSync(join(dir, '.aws', 'config'), config)
    if (credentials !== undefined) writeFileSync(join(dir, '.aws', 'credentials'), credentials)
    return dir
  }

  it('AWS_PROFILE=nope with no such profile names it and the files looked in', () => {
    const dir = home(
      '[default]\nregion = eu-west-1\n[profile prod]\nsso_session = corp\n[sso-session corp]\nsso_region = eu-west-1\n',
      '[ci]\naws_access_key_id = x\n',
    )
    const problem = missingAwsProfile(undefined, {AWS_PROFILE: 'nope'}, dir)
    expect(problem?.message).toBe('AWS profile "nope" (from AWS_PROFILE) is not in ~/.aws/config or ~/.aws/credentials')
    expect(problem?.suggestion).toBe(
      'Use one of the profiles there (ci, default, prod), or unset AWS_PROFILE for the default chain.',
    )
    // An sso-session section is not a profile.
    expect(missingAwsProfile('corp', {}, dir)?.message).toMatch(/^AWS profile "corp" \(from --aws-profile\)/)
  })

  it('a profile that exists, in either file, or no profile named, is no problem', () => {
    const dir = home('[profile prod]\n', '[ci]\n')
    expect(missingAwsProfile(undefined, {AWS_PROFILE: 'prod'}, dir)).toBeUndefined()
    expect(missingAwsProfile('ci', {}, dir)).toBeUndefined()
    expect(missingAwsProfile(undefined, {}, dir)).toBeUndefined()
  })

  it('AWS_CONFIG_FILE is where the SDK looks, so it is where the hint looks; no files at all suggests aws configure', () => {
    const dir = home()
    writeFileSync(join(dir, 'other-config'), '[profile nope]\n')
    expect(missingAwsProfile(undefined, {AWS_PROFILE: 'nope', AWS_CONFIG_FILE: join(dir, 'other-config')}, dir)).toBeUndefined()
    expect(missingAwsProfile(undefined, {AWS_PROFILE: 'nope'}, dir)?.suggestion).toMatch(
      /^Create it with `aws configure --profile nope`/,
    )
  })
})

describe('no credentials at all', () => {
  it('points at import and assess --demo', () => {
    const {message, suggestion} = noCredentialsMessage()
    expect(message).toBe('No provider has credentials here, so nothing was scanned and nothing was written.')
    expect(suggestion).toMatch(/`exitready import terraform\.tfstate`/)
    expect(suggestion).toMatch(/`exitready assess --demo`/)
  })
})
