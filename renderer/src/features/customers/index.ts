/** What other features embed: the savings, money-order and e-wallet screens pick their customer with it. */
export { CustomerPicker } from './customer-picker';
export { CustomerCard } from './customer-card';
