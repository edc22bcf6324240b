import { useState } from 'react';
import { ActionIcon, Alert, Button, Grid, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { AcceptanceResult, MailCatalog, RetailProduct, TillConfig } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import { call, isFailure } from '../../api';
import { useKeptDraft } from '../../hooks/use-kept-draft';
import { useUnfinishedWork } from '../home/screen-exit';
import { useI18n } from '../../i18n';
import { useScan } from '../scanning/use-scan';
import { readAmount, type AmountReading } from '../till/amount';
import { AmountField } from '../till/amount-field';
import { useGuardedOperation } from '../till/use-guarded-operation';
import { ItemForm, type DraftItem } from './item-form';
import { ReceiptPreview } from './receipt-preview';
import { useMailFailureText } from './use-mail-failure-text';

interface ProductLine {
  product: RetailProduct;
  quantity: number;
}

/** What the host keeps of an unfinished acceptance (see the sale screen's draft for why the sent id). */
interface AcceptanceDraft {
  items: DraftItem[];
  products: Array<{ ean: string; quantity: number }>;
  tendered: string;
  sentOperationId?: string;
}

/** The basket at the window: mail items and shelf products, one cash payment, one booking. */
export function AcceptanceDesk({ catalog, sessionId, config }: { catalog: MailCatalog; sessionId: string; config: TillConfig }) {
  const { t, money, language } = useI18n();
  const failureText = useMailFailureText();
  const { busy, run, forget, resume } = useGuardedOperation();
  const [sentOperationId, setSentOperationId] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<DraftItem[]>([]);
  const [products, setProducts] = useState<ProductLine[]>([]);
  const [ean, setEan] = useState('');
  const [tendered, setTendered] = useState('');
  /** The same money rule as the sale screen ("1 500", "12,50" read or refused, never stripped to digits). */
  const [tenderShown, setTenderShown] = useState<AmountReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<AcceptanceResult | null>(null);
  const [formKey, setFormKey] = useState(0);

  const addProduct = (code: string) => {
    const product = catalog.products.find((p) => p.ean === code.trim());
    if (!product) return setError(t('mail.rule.unknown-ean'));
    setError(null);
    setProducts((lines) => {
      const existing = lines.find((line) => line.product.ean === product.ean);
      return existing ? lines.map((line) => (line === existing ? { ...line, quantity: line.quantity + 1 } : line)) : [...lines, { product, quantity: 1 }];
    });
    setEan('');
  };
  useScan((scan) => {
    if (/^\d{8,14}$/.test(scan.code)) addProduct(scan.code);
  });

  const total = items.reduce((sum, item) => sum + item.priceMinor, 0) + products.reduce((sum, line) => sum + line.product.price.minor * line.quantity, 0);
  const tender = readAmount(tendered, config);
  const cash = tender.ok ? tender.minor : null;

  const draft: AcceptanceDraft = {
    items,
    products: products.map((line) => ({ ean: line.product.ean, quantity: line.quantity })),
    tendered,
    ...(sentOperationId ? { sentOperationId } : {}),
  };
  const acceptInput = (kept: AcceptanceDraft) => ({
    sessionId,
    items: kept.items.map((item) => item.input),
    products: kept.products,
    tendered: { minor: ((reading) => (reading.ok ? reading.minor : 0))(readAmount(kept.tendered, config)), currency: catalog.currency },
  });
  /** A booking sent before a reload: shown as booked if the ledger has it, never booked twice. */
  const recoverSent = async (saved: AcceptanceDraft, operationId: string) => {
    setSentOperationId(operationId);
    const input = acceptInput(saved);
    resume(operationId, JSON.stringify(input));
    const booked = await call('till.operations', { sessionId, limit: 50 }).catch(() => []);
    if (!booked.some((operation) => operation.operationId === operationId)) return;
    const outcome = await run(JSON.stringify(input), (id) => call('mail.accept', { operationId: id, ...input }));
    if (outcome?.ok) setResult(outcome.value);
  };

  const kept = useKeptDraft<AcceptanceDraft>('mail-acceptance', draft, result !== null || (items.length === 0 && products.length === 0), (saved) => {
    setItems(saved.items);
    setProducts(
      saved.products.flatMap((line) => {
        const product = catalog.products.find((p) => p.ean === line.ean);
        return product ? [{ product, quantity: line.quantity }] : [];
      }),
    );
    setTendered(saved.tendered);
    if (saved.sentOperationId) void recoverSent(saved, saved.sentOperationId);
  });
  useUnfinishedWork((items.length > 0 || products.length > 0) && result === null, () => void kept.clear());

  const confirm = async () => {
    if (result || (items.length === 0 && products.length === 0)) return;
    setError(null);
    setTenderShown(tender);
    if (!tender.ok) return;
    if (cash === null || cash < total) return setError(t('mail.rule.tender-short'));
    const input = acceptInput(draft);
    const outcome = await run(JSON.stringify(input), async (operationId) => {
      setSentOperationId(operationId);
      await kept.saveNow({ ...draft, sentOperationId: operationId });
      return call('mail.accept', { operationId, ...input });
    });
    if (!outcome) return;
    if (outcome.ok) setResult(outcome.value);
    else {
      if (!isFailure(outcome.error, 'HOST_UNREACHABLE')) setSentOperationId(undefined);
      setError(failureText(outcome.error));
    }
  };
  const next = () => {
    if (busy) return;
    forget();
    setResult(null);
    setItems([]);
    setProducts([]);
    setTendered('');
    setTenderShown(null);
    setError(null);
    setSentOperationId(undefined);
    setFormKey((k) => k + 1);
  };
  useHotkeys([['F9', () => void confirm()], ['F2', () => result && next()]], [], true);

  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 7 }}>{!result && <ItemForm key={formKey} catalog={catalog} onAdd={(item) => setItems((list) => [...list, item])} />}</Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack>
          <Title order={4}>{t('mail.items')}</Title>
          <Table withTableBorder data-testid="mail-basket">
            <Table.Tbody>
              {items.map((item, index) => (
                <Table.Tr key={`i${index}`} data-testid="mail-basket-item">
                  <Table.Td>{result?.items[index]?.s10 ? <Text ff="monospace" data-testid="mail-s10">{result.items[index]!.s10}</Text> : null}{item.label}</Table.Td>
                  <Table.Td ta="end" dir="ltr">{money(result?.items[index]?.amount.minor ?? item.priceMinor)}</Table.Td>
                  <Table.Td w={40}>{!result && <RemoveLine onRemove={() => setItems((list) => list.filter((_, i) => i !== index))} />}</Table.Td>
                </Table.Tr>
              ))}
              {products.map((line) => (
                <Table.Tr key={line.product.ean} data-testid="mail-basket-product">
                  <Table.Td>{line.quantity} × {line.product.name[language]}</Table.Td>
                  <Table.Td ta="end" dir="ltr">{money(line.product.price.minor * line.quantity)}</Table.Td>
                  <Table.Td w={40}>{!result && <RemoveLine onRemove={() => setProducts((list) => list.filter((other) => other !== line))} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!result && (
            <Group align="flex-end">
              <TextInput label={t('mail.ean')} value={ean} onChange={(e) => setEan(e.currentTarget.value.replace(/\D/g, ''))} onKeyDown={(e) => e.key === 'Enter' && addProduct(ean)} dir="ltr" data-testid="mail-ean" />
              <Button variant="default" onClick={() => addProduct(ean)} data-testid="mail-add-product">{t('mail.addProduct')}</Button>
            </Group>
          )}
          <Paper withBorder p="sm">
            <Group justify="space-between"><Text fw={700}>{t('mail.total')}</Text><Text fw={700} dir="ltr" data-testid="mail-total" data-minor={result?.total.minor ?? total}>{money(result?.total.minor ?? total)}</Text></Group>
            {!result && <AmountField label={t('mail.tendered')} value={tendered} onChange={(text) => { setTendered(text); setTenderShown(null); }} config={config} reading={tenderShown} testId="mail-tendered" />}
            {result && <Group justify="space-between"><Text>{t('mail.change')}</Text><Text dir="ltr" data-testid="mail-change" data-minor={result.change.minor}>{money(result.change.minor)}</Text></Group>}
          </Paper>
          {error && <Alert color="red" role="alert" data-testid="mail-error">{error}</Alert>}
          {!result ? (
            <Button size="lg" onClick={() => void confirm()} loading={busy} disabled={items.length === 0 && products.length === 0} data-testid="mail-confirm">{t('mail.confirm')}</Button>
          ) : (
            <Stack data-testid="mail-result" data-operation={result.operationId}>
              <Alert color="green">{t('mail.done')} · {t('mail.printing', { count: result.printing.queued })}</Alert>
              <ReceiptPreview receipt={result.receipt as Receipt} />
              <Button onClick={next} data-testid="mail-next">{t('mail.next')}</Button>
            </Stack>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function RemoveLine({ onRemove }: { onRemove(): void }) {
  const { t } = useI18n();
  return (
    <ActionIcon variant="subtle" color="red" aria-label={t('sale.remove')} onClick={onRemove} data-testid="mail-basket-remove">
      ×
    </ActionIcon>
  );
}
