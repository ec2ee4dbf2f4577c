import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages} from '../http.js'
import {listS3Buckets} from '../s3-buckets.js'
import {type LimitedClient, ScanSession} from '../scope.js'
import type {CollectContext, Collector, CollectorResult, Detection} from '../types.js'
import {expectList, listOption} from '../values.js'
import {hetznerS3Keys, resolveHetznerToken} from './credentials.js'
import {
  mapBucket,
  mapCertificate,
  mapFirewall,
  mapFloatingIp,
  mapLoadBalancer,
  mapNetwork,
  mapPrimaryIp,
  mapServer,
  mapVolume,
} from './mapping.js'

const DEFAULT_ENDPOINT = 'https://api.hetzner.cloud/v1'
const DEFAULT_S3_LOCATIONS = ['fsn1', 'nbg1', 'hel1']
const S3_ENDPOINT_TEMPLATE = 'https://{location}.your-objectstorage.com'
/** Hetzner documents 3,600 requests an hour per project (refilled one a second) and at most 50 a page. */
const RATE_LIMIT = {requests: 3600, perMs: 3_600_000}
const PER_PAGE = 50

/** Hetzner errors are {error: {code, message}}. */
function describeError(body: unknown): {code?: string; message?: string} | undefined {
  const error = (body as {error?: {code?: unknown; message?: unknown}} | undefined)?.error
  if (!error || typeof error !== 'object') return undefined
  return {
    code: error.code === undefined ? undefined : String(error.code),
    message: error.message === undefined ? undefined : String(error.message),
  }
}

/** Every page of one list endpoint (page/per_page, meta.pagination.next_page), in one slot. */
async function listAll<T>(client: LimitedClient, path: string, key: string): Promise<T[]> {
  return client.run(async (http) => {
    return collectPages<T, number>(async (page) => {
      const response = await http.getJson<{meta?: {pagination?: {next_page?: number | null}}}>(path, {
        page: page ?? 1,
        per_page: PER_PAGE,
      })
      const next = response.data?.meta?.pagination?.next_page
      return {items: expectList<T>(response.data, `hetzner: GET ${path}`, key), next: typeof next === 'number' ? next : undefined}
    })
  })
}

export const collector: Collector = {
  id: 'hetzner',
  title: 'Hetzner Cloud',

  async detect(ctx): Promise<Detection> {
    const token = await resolveHetznerToken(ctx.env)
    return 'token' in token ? {available: true, via: token.via} : {available: false, reason: token.reason}
  },

  async collect(ctx: CollectContext): Promise<CollectorResult> {
    const token = await resolveHetznerToken(ctx.env)
    if (!('token' in token))
      throw new ExitreadyError(
        `Hetzner Cloud: no credentials (${token.reason}).`,
        ExitCode.noProvider,
        'Set HCLOUD_TOKEN to a read-only API token, or select a context with `hcloud context use`.',
      )
    const options = ctx.options.hetzner ?? {}
    const session = new ScanSession(ctx, 'hetzner', 'Hetzner Cloud')
    const client = session.client({
      baseUrl: ctx.endpoints.hetzner ?? ctx.env.HCLOUD_ENDPOINT ?? DEFAULT_ENDPOINT,
      auth: () => ({authorization: `Bearer ${token.token}`}),
      rateLimit: RATE_LIMIT,
      describeError,
    })
    // One token is one project; the API does not name it, so the CLI context (when used) does.
    const account = typeof options.project === 'string' ? options.project : token.context
    const list =
      <T>(path: string, key: string, map: (item: T, account?: string) => ResourceInput) =>
      async () =>
        (await listAll<T>(client, path, key)).map((item) => map(item, account))

    const scans: Promise<unknown>[] = [
      session.scope(account ?? 'project', {
        servers: list('/servers', 'servers', mapServer),
        volumes: list('/volumes', 'volumes', mapVolume),
        'load balancers': list('/load_balancers', 'load_balancers', mapLoadBalancer),
        networks: list('/networks', 'networks', mapNetwork),
        'floating IPs': list('/floating_ips', 'floating_ips', mapFloatingIp),
        'primary IPs': list('/primary_ips', 'primary_ips', mapPrimaryIp),
        firewalls: list('/firewalls', 'firewalls', mapFirewall),
        certificates: list('/certificates', 'certificates', mapCertificate),
      }),
    ]

    const s3 = hetznerS3Keys(ctx.env)
    if (s3) {
      const locations =
        listOption(options.objectStorageLocations) ?? listOption(ctx.env.HETZNER_S3_LOCATIONS) ?? DEFAULT_S3_LOCATIONS
      for (const location of locations)
        if (!/^[a-z0-9-]+$/.test(location)) throw new InputError(`Hetzner Object Storage location "${location}" is not valid.`)
      const template = ctx.endpoints['hetzner-s3'] ?? S3_ENDPOINT_TEMPLATE
      const seen = new Set<string>()
      for (const location of locations) {
        scans.push(
          session.scope(`object-storage/${location}`, {
            buckets: async () => {
              const buckets = await listS3Buckets(session, {
                baseUrl: template.replace('{location}', location),
                region: location,
                ...s3,
              })
              // Each bucket once, at the location the endpoint names for it (else the endpoint's own).
              const fresh = buckets.filter((b) => !seen.has(b.name))
              for (const b of fresh) seen.add(b.name)
              return fresh.map((b) => mapBucket(b.name, b.region ?? location, account))
            },
          }),
        )
      }
    }
    await Promise.all(scans)
    return session.result(
      'Check that the Hetzner Cloud API token (HCLOUD_TOKEN or the hcloud CLI context) is valid and not revoked.',
    )
  },
}
