// Help that helps: help <command>, -h, did-you-mean for commands and flags, shell completion.
import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {JsonError} from '../../src/cli/base.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0

describe('help', () => {
  it('help assess, assess -h and assess --help print the same help and exit 0', () => {
    const help = runCli(['help', 'assess'])
    const short = runCli(['assess', '-h'])
    const long = runCli(['assess', '--help'])
    for (const run of [help, short, long]) {
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(/^Score lock-in/)
      expect(run.stdout).toMatch(/--out-dir=<value>/)
      expect(run.stdout).toMatch(/--waivers=<file>\.\.\./)
    }
    expect(short.stdout).toBe(long.stdout)
    expect(help.stdout).toBe(long.stdout)
  })

  it('help of a topic command and of the root', () => {
    const list = runCli(['help', 'catalog', 'list'])
    expect(list.status).toBe(0)
    expect(list.stdout).toMatch(/List catalog entries/)
    const root = runCli(['help'])
    expect(root.status).toBe(0)
    for (const command of ['assess', 'init', 'completion', 'help']) expect(root.stdout).toMatch(new RegExp(`\\n  ${command}\\s`))
  })

  it('help of a command that does not exist is exit 2 with a did-you-mean', () => {
    const run = runCli(['help', 'asess'])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('Error: "asess" is not an exitready command (did you mean "assess"?).\nTry: exitready help assess\n')
  })
})

