import {describe, expect, it} from 'vitest'
import {desktopOpener} from '../../src/cli/open.js'

describe('--open', () => {
  it('uses the desktop opener of each platform, and none without a desktop session or in CI', () => {
    expect(desktopOpener({}, 'darwin')).toEqual(['open'])
    expect(desktopOpener({DISPLAY: ':0'}, 'linux')).toEqual(['xdg-open'])
    expect(desktopOpener({WAYLAND_DISPLAY: 'wayland-0'}, 'linux')).toEqual(['xdg-open'])
    expect(desktopOpener({}, 'linux')).toBeUndefined()
    expect(desktopOpener({DISPLAY: ':0', CI: 'true'}, 'linux')).toBeUndefined()
  })
})
