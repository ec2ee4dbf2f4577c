/** The Azure clouds exitready can scan; kept apart from auth.ts so the provider spec loads nothing else. */
export const AZURE_CLOUD_NAMES = ['public', 'china', 'usgov'] as const
export type AzureCloudName = (typeof AZURE_CLOUD_NAMES)[number]

export interface AzureCloud {
  /** Azure Resource Manager base URL. */
  arm: string
  /** Token scope for ARM in that cloud. */
  scope: string
  /** Microsoft Entra authority for DefaultAzureCredential. */
  authorityHost: string
}

export const AZURE_CLOUDS: Record<AzureCloudName, AzureCloud> = {
  public: {
    arm: 'https://management.azure.com',
    scope: 'https://management.azure.com/.default',
    authorityHost: 'https://login.microsoftonline.com',
  },
  china: {
    arm: 'https://management.chinacloudapi.cn',
    scope: 'https://management.chinacloudapi.cn/.default',
    authorityHost: 'https://login.chinacloudapi.cn',
  },
  usgov: {
    arm: 'https://management.usgovcloudapi.net',
    scope: 'https://management.usgovcloudapi.net/.default',
    authorityHost: 'https://login.microsoftonline.us',
  },
}
