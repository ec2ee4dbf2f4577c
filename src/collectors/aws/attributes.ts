import type {ResourceInput} from '../../inventory/model.js'
import {collectPages, HttpError, PartialPagesError} from '../http.js'
import type {ScopeHandle} from '../scope.js'
import {mapArn} from './arn.js'
import {awsErrorName} from './errors.js'
import {resourceFromArn, type UnmappedCounter} from './resource.js'
import type {AwsAccount, AwsClientConfig, AwsService, AwsSession} from './session.js'

/**
 * The listing (tagging API or Resource Explorer) gives ARNs and tags only, so the catalog's refine
 * rules (RDS engine, EC2 platform, FSx type …) had nothing to match. This attaches those
 * attributes from each service's own describe call: one paginated read per service per region
 * (per account for global services), only where the listing found resources of that service, all
 * reads concurrent within the scan's one bound. What cannot be read is named per resource type in
 * the scope's warnings and in the resource's `attributesUnread`, never guessed.
 */

/** One resource as a describe call tells it. */
export interface Described {
  arn: string
  /** Attribute → value as the API gives it; undefined when the API named none. */
  attributes: Record<string, string | undefined>
  /** The CloudFormation type, when the call tells it better than the ARN (DocumentDB and Neptune share `rds`). */
  type?: string
  name?: string
  tags?: Record<string, string>
  /** May be added to the inventory when the listing missed it (the tagging API misses never-tagged resources). */
  addable: boolean
}

export interface ReadContext {
  account: AwsAccount
  /** The region the call goes to; a global service's home region. */
  region: string
  partition: string
  config(service: AwsService): AwsClientConfig
  /** One SDK call in the scan's bound, with retries; a failure is an HttpError naming the action. */
  call<T>(send: () => Promise<T>, action?: string): Promise<T>
  /** Every page, mapped; a later page failing throws PartialPagesError carrying the mapped records read before. */
  pages<T, Token>(
    fetchPage: (token: Token | undefined) => Promise<{items: T[]; next: Token | undefined}>,
    map: (item: T) => Described | undefined,
  ): Promise<Described[]>
}

export interface AttributeReader {
  /** The IAM action of the call, as messages and docs name it: `rds:DescribeDBInstances`. */
  action: string
  /** The `service:resourcetype` keys (see mapArn) of the resources it describes. */
  arnKeys: readonly string[]
  /** The attributes it reads, named as the catalog's refine rules name them. */
  attributes: readonly string[]
  /** A global service is read once per account, whichever regions listed its resources. */
  global?: boolean
  /** The key an ARN is matched by, when listings name a resource by more than its describe ARN. */
  matchKey?(arn: string): string
  read(rc: ReadContext): Promise<Described[]>
}

interface ReadResult {
  records: Described[]
  /** Set when the read failed or stopped early; `records` then holds what was read before. */
  failure?: {reason: string; partial: boolean}
  /** For a global read shared by several scopes: whether a scope already added its missing resources. */
  added?: boolean
}

export interface AttributeContext {
  session: AwsSession
  account: AwsAccount
  partition: string
  unmapped: UnmappedCounter
  readers: readonly AttributeReader[]
  /** Global reads of this account, shared by its scopes. */
  globalReads: Map<string, Promise<ReadResult>>
}

/** The AWS error name, or the HTTP status when the body named none (a proxy or an emulator answered). */
function nameOf(error: unknown): string {
  const name = awsErrorName(error)
  if (name !== 'Error' && name !== 'client' && name !== 'server') return name
  const status = error instanceof HttpError ? error.status : undefined
  return status ? `HTTP ${status}` : name
}

function failureOf(action: string, error: unknown): {reason: string; partial: boolean} {
  const partial = error instanceof PartialPagesError
  const name = nameOf(partial ? error.cause : error)
  const throttled = /thrott|toomanyrequests|limitexceeded|slowdown/i.test(name)
  return {
    reason: partial
      ? `${action} stopped before the last page (${name})`
      : `${name} on ${action}${throttled ? ' after retries' : ''}`,
    partial,
  }
}

