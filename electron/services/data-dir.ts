import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the browser host keeps the branch database, logs and backups when
 * COUNTER_DATA_DIR is not set. The desktop shell uses Electron's userData.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COUNTER_DATA_DIR) return env.COUNTER_DATA_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'postal-counter');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'postal-counter');
}
