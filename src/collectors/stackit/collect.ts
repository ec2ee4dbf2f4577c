import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {ResourceInput, SourceStatus} from '../../inventory/model.js'
import {HttpError, paginate} from '../http.js'
import {type LimitedClient, PartialListError, reasonOf, ScanSession, type ScopeHandle, type ScopeList} from '../scope.js'
import {errorSentence} from '../scrub.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {expectList, listOption} from '../values.js'
import {findStackitCredentials, STACKIT_TOKEN_URL, StackitTokenSource} from './auth.js'
import {type Json, mapBucket, mapCluster, mapFlexInstance, mapNetwork, mapServer, mapServiceInstance, mapVolume} from './map.js'

const PROVIDER = 'stackit'
export const DEFAULT_REGIONS = ['eu01', 'eu02']
const PROJECT_PAGE = 100

/** A product API's base URL; ctx.endpoints.stackit replaces the host (use {service} in it, or it becomes a path prefix). */
export function serviceUrl(ctx: Pick<CollectContext, 'endpoints'>, service: string): string {
  const override = ctx.endpoints[PROVIDER]?.replace(/\/+$/, '')
  if (!override) return `https://${service}.api.stackit.cloud`
  return override.includes('{service}') ? override.replaceAll('{service}', service) : `${override}/${service}`
}

/** STACKIT's APIs answer {code,msg} (IaaS), {error,message} (resource manager), {detail:[{msg}]} (object storage) or {description}. */
function describeStackitError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body === 'string') return {message: body}
  if (!body || typeof body !== 'object') return undefined
  const b = body as Json
  const detail = Array.isArray(b.detail) ? (b.detail[0] as Json | undefined)?.msg : b.detail
  const message = b.msg ?? b.message ?? b.description ?? b.error_description ?? detail ?? b.error
  const code = b.code ?? (typeof b.error === 'string' && message !== b.error ? b.error : undefined)
  return {code: code === undefined ? undefined : String(code), message: message === undefined ? undefined : String(message)}
}

interface Project {
  id: string
  name?: string
  labels?: Record<string, string>
}

async function listProjects(
  ctx: CollectContext,
  client: LimitedClient,
  member: string | undefined,
): Promise<{projects: Project[]; status?: SourceStatus}> {
  const chosen =
    listOption(ctx.options[PROVIDER]?.projects) ?? listOption(ctx.env.STACKIT_PROJECT_IDS ?? ctx.env.STACKIT_PROJECT_ID)
  if (chosen) return {projects: chosen.map((id) => ({id}))}
  const organization = (ctx.options[PROVIDER]?.organizationId as string | undefined) ?? ctx.env.STACKIT_ORGANIZATION_ID
  if (!organization && !member)
    throw new InputError(
      'STACKIT: no project to scan.',
      'Set STACKIT_PROJECT_ID (or STACKIT_PROJECT_IDS), or STACKIT_ORGANIZATION_ID to scan every project of an organisation.',
    )
  const filter = organization ? {containerParentId: organization} : {member}
  const scope = organization ? `organization ${organization}` : 'projects'
  ctx.progress.scopeStarted(PROVIDER, scope)
  const projects: Project[] = []
  try {
    for await (const page of paginate<Json, number>(async (offset) => {
      const response = await client.get<Json>(`${serviceUrl(ctx, 'resource-manager')}/v2/projects`, {
        ...filter,
        limit: PROJECT_PAGE,
        offset: offset ?? 0,
      })
      const items = expectList<Json>(response.data, 'stackit: GET /v2/projects', 'items')
      const pageSize = typeof response.data?.limit === 'number' ? response.data.limit : PROJECT_PAGE
      return {items, next: items.length > 0 && items.length >= pageSize ? (offset ?? 0) + items.length : undefined}
    }))
      for (const p of page)
        if (typeof p.projectId === 'string' && p.lifecycleState !== 'DELETING')
          projects.push({id: p.projectId, name: p.name as string | undefined, labels: p.labels as Record<string, string>})
  } catch (error) {
    // Without projects there is nothing to scan: this is the "nothing could be read" case.
    const status: SourceStatus = {provider: PROVIDER, scope, status: 'failed', count: 0, error: errorSentence(error)}
    ctx.progress.scopeFinished(PROVIDER, status)
    throw new ExitreadyError(
      `STACKIT: the projects could not be listed (${reasonOf(error)}).`,
      ExitCode.noProvider,
      'Give the service account read access to the resource manager, or name the projects with STACKIT_PROJECT_ID.',
    )
  }
  const status: SourceStatus = {provider: PROVIDER, scope, status: 'complete', count: projects.length}
  ctx.progress.scopeFinished(PROVIDER, status)
  return {projects, status}
}

