// Records the demo estate, assessed at argv[3], into the history at argv[2]: one pipeline's run.
import {openHistory} from '../../../src/history/open.js'
import {recordAssessment} from '../../../src/history/record.js'
import {demoAssessment} from './assessment.js'

const [target, date] = process.argv.slice(2) as [string, string]
const {assessment, policies} = await demoAssessment({now: date})
const store = await openHistory(target)
await recordAssessment(store, assessment, policies, [{path: 'inventory.json'}])
await store.close()
