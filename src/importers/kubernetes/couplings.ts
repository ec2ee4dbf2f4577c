/**
 * What ties a cluster to its cloud, read from its objects. Workloads are portable; these are not:
 * volumes from a cloud's disk or file service (storage classes, claims, volumes), load balancers
 * made by the cloud controllers (LoadBalancer Services, Ingresses, Gateways), cloud identities
 * bound to service accounts (workload identity), secret stores backed by a cloud secret manager
 * (External Secrets), and cloud resources managed by operators (ACK, Azure Service Operator,
 * Config Connector, Crossplane). Each becomes a resource of the estate, with the references between
 * them as dependsOn; everything else moves with the cluster and is only counted.
 */
import type {Catalog} from '../../catalog/catalog.js'
import type {ResourceInput} from '../../inventory/model.js'
import {isContainer} from '../containers.js'
import {isJson, type Json, type KubeObject, text} from './objects.js'
import {arnParts, type Cloud, isOperatorGroup, operatorReferences, operatorResource} from './operators.js'

export interface CouplingRead {
  resources: ResourceInput[]
  warnings: string[]
  /** Objects that tie the cluster to a cloud (they made, or point at, a resource above). */
  coupled: number
  /** Containers (resource groups, projects) managed by operators: counted, not resources. */
  containers: number
}

const get = (value: unknown, ...path: string[]): unknown => {
  let at = value
  for (const key of path) at = isJson(at) ? at[key] : undefined
  return at
}

interface Volume {
  provider: Cloud
  type: string
  service: string
}

/** CSI drivers and in-tree provisioners of the three clouds, and what a volume of theirs is. */
const PROVISIONERS: Record<string, Volume> = {
  'ebs.csi.aws.com': {provider: 'aws', type: 'AWS::EC2::Volume', service: 'Amazon EBS'},
  'ebs.csi.eks.amazonaws.com': {provider: 'aws', type: 'AWS::EC2::Volume', service: 'Amazon EBS (EKS Auto Mode)'},
  'kubernetes.io/aws-ebs': {provider: 'aws', type: 'AWS::EC2::Volume', service: 'Amazon EBS (in-tree)'},
  'efs.csi.aws.com': {provider: 'aws', type: 'AWS::EFS::AccessPoint', service: 'Amazon EFS'},
  'fsx.csi.aws.com': {provider: 'aws', type: 'AWS::FSx::FileSystem', service: 'Amazon FSx for Lustre'},
  's3.csi.aws.com': {provider: 'aws', type: 'AWS::S3::Bucket', service: 'Mountpoint for Amazon S3'},
  'disk.csi.azure.com': {provider: 'azure', type: 'microsoft.compute/disks', service: 'Azure Disk'},
  'kubernetes.io/azure-disk': {provider: 'azure', type: 'microsoft.compute/disks', service: 'Azure Disk (in-tree)'},
  'file.csi.azure.com': {
    provider: 'azure',
    type: 'microsoft.storage/storageaccounts/fileservices/shares',
    service: 'Azure Files',
  },
  'kubernetes.io/azure-file': {
    provider: 'azure',
    type: 'microsoft.storage/storageaccounts/fileservices/shares',
    service: 'Azure Files (in-tree)',
  },
  'blob.csi.azure.com': {
    provider: 'azure',
    type: 'microsoft.storage/storageaccounts/blobservices/containers',
    service: 'Azure Blob storage',
  },
  'pd.csi.storage.gke.io': {provider: 'gcp', type: 'compute.googleapis.com/Disk', service: 'Persistent Disk'},
  'kubernetes.io/gce-pd': {provider: 'gcp', type: 'compute.googleapis.com/Disk', service: 'Persistent Disk (in-tree)'},
  'filestore.csi.storage.gke.io': {provider: 'gcp', type: 'file.googleapis.com/Instance', service: 'Filestore'},
  'gcsfuse.csi.storage.gke.io': {provider: 'gcp', type: 'storage.googleapis.com/Bucket', service: 'Cloud Storage FUSE'},
}

/**
 * Storage class names that the managed offerings create (EKS, AKS, GKE), for claims on a class
 * these files do not define. Only names no other platform uses are listed: `standard` and
 * `default` are left out (kind, minikube and others use them too).
 */
const WELL_KNOWN_CLASSES: Record<string, string> = {
  gp2: 'kubernetes.io/aws-ebs',
  gp3: 'ebs.csi.aws.com',
  'managed-csi': 'disk.csi.azure.com',
  'managed-csi-premium': 'disk.csi.azure.com',
  'managed-premium': 'kubernetes.io/azure-disk',
  'azurefile-csi': 'file.csi.azure.com',
  'azurefile-csi-premium': 'file.csi.azure.com',
  'azurefile-premium': 'kubernetes.io/azure-file',
  'standard-rwo': 'pd.csi.storage.gke.io',
  'premium-rwo': 'pd.csi.storage.gke.io',
  'standard-rwx': 'filestore.csi.storage.gke.io',
  'premium-rwx': 'filestore.csi.storage.gke.io',
  'enterprise-rwx': 'filestore.csi.storage.gke.io',
}

const ALB_CONTROLLERS = new Set(['ingress.k8s.aws/alb', 'eks.amazonaws.com/alb'])
const NLB_CLASSES = new Set(['service.k8s.aws/nlb', 'eks.amazonaws.com/nlb'])
const AGIC_CONTROLLER = 'azure/application-gateway'

