#!/usr/bin/env -S node --import tsx
// Runs the TypeScript sources directly (no build), for development. The oclif development
// mode needs the TypeScript 5 compiler API to read tsconfig.json, which TypeScript 7 no longer
// has, so the command folder is pointed at src/ here instead.
import {readFileSync} from 'node:fs'
import {execute} from '@oclif/core'

const root = new URL('..', import.meta.url)
const pjson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
pjson.oclif.commands = './src/commands'

await execute({development: true, dir: import.meta.url, loadOptions: {root: root.pathname, pjson, ignoreManifest: true}})
