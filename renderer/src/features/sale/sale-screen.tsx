import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Button, Grid, Group, Kbd, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { Product, SaleResult, TillConfig } from '@shared/contract';
import { formatMinor } from '@shared/money';
import { call, isFailure, on } from '../../api';
import { ScreenHeader } from '../../components/screen-header';
import { useI18n } from '../../i18n';
import { readAmount, type AmountReading } from '../till/amount';
import { AmountField } from '../till/amount-field';
import { useCallData } from '../till/use-call-data';
import { useFailureText } from '../till/use-failure-text';
import { useGuardedOperation } from '../till/use-guarded-operation';
import { addLine, basketTotal, findProduct, saleLines, type BasketLine } from './basket';
import { OutcomeAlerts } from '../../components/outcome-alerts';
import { useKeptDraft } from '../../hooks/use-kept-draft';
import { useUnfinishedWork } from '../home/screen-exit';
import { LastOperation } from '../my-operations/last-operation';

/** A cash sale of catalogue products, keyboard first: code (typed or scanned), quantity, Enter. */
export function SaleScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const config = useCallData('till.config', {});
  const mine = useCallData('till.mine', {});
  const products = useCallData('sale.products', {});
  const error = config.error ?? mine.error ?? products.error;

  let body;
  if (error !== null) body = <Alert color="red">{failureText(error)}</Alert>;
  else if (!config.data || !products.data || mine.loading) body = <Loader size="sm" />;
  else if (!mine.data || mine.data.status !== 'open')
    body = (
      <Alert color="blue" data-testid="sale-no-till">
        {t('sale.noTill')}
      </Alert>
    );
  else body = <SaleDesk sessionId={mine.data.sessionId} config={config.data} products={products.data} />;

  return (
    <Stack p="md" data-testid="sale-screen">
      <ScreenHeader title={t('sale.title')} onBack={onBack} />
      {body}
    </Stack>
  );
}

interface DeskProps {
  sessionId: string;
  config: TillConfig;
  products: Product[];
}

/** What the host keeps of an unfinished sale: the basket, the cash typed, and the id of a booking sent. */
interface SaleDraft {
  lines: ReturnType<typeof saleLines>;
  tendered: string;
  /** Set from the moment `sale.complete` is sent: after a reload, the same id is asked again, never a new one. */
  sentOperationId?: string;
}

