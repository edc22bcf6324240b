// `npm run bench`: every figure as JSON, each beside its baseline measured in the same run.
import { cpus } from 'node:os';
import { benchBackup } from './backup';
import { benchContractRoundTrip } from './contract-round-trip';
import { benchDevices } from './devices';
import { benchLedger } from './ledger';
import { benchReplication, benchReplicationWire } from './replication';
import { benchNationalDay } from './replication-national';
import { benchPushProfile } from './replication-push-profile';
import { benchMail } from './mail';
import { benchMoneyOrders } from './money-orders';
import { benchSavings } from './savings';
import { benchSavingsWithdrawal } from './savings-withdrawal';
import { benchMoneyOrderPayout } from './money-order-payout';
import { benchStartup } from './startup';
import { benchStartupAddress } from './startup-address';
import { benchStartupHost } from './startup-host';

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const suites: Record<string, () => Promise<Record<string, unknown>>> = {
  startup: () => benchStartup(),
  startupAddress: () => benchStartupAddress(),
  startupHost: () => benchStartupHost(),
  contractRoundTrip: () => benchContractRoundTrip(),
  devices: () => benchDevices(),
  ledger: () => benchLedger(),
  replication: () => benchReplication(),
  replicationWire: () => benchReplicationWire(),
  replicationNational: () => benchNationalDay(),
  replicationPushProfile: () => benchPushProfile(),
  mail: () => benchMail(),
  savings: () => benchSavings(),
  savingsWithdrawal: () => benchSavingsWithdrawal(),
  moneyOrderPayout: () => benchMoneyOrderPayout(),
  moneyOrders: () => benchMoneyOrders(Number(process.env.BENCH_MONEY_ORDERS_PER_CONNECTION ?? 20)),
  backup: () => benchBackup(),
};

const results: Record<string, unknown> = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  startedAt: new Date().toISOString(),
};
for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench ${name}…\n`);
  results[name] = await run();
}
console.log(JSON.stringify(results, null, 2));
