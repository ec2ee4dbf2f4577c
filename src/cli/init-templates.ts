import {parseDocument} from 'yaml'
import {leiCheckDigits} from '../dora/lei.js'

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

/** A placeholder LEI that passes the ISO 17442 check, so the starter validates and nobody mistakes it for a real one. */
export const PLACEHOLDER_LEI = `REPLACEWITHYOURLEI${leiCheckDigits('REPLACEWITHYOURLEI')}`

/**
 * A starter DORA arrangements file (kind: Arrangements) for `assess --arrangements` and `dora
 * register`: one provider, one critical function, one arrangement, each field commented. It
 * validates as written; every value in it is a placeholder to replace.
 */
export function arrangementsTemplate(schemaReference: string | undefined): string {
  return `${schemaHeader(schemaReference)}# Written by \`exitready init --dora\`: your ICT arrangements under DORA, for
#   exitready assess <snapshot> --arrangements <this file> --policy dora-exit   (coverage and an exit plan per arrangement)
#   exitready dora register <snapshot> --arrangements <this file> --out-dir roi/  (the Register of Information)
# Every value below is a placeholder: replace it. Codes are written without their EBA prefix (DE, x309, S17).
# What you leave out is proposed by exitready where the inventory can tell, or listed as a gap. See docs/dora.md.
apiVersion: exitready.dev/v1
kind: Arrangements
register:
  referenceDate: 2025-12-31        # 31 December of the preceding year from 2026 on
  consolidation: CON               # CON or IND
  baseCurrency: EUR
entity:                            # B_01.01, B_01.02: the entity maintaining the register
  lei: ${PLACEHOLDER_LEI}     # your LEI (ISO 17442; the check digits are verified)
  name: Example Financial Entity
  country: DE                      # country of its licence
  type: x12                        # eba_CT type: x12 credit institution, x309 insurance undertaking, x599 investment firm …
  competentAuthority: Your competent authority
  hierarchy: ultimate-parent       # parent | subsidiary | other | outsourcing (+ parentLei)
providers:                         # B_05.01; the key is how the arrangements below name the provider
  aws:
    # code: <LEI of the contracting entity, from GLEIF>   (missing: listed as a gap)
    codeType: lei
    legalName: Amazon Web Services EMEA SARL
    # headOffice and ultimateParent: proposed from exitready's catalog when left out
functions:                         # B_06.01: the business functions the arrangements support
  - id: F1
    name: Core banking
    licensedActivity: x276         # eba_TA licensed activity; x276 = supporting function
    critical: 'yes'                # is it critical or important: 'yes' | 'no' | 'not-assessed'
    rtoHours: 4
    rpoHours: 1
    impact: high                   # impact of discontinuing it: low | medium | high | not-assessed
arrangements:                      # B_02.01, B_02.02, B_07.01 …: one entry per contract
  - reference: CONTRACT-001        # your contract reference
    provider: aws
    start: 2024-01-01
    # end: 2027-12-31              # left out: indefinite (9999-12-31)
    notice: {entityDays: 90, providerDays: 180}
    governingLaw: IE
    annualCost: {amount: 100000, currency: EUR}
    functions: [F1]
    services:
      - select:                    # the resources this service covers: any selector matches; fields are globs
          - {provider: aws}
          # - {provider: aws, account: '123456789012'}
          # - {provider: aws, tag: {app: core-banking}, type: 'AWS::RDS::*', region: 'eu-*'}
        # type: S17                # EBA ICT service type; left out: proposed per resource category
        dataSensitivity: high      # low | medium | high
        reliance: full             # not-significant | low | material | full
    # assessment:                  # B_07.01: what you confirm; left out, exitready proposes from the catalog
    #   substitutability: medium   # not-substitutable | highly-complex | medium | easy
    #   alternatives: 'yes'        # 'yes' | 'no' | 'not-assessed': the dora-exit policy wants 'yes' where hardly substitutable
    #   alternativeProviders: IONOS Cloud, STACKIT
    # exitPlan: {link: https://wiki.example/exit/contract-001, owner: team@example.com, lastTested: 2025-06-30}
exitPlanning: {bandwidthMbps: 1000}  # for the transfer-time estimate of the exit plans
`
}
