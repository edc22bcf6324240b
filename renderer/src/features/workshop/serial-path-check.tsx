import { useState } from 'react';
import { Button, Group, Text, TextInput } from '@mantine/core';
import type { SerialPathCheck as Check } from '@shared/contract';
import { call } from '../../api';
import { useErrorText } from '../../components/use-error-text';
import { useI18n } from '../../i18n';

/**
 * A path the list cannot show (a socat cable, a /dev/serial/by-path link, a port udev names
 * oddly) is typed here and checked on the counter's PC: does it exist, is it a serial port or a
 * pseudo-terminal, and what does it point at.
 */
export function SerialPathCheck() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [path, setPath] = useState('');
  const [result, setResult] = useState<Check | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const check = () => {
    setResult(null);
    setFailure(null);
    call('devices.checkSerialPath', { path: path.trim() })
      .then(setResult)
      .catch((error: unknown) => setFailure(errorText(error)));
  };

  const usable = result?.verdict === 'serial-port' || result?.verdict === 'pty';
  return (
    <div data-testid="serial-path-check">
      <Group align="end" gap="xs">
        <TextInput
          label={t('workshop.ports.check.label')}
          placeholder="/dev/ttyUSB0"
          value={path}
          onChange={(event) => setPath(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && path.trim()) check();
          }}
          dir="ltr"
          data-testid="serial-path-input"
        />
        <Button size="sm" variant="default" disabled={!path.trim()} onClick={check} data-testid="serial-path-button">
          {t('workshop.ports.check.button')}
        </Button>
      </Group>
      {result && (
        <Text size="sm" c={usable ? 'teal' : 'red'} data-testid="serial-path-verdict" data-verdict={result.verdict}>
          {t(`workshop.ports.check.${result.verdict}`)}
          {result.target && result.target !== result.path && (
            <>
              {' '}
              <bdi dir="ltr">→ {result.target}</bdi>
            </>
          )}
        </Text>
      )}
      {failure && (
        <Text size="sm" c="red">
          {failure}
        </Text>
      )}
    </div>
  );
}
