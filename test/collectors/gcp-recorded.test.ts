import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import nock from 'nock'
import {afterEach, describe, expect, it} from 'vitest'
import {collector} from '../../src/collectors/gcp/index.js'
import type {CollectContext} from '../../src/collectors/types.js'
import {fakeClock} from '../../src/util/clock.js'

/* The collector against real searchAllResources results (fixtures/gcp/recorded). */

const API = 'https://cloudasset.googleapis.com'
const TOKEN = 'ya29.a0AcM612xTestAccessTokenForFixtures'
const SCOPE = 'projects/test-gcp'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
})

function recorded(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/gcp/recorded/${name}`, import.meta.url), 'utf8'))
}

describe('gcp collector: recorded searchAllResources results', () => {
  it('names a resource whose displayName is its path by the last segment, and keeps the project parent out of its dependencies', async () => {
    nock(API, {reqheaders: {authorization: `Bearer ${TOKEN}`}})
      .get(`/v1/${SCOPE}:searchAllResources`)
      .query((q) => q.pageSize === '500' && q.pageToken === undefined)
      .reply(200, recorded('artifact-registry-search.json'), {'content-type': 'application/json; charset=UTF-8'})
    const home = mkdtempSync(join(tmpdir(), 'exitready-gcp-'))
    dirs.push(home)
    const ctx: CollectContext = {
      endpoints: {},
      concurrency: 2,
      env: {GOOGLE_OAUTH_ACCESS_TOKEN: TOKEN, HOME: home},
      clock: fakeClock(),
      progress: {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn() {}},
      options: {gcp: {scopes: [SCOPE]}},
    }
    const {resources, sources} = await collector.collect(ctx)
    expect(sources).toEqual([{provider: 'gcp', scope: SCOPE, status: 'complete', count: 2}])
    expect(resources).toEqual([
      {
        id: '//artifactregistry.googleapis.com/projects/test-gcp/locations/asia-south1/repositories/www',
        provider: 'gcp',
        type: 'artifactregistry.googleapis.com/Repository',
        name: 'www',
        account: '2222222',
        region: 'asia-south1',
        tags: {aaa: 'bbb'},
        attributes: {parentFullResourceName: '//cloudresourcemanager.googleapis.com/projects/test-gcp'},
        source: 'scan:gcp:cloud-asset',
      },
      expect.objectContaining({name: 'qqq', account: '2222222'}),
    ])
  })
})
