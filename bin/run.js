#!/usr/bin/env node
// exitready warns about an old Node itself, against its own engines (>=22.20); oclif's check (>=22.0.0) would say it twice.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
const {execute} = await import('@oclif/core')

await execute({dir: import.meta.url})
