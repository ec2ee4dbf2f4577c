/**
 * The service namespace of a canonical type, where service defaults live:
 * `AWS::S3::Bucket` → `AWS::S3`, `microsoft.storage/storageaccounts` → `microsoft.storage`,
 * `storage.googleapis.com/Bucket` → `storage.googleapis.com`, `saas:microsoft-365/exchange-online` → `saas:microsoft-365`,
 * `hetzner:server` → `hetzner`.
 */
export function namespaceOf(type: string): string {
  const colons = type.indexOf('::')
  if (colons >= 0) {
    const second = type.indexOf('::', colons + 2)
    return second >= 0 ? type.slice(0, second) : type
  }
  const slash = type.indexOf('/')
  if (slash >= 0) return type.slice(0, slash)
  const colon = type.indexOf(':')
  return colon >= 0 ? type.slice(0, colon) : type
}
