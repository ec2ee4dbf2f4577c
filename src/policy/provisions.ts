import {readdirSync, readFileSync} from 'node:fs'
import {basename, join} from 'node:path'
import {BUILTIN_POLICY_DIR, MAX_POLICY_BYTES, parsePolicy} from './load.js'

/**
 * A provision the regulatory mapping reports on. Which rules check it is data: each rule's
 * `provisions` field (policies/*.yaml). `inventory: false` marks provisions that an inventory of
 * cloud resources cannot show at all, whatever the policy.
 */
export interface Provision {
  id: string
  framework: 'DORA' | 'EU Data Act' | 'EU Cloud Sovereignty Framework'
  title: string
  inventory: boolean
}

/**
 * The provisions every report lists, in order. DORA: Regulation (EU) 2022/2554; Data Act: Regulation
 * (EU) 2023/2854; CSF: the European Commission's Cloud Sovereignty Framework v1.2.1 (October 2025),
 * objectives SOV-1 … SOV-8 as named in /work/shared/reference/eu-cloud-sovereignty-framework.md.
 */
export const PROVISIONS: readonly Provision[] = [
  {id: 'DORA Art. 28(8)', framework: 'DORA', title: 'Art. 28(8) exit strategies', inventory: true},
  {id: 'DORA Art. 29', framework: 'DORA', title: 'Art. 29 ICT concentration risk', inventory: true},
  {id: 'Data Act Arts. 23-29', framework: 'EU Data Act', title: 'Arts. 23–29 switching and egress', inventory: true},
  {
    id: 'Data Act Art. 30',
    framework: 'EU Data Act',
    title: 'Art. 30 functional equivalence and open interfaces',
    inventory: true,
  },
  {id: 'CSF SOV-1', framework: 'EU Cloud Sovereignty Framework', title: 'SOV-1 strategic', inventory: true},
  {id: 'CSF SOV-2', framework: 'EU Cloud Sovereignty Framework', title: 'SOV-2 legal and jurisdictional', inventory: true},
  {id: 'CSF SOV-3', framework: 'EU Cloud Sovereignty Framework', title: 'SOV-3 data and AI', inventory: true},
  {id: 'CSF SOV-4', framework: 'EU Cloud Sovereignty Framework', title: 'SOV-4 operational', inventory: true},
  {id: 'CSF SOV-5', framework: 'EU Cloud Sovereignty Framework', title: 'SOV-5 supply chain', inventory: false},
  {id: 'CSF SOV-6', framework: 'EU Cloud Sovereignty Framework', title: 'SOV-6 technology', inventory: true},
  {id: 'CSF SOV-7', framework: 'EU Cloud Sovereignty Framework', title: 'SOV-7 security and compliance', inventory: false},
  {id: 'CSF SOV-8', framework: 'EU Cloud Sovereignty Framework', title: 'SOV-8 environmental sustainability', inventory: false},
]

/** A built-in rule that checks a provision. */
export interface ProvisionCheck {
  policy: string
  rule: string
  title: string
}

let builtinIndex: ReadonlyMap<string, ProvisionCheck[]> | undefined

/**
 * Provision → the built-in rules that check it, read once from policies/*.yaml (four small files),
 * so a report can say which built-in policy would assess a provision that no selected rule checks.
 */
export function builtinProvisionChecks(dir = BUILTIN_POLICY_DIR): ReadonlyMap<string, ProvisionCheck[]> {
  if (dir === BUILTIN_POLICY_DIR && builtinIndex) return builtinIndex
  const index = new Map<string, ProvisionCheck[]>()
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const path = join(dir, file)
    const policy = parsePolicy(readFileSync(path, 'utf8').slice(0, MAX_POLICY_BYTES + 1), path)
    for (const rule of policy.rules)
      for (const provision of rule.provisions ?? []) {
        const list = index.get(provision) ?? []
        list.push({policy: policy.metadata.name ?? basename(file, '.yaml'), rule: rule.id, title: rule.title})
        index.set(provision, list)
      }
  }
  if (dir === BUILTIN_POLICY_DIR) builtinIndex = index
  return index
}