async function runReader(ctx: AttributeContext, reader: AttributeReader, region: string): Promise<ReadResult> {
  const {session, account} = ctx
  const credentialsKey = `${account.id}/${reader.global ? 'global' : region}`
  // The call that failed, when a reader makes more than one kind (ListDomainNames, then DescribeDomains).
  let failedAction: string | undefined
  const rc: ReadContext = {
    account,
    region,
    partition: ctx.partition,
    config: (service) => session.config(service, region, account.credentials),
    async call(send, action = reader.action) {
      try {
        return await session.send(`${action} in ${region} of account ${account.id}`, credentialsKey, send)
      } catch (error) {
        failedAction = action
        throw error
      }
    },
    async pages(fetchPage, map) {
      const mapAll = (items: unknown[]) => {
        const out: Described[] = []
        for (const item of items) {
          const record = map(item as never)
          if (record) out.push(record)
        }
        return out
      }
      try {
        return mapAll(await collectPages(fetchPage, {clock: session.clock}))
      } catch (error) {
        if (error instanceof PartialPagesError) throw new PartialPagesError(error.reason, mapAll(error.items), error.cause)
        throw error
      }
    },
  }
  try {
    return {records: await reader.read(rc)}
  } catch (error) {
    // Interrupted or failed alike: the listing's resources are kept, their attributes marked unread.
    const records = error instanceof PartialPagesError ? (error.items as Described[]) : []
    return {records, failure: failureOf(failedAction ?? reader.action, error)}
  }
}

/**
 * The reads a set of resources needs: each reader once per region it has resources in (once for a
 * global one). Resources of another account (an organisation-wide Resource Explorer view) cannot be
 * described with this account's credentials; they come back apart, to be marked unread.
 */
function plan(ctx: AttributeContext, resources: ResourceInput[]) {
  const byKey = new Map<string, AttributeReader>()
  for (const reader of ctx.readers) for (const key of reader.arnKeys) byKey.set(key, reader)
  const needed = new Map<string, {reader: AttributeReader; region: string; resources: ResourceInput[]}>()
  const foreign: {reader: AttributeReader; resource: ResourceInput}[] = []
  for (const resource of resources) {
    const reader = byKey.get(mapArn(resource.id).key)
    if (!reader) continue
    if (resource.account && resource.account !== ctx.account.id) {
      foreign.push({reader, resource})
      continue
    }
    const region = reader.global ? ctx.session.homeRegion : (resource.region ?? '')
    const id = `${reader.action}\u0000${region}`
    const entry = needed.get(id) ?? {reader, region, resources: []}
    needed.set(id, entry)
    entry.resources.push(resource)
  }
  return {reads: [...needed.values()], foreign}
}

function read(ctx: AttributeContext, reader: AttributeReader, region: string): Promise<ReadResult> {
  if (!reader.global) return runReader(ctx, reader, region)
  const shared = ctx.globalReads.get(reader.action) ?? runReader(ctx, reader, region)
  ctx.globalReads.set(reader.action, shared)
  return shared
}

/** Counts resources whose attribute could not be read, by type, attribute and reason, for one warning each. */
class Unread {
  private readonly counts = new Map<string, {type: string; attribute: string; reason: string; count: number}>()

  mark(resource: ResourceInput, attributes: readonly string[], reason: string): void {
    const list = (resource.attributes?.attributesUnread as string[] | undefined) ?? []
    for (const attribute of attributes) {
      if (!list.includes(attribute)) list.push(attribute)
      const key = `${resource.type}\u0000${attribute}\u0000${reason}`
      const entry = this.counts.get(key)
      if (entry) entry.count++
      else this.counts.set(key, {type: resource.type, attribute, reason, count: 1})
    }
    resource.attributes = {...resource.attributes, attributesUnread: list}
  }

