import { Table } from '@mantine/core';
import { shortReference } from '../../components/action-words';
import { useAccountLabel } from '../../hooks/use-account-label';

/**
 * An account in the day-close tables: its name in the reader's language; the ledger id
 * (what head office and the auditors quote) is the cell's title. Ids are built as code:qualifier:currency,
 * so the code is the id's first part when no code came with it.
 */
export function AccountCell({ id, code, tills }: { id: string; code?: string; tills?: ReadonlyMap<string, string> }) {
  const accountCode = code ?? id.split(':')[0];
  // A till's cash account is `till-cash:<session>`: named by its till (G1), or by the session's short reference.
  const session = accountCode === 'till-cash' ? id.slice('till-cash:'.length) : null;
  const tillId = session === null ? null : (tills?.get(session) ?? shortReference(session));
  const label = useAccountLabel()({ id, name: id, code: accountCode }, tillId);
  // The ledger id (`till-cash:<uuid>:DJF`) is no word for a reader: it stays in the cell's title and data.
  return (
    <Table.Td title={id} data-account-id={id}>
      {label}
    </Table.Td>
  );
}
