import { useEffect, useState } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import type { PartyDraft } from './party-fields';

/** The label's lines only: the contract refuses the answer's own fields (id, uses) in a sender. */
const partyOf = ({ name, address, locality, country, phone }: PartyDraft): PartyDraft => ({ name, address, locality, country, phone });

/** Senders who came before, found by a few letters of their name or phone. */
export function SenderSearch({ onPick }: { onPick(sender: PartyDraft): void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<{ query: string; rows: Array<PartyDraft & { id: string }> }>({ query: '', rows: [] });
  // Only the answer to what is typed now is shown; fewer than two letters shows nobody.
  const found = query.trim().length >= 2 && answer.query === query ? answer.rows : [];
  useEffect(() => {
    if (query.trim().length < 2) return;
    let current = true;
    call('mail.senders', { query }).then((rows) => current && setAnswer({ query, rows }), () => undefined);
    return () => {
      current = false;
    };
  }, [query]);
  return (
    <Group gap={4} align="flex-end">
      <TextInput label={t('mail.frequentSenders')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} data-testid="mail-sender-search" />
      {found.map((sender) => (
        <Button key={sender.id} variant="light" size="xs" onClick={() => onPick(partyOf(sender))} data-testid="mail-sender-pick">
          {sender.name}
        </Button>
      ))}
    </Group>
  );
}
