import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { methods, type CounterStatus, type MethodName } from '@shared/contract';
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
import { activeDatabaseFile, DEMO_DATABASE, readProfile, type ProfileFile } from './branch/profile-file';
import { branchIdentity, foreignLedger, missingLedger, rememberLedger } from './branch/ledger-presence';
import { backupHandlers } from './backup/backup.handlers';
import { BackupService } from './backup/backup-service';
import { readBackupSettings, type BackupOptions } from './backup/backup-settings';
import { refusalError } from './db/refusal-error';
import { storageErrorOf } from './db/storage-error';
import { ensureDemoOpeningSafe } from './branch/demo-opening-safe';
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
import { safeHandlers } from './safe/safe.handlers';
import { saleHandlers } from './sale/sale.handlers';
import { dayCloseHandlers } from './day-close/day-close.handlers';
import { dayCloseVerdicts } from './day-close/day-close-verdicts';
import { zReportPrintHandlers } from './till/z-report-print.handlers';
import { countLiveSessions } from './till/till-sessions.repository';
import type { CashPolicy } from './till/cash-policy';
import { Ledger } from './ledger/ledger';
import { journalAnchor, openJournalKey } from './ledger/journal-key';
import { checkJournalAtStart } from './ledger/startup-check';
import { localIsoTime } from './ledger/local-time';
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
import { CounterpartyFrame } from './counterparty/counterparty-frame';
import { counterpartyHandlers } from './counterparty/counterparty.handlers';
import { CounterpartyResolver } from './counterparty/resolver';
import type { RetryTiming } from './counterparty/retry-delay';
import { createSavingsContext } from './savings/savings-context';
import { savingsHandlers } from './savings/savings.handlers';
import { CustomerRegister } from './customers/customer-register';
import { customersHandlers } from './customers/customers.handlers';
import { registerWithdrawals } from './savings/withdrawal';
import { passbookHandlers } from './savings/passbook.handlers';
import { lifecycleHandlers } from './savings/lifecycle.handlers';
import { registerClosings } from './savings/closing';
import { moneyOrdersHandlers } from './money-orders/money-orders.handlers';
import { createMoneyOrdersContext } from './money-orders/money-orders-context';
import { registerPayouts } from './money-orders/payout';

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
  /** Second backup folder, interval, rotations; absent: `backup.json` in dataDir, else the defaults. */
  backup?: BackupOptions;
  /** Milliseconds on stderr before the log file is tried again after a disk failure (default one minute). */
  logRetryMs?: number;
  /** Operations with a counterparty: how often the resolver looks, and each operation's backoff (tests shorten them). */
  counterpartyTiming?: { tickMs?: number; retry?: RetryTiming };
  /** How long a call to head office made for the window may take (tests shorten it; default 20 s). */
  headOfficeCallTimeoutMs?: number;
  /** How long head office holds a savings withdrawal's amount (default 10 minutes; tests that let a hold expire shorten it). */
  withdrawalHoldMs?: number;
  /** How long head office locks a money order for a payout at the window (default 10 minutes; tests that let a lock expire shorten it). */
  moneyOrderLockMs?: number;
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
  /** The counterparty-operation frame services register their kinds with; null while the database is refused. */
  readonly counterparty: CounterpartyFrame | null;
  close(): Promise<void>;
}

