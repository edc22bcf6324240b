import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ContractError, methods, type CounterStatus, type MethodName } from '@shared/contract';
import { AuditLog } from './audit/audit-log';
import { Approvals } from './auth/approvals';
import { authHandlers } from './auth/auth.handlers';
import { AuthService } from './auth/auth-service';
import { CredentialThrottle, DEFAULT_THROTTLE_LIMITS, type ThrottleLimits } from './auth/credential-throttle';
import { SecretHasher } from './auth/secret-hash';
import { SessionStore } from './auth/sessions';
import { UsersRepository } from './auth/users.repository';
import { branchHandlers } from './branch/branch.handlers';
import { readBranch } from './branch/branch.repository';
import { seedDemoBranch } from './branch/demo-branch';
import { ensureDemoOpeningSafe } from './branch/demo-opening-safe';
import { activeDatabaseFile, DEMO_DATABASE } from './branch/profile-file';
import { systemClock, type Clock } from './clock';
import { knownMigrationCount, migrateToLatest } from './db/migrate';
import { openDatabase, type DatabaseRefusal, type OpenedDatabase } from './db/open-database';
import { audienceIncludes, audienceOf } from './event-audience';
import { EventBus, type EventListener } from './events';
import { createFileLogger, type Logger } from './log/logger';
import type { Handlers } from './router/handlers';
import { createRouter, type Route } from './router/router';
import { readCounterStatus } from './system/counter-status';
import { readDiagnostics } from './system/diagnostics';
import { auditHandlers } from './audit/audit.handlers';
import { ledgerHandlers } from './ledger/ledger.handlers';
import { createTillContext } from './till/create-till-context';
import { tillHandlers } from './till/till.handlers';
import { zReportPrintHandlers } from './till/z-report-print.handlers';
import { countLiveSessions } from './till/till-sessions.repository';
import type { CashPolicy } from './till/cash-policy';
import { Ledger } from './ledger/ledger';
import { readHeadOfficeSettings, type HeadOfficeSettings } from './replication/head-office-settings';
import { replicationHandlers } from './replication/replication.handlers';
import { headOfficeLinkHandlers } from './replication/head-office-link.handlers';
import { ReplicationService } from './replication/replication-service';
import { chooseSecretStore, type StringEncryptor } from './replication/secret-store';
import { CounterDevices } from './devices/counter-devices';
import { devicesHandlers } from './devices/devices.handlers';
import type { DeviceManagerOptions } from './devices/device-manager';
import { acceptanceReversal } from './mail/acceptance-void';
import { createMailContext } from './mail/create-mail-context';
import { mailHandlers } from './mail/mail.handlers';
import { pickupHandlers } from './pickup/pickup.handlers';
import { trackingHandlers } from './tracking/tracking.handlers';
import { DraftStore } from './drafts/draft-store';
import { draftsHandlers } from './drafts/drafts.handlers';

export interface CounterConfig {
  /** The app's data folder: databases, logs, backups. */
  dataDir: string;
  /**
   * The demo branch's safe opens with the sample balance (resources/samples/demo-safe.json), booked once.
   * The app's starts set it; test fixtures leave it off so their cash arithmetic starts from zero.
   */
  demoOpeningSafe?: boolean;
  version?: string;
  clock?: Clock;
  idleLockSeconds?: number;
  maxFailedAttempts?: number;
  /** Hashes and checks PINs; production cost (N=2^15, r=8) when absent. Tests pass a cheap one and count its checks. */
  secretHasher?: SecretHasher;
  /** Bounds on secret checks in flight per window, per username and for the counter. */
  credentialThrottle?: Partial<ThrottleLimits>;
  /** Denominations, reasons, thresholds, ceilings; the bundled sample applies when absent. */
  cashPolicy?: CashPolicy;
  /** Called when a first-run setup switched the active database. */
  onProfileChanged?: () => void;
  /** Head-office link; absent: `head-office.json` in dataDir, else the embedded demo head office. */
  headOffice?: HeadOfficeSettings;
  /** Electron's safeStorage, passed by the desktop shell; without it secrets use the unprotected file. */
  secretEncryptor?: StringEncryptor;
  /** Milliseconds before replication first contacts head office (default 3000: trading comes first). */
  replicationStartDelayMs?: number;
  /** Bundled fonts and samples; defaults to the repository's `resources/` (the packaged app passes its own). */
  resourcesDir?: string;
  /** Retry delays of device links and the print queue (tests shorten them). */
  deviceTiming?: Pick<DeviceManagerOptions, 'linkBackoff' | 'printBackoff' | 'printTickMs'>;
}

