import { ContractError } from '@shared/contract';
import type { Handlers } from '../router/handlers';

type MoneyOrdersMethod = 'moneyOrders.tariff' | 'moneyOrders.quote' | 'moneyOrders.issue' | 'moneyOrders.find' | 'moneyOrders.pay' | 'moneyOrders.cancel' | 'moneyOrders.reimburse' | 'moneyOrders.incoming' | 'moneyOrders.issued';

const notYet = (): never => {
  throw new ContractError('RULE_BROKEN', 'money orders are being built: this method answers nothing yet', { rule: 'money-orders-not-ready' });
};

/** Interim: the contract is published first so the screens can be built against it; the services follow. */
export function moneyOrdersHandlers(): Pick<Handlers, MoneyOrdersMethod> {
  return {
    'moneyOrders.tariff': notYet,
    'moneyOrders.quote': notYet,
    'moneyOrders.issue': notYet,
    'moneyOrders.find': notYet,
    'moneyOrders.pay': notYet,
    'moneyOrders.cancel': notYet,
    'moneyOrders.reimburse': notYet,
    'moneyOrders.incoming': notYet,
    'moneyOrders.issued': notYet,
  };
}
