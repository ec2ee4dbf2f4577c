import {ExitCode, ExitreadyError, InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages} from '../http.js'
import {listS3Buckets} from '../s3-buckets.js'
import {type LimitedClient, mapPartial, ScanSession} from '../scope.js'
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
import {hetznerOptions} from './spec.js'

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

/**
 * Every page of one list endpoint (page/per_page, meta.pagination.next_page), in one slot. A page
 * that fails after earlier ones were read rejects with PartialPagesError carrying those items.
 */
function listAll<T>(client: LimitedClient, path: string, key: string): Promise<T[]> {
  return client.run((http) =>
    collectPages<T, number>(async (page) => {
      const response = await http.getJson<{meta?: {pagination?: {next_page?: number | null}}}>(path, {
        page: page ?? 1,
        per_page: PER_PAGE,
      })
      const next = response.data?.meta?.pagination?.next_page
      return {items: expectList<T>(response.data, `hetzner: GET ${path}`, key), next: typeof next === 'number' ? next : undefined}
    }),
  )
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
    // Validated by the registry already; parsing again is idempotent and covers library callers.
    const options = hetznerOptions.parse(ctx.options.hetzner ?? {})
    const session = new ScanSession(ctx, 'hetzner', 'Hetzner Cloud')
    const client = session.client({
      baseUrl: ctx.endpoints.hetzner ?? ctx.env.HCLOUD_ENDPOINT ?? DEFAULT_ENDPOINT,
      auth: () => ({authorization: `Bearer ${token.token}`}),
      rateLimit: RATE_LIMIT,
      // RateLimit-Reset is when the whole bucket is full again; one request needs one token (1 s).
      rateLimitModel: 'token-bucket',
      describeError,
    })
    // One token is one project; the API does not name it, so the option or the CLI context does.
    const account = options.project ?? token.context
    const list =
      <T>(path: string, key: string, map: (item: T, account?: string) => ResourceInput) =>
      () =>
        mapPartial(listAll<T>(client, path, key), (item) => map(item, account))

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
      const fromEnv = hetznerOptions.shape.objectStorageLocations.safeParse(listOption(ctx.env.HETZNER_S3_LOCATIONS))
      if (!fromEnv.success)
        throw new InputError(
          'HETZNER_S3_LOCATIONS names a location that is not valid.',
          'Use location names such as fsn1,nbg1,hel1.',
        )
      const locations = options.objectStorageLocations ?? fromEnv.data ?? DEFAULT_S3_LOCATIONS
      const template = ctx.endpoints['hetzner-s3'] ?? S3_ENDPOINT_TEMPLATE
      const seen = new Set<string>()
      for (const location of locations) {
        scans.push(
          session.scope(`object-storage/${location}`, {
            buckets: async () =>
              mapPartial(
                listS3Buckets(session, {baseUrl: template.replace('{location}', location), region: location, ...s3}),
                // Each bucket once, at the location the endpoint names for it (else the endpoint's own).
                (bucket) => {
                  if (seen.has(bucket.name)) return undefined
                  seen.add(bucket.name)
                  return mapBucket(bucket.name, bucket.region ?? location, account)
                },
              ),
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
