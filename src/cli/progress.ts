import {noCredentialsMessage} from '../collectors/hints.js'
import type {ProviderOutcome, ScanProgress, ScanResult} from '../collectors/scan.js'
import type {SourceStatus} from '../inventory/model.js'
import {safeForTerminal} from '../util/terminal.js'

/**
 * Scan progress for people. On a terminal: listr2, one task per provider whose output lists the
 * scopes in flight with their running resource counts. Elsewhere (pipes, CI): one plain line per event.
 * Always on stderr, so stdout stays for --json. Warnings are not printed here: the command prints them once.
 */
export interface ProgressOptions {
  quiet?: boolean
  stream?: NodeJS.WriteStream
  env?: NodeJS.ProcessEnv
}

export function isInteractive(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false'
  return stream.isTTY === true && !ci && env.TERM !== 'dumb'
}

export function createScanProgress(options: ProgressOptions = {}): ScanProgress {
  const stream = options.stream ?? process.stderr
  if (options.quiet) return {scopeStarted() {}, scopeProgress() {}, scopeFinished() {}, warn() {}}
  return isInteractive(stream, options.env ?? process.env) ? new ListrProgress(stream) : new PlainProgress(stream)
}

const format = (n: number) => n.toLocaleString('en-US')
const plural = (n: number, word: string) => `${format(n)} ${word}${n === 1 ? '' : 's'}`

function statusText(status: SourceStatus): string {
  const count = plural(status.count, 'resource')
  if (status.status === 'complete') return `complete, ${count}`
  return `${status.status}${status.count > 0 ? `, ${count}` : ''}: ${status.error ?? 'unknown error'}`
}

/** One line per event; running counts are printed every 1,000 resources so long scopes show life. */
export class PlainProgress implements ScanProgress {
  private readonly printed = new Map<string, number>()

  constructor(private readonly stream: NodeJS.WritableStream) {}

  private line(provider: string, text: string): void {
    // Scope names and provider messages come from the estate: no escape sequence reaches the terminal.
    this.stream.write(`${provider}: ${safeForTerminal(text, {singleLine: true})}\n`)
  }

  providersStarted(providers: {id: string; title: string}[]): void {
    if (providers.length > 0) this.stream.write(`Scanning ${providers.map((p) => p.title).join(', ')}\n`)
  }

  scopeStarted(provider: string, scope: string): void {
    this.line(provider, `${scope} started`)
  }

  scopeProgress(provider: string, scope: string, total: number): void {
    const key = `${provider}\0${scope}`
    const step = Math.floor(total / 1000)
    if (step > (this.printed.get(key) ?? 0)) {
      this.printed.set(key, step)
      this.line(provider, `${scope} ${plural(total, 'resource')} so far`)
    }
  }

  scopeFinished(provider: string, status: SourceStatus): void {
    this.line(provider, `${status.scope} ${statusText(status)}`)
  }

  warn(): void {}

  providerFinished(provider: string, outcome: ProviderOutcome): void {
    // A provider that failed as a whole was already printed as its '*' scope.
    if (!outcome.error)
      this.line(
        provider,
        `done, ${plural(outcome.resources, 'resource')} from ${plural(outcome.scopes, 'scope')}${outcome.failedScopes ? ` (${outcome.failedScopes} incomplete)` : ''}`,
      )
  }

  async close(): Promise<void> {}
}

interface ProviderState {
  title: string
  running: Map<string, number>
  problems: string[]
  resources: number
  done: number
  /** Set once listr2 runs the provider's task. */
  update?: () => void
  outcome: Deferred<ProviderOutcome>
}

interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return {promise, resolve}
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** Lines shown under a provider task: the scopes in flight, then the scopes that failed. */
const MAX_LINES = 8

class ListrProgress implements ScanProgress {
  private readonly providers = new Map<string, ProviderState>()
  private running?: Promise<unknown>

  constructor(private readonly stream: NodeJS.WriteStream) {}

  providersStarted(providers: {id: string; title: string}[]): void {
    for (const {id, title} of providers)
      this.providers.set(id, {title, running: new Map(), problems: [], resources: 0, done: 0, outcome: deferred()})
    this.running = this.start(providers.map((p) => p.id)).catch(() => undefined)
  }

