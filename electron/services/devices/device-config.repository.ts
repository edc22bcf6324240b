// Device configurations in the branch database. Only technicians change them, and every change
// is written with its audit entry in one SQLite transaction: a configuration nobody can account
// for (which printer, which port, who set it) never exists. Rare edits: the queries are built per
// call with Kysely (db/typed-statement.ts `all`/`first`/`run`).
import { ContractError } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { all, build, first, run } from '../db/typed-statement';
import { DeviceConfig, type DeviceConfigInput } from './config';

export class DeviceConfigRepository {
  constructor(
    private readonly sqlite: Sqlite,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Every stored configuration; one that no longer validates is skipped and reported, not fatal. */
  list(onInvalid: (id: string, problem: string) => void = () => {}): DeviceConfig[] {
    const rows = all(this.sqlite, build.selectFrom('device_configs').select(['id', 'config']).orderBy('id'));
    return rows.flatMap((row) => {
      const parsed = DeviceConfig.safeParse(JSON.parse(row.config));
      if (parsed.success) return [parsed.data];
      onInvalid(row.id, parsed.error.message);
      return [];
    });
  }

  /** Adds or replaces one configuration, audited with what it was before. */
  save(input: DeviceConfigInput, technician: string): DeviceConfig {
    const config = DeviceConfig.parse(input);
    this.sqlite.transaction(() => {
      const others = this.list().filter((device) => device.id !== config.id);
      checkWiring(config, others);
      const before = this.read(config.id);
      run(
        this.sqlite,
        build
          .insertInto('device_configs')
          .values({ id: config.id, kind: config.kind, config: JSON.stringify(config), updated_by: technician, updated_at: this.clock.now().toISOString() })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              config: eb.ref('excluded.config'),
              updated_by: eb.ref('excluded.updated_by'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          ),
      );
      this.audit.record({
        actor: technician,
        action: 'device.config.save',
        subject: config.id,
        outcome: 'ok',
        details: { before, after: config },
      });
    })();
    return config;
  }

  remove(id: string, technician: string): void {
    this.sqlite.transaction(() => {
      const before = this.read(id);
      if (!before) throw new ContractError('NOT_FOUND', `no device ${id}`, { id });
      const dependent = this.list().find((device) => device.kind === 'cash-drawer' && device.printerId === id);
      if (dependent) {
        throw new ContractError('RULE_BROKEN', `the cash drawer ${dependent.name} is wired to ${id}: remove the drawer first`, {
          drawer: dependent.id,
        });
      }
      run(this.sqlite, build.deleteFrom('device_configs').where('id', '=', id));
      this.audit.record({ actor: technician, action: 'device.config.remove', subject: id, outcome: 'ok', details: { before } });
    })();
  }

  private read(id: string): DeviceConfig | null {
    const row = first(this.sqlite, build.selectFrom('device_configs').select('config').where('id', '=', id));
    return row ? (JSON.parse(row.config) as DeviceConfig) : null;
  }
}

/** A drawer has no link of its own: it must hang off a receipt printer that exists. */
function checkWiring(config: DeviceConfig, others: DeviceConfig[]): void {
  if (config.kind === 'cash-drawer') {
    const printer = others.find((device) => device.id === config.printerId);
    if (printer?.kind !== 'receipt-printer') {
      throw new ContractError('INVALID_INPUT', `the cash drawer must hang off a configured receipt printer`, {
        issues: [{ path: 'printerId', message: 'not a configured receipt printer', code: 'custom' }],
      });
    }
  }
  const wired = others.find((device) => device.kind === 'cash-drawer' && device.printerId === config.id);
  if (wired && config.kind !== 'receipt-printer') {
    throw new ContractError('RULE_BROKEN', `the cash drawer ${wired.name} is wired to ${config.id}: it must stay a receipt printer`, {
      drawer: wired.id,
    });
  }
}
