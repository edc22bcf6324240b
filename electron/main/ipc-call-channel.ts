import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { CallResponse } from '@shared/contract';
import { CALL_CHANNEL } from '@shared/ipc-channels';
import { createIpcCallHandler } from './ipc-call-handler';

/**
 * The one place the main process listens on IPC (lint forbids `ipcMain` elsewhere):
 * every call passes the sender check of createIpcCallHandler before the router sees it.
 */
export function handleCounterCalls(route: (raw: unknown, event: IpcMainInvokeEvent) => Promise<CallResponse>): void {
  ipcMain.handle(CALL_CHANNEL, createIpcCallHandler(route));
}
