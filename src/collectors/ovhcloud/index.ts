import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, HttpError, PartialPagesError} from '../http.js'
import {mapPartial, PartialListError, reasonOf, ScanSession, type ScopeHandle} from '../scope.js'
import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'
import {expectList} from '../values.js'
import {ovhAuthenticator, resolveOvhCredentials, resolveOvhEndpoint} from './auth.js'
import {
  type ApiObject,
  linkNetworks,
  mapContainer,
  mapDatabase,
  mapDedicatedServer,
  mapInstance,
  mapKubeCluster,
  mapLoadBalancer,
  mapNetwork,
  mapProject,
  mapRegistry,
  mapVolume,
} from './mapping.js'
import {type OvhcloudOptions, OvhcloudOptionsSchema} from './spec.js'

/** OVHcloud error codes that mean the keys themselves were refused (sent as 400/403, not 401). */
const CREDENTIAL_ERRORS = new Set([
  'INVALID_CREDENTIAL',
  'NOT_CREDENTIAL',
  'INVALID_KEY',
  'INVALID_SIGNATURE',
  'NOT_AUTHENTICATED',
])

/** Objects per page of an aggregated list. */
export const PAGE_SIZE = 1000

/**
 * Asks a list of ids for its objects, a page at a time, as the OVHcloud Control Panel reads
 * /cloud/project and /dedicated/server (ovh/manager, ng-ovh-api-wrappers "iceberg"). The next page
 * is named by the X-Pagination-Cursor-Next response header and asked for with X-Pagination-Cursor;
 * headers are not signed, so every page is signed over the same URL.
 */
export const AGGREGATED = {'x-pagination-mode': 'CachedObjectList-Cursor', 'x-pagination-size': String(PAGE_SIZE)}

/** OVHcloud errors are {errorCode?, httpCode?, class?, message}. */
function describeError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? {message: body} : undefined
  const b = body as {errorCode?: unknown; class?: unknown; message?: unknown}
  const code = b.errorCode ?? b.class
  return {code: code === undefined ? undefined : String(code), message: b.message === undefined ? undefined : String(b.message)}
}

