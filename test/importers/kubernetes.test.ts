import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {InputError} from '../../src/errors.js'
import {quantityGiB} from '../../src/importers/kubernetes/couplings.js'
import {snake, upjetTerraformType} from '../../src/importers/kubernetes/operators.js'
import {yamlDocuments} from '../../src/importers/kubernetes/yaml-stream.js'
import {
  KUBERNETES_PLAIN_LABEL,
  looksLikeKubernetesJson,
  looksLikeKubernetesYaml,
  readKubernetes,
} from '../../src/importers/kubernetes.js'
import type {ResourceInput} from '../../src/inventory/model.js'
import {fixture} from './helpers.js'

const catalog = await loadCatalog()
const text = (name: string) => readFileSync(fixture(`real/kubernetes/${name}`), 'utf8')
const read = (name: string) =>
  readKubernetes(
    name.endsWith('.json') ? {data: JSON.parse(text(name))} : {text: text(name)},
    name,
    `kubernetes:${name}`,
    catalog,
  )
const yaml = (body: string, name = 'manifests.yaml') => readKubernetes({text: body}, name, `kubernetes:${name}`, catalog)

function one(resources: ResourceInput[], type: string): ResourceInput {
  const found = resources.filter((r) => r.type === type)
  expect(
    found.map((r) => r.id),
    `exactly one ${type}`,
  ).toHaveLength(1)
  return found[0]!
}

function failure(run: () => unknown): InputError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected an InputError')
}

describe('detection', () => {
  it('knows manifests by their top-level apiVersion and kind, and leaves exitready’s own YAML alone', () => {
    expect(looksLikeKubernetesYaml(text('alb-2048-full.yaml'))).toBe(true)
    expect(looksLikeKubernetesYaml(text('aso-storage.yaml'))).toBe(true)
    expect(looksLikeKubernetesYaml('apiVersion: exitready.dev/v1\nkind: Inventory\nresources: []\n')).toBe(false)
    expect(looksLikeKubernetesYaml('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n')).toBe(false)
    // A Helm chart's Chart.yaml names an apiVersion but no kind.
    expect(looksLikeKubernetesYaml('apiVersion: v2\nname: web\nversion: 1.0.0\n')).toBe(false)
    expect(looksLikeKubernetesJson(JSON.parse(text('alb-ingress.json')))).toBe(true)
    expect(looksLikeKubernetesJson(JSON.parse(text('converted-kubectl-list.json')))).toBe(true)
    expect(looksLikeKubernetesJson({version: 4, terraform_version: '1.9.0', resources: []})).toBe(false)
  })
})

