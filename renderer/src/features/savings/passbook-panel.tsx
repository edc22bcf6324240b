import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import type { PassbookPrintProgress, PassbookPrintResult } from '@shared/contract';
import { call, on } from '../../api';
import { useI18n } from '../../i18n';
import { PassbookLinesTable } from './passbook-lines-table';
import { useSavingsFailureText } from './use-savings-failure-text';

/** Outcomes after which the passbook is as it should be; the others ask the clerk to act. */
const CALM = new Set<PassbookPrintResult['outcome']>(['complete', 'up-to-date', 'mini-statement']);

/**
 * Updates the passbook: head office's lines not yet in it, from its cursor. While the printer works
 * the window says what it asks for (insert the book open at page n, turn the page), from the
 * device's own `passbook.progress`; the outcome is said in words, with what is left to print.
 */
export function PassbookPanel({ accountNumber, onPrinted }: { accountNumber: string; onPrinted(): void }) {
  const { t } = useI18n();
  const failureText = useSavingsFailureText();
  const [presented, setPresented] = useState('');
  const [printing, setPrinting] = useState(false);
  const [progress, setProgress] = useState<PassbookPrintProgress | null>(null);
  const [result, setResult] = useState<PassbookPrintResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Only while this window prints: another window's passbook is not this clerk's prompt.
  useEffect(() => (printing ? on('passbook.progress', (payload) => !payload.reprint && setProgress(payload)) : undefined), [printing]);

  const print = async (event: FormEvent) => {
    event.preventDefault();
    if (printing) return;
    setPrinting(true);
    setProgress(null);
    setResult(null);
    setError(null);
    try {
      const number = presented.trim();
      setResult(await call('savings.printPassbook', number ? { accountNumber, passbookNumber: number } : { accountNumber }));
      onPrinted();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setPrinting(false);
    }
  };

  return (
    <form onSubmit={(event) => void print(event)} data-testid="savings-passbook-panel">
      <Stack maw={760}>
        <Title order={4}>{t('savings.passbook.title')}</Title>
        <Group align="flex-end">
          <TextInput label={t('savings.passbook.presented')} value={presented} onChange={(e) => setPresented(e.currentTarget.value)} dir="ltr" autoFocus disabled={printing} data-testid="savings-passbook-number" />
          <Button type="submit" loading={printing} data-testid="savings-passbook-print">
            {t('savings.passbook.print')}
          </Button>
        </Group>
        {printing && progress && progress.state !== 'finished' && (
          <Alert color="blue" data-testid="savings-passbook-prompt" data-state={progress.state} data-page={progress.page}>
            <Group gap="xs">
              <Loader size="xs" />
              <Text>{t(`passbook.prompt.${progress.state}`, { page: progress.page })}</Text>
            </Group>
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert" data-testid="savings-passbook-error">
            {error}
          </Alert>
        )}
        {result && <PassbookOutcome result={result} />}
      </Stack>
    </form>
  );
}

function PassbookOutcome({ result }: { result: PassbookPrintResult }) {
  const { t, money } = useI18n();
  return (
    <Stack data-testid="savings-passbook-result" data-outcome={result.outcome} data-printed={result.printed}>
      {result.issued && (
        <Alert color="blue" data-testid="savings-passbook-issued">
          {t('passbook.issued', { number: result.passbookNumber })}
        </Alert>
      )}
      <Alert color={CALM.has(result.outcome) ? 'green' : 'orange'} data-testid="savings-passbook-outcome">
        <Stack gap={4}>
          <Text fw={700}>{t(`passbook.outcome.${result.outcome}`)}</Text>
          {result.outcome !== 'up-to-date' && result.outcome !== 'mini-statement' && <Text>{t('savings.passbook.printed', { count: result.printed })}</Text>}
          {result.remaining > 0 && <Text data-testid="savings-passbook-remaining">{t('passbook.remaining', { count: result.remaining })}</Text>}
          {result.waitingDeposits.count > 0 && <Text data-testid="savings-passbook-waiting">{t('passbook.waitingDeposits', { count: result.waitingDeposits.count })}</Text>}
          <Text>
            {t('savings.account.balance')} <bdi dir="ltr">{money(result.balance.minor)}</bdi>
          </Text>
        </Stack>
      </Alert>
      {result.lines.length > 0 && (
        <>
          <Text fw={600}>{t('savings.passbook.lines')}</Text>
          <PassbookLinesTable lines={result.lines} testId="savings-passbook-lines" />
        </>
      )}
    </Stack>
  );
}
