/** API endpoints by the names the official OVHcloud clients use (OVH_ENDPOINT, ovh.conf); light enough for spec.ts. */
export const OVH_ENDPOINTS: Record<string, string> = {
  'ovh-eu': 'https://eu.api.ovh.com/1.0',
  'ovh-ca': 'https://ca.api.ovh.com/1.0',
  'ovh-us': 'https://api.us.ovhcloud.com/1.0',
  'kimsufi-eu': 'https://eu.api.kimsufi.com/1.0',
  'kimsufi-ca': 'https://ca.api.kimsufi.com/1.0',
  'soyoustart-eu': 'https://eu.api.soyoustart.com/1.0',
  'soyoustart-ca': 'https://ca.api.soyoustart.com/1.0',
}

/** An endpoint name the official clients know, or an http(s) URL. */
export function isOvhEndpoint(value: string): boolean {
  if (/^https?:\/\//i.test(value)) return URL.canParse(value)
  return value.toLowerCase() in OVH_ENDPOINTS
}
