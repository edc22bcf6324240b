import { useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { ID_DOCUMENT_TYPES, type HandOverResult, type PickupParcelView } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { ReceiptPreview } from '../mail/receipt-preview';
import { useMailFailureText } from '../mail/use-mail-failure-text';
import { useScan } from '../scanning/use-scan';
import { useCallData } from '../../hooks/use-call-data';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';

/** Parcels bought online and announced for this branch: find, check identity, collect COD, hand over. */
export function PickupPanel({ sessionId }: { sessionId: string }) {
  const { t, tryT, money } = useI18n();
  const failureText = useMailFailureText();
  const { busy, run, forget } = useGuardedOperation();
  const [version, setVersion] = useState(0);
  const waiting = useCallData('pickup.list', { status: 'waiting' }, version);
  const returns = useCallData('pickup.list', { status: 'due-for-return' }, version);
  const [code, setCode] = useState('');
  const [parcel, setParcel] = useState<PickupParcelView | null>(null);
  const [pickupCode, setPickupCode] = useState('');
  const [idType, setIdType] = useState<(typeof ID_DOCUMENT_TYPES)[number]>('national-id');
  const [idNumber, setIdNumber] = useState('');
  const [tendered, setTendered] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<HandOverResult | null>(null);

  const find = async (value: string) => {
    setError(null);
    setDone(null);
    forget();
    try {
      setParcel(await call('pickup.find', { code: value.trim() }));
    } catch (failure) {
      setError(failureText(failure));
    }
  };
  useScan((scan) => void find(scan.code));
  const handOver = async () => {
    if (!parcel) return;
    setError(null);
    const due = parcel.amountToCollect.minor;
    const input = {
      sessionId,
      parcelId: parcel.id,
      pickupCode,
      idDocument: { type: idType, number: idNumber },
      ...(due > 0 ? { tendered: { minor: Number(tendered || '0'), currency: parcel.amountToCollect.currency } } : {}),
    };
    const outcome = await run(JSON.stringify(input), (operationId) => call('pickup.handOver', { operationId, ...input }));
    if (!outcome) return;
    if (outcome.ok) {
      setDone(outcome.value);
      setParcel(null);
      setVersion((v) => v + 1);
    } else setError(failureText(outcome.error));
  };
  const markReturned = async (id: string) => {
    try {
      await call('pickup.markReturned', { parcelId: id });
      setVersion((v) => v + 1);
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  return (
    <Stack data-testid="pickup-panel">
      <Group align="flex-end">
        <TextInput label={t('pickup.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && void find(code)} dir="ltr" data-testid="pickup-code" />
        <Button onClick={() => void find(code)} data-testid="pickup-find">{t('pickup.find')}</Button>
      </Group>
      {error && <Alert color="red" role="alert" data-testid="pickup-error">{error}</Alert>}
      {parcel && (
        <Paper withBorder p="sm" data-testid="pickup-parcel" data-id={parcel.id}>
          <Stack gap={6}>
            <Text fw={600}>{parcel.marketplace} · {parcel.sender} → {parcel.recipientName}</Text>
            <Text data-testid="pickup-due" data-minor={parcel.amountToCollect.minor}>{t('pickup.toCollect', { amount: money(parcel.amountToCollect.minor) })}</Text>
            <Group grow>
              <TextInput label={t('pickup.pickupCode')} value={pickupCode} onChange={(e) => setPickupCode(e.currentTarget.value)} dir="ltr" data-testid="pickup-pickup-code" />
              <Select label={t('pickup.idType')} data={ID_DOCUMENT_TYPES.map((type) => ({ value: type, label: tryT(`pickup.idType.${type}`, type) }))} value={idType} onChange={(v) => v && setIdType(v as typeof idType)} allowDeselect={false} data-testid="pickup-id-type" />
              <TextInput label={t('pickup.idNumber')} value={idNumber} onChange={(e) => setIdNumber(e.currentTarget.value)} dir="ltr" data-testid="pickup-id-number" />
              {parcel.amountToCollect.minor > 0 && <TextInput label={t('mail.tendered')} value={tendered} onChange={(e) => setTendered(e.currentTarget.value.replace(/\D/g, ''))} dir="ltr" data-testid="pickup-tendered" />}
            </Group>
            <Button onClick={() => void handOver()} loading={busy} disabled={pickupCode.trim().length < 3 || idNumber.trim().length < 3} data-testid="pickup-hand-over">{t('pickup.handOver')}</Button>
          </Stack>
        </Paper>
      )}
      {done && (
        <Stack data-testid="pickup-done" data-operation={done.operationId}>
          <Alert color="green">{t('pickup.done')} · {t('mail.change')}: <span data-testid="pickup-change">{money(done.change.minor)}</span></Alert>
          <ReceiptPreview receipt={done.receipt as Receipt} />
        </Stack>
      )}
      <Text fw={600}>{t('pickup.waiting')}</Text>
      <ParcelTable parcels={waiting.data ?? []} onPick={(p) => void find(p.barcode)} testId="pickup-waiting" />
      <Text fw={600}>{t('pickup.returns')}</Text>
      <ParcelTable parcels={returns.data ?? []} onPick={(p) => void markReturned(p.id)} action={t('pickup.markReturned')} testId="pickup-returns" />
    </Stack>
  );
}

function ParcelTable({ parcels, onPick, action, testId }: { parcels: PickupParcelView[]; onPick(p: PickupParcelView): void; action?: string; testId: string }) {
  const { money } = useI18n();
  return (
    <Table withTableBorder data-testid={testId}>
      <Table.Tbody>
        {parcels.map((p) => (
          <Table.Tr key={p.id} data-testid="pickup-row" data-barcode={p.barcode}>
            <Table.Td dir="ltr">{p.barcode}</Table.Td>
            <Table.Td>{p.recipientName}</Table.Td>
            <Table.Td>{p.marketplace}</Table.Td>
            <Table.Td dir="ltr">{money(p.amountToCollect.minor)}</Table.Td>
            <Table.Td dir="ltr">{p.announcedOn}</Table.Td>
            <Table.Td><Button size="xs" variant="default" onClick={() => onPick(p)}>{action ?? '→'}</Button></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
