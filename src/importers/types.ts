import type {ResourceInput} from '../inventory/model.js'

/** The formats `exitready import` reads; `--format` takes these names. */
export const IMPORT_FORMATS = {
  'terraform-state': 'Terraform or OpenTofu state, version 4 (terraform.tfstate, `terraform state pull`, `tofu state pull`)',
  'terraform-show':
    '`terraform show -json` (or `tofu show -json`) of a state or a saved plan, also as captured through setup-terraform',
  'cloudformation-template':
    'CloudFormation template, JSON or YAML with !Ref/!GetAtt/!Sub short forms (SAM and cdk synth output too)',
  'cdk-assembly': 'CDK cloud assembly: the cdk.out folder or its manifest.json',
  'cloudformation-stack-resources': '`aws cloudformation describe-stack-resources` (or list-stack-resources) JSON',
  'arm-template': 'Azure Resource Manager template or Bicep build (`az bicep build`), classic or symbolic-name resources',
  'pulumi-state': '`pulumi stack export`, or a local-backend checkpoint (.pulumi/stacks/…/<stack>.json)',
  'aws-tagging': '`aws resourcegroupstaggingapi get-resources` JSON',
  'aws-resource-explorer': '`aws resource-explorer-2 list-resources` (or `search`) JSON',
  'az-graph':
    '`az graph query -q … --first 1000` JSON (paged object or plain array), or a Resource Graph REST body (object or table format)',
  'az-resource-list': '`az resource list -o json`, or an ARM Resources - List REST body',
  'gcloud-assets': '`gcloud asset search-all-resources --format=json`',
  kubernetes:
    'Kubernetes manifests (multi-document YAML, kind: List) or `kubectl get … -o json|yaml`: what ties a cluster to its cloud',
  dns: 'DNS records, for SaaS found from DNS: a BIND zone file, or exitready DNS records YAML (kind: DnsRecords)',
  'inventory-yaml': 'exitready manual inventory YAML (kind: Inventory), for SaaS and anything no API lists',
  arrangements:
    'exitready DORA arrangements (kind: Arrangements): validated and reported, not resources; they go to `assess --arrangements` and `dora register`',
} as const
export type ImportFormat = keyof typeof IMPORT_FORMATS

/** What a CLI-export or manual-inventory reader hands back. */
export interface ExportRead {
  resources: ResourceInput[]
  warnings: string[]
  /** Set when the file itself says it is incomplete (a page token left over). */
  partial?: string
  /** Rows that are context, not resources: label → count. */
  skipped?: Record<string, number>
  /** Rows in the whole result when the export is one page of several (az graph total_records). */
  totalRecords?: number
}
