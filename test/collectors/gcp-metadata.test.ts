import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
// google-auth-library's own residency cache: pinned, so the metadata probe runs the same on any host.
import {resetIsAvailableCache, setGCPResidency} from 'gcp-metadata'
import nock from 'nock'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {detectGcp, type HostFacts} from '../../src/collectors/gcp/auth.js'
import {collector} from '../../src/collectors/gcp/index.js'
import type {CollectContext} from '../../src/collectors/types.js'
import {ExitCode, type ExitreadyError} from '../../src/errors.js'
import {fakeClock} from '../../src/util/clock.js'

/*
 * A Compute Engine VM or GKE node with no key file and no variables: its credentials come from the
 * metadata server, found by google-auth-library's Application Default Credentials chain. The
 * library races 169.254.169.254 and metadata.google.internal. (gcp-metadata 8) and asks
 * /computeMetadata/v1/instance/service-accounts/default/token, always with `Metadata-Flavor: Google`.
 */

const METADATA = 'http://169.254.169.254'
const METADATA_DNS = 'http://metadata.google.internal.'
const FLAVOR = {'metadata-flavor': 'Google'}
const DATA = 'projects/acme-data-prod'
const VM_TOKEN = 'ya29.c.b0AXv0zTMetadataServerTokenForTests'

const dirs: string[] = []
function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exitready-gce-'))
  dirs.push(dir)
  return dir
}

beforeEach(() => {
  setGCPResidency(false)
  resetIsAvailableCache()
  // The library reads process.env: nothing there may point at real credentials of this machine.
  const home = emptyDir()
  vi.stubEnv('HOME', home)
  for (const name of [
    'GOOGLE_APPLICATION_CREDENTIALS',
    'CLOUDSDK_CONFIG',
    'GCE_METADATA_HOST',
    'GCE_METADATA_IP',
    'METADATA_SERVER_DETECTION',
    'GOOGLE_CLOUD_QUOTA_PROJECT',
  ])
    vi.stubEnv(name, '')
})
afterEach(() => {
  vi.unstubAllEnvs()
  setGCPResidency(null)
  resetIsAvailableCache()
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
})

function context(): CollectContext {
  return {
    endpoints: {},
    concurrency: 2,
    env: {HOME: emptyDir()},
    clock: fakeClock(),
    progress: {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn() {}},
    options: {gcp: {scopes: [DATA]}},
  }
}

/** The metadata server answering the library's probe on both addresses (a directory listing). */
function metadataServer() {
  for (const host of [METADATA, METADATA_DNS])
    nock(host, {reqheaders: FLAVOR})
      .get('/computeMetadata/v1/instance')
      .reply(200, 'attributes/\nhostname\nid\nservice-accounts/\nzone\n', FLAVOR)
}

function tokenRequest() {
  return nock(METADATA, {reqheaders: FLAVOR})
    .get('/computeMetadata/v1/instance/service-accounts/default/token')
    .query({scopes: 'https://www.googleapis.com/auth/cloud-platform'})
}

describe('gcp collector on a Compute Engine VM without key files or variables', () => {
  it('scans with the service account token of the metadata server', async () => {
    metadataServer()
    tokenRequest().reply(200, {access_token: VM_TOKEN, expires_in: 3599, token_type: 'Bearer'}, FLAVOR)
    nock('https://cloudasset.googleapis.com', {reqheaders: {authorization: `Bearer ${VM_TOKEN}`}})
      .get(`/v1/${DATA}:searchAllResources`)
      .query((q) => q.pageSize === '500')
      .reply(200, {
        results: [
          {name: '//pubsub.googleapis.com/projects/acme-data-prod/topics/orders', assetType: 'pubsub.googleapis.com/Topic'},
        ],
      })
    const {resources, sources} = await collector.collect(context())
    expect(sources).toEqual([{provider: 'gcp', scope: DATA, status: 'complete', count: 1}])
    expect(resources.map((r) => r.name)).toEqual(['orders'])
  })

  it('says that no credentials were found when there is no metadata server either', async () => {
    for (const host of [METADATA, METADATA_DNS]) nock(host).get('/computeMetadata/v1/instance').reply(404, 'Not Found')
    const error = (await collector.collect(context()).catch((e: unknown) => e)) as ExitreadyError
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toBe('GCP: no credentials found.')
    expect(error.suggestion).toMatch(/Google Cloud VM/)
  })

  it('names the metadata server token failure, with a suggestion about the VM service account', async () => {
    metadataServer()
    tokenRequest().reply(404, 'Not Found', FLAVOR)
    const error = (await collector.collect(context()).catch((e: unknown) => e)) as ExitreadyError
    expect(error.exitCode).toBe(ExitCode.noProvider)
    expect(error.message).toMatch(
      /^GCP: could not load Application Default Credentials \(A Not Found error was returned while attempting to retrieve an accesstoken for the Compute Engine built-in service account/,
    )
    expect(error.suggestion).toMatch(/service account has the cloud-platform scope/)
  })
})

describe('gcp detect: the metadata server without a network call', () => {
  function host(vendor: string | undefined, extra: Partial<HostFacts> = {}): HostFacts {
    const dir = emptyDir()
    const biosDatePath = join(dir, 'bios_date')
    const biosVendorPath = join(dir, 'bios_vendor')
    if (vendor !== undefined) {
      writeFileSync(biosDatePath, '01/01/2011\n')
      writeFileSync(biosVendorPath, vendor)
    }
    return {platform: 'linux', biosDatePath, biosVendorPath, macAddresses: () => ['02:42:ac:11:00:02'], ...extra}
  }
  const env = () => ({HOME: emptyDir()})

  it('is available on Linux when the BIOS vendor is Google, as google-auth-library decides it', () => {
    expect(detectGcp(env(), [DATA], host('Google\n'))).toEqual({available: true, via: 'metadata server (Google Compute Engine)'})
    expect(detectGcp(env(), [DATA], host('SeaBIOS\n'))).toMatchObject({
      available: false,
      reason: expect.stringMatching(/--provider gcp asks its metadata server/),
    })
    expect(detectGcp(env(), [DATA], host(undefined))).toMatchObject({available: false})
    // The BIOS files are read on Linux only.
    expect(detectGcp(env(), [DATA], host('Google\n', {platform: 'darwin'}))).toMatchObject({available: false})
  })

  it('is available with a Compute Engine MAC address, a serverless runtime or an explicit metadata host', () => {
    expect(detectGcp(env(), [DATA], host(undefined, {macAddresses: () => ['42:01:0a:84:00:07']}))).toEqual({
      available: true,
      via: 'metadata server (Google Compute Engine network interface)',
    })
    expect(detectGcp({...env(), K_SERVICE: 'scanner'}, [DATA], host(undefined))).toMatchObject({available: true})
    expect(detectGcp({...env(), GCE_METADATA_HOST: '10.0.0.2'}, [DATA], host(undefined))).toMatchObject({available: true})
  })

  it('honours METADATA_SERVER_DETECTION', () => {
    expect(detectGcp({...env(), METADATA_SERVER_DETECTION: 'none'}, [DATA], host('Google'))).toMatchObject({available: false})
    expect(detectGcp({...env(), METADATA_SERVER_DETECTION: 'assume-present'}, [DATA], host(undefined))).toMatchObject({
      available: true,
    })
    // ping-only needs a probe, which detect does not send.
    expect(detectGcp({...env(), METADATA_SERVER_DETECTION: 'ping-only'}, [DATA], host('Google'))).toMatchObject({
      available: false,
    })
  })
})
