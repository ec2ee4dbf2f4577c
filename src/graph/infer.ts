// Usage edges only read resources, so they live with the inventory; kept here for existing importers.
export {IdIndex, linkEdges, type UsageLinks, usageEdges, usageLinks} from '../inventory/links.js'
