import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResponse, EventMessage } from '@shared/contract';

// Channel names repeated here (not imported from main) so the sandboxed preload
// bundle stays one small file with no Node imports.
const CALL_CHANNEL = 'counter:call';
const EVENT_CHANNEL = 'counter:event';

/** The only surface the page gets: call the router, listen to events. Never ipcRenderer itself. */
contextBridge.exposeInMainWorld('counter', {
  call: (request: unknown): Promise<CallResponse> => ipcRenderer.invoke(CALL_CHANNEL, request),
  on: (listener: (message: EventMessage) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