/** The composition root: opens the branch database and wires every service to the router. */
export async function createCounter(config: CounterConfig): Promise<Counter> {
  const clock = config.clock ?? systemClock;
  const idleLockSeconds = config.idleLockSeconds ?? 300;
  mkdirSync(config.dataDir, { recursive: true });
  const bus = new EventBus();
  // Until `status` exists below, a change of log target has nobody to tell.
  let publish = () => {};
  const log = createFileLogger(join(config.dataDir, 'logs'), { retryMs: config.logRetryMs, onSinkChange: () => publish() });
  const logger = log.logger;
  const sessions = new SessionStore(clock, idleLockSeconds);
  const hasher = config.secretHasher ?? new SecretHasher();
  const profile = readProfile(config.dataDir);
  const databaseFile = activeDatabaseFile(config.dataDir);

  const quickCheckAt = clock.now();
  const opened = await openLedger(databaseFile, profile);
  const refusal = opened.ok ? null : opened.refusal;
  if (refusal) logger.error({ refusal }, 'branch database refused: not trading');

  let handlers: Handlers;
  let closeDatabase = async () => {};
  let branch = () => null as ReturnType<typeof readBranch>;
  let tillsOpen = () => 0;
  let replication: ReplicationService | null = null;
  let devices: CounterDevices | null = null;
  let counterparty: CounterpartyFrame | null = null;
  let resolver: CounterpartyResolver | null = null;
  let admitSecretCall: CredentialThrottle['admitCall'] | undefined;
  const backup = new BackupService({
    settings: readBackupSettings(config.dataDir, config.backup),
    sqlite: opened.ok ? opened.opened.sqlite : null,
    branchCode: () => branch()?.code ?? null,
    profile: () => readProfile(config.dataDir),
    clock,
    logger,
    onChange: () => publish(),
  });
  const backups = backupHandlers({
    service: backup,
    dataDir: config.dataDir,
    databaseFile,
    refusal,
    clock,
    logger,
    onRestored: () => config.onProfileChanged?.(),
  });
  if (opened.ok) {
    const { sqlite, db } = opened.opened;
    closeDatabase = () => db.destroy();
    const audit = new AuditLog(sqlite, clock);
    const users = new UsersRepository(sqlite);
    // The demo is seeded on the very first start only: never over its own lost data.
    if (!profile && !readBranch(sqlite) && databaseFile.endsWith(DEMO_DATABASE)) await seedDemoBranch(sqlite, users, audit, clock, hasher);
    const identity = branchIdentity(sqlite);
    try {
      if (identity) rememberLedger(config.dataDir, basename(databaseFile), profile, identity);
    } catch (error) {
      // Trading goes on; until the profile is written, a lost file would not be noticed as lost.
      logger.error({ err: error }, 'could not record the ledger in counter.json');
    }
    branch = () => readBranch(sqlite);
    const policy = { maxFailedAttempts: config.maxFailedAttempts ?? 3, idleLockSeconds };
    const auth = new AuthService(sqlite, users, sessions, audit, clock, policy, hasher);
    admitSecretCall = new CredentialThrottle(audit, { ...DEFAULT_THROTTLE_LIMITS, ...config.credentialThrottle }).admitCall;
    const approvals = new Approvals(auth, audit);
    const secrets = chooseSecretStore(config.dataDir, config.secretEncryptor);
    const journal = openJournalKey(sqlite, secrets, localIsoTime(clock.now()));
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
    const tills = createTillContext({ sqlite, clock, audit, journal, branch, policy: config.cashPolicy, headOfficeLink: () => replication?.linkStatus() ?? null, devices, onDayClosed: () => void backup.now('day close') });
    if (config.demoOpeningSafe && branch()?.demo) ensureDemoOpeningSafe(tills);
    tillsOpen = () => countLiveSessions(sqlite);
    replication = new ReplicationService({
      dataDir: config.dataDir,
      sqlite,
      clock,
      branchCode: branch()?.code ?? 'UNSET',
      settings: branch() ? (config.headOffice ?? readHeadOfficeSettings(config.dataDir)) : { mode: 'none' },
      dayCloseVerdicts: dayCloseVerdicts(sqlite),
      secrets,
      logger,
      onChange: () => bus.emit('status.changed', status()),
      startDelayMs: config.replicationStartDelayMs ?? 3000,
      windowCallTimeoutMs: config.headOfficeCallTimeoutMs,
    });
    const counterDevices = devices;
    const mail = createMailContext({ till: tills, branch, devices: counterDevices, logger });
    const till = tillHandlers(tills, approvals, [acceptanceReversal(mail)]);
    counterparty = new CounterpartyFrame({ sqlite, ledger: tills.ledger, clock, devices: counterDevices, branch, logger, retry: config.counterpartyTiming?.retry });
    resolver = new CounterpartyResolver(counterparty, { tickMs: config.counterpartyTiming?.tickMs, logger });
    const headOfficeLink = replication;
    const savings = createSavingsContext(tills, {
      online: () => headOfficeLink.linkStatus().state === 'online',
      withHeadOffice: (ask) => headOfficeLink.withHeadOffice(ask),
    });
    registerWithdrawals(savings, counterparty, config.withdrawalHoldMs);
    registerClosings(savings, counterparty);
    const moneyOrders = createMoneyOrdersContext(
      tills,
      {
        online: () => headOfficeLink.linkStatus().state === 'online',
        withHeadOffice: (ask) => headOfficeLink.withHeadOffice(ask),
        pushRegister: () => headOfficeLink.pushRegister(),
      },
      logger,
    );
    registerPayouts(moneyOrders, counterparty, config.moneyOrderLockMs);
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
      ...ledgerHandlers(sqlite, journal),
      ...till,
      ...safeHandlers(tills),
      ...dayCloseHandlers(tills),
      ...saleHandlers(tills),
      ...zReportPrintHandlers({ readZReport: till['till.zReport'], devices: counterDevices, branch, clock, audit, journal: () => journalAnchor(sqlite, journal) }),
      ...replicationHandlers(replication, sqlite, new Ledger(sqlite, clock, audit, journal), clock, () => bus.emit('status.changed', status())),
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
      ...savingsHandlers(savings, counterparty, approvals),
      ...passbookHandlers(savings, approvals),
      ...lifecycleHandlers(savings, counterparty, approvals),
      ...moneyOrdersHandlers(moneyOrders, counterparty, approvals),
      ...draftsHandlers(new DraftStore(clock)),
      ...customersHandlers(new CustomerRegister({ sqlite, clock, audit, branch, national: replication }), sqlite),
      ...backups,
      ...counterpartyHandlers({ frame: counterparty, sqlite, ledger: tills.ledger, approvals }),
    };
    replication.start();
    backup.start();
    // Resumes every operation left unfinished by the last run, then asks with backoff until each is known.
    resolver.start();
  } else {
    handlers = { ...refusedHandlers(refusal!, () => status()), 'backup.list': backups['backup.list'], 'backup.restore': backups['backup.restore'] };
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
      storage: () => ({ log: log.sink().target, logError: log.sink().lastError, lastBackupAt: backup.lastBackupAt, backupError: backup.backupError }),
    });
  publish = () => bus.emit('status.changed', status());
  const route = createRouter({
    handlers,
    sessions,
    isRefused: () => refusal !== null,
    refusedWith: () => refusalError(refusal!).toBody(),
    logger,
    admitSecretCall,
  });
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
    counterparty,
    async close() {
      sessions.endAll();
      await resolver?.stop();
      await replication?.stop();
      await devices?.close();
      await backup.stop();
      await closeDatabase();
      await log.close();
    },
  };
}

