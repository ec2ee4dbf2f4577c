import type {ResourceInput} from '../inventory/model.js'
import {hex, pick} from '../util/random.js'
import {type App, AZ_ANALYTICS, AZ_CORP, type DemoContext} from './context.js'

/** A resource group: subscription, group, location, and the tags of its application. */
interface Group {
  sub: string
  rg: string
  location: string
  tags: Record<string, string>
}

/** Azure: office IT and the broker portal in one subscription, customer analytics in another. */
export function addAzure({random, push, tagsFor}: DemoContext): void {
  // ---------- Azure ----------
  const azureId = (group: Group, provider: string, kind: string, name: string) =>
    `/subscriptions/${group.sub}/resourceGroups/${group.rg}/providers/${provider}/${kind}/${name}`
  const azure = (group: Group, type: string, id: string, name: string, extra: Partial<ResourceInput> = {}) =>
    push(`azure/${group.sub}`, {
      id,
      provider: 'azure',
      type,
      name,
      account: group.sub,
      region: group.location,
      tags: group.tags,
      ...extra,
      attributes: {resourceGroup: group.rg, ...extra.attributes},
    })

  const office: App = {app: 'office-it', owner: 'workplace@nordwind.example', costCenter: 'CC-1200', classification: 'internal'}
  const broker: App = {
    app: 'broker-portal',
    owner: 'broker-channel@nordwind.example',
    costCenter: 'CC-4300',
    critical: true,
    exitPlan: true,
    classification: 'confidential',
  }
  const analytics: App = {
    app: 'customer-analytics',
    owner: 'data-office@nordwind.example',
    costCenter: 'CC-7100',
    classification: 'confidential',
  }
  {
    const sub = AZ_CORP
    const loc = 'germanywestcentral'
    const rg = 'rg-office-prod'
    const tags = tagsFor(office)
    const group: Group = {sub, rg, location: loc, tags}
    const vnet = azure(
      group,
      'microsoft.network/virtualnetworks',
      azureId(group, 'Microsoft.Network', 'virtualNetworks', 'vnet-office-gwc'),
      'vnet-office-gwc',
    )
    const subnet = `${vnet}/subnets/snet-servers`
    azure(group, 'microsoft.network/virtualnetworks/subnets', subnet, 'snet-servers', {dependsOn: [vnet]})
    const nsg = azure(
      group,
      'microsoft.network/networksecuritygroups',
      azureId(group, 'Microsoft.Network', 'networkSecurityGroups', 'nsg-servers'),
      'nsg-servers',
    )
    for (const [i, role] of [
      'dc01',
      'dc02',
      'file01',
      'file02',
      'print01',
      'sccm01',
      'rds01',
      'rds02',
      'rds03',
      'rds04',
      'ctx01',
      'ctx02',
      'ctx03',
      'av01',
      'backup01',
      'wsus01',
      'jump01',
      'dms01',
      'dms02',
    ].entries()) {
      const name = `vm-${role}`
      const disk = azure(
        group,
        'microsoft.compute/disks',
        azureId(group, 'Microsoft.Compute', 'disks', `${name}_OsDisk_1_${hex(random, 32)}`),
        `${name}-osdisk`,
        {sizeGiB: 128},
      )
      const dataDisk =
        role.startsWith('file') || role.startsWith('dms')
          ? [
              azure(
                group,
                'microsoft.compute/disks',
                azureId(group, 'Microsoft.Compute', 'disks', `${name}-data-01`),
                `${name}-data-01`,
                {sizeGiB: 1024},
              ),
            ]
          : []
      const nic = azure(
        group,
        'microsoft.network/networkinterfaces',
        azureId(group, 'Microsoft.Network', 'networkInterfaces', `${name}-nic`),
        `${name}-nic`,
        {
          attributes: {subnetId: subnet},
          dependsOn: [subnet, nsg],
        },
      )
      azure(group, 'microsoft.compute/virtualmachines', azureId(group, 'Microsoft.Compute', 'virtualMachines', name), name, {
        attributes: {
          vmSize: pick(random, ['Standard_D4s_v5', 'Standard_E4s_v5', 'Standard_D2s_v5']),
          osType: i < 16 ? 'Windows' : 'Linux',
          nicIds: [nic],
          diskIds: [disk, ...dataDisk],
        },
        dependsOn: [nic, disk, ...dataDisk],
      })
    }
    const kv = azure(
      group,
      'microsoft.keyvault/vaults',
      azureId(group, 'Microsoft.KeyVault', 'vaults', 'kv-nordwind-office'),
      'kv-nordwind-office',
    )
    azure(
      group,
      'microsoft.storage/storageaccounts',
      azureId(group, 'Microsoft.Storage', 'storageAccounts', 'stnwofficeprofiles'),
      'stnwofficeprofiles',
      {attributes: {kind: 'StorageV2', sku: 'Standard_ZRS'}, sizeGiB: 3_400},
    )
    azure(
      group,
      'microsoft.recoveryservices/vaults',
      azureId(group, 'Microsoft.RecoveryServices', 'vaults', 'rsv-office'),
      'rsv-office',
      {sizeGiB: 6_200},
    )
    azure(
      {...group, location: 'westeurope'},
      'microsoft.insights/components',
      azureId(group, 'Microsoft.Insights', 'components', 'appi-intranet'),
      'appi-intranet',
    )
    azure(
      group,
      'microsoft.operationalinsights/workspaces',
      azureId(group, 'Microsoft.OperationalInsights', 'workspaces', 'log-nordwind-central'),
      'log-nordwind-central',
      {sizeGiB: 540},
    )
    azure(
      group,
      'microsoft.automation/automationaccounts',
      azureId(group, 'Microsoft.Automation', 'automationAccounts', 'aa-office-runbooks'),
      'aa-office-runbooks',
      {dependsOn: [kv]},
    )

    // The broker portal: App Service, Functions, Azure SQL, Service Bus, Cosmos DB.
    const brg = 'rg-broker-portal-prod'
    const btags = tagsFor(broker)
    const brokerGroup: Group = {sub, rg: brg, location: 'westeurope', tags: btags}
    const plan = azure(
      brokerGroup,
      'microsoft.web/serverfarms',
      azureId(brokerGroup, 'Microsoft.Web', 'serverfarms', 'asp-broker-prod'),
      'asp-broker-prod',
      {attributes: {sku: 'P1v3', kind: 'linux'}},
    )
    const sql = azure(
      brokerGroup,
      'microsoft.sql/servers',
      azureId(brokerGroup, 'Microsoft.Sql', 'servers', 'sql-broker-prod'),
      'sql-broker-prod',
    )
    const sqldb = azure(brokerGroup, 'microsoft.sql/servers/databases', `${sql}/databases/brokerdb`, 'brokerdb', {
      sizeGiB: 250,
      dependsOn: [sql],
    })
    const sb = azure(
      brokerGroup,
      'microsoft.servicebus/namespaces',
      azureId(brokerGroup, 'Microsoft.ServiceBus', 'namespaces', 'sb-broker-prod'),
      'sb-broker-prod',
    )
    const cosmos = azure(
      brokerGroup,
      'microsoft.documentdb/databaseaccounts',
      azureId(brokerGroup, 'Microsoft.DocumentDB', 'databaseAccounts', 'cosmos-broker-quotes'),
      'cosmos-broker-quotes',
      {attributes: {kind: 'GlobalDocumentDB'}, sizeGiB: 95},
    )
    const bkv = azure(
      brokerGroup,
      'microsoft.keyvault/vaults',
      azureId(brokerGroup, 'Microsoft.KeyVault', 'vaults', 'kv-broker-prod'),
      'kv-broker-prod',
    )
    for (const q of ['quotes', 'documents', 'commissions'])
      azure(brokerGroup, 'microsoft.servicebus/namespaces/queues', `${sb}/queues/${q}`, q, {dependsOn: [sb]})
    for (const app of ['broker-web', 'broker-api', 'broker-admin'])
      azure(brokerGroup, 'microsoft.web/sites', azureId(brokerGroup, 'Microsoft.Web', 'sites', `app-${app}`), `app-${app}`, {
        attributes: {kind: 'app,linux,container', serverFarmId: plan},
        dependsOn: [plan, sqldb, bkv, ...(app === 'broker-api' ? [sb, cosmos] : [])],
      })
    for (const fn of ['quote-calc', 'commission-run', 'doc-render', 'partner-sync'])
      azure(brokerGroup, 'microsoft.web/sites', azureId(brokerGroup, 'Microsoft.Web', 'sites', `func-${fn}`), `func-${fn}`, {
        attributes: {kind: 'functionapp,linux', serverFarmId: plan},
        dependsOn: [plan, sb, cosmos],
      })
    azure(
      brokerGroup,
      'microsoft.network/frontdoors',
      azureId(brokerGroup, 'Microsoft.Network', 'frontDoors', 'fd-broker'),
      'fd-broker',
    )
    azure(
      brokerGroup,
      'microsoft.network/dnszones',
      azureId(brokerGroup, 'Microsoft.Network', 'dnszones', 'broker.nordwind.example'),
      'broker.nordwind.example',
    )
    azure(
      brokerGroup,
      'nordwind.mainframe/connectors',
      azureId(brokerGroup, 'Nordwind.Mainframe', 'connectors', 'mf-broker-bridge'),
      'mf-broker-bridge',
    )

    // The AKS platform shared by internal tools.
    const prg = 'rg-platform-aks'
    const ptags = tagsFor({
      app: 'platform',
      owner: 'platform@nordwind.example',
      costCenter: 'CC-1300',
      classification: 'internal',
    })
    const platformGroup: Group = {sub, rg: prg, location: loc, tags: ptags}
    const acr = azure(
      platformGroup,
      'microsoft.containerregistry/registries',
      azureId(platformGroup, 'Microsoft.ContainerRegistry', 'registries', 'acrnordwind'),
      'acrnordwind',
      {sizeGiB: 310},
    )
    azure(
      platformGroup,
      'microsoft.containerservice/managedclusters',
      azureId(platformGroup, 'Microsoft.ContainerService', 'managedClusters', 'aks-platform-gwc'),
      'aks-platform-gwc',
      {dependsOn: [acr, vnet]},
    )
    azure(
      platformGroup,
      'microsoft.dbforpostgresql/flexibleservers',
      azureId(platformGroup, 'Microsoft.DBforPostgreSQL', 'flexibleServers', 'psql-platform'),
      'psql-platform',
      {sizeGiB: 128},
    )
    azure(
      platformGroup,
      'microsoft.cache/redis',
      azureId(platformGroup, 'Microsoft.Cache', 'Redis', 'redis-platform'),
      'redis-platform',
    )
  }
  {
    const sub = AZ_ANALYTICS
    const rg = 'rg-customer-analytics'
    const loc = 'westeurope'
    const tags = tagsFor(analytics)
    const group: Group = {sub, rg, location: loc, tags}
    const lake = azure(
      group,
      'microsoft.storage/storageaccounts',
      azureId(group, 'Microsoft.Storage', 'storageAccounts', 'dlsnwcustomer'),
      'dlsnwcustomer',
      {attributes: {kind: 'StorageV2', isHnsEnabled: true}, sizeGiB: 12_800},
    )
    const syn = azure(
      group,
      'microsoft.synapse/workspaces',
      azureId(group, 'Microsoft.Synapse', 'workspaces', 'syn-customer'),
      'syn-customer',
      {dependsOn: [lake]},
    )
    azure(group, 'microsoft.synapse/workspaces/sqlpools', `${syn}/sqlPools/dwh`, 'dwh', {
      sizeGiB: 2_200,
      dependsOn: [syn],
    })
    azure(
      group,
      'microsoft.datafactory/factories',
      azureId(group, 'Microsoft.DataFactory', 'factories', 'adf-customer-ingest'),
      'adf-customer-ingest',
      {dependsOn: [lake]},
    )
    azure(
      group,
      'microsoft.databricks/workspaces',
      azureId(group, 'Microsoft.Databricks', 'workspaces', 'dbw-actuarial'),
      'dbw-actuarial',
      {dependsOn: [lake]},
    )
    azure(
      group,
      'microsoft.eventhub/namespaces',
      azureId(group, 'Microsoft.EventHub', 'namespaces', 'evh-clickstream'),
      'evh-clickstream',
      {attributes: {kafkaEnabled: true}},
    )
    azure(
      {...group, location: 'swedencentral'},
      'microsoft.cognitiveservices/accounts',
      azureId(group, 'Microsoft.CognitiveServices', 'accounts', 'oai-claims-assistant'),
      'oai-claims-assistant',
      {attributes: {kind: 'OpenAI'}},
    )
    azure(
      group,
      'microsoft.search/searchservices',
      azureId(group, 'Microsoft.Search', 'searchServices', 'srch-policies'),
      'srch-policies',
      {sizeGiB: 40},
    )
    azure(
      group,
      'microsoft.machinelearningservices/workspaces',
      azureId(group, 'Microsoft.MachineLearningServices', 'workspaces', 'mlw-churn'),
      'mlw-churn',
    )
  }
}
