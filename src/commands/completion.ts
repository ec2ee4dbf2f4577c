import {Args, toConfiguredId} from '@oclif/core'
import {BaseCommand} from '../cli/base.js'
import {type CompletionCommand, completionScript, SHELLS, type Shell} from '../cli/completion.js'
import {InputError} from '../errors.js'
import {didYouMean} from '../util/suggest.js'

export default class Completion extends BaseCommand {
  static override enableJsonFlag = false
  static override summary = 'Print the shell completion script for bash, zsh or fish.'
  static override description =
    'Completes commands, flags, and the values of flags with a fixed set (formats, severities, classes …); file names elsewhere. The script is generated from the commands themselves: regenerate it after upgrading.'
  static override examples = [
    {description: 'bash (add to ~/.bashrc)', command: 'source <(<%= config.bin %> completion bash)'},
    {description: 'zsh (add to ~/.zshrc, after compinit)', command: 'source <(<%= config.bin %> completion zsh)'},
    {description: 'fish', command: '<%= config.bin %> completion fish > ~/.config/fish/completions/<%= config.bin %>.fish'},
  ]
  static override args = {shell: Args.string({description: `The shell: ${SHELLS.join(', ')}.`, required: true})}

  async run(): Promise<void> {
    const {args} = await this.parse(Completion)
    const shell = args.shell.toLowerCase()
    if (!(SHELLS as readonly string[]).includes(shell))
      throw new InputError(
        `There is no completion for "${args.shell}"${didYouMean(shell, SHELLS)}.`,
        `Choose from: ${SHELLS.join(', ')}.`,
      )
    const visible = this.config.commands.filter((command) => !command.hidden)
    const commands: CompletionCommand[] = await Promise.all(
      visible.map(async (command) => {
        // Loading the class (no SDK: those load when a provider is scanned) gives the values it checks itself.
        const extra = ((await command.load()) as {completionChoices?: Record<string, readonly string[]>}).completionChoices ?? {}
        return {
          id: toConfiguredId(command.id, this.config),
          description: command.summary ?? command.description ?? '',
          argChoices: command.id === 'completion' ? SHELLS : undefined,
          flags: Object.entries(command.flags ?? {})
            .filter(([, flag]) => !flag.hidden)
            .map(([name, flag]) => ({
              name,
              char: flag.char,
              aliases: flag.aliases ?? [],
              takesValue: flag.type === 'option',
              choices: flag.type === 'option' ? (flag.options ?? extra[name]) : undefined,
              list: flag.type === 'option' && flag.multiple === true && flag.delimiter === ',',
              description: flag.summary ?? flag.description ?? '',
            })),
        }
      }),
    )
    const topics = Object.fromEntries(
      this.config.topics.map((topic) => [toConfiguredId(topic.name, this.config), topic.description ?? '']),
    )
    process.stdout.write(completionScript(shell as Shell, this.config.bin, commands, topics))
  }
}
