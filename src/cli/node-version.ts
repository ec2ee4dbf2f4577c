import type {Hook} from '@oclif/core'

/**
 * The Node.js version this package needs, read from package.json's `engines` (">=22.20"), so the
 * warning and the package metadata cannot disagree. @oclif/core warns only against its own
 * engines (>=22.0.0), which let 22.0–22.19 through silently.
 */
export function minimumNode(engines: string | undefined): [number, number, number] | undefined {
  const match = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(engines ?? '')
  if (!match) return undefined
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)]
}

export function isOlder(version: string, minimum: readonly [number, number, number]): boolean {
  const parts = version.replace(/^v/, '').split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const have = parts[i] ?? 0
    if (have !== minimum[i]) return have < minimum[i]!
  }
  return false
}

/** One line on stderr, once per run; the command still runs, as far as the old Node lets it. */
export function nodeVersionWarning(engines: string | undefined, version = process.versions.node): string | undefined {
  const minimum = minimumNode(engines)
  if (!minimum || !isOlder(version, minimum)) return undefined
  return `Warning: exitready needs Node.js ${minimum.join('.')} or later (engines ${engines?.trim()}); this is ${version}. Install a current Node.js 22 or 24.`
}

const hook: Hook<'init'> = async function () {
  const warning = nodeVersionWarning(this.config.pjson.engines?.node)
  if (warning) process.stderr.write(`${warning}\n`)
}

export default hook
