import { Text } from '@mantine/core';
import { useI18n } from '../../i18n';
import { shortReference, useActionName } from '../../components/action-words';

/** One detail value in words: yes/no, action codes by name, ids shortened, lists and objects flattened. */
function useDetailText() {
  const { t, tryT } = useI18n();
  const actionName = useActionName();
  const text = (key: string, value: unknown): string => {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'boolean') return t(value ? 'detail.yes' : 'detail.no');
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') {
      if (key === 'for') return actionName(value);
      if (key === 'role' || key === 'allowed') return tryT(`role.${value}`, value);
      if (key === 'reason') return tryT(`detail.reason.${value}`, value);
      return shortReference(value);
    }
    if (Array.isArray(value)) return value.map((item) => text(key, item)).join(', ');
    return Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== null && inner !== undefined)
      .map(([innerKey, inner]) => `${tryT(`detail.${innerKey}`, innerKey)} ${text(innerKey, inner)}`)
      .join(', ');
  };
  return text;
}

/** An audit entry's details as labelled fields (label: value), never raw JSON. */
export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const { t, tryT } = useI18n();
  const text = useDetailText();
  const fields = Object.entries(details).filter(([, value]) => value !== null && value !== undefined);
  return (
    <>
      {fields.map(([key, value]) => (
        <Text key={key} size="xs" data-detail={key}>
          <Text span fw={600} size="xs">
            {tryT(`detail.${key}`, t('detail.other'))}
          </Text>
          {' : '}
          <bdi>{text(key, value)}</bdi>
        </Text>
      ))}
    </>
  );
}