  private async start(ids: string[]): Promise<void> {
    const {Listr, DefaultRenderer, ListrLogger, ProcessOutput} = await import('listr2')
    // listr2 checks stdout for a terminal; progress goes to stderr, which isInteractive checked.
    class StderrRenderer extends DefaultRenderer {
      static override nonTTY = true
    }
    const logger = new ListrLogger({useIcons: true, processOutput: new ProcessOutput(this.stream, this.stream)})
    const tasks = ids.map((id) => {
      const state = this.providers.get(id)!
      return {
        title: state.title,
        // One multi-line output entry, replaced on every update.
        rendererOptions: {outputBar: true, persistentOutput: false},
        task: async (_ctx: unknown, task: {title: string; output: string}) => {
          state.update = () => {
            task.title = `${state.title}: ${plural(state.resources, 'resource')}, ${plural(state.done, 'scope')} done`
            const lines = [...state.running].map(([scope, count]) => `${scope}: ${format(count)}`)
            task.output = [...lines, ...state.problems].slice(-MAX_LINES).join('\n')
          }
          state.update()
          const outcome = await state.outcome.promise
          state.update()
          if (outcome.error) throw new Error(`${state.title}: ${safeForTerminal(outcome.error, {singleLine: true})}`)
          const incomplete = outcome.failedScopes ? `, ${outcome.failedScopes} incomplete` : ''
          task.title = `${state.title}: ${plural(outcome.resources, 'resource')} from ${plural(outcome.scopes, 'scope')}${incomplete}`
        },
      }
    })
    const listr = new Listr(tasks, {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      renderer: StderrRenderer,
      rendererOptions: {logger, collapseErrors: false},
    })
    await listr.run()
  }

  scopeStarted(provider: string, scope: string): void {
    const state = this.providers.get(provider)
    if (!state) return
    state.running.set(scope, 0)
    state.update?.()
  }

  scopeProgress(provider: string, scope: string, total: number): void {
    const state = this.providers.get(provider)
    if (!state) return
    state.running.set(scope, total)
    state.update?.()
  }

  scopeFinished(provider: string, status: SourceStatus): void {
    const state = this.providers.get(provider)
    if (!state) return
    state.running.delete(status.scope)
    state.resources += status.count
    state.done++
    if (status.status !== 'complete')
      state.problems.push(shorten(safeForTerminal(`${status.scope}: ${statusText(status)}`, {singleLine: true}), 110))
    state.update?.()
  }

  warn(): void {}

  providerFinished(provider: string, outcome: ProviderOutcome): void {
    this.providers.get(provider)?.outcome.resolve(outcome)
  }

  async close(): Promise<void> {
    // A provider that never reported (the scan stopped early) must not keep its task spinning.
    const stopped: ProviderOutcome = {read: false, resources: 0, scopes: 0, failedScopes: 0, error: 'stopped'}
    for (const state of this.providers.values()) state.outcome.resolve(stopped)
    await this.running
  }
}

/** The end-of-scan digest: skipped providers, warnings (once), failed scopes, and what was written. */
export function scanSummaryLines(
  result: ScanResult,
  out: string | undefined,
  options: {sources?: boolean} = {},
): {text: string; error?: boolean}[] {
  const lines: {text: string; error?: boolean}[] = []
  for (const {provider, reason} of result.skipped) lines.push({text: `Skipped ${provider}: ${reason.replace(/\.$/, '')}.`})
  for (const warning of result.warnings) lines.push({text: `Warning: ${warning}`})
  const incomplete = result.snapshot.sources.filter((source) => source.status !== 'complete')
  // Progress already showed each failed scope as it happened; the recap is for --quiet runs.
  if (options.sources ?? true)
    for (const source of incomplete)
      lines.push({text: `${source.provider} ${source.scope} ${source.status}: ${source.error ?? 'unknown error'}`, error: true})
  if (result.exitCode === 4) {
    if (result.providers.length === 0) {
      const {message, suggestion} = noCredentialsMessage()
      lines.push({text: `${message} ${suggestion}`, error: true})
    } else lines.push({text: 'No provider could be read (see the errors above). Nothing was written.', error: true})
    return lines
  }
  const perProvider = result.providers
    .map((provider) => `${provider} ${format(result.snapshot.resources.filter((r) => r.provider === provider).length)}`)
    .join(', ')
  lines.push({text: `Wrote ${out}: ${plural(result.snapshot.resources.length, 'resource')} (${perProvider}).`})
  if (result.exitCode === 3)
    lines.push({
      text: `The inventory is incomplete: ${plural(incomplete.length, 'scope')} could not be read in full (exit code 3).`,
      error: true,
    })
  return lines
}
