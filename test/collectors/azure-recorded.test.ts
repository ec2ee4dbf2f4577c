import {readFileSync} from 'node:fs'
import nock from 'nock'
import {describe, expect, it} from 'vitest'
import {collector} from '../../src/collectors/azure/index.js'
import {RESOURCES_QUERY, SUBSCRIPTIONS_QUERY} from '../../src/collectors/azure/mapping.js'
import type {CollectContext} from '../../src/collectors/types.js'
import type {SourceStatus} from '../../src/inventory/model.js'
import {fakeClock} from '../../src/util/clock.js'

/*
 * The collector against Resource Graph bodies recorded by Microsoft (fixtures/azure/recorded), and
 * the paging rule those recordings document: a $skipToken only for queries that project `id`.
 */

const ARM = 'https://management.azure.com'
const PATH = '/providers/Microsoft.ResourceGraph/resources'
const API = {'api-version': '2024-04-01'}
/** The example subscription of the azure-rest-api-specs Resource Graph examples. */
const EXAMPLE = 'cfbbd179-59d2-4052-aa06-9270a38aa9d6'
/** The masked subscription of the azure-cli-extensions recordings. */
const MASKED = '00000000-0000-0000-0000-000000000000'
const TOKEN = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2ln'
/** The headers every recorded answer carries (azure-cli-extensions recordings). */
const RECORDED_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-ms-user-quota-remaining': '14',
  'x-ms-user-quota-resets-after': '00:00:05',
}

type Body = {query: string; subscriptions?: string[]; options: Record<string, unknown>}

function recorded(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/azure/recorded/${name}`, import.meta.url), 'utf8'))
}
function constructed(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/azure/${name}`, import.meta.url), 'utf8'))
}

/** The columns of a query's last `project` operator (`a = expr` counts as column `a`). */
function projectedColumns(query: string): string[] {
  const project = query
    .split('|')
    .map((part) => part.trim())
    .reverse()
    .find((part) => /^project\s/.test(part))
  return project
    ? project
        .replace(/^project\s+/, '')
        .split(',')
        .map((column) => column.trim().split(/\s*=\s*/)[0]!)
    : []
}

function arm() {
  return nock(ARM, {reqheaders: {authorization: `Bearer ${TOKEN}`}})
}

function context(azure: Record<string, unknown> = {}, extra: Partial<CollectContext> = {}) {
  const clock = fakeClock()
  const ctx: CollectContext = {
    endpoints: {},
    concurrency: 4,
    env: {AZURE_ACCESS_TOKEN: TOKEN},
    clock,
    progress: {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn() {}},
    options: {azure},
    ...extra,
  }
  return {ctx, clock}
}

const bySource = (sources: SourceStatus[]) => Object.fromEntries(sources.map((s) => [s.scope, s]))

describe('azure collector: every paged query projects id', () => {
  it('names id among the projected columns of the discovery and the resource query', () => {
    expect(projectedColumns(SUBSCRIPTIONS_QUERY)).toContain('id')
    expect(projectedColumns(RESOURCES_QUERY)).toContain('id')
    // The helper reads the projection, not any mention of "id".
    expect(projectedColumns('resources | project name, subscriptionId | order by id asc')).toEqual(['name', 'subscriptionId'])
  })

  it('sends both queries with id projected, so Resource Graph pages them instead of truncating at 1,000 rows', async () => {
    const projectsId = (body: Body) => projectedColumns(body.query).includes('id')
    arm()
      .post(PATH, (body: Body) => body.query.startsWith('resourcecontainers') && projectsId(body))
      .query(API)
      .reply(200, constructed('subscriptions.json'), RECORDED_HEADERS)
    const {$skipToken: _, ...lastPage} = constructed('resources-page-1.json')
    arm()
      .post(PATH, (body: Body) => body.query.startsWith('resources') && projectsId(body))
      .query(API)
      .reply(200, lastPage, RECORDED_HEADERS)
    const {ctx} = context()
    const {resources, sources} = await collector.collect(ctx)
    expect(resources).toHaveLength(4)
    expect(sources.map((s) => s.status)).toEqual(['complete', 'complete', 'complete'])
  })

  it('records a subscription list truncated without a skip token as partial, and still scans what it listed', async () => {
    arm()
      .post(PATH, (body: Body) => body.query.startsWith('resourcecontainers'))
      .query(API)
      .reply(200, {...constructed('subscriptions.json'), totalRecords: 1400, resultTruncated: 'true'}, RECORDED_HEADERS)
    const {$skipToken: _, ...lastPage} = constructed('resources-page-1.json')
    arm()
      .post(PATH, (body: Body) => body.query.startsWith('resources'))
      .query(API)
      .reply(200, lastPage, RECORDED_HEADERS)
    const {ctx} = context()
    const {resources, sources} = await collector.collect(ctx)
    expect(bySource(sources).tenant).toEqual({
      provider: 'azure',
      scope: 'tenant',
      status: 'partial',
      count: 0,
      error: 'Resource Graph truncated the subscriptions of the tenant; some subscriptions may be missing.',
    })
    expect(resources).toHaveLength(4)
  })
})

