import type { z } from 'zod';
import { auditMethods } from './methods/audit';
import { authMethods } from './methods/auth';
import { backupMethods } from './methods/backup';
import { counterpartyMethods } from './methods/counterparty';
import { branchMethods } from './methods/branch';
import { devicesMethods } from './methods/devices';
import { draftsMethods } from './methods/drafts';
import { mailMethods } from './methods/mail';
import { pickupMethods } from './methods/pickup';
import { savingsMethods } from './methods/savings';
import { trackingMethods } from './methods/tracking';
import { journalMethods } from './methods/journal';
import { ledgerMethods } from './methods/ledger';
import { safeMethods } from './methods/safe';
import { replicationMethods } from './methods/replication';
import { correctionsMethods } from './methods/corrections';
import { dayMethods } from './methods/day';
import { printMethods } from './methods/print';
import { saleMethods } from './methods/sale';
import { tillMethods } from './methods/till';
import { systemMethods } from './methods/system';
import { usersMethods } from './methods/users';
import { customersMethods } from './methods/customers';
import { moneyOrdersMethods } from './methods/money-orders';
import type { EventName } from './events';
import { events } from './events';

/** Every method the counter answers, by name. Add a domain's map here. */
export const methods = {
  ...systemMethods,
  ...authMethods,
  ...usersMethods,
  ...auditMethods,
  ...branchMethods,
  ...ledgerMethods,
  ...tillMethods,
  ...safeMethods,
  ...dayMethods,
  ...saleMethods,
  ...journalMethods,
  ...replicationMethods,
  ...correctionsMethods,
  ...devicesMethods,
  ...printMethods,
  ...mailMethods,
  ...trackingMethods,
  ...pickupMethods,
  ...savingsMethods,
  ...draftsMethods,
  ...backupMethods,
  ...counterpartyMethods,
  ...customersMethods,
  ...moneyOrdersMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Input<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type Output<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(methods, name);

export { events };
export type { EventName };
export * from './errors';
export * from './envelope';
export * from './define';
export * from './methods/common';
export * from './methods/system';
export * from './methods/auth';
export * from './methods/users';
export * from './methods/audit';
export * from './methods/branch';
export * from './methods/money';
export * from './methods/ledger';
export * from './methods/till';
export * from './methods/safe';
export * from './methods/day';
export * from './methods/sale';
export * from './methods/journal';
export * from './methods/replication';
export * from './methods/corrections';
export * from './methods/head-office-link';
export * from './methods/devices';
export * from './methods/print';
export * from './methods/mail';
export * from './methods/tracking';
export * from './methods/pickup';
export * from './methods/savings';
export * from './methods/drafts';
export { TEXT_REFUSALS, textRefusalOf, textRules, type TextKind, type TextRefusal } from './text';
export * from './methods/backup';
export * from './methods/counterparty';
export * from './methods/customers';
export * from './methods/money-orders';