type IngressKind = 'alb' | 'agic' | 'gce' | 'gce-internal'

/** An ingress class name or controller → the cloud load balancer it makes. */
function ingressKind(nameOrController: string): IngressKind | undefined {
  if (nameOrController === 'alb' || ALB_CONTROLLERS.has(nameOrController)) return 'alb'
  if (nameOrController === AGIC_CONTROLLER || nameOrController === 'azure-application-gateway') return 'agic'
  if (nameOrController === 'gce') return 'gce'
  if (nameOrController === 'gce-internal') return 'gce-internal'
  return undefined
}

/** GKE's Gateway classes: global ones make a global URL map, the regional and internal ones a regional one. */
function gkeGatewayClass(name: string): 'gce' | 'gce-internal' | undefined {
  if (/^gke-l7-(global-external-managed|gxlb)(-mc)?$/.test(name)) return 'gce'
  if (/^gke-l7-(regional-external-managed|rilb)(-mc)?$/.test(name)) return 'gce-internal'
  return undefined
}

const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/
const WAFV2_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]+\/[\w-]+$/
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const GCP_SERVICE_ACCOUNT = /^[a-z0-9-]+@([a-z0-9-]+)\.iam\.gserviceaccount\.com$/
const KEY_VAULT_URL = /^https:\/\/([a-z0-9-]{3,24})\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/?$/i

/** A Kubernetes quantity (`4Gi`, `100G`, `500Mi`, `1Ti`, bytes) in GiB; undefined when it is not one. */
export function quantityGiB(value: unknown): number | undefined {
  const raw = typeof value === 'number' ? String(value) : text(value)
  const match = raw ? /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(raw) : null
  if (!match) return undefined
  const units: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
  }
  const gib = (Number(match[1]) * (match[2] ? units[match[2]]! : 1)) / 2 ** 30
  return Number.isFinite(gib) && gib <= 1e9 ? Math.round(gib * 1000) / 1000 : undefined
}

