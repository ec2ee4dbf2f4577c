import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, HttpError} from '../http.js'
import {type LimitedClient, mapPartial, reasonOf, ScanSession, type ScopeList} from '../scope.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {bytesToGiB, compact, expectList, labelsToTags} from '../values.js'
import {type ExoscaleCredentials, exoscaleAuthorization, SIGNATURE_TTL_SECONDS} from './sign.js'
import {exoscaleOptions} from './spec.js'

const PROVIDER = 'exoscale'
/**
 * Public zones, used only when GET /v2/zone cannot be read: the `Endpoint` constants of egoscale v3
 * (v3/client.go) and the zone enum of the API v2 OpenAPI spec (v3/generator/source.yaml), commit
 * d767924d0525ec524c07d7a94caa96177b5d0565 (2026-07-20).
 */
export const DEFAULT_ZONES = ['ch-gva-2', 'ch-dk-2', 'de-fra-1', 'de-muc-1', 'at-vie-1', 'at-vie-2', 'bg-sof-1', 'hr-zag-1']
/** Zone that answers the zone list and the account-wide lists (security groups, SOS buckets). */
const HOME_ZONE = 'ch-gva-2'

type Json = Record<string, unknown>
const ref = (value: unknown): string | undefined =>
  value && typeof value === 'object' && typeof (value as Json).id === 'string' ? ((value as Json).id as string) : undefined
const refs = (values: unknown): string[] =>
  Array.isArray(values) ? values.map(ref).filter((id): id is string => id !== undefined) : []
const rid = (kind: string, id: string) => `${PROVIDER}:${kind}:${id}`

/** Exoscale errors are {"message": "..."}; some add {"errors": {...}} per field. */
function describeExoscaleError(body: unknown): {code?: string; message?: string} | undefined {
  if (typeof body === 'string') return {message: body}
  if (!body || typeof body !== 'object') return undefined
  const message = (body as Json).message
  return typeof message === 'string' ? {message} : undefined
}

/** The API base of a zone: an override (with an optional {zone} placeholder), the zone list's endpoint, or the public pattern. */
export function zoneBaseUrl(ctx: Pick<CollectContext, 'endpoints'>, zone: string, listed?: string): string {
  const override = ctx.endpoints[PROVIDER]
  if (override) return override.replaceAll('{zone}', zone)
  return listed ?? `https://api-${zone}.exoscale.com/v2`
}

function clientFor(session: ScanSession, credentials: ExoscaleCredentials, baseUrl: string) {
  const {clock} = session.ctx
  return session.client({
    baseUrl,
    describeError: describeExoscaleError,
    auth: ({method, url, body}) => ({
      authorization: exoscaleAuthorization(
        credentials,
        method,
        url,
        body,
        Math.floor(clock.now() / 1000) + SIGNATURE_TTL_SECONDS,
      ),
    }),
  })
}

/**
 * One list. API v2 lists take no paging parameters (OpenAPI spec): the response is the whole list,
 * read as the single page of collectPages so the contract (bounds, partial) is the same as elsewhere.
 */
function listOf(client: LimitedClient, path: string, key: string): Promise<Json[]> {
  return client.run((http) =>
    collectPages<Json, never>(async () => {
      const response = await http.getJson<Json>(path)
      return {items: expectList<Json>(response.data, `exoscale: GET ${path}`, key), next: undefined}
    }),
  )
}

/**
 * Credentials the API refused: 401, or 403 about the signature (the official Python client treats
 * every 403 as an authentication error; an IAM role that denies an operation answers 403 too).
 */
function rejectsCredentials(error: unknown): boolean {
  if (!(error instanceof HttpError)) return false
  return error.kind === 'auth' || (error.kind === 'forbidden' && /signature/i.test(error.message))
}

