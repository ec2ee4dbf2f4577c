// Records a large assessment into the history named by argv[2] and, after the first batch of
// resource scores is written inside the transaction, says "mid-write" and waits to be killed.
import {writeSync} from 'node:fs'
import {openHistory} from '../../../src/history/open.js'
import {recordAssessment} from '../../../src/history/record.js'
import {demoAssessment} from './assessment.js'

const target = process.argv[2]!
const {assessment, policies} = await demoAssessment({now: '2026-10-31T08:00:00Z'})
// Enough resources for several batches: copies of the demo's with distinct ids.
const base = assessment.resources
const resources = []
for (let copy = 0; copy < 40; copy++) for (const r of base) resources.push({...r, id: `${r.id}#${copy}`})
assessment.resources = resources
const store = await openHistory(target)
await recordAssessment(store, assessment, policies, [{path: 'big.json'}], {
  afterResourceBatch: async () => {
    writeSync(1, 'mid-write\n')
    // SQLite writes synchronously: block the thread so the transaction stays open until the kill.
    if (store.driver.dialect === 'sqlite') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000)
    else await new Promise((resolve) => setTimeout(resolve, 60_000))
  },
})
writeSync(1, 'committed\n')
