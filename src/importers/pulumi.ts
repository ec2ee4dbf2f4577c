/**
 * Pulumi state: `pulumi stack export` (`{version, deployment: {resources}}`) and the local backend's
 * checkpoint file (`.pulumi/stacks/<project>/<stack>.json`: `{version, checkpoint: {latest: {resources}}}`).
 * Only custom resources are resources of the estate: the stack, component resources, provider
 * resources, resources read with `get` and helper packages (random, tls, command …) are skipped and
 * counted. Bridged providers' outputs are the Terraform provider's attributes in camelCase, so each
 * resource goes through the Terraform mapping (ids, regions, tags, the few attributes kept); the type
 * comes from the ARN or ARM id where there is one, so it matches a live scan. `dependencies` and
 * `propertyDependencies` become dependsOn; a dependency on a component stands for what it contains.
 * Secret values (Pulumi's secret envelope) are never read.
 */
import {mapArn} from '../collectors/aws/arn.js'
import {InputError} from '../errors.js'
import type {ResourceInput} from '../inventory/model.js'
import {isObject, type JsonObject as Json} from '../util/json.js'
import {armTypeOf, isAddressId, namespacedId} from './terraform/ids.js'
import {mapInstance} from './terraform/mapping.js'
import {bump, emptySensitivity, type TerraformInstance} from './terraform/types.js'
import type {ExportRead} from './types.js'

/** The key of Pulumi's secret envelope (`{"4dabf…": "1b47…", "ciphertext": …}`). */
const SECRET_SIGNATURE = '4dabf18193072939515e22adb298388d'

export function looksLikePulumiState(data: unknown): boolean {
  if (!isObject(data) || typeof data.version !== 'number') return false
  if (isObject(data.deployment) && Array.isArray(data.deployment.resources)) return true
  return isObject(data.checkpoint) && (isObject(data.checkpoint.latest) || 'stack' in data.checkpoint)
}

/** Pulumi package → exitready provider and the Terraform prefix of its bridged types. */
const PACKAGES: Record<string, {provider: string; terraform?: string}> = {
  aws: {provider: 'aws', terraform: 'aws'},
  'aws-native': {provider: 'aws'},
  awsx: {provider: 'aws'},
  azure: {provider: 'azure', terraform: 'azurerm'},
  'azure-native': {provider: 'azure'},
  azuread: {provider: 'azure', terraform: 'azuread'},
  gcp: {provider: 'gcp', terraform: 'google'},
  'google-native': {provider: 'gcp'},
  hcloud: {provider: 'hetzner', terraform: 'hcloud'},
  scaleway: {provider: 'scaleway', terraform: 'scaleway'},
  ovh: {provider: 'ovhcloud', terraform: 'ovh'},
  openstack: {provider: 'openstack', terraform: 'openstack'},
  ionoscloud: {provider: 'ionos', terraform: 'ionoscloud'},
  exoscale: {provider: 'exoscale', terraform: 'exoscale'},
  upcloud: {provider: 'upcloud', terraform: 'upcloud'},
  stackit: {provider: 'stackit', terraform: 'stackit'},
  cloudflare: {provider: 'saas', terraform: 'cloudflare'},
  fastly: {provider: 'saas', terraform: 'fastly'},
}

/** Packages whose resources are helpers or configure something running elsewhere. */
const NON_CLOUD = new Set([
  'random',
  'tls',
  'command',
  'time',
  'null',
  'local',
  'archive',
  'std',
  'docker',
  'docker-build',
  'kubernetes',
  'helm',
  'github',
  'gitlab',
  'datadog',
  'vault',
  'terraform',
  'pulumiservice',
])

/** Bridged tokens whose Terraform name does not follow from the token. */
const TERRAFORM_EXCEPTIONS: Record<string, string> = {
  'aws:rds/instance:Instance': 'aws_db_instance',
  'aws:lb/loadBalancer:LoadBalancer': 'aws_lb',
  'aws:alb/loadBalancer:LoadBalancer': 'aws_lb',
  'aws:s3/bucketV2:BucketV2': 'aws_s3_bucket',
  'aws:apigateway/restApi:RestApi': 'aws_api_gateway_rest_api',
  'aws:apigateway/stage:Stage': 'aws_api_gateway_stage',
  'aws:apigateway/deployment:Deployment': 'aws_api_gateway_deployment',
}

/** Modules whose Terraform types carry no module part (`aws:ec2/vpc:Vpc` → `aws_vpc`). */
const BARE_MODULES: Record<string, Set<string>> = {
  aws: new Set(['ec2', 'index']),
  azurerm: new Set(['core', 'network', 'compute', 'index']),
}