function SaleDesk({ sessionId, config, products }: DeskProps) {
  const { t, money, language, dateTime } = useI18n();
  const failureText = useFailureText();
  const { busy, run, forget, resume } = useGuardedOperation();
  const [lines, setLines] = useState<BasketLine[]>([]);
  const [code, setCode] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [reference, setReference] = useState('');
  const [tenderedText, setTenderedText] = useState('');
  const [tenderReading, setTenderReading] = useState<AmountReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SaleResult | null>(null);
  const [sentOperationId, setSentOperationId] = useState<string | undefined>(undefined);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const codeField = useRef<HTMLInputElement>(null);
  const tenderField = useRef<HTMLDivElement>(null);
  const resultPanel = useRef<HTMLDivElement>(null);

  const typed = findProduct(products, code);
  const total = basketTotal(lines);
  const tender = readAmount(tenderedText, config);
  const change = tender.ok ? tender.minor - total : null;

  const add = (product: Product | undefined, count: number, ref: string) => {
    setError(null);
    if (!product) return setError(t('sale.unknownCode', { code: code.trim() }));
    if (!Number.isInteger(count) || count < 1 || count > 999) return setError(t('sale.badQuantity'));
    if (product.requiresReference && ref.trim() === '') return setError(t('cash.rule.reference-required'));
    setLines((previous) => addLine(previous, { product, quantity: count, ...(product.requiresReference ? { reference: ref.trim().toUpperCase() } : {}) }));
    setCode('');
    setQuantity('1');
    setReference('');
    codeField.current?.focus();
  };

  const submitLine = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() === '' && lines.length > 0) {
      // Enter on an empty code: the basket is complete, go to the cash.
      tenderField.current?.querySelector('input')?.focus();
      return;
    }
    add(typed, Number(quantity), reference);
  };

  // Serial scanners report through the host; a wedge scanner simply types into the code field.
  const scanned = useRef<(value: string) => void>(() => undefined);
  useEffect(() => {
    scanned.current = (value: string) => {
      const product = findProduct(products, value);
      if (product && !product.requiresReference) add(product, 1, '');
      else if (typed?.requiresReference) setReference(value);
      else setCode(value);
    };
  });
  useEffect(() => on('scan', (scan) => scanned.current(scan.code)), []);

  const draft: SaleDraft = { lines: saleLines(lines), tendered: tenderedText, ...(sentOperationId ? { sentOperationId } : {}) };
  /**
   * A booking was sent before the reload and its answer never reached this page. If the ledger
   * holds it, ask again with the same id: the answer is the first booking, shown as done, and
   * nothing is charged twice. If not, the next confirm reuses the id all the same.
   */
  const recoverSent = async (saved: SaleDraft, operationId: string) => {
    setSentOperationId(operationId);
    const tender = readAmount(saved.tendered, config);
    const input = { sessionId, lines: saved.lines, tendered: { minor: tender.ok ? tender.minor : 0, currency: config.currency } };
    resume(operationId, JSON.stringify(input));
    const booked = await call('till.operations', { sessionId, limit: 50 }).catch(() => []);
    if (!booked.some((operation) => operation.operationId === operationId)) return;
    const outcome = await run(JSON.stringify(input), (id) => call('sale.complete', { operationId: id, ...input }));
    if (outcome?.ok) setResult(outcome.value);
  };

  const kept = useKeptDraft<SaleDraft>('sale', draft, result !== null || (lines.length === 0 && tenderedText === ''), (saved, savedAt) => {
    const restored = saved.lines.flatMap((line): BasketLine[] => {
      const product = findProduct(products, line.productCode);
      return product ? [{ product, quantity: line.quantity, ...(line.reference ? { reference: line.reference } : {}) }] : [];
    });
    setLines(restored);
    setTenderedText(saved.tendered);
    setRestoredAt(savedAt);
    if (saved.sentOperationId) void recoverSent(saved, saved.sentOperationId);
  });
  useUnfinishedWork(lines.length > 0 && result === null, () => void kept.clear());

  const confirm = async (event?: FormEvent) => {
    event?.preventDefault();
    if (result) return;
    setError(null);
    setTenderReading(tender);
    if (lines.length === 0) return setError(t('sale.emptyBasket'));
    if (!tender.ok) return;
    if (tender.minor < total) return setError(t('cash.rule.tender-short'));
    const input = { sessionId, lines: saleLines(lines), tendered: { minor: tender.minor, currency: config.currency } };
    const outcome = await run(JSON.stringify(input), async (operationId) => {
      // The host keeps the id before the booking leaves: a reload now cannot lead to a second sale.
      setSentOperationId(operationId);
      await kept.saveNow({ ...draft, sentOperationId: operationId });
      return call('sale.complete', { operationId, ...input });
    });
    if (!outcome) return;
    if (outcome.ok) {
      setResult(outcome.value);
      setVersion((n) => n + 1);
      resultPanel.current?.focus();
    } else {
      // Refused for sure: nothing was booked under that id. Unanswered: keep it for the retry.
      if (!isFailure(outcome.error, 'HOST_UNREACHABLE')) setSentOperationId(undefined);
      setError(failureText(outcome.error));
    }
  };

  const nextCustomer = () => {
    if (busy) return;
    forget();
    setResult(null);
    setLines([]);
    setTenderedText('');
    setTenderReading(null);
    setError(null);
    setSentOperationId(undefined);
    setRestoredAt(null);
    setTimeout(() => codeField.current?.focus(), 0);
  };

  useHotkeys(
    [
      ['F2', () => result && nextCustomer()],
      ['F8', () => tenderField.current?.querySelector('input')?.focus()],
    ],
    [],
  );

  useEffect(() => {
    if (result) resultPanel.current?.focus();
  }, [result]);

  const locked = busy || result !== null;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack>
          <LastOperation sessionId={sessionId} version={version} />
          {restoredAt && !result && (
            <Alert color="blue" variant="light" data-testid="sale-draft-restored">
              {t('draft.restored', { time: dateTime(restoredAt) })}
            </Alert>
          )}
          <OutcomeAlerts error={error} testId="sale" />
          <form onSubmit={submitLine} data-testid="sale-line-form">
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                ref={codeField}
                label={t('sale.code')}
                value={code}
                onChange={(event) => setCode(event.currentTarget.value)}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                dir="ltr"
                disabled={locked}
                description={typed ? `${typed.name[language]} · ${money(typed.price.minor)}` : t('sale.codeHint')}
                data-testid="sale-code"
                flex={2}
              />
              <TextInput
                label={t('sale.quantity')}
                value={quantity}
                onChange={(event) => setQuantity(event.currentTarget.value.replace(/[^\d]/g, '').slice(0, 3))}
                inputMode="numeric"
                dir="ltr"
                disabled={locked}
                w={90}
                data-testid="sale-quantity"
              />
              {typed?.requiresReference && (
                <TextInput
                  label={t('sale.reference')}
                  value={reference}
                  onChange={(event) => setReference(event.currentTarget.value)}
                  dir="ltr"
                  disabled={locked}
                  data-testid="sale-reference"
                />
              )}
              <Button type="submit" variant="default" disabled={locked} data-testid="sale-add">
                {t('sale.add')}
              </Button>
            </Group>
          </form>

          <Table withTableBorder striped data-testid="sale-basket">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sale.col.product')}</Table.Th>
                <Table.Th>{t('sale.quantity')}</Table.Th>
                <Table.Th>{t('sale.col.unit')}</Table.Th>
                <Table.Th>{t('sale.col.amount')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line, index) => (
                <Table.Tr key={`${line.product.code}-${line.reference ?? index}`} data-testid={`sale-line-${line.product.code}`}>
                  <Table.Td>
                    {line.product.name[language]}
                    <Text size="xs" c="dimmed" dir="ltr">
                      {line.product.code}
                      {line.reference ? ` · ${line.reference}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{line.quantity}</Table.Td>
                  <Table.Td dir="ltr">{money(line.product.price.minor)}</Table.Td>
                  <Table.Td dir="ltr">{money(line.product.price.minor * line.quantity)}</Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      disabled={locked}
                      aria-label={t('sale.remove')}
                      onClick={() => setLines((previous) => previous.filter((_, i) => i !== index))}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={3}>{t('sale.total')}</Table.Th>
                <Table.Th dir="ltr" data-testid="sale-total">
                  {money(total)}
                </Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Tfoot>
          </Table>

          {result ? (
            <Paper withBorder p="md" ref={resultPanel} tabIndex={-1} data-testid="sale-result" data-operation-id={result.operationId}>
              <Stack gap="xs">
                <Title order={3}>{t('sale.done')}</Title>
                {result.operationNumber && (
                  <Text fw={700} data-testid="sale-result-number">
                    {t('sale.operationNumber')} <bdi dir="ltr">{result.operationNumber}</bdi>
                  </Text>
                )}
                <Text>{t('sale.doneTotal', { amount: money(result.total.minor) })}</Text>
                <Text>{t('sale.doneTendered', { amount: money(result.tendered.minor) })}</Text>
                <Text fw={700} size="xl" data-testid="sale-result-change">
                  {t('sale.change', { amount: money(result.change.minor) })}
                </Text>
                <Group>
                  <Button onClick={nextCustomer} data-testid="sale-next">
                    {t('sale.next')}&nbsp;<Kbd dir="ltr">F2</Kbd>
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ) : (
            <form onSubmit={(event) => void confirm(event)} data-testid="sale-pay-form">
              <Stack maw={420}>
                <div ref={tenderField}>
                  <AmountField
                    label={t('sale.tendered')}
                    value={tenderedText}
                    onChange={setTenderedText}
                    config={config}
                    reading={tenderReading}
                    testId="sale-tendered"
                    disabled={busy}
                  />
                </div>
                <Group justify="space-between">
                  <Button variant="subtle" size="xs" disabled={busy || total === 0} onClick={() => setTenderedText(formatMinor(total, config.currency, ''))} data-testid="sale-exact">
                    {t('sale.exact')}
                  </Button>
                  <Text data-testid="sale-change" c={change !== null && change < 0 ? 'red' : undefined}>
                    {change !== null && lines.length > 0 ? t('sale.change', { amount: money(change) }) : ''}
                  </Text>
                </Group>
                <Button type="submit" size="lg" loading={busy} disabled={busy} data-testid="sale-confirm">
                  {t('sale.confirm', { amount: money(total) })}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('sale.keys')}
                </Text>
              </Stack>
            </form>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="xs">
          <Title order={4}>{t('sale.catalogue')}</Title>
          <SimpleGrid cols={1} spacing={4}>
            {products.map((product) => (
              <UnstyledButton
                key={product.code}
                disabled={locked}
                onClick={() => (product.requiresReference ? setCode(product.code) : add(product, 1, ''))}
                data-testid={`product-${product.code}`}
              >
                <Paper withBorder p={6}>
                  <Group justify="space-between" wrap="nowrap">
                    <Stack gap={0}>
                      <Text size="sm">{product.name[language]}</Text>
                      <Text size="xs" c="dimmed" dir="ltr">
                        {product.code}
                      </Text>
                    </Stack>
                    <Text size="sm" dir="ltr">
                      {money(product.price.minor)}
                    </Text>
                  </Group>
                </Paper>
              </UnstyledButton>
            ))}
          </SimpleGrid>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
