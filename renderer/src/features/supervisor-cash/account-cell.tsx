import { Code, Table } from '@mantine/core';
import { useAccountLabel } from '../../hooks/use-account-label';

/**
 * An account in the day-close tables: its name in the reader's language, with the ledger id
 * beside it (what head office and the auditors quote). Ids are built as code:qualifier:currency,
 * so the code is the id's first part when no code came with it.
 */
export function AccountCell({ id, code }: { id: string; code?: string }) {
  const label = useAccountLabel()({ id, name: id, code: code ?? id.split(':')[0] });
  return (
    <Table.Td>
      {label}
      {label !== id && (
        <Code dir="ltr" ms="xs">
          {id}
        </Code>
      )}
    </Table.Td>
  );
}