const snake = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()

/** `aws:ec2/securityGroup:SecurityGroup` → package, module, name. */
function splitToken(type: string): {pkg: string; module: string; name: string} | undefined {
  const match = /^([^:]+):([^:]*):([^:]+)$/.exec(type)
  if (!match) return undefined
  return {pkg: match[1]!, module: match[2]!.split('/')[0]!, name: match[3]!}
}

/** The Terraform types a bridged token may correspond to, most specific first. */
function terraformCandidates(type: string, prefix: string, module: string, name: string): string[] {
  const exception = TERRAFORM_EXCEPTIONS[type]
  if (exception) return [exception]
  const out: string[] = []
  if (module !== 'index' && module !== '') out.push(`${prefix}_${snake(module)}_${snake(name)}`)
  if (module === 'index' || module === '' || BARE_MODULES[prefix]?.has(module)) out.push(`${prefix}_${snake(name)}`)
  return out
}

/** Output keys in Terraform's snake_case; a secret-wrapped value is marked, never read. */
function attributesOf(values: Json): {attributes: Record<string, unknown>; secret: Set<string>} {
  const attributes: Record<string, unknown> = {}
  const secret = new Set<string>()
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith('__')) continue
    const name = snake(key)
    if (isObject(value) && SECRET_SIGNATURE in value) secret.add(name)
    else attributes[name] = value
  }
  return {attributes, secret}
}

interface PulumiResource {
  urn: string
  type: string
  custom: boolean
  raw: Json
}

const nameOfUrn = (urn: string) => urn.slice(urn.lastIndexOf('::') + 2)

/** Region, location and project of a provider resource (`urn::id`), for resources that do not say theirs. */
function providerDefaults(reference: unknown, providers: ReadonlyMap<string, Json>): TerraformInstance['providerDefaults'] {
  if (typeof reference !== 'string') return undefined
  const provider = providers.get(reference.slice(0, reference.lastIndexOf('::')))
  if (!provider) return undefined
  const values = isObject(provider.outputs) ? provider.outputs : isObject(provider.inputs) ? provider.inputs : {}
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
  return {region: text(values.region) ?? text(values.location), project: text(values.project)}
}

export interface PulumiRead extends ExportRead {
  skipped: Record<string, number>
  unknownProviders: Record<string, number>
  stack?: string
}

export interface PulumiOptions {
  file: string
  source: string
  canonicalType: (type: string) => string | undefined
  strict?: boolean
}

