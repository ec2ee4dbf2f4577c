import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {ResourceInput, SourceStatus} from '../../inventory/model.js'
import {collectPages, HttpError, PartialPagesError} from '../http.js'
import {type LimitedClient, PartialListError, reasonOf, ScanSession, type ScopeHandle, type ScopeList} from '../scope.js'
import {errorSentence} from '../scrub.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {expectList, listOption} from '../values.js'
import {findStackitCredentials, STACKIT_TOKEN_URL, StackitTokenSource} from './auth.js'
import {
  type Json,
  mapBucket,
  mapCluster,
  mapFlexInstance,
  mapNetwork,
  mapPostgresFlex,
  mapServer,
  mapServiceInstance,
  mapVolume,
} from './map.js'
import {DEFAULT_REGIONS, parseStackitOptions, type StackitOptions} from './spec.js'

const PROVIDER = 'stackit'
/** The resource manager's largest `limit`; PostgreSQL Flex's `size` default is 10, so ask for as many. */
const PAGE_SIZE = 100

/**
 * The one service id the specs document: SKE's operations name `cloud.stackit.ske` under
 * x-stackit-authorization.service-enablement (stackit-api-specifications services/ske/v2). No other
 * product used here declares one, so only SKE is gated by the service-enablement API.
 */
const SKE_SERVICE_ID = 'cloud.stackit.ske'

/** A product API's base URL; ctx.endpoints.stackit replaces the host (use {service} in it, or it becomes a path prefix). */
export function serviceUrl(ctx: Pick<CollectContext, 'endpoints'>, service: string): string {
  const override = ctx.endpoints[PROVIDER]?.replace(/\/+$/, '')
  if (!override) return `https://${service}.api.stackit.cloud`
  return override.includes('{service}') ? override.replaceAll('{service}', service) : `${override}/${service}`
}

/** STACKIT's APIs answer {code,msg} (IaaS), {error,message} (resource manager), {detail:[{msg}]} (object storage) or {code,message} (Flex). */
function describeStackitError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body === 'string') return {message: body}
  if (!body || typeof body !== 'object') return undefined
  const b = body as Json
  const detail = Array.isArray(b.detail) ? (b.detail[0] as Json | undefined)?.msg : b.detail
  const message = b.msg ?? b.message ?? b.description ?? b.error_description ?? detail ?? b.error
  const code = b.code ?? (typeof b.error === 'string' && message !== b.error ? b.error : undefined)
  return {code: code === undefined ? undefined : String(code), message: message === undefined ? undefined : String(message)}
}

const withoutHost = (url: string) => url.replace(/^https?:\/\/[^/]+/, '')

interface Project {
  id: string
  name?: string
  labels?: Record<string, string>
}

/** The projects to scan: named ones, else the resource manager's (limit/offset pages, at most 100 each). */
async function listProjects(
  ctx: CollectContext,
  client: LimitedClient,
  options: StackitOptions,
  member: string | undefined,
): Promise<{projects: Project[]; status?: SourceStatus}> {
  const chosen = options.projects ?? listOption(ctx.env.STACKIT_PROJECT_IDS ?? ctx.env.STACKIT_PROJECT_ID)
  if (chosen) return {projects: chosen.map((id) => ({id}))}
  const organization = options.organizationId ?? ctx.env.STACKIT_ORGANIZATION_ID
  if (!organization && !member)
    throw new InputError(
      'STACKIT: no project to scan.',
      'Set STACKIT_PROJECT_ID (or STACKIT_PROJECT_IDS), or STACKIT_ORGANIZATION_ID to scan every project of an organisation.',
    )
  const filter = organization ? {containerParentId: organization} : {member}
  const scope = organization ? `organization ${organization}` : 'projects'
  const pageSize = options.pageSize ?? PAGE_SIZE
  const url = `${serviceUrl(ctx, 'resource-manager')}/v2/projects`
  ctx.progress.scopeStarted(PROVIDER, scope)
  // The response names no next page: a full page (its echoed `limit`) means there may be more.
  const pages = client.run((http) =>
    collectPages<Json, number>(
      async (offset = 0) => {
        const response = await http.getJson<Json>(url, {...filter, limit: pageSize, offset})
        const items = expectList<Json>(response.data, 'stackit: GET /v2/projects', 'items')
        const limit = typeof response.data?.limit === 'number' && response.data.limit > 0 ? response.data.limit : pageSize
        return {items, next: items.length >= limit ? offset + items.length : undefined}
      },
      {clock: ctx.clock},
    ),
  )
  let items: Json[]
  let partial: string | undefined
  try {
    items = await pages
  } catch (error) {
    if (error instanceof PartialPagesError) {
      items = error.items as Json[]
      partial = error.reason
    } else {
      // Without projects there is nothing to scan: this is the "nothing could be read" case.
      const status: SourceStatus = {provider: PROVIDER, scope, status: 'failed', count: 0, error: errorSentence(error)}
      ctx.progress.scopeFinished(PROVIDER, status)
      throw new ExitreadyError(
        `STACKIT: the projects could not be listed (${reasonOf(error)}).`,
        ExitCode.noProvider,
        'Give the service account read access to the resource manager, or name the projects with STACKIT_PROJECT_ID.',
      )
    }
  }
  const projects: Project[] = []
  for (const p of items)
    if (typeof p.projectId === 'string' && p.lifecycleState !== 'DELETING')
      projects.push({id: p.projectId, name: p.name as string | undefined, labels: p.labels as Record<string, string>})
  const status: SourceStatus = {provider: PROVIDER, scope, status: partial ? 'partial' : 'complete', count: projects.length}
  if (partial) status.error = errorSentence(`project list: ${partial}`)
  ctx.progress.scopeFinished(PROVIDER, status)
  return {projects, status}
}

