// Generates the bundled demo estate, fixtures/demo/inventory.json: a realistic mid-sized
// organisation ("Nordwind Versicherung AG", an insurer) of about 400 resources across two AWS
// accounts, two Azure subscriptions, one GCP project, Hetzner and Scaleway, with tags,
// dependencies and a few deliberately unmapped types. Seeded, so the output is stable:
//   npm run demo:generate            (writes fixtures/demo/inventory.json)
//   npx tsx scripts/generate-demo.ts --seed 7 --out /tmp/other.json
import {parseArgs} from 'node:util'
import {buildDemoEstate} from '../src/demo/estate.js'
import {writeSnapshot} from '../src/inventory/snapshot.js'

const {values} = parseArgs({
  options: {seed: {type: 'string', default: '20261128'}, out: {type: 'string', default: 'fixtures/demo/inventory.json'}},
})
const snapshot = buildDemoEstate(Number(values.seed))
await writeSnapshot(values.out!, snapshot)
console.log(`wrote ${values.out}: ${snapshot.resources.length} resources from ${snapshot.sources.length} sources`)
