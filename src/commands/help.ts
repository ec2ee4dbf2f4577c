import {Args, loadHelpClass} from '@oclif/core'
import {BaseCommand} from '../cli/base.js'
import {guessCommand} from '../cli/not-found.js'
import {InputError} from '../errors.js'

/**
 * `exitready help [command]`, the same text as `<command> --help` or `-h`. Our own command
 * rather than @oclif/plugin-help: one plugin less to load at every start, and an unknown command
 * gets the did-you-mean of every other usage error.
 */
export default class Help extends BaseCommand {
  static override enableJsonFlag = false
  static override summary = 'Show help for exitready or for one command (the same as <command> --help or -h).'
  static override examples = ['<%= config.bin %> help', '<%= config.bin %> help assess', '<%= config.bin %> help catalog list']
  static override args = {command: Args.string({description: 'The command, e.g. assess or catalog list.', required: false})}
  static override strict = false

  async run(): Promise<void> {
    const {argv} = await this.parse(Help)
    const words = (argv as string[]).filter((word) => !word.startsWith('-'))
    const id = words.join(':')
    if (id && !this.config.findCommand(id) && !this.config.findTopic(id)) {
      const guess = guessCommand(id, this.config)
      throw new InputError(
        `"${words.join(' ')}" is not an ${this.config.bin} command${guess ? ` (did you mean "${guess}"?)` : ''}.`,
        `${this.config.bin} help${guess ? ` ${guess}` : ' (lists every command)'}`,
      )
    }
    const HelpClass = await loadHelpClass(this.config)
    await new HelpClass(this.config, this.config.pjson.oclif.helpOptions ?? this.config.pjson.helpOptions).showHelp(words)
  }
}