/** The options as the registry parsed them; parsed again here (idempotently) for library callers. */
function readOptions(raw: unknown): OvhcloudOptions {
  const parsed = OvhcloudOptionsSchema.safeParse(raw ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new InputError(
    `OVHcloud option "${String(issue?.path[0] ?? '')}" is not valid: ${issue?.message ?? 'unexpected value'}.`,
    'Use --ovh-endpoint ovh-eu, ovh-ca, ovh-us or an API URL.',
  )
}

const isId = (item: unknown): item is string | number => typeof item === 'string' || typeof item === 'number'
const isObject = (item: unknown): item is ApiObject => typeof item === 'object' && item !== null && !Array.isArray(item)

export const collector: Collector = {
  id: 'ovhcloud',
  title: 'OVHcloud',

  detect(ctx): Detection {
    const credentials = resolveOvhCredentials(ctx.env)
    return 'reason' in credentials
      ? {available: false, reason: credentials.reason}
      : {available: true, via: 'OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY'}
  },

  async collect(ctx: CollectContext): Promise<CollectorResult> {
    const credentials = resolveOvhCredentials(ctx.env)
    if ('reason' in credentials)
      throw new ExitreadyError(
        `OVHcloud: no credentials (${credentials.reason}).`,
        ExitCode.noProvider,
        'Create an application and a read-only consumer key (see docs/permissions.md), then set the OVH_* variables.',
      )
    const options = readOptions(ctx.options.ovhcloud)
    const baseUrl = resolveOvhEndpoint(ctx.endpoints.ovhcloud, options.endpoint, ctx.env)
    const session = new ScanSession(ctx, 'ovhcloud', 'OVHcloud')
    let skew = 0
    const client = session.client({baseUrl, auth: ovhAuthenticator(credentials, ctx.clock, () => skew), describeError})
    const limits = {clock: ctx.clock}

    /** One GET; a refused key becomes an 'auth' error so the queued calls stop and the message says so. */
    const send = <T>(path: string, headers?: Record<string, string>) =>
      client.run(async (http) => {
        try {
          return await http.getJson<T>(path, undefined, headers)
        } catch (error) {
          if (error instanceof HttpError && (error.status === 401 || CREDENTIAL_ERRORS.has(error.code ?? '')))
            throw new HttpError(
              error.message.replace('denied permission', 'rejected the credentials'),
              'auth',
              error.status,
              error.code,
            )
          throw error
        }
      })
    const get = async <T>(path: string): Promise<T> => (await send<T>(path)).data

    /**
     * Every page of a list: where the response names X-Pagination-Cursor-Next, the next page is
     * asked for with that cursor in X-Pagination-Cursor (bounded, and partial when a page fails).
     */
    const pages = <T>(path: string, headers?: Record<string, string>): Promise<T[]> =>
      collectPages<T, string>(async (cursor) => {
        const response = await send<unknown>(path, cursor ? {...headers, 'x-pagination-cursor': cursor} : headers)
        const next = response.headers.get('x-pagination-cursor-next')
        return {items: expectList<T>(response.data, `ovhcloud: GET ${path}`), next: next || undefined}
      }, limits)

    /** An aggregated list; an API that refuses the pagination mode (400) is asked again for the plain list of ids. */
    const aggregated = async (path: string): Promise<unknown[]> => {
      try {
        return await pages<unknown>(path, AGGREGATED)
      } catch (error) {
        if (!(error instanceof HttpError && error.status === 400 && error.kind !== 'auth')) throw error
        ctx.progress.warn('ovhcloud', `GET ${path} refused aggregated pages (${reasonOf(error)}); reading each item on its own.`)
        return pages<unknown>(path)
      }
    }

    /**
     * The objects of a list: those the list carried, and each id read on its own (concurrently,
     * within the bound). What was read is kept when some pages or items fail (PartialPagesError).
     */
    const objects = async (path: string, listing: Promise<unknown[]>): Promise<ApiObject[]> => {
      let listed: unknown[]
      let stopped: PartialPagesError | undefined
      try {
        listed = await listing
      } catch (error) {
        if (!(error instanceof PartialPagesError)) throw error
        stopped = error
        listed = error.items
      }
      const found: ApiObject[] = []
      const ids: (string | number)[] = []
      for (const item of listed) {
        if (isId(item)) ids.push(item)
        else if (isObject(item)) found.push(item)
      }
      const settled = await Promise.allSettled(ids.map((id) => get<ApiObject>(`${path}/${encodeURIComponent(id)}`)))
      let failures = 0
      let firstFailure: unknown
      for (const outcome of settled) {
        if (outcome.status === 'fulfilled') found.push(outcome.value)
        else {
          failures++
          firstFailure ??= outcome.reason
        }
      }
      if (stopped) throw new PartialPagesError(stopped.reason, found, stopped.cause)
      if (failures === 0) return found
      if (found.length === 0) throw firstFailure
      throw new PartialPagesError(
        `${failures} of ${ids.length} item(s) could not be read; the first: ${reasonOf(firstFailure)}`,
        found,
        firstFailure,
      )
    }

    // Signatures carry a timestamp the API checks against its own clock.
    try {
      const serverTime = (await client.get<unknown>('/auth/time')).data
      if (typeof serverTime === 'number') skew = serverTime - Math.floor(ctx.clock.now() / 1000)
    } catch (error) {
      ctx.progress.warn('ovhcloud', `Could not read the API clock (${reasonOf(error)}); signing with the local clock.`)
    }

    const projectScan = (async () => {
      let listed: unknown[]
      let stopped: string | undefined
      try {
        listed = await aggregated('/cloud/project')
      } catch (error) {
        if (!(error instanceof PartialPagesError)) {
          session.failedScope('cloud-projects', error)
          return
        }
        // The projects read before the listing stopped are scanned; the listing itself is recorded as partial.
        listed = error.items
        stopped = error.reason
      }
      const scans: Promise<void>[] = []
      let unnamed = 0
      for (const item of listed) {
        if (isId(item)) scans.push(scanProject(String(item)))
        else if (isObject(item) && typeof item.project_id === 'string') scans.push(scanProject(item.project_id, item))
        else unnamed++
      }
      if (stopped || unnamed > 0)
        session.failedScope(
          'cloud-projects',
          stopped
            ? `The list of projects ${stopped}.`
            : `${unnamed} item(s) of the project list had no project_id and were not scanned.`,
        )
      await Promise.all(scans)
    })()
    const dedicatedScan = session.scope('dedicated-servers', {
      'dedicated servers': async () =>
        mapPartial(objects('/dedicated/server', aggregated('/dedicated/server')), mapDedicatedServer),
    })
    await Promise.all([projectScan, dedicatedScan])
    return session.result(
      'Check OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY, that the consumer key was validated, and OVH_ENDPOINT.',
    )

    async function scanProject(project: string, known?: ApiObject): Promise<void> {
      const path = `/cloud/project/${encodeURIComponent(project)}`
      let regions: Promise<string[]> | undefined
      const projectRegions = () => {
        regions ??= pages<string>(`${path}/region`)
        return regions
      }
      const list = (rest: string, map: (item: ApiObject) => ResourceInput) => () =>
        mapPartial(pages<ApiObject>(`${path}${rest}`), map)
      /** Per-region lists: a region without the service answers 404 or 400, which is not a failure. */
      const perRegion = async (
        scope: ScopeHandle,
        what: string,
        rest: string,
        map: (item: ApiObject, region: string) => ResourceInput,
      ) => {
        const found: ResourceInput[] = []
        const partial: string[] = []
        await Promise.all(
          (await projectRegions()).map(async (region) => {
            try {
              const read = await mapPartial(pages<ApiObject>(`${path}/region/${encodeURIComponent(region)}${rest}`), (item) =>
                map(item, region),
              )
              for (const resource of read) found.push(resource)
            } catch (error) {
              if (error instanceof HttpError && error.kind !== 'auth' && (error.status === 404 || error.status === 400)) {
                scope.warn(`${what} are not available in ${region}.`)
                return
              }
              if (!(error instanceof PartialListError)) throw error
              for (const resource of error.resources) found.push(resource)
              partial.push(`${region}: ${error.message}`)
            }
          }),
        )
        if (partial.length > 0) throw new PartialListError(partial.join('; '), found)
        return found
      }
      const openstackIds = new Map<string, string>()
      await session.scope(
        project,
        {
          project: async () => [mapProject(known ?? (await get<ApiObject>(path)))],
          instances: list('/instance', (i) => mapInstance(i, project)),
          volumes: list('/volume', (v) => mapVolume(v, project)),
          networks: list('/network/private', (n) => {
            const resource = mapNetwork(n, project)
            for (const region of n.regions ?? []) if (region.openstackId) openstackIds.set(region.openstackId, resource.id)
            return resource
          }),
          'kubernetes clusters': () =>
            mapPartial(objects(`${path}/kube`, pages(`${path}/kube`)), (c) => mapKubeCluster(c, project)),
          databases: () =>
            mapPartial(objects(`${path}/database/service`, pages(`${path}/database/service`)), (d) => mapDatabase(d, project)),
          registries: list('/containerRegistry', (r) => mapRegistry(r, project)),
          'Swift containers': list('/storage', (c) => mapContainer(c, project, 'swift')),
          'S3 buckets': (scope) =>
            perRegion(scope, 'S3 buckets', '/storage', (c, region) => mapContainer(c, project, 's3', region)),
          'load balancers': (scope) =>
            perRegion(scope, 'Load balancers', '/loadbalancing/loadbalancer', (lb, region) =>
              mapLoadBalancer(lb, project, region),
            ),
        },
        {link: (resources) => linkNetworks(resources, openstackIds)},
      )
    }
  },
}