/** The lists of one project and region, and the lookups some of them wait for. */
function scopeLists(
  ctx: CollectContext,
  client: LimitedClient,
  options: StackitOptions,
  project: string,
  region: string,
): Record<string, ScopeList> {
  const under = (version: string) => `/${version}/projects/${encodeURIComponent(project)}/regions/${encodeURIComponent(region)}`
  const url = (service: string, rest: string) => `${serviceUrl(ctx, service)}${rest}`
  const pageSize = options.pageSize ?? PAGE_SIZE
  const limits = {clock: ctx.clock}
  const notEnabled = (product: string) => `${product} is not enabled in ${project}/${region}.`

  /** One unpaged list. SKE and MongoDB Flex may omit `items` when there is nothing (unconfirmed; both read as empty). */
  const single = async (full: string, key: string, query?: Record<string, string>, omittedWhenEmpty = false) => {
    const data = (await client.get<Json>(full, query)).data
    if (omittedWhenEmpty && data && typeof data === 'object' && !Array.isArray(data) && !(key in data)) return []
    return expectList<Json>(data, `stackit: GET ${withoutHost(full)}`, key)
  }

  // Asked first, before any list waits for it: which services the project has enabled here.
  const enablementUrl = url('service-enablement', `${under('v2')}/services`)
  const enablement: Promise<{states: Map<string, string>; partial?: string} | {error: unknown}> = client
    .run((http) =>
      collectPages<Json, string>(async (cursor) => {
        const response = await http.getJson<Json>(enablementUrl, cursor ? {cursor} : undefined)
        const next = response.data?.nextCursor
        return {
          items: expectList<Json>(response.data, `stackit: GET ${withoutHost(enablementUrl)}`, 'items'),
          next: typeof next === 'string' && next !== '' ? next : undefined,
        }
      }, limits),
    )
    .then(
      (items) => ({states: serviceStates(items)}),
      (error: unknown) =>
        error instanceof PartialPagesError ? {states: serviceStates(error.items as Json[]), partial: error.reason} : {error},
    )

  /**
   * DISABLED per the service-enablement API; anything else (enabled, changing, or a service the list
   * does not name: unconfirmed whether it names services never enabled) is listed, so nothing is lost.
   */
  const disabled = async (serviceId: string, product: string, scope: ScopeHandle): Promise<boolean> => {
    const result = await enablement
    if ('error' in result) {
      scope.warn(
        `The service-enablement API could not be read (${reasonOf(result.error)}); ${product} was listed without knowing whether it is enabled.`,
      )
      return false
    }
    const state = result.states.get(serviceId)
    if (state === undefined && result.partial)
      scope.warn(
        `The service-enablement list stopped early (${result.partial}); ${product} was listed without knowing whether it is enabled.`,
      )
    return state === 'DISABLED'
  }

  /** Summaries, then each one's details; a failed page or detail keeps the rest and marks the list partial. */
  const withDetails = async (
    summaries: Promise<Json[]>,
    detail: (summary: Json) => Promise<Json>,
    map: (instance: Json) => ResourceInput,
    expected?: (read: number) => string | undefined,
  ): Promise<ResourceInput[]> => {
    let list: Json[]
    const problems: string[] = []
    try {
      list = await summaries
    } catch (error) {
      if (!(error instanceof PartialPagesError)) throw error
      list = error.items as Json[]
      problems.push(error.reason)
    }
    const short = expected?.(list.length)
    if (short) problems.push(short)
    const failures: string[] = []
    const resources = await Promise.all(
      list.map(async (summary) => {
        let details: Json = {}
        try {
          details = await detail(summary)
        } catch (error) {
          failures.push(reasonOf(error))
        }
        return map({...summary, ...details})
      }),
    )
    if (failures.length > 0)
      problems.push(`the details of ${failures.length} of ${list.length} instances could not be read; first: ${failures[0]}`)
    if (problems.length > 0) throw new PartialListError(`${problems.join('; ')}.`, resources)
    return resources
  }

  const postgresFlex = async () => {
    const base = url('postgres-flex-service', `${under('v3')}/instances`)
    const summaries = client.run((http) =>
      collectPages<Json, number>(async (page = 1) => {
        const response = await http.getJson<Json>(base, {page, size: pageSize})
        const items = expectList<Json>(response.data, `stackit: GET ${withoutHost(base)}`, 'instances')
        const totalPages = (response.data?.pagination as Json | undefined)?.totalPages
        // `pagination` is required by the spec; without it a full page may not be the last.
        const more = typeof totalPages === 'number' ? page < totalPages : items.length >= pageSize
        return {items, next: more ? page + 1 : undefined}
      }, limits),
    )
    return withDetails(
      summaries,
      async (s) => (await client.get<Json>(`${base}/${encodeURIComponent(String(s.id))}`)).data ?? {},
      (i) => mapPostgresFlex(i, project, region),
    )
  }

  const mongoFlex = async () => {
    const base = url('mongodb-flex-service', `${under('v2')}/instances`)
    // `tag` is required; the Terraform provider's acceptance tests list all instances with an empty one
    // (unconfirmed: the spec does not say what an empty tag matches).
    let count: unknown
    const summaries = client.get<Json>(base, {tag: ''}).then(({data}) => {
      count = data?.count
      if (data && typeof data === 'object' && !('items' in data)) return []
      return expectList<Json>(data, `stackit: GET ${withoutHost(base)}`, 'items')
    })
    return withDetails(
      summaries,
      async (s) => ((await client.get<Json>(`${base}/${encodeURIComponent(String(s.id))}`)).data?.item as Json) ?? {},
      (i) => mapFlexInstance('mongodbflex-instance', 'mongodb', i, project, region),
      (read) =>
        typeof count === 'number' && count > read ? `the API counts ${count} instances but returned ${read}` : undefined,
    )
  }

  const objectStorage = async (scope: ScopeHandle) => {
    const base = url('object-storage', `/v2/project/${encodeURIComponent(project)}/regions/${encodeURIComponent(region)}`)
    // GetServiceStatus: the project's object-storage registration in this region. Unconfirmed: the spec
    // lists 404 without saying when; a 404 here is taken as "not enabled", never one from a list.
    try {
      await client.get<Json>(base)
    } catch (error) {
      if (error instanceof HttpError && error.kind === 'not-found') {
        scope.warn(notEnabled('Object storage'))
        return []
      }
      throw error
    }
    return (await single(`${base}/buckets`, 'buckets')).map((b) => mapBucket(b, project, region))
  }

  const brokerInstances = (service: 'redis' | 'valkey' | 'rabbitmq') => async () =>
    (await single(url(service, `${under('v2')}/instances`), 'instances')).map((i) =>
      mapServiceInstance(`${service}-instance`, i, project, region),
    )

  return {
    servers: async () =>
      (await single(url('iaas', `${under('v2')}/servers`), 'items', {details: 'true'})).map((s) => mapServer(s, project, region)),
    volumes: async () => (await single(url('iaas', `${under('v2')}/volumes`), 'items')).map((v) => mapVolume(v, project, region)),
    networks: async () =>
      (await single(url('iaas', `${under('v2')}/networks`), 'items')).map((n) => mapNetwork(n, project, region)),
    'SKE clusters': async (scope) => {
      if (await disabled(SKE_SERVICE_ID, 'SKE', scope)) {
        scope.warn(notEnabled('SKE'))
        return []
      }
      return (await single(url('ske', `${under('v2')}/clusters`), 'items', undefined, true)).map((c) =>
        mapCluster(c, project, region),
      )
    },
    'PostgreSQL Flex': postgresFlex,
    'MongoDB Flex': mongoFlex,
    'object storage': objectStorage,
    // Redis is deprecated in favour of Valkey; both are listed while instances of either exist.
    Redis: brokerInstances('redis'),
    Valkey: brokerInstances('valkey'),
    RabbitMQ: brokerInstances('rabbitmq'),
  }
}

