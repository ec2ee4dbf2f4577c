import type {Clock} from '../../util/clock.js'
import {withDeadline, withRetries} from '../http.js'
import {ScanSession} from '../scope.js'
import type {CollectContext} from '../types.js'
import {awsRetryDecision, isAuthFailure, toHttpError} from './errors.js'
import type {AwsCredentials, AwsCredentialsProvider, AwsOptions} from './options.js'

/** The SDK clients exitready uses, with their AWS_ENDPOINT_URL_<SERVICE> names (the SDK's service ids). */
const ENDPOINT_ENV = {
  tagging: 'RESOURCE_GROUPS_TAGGING_API',
  resourceExplorer: 'RESOURCE_EXPLORER_2',
  organizations: 'ORGANIZATIONS',
  sts: 'STS',
  ec2: 'EC2',
  rds: 'RDS',
  elasticache: 'ELASTICACHE',
  opensearch: 'OPENSEARCH',
  fsx: 'FSX',
  lambda: 'LAMBDA',
  mq: 'MQ',
  route53: 'ROUTE_53',
} as const

export type AwsService = keyof typeof ENDPOINT_ENV

export interface AwsClientConfig {
  region: string
  credentials: AwsCredentialsProvider
  endpoint?: string
  maxAttempts: number
  requestHandler: {requestTimeout: number; connectionTimeout: number}
}

/** An account to list, with the credentials that reach it. */
export interface AwsAccount {
  id: string
  name?: string
  credentials: AwsCredentialsProvider
}

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000

/** Caches credentials until shortly before they expire; concurrent callers share one fetch. */
export function memoizeCredentials(provider: AwsCredentialsProvider, clock: Clock): AwsCredentialsProvider {
  let current: Promise<AwsCredentials> | undefined
  let expiresAt = Number.POSITIVE_INFINITY
  return async () => {
    if (current && clock.now() < expiresAt - REFRESH_BEFORE_EXPIRY_MS) return current
    const pending = provider()
    current = pending
    try {
      const credentials = await pending
      expiresAt = credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY
      return credentials
    } catch (error) {
      if (current === pending) current = undefined
      throw error
    }
  }
}

/**
 * Shared state for one AWS scan: the one ScanSession (scopes, their status, one concurrency bound
 * for every SDK call of the scan), the credentials chain, endpoints and the retry policy. SDK
 * retries are off (maxAttempts 1) so throttles go through the project's one bounded backoff
 * (withRetries), whose sleeps use the injectable clock and never hold a concurrency slot.
 */
/** One SDK call, connection, headers and body together, at most this long (then retried). */
export const CALL_DEADLINE_MS = 60_000

export class AwsSession {
  readonly homeRegion: string
  readonly clock: Clock
  readonly scan: ScanSession
  private base?: AwsCredentialsProvider

  constructor(
    private readonly ctx: CollectContext,
    readonly options: AwsOptions,
  ) {
    this.clock = ctx.clock
    this.scan = new ScanSession(ctx, 'aws', 'Amazon Web Services')
    this.homeRegion = options.homeRegion ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION ?? options.regions[0] ?? 'us-east-1'
  }

  get signal(): AbortSignal | undefined {
    return this.ctx.signal
  }

  /** --endpoint aws=…, EXITREADY_ENDPOINT_AWS, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, in that order. */
  endpointFor(service: AwsService): string | undefined {
    const env = this.ctx.env
    return this.ctx.endpoints.aws ?? env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV[service]}`] ?? env.AWS_ENDPOINT_URL ?? undefined
  }

  /** The caller's own credentials: injected, or the SDK's default chain (env, profile, SSO, instance role). */
  async baseCredentials(): Promise<AwsCredentialsProvider> {
    if (this.base) return this.base
    const injected = this.options.credentials
    let provider: AwsCredentialsProvider
    if (typeof injected === 'function') provider = injected
    else if (injected) provider = async () => injected
    else {
      const {fromNodeProviderChain} = await import('@aws-sdk/credential-providers')
      provider = fromNodeProviderChain(this.options.profile ? {profile: this.options.profile} : {}) as AwsCredentialsProvider
    }
    this.base = memoizeCredentials(provider, this.clock)
    return this.base
  }

  config(service: AwsService, region: string, credentials: AwsCredentialsProvider): AwsClientConfig {
    const endpoint = this.endpointFor(service)
    return {
      region,
      credentials,
      ...(endpoint ? {endpoint} : {}),
      maxAttempts: 1,
      requestHandler: {requestTimeout: 30_000, connectionTimeout: 10_000},
    }
  }

  /**
   * One SDK call in one slot of the scan's concurrency bound, retried with backoff on throttles,
   * 5xx and dropped connections. `credentialsKey` names the account and region the call
   * authenticates for: once AWS rejected those credentials, the calls still queued for them are
   * not sent (a region that is not enabled rejects the token while the others accept it).
   * Failures come back as an HttpError whose sentence names `what`.
   */
  async send<T>(what: string, credentialsKey: string, call: () => Promise<T>): Promise<T> {
    try {
      // The SDK's handler times out an idle socket only; the deadline covers a body that trickles.
      const attempt = () => withDeadline(call, CALL_DEADLINE_MS, what)
      return await withRetries(() => this.scan.run(attempt, credentialsKey, isAuthFailure), awsRetryDecision, {
        label: `aws ${what}`,
        clock: this.clock,
        random: this.ctx.random,
        signal: this.ctx.signal,
        maxAttempts: 6,
        baseDelayMs: 500,
        maxDelayMs: 20_000,
        maxTotalWaitMs: 120_000,
      })
    } catch (error) {
      if (this.ctx.signal?.aborted) throw error
      throw toHttpError(what, error)
    }
  }
}
