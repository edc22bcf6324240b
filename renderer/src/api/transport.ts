import type { CallRequest, CallResponse, EventMessage } from '@shared/contract';

/** How envelopes reach the router: Electron IPC or the browser host's WebSocket. */
export interface Transport {
  send(request: CallRequest): Promise<CallResponse>;
  listen(listener: (message: EventMessage) => void): () => void;
}

/** What the Electron preload exposes on `window.counter`. */
export interface CounterBridge {
  call(request: CallRequest): Promise<CallResponse>;
  on(listener: (message: EventMessage) => void): () => void;
}

declare global {
  interface Window {
    counter?: CounterBridge;
  }
}
