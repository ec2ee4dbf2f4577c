import {loadCatalog} from '../../../src/catalog/load.js'
import type {Snapshot} from '../../../src/inventory/model.js'
import {readSnapshot} from '../../../src/inventory/snapshot.js'
import {DEMO_SNAPSHOT} from '../../../src/jobs/assess.js'
import {type EstateEvaluation, evaluateEstate} from '../../../src/jobs/pipeline.js'
import {loadPolicies} from '../../../src/policy/load.js'

/** The demo estate assessed with every built-in policy, after `change` edits its snapshot. */
export async function demoAssessment(
  options: {now?: string; change?: (snapshot: Snapshot) => void} = {},
): Promise<EstateEvaluation> {
  const snapshot = await readSnapshot(DEMO_SNAPSHOT)
  options.change?.(snapshot)
  const loaded = await loadPolicies(['baseline', 'one-hole', 'sovereign-first', 'dora-exit'])
  return evaluateEstate(snapshot, await loadCatalog(), loaded, {
    now: new Date(options.now ?? '2026-09-30T08:00:00Z'),
    inputs: ['fixtures/demo/inventory.json'],
    version: '0.0.0-test',
  })
}
