import { useCallback, useEffect, useState } from 'react';
import type { ConfiguredDevice } from '@shared/contract';
import { call, on } from '../../api';

/** The configured devices, their live status kept current by `device.status` events. */
export function useWorkshopDevices(): { devices: ConfiguredDevice[]; reload(): void; failed: unknown } {
  const [devices, setDevices] = useState<ConfiguredDevice[]>([]);
  const [failed, setFailed] = useState<unknown>(null);
  const reload = useCallback(() => {
    call('devices.list', {})
      .then((result) => {
        setDevices(result.devices);
        setFailed(null);
      })
      .catch(setFailed);
  }, []);
  useEffect(() => {
    reload();
    return on('device.status', (status) =>
      setDevices((current) =>
        current.map((device) =>
          device.config.id === status.id || (device.config.kind === 'cash-drawer' && device.config.printerId === status.id)
            ? { ...device, status }
            : device,
        ),
      ),
    );
  }, [reload]);
  return { devices, reload, failed };
}