async function listZones(
  ctx: CollectContext,
  home: LimitedClient,
  warnings: string[],
): Promise<{name: string; endpoint?: string}[]> {
  const chosen = exoscaleOptions.parse(ctx.options[PROVIDER] ?? {}).zones
  if (chosen) return chosen.map((name) => ({name}))
  try {
    const zones = await listOf(home, '/zone', 'zones')
    const named = zones
      .filter((z) => typeof z.name === 'string')
      .map((z) => ({name: z.name as string, endpoint: typeof z['api-endpoint'] === 'string' ? z['api-endpoint'] : undefined}))
    if (named.length > 0) return named
    warnings.push('The zone list was empty; the public zones were scanned instead.')
  } catch (error) {
    if (rejectsCredentials(error))
      throw new ExitreadyError(
        `Exoscale rejected the API key (${reasonOf(error)}).`,
        ExitCode.noProvider,
        'Check EXOSCALE_API_KEY and EXOSCALE_API_SECRET, and that the key is not revoked.',
      )
    warnings.push(`The zone list could not be read (${reasonOf(error)}); the public zones were scanned instead.`)
  }
  return DEFAULT_ZONES.map((name) => ({name}))
}

/** The fields every Exoscale resource has; `extra` adds or overrides some. */
function resourceOf(kind: string, item: Json, region: string, extra: Partial<ResourceInput> = {}): ResourceInput {
  return {
    id: rid(kind, String(item.id ?? item.name)),
    provider: PROVIDER,
    type: `exoscale:${kind}`,
    name: typeof item.name === 'string' ? item.name : undefined,
    region,
    tags: labelsToTags(item.labels),
    source: `scan:${PROVIDER}`,
    ...extra,
  }
}

function mapInstance(i: Json, zone: string): ResourceInput {
  const type = (i['instance-type'] ?? {}) as Json
  const template = (i.template ?? {}) as Json
  return {
    id: rid('instance', String(i.id)),
    provider: PROVIDER,
    type: 'exoscale:instance',
    name: i.name as string | undefined,
    region: zone,
    tags: labelsToTags(i.labels),
    attributes: compact({
      instanceType: ref(type),
      family: type.family,
      size: type.size,
      template: template.name ?? ref(template),
      state: i.state,
    }),
    dependsOn: [
      ...refs(i['private-networks']).map((id) => rid('private-network', id)),
      ...refs(i['security-groups']).map((id) => rid('security-group', id)),
    ],
    source: `scan:${PROVIDER}`,
  }
}

function zoneLists(client: LimitedClient, zone: string): Record<string, ScopeList> {
  const simple = (path: string, key: string, map: (item: Json) => ResourceInput) => () =>
    mapPartial(listOf(client, path, key), map)
  const base = (kind: string, item: Json, extra: Partial<ResourceInput> = {}) => resourceOf(kind, item, zone, extra)
  return {
    instances: simple('/instance', 'instances', (i) => mapInstance(i, zone)),
    'block storage': async (scope) => {
      try {
        return await mapPartial(listOf(client, '/block-storage', 'block-storage-volumes'), (v) =>
          base('block-storage-volume', v, {
            sizeGiB: typeof v.size === 'number' ? v.size : undefined,
            attributes: compact({state: v.state, encrypted: v.encrypted, instanceId: ref(v.instance)}),
            dependsOn: ref(v.instance) ? [rid('instance', ref(v.instance)!)] : [],
          }),
        )
      } catch (error) {
        // Block storage is not offered in every zone; Exoscale answers with an availability error there.
        if (error instanceof HttpError && /availability/i.test(error.message) && error.kind !== 'auth') {
          scope.warn(`Block storage is not available in ${zone}.`)
          return []
        }
        throw error
      }
    },
    'private networks': simple('/private-network', 'private-networks', (n) => base('private-network', n)),
    'SKS clusters': simple('/sks-cluster', 'sks-clusters', (c) => {
      const pools = Array.isArray(c.nodepools) ? (c.nodepools as Json[]) : []
      return base('sks-cluster', c, {
        attributes: compact({
          version: c.version,
          level: c.level,
          cni: c.cni,
          nodeCount: pools.reduce((sum, p) => sum + (typeof p.size === 'number' ? p.size : 0), 0),
        }),
        dependsOn: [
          ...new Set([
            ...pools.flatMap((p) => refs(p['private-networks']).map((id) => rid('private-network', id))),
            ...pools.flatMap((p) => refs(p['security-groups']).map((id) => rid('security-group', id))),
          ]),
        ],
      })
    }),
    'DBaaS services': simple('/dbaas-service', 'dbaas-services', (s) =>
      base('dbaas-service', s, {
        id: rid('dbaas-service', String(s.name)),
        region: (s.zone as string | undefined) ?? zone,
        sizeGiB: bytesToGiB(s['disk-size']),
        attributes: compact({type: s.type, plan: s.plan, nodeCount: s['node-count'], state: s.state}),
      }),
    ),
    'network load balancers': simple('/load-balancer', 'load-balancers', (lb) =>
      base('nlb', lb, {
        attributes: compact({services: Array.isArray(lb.services) ? lb.services.length : undefined, state: lb.state}),
      }),
    ),
    'elastic IPs': simple('/elastic-ip', 'elastic-ips', (ip) =>
      base('elastic-ip', ip, {
        name: (ip.description as string) || (ip.ip as string | undefined),
        attributes: compact({addressFamily: ip.addressfamily}),
      }),
    ),
  }
}

