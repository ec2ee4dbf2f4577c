import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {NDJSON_DEFAULT_ABOVE, readSnapshot, snapshotTarget} from '../../src/inventory/snapshot.js'
import {runCli, tempDir} from '../helpers/cli.js'

/** An `aws resourcegroupstaggingapi get-resources` export of `count` buckets. */
function awsExport(dir: string, count: number): string {
  const file = join(dir, 'aws.json')
  const list = Array.from({length: count}, (_, i) => ({
    ResourceARN: `arn:aws:s3:::bucket-${i}`,
    Tags: [{Key: 'app', Value: 'x'}],
  }))
  writeFileSync(file, JSON.stringify({ResourceTagMappingList: list}))
  return file
}

describe('the default snapshot file by size', () => {
  it('is inventory.json up to the limit, inventory.ndjson above it with a sentence saying so, and what the user names otherwise', () => {
    expect(snapshotTarget(undefined, NDJSON_DEFAULT_ABOVE)).toEqual({file: 'inventory.json'})
    const large = snapshotTarget(undefined, NDJSON_DEFAULT_ABOVE + 1)
    expect(large.file).toBe('inventory.ndjson')
    expect(large.note).toMatch(/100,001 resources are above 100,000, so the snapshot is written as NDJSON to inventory\.ndjson/)
    expect(snapshotTarget('big.json', 5_000_000)).toEqual({file: 'big.json'})
  })

  it('import without --out writes a large estate as NDJSON and says so; a small one stays JSON', async () => {
    const dir = tempDir()
    const large = runCli(['import', awsExport(dir, NDJSON_DEFAULT_ABOVE + 1)], {cwd: dir})
    expect(large.status).toBe(0)
    expect(large.stdout).toMatch(/Wrote inventory\.ndjson: 100001 resources/)
    expect(large.stdout).toMatch(/written as NDJSON to inventory\.ndjson \(pass --out inventory\.json for JSON\)/)
    expect(existsSync(join(dir, 'inventory.json'))).toBe(false)
    expect((await readSnapshot(join(dir, 'inventory.ndjson'))).resources).toHaveLength(NDJSON_DEFAULT_ABOVE + 1)
    // Asked for by name, JSON it is, at any size.
    const named = runCli(['import', join(dir, 'aws.json'), '--out', 'named.json', '--json'], {cwd: dir})
    expect(named.status).toBe(0)
    expect(JSON.parse(named.stdout).note).toBeUndefined()
    expect(JSON.parse(readFileSync(join(dir, 'named.json'), 'utf8')).resources).toHaveLength(NDJSON_DEFAULT_ABOVE + 1)
    const small = runCli(['import', awsExport(tempDir(), 3)], {cwd: dir})
    expect(small.status).toBe(0)
    expect(small.stdout).toMatch(/Wrote inventory\.json: 3 resources/)
    expect(small.stdout).not.toMatch(/NDJSON/)
  }, 120_000)
})
