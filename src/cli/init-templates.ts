import {parseDocument} from 'yaml'

/** What `exitready init` writes; each text is checked by the tests against its schema or parser. */

export const STARTER_POLICY_NAME = 'exit-policy'

/** `# yaml-language-server: $schema=…` for editors, or nothing when no schema can be pointed at. */
export const schemaHeader = (reference: string | undefined) => (reference ? `# yaml-language-server: $schema=${reference}\n` : '')

/**
 * A starter policy: a copy of a built-in one (its comments kept) under a name of its own, so it
 * can be edited without shadowing the built-in.
 */
export function starterPolicy(builtinText: string, from: string, schemaReference: string | undefined): string {
  const doc = parseDocument(builtinText)
  doc.setIn(['metadata', 'name'], STARTER_POLICY_NAME)
  doc.setIn(['metadata', 'title'], `Our exit policy (from the built-in ${from})`)
  doc.commentBefore = null
  const body = String(doc).replace(/^# yaml-language-server:.*\n/, '')
  return `${schemaHeader(schemaReference)}# Written by \`exitready init\` from the built-in "${from}" policy: edit the rules, thresholds and failOn.
# Check it with \`exitready policy validate <this file>\`; the rule language is in policies/README.md.
${body}`
}

/** An empty waiver file with one example, for `assess --waivers`. */
export function waiversTemplate(schemaReference: string | undefined): string {
  return `${schemaHeader(schemaReference)}# Waivers kept outside the policies: \`exitready assess --policy <policy> --waivers <this file>\`.
# Each waives one rule for some resources until its expiry date; an expired waiver stops waiving and is reported.
apiVersion: exitready.dev/v1
kind: Waivers
waivers: []
# waivers:
#   - rule: captive-services          # a rule id of the policy
#     policy: ${STARTER_POLICY_NAME}              # optional: only in this policy
#     resources: ["arn:aws:dynamodb:eu-west-1:123456789012:table/legacy-*"]
#     reason: Replaced by PostgreSQL in the second quarter (ticket OPS-123).
#     expires: 2027-06-30
`
}

export interface CiOptions {
  policyFile: string
  waiversFile: string
  /** `owner/name` of the action, from the package's repository. */
  action: string
  version: string
}

/** A GitHub Actions workflow that assesses on pushes and pull requests through the exitready action. */
export function githubWorkflow(options: CiOptions): string {
  return `# Written by \`exitready init --ci github\`. The inventory comes from the repository (inventory.json,
# from \`exitready import\` of a Terraform state or from \`exitready scan\`); to scan live instead, set
# command: scan and give the job cloud credentials through OIDC (e.g. aws-actions/configure-aws-credentials).
name: exit readiness
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
  security-events: write
  pull-requests: write
jobs:
  exitready:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - uses: ${options.action}@v${options.version}
        with:
          snapshots: inventory.json
          policies: ${options.policyFile}
          waivers: ${options.waiversFile}
          fail-on: high
`
}

/** A GitLab CI configuration that includes the exitready component. */
export function gitlabSnippet(options: CiOptions): string {
  return `# Written by \`exitready init --ci gitlab\`; include it from .gitlab-ci.yml:
#   include:
#     - local: .gitlab/exitready.yml
# The component's project is where exitready's repository is mirrored on your GitLab instance.
include:
  - component: $CI_SERVER_FQDN/exitready/exitready/exitready@${options.version}
    inputs:
      snapshots: inventory.json
      policies: ${options.policyFile}
      waivers: ${options.waiversFile}
      fail-on: high
`
}