describe('did-you-mean', () => {
  it('asess suggests assess, exit 2, without a prompt', () => {
    const run = runCli(['asess', 'inventory.json'])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe(
      'Error: "asess" is not an exitready command (did you mean "assess"?).\nTry: exitready assess --help\n',
    )
  })

  it('a topic command: catalog lst suggests catalog list; nothing close suggests help', () => {
    expect(runCli(['catalog', 'lst']).stderr).toMatch(
      /"catalog lst" is not an exitready command \(did you mean "catalog list"\?\)/,
    )
    const far = runCli(['zzzzzz'])
    expect(far.status).toBe(2)
    expect(far.stderr).toBe('Error: "zzzzzz" is not an exitready command.\nTry: exitready help (lists every command)\n')
  })

  it('under --json the unknown command is a JsonError with EXITREADY_USAGE on stdout', () => {
    const run = runCli(['asess', '--json'])
    expect(run.status).toBe(2)
    const error = (JSON.parse(run.stdout) as JsonError).error
    expect(error).toEqual({
      code: 'EXITREADY_USAGE',
      message: '"asess" is not an exitready command (did you mean "assess"?).',
      suggestion: 'exitready assess --help',
      exitCode: 2,
    })
  })

  it('--formt suggests --format; an alias counts as a flag name', () => {
    const run = runCli(['assess', '--demo', '--formt', 'md'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^Error: Unknown flag --formt \(did you mean --format\?\)\.\nTry: exitready assess --help/)
    expect(runCli(['assess', '--demo', '--polices', 'one-hole']).stderr).toMatch(/did you mean --policies\?/)
  })
})

describe('shell completion', () => {
  const script = (shell: string) => {
    const run = runCli(['completion', shell])
    expect(run.status).toBe(0)
    return run.stdout
  }

  it('an unknown shell is exit 2 with a suggestion', () => {
    const run = runCli(['completion', 'fishh'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/There is no completion for "fishh" \(did you mean "fish"\?\)/)
  })

  it('bash completes commands, subcommands, flags, closed values and comma lists', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'exitready.bash'), script('bash'))
    const complete = (...words: string[]) => {
      const line = words.map((w) => `'${w}'`).join(' ')
      const run = spawnSync(
        'bash',
        [
          '-c',
          `source ./exitready.bash; COMP_WORDS=(exitready ${line}); COMP_CWORD=${words.length}; _exitready; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        {cwd: dir, encoding: 'utf8'},
      )
      expect(run.stderr).toBe('')
      return run.stdout.split('\n').filter(Boolean)
    }
    expect(complete('ass')).toEqual(['assess'])
    expect(complete('catalog', 'l')).toEqual(expect.arrayContaining(['list']))
    expect(complete('assess', '--fail')).toEqual(['--fail-on'])
    expect(complete('assess', '--fail-on', 'h')).toEqual(['high'])
    expect(complete('assess', '--format', 'md,h')).toEqual(['md,html'])
    expect(complete('catalog', 'list', '--portability', 'c')).toEqual(['compatible', 'captive'])
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish'])
    // A flag that takes a file leaves the completion to bash's file names.
    expect(complete('assess', '--out-dir', '')).toEqual([])
  })

  it.runIf(has('fish'))('fish completes commands, flags and their values', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'exitready.fish'), script('fish'))
    const complete = (line: string) => {
      const run = spawnSync('fish', ['-c', `source exitready.fish; complete -C${JSON.stringify(line)}`], {
        cwd: dir,
        encoding: 'utf8',
      })
      expect(run.stderr).toBe('')
      return run.stdout
        .split('\n')
        .filter(Boolean)
        .map((row) => row.split('\t')[0])
    }
    expect(complete('exitready ass')).toEqual(['assess'])
    expect(complete('exitready catalog ')).toEqual(expect.arrayContaining(['coverage', 'list', 'show']))
    expect(complete('exitready assess --fail-on ')).toEqual(['critical', 'high', 'info', 'low', 'medium'])
    expect(complete('exitready completion ')).toEqual(['bash', 'fish', 'zsh'])
  })

  it.runIf(has('zsh'))('zsh completes commands, flags and values (completion functions stubbed)', () => {
    const dir = tempDir()
    writeFileSync(join(dir, '_exitready'), script('zsh'))
    const stubs = [
      'compdef() { :; }',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh parameter expansion
      '_describe() { local -a list; list=("${(@P)4}"); print -r -- "${list[@]%%:*}"; }',
      'compadd() { shift; print -r -- "$@"; }',
      '_values() { shift 3; print -r -- "$@"; }',
      '_files() { print -r -- FILES; }',
    ].join('\n')
    const complete = (...words: string[]) => {
      const run = spawnSync(
        'zsh',
        [
          '-c',
          `${stubs}\nsource ./_exitready\nwords=(exitready ${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length + 1}; _exitready`,
        ],
        {cwd: dir, encoding: 'utf8'},
      )
      expect(run.stderr).toBe('')
      return run.stdout.trim().split(/\s+/)
    }
    expect(complete('')).toEqual(expect.arrayContaining(['assess', 'catalog', 'diff', 'init']))
    expect(complete('catalog', '')).toEqual(expect.arrayContaining(['list', 'show']))
    expect(complete('assess', '--fail-on', '')).toEqual(['info', 'low', 'medium', 'high', 'critical'])
    expect(complete('assess', '--format', '')).toEqual(expect.arrayContaining(['md', 'html', 'sarif']))
    expect(complete('assess', '--out-dir', '')).toEqual(['FILES'])
    expect(complete('assess', '--f')).toEqual(expect.arrayContaining(['--format', '--fail-on']))
  })

  it('the scripts name no flag that does not exist', () => {
    const bash = script('bash')
    expect(bash).toContain('--waivers')
    expect(bash).toContain('--severity')
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, {flags: Record<string, {aliases?: string[]; char?: string}>}>
    }
    const known = new Set(['--help', '-h'])
    for (const command of Object.values(manifest.commands))
      for (const [name, flag] of Object.entries(command.flags)) {
        known.add(`--${name}`)
        for (const alias of flag.aliases ?? []) known.add(alias.length === 1 ? `-${alias}` : `--${alias}`)
        if (flag.char) known.add(`-${flag.char}`)
      }
    const offered = [...bash.matchAll(/^ {6}flags='([^']*)'$/gm)].flatMap((m) => m[1]!.split(' ').filter(Boolean))
    expect(offered.length).toBeGreaterThan(50)
    expect(offered.filter((flag) => !known.has(flag))).toEqual([])
    expect(script('zsh')).toMatch(/^#compdef exitready\n/)
    expect(script('fish')).toContain(`complete -c exitready -n '__exitready_at \\'assess\\'' -l out-dir -s d -r -F`)
  })
})

describe('start-up stays free of cloud SDKs', () => {
  it('--version, --help and completion load no @aws-sdk, @azure or @google-cloud module', () => {
    const dir = tempDir()
    const hook = join(dir, 'trace.mjs')
    // Records every module Node resolves, through the synchronous module hooks (Node ≥ 22.15).
    writeFileSync(
      hook,
      `import {registerHooks} from 'node:module'\nimport {appendFileSync} from 'node:fs'\nregisterHooks({resolve(specifier, context, next) { const r = next(specifier, context); appendFileSync(${JSON.stringify(join(dir, 'loaded.txt'))}, r.url + '\\n'); return r }})\n`,
    )
    for (const args of [['--version'], ['--help'], ['completion', 'bash'], ['help', 'scan']]) {
      writeFileSync(join(dir, 'loaded.txt'), '')
      const run = spawnSync(process.execPath, ['--import', hook, join(ROOT, 'bin/run.js'), ...args], {
        encoding: 'utf8',
        env: {...process.env, CI: '1'},
      })
      expect(run.status).toBe(0)
      const loaded = readFileSync(join(dir, 'loaded.txt'), 'utf8')
      expect(loaded).toMatch(/@oclif\/core/)
      expect(loaded).not.toMatch(/@aws-sdk|@azure|@google-cloud|google-auth-library/)
    }
  })
})