const where = (object: KubeObject) => `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`
const nsKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`

/** Identities bound to one service account by workload identity. */
interface Identity {
  id: string
  provider: Cloud
}

export function readCouplings(objects: KubeObject[], file: string, source: string, catalog: Catalog): CouplingRead {
  const resources = new Map<string, ResourceInput>()
  const coupledObjects = new Set<KubeObject>()
  const warnings: string[] = []
  const clouds = new Set<Cloud>()
  let containers = 0
  const localId = (part: string) => `k8s:${file}#${part}`
  const objectId = (object: KubeObject) => localId(`${object.kind}/${object.namespace ?? '_'}/${object.name}`)

  /** Adds a resource (or merges into the one with the same id) and marks the objects that showed it. */
  const add = (resource: Omit<ResourceInput, 'source' | 'tags'>, ...shownBy: KubeObject[]): string => {
    clouds.add(resource.provider as Cloud)
    for (const object of shownBy) coupledObjects.add(object)
    const known = resources.get(resource.id)
    if (known) {
      for (const dep of resource.dependsOn ?? []) {
        known.dependsOn ??= []
        if (!known.dependsOn.includes(dep)) known.dependsOn.push(dep)
      }
      return resource.id
    }
    resources.set(resource.id, {...resource, tags: {}, source})
    return resource.id
  }
  const dependOn = (id: string, dep: string) => {
    const resource = resources.get(id)
    if (!resource || id === dep) return
    resource.dependsOn ??= []
    if (!resource.dependsOn.includes(dep)) resource.dependsOn.push(dep)
  }

  const byKind = (kind: string, group?: string) =>
    objects.filter((o) => o.kind === kind && (group === undefined || o.group === group))

  // Classes first: claims, ingresses and gateways refer to them by name.
  const storageClasses = new Map<string, KubeObject>()
  let defaultClass: KubeObject | undefined
  for (const sc of byKind('StorageClass', 'storage.k8s.io')) {
    storageClasses.set(sc.name, sc)
    const isDefault = sc.annotations['storageclass.kubernetes.io/is-default-class'] === 'true'
    if (isDefault) defaultClass = sc
  }
  const provisionerOf = (sc: KubeObject) => text(sc.raw.provisioner)
  const ingressClasses = new Map<string, IngressKind>()
  for (const ic of byKind('IngressClass', 'networking.k8s.io')) {
    const kind = ingressKind(text(ic.spec.controller) ?? '')
    if (kind) {
      ingressClasses.set(ic.name, kind)
      coupledObjects.add(ic)
    }
  }
  const gatewayClasses = new Map<string, string>()
  for (const gc of byKind('GatewayClass', 'gateway.networking.k8s.io')) {
    const controller = text(gc.spec.controllerName)
    if (controller) gatewayClasses.set(gc.name, controller)
  }

  // Workload identity: the cloud identity each service account acts as.
  const identities = new Map<string, Identity[]>()
  const unreadIdentities: string[] = []
  for (const sa of byKind('ServiceAccount', '')) {
    const found: Identity[] = []
    const roleArn = sa.annotations['eks.amazonaws.com/role-arn']
    if (roleArn && IAM_ROLE_ARN.test(roleArn)) found.push({id: addRole(roleArn, sa), provider: 'aws'})
    else if (roleArn !== undefined) badIdentity(sa, 'eks.amazonaws.com/role-arn', 'an IAM role ARN', 'aws')
    const clientId = sa.annotations['azure.workload.identity/client-id']
    if (clientId !== undefined && !GUID.test(clientId))
      badIdentity(sa, 'azure.workload.identity/client-id', 'a client id (a GUID)', 'azure')
    if (clientId && GUID.test(clientId)) {
      const id = add(
        {
          id: `azure:microsoft.managedidentity/userassignedidentities:client-id/${clientId.toLowerCase()}`,
          provider: 'azure',
          type: 'microsoft.managedidentity/userassignedidentities',
          name: `Workload identity ${clientId}`,
          // Unconfirmed which: a client id names a managed identity or an app registration alike.
          attributes: {clientId, identityKind: 'managed identity or app registration (client id only)', boundTo: where(sa)},
        },
        sa,
      )
      found.push({id, provider: 'azure'})
    }
    const gcpAccount = sa.annotations['iam.gke.io/gcp-service-account']
    const project = gcpAccount ? GCP_SERVICE_ACCOUNT.exec(gcpAccount)?.[1] : undefined
    if (gcpAccount !== undefined && !project)
      badIdentity(sa, 'iam.gke.io/gcp-service-account', 'a service account e-mail (name@project.iam.gserviceaccount.com)', 'gcp')
    if (gcpAccount && project) {
      const id = add(
        {
          id: `gcp:iam.googleapis.com/ServiceAccount:${gcpAccount}`,
          provider: 'gcp',
          type: 'iam.googleapis.com/ServiceAccount',
          name: gcpAccount,
          account: project,
          region: 'global',
          attributes: {email: gcpAccount, boundTo: where(sa)},
        },
        sa,
      )
      found.push({id, provider: 'gcp'})
    }
    if (found.length > 0) identities.set(nsKey(sa.namespace, sa.name), found)
  }
  /** An identity annotation whose value is not an identity (a template placeholder, an empty string): coupled, not countable. */
  function badIdentity(sa: KubeObject, annotation: string, expected: string, cloud: Cloud) {
    coupledObjects.add(sa)
    clouds.add(cloud)
    unreadIdentities.push(`${where(sa)} (${annotation} is not ${expected})`)
  }
  const identityOf = (namespace: string | undefined, name: string | undefined): Identity[] => {
    if (!name) return []
    const exact = identities.get(nsKey(namespace, name))
    if (exact) return exact
    const same = [...identities.entries()].filter(([key]) => key.endsWith(`/${name}`))
    return same.length === 1 ? same[0]![1] : []
  }

  function addRole(arn: string, shownBy: KubeObject): string {
    const {account} = arnParts(arn)
    return add(
      {
        id: arn,
        provider: 'aws',
        type: 'AWS::IAM::Role',
        name: arn.slice(arn.indexOf(':role/') + ':role/'.length),
        account,
        region: 'global',
        attributes: {boundTo: where(shownBy)},
      },
      shownBy,
    )
  }

  if (unreadIdentities.length > 0)
    warnings.push(
      `Service accounts bound to a cloud identity that the annotation does not name (a template placeholder?), so the identity is not counted: ${listed(unreadIdentities)}.`,
    )

  // Volumes: a bound claim and its volume are one cloud volume; the volume knows its cloud id.
  const volumeOfClaim = new Map<string, KubeObject>()
  const pvs = byKind('PersistentVolume', '')
  const pvByName = new Map(pvs.map((pv) => [pv.name, pv]))
  for (const pv of pvs) {
    const claim = get(pv.spec, 'claimRef') as Json | undefined
    const claimName = text(get(claim, 'name'))
    if (claimName) volumeOfClaim.set(nsKey(text(get(claim, 'namespace')), claimName), pv)
  }
  const claimedVolumes = new Set<KubeObject>()
  for (const pvc of byKind('PersistentVolumeClaim', '')) {
    const volumeName = text(pvc.spec.volumeName)
    const pv = volumeOfClaim.get(nsKey(pvc.namespace, pvc.name)) ?? (volumeName ? pvByName.get(volumeName) : undefined)
    if (pv) {
      claimedVolumes.add(pv)
      addVolume(pv, pvc)
      continue
    }
    const className = pvc.spec.storageClassName === undefined ? undefined : text(pvc.spec.storageClassName)
    // No class named: the cluster's default class, if these files say which it is.
    const sc = className ? storageClasses.get(className) : pvc.spec.storageClassName === '' ? undefined : defaultClass
    const provisioner = sc ? provisionerOf(sc) : className ? WELL_KNOWN_CLASSES[className] : undefined
    const volume = provisioner ? PROVISIONERS[provisioner] : undefined
    if (!volume) continue
    const attributes: Record<string, unknown> = {
      kubernetesObject: where(pvc),
      storageClass: className ?? sc?.name,
      provisioner,
      ...volumeParameters(sc),
    }
    if (!sc)
      attributes.storageClassAssumed = `${className} is a class the managed ${volume.provider.toUpperCase()} offering creates`
    const regional = volume.type === 'compute.googleapis.com/Disk' && attributes['replication-type'] === 'regional-pd'
    const id = add(
      {
        id: objectId(pvc),
        provider: volume.provider,
        type: regional ? 'compute.googleapis.com/RegionDisk' : volume.type,
        name: `${pvc.namespace ? `${pvc.namespace}/` : ''}${pvc.name}`,
        sizeGiB:
          quantityGiB(get(pvc.status, 'capacity', 'storage')) ?? quantityGiB(get(pvc.spec, 'resources', 'requests', 'storage')),
        attributes,
      },
      pvc,
      ...(sc ? [sc] : []),
    )
    const fileSystem = sc ? efsFileSystem(sc) : undefined
    if (fileSystem) dependOn(id, fileSystem)
  }
  for (const pv of pvs) if (!claimedVolumes.has(pv)) addVolume(pv)

  function volumeParameters(sc: KubeObject | undefined): Record<string, unknown> {
    const parameters = sc && isJson(sc.raw.parameters) ? sc.raw.parameters : {}
    const out: Record<string, unknown> = {}
    // The disk type and replication are what the catalog and an exit plan need; the rest is tuning.
    for (const key of ['type', 'skuName', 'skuname', 'replication-type', 'provisioningMode', 'deploymentType', 'tier'])
      if (typeof parameters[key] === 'string') out[key === 'skuname' ? 'skuName' : key] = parameters[key]
    return out
  }

  /** The EFS file system an EFS storage class provisions access points on. */
  function efsFileSystem(sc: KubeObject): string | undefined {
    const fileSystemId = text(get(sc.raw, 'parameters', 'fileSystemId'))
    if (provisionerOf(sc) !== 'efs.csi.aws.com' || !fileSystemId || !/^fs-[0-9a-f]+$/.test(fileSystemId)) return undefined
    return add(
      {
        id: `aws:AWS::EFS::FileSystem:${fileSystemId}`,
        provider: 'aws',
        type: 'AWS::EFS::FileSystem',
        name: fileSystemId,
        attributes: {fileSystemId, storageClass: sc.name},
      },
      sc,
    )
  }

  function addVolume(pv: KubeObject, pvc?: KubeObject): void {
    const csi = get(pv.spec, 'csi')
    const driver = text(get(csi, 'driver'))
    const handle = text(get(csi, 'volumeHandle'))
    const className = text(pv.spec.storageClassName)
    const sc = className ? storageClasses.get(className) : undefined
    let provisioner = driver
    let nativeId: string | undefined
    let nativeName: string | undefined
    let type: string | undefined
    const ebs = text(get(pv.spec, 'awsElasticBlockStore', 'volumeID'))
    const gce = text(get(pv.spec, 'gcePersistentDisk', 'pdName'))
    const azureDisk = text(get(pv.spec, 'azureDisk', 'diskURI'))
    const azureFile = text(get(pv.spec, 'azureFile', 'shareName'))
    if (ebs) provisioner = 'kubernetes.io/aws-ebs'
    else if (gce) provisioner = 'kubernetes.io/gce-pd'
    else if (azureDisk) provisioner = 'kubernetes.io/azure-disk'
    else if (azureFile) provisioner = 'kubernetes.io/azure-file'
    provisioner ??= sc ? provisionerOf(sc) : undefined
    const volume = provisioner ? PROVISIONERS[provisioner] : undefined
    if (!volume) return
    type = volume.type
    const volumeId = (ebs ?? (volume.type === 'AWS::EC2::Volume' ? handle : undefined))?.replace(/^aws:\/\/[^/]*\//, '')
    if (volumeId && /^vol-[0-9a-f]+$/.test(volumeId)) {
      nativeId = `aws:AWS::EC2::Volume:${volumeId}`
      nativeName = volumeId
    }
    const armDisk = azureDisk ?? (volume.type === 'microsoft.compute/disks' ? handle : undefined)
    if (
      armDisk &&
      /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.compute\/disks\/[^/]+$/i.test(armDisk)
    ) {
      nativeId = armDisk
      nativeName = armDisk.split('/').at(-1)
    }
    const pd = volume.type === 'compute.googleapis.com/Disk' ? handle : undefined
    const pdMatch = pd ? /^projects\/([^/]+)\/(zones|regions)\/([^/]+)\/disks\/([^/]+)$/.exec(pd) : null
    if (pdMatch) {
      nativeId = `//compute.googleapis.com/${pd}`
      nativeName = pdMatch[4]
      if (pdMatch[2] === 'regions') type = 'compute.googleapis.com/RegionDisk'
    }
    const bucket = text(get(csi, 'volumeAttributes', 'bucketName'))
    if (volume.type === 'AWS::S3::Bucket' && bucket) {
      nativeId = `arn:aws:s3:::${bucket}`
      nativeName = bucket
    }
    if (volume.type === 'storage.googleapis.com/Bucket' && handle) {
      nativeId = `//storage.googleapis.com/${handle}`
      nativeName = handle
    }
    const efs = volume.type === 'AWS::EFS::AccessPoint' && handle ? /^(fs-[0-9a-f]+)(?:::(fsap-[0-9a-f]+))?/.exec(handle) : null
    if (efs && !efs[2]) {
      // A volume on the file system itself (static provisioning), not on an access point.
      type = 'AWS::EFS::FileSystem'
      nativeId = `aws:AWS::EFS::FileSystem:${efs[1]}`
      nativeName = efs[1]
    }
    const shownBy = [pv, ...(pvc ? [pvc] : []), ...(sc ? [sc] : [])]
    const attributes: Record<string, unknown> = {
      kubernetesObject: pvc ? where(pvc) : where(pv),
      persistentVolume: pv.name,
      provisioner,
      ...volumeParameters(sc),
    }
    if (className) attributes.storageClass = className
    if (nativeName) attributes.volumeHandle = nativeName
    const id = add(
      {
        id: nativeId ?? objectId(pv),
        provider: volume.provider,
        type,
        name: nativeName ?? pv.name,
        account: pdMatch?.[1] ?? (armDisk && nativeId === armDisk ? armDisk.split('/')[2] : undefined),
        region: pdMatch?.[3],
        sizeGiB: quantityGiB(get(pv.spec, 'capacity', 'storage')),
        attributes,
      },
      ...shownBy,
    )
    if (efs?.[2]) {
      const fileSystem = add(
        {
          id: `aws:AWS::EFS::FileSystem:${efs[1]}`,
          provider: 'aws',
          type: 'AWS::EFS::FileSystem',
          name: efs[1]!,
          attributes: {fileSystemId: efs[1]},
        },
        pv,
      )
      dependOn(id, fileSystem)
    } else {
      const fileSystem = sc ? efsFileSystem(sc) : undefined
      if (fileSystem) dependOn(id, fileSystem)
    }
  }

  // Storage classes and CSI drivers that no claim or volume of these files uses: the coupling is
  // real (the cluster can make such volumes), but the volumes themselves are not in the files.
  const unusedClasses: string[] = []
  for (const sc of storageClasses.values()) {
    const provisioner = provisionerOf(sc)
    if (!provisioner || !PROVISIONERS[provisioner]) continue
    clouds.add(PROVISIONERS[provisioner]!.provider)
    if (!coupledObjects.has(sc)) unusedClasses.push(`${sc.name} (${PROVISIONERS[provisioner]!.service})`)
    coupledObjects.add(sc)
  }
  for (const driver of byKind('CSIDriver', 'storage.k8s.io'))
    if (PROVISIONERS[driver.name]) {
      clouds.add(PROVISIONERS[driver.name]!.provider)
      coupledObjects.add(driver)
    }
  if (unusedClasses.length > 0)
    warnings.push(
      `Storage classes on a cloud volume service that no claim in these files uses (their volumes are not counted): ${listed(unusedClasses)}.`,
    )

  // Certificates and firewalls that a load balancer uses, by ARN.
  const arnResources = (value: string | undefined, pattern: RegExp, type: string, shownBy: KubeObject): string[] =>
    (value ?? '')
      .split(',')
      .map((arn) => arn.trim())
      .filter((arn) => pattern.test(arn))
      .map((arn) => {
        const {account, region} = arnParts(arn)
        return add({id: arn, provider: 'aws', type, name: arn.slice(arn.lastIndexOf('/') + 1), account, region}, shownBy)
      })

  // LoadBalancer Services: the cloud's controller (or the AWS Load Balancer Controller) makes one each.
  const unknownServices: KubeObject[] = []
  for (const service of byKind('Service', '')) {
    if (service.spec.type !== 'LoadBalancer') continue
    const annotations = service.annotations
    const keys = Object.keys(annotations)
    const lbClass = text(service.spec.loadBalancerClass)
    const hostname = text(get((get(service.status, 'loadBalancer', 'ingress') as unknown[] | undefined)?.[0], 'hostname'))
    const awsType = annotations['service.beta.kubernetes.io/aws-load-balancer-type']
    const name = `${service.namespace ? `${service.namespace}/` : ''}${service.name}`
    if (
      (lbClass && NLB_CLASSES.has(lbClass)) ||
      keys.some((k) => k.startsWith('service.beta.kubernetes.io/aws-load-balancer-')) ||
      (hostname && /\.amazonaws\.com$/.test(hostname))
    ) {
      addAwsServiceLoadBalancer(service, name, awsType, lbClass, hostname)
      continue
    }
    if (lbClass && !NLB_CLASSES.has(lbClass)) continue // another implementation (MetalLB, Cilium …): not a cloud's
    if (keys.some((k) => k.startsWith('service.beta.kubernetes.io/azure-'))) {
      addAzureServiceLoadBalancer(service)
      continue
    }
    if (keys.some((k) => k.startsWith('cloud.google.com/') || k.startsWith('networking.gke.io/'))) {
      addGcpServiceLoadBalancer(service, name)
      continue
    }
    unknownServices.push(service)
  }

  function addAwsServiceLoadBalancer(
    service: KubeObject,
    name: string,
    awsType: string | undefined,
    lbClass: string | undefined,
    hostname: string | undefined,
  ) {
    // The in-tree controller makes a Classic ELB unless told `nlb`; the AWS Load Balancer Controller makes NLBs.
    const network =
      (lbClass !== undefined && NLB_CLASSES.has(lbClass)) ||
      awsType === 'nlb' ||
      awsType === 'nlb-ip' ||
      awsType === 'external' ||
      (hostname !== undefined && /\.elb\.[a-z0-9-]+\.amazonaws\.com$/.test(hostname))
    const region = hostname
      ? (/\.elb\.([a-z0-9-]+)\.amazonaws\.com$/.exec(hostname) ?? /\.([a-z0-9-]+)\.elb\.amazonaws\.com$/.exec(hostname))?.[1]
      : undefined
    const scheme =
      service.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme'] ??
      (service.annotations['service.beta.kubernetes.io/aws-load-balancer-internal'] === 'true' ? 'internal' : undefined)
    const id = add(
      {
        id: objectId(service),
        provider: 'aws',
        type: network ? 'AWS::ElasticLoadBalancingV2::LoadBalancer' : 'AWS::ElasticLoadBalancing::LoadBalancer',
        name: service.annotations['service.beta.kubernetes.io/aws-load-balancer-name'] ?? name,
        region,
        attributes: {
          kubernetesObject: where(service),
          ...(network ? {type: 'network'} : {}),
          ...(scheme ? {scheme} : {}),
          ...(lbClass ? {loadBalancerClass: lbClass} : {}),
        },
      },
      service,
    )
    for (const cert of arnResources(
      service.annotations['service.beta.kubernetes.io/aws-load-balancer-ssl-cert'],
      ACM_ARN,
      'AWS::CertificateManager::Certificate',
      service,
    ))
      dependOn(id, cert)
  }

  function addAzureServiceLoadBalancer(service: KubeObject) {
    // AKS puts every LoadBalancer Service on one shared load balancer, `kubernetes` (public) or
    // `kubernetes-internal`; each Service is a frontend on it. Unconfirmed for clusters with several.
    const internal = service.annotations['service.beta.kubernetes.io/azure-load-balancer-internal'] === 'true'
    const lbName = internal ? 'kubernetes-internal' : 'kubernetes'
    const id = add(
      {
        id: localId(`azure-load-balancer/${lbName}`),
        provider: 'azure',
        type: 'microsoft.network/loadbalancers',
        name: lbName,
        attributes: {scheme: internal ? 'internal' : 'public', sharedBy: 'the cluster’s LoadBalancer Services'},
      },
      service,
    )
    const resource = resources.get(id)!
    const services = ((resource.attributes!.services as string[] | undefined) ?? []).concat(where(service))
    resource.attributes!.services = services
  }

  function addGcpServiceLoadBalancer(service: KubeObject, name: string) {
    const a = service.annotations
    const internal =
      a['networking.gke.io/load-balancer-type']?.toLowerCase() === 'internal' ||
      a['cloud.google.com/load-balancer-type']?.toLowerCase() === 'internal'
    add(
      {
        id: objectId(service),
        provider: 'gcp',
        type: 'compute.googleapis.com/ForwardingRule',
        name,
        attributes: {
          kubernetesObject: where(service),
          scheme: internal ? 'internal' : 'external',
          ...(a['cloud.google.com/l4-rbs'] === 'enabled' ? {backendServiceBased: true} : {}),
        },
      },
      service,
    )
  }

  // Ingresses of the cloud controllers: each ALB (or IngressGroup), Application Gateway or GCE URL map.
  let managedCertificates: Map<string, KubeObject> | undefined
  for (const ingress of byKind('Ingress')) {
    if (ingress.group !== 'networking.k8s.io' && ingress.group !== 'extensions') continue
    const className = text(ingress.spec.ingressClassName) ?? ingress.annotations['kubernetes.io/ingress.class']
    const kind = className ? (ingressClasses.get(className) ?? ingressKind(className)) : undefined
    if (!kind) continue
    const name = `${ingress.namespace ? `${ingress.namespace}/` : ''}${ingress.name}`
    const a = ingress.annotations
    if (kind === 'alb') {
      const group = a['alb.ingress.kubernetes.io/group.name']
      const id = add(
        {
          id: group ? localId(`alb-group/${group}`) : objectId(ingress),
          provider: 'aws',
          type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          name: a['alb.ingress.kubernetes.io/load-balancer-name'] ?? (group ? `IngressGroup ${group}` : name),
          attributes: {
            type: 'application',
            kubernetesObject: where(ingress),
            ...(a['alb.ingress.kubernetes.io/scheme'] ? {scheme: a['alb.ingress.kubernetes.io/scheme']} : {}),
            ...(group ? {ingressGroup: group} : {}),
          },
        },
        ingress,
      )
      for (const cert of arnResources(
        a['alb.ingress.kubernetes.io/certificate-arn'],
        ACM_ARN,
        'AWS::CertificateManager::Certificate',
        ingress,
      ))
        dependOn(id, cert)
      for (const acl of arnResources(a['alb.ingress.kubernetes.io/wafv2-acl-arn'], WAFV2_ARN, 'AWS::WAFv2::WebACL', ingress))
        dependOn(id, acl)
    } else if (kind === 'agic') {
      // AGIC programs one Application Gateway for the cluster (per ingress class).
      add(
        {
          id: localId(`application-gateway/${className}`),
          provider: 'azure',
          type: 'microsoft.network/applicationgateways',
          name: `Application Gateway (ingress class ${className})`,
          attributes: {ingressClass: className, sharedBy: 'the class’s Ingresses'},
        },
        ingress,
      )
    } else {
      const id = add(
        {
          id: objectId(ingress),
          provider: 'gcp',
          type: kind === 'gce' ? 'compute.googleapis.com/UrlMap' : 'compute.googleapis.com/RegionUrlMap',
          name,
          attributes: {kubernetesObject: where(ingress), scheme: kind === 'gce' ? 'external' : 'internal'},
        },
        ingress,
      )
      gcpIngressEdges(ingress, id)
    }
  }

  function gcpIngressEdges(ingress: KubeObject, id: string) {
    managedCertificates ??= new Map(byKind('ManagedCertificate', 'networking.gke.io').map((o) => [nsKey(o.namespace, o.name), o]))
    const a = ingress.annotations
    const names = (value: string | undefined) =>
      (value ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter((n) => /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(n))
    for (const cert of names(a['networking.gke.io/managed-certificates'])) {
      const managed = managedCertificates.get(nsKey(ingress.namespace, cert))
      dependOn(
        id,
        add(
          {
            id: localId(`ManagedCertificate/${ingress.namespace ?? '_'}/${cert}`),
            provider: 'gcp',
            type: 'compute.googleapis.com/ManagedSslCertificate',
            name: cert,
            region: 'global',
          },
          ingress,
          ...(managed ? [managed] : []),
        ),
      )
    }
    for (const cert of names(a['ingress.gcp.kubernetes.io/pre-shared-cert']))
      dependOn(
        id,
        add(
          {
            id: localId(`ssl-certificate/${cert}`),
            provider: 'gcp',
            type: 'compute.googleapis.com/SslCertificate',
            name: cert,
          },
          ingress,
        ),
      )
    for (const address of names(a['kubernetes.io/ingress.global-static-ip-name']))
      dependOn(
        id,
        add(
          {
            id: localId(`global-address/${address}`),
            provider: 'gcp',
            type: 'compute.googleapis.com/GlobalAddress',
            name: address,
            region: 'global',
          },
          ingress,
        ),
      )
  }

  // Gateway API: GKE's classes and the AWS Load Balancer Controller's.
  for (const gateway of byKind('Gateway', 'gateway.networking.k8s.io')) {
    const className = text(gateway.spec.gatewayClassName)
    if (!className) continue
    const controller = gatewayClasses.get(className)
    const gke = gkeGatewayClass(className)
    const name = `${gateway.namespace ? `${gateway.namespace}/` : ''}${gateway.name}`
    if (gke)
      add(
        {
          id: objectId(gateway),
          provider: 'gcp',
          type: gke === 'gce' ? 'compute.googleapis.com/UrlMap' : 'compute.googleapis.com/RegionUrlMap',
          name,
          attributes: {kubernetesObject: where(gateway), gatewayClass: className},
        },
        gateway,
      )
    else if (controller === 'gateway.k8s.aws/alb' || controller === 'gateway.k8s.aws/nlb')
      add(
        {
          id: objectId(gateway),
          provider: 'aws',
          type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          name,
          attributes: {
            kubernetesObject: where(gateway),
            type: controller.endsWith('alb') ? 'application' : 'network',
            gatewayClass: className,
          },
        },
        gateway,
      )
  }

  // External Secrets: a store backed by a cloud secret manager, and the identity it reads with.
  const storeIds = new Map<string, string>()
  for (const store of objects.filter(
    (o) => o.group === 'external-secrets.io' && (o.kind === 'SecretStore' || o.kind === 'ClusterSecretStore'),
  )) {
    const provider = get(store.spec, 'provider')
    const aws = get(provider, 'aws')
    const azure = get(provider, 'azurekv')
    const gcp = get(provider, 'gcpsm')
    const storeName = `${store.kind} ${store.namespace ? `${store.namespace}/` : ''}${store.name}`
    let id: string | undefined
    let serviceAccount: {namespace?: string; name?: string} | undefined
    if (isJson(aws)) {
      const service = text(aws.service) ?? 'SecretsManager'
      const type =
        service === 'ParameterStore'
          ? 'AWS::SSM::Parameter'
          : service === 'CertificateManager'
            ? 'AWS::CertificateManager::Certificate'
            : 'AWS::SecretsManager::Secret'
      id = add(
        {
          id: objectId(store),
          provider: 'aws',
          type,
          name: `Secrets read by ${storeName}`,
          region: text(aws.region),
          attributes: {kubernetesObject: where(store), service},
        },
        store,
      )
      const role = text(aws.role)
      if (role && IAM_ROLE_ARN.test(role)) dependOn(id, addRole(role, store))
      const ref = get(aws, 'auth', 'jwt', 'serviceAccountRef')
      serviceAccount = {namespace: text(get(ref, 'namespace')), name: text(get(ref, 'name'))}
    } else if (isJson(azure)) {
      const vault = KEY_VAULT_URL.exec(text(azure.vaultUrl) ?? '')?.[1]?.toLowerCase()
      id = add(
        {
          id: vault ? `azure:microsoft.keyvault/vaults:${vault}` : objectId(store),
          provider: 'azure',
          type: 'microsoft.keyvault/vaults',
          name: vault ?? `Key Vault of ${storeName}`,
          attributes: {kubernetesObject: where(store), ...(text(azure.authType) ? {authType: azure.authType} : {})},
        },
        store,
      )
      const ref = get(azure, 'serviceAccountRef')
      serviceAccount = {namespace: text(get(ref, 'namespace')), name: text(get(ref, 'name'))}
    } else if (isJson(gcp)) {
      // projectID is a string; a documentation example writes it as a YAML list, which is not one.
      const project = text(gcp.projectID)
      id = add(
        {
          id: objectId(store),
          provider: 'gcp',
          type: 'secretmanager.googleapis.com/Secret',
          name: `Secrets read by ${storeName}`,
          account: project,
          attributes: {kubernetesObject: where(store)},
        },
        store,
      )
      const ref = get(gcp, 'auth', 'workloadIdentity', 'serviceAccountRef')
      serviceAccount = {namespace: text(get(ref, 'namespace')), name: text(get(ref, 'name'))}
    }
    if (!id) continue
    storeIds.set(`${store.kind}/${store.kind === 'ClusterSecretStore' ? '' : (store.namespace ?? '')}/${store.name}`, id)
    for (const identity of identityOf(serviceAccount?.namespace ?? store.namespace, serviceAccount?.name))
      dependOn(id, identity.id)
  }
  for (const secret of objects.filter((o) => o.group === 'external-secrets.io' && /ExternalSecret$|^PushSecret$/.test(o.kind))) {
    const refs = [get(secret.spec, 'secretStoreRef'), ...((get(secret.spec, 'secretStoreRefs') as unknown[] | undefined) ?? [])]
    for (const ref of refs) {
      const kind = text(get(ref, 'kind')) ?? 'SecretStore'
      const key = `${kind}/${kind === 'ClusterSecretStore' ? '' : (secret.namespace ?? '')}/${text(get(ref, 'name')) ?? ''}`
      const storeId = storeIds.get(key)
      if (!storeId) continue
      coupledObjects.add(secret)
      const store = resources.get(storeId)!
      store.attributes ??= {}
      store.attributes.externalSecrets = ((store.attributes.externalSecrets as number | undefined) ?? 0) + 1
    }
  }

  // Operators' objects: each is a cloud resource; references between them are dependencies.
  const operated: {object: KubeObject; id: string; kindWord: string; shortKind: string}[] = []
  for (const object of objects) {
    if (!isOperatorGroup(object.group)) continue
    const managed = operatorResource(object, catalog)
    if (!managed) continue
    const candidate: ResourceInput = {id: '', provider: managed.provider, type: managed.type, source, tags: {}}
    if (isContainer(candidate)) {
      containers++
      coupledObjects.add(object)
      continue
    }
    const id = add(
      {
        id: managed.nativeId ?? objectId(object),
        provider: managed.provider,
        type: managed.type,
        name: managed.name,
        ...(managed.account ? {account: managed.account} : {}),
        ...(managed.region ? {region: managed.region} : {}),
        ...(managed.sizeGiB !== undefined ? {sizeGiB: managed.sizeGiB} : {}),
        attributes: {
          ...managed.attributes,
          kubernetesObject: where(object),
          operator: managed.operator,
          apiVersion: object.apiVersion,
        },
      },
      object,
    )
    // Config Connector prefixes kinds with the service (ComputeNetwork): references name the rest.
    const kindWord = object.kind.toLowerCase()
    const service = object.group.split('.')[0]!
    operated.push({object, id, kindWord, shortKind: kindWord.startsWith(service) ? kindWord.slice(service.length) : kindWord})
  }
  const operatedByName = new Map<string, typeof operated>()
  for (const entry of operated) {
    const key = nsKey(entry.object.namespace, entry.object.name)
    const list = operatedByName.get(key)
    if (list) list.push(entry)
    else operatedByName.set(key, [entry])
  }
  for (const {object, id} of operated) {
    for (const {field, name} of operatorReferences(object.spec)) {
      const same = operatedByName.get(nsKey(object.namespace, name)) ?? []
      // Several kinds share the name: the field says which (`networkRef` → ComputeNetwork, `vpcIdRef` → VPC).
      const hint = field
        .toLowerCase()
        .replace(/refs?$/, '')
        .replace(/id$/, '')
      const chosen =
        same.length === 1
          ? same
          : same.filter(
              (o) =>
                hint.length > 1 &&
                o.shortKind.length > 1 &&
                (o.kindWord.endsWith(hint) || hint.endsWith(o.kindWord) || hint.endsWith(o.shortKind)),
            )
      if (chosen.length === 1) dependOn(id, chosen[0]!.id)
    }
  }

  // LoadBalancer Services that name no cloud: the cloud of the rest of the cluster, when that is one.
  if (unknownServices.length > 0) {
    const only = clouds.size === 1 ? [...clouds][0] : undefined
    if (only) {
      for (const service of unknownServices) {
        const name = `${service.namespace ? `${service.namespace}/` : ''}${service.name}`
        if (only === 'aws') addAwsServiceLoadBalancer(service, name, undefined, undefined, undefined)
        else if (only === 'azure') addAzureServiceLoadBalancer(service)
        else addGcpServiceLoadBalancer(service, name)
        const made = resources.get(only === 'azure' ? localId('azure-load-balancer/kubernetes') : objectId(service))
        if (made?.attributes) made.attributes.cloudInferred = `no cloud annotation; the other objects of ${file} are on ${only}`
      }
    } else
      warnings.push(
        `${unknownServices.length} LoadBalancer Services name no cloud and the other objects name ${clouds.size === 0 ? 'none' : 'several'}, so their load balancers are not counted: ${listed(unknownServices.map(where))}.`,
      )
  }

  return {resources: [...resources.values()], warnings, coupled: coupledObjects.size, containers}
}

function listed(items: string[], limit = 5): string {
  return items.length > limit ? `${items.slice(0, limit).join(', ')} and ${items.length - limit} more` : items.join(', ')
}
