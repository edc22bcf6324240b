import type { CounterBridge, Transport } from './transport';

/** Desktop shell: the preload bridge already speaks envelopes. */
export function ipcTransport(bridge: CounterBridge): Transport {
  return {
    send: (request) => bridge.call(request),
    listen: (listener) => bridge.on(listener),
  };
}
