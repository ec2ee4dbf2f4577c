/**
 * A CDK cloud assembly (`cdk synth` → `cdk.out/`): `manifest.json` lists the stacks, each with its
 * template file and environment (`aws://123456789012/eu-west-1`, or `unknown-account` for an
 * environment-agnostic stack); nested assemblies (CDK stages) are followed. Every template is read
 * by the template reader, with the stack's account and region, so literal names become ARNs.
 */
import {readdir} from 'node:fs/promises'
import {dirname, isAbsolute, join, normalize, sep} from 'node:path'
import {InputError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {isObject, type JsonObject as Json} from '../../util/json.js'
import {parseJsonText} from '../json-text.js'
import {readImportText} from '../read.js'
import type {ExportRead} from '../types.js'
import {readTemplate} from './template.js'

export const looksLikeCdkManifest = (data: unknown) =>
  isObject(data) &&
  typeof data.version === 'string' &&
  isObject(data.artifacts) &&
  Object.values(data.artifacts).some(
    (a) => isObject(a) && (a.type === 'aws:cloudformation:stack' || a.type === 'cdk:cloud-assembly'),
  )

/** Nested assemblies deeper than this are not followed (CDK nests one level per Stage). */
const MAX_DEPTH = 8

/** The folder holds a CDK assembly when it has a manifest.json. */
export async function isCdkAssemblyFolder(folder: string): Promise<boolean> {
  try {
    return (await readdir(folder)).includes('manifest.json')
  } catch {
    return false
  }
}

/** A file named by the manifest, which must stay inside the assembly folder. */
function inside(folder: string, relative: unknown, manifest: string, field: string): string {
  if (typeof relative !== 'string' || relative === '' || isAbsolute(relative) || normalize(relative).split(sep).includes('..'))
    throw new InputError(`${manifest}: ${field} must name a file inside the assembly folder.`)
  return join(folder, relative)
}

function environment(artifact: Json): {account?: string; region?: string} {
  const match = typeof artifact.environment === 'string' ? /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment) : null
  if (!match) return {}
  return {
    ...(/^\d{12}$/.test(match[1]!) ? {account: match[1]} : {}),
    ...(match[2] !== 'unknown-region' ? {region: match[2]} : {}),
  }
}

export interface CdkRead extends ExportRead {
  skipped: Record<string, number>
  stacks: number
}

/** Reads an assembly from its manifest (already parsed) and the folder it is in. */
export async function readCdkAssembly(manifest: unknown, manifestFile: string, source: string): Promise<CdkRead> {
  const out: CdkRead = {resources: [], warnings: [], skipped: {}, stacks: 0}
  const pending: {data: unknown; file: string; depth: number}[] = [{data: manifest, file: manifestFile, depth: 0}]
  while (pending.length > 0) {
    const {data, file, depth} = pending.pop()!
    if (!isObject(data) || !isObject(data.artifacts))
      throw new InputError(`${file}: not a CDK assembly manifest (no "artifacts").`)
    const folder = dirname(file)
    for (const [artifactId, artifact] of Object.entries(data.artifacts)) {
      if (!isObject(artifact)) continue
      const properties = isObject(artifact.properties) ? artifact.properties : {}
      if (artifact.type === 'cdk:cloud-assembly') {
        if (depth >= MAX_DEPTH) {
          out.warnings.push(`${file}: nested assemblies deeper than ${MAX_DEPTH} levels were not read.`)
          continue
        }
        const nested = join(
          inside(folder, properties.directoryName, file, `artifacts.${artifactId}.properties.directoryName`),
          'manifest.json',
        )
        pending.push({data: (await parseJsonText(await readImportText(nested), nested)).data, file: nested, depth: depth + 1})
        continue
      }
      if (artifact.type !== 'aws:cloudformation:stack') continue
      const templateFile = inside(folder, properties.templateFile, file, `artifacts.${artifactId}.properties.templateFile`)
      const template = (await parseJsonText(await readImportText(templateFile), templateFile)).data
      const stackName = typeof properties.stackName === 'string' ? properties.stackName : artifactId
      const read = readTemplate(template, {file: templateFile, source, namespace: stackName, ...environment(artifact)})
      out.stacks++
      for (const resource of read.resources) {
        resource.attributes = {...resource.attributes, cloudformationStack: stackName}
        out.resources.push(resource as ResourceInput)
      }
      for (const warning of read.warnings) out.warnings.push(`${stackName}: ${warning}`)
      for (const [label, count] of Object.entries(read.skipped)) out.skipped[label] = (out.skipped[label] ?? 0) + count
    }
  }
  if (out.stacks === 0) out.warnings.push('The assembly lists no CloudFormation stack.')
  return out
}