function scopeLists(ctx: CollectContext, client: LimitedClient, project: string, region: string): Record<string, ScopeList> {
  const path = `/v2/projects/${encodeURIComponent(project)}/regions/${encodeURIComponent(region)}`
  const url = (service: string, rest: string) => `${serviceUrl(ctx, service)}${rest}`
  /** SKE and the Flex services omit `items` when there is nothing; IaaS and object storage always send their list. */
  const items = async (full: string, key = 'items', query?: Record<string, string>, omittedWhenEmpty = false) => {
    const data = (await client.get<Json>(full, query)).data
    if (omittedWhenEmpty && data && typeof data === 'object' && !Array.isArray(data) && !(key in data)) return []
    return expectList<Json>(data, `stackit: GET ${full.replace(/^https?:\/\/[^/]+/, '')}`, key)
  }
  /** Products a project has not activated answer 404; that is nothing to list, not a failure. */
  const optional = (product: string, run: () => Promise<ResourceInput[]>) => async (scope: ScopeHandle) => {
    try {
      return await run()
    } catch (error) {
      if (error instanceof HttpError && error.kind === 'not-found') {
        scope.warn(`${product} is not enabled in ${project}/${region}.`)
        return []
      }
      throw error
    }
  }
  const flex = (service: string, kind: string, engine: string) => async () => {
    const list = await items(url(service, `${path}/instances`), 'items', undefined, true)
    const failures: string[] = []
    const resources = await Promise.all(
      list.map(async (summary) => {
        // The list has only id, name and status; version, flavour and storage size are in the details.
        let detail: Json = {}
        try {
          const response = await client.get<Json>(url(service, `${path}/instances/${encodeURIComponent(String(summary.id))}`))
          detail = (response.data?.item as Json | undefined) ?? {}
        } catch (error) {
          failures.push(reasonOf(error))
        }
        return mapFlexInstance(kind, engine, {...summary, ...detail}, project, region)
      }),
    )
    if (failures.length > 0)
      throw new PartialListError(
        `the details of ${failures.length} of ${list.length} instances could not be read; first: ${failures[0]}.`,
        resources,
      )
    return resources
  }
  const instances = (service: 'redis' | 'rabbitmq') => async () =>
    (await items(url(service, `${path}/instances`), 'instances')).map((i) =>
      mapServiceInstance(`${service}-instance`, i, project, region),
    )
  return {
    servers: async () =>
      (await items(url('iaas', `${path}/servers`), 'items', {details: 'true'})).map((s) => mapServer(s, project, region)),
    volumes: async () => (await items(url('iaas', `${path}/volumes`))).map((v) => mapVolume(v, project, region)),
    networks: async () => (await items(url('iaas', `${path}/networks`))).map((n) => mapNetwork(n, project, region)),
    'SKE clusters': optional('SKE', async () =>
      (await items(url('ske', `${path}/clusters`), 'items', undefined, true)).map((c) => mapCluster(c, project, region)),
    ),
    'PostgreSQL Flex': optional('PostgreSQL Flex', flex('postgres-flex-service', 'postgresflex-instance', 'postgresql')),
    'MongoDB Flex': optional('MongoDB Flex', flex('mongodb-flex-service', 'mongodbflex-instance', 'mongodb')),
    'object storage': optional('Object storage', async () =>
      (await items(url('object-storage', `/v2/project/${encodeURIComponent(project)}/regions/${region}/buckets`), 'buckets')).map(
        (b) => mapBucket(b, project, region),
      ),
    ),
    Redis: optional('Redis', instances('redis')),
    RabbitMQ: optional('RabbitMQ', instances('rabbitmq')),
  }
}

export async function collectStackit(ctx: CollectContext): Promise<CollectorResult> {
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
  const {projects, status: projectStatus} = await listProjects(ctx, client, member)
  const regions = listOption(ctx.options[PROVIDER]?.regions) ?? listOption(ctx.env.STACKIT_REGION) ?? DEFAULT_REGIONS
  if (projects.length === 0) {
    ctx.progress.warn(PROVIDER, 'The service account sees no STACKIT project; nothing was scanned.')
    return {resources: [], sources: projectStatus ? [projectStatus] : []}
  }
  await Promise.all(
    projects.flatMap((project) =>
      regions.map((region) => session.scope(`${project.id}/${region}`, scopeLists(ctx, client, project.id, region))),
    ),
  )
  const projectResources: ResourceInput[] = projects.map((p) => ({
    id: `${PROVIDER}:project:${p.id}`,
    provider: PROVIDER,
    type: 'stackit:project',
    name: p.name,
    account: p.id,
    region: 'global',
    tags: p.labels ?? {},
    source: PROVIDER,
  }))
  // The project list stays out of this check: when every project scope failed, nothing could be read.
  const result = session.result('Check that the service account has read access (e.g. the "reader" role) on the projects.')
  return {
    resources: [...projectResources, ...result.resources],
    sources: projectStatus ? [projectStatus, ...result.sources] : result.sources,
  }
}