/** serviceId → state (ENABLED, ENABLING, DISABLED, DISABLING) from the service-enablement list. */
function serviceStates(items: Json[]): Map<string, string> {
  const states = new Map<string, string>()
  for (const item of items)
    if (typeof item.serviceId === 'string' && typeof item.state === 'string') states.set(item.serviceId, item.state)
  return states
}

export async function collectStackit(ctx: CollectContext): Promise<CollectorResult> {
  const options = parseStackitOptions(ctx.options[PROVIDER])
  const credentials = findStackitCredentials(ctx.env)
  if (!credentials)
    throw new ExitreadyError(
      'STACKIT: no credentials.',
      ExitCode.noProvider,
      'Set STACKIT_SERVICE_ACCOUNT_KEY_PATH to a service-account key file, or STACKIT_SERVICE_ACCOUNT_TOKEN.',
    )
  const session = new ScanSession(ctx, PROVIDER, 'STACKIT')
  const tokenUrl = ctx.endpoints[PROVIDER]
    ? `${serviceUrl(ctx, 'service-account')}/token`
    : (ctx.env.STACKIT_TOKEN_BASEURL ?? STACKIT_TOKEN_URL)
  // Outside the concurrency bound: a renewal runs inside the auth hook of a request that already holds a slot.
  const tokenClient = session.httpClient({baseUrl: tokenUrl, describeError: describeStackitError})
  const tokens = new StackitTokenSource(credentials, tokenClient, tokenUrl, ctx.clock)
  try {
    await tokens.get()
  } catch (error) {
    if (error instanceof ExitreadyError) throw error
    throw new ExitreadyError(
      `STACKIT: no access token could be obtained (${reasonOf(error)}).`,
      ExitCode.noProvider,
      'Check that the token endpoint is reachable from here (a proxy may need --endpoint stackit=…).',
    )
  }
  const client = session.client({
    baseUrl: serviceUrl(ctx, 'iaas'),
    describeError: describeStackitError,
    auth: async () => ({authorization: `Bearer ${await tokens.get()}`}),
  })
  const member = credentials.kind === 'key' ? credentials.key.credentials.iss : ctx.env.STACKIT_SERVICE_ACCOUNT_EMAIL
  const {projects, status: projectStatus} = await listProjects(ctx, client, options, member)
  const regions = options.regions ?? listOption(ctx.env.STACKIT_REGION) ?? DEFAULT_REGIONS
  if (projects.length === 0) {
    ctx.progress.warn(PROVIDER, 'The service account sees no STACKIT project; nothing was scanned.')
    return {resources: [], sources: projectStatus ? [projectStatus] : []}
  }
  await Promise.all(
    projects.flatMap((project) =>
      regions.map((region) => session.scope(`${project.id}/${region}`, scopeLists(ctx, client, options, project.id, region))),
    ),
  )
  // The project list stays out of this check: when every project scope failed, nothing could be read.
  const result = session.result('Check that the service account has read access (e.g. the "reader" role) on the projects.')
  const resources: ResourceInput[] = projects.map((p) => ({
    id: `${PROVIDER}:project:${p.id}`,
    provider: PROVIDER,
    type: 'stackit:project',
    name: p.name,
    account: p.id,
    region: 'global',
    tags: p.labels ?? {},
    source: `scan:${PROVIDER}`,
  }))
  for (const resource of result.resources) resources.push(resource)
  return {resources, sources: projectStatus ? [projectStatus, ...result.sources] : result.sources}
}
