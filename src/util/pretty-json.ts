/**
 * JSON printed as `JSON.stringify(value, null, 2)` prints it, as a stream of chunks: the long lists
 * of a large estate never become one string (V8's longest is about 512 MiB).
 */

/** Chunks are handed on at about this many characters: one per resource would cost more than the stringify. */
const CHUNK_CHARS = 1 << 16

/** A value as `JSON.stringify(value, null, 2)` prints it, nested `depth` levels deep. */
export const pretty = (value: unknown, depth: number): string | undefined =>
  // JSON.stringify escapes line breaks inside strings, so every newline it prints is structural.
  JSON.stringify(value, null, 2)?.replaceAll('\n', `\n${'  '.repeat(depth)}`)

/** One member of an object at `depth`: its key, then the value's chunks. */
type Member = [key: string, chunks: () => Iterable<string>]

/**
 * An object printed as `JSON.stringify(value, null, 2)` would print it, with the members in
 * `special` produced by their own generators (streamed lists) and every other member generic, so
 * that fields added to the data appear without a change here.
 */
export function* prettyObject(
  value: object,
  depth: number,
  special: Record<string, (items: unknown[]) => Iterable<string>> = {},
): Generator<string> {
  const members: Member[] = []
  for (const [key, member] of Object.entries(value)) {
    const stream = Array.isArray(member) ? special[key] : undefined
    if (stream) members.push([key, () => stream(member as unknown[])])
    else {
      const text = pretty(member, depth + 1)
      if (text !== undefined) members.push([key, () => [text]])
    }
  }
  yield* members.length === 0 ? ['{}'] : objectOf(members, depth)
}

function* objectOf(members: Member[], depth: number): Generator<string> {
  const indent = '  '.repeat(depth + 1)
  for (let i = 0; i < members.length; i++) {
    const [key, chunks] = members[i]!
    yield `${i === 0 ? '{\n' : ',\n'}${indent}${JSON.stringify(key)}: `
    yield* chunks()
  }
  yield `\n${'  '.repeat(depth)}}`
}

/** A list printed as JSON.stringify(list, null, 2) would, each item by `item` (which prints it at `depth + 1`). */
export function* prettyList<T>(items: readonly T[], depth: number, item: (value: T) => Iterable<string>): Generator<string> {
  if (items.length === 0) {
    yield '[]'
    return
  }
  const indent = '  '.repeat(depth + 1)
  for (let i = 0; i < items.length; i++) {
    yield `${i === 0 ? '[\n' : ',\n'}${indent}`
    yield* item(items[i]!)
  }
  yield `\n${'  '.repeat(depth)}]`
}

/**
 * A long list with one item per line (compact JSON), gathered into chunks: the same JSON value as
 * the pretty-printed list, a line per resource or finding, which diff and grep handle well.
 */
export function linePerItem(items: readonly unknown[], depth: number): Generator<string> {
  return linePerIndex(items.length, depth, (i) => JSON.stringify(items[i]))
}

/** `linePerItem` over `count` items that `json(i)` prints: a list never built as objects (e.g. from typed arrays). */
export function* linePerIndex(count: number, depth: number, json: (i: number) => string | undefined): Generator<string> {
  if (count === 0) {
    yield '[]'
    return
  }
  const indent = `\n${'  '.repeat(depth + 1)}`
  let batch = '['
  for (let i = 0; i < count; i++) {
    // An item JSON cannot show (undefined, a function) is null in a list, as JSON.stringify prints it.
    batch += `${i === 0 ? '' : ','}${indent}${json(i) ?? 'null'}`
    if (batch.length > CHUNK_CHARS) {
      yield batch
      batch = ''
    }
  }
  yield `${batch}\n${'  '.repeat(depth)}]`
}
