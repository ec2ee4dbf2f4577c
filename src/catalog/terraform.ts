/**
 * The compiled Terraform tables: exact Terraform types, type prefixes and child rules, looked up in
 * that order. Each lookup is a Map hit, a walk over the prefixes of one provider (a few hundred at
 * most), or a walk over the child rules; the catalog caches every answer per type.
 */
import {InputError} from '../errors.js'
import {compileGlob, type GlobMatcher} from '../util/glob.js'
import type {TerraformChildRule, TerraformSet, TerraformTable, TerraformTarget} from './terraform-schema.js'

export type TerraformRouteKind = 'type' | 'parent' | 'namespace'

/** A Terraform type's place in the catalog, as the tables say. */
export interface TerraformRoute {
  kind: TerraformRouteKind
  /** The canonical type (type, parent) or the namespace. */
  target: string
  set?: TerraformSet
  variants?: {tests: AttributeTest[]; type: string}[]
  overridesAlias: boolean
  /** From `types` (one Terraform type) rather than `prefixes` (a family). */
  exact: boolean
  /** `file: types.aws_s3_bucket_policy` or `file: prefixes.aws_s3_`, for catalog show. */
  source: string
}

export interface CompiledChildRule {
  rule: TerraformChildRule
  matchers: GlobMatcher[]
  source: string
}

type AttributeTest = [key: string, test: (value: string) => boolean]

/** Attribute keys compare without case or underscores, like refine rules: state has `type`, plans `type`, APIs `Type`. */
export const normaliseAttributeKey = (key: string): string => key.toLowerCase().replace(/_/g, '')

function compileWhen(when: Record<string, string | string[]>): AttributeTest[] {
  return Object.entries(when).map(([key, expected]): AttributeTest => {
    const patterns = (Array.isArray(expected) ? expected : [expected]).map((p) => compileGlob(p, true))
    return [normaliseAttributeKey(key), (value) => patterns.some((p) => p.test(value))]
  })
}

function attributeText(attributes: Record<string, unknown>, key: string): string | undefined {
  for (const name in attributes) {
    if (normaliseAttributeKey(name) !== key) continue
    const value = attributes[name]
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  }
  return undefined
}

function toRoute(value: string | TerraformTarget, plain: 'type' | 'namespace', source: string): TerraformRoute {
  const exact = plain === 'type'
  if (typeof value === 'string') return {kind: plain, target: value, overridesAlias: false, exact, source}
  const kind: TerraformRouteKind = value.type ? 'type' : value.parent ? 'parent' : 'namespace'
  return {
    kind,
    target: (value.type ?? value.parent ?? value.namespace)!,
    set: value.set,
    variants: value.variants?.map((v) => ({tests: compileWhen(v.when), type: v.type})),
    overridesAlias: value.overridesAlias ?? false,
    exact,
    source,
  }
}

export interface TerraformTableFile {
  file: string
  data: TerraformTable
}

export class TerraformIndex {
  readonly exact = new Map<string, TerraformRoute>()
  /** Longest prefix first. */
  private readonly prefixes: {prefix: string; route: TerraformRoute}[] = []
  readonly children: CompiledChildRule[] = []
  /** Terraform provider type name (aws, google-beta) → table file. */
  readonly providers = new Map<string, TerraformTableFile>()

  static fromTables(tables: readonly TerraformTableFile[]): TerraformIndex {
    const index = new TerraformIndex()
    const prefixOwner = new Map<string, string>()
    for (const table of tables) {
      const {file, data} = table
      for (const name of data.terraform) {
        const previous = index.providers.get(name)
        if (previous)
          throw new InputError(`${file}: terraform: ${name} is already mapped by ${previous.file}; a provider has one table.`)
        index.providers.set(name, table)
      }
      for (const [type, value] of Object.entries(data.types ?? {})) {
        const previous = index.exact.get(type)
        if (previous) throw new InputError(`${file}: types.${type} is already mapped by ${previous.source}.`)
        index.exact.set(type, toRoute(value, 'type', `${file}: types.${type}`))
      }
      for (const [prefix, value] of Object.entries(data.prefixes)) {
        const previous = prefixOwner.get(prefix)
        if (previous) throw new InputError(`${file}: prefixes.${prefix} is already mapped by ${previous}.`)
        prefixOwner.set(prefix, file)
        index.prefixes.push({prefix, route: toRoute(value, 'namespace', `${file}: prefixes.${prefix}`)})
      }
      for (const [i, rule] of (data.children ?? []).entries())
        index.children.push({
          rule,
          matchers: rule.match.map((glob) => compileGlob(glob)),
          source: `${file}: children[${i}]`,
        })
    }
    index.prefixes.sort((a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix))
    return index
  }

  /** Every route, exact ones first, for cross-reference checks. */
  *routes(): Iterable<TerraformRoute> {
    yield* this.exact.values()
    for (const {route} of this.prefixes) yield route
  }

  /** Types already resolved: an estate repeats a few hundred types, so each walks the prefixes once. */
  private readonly routeCache = new Map<string, TerraformRoute | undefined>()

  /** The exact route, else the longest prefix route. */
  route(tfType: string): TerraformRoute | undefined {
    const exact = this.exact.get(tfType)
    if (exact) return exact
    if (this.routeCache.has(tfType)) return this.routeCache.get(tfType)
    let found: TerraformRoute | undefined
    for (const {prefix, route} of this.prefixes)
      if (tfType.startsWith(prefix)) {
        found = route
        break
      }
    this.routeCache.set(tfType, found)
    return found
  }

  /** The first child rule whose globs match the type. */
  childRule(type: string): CompiledChildRule | undefined {
    for (const child of this.children) if (child.matchers.some((m) => m.test(type))) return child
    return undefined
  }
}

/** The canonical type a route with variants chooses for these attributes (its `type` when none matches). */
export function variantType(route: TerraformRoute, attributes: Record<string, unknown>): string {
  for (const variant of route.variants ?? [])
    if (
      variant.tests.every(([key, test]) => {
        const value = attributeText(attributes, key)
        return value !== undefined && test(value)
      })
    )
      return variant.type
  return route.target
}
