import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import type { VerifyReport } from '@shared/contract';
import { call } from '../../api';
import { FactTable } from '../../components/fact-table';
import { useI18n } from '../../i18n';
import { useFailureText } from '../../hooks/use-failure-text';

/** `ledger.verify` on demand: every balance, the sequence and the hash chain recomputed from the transfers. */
export function VerifyPanel() {
  const { t, tryT } = useI18n();
  const failureText = useFailureText();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const verify = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await call('ledger.verify', {}));
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack data-testid="verify-panel">
      <Group>
        <Button onClick={() => void verify()} loading={busy} data-testid="verify-run">
          {t('verify.run')}
        </Button>
        {report && (
          <Badge size="lg" color={report.ok ? 'green' : 'red'} data-testid="verify-result" data-ok={report.ok}>
            {report.ok ? t('verify.ok') : t('verify.failed')}
          </Badge>
        )}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {report && (
        <>
          <FactTable
            facts={[
              { label: t('verify.transfers'), value: String(report.transfers) },
              { label: t('verify.lastSeq'), value: String(report.lastSeq) },
              { label: t('day.lastHash'), value: <Code dir="ltr" style={{ wordBreak: 'break-all' }}>{report.lastHash}</Code> },
              { label: t('verify.duration'), value: <span dir="ltr">{`${Math.round(report.durationMs)} ms`}</span> },
            ]}
          />
          <Table withTableBorder>
            <Table.Tbody>
              {report.checks.map((check) => (
                <Table.Tr key={check.name}>
                  <Table.Td>{tryT(`verify.check.${check.name}`, check.name)}</Table.Td>
                  <Table.Td>
                    <Badge color={check.ok ? 'green' : 'red'} variant="light">
                      {check.ok ? t('verify.checkOk') : t('verify.checkFailed')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" dir="ltr">
                      {check.detail}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {report.firstBadRow && (
            <Alert color="red" title={t('verify.firstBadRow', { seq: report.firstBadRow.seq })} data-testid="verify-bad-row">
              <Text dir="ltr">{`${report.firstBadRow.check} · ${report.firstBadRow.transferId ?? '—'} · ${report.firstBadRow.detail}`}</Text>
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}
