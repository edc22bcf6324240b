import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { CustomerRegister } from './customer-register';
import { kycTiers } from './kyc-tiers';
import type { Sqlite } from '../db/open-database';

type CustomersMethod = 'customers.find' | 'customers.get' | 'customers.register' | 'customers.update' | 'customers.history' | 'customers.tiers';

/** The customer register at the window (clerk and supervisor; see shared/contract/methods/customers.ts for why). */
export function customersHandlers(register: CustomerRegister, sqlite: Sqlite): Pick<Handlers, CustomersMethod> {
  const operator = (context: Parameters<Handlers['customers.get']>[1]) => signedIn(context).session.user.username;
  return {
    'customers.find': (input, context) => register.find(input, operator(context)),
    'customers.get': ({ customerId }, context) => register.get(customerId, operator(context)),
    'customers.register': (input, context) => register.register(input, operator(context)),
    'customers.update': (input, context) => register.update(input, operator(context)),
    'customers.history': ({ customerId }, context) => register.history(customerId, operator(context)),
    'customers.tiers': () => kycTiers(sqlite),
  };
}
