import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResponse, EventMessage } from '@shared/contract';
// Named once for main and preload; electron-vite bundles it into the one sandboxed preload file.
import { CALL_CHANNEL, EVENT_CHANNEL } from '@shared/ipc-channels';

/** The only surface the page gets: call the router, listen to events. Never ipcRenderer itself. */
contextBridge.exposeInMainWorld('counter', {
  call: (request: unknown): Promise<CallResponse> => ipcRenderer.invoke(CALL_CHANNEL, request),
  on: (listener: (message: EventMessage) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