export function readPulumiState(data: unknown, options: PulumiOptions): PulumiRead {
  const {file, source} = options
  if (!isObject(data)) throw new InputError(`${file}: not Pulumi state (expected a JSON object).`)
  const deployment = isObject(data.deployment)
    ? data.deployment
    : isObject(data.checkpoint) && isObject(data.checkpoint.latest)
      ? data.checkpoint.latest
      : isObject(data.checkpoint)
        ? {resources: []}
        : undefined
  if (!deployment || !Array.isArray(deployment.resources))
    throw new InputError(`${file}: not \`pulumi stack export\` output or a Pulumi checkpoint (no deployment resources).`)

  const skipped: Record<string, number> = {}
  const unknownProviders: Record<string, number> = {}
  const all: PulumiResource[] = []
  const providers = new Map<string, Json>()
  for (let i = 0; i < deployment.resources.length; i++) {
    const raw = deployment.resources[i]
    if (!isObject(raw) || typeof raw.urn !== 'string' || typeof raw.type !== 'string')
      throw new InputError(`${file}: resources[${i}] has no "urn" or "type".`)
    if (raw.type.startsWith('pulumi:providers:')) providers.set(raw.urn, raw)
    all.push({urn: raw.urn, type: raw.type, custom: raw.custom === true, raw})
  }

  const children = new Map<string, string[]>()
  for (const resource of all) {
    const parent = resource.raw.parent
    if (typeof parent !== 'string') continue
    const list = children.get(parent)
    if (list) list.push(resource.urn)
    else children.set(parent, [resource.urn])
  }

  const ids = new Map<string, string>()
  const built: {resource: ResourceInput; raw: Json}[] = []
  let stack: string | undefined
  for (const {urn, type, custom, raw} of all) {
    stack ??= /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn)?.slice(1, 3).join('/')
    if (type.startsWith('pulumi:providers:')) {
      bump(skipped, 'provider resources')
      continue
    }
    if (!custom) {
      bump(skipped, type === 'pulumi:pulumi:Stack' ? 'the stack' : 'component resources')
      continue
    }
    if (raw.delete === true) {
      bump(skipped, 'resources pending deletion')
      continue
    }
    if (raw.external === true) {
      bump(skipped, 'resources read with get (not managed here)')
      continue
    }
    const token = splitToken(type)
    const pkg = token?.pkg ?? type
    if (pkg === 'pulumi' || NON_CLOUD.has(pkg)) {
      bump(skipped, `non-cloud resources (${pkg})`)
      continue
    }
    const known = PACKAGES[pkg]
    if (!known) {
      if (options.strict)
        throw new InputError(
          `${file}: ${urn} is a resource of the Pulumi package ${pkg}, which exitready does not know.`,
          'Leave out --strict to import the rest and list it as skipped, or open an issue asking for it to be mapped.',
        )
      bump(unknownProviders, pkg)
      continue
    }

    const values =
      isObject(raw.outputs) && Object.keys(raw.outputs).length > 0 ? raw.outputs : isObject(raw.inputs) ? raw.inputs : {}
    const {attributes, secret} = attributesOf(values)
    if (typeof raw.id === 'string' && raw.id !== '' && attributes.id === undefined) attributes.id = raw.id
    const candidates = token && known.terraform ? terraformCandidates(type, known.terraform, token.module, token.name) : []
    const terraformType = candidates.find((c) => options.canonicalType(c)) ?? candidates[0] ?? type
    const sensitive = emptySensitivity()
    for (const key of secret) sensitive.whole.add(key)
    const instance: TerraformInstance = {
      address: urn,
      modules: [],
      type: terraformType,
      name: nameOfUrn(urn),
      provider: pkg,
      attributes,
      sensitive,
      dependencies: [],
      providerDefaults: providerDefaults(raw.provider, providers),
    }
    const {resource, mapped} = mapInstance(instance, {provider: known.provider, canonicalType: options.canonicalType, source})
    // The cloud's own id tells the type better than the token: ARN on AWS, ARM id on Azure.
    const arn = typeof attributes.arn === 'string' ? attributes.arn : resource.id.startsWith('arn:') ? resource.id : undefined
    const arnType = arn ? mapArn(arn) : undefined
    const armId = typeof attributes.id === 'string' && /^\/subscriptions\//i.test(attributes.id) ? attributes.id : undefined
    if (known.provider === 'aws' && arn) resource.id = arn
    if (known.provider === 'azure' && armId) {
      resource.id = armId
      resource.account ??= armId.split('/')[2]
    }
    if (arnType?.mapped) resource.type = arnType.type
    else if (armId && armTypeOf(armId)) resource.type = armTypeOf(armId)!
    else if (!mapped) resource.type = type
    if (isAddressId(resource.id, urn)) resource.id = namespacedId(resource.id, urn, 'pulumi')
    const kept = resource.attributes ?? {}
    delete kept.terraformAddress
    kept.pulumiUrn = urn
    kept.pulumiType = type
    resource.attributes = kept
    if (!resource.name || resource.name === urn) resource.name = nameOfUrn(urn)
    ids.set(urn, resource.id)
    built.push({resource, raw})
  }

  // A dependency on a component stands for the custom resources under it.
  const expand = (urn: string, into: Set<string>) => {
    const pending = [urn]
    const seen = new Set<string>()
    while (pending.length > 0) {
      const current = pending.pop()!
      if (seen.has(current)) continue
      seen.add(current)
      const id = ids.get(current)
      if (id) into.add(id)
      else for (const child of children.get(current) ?? []) pending.push(child)
    }
  }
  for (const {resource, raw} of built) {
    const dependencies = new Set<string>()
    for (const urn of Array.isArray(raw.dependencies) ? raw.dependencies : [])
      if (typeof urn === 'string') expand(urn, dependencies)
    if (isObject(raw.propertyDependencies))
      for (const list of Object.values(raw.propertyDependencies))
        for (const urn of Array.isArray(list) ? list : []) if (typeof urn === 'string') expand(urn, dependencies)
    dependencies.delete(resource.id)
    if (dependencies.size > 0) resource.dependsOn = [...dependencies]
  }

  const warnings: string[] = []
  const pending = Array.isArray(deployment.pending_operations) ? deployment.pending_operations.length : 0
  const result: PulumiRead = {resources: built.map((b) => b.resource), warnings, skipped, unknownProviders}
  if (stack) result.stack = stack
  if (pending > 0)
    result.partial = `${pending} operations were still pending when the state was written (an interrupted update); run \`pulumi refresh\` and export again`
  return result
}
