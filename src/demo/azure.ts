import type {ResourceInput} from '../inventory/model.js'
import {hex, pick} from '../util/random.js'
import {type App, AZ_ANALYTICS, AZ_CORP, type DemoContext} from './context.js'

/** Azure: office IT and the broker portal in one subscription, customer analytics in another. */
export function addAzure({random, push, tagsFor}: DemoContext): void {
  // ---------- Azure ----------
  const azureId = (sub: string, rg: string, provider: string, kind: string, name: string) =>
    `/subscriptions/${sub}/resourceGroups/${rg}/providers/${provider}/${kind}/${name}`
  const azure = (
    sub: string,
    rg: string,
    location: string,
    type: string,
    id: string,
    name: string,
    tags: Record<string, string>,
    extra: Partial<ResourceInput> = {},
  ) =>
    push(`azure/${sub}`, {
      id,
      provider: 'azure',
      type,
      name,
      account: sub,
      region: location,
      tags,
      ...extra,
      attributes: {resourceGroup: rg, ...extra.attributes},
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
    const vnet = azure(
      sub,
      rg,
      loc,
      'microsoft.network/virtualnetworks',
      azureId(sub, rg, 'Microsoft.Network', 'virtualNetworks', 'vnet-office-gwc'),
      'vnet-office-gwc',
      tags,
    )
    const subnet = `${vnet}/subnets/snet-servers`
    azure(sub, rg, loc, 'microsoft.network/virtualnetworks/subnets', subnet, 'snet-servers', tags, {dependsOn: [vnet]})
    const nsg = azure(
      sub,
      rg,
      loc,
      'microsoft.network/networksecuritygroups',
      azureId(sub, rg, 'Microsoft.Network', 'networkSecurityGroups', 'nsg-servers'),
      'nsg-servers',
      tags,
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
        sub,
        rg,
        loc,
        'microsoft.compute/disks',
        azureId(sub, rg, 'Microsoft.Compute', 'disks', `${name}_OsDisk_1_${hex(random, 32)}`),
        `${name}-osdisk`,
        tags,
        {sizeGiB: 128},
      )
      const dataDisk =
        role.startsWith('file') || role.startsWith('dms')
          ? [
              azure(
                sub,
                rg,
                loc,
                'microsoft.compute/disks',
                azureId(sub, rg, 'Microsoft.Compute', 'disks', `${name}-data-01`),
                `${name}-data-01`,
                tags,
                {sizeGiB: 1024},
              ),
            ]
          : []
      const nic = azure(
        sub,
        rg,
        loc,
        'microsoft.network/networkinterfaces',
        azureId(sub, rg, 'Microsoft.Network', 'networkInterfaces', `${name}-nic`),
        `${name}-nic`,
        tags,
        {
          attributes: {subnetId: subnet},
          dependsOn: [subnet, nsg],
        },
      )
      azure(
        sub,
        rg,
        loc,
        'microsoft.compute/virtualmachines',
        azureId(sub, rg, 'Microsoft.Compute', 'virtualMachines', name),
        name,
        tags,
        {
          attributes: {
            vmSize: pick(random, ['Standard_D4s_v5', 'Standard_E4s_v5', 'Standard_D2s_v5']),
            osType: i < 16 ? 'Windows' : 'Linux',
            nicIds: [nic],
            diskIds: [disk, ...dataDisk],
          },
          dependsOn: [nic, disk, ...dataDisk],
        },
      )
    }
    const kv = azure(
      sub,
      rg,
      loc,
      'microsoft.keyvault/vaults',
      azureId(sub, rg, 'Microsoft.KeyVault', 'vaults', 'kv-nordwind-office'),
      'kv-nordwind-office',
      tags,
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.storage/storageaccounts',
      azureId(sub, rg, 'Microsoft.Storage', 'storageAccounts', 'stnwofficeprofiles'),
      'stnwofficeprofiles',
      tags,
      {attributes: {kind: 'StorageV2', sku: 'Standard_ZRS'}, sizeGiB: 3_400},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.recoveryservices/vaults',
      azureId(sub, rg, 'Microsoft.RecoveryServices', 'vaults', 'rsv-office'),
      'rsv-office',
      tags,
      {sizeGiB: 6_200},
    )
    azure(
      sub,
      rg,
      'westeurope',
      'microsoft.insights/components',
      azureId(sub, rg, 'Microsoft.Insights', 'components', 'appi-intranet'),
      'appi-intranet',
      tags,
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.operationalinsights/workspaces',
      azureId(sub, rg, 'Microsoft.OperationalInsights', 'workspaces', 'log-nordwind-central'),
      'log-nordwind-central',
      tags,
      {sizeGiB: 540},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.automation/automationaccounts',
      azureId(sub, rg, 'Microsoft.Automation', 'automationAccounts', 'aa-office-runbooks'),
      'aa-office-runbooks',
      tags,
      {dependsOn: [kv]},
    )

    // The broker portal: App Service, Functions, Azure SQL, Service Bus, Cosmos DB.
    const brg = 'rg-broker-portal-prod'
    const btags = tagsFor(broker)
    const plan = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.web/serverfarms',
      azureId(sub, brg, 'Microsoft.Web', 'serverfarms', 'asp-broker-prod'),
      'asp-broker-prod',
      btags,
      {attributes: {sku: 'P1v3', kind: 'linux'}},
    )
    const sql = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.sql/servers',
      azureId(sub, brg, 'Microsoft.Sql', 'servers', 'sql-broker-prod'),
      'sql-broker-prod',
      btags,
    )
    const sqldb = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.sql/servers/databases',
      `${sql}/databases/brokerdb`,
      'brokerdb',
      btags,
      {sizeGiB: 250, dependsOn: [sql]},
    )
    const sb = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.servicebus/namespaces',
      azureId(sub, brg, 'Microsoft.ServiceBus', 'namespaces', 'sb-broker-prod'),
      'sb-broker-prod',
      btags,
    )
    const cosmos = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.documentdb/databaseaccounts',
      azureId(sub, brg, 'Microsoft.DocumentDB', 'databaseAccounts', 'cosmos-broker-quotes'),
      'cosmos-broker-quotes',
      btags,
      {attributes: {kind: 'GlobalDocumentDB'}, sizeGiB: 95},
    )
    const bkv = azure(
      sub,
      brg,
      'westeurope',
      'microsoft.keyvault/vaults',
      azureId(sub, brg, 'Microsoft.KeyVault', 'vaults', 'kv-broker-prod'),
      'kv-broker-prod',
      btags,
    )
    for (const q of ['quotes', 'documents', 'commissions'])
      azure(sub, brg, 'westeurope', 'microsoft.servicebus/namespaces/queues', `${sb}/queues/${q}`, q, btags, {dependsOn: [sb]})
    for (const app of ['broker-web', 'broker-api', 'broker-admin'])
      azure(
        sub,
        brg,
        'westeurope',
        'microsoft.web/sites',
        azureId(sub, brg, 'Microsoft.Web', 'sites', `app-${app}`),
        `app-${app}`,
        btags,
        {
          attributes: {kind: 'app,linux,container', serverFarmId: plan},
          dependsOn: [plan, sqldb, bkv, ...(app === 'broker-api' ? [sb, cosmos] : [])],
        },
      )
    for (const fn of ['quote-calc', 'commission-run', 'doc-render', 'partner-sync'])
      azure(
        sub,
        brg,
        'westeurope',
        'microsoft.web/sites',
        azureId(sub, brg, 'Microsoft.Web', 'sites', `func-${fn}`),
        `func-${fn}`,
        btags,
        {
          attributes: {kind: 'functionapp,linux', serverFarmId: plan},
          dependsOn: [plan, sb, cosmos],
        },
      )
    azure(
      sub,
      brg,
      'westeurope',
      'microsoft.network/frontdoors',
      azureId(sub, brg, 'Microsoft.Network', 'frontDoors', 'fd-broker'),
      'fd-broker',
      btags,
    )
    azure(
      sub,
      brg,
      'westeurope',
      'microsoft.network/dnszones',
      azureId(sub, brg, 'Microsoft.Network', 'dnszones', 'broker.nordwind.example'),
      'broker.nordwind.example',
      btags,
    )
    azure(
      sub,
      brg,
      'westeurope',
      'nordwind.mainframe/connectors',
      azureId(sub, brg, 'Nordwind.Mainframe', 'connectors', 'mf-broker-bridge'),
      'mf-broker-bridge',
      btags,
    )

    // The AKS platform shared by internal tools.
    const prg = 'rg-platform-aks'
    const ptags = tagsFor({
      app: 'platform',
      owner: 'platform@nordwind.example',
      costCenter: 'CC-1300',
      classification: 'internal',
    })
    const acr = azure(
      sub,
      prg,
      loc,
      'microsoft.containerregistry/registries',
      azureId(sub, prg, 'Microsoft.ContainerRegistry', 'registries', 'acrnordwind'),
      'acrnordwind',
      ptags,
      {sizeGiB: 310},
    )
    azure(
      sub,
      prg,
      loc,
      'microsoft.containerservice/managedclusters',
      azureId(sub, prg, 'Microsoft.ContainerService', 'managedClusters', 'aks-platform-gwc'),
      'aks-platform-gwc',
      ptags,
      {dependsOn: [acr, vnet]},
    )
    azure(
      sub,
      prg,
      loc,
      'microsoft.dbforpostgresql/flexibleservers',
      azureId(sub, prg, 'Microsoft.DBforPostgreSQL', 'flexibleServers', 'psql-platform'),
      'psql-platform',
      ptags,
      {sizeGiB: 128},
    )
    azure(
      sub,
      prg,
      loc,
      'microsoft.cache/redis',
      azureId(sub, prg, 'Microsoft.Cache', 'Redis', 'redis-platform'),
      'redis-platform',
      ptags,
    )
  }
  {
    const sub = AZ_ANALYTICS
    const rg = 'rg-customer-analytics'
    const loc = 'westeurope'
    const tags = tagsFor(analytics)
    const lake = azure(
      sub,
      rg,
      loc,
      'microsoft.storage/storageaccounts',
      azureId(sub, rg, 'Microsoft.Storage', 'storageAccounts', 'dlsnwcustomer'),
      'dlsnwcustomer',
      tags,
      {attributes: {kind: 'StorageV2', isHnsEnabled: true}, sizeGiB: 12_800},
    )
    const syn = azure(
      sub,
      rg,
      loc,
      'microsoft.synapse/workspaces',
      azureId(sub, rg, 'Microsoft.Synapse', 'workspaces', 'syn-customer'),
      'syn-customer',
      tags,
      {dependsOn: [lake]},
    )
    azure(sub, rg, loc, 'microsoft.synapse/workspaces/sqlpools', `${syn}/sqlPools/dwh`, 'dwh', tags, {
      sizeGiB: 2_200,
      dependsOn: [syn],
    })
    azure(
      sub,
      rg,
      loc,
      'microsoft.datafactory/factories',
      azureId(sub, rg, 'Microsoft.DataFactory', 'factories', 'adf-customer-ingest'),
      'adf-customer-ingest',
      tags,
      {dependsOn: [lake]},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.databricks/workspaces',
      azureId(sub, rg, 'Microsoft.Databricks', 'workspaces', 'dbw-actuarial'),
      'dbw-actuarial',
      tags,
      {dependsOn: [lake]},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.eventhub/namespaces',
      azureId(sub, rg, 'Microsoft.EventHub', 'namespaces', 'evh-clickstream'),
      'evh-clickstream',
      tags,
      {attributes: {kafkaEnabled: true}},
    )
    azure(
      sub,
      rg,
      'swedencentral',
      'microsoft.cognitiveservices/accounts',
      azureId(sub, rg, 'Microsoft.CognitiveServices', 'accounts', 'oai-claims-assistant'),
      'oai-claims-assistant',
      tags,
      {attributes: {kind: 'OpenAI'}},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.search/searchservices',
      azureId(sub, rg, 'Microsoft.Search', 'searchServices', 'srch-policies'),
      'srch-policies',
      tags,
      {sizeGiB: 40},
    )
    azure(
      sub,
      rg,
      loc,
      'microsoft.machinelearningservices/workspaces',
      azureId(sub, rg, 'Microsoft.MachineLearningServices', 'workspaces', 'mlw-churn'),
      'mlw-churn',
      tags,
    )
  }
}
