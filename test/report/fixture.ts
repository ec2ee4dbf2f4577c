import {loadCatalog} from '../../src/catalog/load.js'
import {loadArrangements} from '../../src/dora/arrangements.js'
import type {Snapshot} from '../../src/inventory/model.js'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {DEMO_ARRANGEMENTS, DEMO_SNAPSHOT} from '../../src/jobs/assess.js'
import {evaluateEstate} from '../../src/jobs/pipeline.js'
import {loadPolicies} from '../../src/policy/load.js'
import type {ReportData} from '../../src/report/types.js'

export const REPORT_NOW = new Date('2026-11-28T12:00:00Z')
export const HOSTILE = '<img src=x onerror=alert(1)>'

/** The demo estate plus one resource with hostile values, assessed with every built-in policy (and, if asked, the demo's DORA arrangements). */
export async function reportData(
  options: {now?: Date; hostile?: boolean; snapshot?: Snapshot; arrangements?: boolean} = {},
): Promise<ReportData> {
  const snapshot = options.snapshot ?? (await readSnapshot(DEMO_SNAPSHOT))
  if (options.hostile !== false)
    snapshot.resources.push({
      id: 'arn:aws:s3:::nordwind-hostile-test',
      provider: 'aws',
      type: 'AWS::S3::Bucket',
      name: `=HYPERLINK("http://evil.example","x")<script>alert("name")</script>${HOSTILE}`,
      region: 'eu-central-1',
      tags: {owner: HOSTILE, 'critical-function': 'true', note: '"quoted", with comma'},
      sizeGiB: 10,
      source: 'test',
    })
  const now = options.now ?? REPORT_NOW
  const loaded = await loadPolicies(['baseline', 'one-hole', 'sovereign-first', 'dora-exit'])
  const {assessment, policies, dependencies} = evaluateEstate(snapshot, await loadCatalog(), loaded, {
    now,
    inputs: ['fixtures/demo/inventory.json'],
    version: '0.0.0-test',
    ...(options.arrangements
      ? {arrangements: {file: await loadArrangements(DEMO_ARRANGEMENTS), path: 'fixtures/demo/arrangements.yaml'}}
      : {}),
  })
  return {assessment, policies, dependencies, now}
}
