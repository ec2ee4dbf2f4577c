/**
 * ARM templates and Bicep builds, from Bicep's own samples and decompiler test data
 * (fixtures/import/real/azure/README.md): both resource layouts, copy loops, nested children,
 * nested deployments, and dependsOn in each of its spellings.
 */
import {describe, expect, it} from 'vitest'
import {evaluateString, ResourceRef, type Scope, text, Unknown} from '../../src/importers/arm/expressions.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {byId, real} from './helpers.js'

const idOf = (file: string, type: string, name: string) => `azure:${type}:${file}#${name}`

describe('a Bicep build, classic layout and symbolic names (languageVersion 2.0)', async () => {
  const classic = real('azure/bicep-1vm-2nics.json')
  const symbolic = real('azure/bicep-1vm-2nics.symbolicnames.json')
  const [a, b] = await Promise.all([importFilesDetailed([classic]), importFilesDetailed([symbolic])])

  it('is detected as a Bicep build and says which layout it has', () => {
    expect(a.files[0]).toMatchObject({format: 'arm-template', detail: 'Bicep build', resources: 8})
    expect(b.files[0]).toMatchObject({detail: 'Bicep build, symbolic names (languageVersion 2.0)', resources: 8})
  })

  it('turns resourceId(…) dependsOn (classic) and symbolic-name dependsOn (2.0) into the same edges', () => {
    const edges = (file: string, snapshot: typeof a.snapshot) =>
      new Set(byId(snapshot, idOf(file, 'microsoft.network/networkinterfaces', 'nic-1')).dependsOn)
    const expected = (file: string) =>
      new Set([
        idOf(file, 'microsoft.network/networksecuritygroups', 'NSG'),
        idOf(file, 'microsoft.network/publicipaddresses', 'publicIp'),
        idOf(file, 'microsoft.network/virtualnetworks', 'virtualNetwork'),
      ])
    expect(edges(classic, a.snapshot)).toEqual(expected(classic))
    expect(edges(symbolic, b.snapshot)).toEqual(expected(symbolic))
  })

  it('names resources from parameter defaults and variables, keeping what only a deployment knows visible', () => {
    expect(byId(a.snapshot, idOf(classic, 'microsoft.compute/virtualmachines', 'VM-MultiNic')).attributes).toMatchObject({
      vmSize: 'Standard_DS1_v2',
    })
    const storage = a.snapshot.resources.find((r) => r.type === 'microsoft.storage/storageaccounts')!
    expect(storage.name).toBe('diags[uniqueString(resourceGroup().id)]')
  })
})

describe('copy loops', async () => {
  const classic = real('azure/bicep-vm-copy-managed-disks.json')
  const symbolic = real('azure/bicep-vm-copy-managed-disks.symbolicnames.json')
  const [a, b] = await Promise.all([importFilesDetailed([classic]), importFilesDetailed([symbolic])])

  it('expand to their count, from `length(range(0, parameters(…)))` and the parameter’s default', () => {
    for (const {snapshot} of [a, b]) {
      const vms = snapshot.resources.filter((r) => r.type === 'microsoft.compute/virtualmachines').map((r) => r.name)
      expect(vms).toEqual(['MyVM01', 'MyVM02', 'MyVM03'])
      expect(snapshot.resources.filter((r) => r.type === 'microsoft.network/networkinterfaces')).toHaveLength(3)
    }
  })

  it('resolve a dependsOn built with split(format(…)) to the subnet, and a symbolic one likewise', () => {
    expect(byId(a.snapshot, idOf(classic, 'microsoft.network/networkinterfaces', 'MyVM02-NIC1')).dependsOn).toEqual([
      idOf(classic, 'microsoft.network/virtualnetworks/subnets', 'myVNET/Subnet1'),
    ])
    expect(byId(b.snapshot, idOf(symbolic, 'microsoft.network/networkinterfaces', 'MyVM02-NIC1')).dependsOn).toEqual([
      idOf(symbolic, 'microsoft.network/virtualnetworks/subnets', 'myVNET/Subnet1'),
    ])
  })
})

