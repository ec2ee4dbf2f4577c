/**
 * The recognition table for SaaS found from DNS (catalog/dns/saas-dns.yaml): for each catalog type
 * (a `saas:<vendor>/<service>` entry of saas.yaml, or a cloud type such as AWS::SES::EmailIdentity),
 * the DNS records that reveal it. Globs use `*` (any run of characters, dots included) and `?`.
 */
import {z} from 'zod'

const Glob = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9.*?_=-]+$/i, 'a host or label glob: letters, digits, . - _ = and the wildcards * and ?')

export const SIGNAL_RECORDS = ['MX', 'CNAME', 'SRV', 'NS', 'TXT', 'SPF'] as const

export const DnsSignalSchema = z
  .strictObject({
    record: z
      .enum(SIGNAL_RECORDS)
      .describe('MX, CNAME, SRV or NS (matched on the host they point at), TXT (on a prefix), SPF (on an include).'),
    name: z
      .union([Glob, z.array(Glob).min(1)])
      .optional()
      .describe(
        'The owner’s leading labels, relative to the domain (`autodiscover`, `selector1._domainkey`, `_sip._tls`); absent: any owner.',
      ),
    target: Glob.optional().describe('MX, CNAME, SRV, NS: the host the record points at.'),
    prefix: z
      .string()
      .max(100)
      .optional()
      .describe('TXT: the value starts with this (case-insensitive); empty with a name: any value at that name.'),
    include: Glob.optional().describe('SPF: a domain named by `include:` or `redirect=` in a TXT record starting `v=spf1`.'),
    kind: z
      .enum(['routing', 'verification'])
      .default('routing')
      .describe('routing: the domain uses the service now; verification: the domain was proven to it (it may be a leftover).'),
  })
  .superRefine((signal, ctx) => {
    const wanted = signal.record === 'TXT' ? 'prefix' : signal.record === 'SPF' ? 'include' : 'target'
    for (const key of ['target', 'prefix', 'include'] as const)
      if ((key === wanted) !== (signal[key] !== undefined))
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            key === wanted ? `a ${signal.record} signal needs "${key}"` : `"${key}" does not apply to a ${signal.record} signal`,
        })
  })
export type DnsSignal = z.infer<typeof DnsSignalSchema>

export const SaasDnsEntrySchema = z.strictObject({
  title: z.string().min(1).optional().describe('Display name where the catalog has none (uncatalogued types).'),
  uncatalogued: z
    .literal(true)
    .optional()
    .describe(
      'The type has no entry of its own in the catalog yet: resources are kept, mapped by the vendor default or unmapped.',
    ),
  reference: z.string().min(1).describe('Where the record shapes were checked (documentation page, repository and path).'),
  note: z.string().min(1).optional().describe('What the records cannot tell apart; stored with the evidence.'),
  signals: z.array(DnsSignalSchema).min(1),
})
export type SaasDnsEntry = z.infer<typeof SaasDnsEntrySchema>

export const SaasDnsTableSchema = z
  .strictObject({
    services: z.record(
      z.string().regex(/^(saas:[a-z0-9-]+\/[a-z0-9-]+|AWS::[A-Za-z0-9]+::[A-Za-z0-9]+|[a-z0-9]+\.googleapis\.com\/[A-Za-z]+)$/),
      SaasDnsEntrySchema,
    ),
  })
  .describe('Which DNS records reveal which SaaS (or cloud) service; keyed by the catalog type they join to.')
export type SaasDnsTable = z.infer<typeof SaasDnsTableSchema>
