import { Paper, Text } from '@mantine/core';
import { layoutReceipt, type Receipt } from '@shared/receipt';

/** The receipt as the printer lays it out (same model, same rows): what the customer takes home. */
export function ReceiptPreview({ receipt, columns = 42 }: { receipt: Receipt; columns?: number }) {
  const rows = layoutReceipt(receipt, columns);
  return (
    <Paper withBorder p="sm" ff="monospace" data-testid="receipt-preview" style={{ whiteSpace: 'pre', fontSize: 12, overflowX: 'auto' }}>
      {rows.map((row, index) => {
        if (row.kind === 'cut') return <Text key={index} c="dimmed" ff="monospace" fz={12}>{'✂ '.repeat(columns / 2)}</Text>;
        if (row.kind === 'barcode')
          return (
            <Text key={index} ta="center" ff="monospace" fz={12} data-testid="receipt-barcode" data-value={row.data}>
              {`▌▍▌▌▍ ${row.data} ▍▌▌▍▌`}
            </Text>
          );
        if (row.kind === 'qr')
          return (
            <Text key={index} ta="center" ff="monospace" fz={11} data-testid="receipt-qr">
              {`[QR] ${row.data}`}
            </Text>
          );
        return (
          <Text key={index} ff="monospace" fz={12} fw={row.bold ? 700 : 400} ta={row.align} dir={row.rtl ? 'rtl' : 'ltr'}>
            {row.text || ' '}
          </Text>
        );
      })}
    </Paper>
  );
}
