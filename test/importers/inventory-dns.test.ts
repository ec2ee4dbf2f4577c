import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {readInventoryYaml} from '../../src/importers/inventory-yaml.js'

describe('the manual inventory’s dns section', () => {
  it('adds the SaaS its records reveal, with the record as evidence', async () => {
    const catalog = await loadCatalog()
    const text = `apiVersion: exitready.dev/v1
kind: Inventory
resources:
  - service: slack
dns:
  - domain: contoso.com
    records:
      - {name: '@', type: MX, value: '0 contoso-com.mail.protection.outlook.com.'}
      - {name: '@', type: TXT, value: 'v=spf1 include:spf.protection.outlook.com -all'}
`
    const read = await readInventoryYaml(text, 'saas.yaml', 'inventory:saas.yaml', catalog)
    const types = read.resources.map((r) => r.type)
    expect(types).toContain('saas:slack/slack')
    const m365 = read.resources.find((r) => r.type !== 'saas:slack/slack')
    expect(m365?.type).toMatch(/^saas:microsoft-365\//)
    expect(JSON.stringify(m365?.attributes)).toMatch(/mail\.protection\.outlook\.com/)
    expect(read.warnings.join(' ')).toMatch(/^DNS: 2 records read/)
  })
})
