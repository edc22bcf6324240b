import type { WebContents } from 'electron';
import type { CounterHost } from '../services/counter-host';
import type { WindowLink } from '../services/window-link';
import { EVENT_CHANNEL } from '@shared/ipc-channels';

/**
 * One `WindowLink` per window's webContents: the desktop side of "events only to those who may
 * see them". Each window's calls go through its own link, which remembers that window's session,
 * and events reach a window only when its session may hear them.
 */
export class WindowLinks {
  private readonly links = new Map<number, WindowLink>();

  constructor(private readonly host: CounterHost) {}

  of(contents: WebContents): WindowLink {
    const known = this.links.get(contents.id);
    if (known) return known;
    const link = this.host.connect((message) => {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, message);
    });
    this.links.set(contents.id, link);
    contents.once('destroyed', () => {
      link.close();
      this.links.delete(contents.id);
    });
    return link;
  }
}