export interface Counter {
  route: Route;
  status(): CounterStatus;
  /** Every event, unfiltered: for in-process listeners. Windows connect through `WindowLink`. */
  subscribe(listener: EventListener): () => void;
  /** Whether the session behind `token` (undefined: signed out) may hear `event` now. */
  mayReceive(event: string, token: string | undefined): boolean;
  /** Pushes the current status to every window (after anything the status bar shows changed). */
  publishStatus(): void;
  readonly databaseFile: string;
  readonly logger: Logger;
  /** Printers, scales, scanners, drawer; null while the database is refused. */
  readonly devices: CounterDevices | null;
  close(): Promise<void>;
}

/** The composition root: opens the branch database and wires every service to the router. */
export async function createCounter(config: CounterConfig): Promise<Counter> {
  const clock = config.clock ?? systemClock;
  const idleLockSeconds = config.idleLockSeconds ?? 300;
  mkdirSync(config.dataDir, { recursive: true });
  const log = createFileLogger(join(config.dataDir, 'logs'));
  const logger = log.logger;
  const bus = new EventBus();
  const sessions = new SessionStore(clock, idleLockSeconds);
  const hasher = config.secretHasher ?? new SecretHasher();
  const databaseFile = activeDatabaseFile(config.dataDir);

  const quickCheckAt = clock.now();
  const opened = await openAndMigrate(databaseFile);
  const refusal = opened.ok ? null : opened.refusal;
  if (refusal) logger.error({ refusal }, 'branch database refused: not trading');

  let handlers: Handlers;
  let closeDatabase = async () => {};
  let branch = () => null as ReturnType<typeof readBranch>;
  let tillsOpen = () => 0;
  let replication: ReplicationService | null = null;
  let devices: CounterDevices | null = null;
  let admitSecretCall: CredentialThrottle['admitCall'] | undefined;
  if (opened.ok) {
    const { sqlite, db } = opened.opened;
    closeDatabase = () => db.destroy();
    const audit = new AuditLog(sqlite, clock);
    const users = new UsersRepository(sqlite);
    if (!readBranch(sqlite) && databaseFile.endsWith(DEMO_DATABASE)) await seedDemoBranch(sqlite, users, audit, clock, hasher);
    branch = () => readBranch(sqlite);
    const policy = { maxFailedAttempts: config.maxFailedAttempts ?? 3, idleLockSeconds };
    const auth = new AuthService(sqlite, users, sessions, audit, clock, policy, hasher);
    admitSecretCall = new CredentialThrottle(audit, { ...DEFAULT_THROTTLE_LIMITS, ...config.credentialThrottle }).admitCall;
    const approvals = new Approvals(auth, audit);
    const tills = createTillContext({ sqlite, clock, audit, branch, policy: config.cashPolicy, headOfficeLink: () => replication?.linkStatus() ?? null });
    if (config.demoOpeningSafe && branch()?.demo) ensureDemoOpeningSafe(tills);
    tillsOpen = () => countLiveSessions(sqlite);
    replication = new ReplicationService({
      dataDir: config.dataDir,
      sqlite,
      clock,
      branchCode: branch()?.code ?? 'UNSET',
      settings: branch() ? (config.headOffice ?? readHeadOfficeSettings(config.dataDir)) : { mode: 'none' },
      secrets: chooseSecretStore(config.dataDir, config.secretEncryptor),
      logger,
      onChange: () => bus.emit('status.changed', status()),
      startDelayMs: config.replicationStartDelayMs ?? 3000,
    });
    devices = new CounterDevices({
      sqlite,
      audit,
      clock,
      bus,
      logger,
      fontPath: join(config.resourcesDir ?? DEFAULT_RESOURCES_DIR, 'fonts', 'DejaVuSans.ttf'),
      onStatusChanged: () => bus.emit('status.changed', status()),
      manager: config.deviceTiming,
    });
    const counterDevices = devices;
    const mail = createMailContext({ till: tills, branch, devices: counterDevices, logger });
    const till = tillHandlers(tills, approvals, [acceptanceReversal(mail)]);
    handlers = {
      'system.status': () => status(),
      'system.diagnostics': () => readDiagnostics(sqlite, config.dataDir, databaseFile, quickCheckAt),
      ...authHandlers(auth, approvals, users),
      ...auditHandlers(audit),
      ...branchHandlers({
        dataDir: config.dataDir,
        clock,
        audit,
        hasher,
        branch,
        onProfileChanged: () => config.onProfileChanged?.(),
      }),
      ...ledgerHandlers(sqlite),
      ...till,
      ...zReportPrintHandlers({ readZReport: till['till.zReport'], devices: counterDevices, branch, clock, audit }),
      ...replicationHandlers(replication, sqlite, new Ledger(sqlite, clock, audit), clock, () => bus.emit('status.changed', status())),
      ...headOfficeLinkHandlers({
        dataDir: config.dataDir,
        service: replication,
        audit,
        branchCode: () => branch()?.code ?? null,
        startupSettings: config.headOffice !== undefined,
      }),
      ...devicesHandlers({ devices: counterDevices, audit, clock, about: () => ({ branch: branch()?.code ?? null, version: config.version ?? '0.0.0-dev' }) }),
      ...mailHandlers(mail),
      ...trackingHandlers({ sqlite, clock, branch, headOffice: replication }),
      ...pickupHandlers(mail),
      ...draftsHandlers(new DraftStore(clock)),
    };
    replication.start();
  } else {
    handlers = refusedHandlers(() => status());
  }

  const status = () =>
    readCounterStatus({
      version: config.version ?? '0.0.0-dev',
      idleLockSeconds,
      branch,
      refusal,
      tillsOpen: () => tillsOpen(),
      headOffice: () => replication?.linkStatus(),
      devices: () => devices?.statusBar() ?? [],
    });
  const route = createRouter({ handlers, sessions, isRefused: () => refusal !== null, logger, admitSecretCall });
  // After `status` exists: the first device events already refresh the status bar.
  devices?.start();
  logger.info({ databaseFile, state: refusal ? 'refused' : 'ready' }, 'counter started');

  return {
    route,
    status,
    subscribe: (listener) => bus.subscribe(listener),
    mayReceive: (event, token) => {
      const audience = audienceOf(event);
      if (audience === null) return false;
      return audience === 'everyone' || audienceIncludes(audience, sessions.resolve(token));
    },
    publishStatus: () => bus.emit('status.changed', status()),
    databaseFile,
    logger,
    devices,
    async close() {
      sessions.endAll();
      await replication?.stop();
      await devices?.close();
      await closeDatabase();
      await log.close();
    },
  };
}