describe('storage: classes, claims and volumes of the cloud CSI drivers', () => {
  it('a claim on an EBS storage class is an EBS volume, sized from its request, typed from the class', () => {
    const result = read('ebs-csi-storageclass.yaml')
    const volume = one(result.resources, 'AWS::EC2::Volume')
    expect(volume).toMatchObject({
      provider: 'aws',
      name: 'ebs-claim',
      sizeGiB: 4,
      attributes: {storageClass: 'ebs-sc', provisioner: 'ebs.csi.aws.com', type: 'io1'},
    })
    // The Pod moves with the cluster: read and counted, not a resource.
    expect(result.resources).toHaveLength(1)
    expect(result).toMatchObject({objects: 3, coupled: 2, skipped: {[KUBERNETES_PLAIN_LABEL]: 1}})
    expect(result.detail).toBe('Kubernetes manifests (YAML, 3 documents): 3 objects read, 2 cloud-coupled')
  })

  it('a statically provisioned volume and its claim are one volume, named by the EBS volume id', () => {
    const result = read('ebs-csi-static-provisioning.yaml')
    expect(result.resources).toHaveLength(1)
    expect(result.resources[0]).toMatchObject({
      id: 'aws:AWS::EC2::Volume:vol-03c604538dd7d2f41',
      type: 'AWS::EC2::Volume',
      sizeGiB: 5,
      attributes: {persistentVolume: 'test-pv', kubernetesObject: 'PersistentVolumeClaim ebs-claim'},
    })
  })

  it('a storage class that no claim uses is coupling without volumes: counted and said, not a resource', () => {
    const result = read('gke-regional-pd-storageclass.yaml')
    expect(result.resources).toEqual([])
    expect(result.coupled).toBe(1)
    expect(result.warnings.join(' ')).toContain('ha-regional (Persistent Disk)')
  })

  it('a claim on a regional Persistent Disk class is a regional disk; one on an unknown class is not a cloud volume', () => {
    const classes = text('gke-regional-pd-storageclass.yaml')
    const result = yaml(
      `${classes}\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: db}\nspec: {storageClassName: ha-regional, resources: {requests: {storage: 100Gi}}}\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: scratch}\nspec: {storageClassName: local-path}\n`,
    )
    expect(result.resources.map((r) => [r.type, r.name, r.sizeGiB])).toEqual([
      ['compute.googleapis.com/RegionDisk', 'db/data', 100],
    ])
    expect(result.warnings).toEqual([])
  })

  it('kubectl’s typed list (items without kind, as the API server returns them) is read as those objects', () => {
    const result = read('converted-persistentvolumelist.json')
    expect(result.resources.map((r) => r.id)).toEqual(['aws:AWS::EC2::Volume:vol-03c604538dd7d2f41'])
    expect(result.detail).toBe('Kubernetes manifests (JSON): 1 objects read, 1 cloud-coupled')
  })

  it('Kubernetes quantities become GiB', () => {
    expect([quantityGiB('4Gi'), quantityGiB('500Mi'), quantityGiB('1Ti'), quantityGiB('100G'), quantityGiB('250M')]).toEqual([
      4, 0.488, 1024, 93.132, 0.233,
    ])
    expect([quantityGiB('lots'), quantityGiB(undefined), quantityGiB('1e999Gi')]).toEqual([undefined, undefined, undefined])
  })
})

