import type {ResourceInput} from '../inventory/model.js'
import {hex, pick} from '../util/random.js'
import {type App, type DemoContext, GCP_PROJECT} from './context.js'

/** GCP: the machine-learning platform. */
export function addGcp({random, push, tagsFor, size}: DemoContext): void {
  // ---------- GCP ----------
  const ml: App = {app: 'ml-platform', owner: 'ml@nordwind.example', costCenter: 'CC-7200', classification: 'confidential'}
  {
    const tags = tagsFor(ml)
    const project = GCP_PROJECT
    const gcp = (service: string, type: string, path: string, name: string, region: string, extra: Partial<ResourceInput> = {}) =>
      push(`gcp/${project}`, {
        id: `//${service}/projects/${project}/${path}`,
        provider: 'gcp',
        type,
        name,
        account: project,
        region,
        tags,
        ...extra,
      })
    const network = gcp('compute.googleapis.com', 'compute.googleapis.com/Network', 'global/networks/ml-vpc', 'ml-vpc', 'global')
    gcp(
      'compute.googleapis.com',
      'compute.googleapis.com/Subnetwork',
      'regions/europe-west3/subnetworks/ml-ew3',
      'ml-ew3',
      'europe-west3',
      {dependsOn: [network]},
    )
    const gke = gcp(
      'container.googleapis.com',
      'container.googleapis.com/Cluster',
      'locations/europe-west3/clusters/ml-serving',
      'ml-serving',
      'europe-west3',
      {dependsOn: [network]},
    )
    for (const pool of ['cpu-pool', 'gpu-l4-pool'])
      gcp(
        'container.googleapis.com',
        'container.googleapis.com/NodePool',
        `locations/europe-west3/clusters/ml-serving/nodePools/${pool}`,
        pool,
        'europe-west3',
        {dependsOn: [gke]},
      )
    const features = ['claims_features', 'telematics', 'churn', 'pricing'].map((d) =>
      gcp('bigquery.googleapis.com', 'bigquery.googleapis.com/Dataset', `datasets/${d}`, d, 'EU', {sizeGiB: size(200, 4_000)}),
    )
    for (const b of ['training-data', 'model-artifacts', 'batch-scoring', 'feature-snapshots', 'labelling', 'tensorboard-logs'])
      gcp(
        'storage.googleapis.com',
        'storage.googleapis.com/Bucket',
        `buckets/nordwind-ml-${b}`,
        `nordwind-ml-${b}`,
        'europe-west3',
        {sizeGiB: size(300, 6_000)},
      )
    const topics = ['score-requests', 'score-results'].map((t) =>
      gcp('pubsub.googleapis.com', 'pubsub.googleapis.com/Topic', `topics/${t}`, t, 'global'),
    )
    for (const [i, t] of topics.entries())
      gcp(
        'pubsub.googleapis.com',
        'pubsub.googleapis.com/Subscription',
        `subscriptions/${['scorer', 'writer'][i]}`,
        ['scorer', 'writer'][i]!,
        'global',
        {dependsOn: [t]},
      )
    for (const svc of ['feature-api', 'score-gateway', 'model-registry-ui', 'explain-api', 'drift-monitor', 'batch-trigger'])
      gcp('run.googleapis.com', 'run.googleapis.com/Service', `locations/europe-west3/services/${svc}`, svc, 'europe-west3', {
        dependsOn: [topics[0]!, features[0]!],
      })
    gcp('sqladmin.googleapis.com', 'sqladmin.googleapis.com/Instance', 'instances/mlflow-db', 'mlflow-db', 'europe-west3', {
      attributes: {databaseVersion: 'POSTGRES_15'},
      sizeGiB: 60,
    })
    for (const ep of ['fraud-v7', 'churn-v3'])
      gcp(
        'aiplatform.googleapis.com',
        'aiplatform.googleapis.com/Endpoint',
        `locations/europe-west4/endpoints/${hex(random, 19)}`,
        ep,
        'europe-west4',
        {dependsOn: [features[0]!]},
      )
    // Research workstations: VMs with persistent disks.
    for (let i = 1; i <= 10; i++) {
      const zone = i % 2 ? 'europe-west3-a' : 'europe-west3-b'
      const disk = gcp(
        'compute.googleapis.com',
        'compute.googleapis.com/Disk',
        `zones/${zone}/disks/research-ws-${i}`,
        `research-ws-${i}`,
        zone,
        {sizeGiB: pick(random, [200, 500, 1000])},
      )
      gcp(
        'compute.googleapis.com',
        'compute.googleapis.com/Instance',
        `zones/${zone}/instances/research-ws-${i}`,
        `research-ws-${i}`,
        zone,
        {
          attributes: {machineType: pick(random, ['n2-standard-8', 'g2-standard-8'])},
          dependsOn: [disk, network],
        },
      )
    }
    gcp('cloudkms.googleapis.com', 'cloudkms.googleapis.com/KeyRing', 'locations/europe-west3/keyRings/ml', 'ml', 'europe-west3')
    gcp(
      'iam.googleapis.com',
      'iam.googleapis.com/ServiceAccount',
      `serviceAccounts/${hex(random, 21)}`,
      'scorer@nordwind-ml-prod.iam.gserviceaccount.com',
      'global',
    )
  }
}