/** `resources/` beside `electron/` in the repository (out/main/… once built: two levels up either way). */
const DEFAULT_RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', 'resources');

type Opened = { ok: true; opened: OpenedDatabase } | { ok: false; refusal: DatabaseRefusal };

async function openAndMigrate(file: string): Promise<Opened> {
  const result = openDatabase(file);
  if (!result.ok) return result;
  const { sqlite, db } = result.opened;
  const applied = tableExists(sqlite, 'kysely_migration')
    ? (sqlite.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n
    : 0;
  if (applied > knownMigrationCount()) {
    await db.destroy();
    return { ok: false, refusal: { reason: 'newer-schema', detail: `database has ${applied} migrations, this version knows ${knownMigrationCount()}`, file } };
  }
  await migrateToLatest(db);
  return result;
}

function tableExists(sqlite: OpenedDatabase['sqlite'], name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** With a refused database only status answers; the router stops every other call first. */
function refusedHandlers(status: () => CounterStatus): Handlers {
  const refuse = () => {
    throw new ContractError('DATABASE_REFUSED', 'the branch database failed its check: trading is refused');
  };
  const entries = (Object.keys(methods) as MethodName[]).map((name) => [name, name === 'system.status' ? status : refuse]);
  return Object.fromEntries(entries) as Handlers;
}