describe('load balancers of the cloud controllers', () => {
  it('an `alb` Ingress (annotation) is an application load balancer; its Deployment and NodePort Service are not resources', () => {
    const result = read('alb-2048-full.yaml')
    expect(result.resources).toHaveLength(1)
    expect(result.resources[0]).toMatchObject({
      provider: 'aws',
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      name: 'game-2048/ingress-2048',
      attributes: {type: 'application', scheme: 'internet-facing'},
    })
    expect(catalog.lookup(result.resources[0]!.type, result.resources[0]!.attributes).refinedBy).toBeDefined()
    expect(result).toMatchObject({objects: 4, coupled: 1})
  })

  it('an Ingress whose class is an IngressClass of the ALB controller is one too (the class is coupled)', () => {
    const result = read('alb-ingress-class.yaml')
    one(result.resources, 'AWS::ElasticLoadBalancingV2::LoadBalancer')
    expect(result.coupled).toBe(2)
  })

  it('an IngressGroup is one ALB for all its Ingresses; certificates and WAF ACLs by ARN are resources it depends on', () => {
    // The ARN is the one aws-load-balancer-controller's model tests use (pkg/ingress/model_build_certificates_test.go).
    const cert = 'arn:aws:acm:eu-central-1:134051052098:certificate/0983b834-dc36-4253-8f8c-2e21525d1185'
    const ingress = (name: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: shop\n  annotations:\n    alb.ingress.kubernetes.io/group.name: my-team.awesome-group\n    alb.ingress.kubernetes.io/certificate-arn: ${cert}\nspec:\n  ingressClassName: alb\n`
    const result = yaml(`${ingress('web')}---\n${ingress('api')}`)
    const alb = one(result.resources, 'AWS::ElasticLoadBalancingV2::LoadBalancer')
    expect(alb).toMatchObject({name: 'IngressGroup my-team.awesome-group', dependsOn: [cert]})
    expect(one(result.resources, 'AWS::CertificateManager::Certificate')).toMatchObject({
      id: cert,
      account: '134051052098',
      region: 'eu-central-1',
    })
  })

  it('a documentation placeholder where an ARN belongs is not made into a certificate', () => {
    const result = read('alb-ssl-redirect-ingress.yaml')
    expect(result.resources.map((r) => r.type)).toEqual(['AWS::ElasticLoadBalancingV2::LoadBalancer'])
    expect(result.resources[0]!.dependsOn).toBeUndefined()
  })

  it('a LoadBalancer Service of class service.k8s.aws/nlb is a network load balancer', () => {
    const nlb = one(read('alb-nlb-service.yaml').resources, 'AWS::ElasticLoadBalancingV2::LoadBalancer')
    expect(nlb.attributes).toMatchObject({type: 'network', loadBalancerClass: 'service.k8s.aws/nlb'})
  })

  it('AWS annotations without `nlb` mean the in-tree Classic ELB; Azure’s share one load balancer; GKE’s are forwarding rules', () => {
    const service = (name: string, annotations: string) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  annotations:\n${annotations}\nspec:\n  type: LoadBalancer\n`
    const result = yaml(
      [
        service('classic', '    service.beta.kubernetes.io/aws-load-balancer-internal: "true"'),
        service('nlb', '    service.beta.kubernetes.io/aws-load-balancer-type: nlb'),
        service('az-a', '    service.beta.kubernetes.io/azure-load-balancer-internal: "true"'),
        service('az-b', '    service.beta.kubernetes.io/azure-load-balancer-internal: "true"'),
      ].join('---\n'),
    )
    expect(result.resources.map((r) => [r.type, r.name])).toEqual([
      ['AWS::ElasticLoadBalancing::LoadBalancer', 'classic'],
      ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'nlb'],
      ['microsoft.network/loadbalancers', 'kubernetes-internal'],
    ])
    expect(result.resources[2]!.attributes!.services).toEqual(['Service az-a', 'Service az-b'])
    const gke = read('gke-internal-lb-service.yaml')
    expect(one(gke.resources, 'compute.googleapis.com/ForwardingRule').attributes).toMatchObject({scheme: 'internal'})
  })

  it('a LoadBalancer Service that names no cloud takes the cloud of the other objects, or is reported when there is none', () => {
    const plain = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: LoadBalancer}\n'
    const alone = yaml(plain)
    expect(alone.resources).toEqual([])
    expect(alone.warnings.join(' ')).toContain('1 LoadBalancer Services name no cloud')
    const withAws = yaml(`${plain}---\n${text('ebs-csi-storageclass.yaml')}`)
    const lb = one(withAws.resources, 'AWS::ElasticLoadBalancing::LoadBalancer')
    expect(lb.attributes!.cloudInferred).toContain('on aws')
    // MetalLB and other classes are not a cloud's.
    const metallb = yaml(`${plain.replace('{type: LoadBalancer}', '{type: LoadBalancer, loadBalancerClass: metallb.io/l2}')}`)
    expect(metallb.resources).toEqual([])
    expect(metallb.warnings).toEqual([])
  })

  it('AGIC Ingresses (class name or annotation) program the Application Gateway of their class', () => {
    expect(one(read('agic-aspnetapp.yaml').resources, 'microsoft.network/applicationgateways').attributes).toMatchObject({
      ingressClass: 'azure-application-gateway',
    })
    one(read('agic-guestbook-tls.yaml').resources, 'microsoft.network/applicationgateways')
  })

  it('a `gce` Ingress is a global URL map that depends on its managed certificate and static address', () => {
    const result = read('gke-elastic-stack-ingress.yaml')
    const urlMap = one(result.resources, 'compute.googleapis.com/UrlMap')
    const cert = one(result.resources, 'compute.googleapis.com/ManagedSslCertificate')
    const address = one(result.resources, 'compute.googleapis.com/GlobalAddress')
    expect(urlMap.dependsOn).toEqual([cert.id, address.id])
    // The ManagedCertificate object is coupled; the FrontendConfig moves with the cluster.
    expect(result).toMatchObject({objects: 3, coupled: 2})
  })

  it('a Gateway of a GKE gateway class is a URL map', () => {
    expect(one(read('gke-rayserve-gateway.yaml').resources, 'compute.googleapis.com/UrlMap').attributes).toMatchObject({
      gatewayClass: 'gke-l7-global-external-managed',
    })
  })
})