  warnings(): string[] {
    return [...this.counts.values()].map(
      ({type, attribute, reason, count}) =>
        `${attribute} of ${count} ${type} could not be read (${reason}); ${count === 1 ? 'it is' : 'they are'} assessed as the harder case.`,
    )
  }
}

function apply(reader: AttributeReader, result: ReadResult, resources: ResourceInput[], unread: Unread): void {
  const match = reader.matchKey ?? ((arn: string) => arn)
  const byArn = new Map<string, Described>()
  for (const record of result.records) byArn.set(match(record.arn), record)
  for (const resource of resources) {
    const record = byArn.get(match(resource.id))
    if (!record) {
      unread.mark(resource, reader.attributes, result.failure?.reason ?? `${reader.action} did not return it`)
      continue
    }
    if (record.type) resource.type = record.type
    const missing: string[] = []
    const attributes: Record<string, unknown> = {...resource.attributes}
    for (const [key, value] of Object.entries(record.attributes)) if (value !== undefined) attributes[key] = value
    resource.attributes = attributes
    for (const attribute of reader.attributes) if (record.attributes[attribute] === undefined) missing.push(attribute)
    if (missing.length > 0) unread.mark(resource, missing, `${reader.action} named no ${missing.join(' or ')}`)
  }
}

/** Resources a describe call returned that the listing missed (never tagged), as inventory entries. */
function missingResources(
  ctx: AttributeContext,
  reader: AttributeReader,
  region: string,
  result: ReadResult,
  known: Set<string>,
): ResourceInput[] {
  const out: ResourceInput[] = []
  const match = reader.matchKey ?? ((arn: string) => arn)
  const service = reader.action.split(':')[0]!
  for (const record of result.records) {
    if (!record.addable || known.has(match(record.arn))) continue
    const context = {account: ctx.account.id, region: reader.global ? 'global' : region, source: `aws:${service}`}
    const resource = resourceFromArn(record.arn, record.tags ?? {}, context, ctx.unmapped)
    if (record.type) resource.type = record.type
    if (record.name) resource.name = record.name
    const attributes: Record<string, unknown> = {...resource.attributes}
    for (const [key, value] of Object.entries(record.attributes)) if (value !== undefined) attributes[key] = value
    resource.attributes = attributes
    const missing = reader.attributes.filter((attribute) => record.attributes[attribute] === undefined)
    if (missing.length > 0) resource.attributes.attributesUnread = missing
    known.add(match(record.arn))
    out.push(resource)
  }
  return out
}

/**
 * Attaches the describe calls' attributes to `resources` (in place) and returns them with the
 * resources those calls found that the listing missed. Never throws for a failed describe call:
 * the failure becomes a warning and `attributesUnread` on the resources it concerns.
 */
export async function attachAttributes(
  ctx: AttributeContext,
  resources: ResourceInput[],
  scope: ScopeHandle,
): Promise<ResourceInput[]> {
  const {reads, foreign} = plan(ctx, resources)
  if (reads.length === 0 && foreign.length === 0) return resources
  const results = await Promise.all(reads.map(({reader, region}) => read(ctx, reader, region)))
  const unread = new Unread()
  for (const {reader, resource} of foreign)
    unread.mark(resource, reader.attributes, `it belongs to account ${resource.account}, whose credentials this scan did not use`)
  const out = resources
  const known = new Set<string>()
  for (const resource of resources) known.add(resource.id)
  reads.forEach(({reader, region, resources: concerned}, index) => {
    const result = results[index]!
    apply(reader, result, concerned, unread)
    // A shared global read adds its missing resources in one scope only.
    if (reader.global && result.added) return
    if (reader.global) result.added = true
    let knownForReader = known
    if (reader.matchKey) {
      knownForReader = new Set<string>()
      for (const id of known) knownForReader.add(reader.matchKey(id))
    }
    for (const resource of missingResources(ctx, reader, region, result, knownForReader)) {
      out.push(resource)
      known.add(resource.id)
    }
  })
  for (const warning of unread.warnings()) scope.warn(warning)
  return out
}
