import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {HttpError} from '../http.js'
import {reasonOf, ScanSession, type ScopeHandle} from '../scope.js'
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

/** OVHcloud error codes that mean the keys themselves were refused (sent as 400/403, not 401). */
const CREDENTIAL_ERRORS = new Set([
  'INVALID_CREDENTIAL',
  'NOT_CREDENTIAL',
  'INVALID_KEY',
  'INVALID_SIGNATURE',
  'NOT_AUTHENTICATED',
])

/** OVHcloud errors are {errorCode?, httpCode?, class?, message}. */
function describeError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? {message: body} : undefined
  const b = body as {errorCode?: unknown; class?: unknown; message?: unknown}
  const code = b.errorCode ?? b.class
  return {code: code === undefined ? undefined : String(code), message: b.message === undefined ? undefined : String(b.message)}
}

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
    const baseUrl = resolveOvhEndpoint(ctx.endpoints.ovhcloud, ctx.options.ovhcloud?.endpoint, ctx.env)
    const session = new ScanSession(ctx, 'ovhcloud', 'OVHcloud')
    let skew = 0
    const client = session.client({baseUrl, auth: ovhAuthenticator(credentials, ctx.clock, () => skew), describeError})

    /** One GET; a refused key becomes an 'auth' error so the queued calls stop and the message says so. */
    const get = <T>(path: string): Promise<T> =>
      client.run(async (http) => {
        try {
          return (await http.getJson<T>(path)).data
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
    const getList = async <T>(path: string): Promise<T[]> => expectList<T>(await get<unknown>(path), `ovhcloud: GET ${path}`)
    /** Lists that return ids, then each item (concurrently, within the bound). */
    const details = async (path: string) =>
      Promise.all((await getList<string | number>(path)).map((id) => get<ApiObject>(`${path}/${encodeURIComponent(id)}`)))

    // Signatures carry a timestamp the API checks against its own clock.
    try {
      const serverTime = (await client.get<unknown>('/auth/time')).data
      if (typeof serverTime === 'number') skew = serverTime - Math.floor(ctx.clock.now() / 1000)
    } catch (error) {
      ctx.progress.warn('ovhcloud', `Could not read the API clock (${reasonOf(error)}); signing with the local clock.`)
    }

    const projectScan = (async () => {
      let projects: string[]
      try {
        projects = await getList<string>('/cloud/project')
      } catch (error) {
        session.failedScope('cloud-projects', error)
        return
      }
      await Promise.all(projects.map((project) => scanProject(project)))
    })()
    const dedicatedScan = session.scope('dedicated-servers', {
      'dedicated servers': async () => (await details('/dedicated/server')).map(mapDedicatedServer),
    })
    await Promise.all([projectScan, dedicatedScan])
    return session.result(
      'Check OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY, that the consumer key was validated, and OVH_ENDPOINT.',
    )

    async function scanProject(project: string): Promise<void> {
      const path = `/cloud/project/${encodeURIComponent(project)}`
      let regions: Promise<string[]> | undefined
      const projectRegions = () => {
        regions ??= getList<string>(`${path}/region`)
        return regions
      }
      /** Per-region lists: a region without the service answers 404 or 400, which is not a failure. */
      const perRegion = async (scope: ScopeHandle, what: string, list: (region: string) => Promise<ResourceInput[]>) => {
        const found = await Promise.all(
          (await projectRegions()).map(async (region) => {
            try {
              return await list(region)
            } catch (error) {
              if (error instanceof HttpError && error.kind !== 'auth' && (error.status === 404 || error.status === 400)) {
                scope.warn(`${what} are not available in ${region}.`)
                return []
              }
              throw error
            }
          }),
        )
        return found.flat()
      }
      const openstackIds = new Map<string, string>()
      await session.scope(
        project,
        {
          project: async () => [mapProject(await get<ApiObject>(path))],
          instances: async () => (await getList<ApiObject>(`${path}/instance`)).map((i) => mapInstance(i, project)),
          volumes: async () => (await getList<ApiObject>(`${path}/volume`)).map((v) => mapVolume(v, project)),
          networks: async () =>
            (await getList<ApiObject>(`${path}/network/private`)).map((n) => {
              const resource = mapNetwork(n, project)
              for (const region of n.regions ?? []) if (region.openstackId) openstackIds.set(region.openstackId, resource.id)
              return resource
            }),
          'kubernetes clusters': async () => (await details(`${path}/kube`)).map((c) => mapKubeCluster(c, project)),
          databases: async () => (await details(`${path}/database/service`)).map((d) => mapDatabase(d, project)),
          registries: async () => (await getList<ApiObject>(`${path}/containerRegistry`)).map((r) => mapRegistry(r, project)),
          'object storage': async (scope) => [
            ...(await getList<ApiObject>(`${path}/storage`)).map((c) => mapContainer(c, project, 'swift')),
            ...(await perRegion(scope, 'S3 buckets', async (region) =>
              (
                await getList<ApiObject>(`${path}/region/${encodeURIComponent(region)}/storage`)
              ).map((c) => mapContainer(c, project, 's3', region)),
            )),
          ],
          'load balancers': async (scope) =>
            perRegion(scope, 'Load balancers', async (region) =>
              (await getList<ApiObject>(`${path}/region/${encodeURIComponent(region)}/loadbalancing/loadbalancer`)).map((lb) =>
                mapLoadBalancer(lb, project, region),
              ),
            ),
        },
        {link: (resources) => linkNetworks(resources, openstackIds)},
      )
    }
  },
}