describe('nested child resources, type/name dependsOn and nested deployments (a portal-exported Synapse template)', async () => {
  const file = real('azure/arm-synapse-workspace.json')
  const {snapshot, files} = await importFilesDetailed([file])
  const workspace = idOf(file, 'microsoft.synapse/workspaces', "\u27e8parameters('name')\u27e9")

  it('counts a child nested in its parent with its full type, depending on the parent', () => {
    expect(
      byId(snapshot, idOf(file, 'microsoft.synapse/workspaces/firewallrules', "\u27e8parameters('name')\u27e9/allowAll")),
    ).toMatchObject({
      name: "[parameters('name')]/allowAll",
      dependsOn: [workspace],
    })
  })

  it("resolves dependsOn written as concat('Type/', name) to the resource of that type and name", () => {
    expect(byId(snapshot, workspace).dependsOn).toContain(
      idOf(file, 'microsoft.storage/storageaccounts', "\u27e8parameters('defaultDataLakeStorageAccountName')\u27e9"),
    )
  })

  it('reads the resources of inline nested deployments, which inherit the deployment’s dependsOn', () => {
    expect(files[0]!.skipped).toMatchObject({'nested deployments (their resources are read)': 3})
    const inner = snapshot.resources.filter((r) => r.id.includes('#StorageRoleDeploymentResource/'))
    expect(inner).toHaveLength(2)
    for (const resource of inner) expect(resource.dependsOn).toContain(workspace)
  })

  it('says which resources are conditional rather than dropping them', () => {
    expect(files[0]!.warnings).toContain('4 resources are deployed only under a condition; they are counted as if deployed.')
  })
})

describe('ARM expressions', () => {
  const scope = (parameters: Record<string, unknown> = {}, loop?: number): Scope => ({
    parameter: (name) => (name in parameters ? (parameters[name] as never) : new Unknown(`parameters('${name}')`)),
    variable: (name) => new Unknown(`variables('${name}')`),
    copyIndex: () => loop,
  })

  it('evaluate what a template alone knows', () => {
    expect(evaluateString("[concat(parameters('p'), '-vnet')]", scope({p: 'prod'}))).toBe('prod-vnet')
    expect(evaluateString("[format('{0}{1}', 'vm', add(copyIndex(), 1))]", scope({}, 4))).toBe('vm5')
    expect(evaluateString("[length(range(0, parameters('n')))]", scope({n: 3}))).toBe(3)
    expect(evaluateString("[split('a/b', '/')[1]]", scope())).toBe('b')
    expect(evaluateString("[toLower('AbC')]", scope())).toBe('abc')
    expect(evaluateString("[if(equals(parameters('x'), 'y'), 'one', 'two')]", scope({x: 'y'}))).toBe('one')
    expect(evaluateString('[[not an expression]', scope())).toBe('[not an expression]')
  })

  it('keep what only a deployment knows as the same marked text wherever it appears', () => {
    const a = evaluateString("[concat('diag', uniqueString(resourceGroup().id))]", scope())
    const b = evaluateString("[concat('diag',uniqueString( resourceGroup().id ))]", scope())
    expect(a).toBe(b)
    expect(text(a)).toBe('diag\u27e8uniqueString(resourceGroup().id)\u27e9')
  })

  it('read resourceId with and without subscription and group arguments', () => {
    const ref = evaluateString("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'a')]", scope()) as ResourceRef
    expect(ref).toBeInstanceOf(ResourceRef)
    expect([ref.type, ref.names]).toEqual(['Microsoft.Network/virtualNetworks/subnets', ['vnet', 'a']])
    const scoped = evaluateString("[resourceId('sub', 'rg', 'Microsoft.Storage/storageAccounts', 'st')]", scope()) as ResourceRef
    expect([scoped.type, scoped.names]).toEqual(['Microsoft.Storage/storageAccounts', ['st']])
  })

  it('leave an unreadable expression unknown instead of failing', () => {
    expect(evaluateString("[concat('a', ]", scope())).toBeInstanceOf(Unknown)
    expect(evaluateString('[range(0, 100000000)]', scope())).toBeInstanceOf(Unknown)
  })
})