/** Instances use the volumes attached to them; the volume list is where Exoscale tells it. */
function linkVolumes(resources: ResourceInput[]): void {
  const instances = new Map(resources.filter((r) => r.type === 'exoscale:instance').map((r) => [r.id, r]))
  for (const volume of resources) {
    if (volume.type !== 'exoscale:block-storage-volume') continue
    const instance = instances.get(volume.dependsOn?.[0] ?? '')
    if (instance) instance.dependsOn = [...(instance.dependsOn ?? []), volume.id]
  }
}

export async function collectExoscale(ctx: CollectContext): Promise<CollectorResult> {
  const key = ctx.env.EXOSCALE_API_KEY
  const secret = ctx.env.EXOSCALE_API_SECRET
  if (!key || !secret)
    throw new ExitreadyError('Exoscale: no API key.', ExitCode.noProvider, 'Set EXOSCALE_API_KEY and EXOSCALE_API_SECRET.')
  const credentials = {key, secret}
  const session = new ScanSession(ctx, PROVIDER, 'Exoscale')
  const home = clientFor(session, credentials, zoneBaseUrl(ctx, HOME_ZONE))
  const globalWarnings: string[] = []
  const zones = await listZones(ctx, home, globalWarnings)

  const zoneScopes = zones.map((zone) =>
    session.scope(zone.name, zoneLists(clientFor(session, credentials, zoneBaseUrl(ctx, zone.name, zone.endpoint)), zone.name), {
      link: linkVolumes,
    }),
  )
  // Security groups and SOS buckets belong to the organisation, not to a zone: read them once.
  const globalScope = session.scope(
    'global',
    {
      'security groups': () =>
        mapPartial(listOf(home, '/security-group', 'security-groups'), (g) => resourceOf('security-group', g, 'global')),
      'SOS buckets': () =>
        mapPartial(listOf(home, '/sos-buckets-usage', 'sos-buckets-usage'), (b) =>
          resourceOf('sos-bucket', {name: b.name}, (b['zone-name'] as string | undefined) ?? 'global', {
            sizeGiB: bytesToGiB(b.size),
          }),
        ),
    },
    {warnings: globalWarnings},
  )
  await Promise.all([...zoneScopes, globalScope])
  return session.result(
    'Check EXOSCALE_API_KEY and EXOSCALE_API_SECRET, and that the key is allowed the list operations in docs/permissions.md.',
  )
}
