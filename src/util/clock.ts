/** Time as the retry layer and waivers see it; tests inject a fake one so nothing really waits. */
export interface Clock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const timer = setTimeout(resolve, ms)
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer)
          reject(signal.reason)
        },
        {once: true},
      )
    }),
}

/** A clock whose sleeps return at once and advance its time; it records every wait. */
export function fakeClock(start = Date.parse('2026-11-28T12:00:00Z')): Clock & {sleeps: number[]} {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    },
  }
}
