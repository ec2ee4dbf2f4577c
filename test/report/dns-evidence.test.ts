import {describe, expect, it} from 'vitest'
import {SNAPSHOT_SCHEMA_ID} from '../../src/inventory/model.js'
import {renderHtml} from '../../src/report/html.js'
import {renderMarkdown} from '../../src/report/markdown.js'
import {reportData} from './fixture.js'

describe('SaaS found from DNS in the report', () => {
  it('lists each service with the records that showed it, in Markdown and HTML', async () => {
    const data = await reportData({
      hostile: false,
      snapshot: {
        schema: SNAPSHOT_SCHEMA_ID,
        createdAt: '2026-11-28T12:00:00.000Z',
        sources: [{provider: 'saas', scope: 'contoso.zone', status: 'complete', count: 1}],
        resources: [
          {
            id: 'saas:microsoft-365/exchange-online:dns:contoso.com',
            provider: 'saas',
            type: 'saas:microsoft-365/exchange-online',
            name: 'Exchange Online (contoso.com)',
            tags: {},
            attributes: {
              domain: 'contoso.com',
              evidence: [
                {name: 'contoso.com', type: 'MX', value: 'contoso-com.mail.protection.outlook.com', where: 'contoso.zone:3'},
              ],
            },
            source: 'dns:contoso.zone',
          },
        ],
      },
    })
    const resource = data.assessment.resources.find((r) => r.type === 'saas:microsoft-365/exchange-online')
    expect(resource?.evidence).toEqual(['MX contoso.com → contoso-com.mail.protection.outlook.com (contoso.zone:3)'])
    const md = [...renderMarkdown(data)].join('')
    expect(md).toMatch(/### SaaS found from DNS/)
    expect(md).toMatch(
      /microsoft-365\/exchange-online \| Exchange Online \(contoso\.com\) \| MX contoso\.com → contoso-com\.mail\.protection\.outlook\.com/,
    )
    const html = [...renderHtml(data)].join('')
    expect(html).toMatch(/<h3>SaaS found from DNS<\/h3>/)
    expect(html).toMatch(/MX contoso\.com → contoso-com\.mail\.protection\.outlook\.com/)
  })

  it('has no such section when nothing was found from DNS', async () => {
    const md = [...renderMarkdown(await reportData({hostile: false}))].join('')
    expect(md).not.toMatch(/SaaS found from DNS/)
  })
})
