import type {EgressPrice} from '../catalog/schema.js'

/** List-price cost of moving `gib` out in one go, through the provider's tiers after its free allowance. */
export function egressCost(gib: number, price: EgressPrice): number {
  let remaining = Math.max(0, gib - (price.freeGiB ?? 0))
  let cost = 0
  let floor = 0
  for (const tier of price.tiers) {
    if (remaining <= 0) break
    const width = tier.upToGiB === undefined ? remaining : Math.max(0, tier.upToGiB - floor)
    const used = Math.min(remaining, width)
    cost += used * tier.perGiB
    remaining -= used
    if (tier.upToGiB !== undefined) floor = tier.upToGiB
  }
  // Beyond the last bounded tier, the last tier's price applies.
  if (remaining > 0) cost += remaining * price.tiers[price.tiers.length - 1]!.perGiB
  return cost
}