describe('workload identity and external secrets', () => {
  it('IRSA: the role an annotated service account acts as is a resource, and the secret store reading with it depends on it', () => {
    const result = read('eso-aws-irsa.yaml')
    const role = one(result.resources, 'AWS::IAM::Role')
    expect(role).toMatchObject({
      id: 'arn:aws:iam::123456789012:role/team-a',
      name: 'team-a',
      account: '123456789012',
      attributes: {boundTo: 'ServiceAccount default/my-serviceaccount'},
    })
    const store = one(result.resources, 'AWS::SecretsManager::Secret')
    expect(store).toMatchObject({region: 'eu-central-1', dependsOn: [role.id]})
  })

  it('a store’s role ARN is a dependency; a role given by name only is not made into a resource', () => {
    const result = read('eso-aws-sm-store.yaml')
    expect(one(result.resources, 'AWS::SecretsManager::Secret').dependsOn).toEqual([
      'arn:aws:iam::123456789012:role/external-secrets',
    ])
    const parameters = read('eso-aws-parameter-store.yaml')
    one(parameters.resources, 'AWS::SSM::Parameter')
  })

  it('ExternalSecrets that read a store in the same files are counted on it; alone they are not cloud-coupled', () => {
    const store = text('eso-aws-sm-store.yaml')
    const secret = text('eso-aws-sm-external-secret.yaml')
    const together = yaml(`${store}\n---\n${secret}`)
    expect(one(together.resources, 'AWS::SecretsManager::Secret').attributes!.externalSecrets).toBe(1)
    expect(together.coupled).toBe(2)
    expect(read('eso-aws-sm-external-secret.yaml')).toMatchObject({coupled: 0, resources: []})
  })

  it('an Azure Key Vault store names its vault; a GCP store its project (a YAML list where a string belongs is not one)', () => {
    const azure = read('eso-azkv-workload-identity.yaml')
    expect(one(azure.resources, 'microsoft.keyvault/vaults')).toMatchObject({id: 'azure:microsoft.keyvault/vaults:xx-xxxx-xx'})
    // The documentation's client id is a placeholder: the service account is coupled, the identity not countable.
    expect(azure.coupled).toBe(2)
    expect(azure.warnings.join(' ')).toContain('workload-identity-sa (azure.workload.identity/client-id is not a client id')
    const gcp = one(read('eso-gcpsm-wif-sa-secret-store.yaml').resources, 'secretmanager.googleapis.com/Secret')
    expect(gcp.account).toBeUndefined()
  })

  it('Azure and GKE workload identities with real values become the identity they name', () => {
    const result = yaml(
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  annotations:\n    azure.workload.identity/client-id: 7d8cdf74-1b2c-4d5e-9f01-274d963d358b\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: g\n  annotations:\n    iam.gke.io/gcp-service-account: reader@my-project.iam.gserviceaccount.com\n',
    )
    expect(one(result.resources, 'microsoft.managedidentity/userassignedidentities').attributes).toMatchObject({
      clientId: '7d8cdf74-1b2c-4d5e-9f01-274d963d358b',
    })
    expect(one(result.resources, 'iam.googleapis.com/ServiceAccount')).toMatchObject({
      id: 'gcp:iam.googleapis.com/ServiceAccount:reader@my-project.iam.gserviceaccount.com',
      account: 'my-project',
    })
  })

  it('template placeholders in identity annotations are reported, never made into identities', () => {
    for (const name of ['gke-workload-identity-placeholder.yaml', 'gke-airflow-service-account.yaml']) {
      const result = read(name)
      expect(result.resources).toEqual([])
      expect(result.coupled).toBe(1)
      expect(result.warnings.join(' ')).toContain('iam.gke.io/gcp-service-account is not a service account e-mail')
    }
  })
})

