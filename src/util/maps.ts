/** The value at `key`, made and stored first when absent: one lookup on the hot path, no `??=` chains over maps. */
export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}
