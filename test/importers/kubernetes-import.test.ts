import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {importFilesDetailed} from '../../src/importers/index.js'
import {KUBERNETES_PLAIN_LABEL} from '../../src/importers/kubernetes.js'
import {renderImportSummary, runImport} from '../../src/jobs/import.js'
import {tempDir} from '../helpers/cli.js'
import {byId, fixture} from './helpers.js'

describe('exitready import of Kubernetes manifests', () => {
  it('detects manifests and kubectl JSON, and the summary says how many objects were read and how many are cloud-coupled', async () => {
    const out = join(tempDir(), 'inventory.json')
    const result = await runImport({
      files: [fixture('real/kubernetes/alb-2048-full.yaml'), fixture('real/kubernetes/converted-kubectl-list.json')],
      out,
    })
    expect(result.files.map((f) => [f.format, f.detail, f.resources])).toEqual([
      ['kubernetes', 'Kubernetes manifests (YAML, 4 documents): 4 objects read, 1 cloud-coupled', 1],
      ['kubernetes', 'Kubernetes manifests (JSON): 8 objects read, 5 cloud-coupled', 4],
    ])
    expect(result.files[0]!.skipped).toEqual({[KUBERNETES_PLAIN_LABEL]: 3})
    const summary = renderImportSummary(result)
    expect(summary).toContain(
      'alb-2048-full.yaml [kubernetes: Kubernetes manifests (YAML, 4 documents): 4 objects read, 1 cloud-coupled]: 1 resources (aws 1)',
    )
    expect(summary).toContain(`skipped: ${KUBERNETES_PLAIN_LABEL} 3`)
  })

  it('the same bucket from an operator’s manifest and a Terraform state is one resource seen by both', async () => {
    // ACK's sample Bucket (s3-controller test/e2e/resources/bucket.yaml) naming a bucket the driftctl state manages.
    const manifest = join(tempDir(), 'buckets.yaml')
    writeFileSync(
      manifest,
      'apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: bucket-martin-test-drift\nspec:\n  name: bucket-martin-test-drift\n',
    )
    const {snapshot, duplicatesMerged} = await importFilesDetailed([
      fixture('terraform/real/driftctl-aws_s3_full.tfstate'),
      manifest,
    ])
    expect(duplicatesMerged).toBe(1)
    const bucket = byId(snapshot, 'arn:aws:s3:::bucket-martin-test-drift')
    expect(bucket.type).toBe('AWS::S3::Bucket')
    expect(bucket.seenBy).toEqual(['terraform-state:driftctl-aws_s3_full.tfstate', 'kubernetes:buckets.yaml'])
  })

  it('--format kubernetes reads a YAML file whose kind line detection would miss', async () => {
    const file = join(tempDir(), 'pv.yml')
    writeFileSync(
      file,
      '---\n"apiVersion": v1\n"kind": PersistentVolume\nmetadata: {name: pv}\nspec: {csi: {driver: ebs.csi.aws.com, volumeHandle: vol-0abc}}\n',
    )
    await expect(importFilesDetailed([file])).rejects.toThrow(/the format cannot be recognised|not JSON/)
    const {files} = await importFilesDetailed([file], {format: 'kubernetes'})
    expect(files[0]).toMatchObject({format: 'kubernetes', resources: 1})
  })
})
