import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {ExitreadyError} from '../../src/errors.js'
import {readKubernetes} from '../../src/importers/kubernetes.js'
import {fixture} from './helpers.js'

const catalog = await loadCatalog()
const MARKER = 'zq-secret-marker'
// Real manifests, with a marker where a secret would sit (a ConfigMap value and an annotation).
const seeded = [
  readFileSync(fixture('real/kubernetes/alb-2048-full.yaml'), 'utf8'),
  readFileSync(fixture('real/kubernetes/eso-aws-irsa.yaml'), 'utf8'),
  readFileSync(fixture('real/kubernetes/aso-storage.yaml'), 'utf8'),
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  annotations:\n    note: ${MARKER}\ndata:\n  password: "${MARKER}"\n`,
].join('\n---\n')

function check(text: string): void {
  try {
    const result = readKubernetes({text}, 'manifests.yaml', 'kubernetes:manifests.yaml', catalog)
    expect(result.objects).toBeGreaterThanOrEqual(0)
    expect(JSON.stringify(result.warnings)).not.toContain(MARKER)
    expect(JSON.stringify(result.resources)).not.toContain(MARKER)
  } catch (error) {
    expect(error).toBeInstanceOf(ExitreadyError)
    expect((error as ExitreadyError).exitCode).toBe(2)
    const message = (error as Error).message
    expect(message).toMatch(/^manifests\.yaml:\d+:\d+: /)
    expect(message).not.toContain(MARKER)
    expect((error as ExitreadyError).suggestion ?? '').not.toContain(MARKER)
  }
}

describe('manifest reader under random and mutated input', () => {
  it('mutated real manifests give a result or exit 2 at file:line:column, never a crash or content', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: seeded.length - 1}),
        fc.string({unit: fc.constantFrom(...': -[]{}&*!|>\'"#\n\t%@`,?-.'.split('')), maxLength: 5}),
        fc.integer({min: 0, max: 6}),
        (at, insert, cut) => check(`${seeded.slice(0, at)}${insert}${seeded.slice(at + cut)}`),
      ),
      {numRuns: 300},
    )
  })

  it('random YAML-like text gives a result or exit 2 with a position', () => {
    const line = fc.stringMatching(/^[ a-zA-Z0-9:\-[\]{}&*!|>'"#%@,?./]{0,30}$/)
    fc.assert(
      fc.property(fc.array(line, {maxLength: 25}), (lines) => check(`apiVersion: v1\nkind: X\n${lines.join('\n')}`)),
      {numRuns: 400},
    )
  })

  it('random JSON lists of objects of any shape never crash the coupling rules', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        {depthSize: 'small'},
        fc.string({maxLength: 8}),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), {maxLength: 3}),
        fc.dictionary(
          fc.constantFrom('spec', 'status', 'metadata', 'name', 'annotations', 'csi', 'provider', 'aws', 'type', 'items'),
          tie('node'),
          {maxKeys: 4},
        ),
      ),
    })).node
    const kinds = [
      'PersistentVolume',
      'PersistentVolumeClaim',
      'StorageClass',
      'Service',
      'Ingress',
      'ServiceAccount',
      'SecretStore',
      'Bucket',
      'StorageAccount',
      'List',
    ]
    const groups = [
      'v1',
      'storage.k8s.io/v1',
      'networking.k8s.io/v1',
      'external-secrets.io/v1',
      's3.services.k8s.aws/v1alpha1',
      'storage.azure.com/v1',
      'storage.cnrm.cloud.google.com/v1beta1',
      's3.aws.upbound.io/v1beta1',
    ]
    const object = fc.record({
      apiVersion: fc.constantFrom(...groups),
      kind: fc.constantFrom(...kinds),
      metadata: value,
      spec: value,
      status: value,
      items: value,
    })
    fc.assert(
      fc.property(fc.array(object, {maxLength: 8}), (items) => {
        const result = readKubernetes(
          {data: {apiVersion: 'v1', kind: 'List', items}},
          'list.json',
          'kubernetes:list.json',
          catalog,
        )
        expect(result.objects).toBeLessThanOrEqual(items.length * 50)
      }),
      {numRuns: 300},
    )
  })
})