/** `resources/` beside `electron/` in the repository (out/main/… once built: two levels up either way). */
const DEFAULT_RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', 'resources');

type Opened = { ok: true; opened: OpenedDatabase } | { ok: false; refusal: DatabaseRefusal };

/**
 * A counter that has had a ledger (its profile exists) opens only that ledger:
 * a missing, empty or other branch's file is refused before anything is written
 * to it. A disk that fails during the start-up migrations refuses too, with its
 * reason, instead of ending the process.
 */
async function openLedger(file: string, profile: ProfileFile | null): Promise<Opened> {
  const missing = missingLedger(profile, file);
  if (missing) return { ok: false, refusal: missing };
  let result: Opened;
  try {
    result = await openAndMigrate(file);
  } catch (error) {
    const storage = storageErrorOf(error);
    const detail = error instanceof Error ? error.message : String(error);
    const reason = storage?.code === 'STORAGE_READ_ONLY' ? 'read-only' : storage?.code === 'STORAGE_FULL' ? 'disk-full' : 'unreadable';
    return { ok: false, refusal: { reason, detail, file } };
  }
  if (!result.ok) return result;
  const foreign = foreignLedger(profile, branchIdentity(result.opened.sqlite), file);
  if (!foreign) return result;
  await result.opened.db.destroy();
  return { ok: false, refusal: foreign };
}

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
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Bytes changed inside a transfer page pass quick_check; the chain since the last day close does not.
  const journal = checkJournalAtStart(sqlite);
  if (!journal.ok) {
    await db.destroy();
    return { ok: false, refusal: { reason: 'corrupt', detail: `journal check failed at seq ${journal.seq}: ${journal.detail}`, file } };
  }
  return result;
}

function tableExists(sqlite: OpenedDatabase['sqlite'], name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** With a refused database only status answers; the router stops every other call first. */
function refusedHandlers(refusal: DatabaseRefusal, status: () => CounterStatus): Handlers {
  const refuse = () => {
    throw refusalError(refusal);
  };
  const entries = (Object.keys(methods) as MethodName[]).map((name) => [name, name === 'system.status' ? status : refuse]);
  return Object.fromEntries(entries) as Handlers;
}
