import type { TransportConfig } from '../config';
import { FileTransport } from './file-transport';
import { SerialTransport } from './serial-transport';
import { TcpTransport } from './tcp-transport';
import type { Transport } from './transport';

export const createTransport = (config: TransportConfig): Transport => {
  switch (config.type) {
    case 'serial':
      return new SerialTransport(config);
    case 'tcp':
      return new TcpTransport(config.host, config.port);
    case 'file':
      return new FileTransport(config.path);
  }
};