describe('operators that manage cloud resources', () => {
  it('ACK: an RDS DBInstance and an S3 Bucket are those AWS resources, with the engine the catalog refines on', () => {
    const rds = one(read('ack-rds-postgresql.yaml').resources, 'AWS::RDS::DBInstance')
    expect(rds).toMatchObject({sizeGiB: 20, attributes: {engine: 'postgres', engineVersion: '14', operator: 'ACK'}})
    expect(catalog.lookup(rds.type, rds.attributes).refinedBy).toBeDefined()
    one(read('ack-s3-bucket.yaml').resources, 'AWS::S3::Bucket')
    // FieldExports and ConfigMaps are ACK's and the cluster's own objects.
    expect(read('ack-rds-field-exports.yaml')).toMatchObject({resources: [], coupled: 0})
  })

  it('ACK: the ARN the controller writes in status is the id (the same a scan gives), with account and region', () => {
    const result = yaml(
      'apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata: {name: logs}\nspec: {name: acme-logs}\nstatus:\n  ackResourceMetadata: {arn: "arn:aws:s3:::acme-logs", ownerAccountID: "111122223333", region: eu-west-1}\n',
    )
    expect(result.resources[0]).toMatchObject({id: 'arn:aws:s3:::acme-logs', account: '111122223333', region: 'eu-west-1'})
  })

  it('Azure Service Operator: a StorageAccount is a storage account; the resource group is containment; owners are dependencies', () => {
    const result = read('aso-storage.yaml')
    expect(result.resources.map((r) => r.type)).toEqual([
      'microsoft.storage/storageaccounts',
      'microsoft.storage/storageaccounts/blobservices',
      'microsoft.storage/storageaccounts/blobservices/containers',
    ])
    expect(result.resources[0]).toMatchObject({region: 'westcentralus', attributes: {kind: 'StorageV2', sku: 'Standard_LRS'}})
    expect(result.resources[1]!.dependsOn).toEqual([result.resources[0]!.id])
    expect(result.resources[2]!.dependsOn).toEqual([result.resources[1]!.id])
    expect(result.resources[0]!.dependsOn).toBeUndefined()
    expect(result.skipped).toEqual({'containers (subscriptions, resource groups, projects, accounts)': 1})
  })

  it('Config Connector: kinds map through their Terraform types; references resolve by name and field to the right kind', () => {
    const result = read('cnrm-sql-private-ip.yaml')
    const byKind = Object.fromEntries(result.resources.map((r) => [String(r.attributes!.kubernetesObject).split(' ')[0], r]))
    expect(byKind.ComputeAddress!.type).toBe('compute.googleapis.com/GlobalAddress')
    expect(byKind.SQLInstance!.type).toBe('sqladmin.googleapis.com/Instance')
    // The sample keeps its placeholder for the project: the bucket's name is still its id.
    expect(byKind.StorageBucket!.id).toBe(`//storage.googleapis.com/${'$'}{PROJECT_ID?}-sample`)
    // Four objects share the name sqlinstance-dep-private-ip; networkRef and privateNetworkRef mean the network.
    const network = byKind.ComputeNetwork!.id
    expect(byKind.ComputeAddress!.dependsOn).toEqual([network])
    expect(byKind.SQLInstance!.dependsOn).toEqual([network])
    expect(byKind.ServiceNetworkingConnection!.dependsOn).toEqual([network])
  })

  it('Config Connector: a reconciled object’s project annotation and region are read', () => {
    const subnet = one(read('cnrm-computesubnetwork-golden.yaml').resources, 'compute.googleapis.com/Subnetwork')
    // The golden object keeps Config Connector's test placeholders.
    expect(subnet).toMatchObject({account: ['$', '{projectId}'].join(''), region: 'us-central1'})
  })

  it('Crossplane (Upjet): rds Instance is an RDS instance, not EC2; namespaced (.m.) groups read the same', () => {
    const result = read('crossplane-aws-rds-instance.yaml')
    expect(one(result.resources, 'AWS::RDS::DBInstance')).toMatchObject({
      region: 'us-west-1',
      sizeGiB: 20,
      attributes: {engine: 'postgres', operator: 'Crossplane'},
    })
    one(result.resources, 'AWS::KMS::Key')
    expect(read('crossplane-aws-s3-bucket-namespaced.yaml').resources.map((r) => r.type)).toEqual([
      'AWS::S3::Bucket',
      'AWS::S3::Bucket',
    ])
    expect(upjetTerraformType('aws', 'rds', 'Instance')).toBe('aws_db_instance')
    expect(upjetTerraformType('aws', 'ec2', 'VPC')).toBe('aws_vpc')
    expect(upjetTerraformType('azure', 'storage', 'Account')).toBe('azurerm_storage_account')
    expect(upjetTerraformType('gcp', 'sql', 'DatabaseInstance')).toBe('google_sql_database_instance')
    expect(snake('VPCEndpoint')).toBe('vpc_endpoint')
  })
})

