import type {Clock} from '../util/clock.js'

/** A credential with its expiry (epoch ms); `expiresAt` undefined means it does not expire on its own. */
export interface ExpiringToken<T> {
  value: T
  expiresAt?: number
}

/**
 * The one token cache every collector uses: hands out the current token, renews it `marginMs`
 * before it expires, and shares one renewal among concurrent callers (single flight), so a long
 * scan with many requests in flight exchanges its key once per token lifetime and never deadlocks.
 * A failed renewal is not cached: the next call tries again.
 */
export class TokenCache<T> {
  private current?: ExpiringToken<T>
  private renewing?: Promise<ExpiringToken<T>>

  constructor(
    private readonly issue: () => Promise<ExpiringToken<T>>,
    private readonly clock: Clock,
    private readonly marginMs = 60_000,
  ) {}

  async get(): Promise<T> {
    const token = this.current
    if (token && (token.expiresAt === undefined || this.clock.now() < token.expiresAt - this.marginMs)) return token.value
    return (await this.renew()).value
  }

  /**
   * Forgets `rejected` after the provider refused it (a 401 before the expiry said so), so the
   * next `get()` renews; a token already replaced by a concurrent renewal is kept.
   */
  invalidate(rejected: T): void {
    if (this.current && this.current.value === rejected) this.current = undefined
  }

  private renew(): Promise<ExpiringToken<T>> {
    this.renewing ??= this.issue()
      .then((token) => {
        this.current = token
        return token
      })
      .finally(() => {
        this.renewing = undefined
      })
    return this.renewing
  }
}
