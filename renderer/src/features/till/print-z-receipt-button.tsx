import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useFailureText } from '../../hooks/use-failure-text';

/**
 * Sends the Z report to the receipt printer. The counter queues it in the branch database, so
 * the answer comes at once even when the printer is off; the button stays disabled meanwhile so
 * a double press cannot queue two copies (a reprint is a deliberate act, from the print jobs).
 */
export function PrintZReceiptButton({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const print = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const job = await call('till.printZReport', { sessionId });
      setMessage({ ok: true, text: t(job.status === 'printed' ? 'z.printDone' : 'z.printQueued') });
    } catch (error) {
      const text = failureText(error);
      if (text) setMessage({ ok: false, text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group gap="xs">
      <Button variant="default" onClick={() => void print()} loading={busy} data-testid="z-print-receipt">
        {t('z.printReceipt')}
      </Button>
      {message && (
        <Text size="sm" c={message.ok ? undefined : 'red'} role="status" data-testid="z-print-receipt-result">
          {message.text}
        </Text>
      )}
    </Group>
  );
}
