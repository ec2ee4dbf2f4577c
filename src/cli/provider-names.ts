import {closest} from '../util/suggest.js'

/**
 * What people call providers when they do not use exitready's ids; "amazon" is no typo of
 * "aws" for an edit distance, but it is what they meant.
 */
const SYNONYMS: Record<string, string> = {
  amazon: 'aws',
  amazonwebservices: 'aws',
  ec2: 'aws',
  microsoft: 'azure',
  microsoftazure: 'azure',
  google: 'gcp',
  googlecloud: 'gcp',
  googlecloudplatform: 'gcp',
  hcloud: 'hetzner',
  hetznercloud: 'hetzner',
  scw: 'scaleway',
  ovh: 'ovhcloud',
  ionoscloud: 'ionos',
  opentelekomcloud: 'otc',
  telekom: 'otc',
  tsystems: 'otc',
  schwarz: 'stackit',
}

/** The provider id someone probably meant, among the known ones; undefined when nothing is close. */
export function guessProvider(typed: string, known: readonly string[]): string | undefined {
  const synonym = SYNONYMS[typed.toLowerCase().replace(/[\s_.-]/g, '')]
  if (synonym && known.includes(synonym)) return synonym
  return closest(typed, known)
}
