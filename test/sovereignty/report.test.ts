import {beforeAll, describe, expect, it} from 'vitest'
import type {Assessment} from '../../src/assessment/schema.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {evaluateEstate} from '../../src/jobs/pipeline.js'
import {mdCell} from '../../src/report/markdown.js'
import {sealText, sovereigntyBlocks, sovereigntyHtml, sovereigntyMarkdown} from '../../src/report/sovereignty.js'

const HOSTILE = '<img src=x onerror=alert(1)>|**bold**'
let assessment: Assessment

beforeAll(async () => {
  const catalog = await loadCatalog()
  assessment = evaluateEstate(
    {
      schema: 'exitready/inventory@1',
      createdAt: '2026-12-02T10:00:00Z',
      sources: [],
      resources: [
        {
          id: 'arn:aws:s3:::b1',
          name: HOSTILE,
          provider: 'aws',
          type: 'AWS::S3::Bucket',
          region: 'eu-central-1',
          tags: {},
          source: 't',
        },
        {id: 'scaleway:bucket:b2', provider: 'scaleway', type: 'scaleway:object-bucket', region: 'fr-par', tags: {}, source: 't'},
      ],
    },
    catalog,
    [],
    {now: new Date('2026-12-02T10:00:00Z')},
  ).assessment
})

describe('the sovereignty section', () => {
  it('names all eight objectives with their weights, the weakest link, what would raise it, and the basis of each level', () => {
    const md = sovereigntyMarkdown(assessment, mdCell)
    for (const [id, weight] of Object.entries({
      'SOV-1': 15,
      'SOV-2': 10,
      'SOV-3': 10,
      'SOV-4': 15,
      'SOV-5': 20,
      'SOV-6': 15,
      'SOV-7': 10,
      'SOV-8': 5,
    }))
      expect(md).toMatch(new RegExp(`\\| ${id} \\| [^|]+ \\| ${weight}% \\|`))
    expect(md).toMatch(/### What would raise it/)
    expect(md).toMatch(/\| Object storage \| SEAL-1 \| SEAL-3 \| S3 bucket \(aws\) \| 1 \|/)
    expect(md).toMatch(/third-party estimate/)
    expect(md).toMatch(/EUCS[^;]*NOT ADOPTED/)
    expect(md).toMatch(/not audits and not official/)
  })

  it('escapes resource names in HTML and Markdown', () => {
    const html = sovereigntyHtml(assessment)
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    const md = sovereigntyMarkdown(assessment, mdCell)
    expect(md).not.toContain('<img')
    expect(md).not.toMatch(/[^\\]\|\*\*bold/)
  })

  it('says so when there is no sovereignty data rather than showing a score', () => {
    const {sovereignty: _s, ...without} = assessment
    expect(sovereigntyBlocks(without as Assessment)).toEqual([expect.objectContaining({note: true})])
  })

  it('writes a ceiling as ≤ and an unknown level as unknown', () => {
    expect(sealText({seal: 1, bound: 'at-most'})).toBe('≤ SEAL-1')
    expect(sealText({seal: 3, bound: 'exact'})).toBe('SEAL-3')
    expect(sealText({seal: null, bound: 'at-most'})).toBe('unknown')
  })
})