describe('safe YAML, and errors that point without quoting', () => {
  it('a malformed document is an InputError at file:line:column that quotes nothing', () => {
    const error = failure(() => read('alb-invalid.yaml'))
    expect(error.message).toBe('alb-invalid.yaml:6:1: YAML syntax error (bad indent).')
    expect(error.message).not.toContain('unclosed')
  })

  it('an unrendered Helm template says to render it first', () => {
    const error = failure(() => yaml('apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n', 'svc.yaml'))
    expect(error.message).toBe('svc.yaml:4:10: a map key that is itself a map or a list.')
    expect(error.suggestion).toContain('helm template')
  })

  it('custom tags, duplicate keys and alias bombs are refused with their position', () => {
    expect(failure(() => yaml('apiVersion: v1\nkind: ConfigMap\ndata: !Ref secret\n')).message).toBe(
      'manifests.yaml:3:7: custom YAML tags are not allowed.',
    )
    expect(failure(() => yaml('apiVersion: v1\nkind: A\nkind: B\n')).message).toContain('manifests.yaml:3:1: duplicate key')
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      )
    expect(failure(() => yaml(bomb.join('\n'))).message).toContain('too many alias expansions in one document')
  })

  it('a document over the per-document limit is refused at its start, before it is composed', () => {
    const docs = [...yamlDocuments('a: 1\n---\nb: 2\n', 'x.yaml', 100)]
    expect(docs.map((d) => d.value)).toEqual([{a: 1}, {b: 2}])
    const error = failure(() => [...yamlDocuments(`a: 1\n---\nb: ${'x'.repeat(200)}\n`, 'x.yaml', 100)])
    expect(error.message).toMatch(
      /^x\.yaml:2:1: a YAML document of \d+ characters is over the 100-character limit for one document\.$/,
    )
  })

  it('documents that are not objects are skipped and named by position; comment-only documents are nothing', () => {
    const result = yaml(
      '# only a comment\n---\n- a list\n---\njust text\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n',
    )
    expect(result.objects).toBe(1)
    expect(result.warnings[0]).toBe(
      '2 documents or items are not Kubernetes objects (a map with apiVersion and kind) and were skipped: manifests.yaml:3:1, manifests.yaml:5:1.',
    )
  })

  it('a kubectl List in JSON reads every item; a List’s item that is not an object is named by its path', () => {
    const result = read('converted-kubectl-list.json')
    expect(result.objects).toBe(8)
    expect(result.resources.map((r) => r.type).sort()).toEqual([
      'AWS::EC2::Volume',
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'AWS::IAM::Role',
      'AWS::SecretsManager::Secret',
    ])
    const broken = readKubernetes({data: {apiVersion: 'v1', kind: 'List', items: [42, {kind: 'Pod'}]}}, 'l.json', 'k', catalog)
    expect(broken.warnings[0]).toContain('l.json: items[0], l.json: items[1]')
  })
})
