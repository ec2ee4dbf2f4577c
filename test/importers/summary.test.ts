import {describe, expect, it} from 'vitest'
import {type ImportJobResult, renderImportSummary} from '../../src/jobs/import.js'

describe('import summary for people', () => {
  it('lists each file with its resources per provider, what was skipped, what is incomplete, and the unmapped types', () => {
    const result: ImportJobResult = {
      out: 'inventory.json',
      resources: 51,
      duplicatesMerged: 3,
      byProvider: {aws: 30, hetzner: 21},
      skipped: {'data sources': 4},
      unmapped: {aws_s3_bucket_versioning: 2, aws_future_widget: 1},
      files: [
        {
          file: 'prod.tfstate',
          format: 'terraform-state',
          detail: 'state v4, written by 1.9.5',
          resources: 48,
          byProvider: {aws: 27, hetzner: 21},
          skipped: {'data sources': 4},
          unmapped: {aws_s3_bucket_versioning: 2, aws_future_widget: 1},
          unknownProviders: {},
          warnings: ['Skipped: data sources ×4.'],
          status: 'complete',
        },
        {
          file: 'page-1.json',
          format: 'az-graph',
          detail: 'az graph query, paged',
          resources: 6,
          byProvider: {azure: 6},
          skipped: {},
          unmapped: {},
          unknownProviders: {},
          warnings: ['2 rows without an "id" and a "type" were left out.'],
          status: 'partial',
          incomplete: 'this is one page of 900 rows',
        },
      ],
    }
    expect(renderImportSummary(result).split('\n')).toEqual([
      'prod.tfstate [terraform-state: state v4, written by 1.9.5]: 48 resources (aws 27, hetzner 21)',
      '  skipped: data sources 4',
      'page-1.json [az-graph: az graph query, paged]: 6 resources (azure 6)',
      '  incomplete: this is one page of 900 rows',
      '  note: 2 rows without an "id" and a "type" were left out.',
      'Unmapped: 3 resources of types the catalog does not know (kept): aws_s3_bucket_versioning 2, aws_future_widget 1',
      'Wrote inventory.json: 51 resources, 3 listed by more than one file and merged (aws 30, hetzner 21).',
    ])
  })
})
