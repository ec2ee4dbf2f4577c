import {z} from 'zod'

/** organizations/NUMBER, folders/NUMBER, projects/NUMBER or projects/ID (domain-scoped ids too). */
export const GCP_SCOPE = /^(organizations\/\d+|folders\/\d+|projects\/(\d+|([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]))$/

/** Flags give arrays (`--x a --x b,c`), the library API an array or "a,b": both become one trimmed list. */
function splitList(value: unknown): unknown {
  if (value === undefined || value === null) return undefined
  const items = Array.isArray(value) ? value : [value]
  return items.flatMap((item) => (typeof item === 'string' ? item.split(',') : [item])).filter((item) => item !== '')
}

export interface GcpOptions {
  /** Undefined: the project of GOOGLE_CLOUD_PROJECT, CLOUDSDK_CORE_PROJECT or gcloud's configuration. */
  scopes?: string[]
}

/** Validates and normalises the GCP options; parsing its own output again gives the same value. */
export const gcpOptions: z.ZodType<GcpOptions> = z
  .object({
    scopes: z
      .preprocess(
        splitList,
        z.array(
          z
            .string()
            .trim()
            .refine((s) => GCP_SCOPE.test(s), 'a scope is organizations/NUMBER, folders/NUMBER or projects/ID'),
        ),
      )
      .optional(),
  })
  .transform(({scopes}): GcpOptions => ({scopes: scopes?.length ? [...new Set(scopes)] : undefined}))