describe('azure collector: recorded Resource Graph pages', () => {
  it('follows the recorded skip tokens to the last page and files every row under the subscription its id names', async () => {
    const first = recorded('resources-first-page.json')
    const next = recorded('resources-next-page.json')
    const page = (skipToken: unknown) => (body: Body) =>
      JSON.stringify(body.subscriptions) === JSON.stringify([EXAMPLE]) && body.options.$skipToken === skipToken
    arm().post(PATH, page(undefined)).query(API).reply(200, first, RECORDED_HEADERS)
    arm().post(PATH, page(first.$skipToken)).query(API).reply(200, next, RECORDED_HEADERS)
    arm().post(PATH, page(next.$skipToken)).query(API).reply(200, recorded('resources-basic-query.json'), RECORDED_HEADERS)
    const {ctx, clock} = context({subscriptions: [EXAMPLE]})
    const {resources, sources} = await collector.collect(ctx)

    // The recorded rows carry no subscriptionId column: the subscription comes from the ARM id.
    expect(sources).toEqual([{provider: 'azure', scope: EXAMPLE, status: 'complete', count: 9}])
    expect(resources).toHaveLength(9)
    expect(resources.every((r) => r.account === EXAMPLE)).toBe(true)
    expect(resources.find((r) => r.name === 'TestRB')).toMatchObject({
      type: 'microsoft.automation/automationaccounts/runbooks',
      region: 'westcentralus',
      // A runbook belongs to its automation account.
      dependsOn: [`/subscriptions/${EXAMPLE}/resourceGroups/RG2/providers/Microsoft.Automation/automationAccounts/TestAA`],
    })
    expect(resources.find((r) => r.name === 'myNetworkInterface')).toMatchObject({
      type: 'microsoft.network/networkinterfaces',
      region: 'centralus',
      tags: {tag1: 'Value1'},
    })
    // 14 of 15 queries left in the window: no pause.
    expect(clock.sleeps).toEqual([])
  })

  it('marks a subscription partial when recorded rows have an id but no type, instead of dropping them silently', async () => {
    const {$skipToken: _, ...idOnly} = recorded('id-only-page.json')
    arm()
      .post(PATH, (body: Body) => JSON.stringify(body.subscriptions) === JSON.stringify([MASKED]))
      .query(API)
      .reply(200, idOnly, RECORDED_HEADERS)
    const {ctx} = context({subscriptions: [MASKED]})
    const error = await collector.collect(ctx).catch((e: unknown) => e)
    // Nothing could be read at all: exit 4, with the reason.
    expect((error as Error).message).toBe(
      'Azure: nothing could be read (resources: 3 Resource Graph rows without an id or type could not be read).',
    )
  })

  it('fails a batch on the recorded 400 InvalidQuery at once, with the reason from its details', async () => {
    arm()
      .post(PATH, (body: Body) => JSON.stringify(body.subscriptions) === JSON.stringify([EXAMPLE, MASKED]))
      .query(API)
      .reply(400, recorded('invalid-query-400.json'), {...RECORDED_HEADERS, 'x-ms-user-quota-remaining': '12'})
    const {ctx, clock} = context({subscriptions: [EXAMPLE, MASKED]}, {concurrency: 1})
    const error = (await collector.collect(ctx).catch((e: unknown) => e)) as Error
    expect(clock.sleeps).toEqual([])
    expect(error.message).toBe(
      'Azure: nothing could be read (resources: azure: POST https://management.azure.com/providers/Microsoft.ResourceGraph/resources answered HTTP 400: Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying).',
    )
    expect(error.message).not.toMatch(/correlationId/)
  })
})
