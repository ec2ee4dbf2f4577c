import type {Concentration} from '../assessment/schema.js'

/** "HHI over ultimate parents": the index named with its base, the same in every output. */
export const hhiLabel = (c: Pick<Concentration, 'base'>): string =>
  `HHI over ${c.base === 'ultimate-parent' ? 'ultimate parents' : 'providers'}`

/** The largest holder by name: the ultimate parent's name, or the provider id. */
export const topHolder = (top: NonNullable<Concentration['top']>): string => top.name ?? top.provider
