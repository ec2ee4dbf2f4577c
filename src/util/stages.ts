import createDebug from 'debug'

/**
 * `DEBUG=exitready:stages` prints one line per pipeline stage: its name, wall time, heap and RSS
 * after it. The benchmark reads these lines; users can see where a long run spends its time.
 * The line format is stable: `stage <name> ms=<n> heapMiB=<n> rssMiB=<n>`.
 */
const trace = createDebug('exitready:stages')

const MiB = 1024 * 1024

function report(name: string, start: number): void {
  const memory = process.memoryUsage()
  trace(
    `stage ${name} ms=${(performance.now() - start).toFixed(1)} heapMiB=${(memory.heapUsed / MiB).toFixed(0)} rssMiB=${(memory.rss / MiB).toFixed(0)}`,
  )
}

/** Runs a synchronous stage and traces it. */
export function stage<T>(name: string, run: () => T): T {
  if (!trace.enabled) return run()
  const start = performance.now()
  const result = run()
  report(name, start)
  return result
}

/** Runs an asynchronous stage and traces it. */
export async function stageAsync<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (!trace.enabled) return run()
  const start = performance.now()
  const result = await run()
  report(name, start)
  return result
}
