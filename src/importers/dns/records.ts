/** DNS records as every DNS source hands them to the recogniser, whatever file they came from. */

export interface DnsRecord {
  /** Owner name in lower case without the final dot; relative (`www`, `@`) when the zone is not known. */
  name: string
  /** The zone's apex (`example.com`), when the source tells it. */
  zone?: string
  /** Record type in upper case (MX, CNAME, TXT, SRV, NS …). */
  type: string
  /**
   * What the record points at or says: the host of an MX, CNAME, NS, PTR or SRV record (lower case,
   * no final dot), or the character strings of a TXT or SPF record.
   */
  data: string
  /** A TXT record's character strings, before they are joined. */
  strings?: string[]
  /** Where it was read: `file:line` or a Terraform address. */
  where: string
}

/** Record types whose data is a host name, and which part of the data it is (MX: the second field, SRV: the fourth). */
export const HOST_FIELD: Readonly<Record<string, number>> = {
  MX: 1,
  CNAME: 0,
  NS: 0,
  PTR: 0,
  DNAME: 0,
  ALIAS: 0,
  ANAME: 0,
  SRV: 3,
}

export const isTextType = (type: string) => type === 'TXT' || type === 'SPF'

/** A host name as the recogniser compares it: lower case, without the final dot. */
export const normaliseHost = (host: string) => host.trim().toLowerCase().replace(/\.$/, '')

/** `name` made absolute in `zone` (`@` is the apex); names already ending in the zone stay as they are. */
export function absoluteName(name: string, zone: string | undefined): string {
  const lower = normaliseHost(name)
  if (!zone) return lower
  if (lower === '' || lower === '@') return zone
  if (lower === zone || lower.endsWith(`.${zone}`) || name.trim().endsWith('.')) return lower
  return `${lower}.${zone}`
}

/** TXT data as written in a Terraform value or an rrdata: quoted strings (`"a" "b"`) are unquoted and joined. */
export function textStrings(value: string): string[] {
  const trimmed = value.trim()
  if (!trimmed.startsWith('"')) return [value.replace(/""/g, '')]
  const strings: string[] = []
  let current = ''
  let inside = false
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i]!
    if (c === '\\' && inside && i + 1 < trimmed.length) {
      current += trimmed[++i]
    } else if (c === '"') {
      if (inside) strings.push(current)
      current = ''
      inside = !inside
    } else if (inside) current += c
  }
  if (inside) strings.push(current)
  return strings
}
