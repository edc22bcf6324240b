import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  testId?: string;
}

/** Label / value rows; no punctuation between them, so every language reads it naturally. */
export function FactTable({ facts }: { facts: readonly Fact[] }) {
  return (
    <Table variant="vertical" withTableBorder layout="fixed">
      <Table.Tbody>
        {facts.map((fact) => (
          <Table.Tr key={fact.label}>
            <Table.Th w={220}>{fact.label}</Table.Th>
            <Table.Td data-testid={fact.testId}>{fact.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
