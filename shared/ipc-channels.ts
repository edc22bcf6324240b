/**
 * The two IPC channels between the counter window and the main process, named once.
 * The preload imports this file alone (no other value import), so its sandboxed
 * CommonJS bundle stays one small file with no Node imports.
 */
export const CALL_CHANNEL = 'counter:call';
export const EVENT_CHANNEL = 'counter:event';
