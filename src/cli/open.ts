import {spawn} from 'node:child_process'

/** The command that opens a file in the user's desktop session, or undefined when there is none (SSH, CI, containers). */
export function desktopOpener(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string[] | undefined {
  if (env.CI) return undefined
  if (platform === 'darwin') return ['open']
  if (platform === 'win32') return ['cmd', '/c', 'start', '""']
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return ['xdg-open']
  return undefined
}

/** Opens a file in the default application; returns false when no desktop session is present. */
export function openInDesktop(file: string): boolean {
  const opener = desktopOpener()
  if (!opener) return false
  const child = spawn(opener[0]!, [...opener.slice(1), file], {detached: true, stdio: 'ignore'})
  child.on('error', () => {})
  child.unref()
  return true
}
