import {Flags} from '@oclif/core'

/** --catalog: private catalog files, shared by every command that maps resources. */
export const catalogFlag = Flags.string({
  description:
    'A private catalog file whose entries override the built-in ones (repeatable); validated like the built-in catalog.',
  multiple: true,
})
