import { existsSync } from 'node:fs';
import { ContractError, type HeadOfficeLinkDraft, type HeadOfficeSettingsView, type LinkTestResult } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import { signedIn, type Handlers } from '../router/handlers';
import { headOfficeSettingsFile, writeHeadOfficeSettings } from './head-office-settings';
import { applySecretChanges, resolveLinkDraft, savedLinkView } from './link-draft';
import { testHeadOfficeLink } from './link-test';
import type { ReplicationService } from './replication-service';

type HeadOfficeLinkHandlers = Pick<Handlers, 'replication.settings' | 'replication.saveSettings' | 'replication.testConnection'>;

export interface HeadOfficeLinkDeps {
  dataDir: string;
  service: ReplicationService;
  audit: AuditLog;
  branchCode: () => string | null;
  /** createCounter was given settings: they win over the saved file at each start. */
  startupSettings: boolean;
}

/** The technician's head-office settings: read, save (and relink at once), test. */
export function headOfficeLinkHandlers(deps: HeadOfficeLinkDeps): HeadOfficeLinkHandlers {
  const { service, audit } = deps;
  let source: HeadOfficeSettingsView['source'] = deps.startupSettings ? 'startup' : existsSync(headOfficeSettingsFile(deps.dataDir)) ? 'saved' : 'default';
  const view = (): HeadOfficeSettingsView => ({
    settings: savedLinkView(service.settings, service.secrets),
    source,
    secretProtection: service.secrets.protection,
    secretFile: service.secrets.file,
  });

  return {
    'replication.settings': () => view(),

    'replication.saveSettings': async (draft, context) => {
      const actor = signedIn(context).session.user.username;
      const described = describeDraft(draft);
      let resolved: ReturnType<typeof resolveLinkDraft>;
      try {
        resolved = resolveLinkDraft(draft, service.secrets);
      } catch (error) {
        const fields = error instanceof ContractError ? error.details?.issues : undefined;
        audit.record({ actor, action: 'replication.settings.save', subject: described.subject, outcome: 'refused', details: { ...described.details, fields } });
        throw error;
      }
      // Secrets first: the settings file never names a secret, so either order leaves a readable state.
      applySecretChanges(resolved, service.secrets);
      writeHeadOfficeSettings(deps.dataDir, resolved.settings);
      source = 'saved';
      audit.record({
        actor,
        action: 'replication.settings.save',
        subject: described.subject,
        outcome: 'ok',
        details: { ...described.details, secretProtection: service.secrets.protection },
      });
      const branchCode = deps.branchCode();
      await service.relink(branchCode ? resolved.settings : { mode: 'none' });
      return view();
    },

    'replication.testConnection': async (draft, context) => {
      const actor = signedIn(context).session.user.username;
      const result = await testDraft(draft, service, deps.branchCode() ?? 'UNSET');
      const described = describeDraft(draft);
      audit.record({
        actor,
        action: 'replication.settings.test',
        subject: described.subject,
        outcome: result.ok ? 'ok' : 'refused',
        details: { ...described.details, outcome: result.outcome, message: result.message },
      });
      return result;
    },
  };
}

async function testDraft(draft: HeadOfficeLinkDraft, service: ReplicationService, branchCode: string): Promise<LinkTestResult> {
  const quiet = { elapsedMs: 0, headOfficeSeq: null, tls: null };
  if (draft.mode === 'none') return { ok: true, outcome: 'none', message: 'no head office: nothing is sent anywhere', ...quiet };
  if (draft.mode === 'demo') {
    return { ok: true, outcome: 'demo', message: 'the demo head office runs inside this app (PGlite, not durable): nothing to reach over the network', ...quiet };
  }
  const resolved = resolveLinkDraft(draft, service.secrets);
  return testHeadOfficeLink(resolved.connection!, branchCode);
}

/** What the audit keeps of a draft: where the link points and where each secret comes from, never a secret. */
function describeDraft(draft: HeadOfficeLinkDraft): { subject: string; details: Record<string, unknown> } {
  if (draft.mode !== 'configured') return { subject: draft.mode, details: { mode: draft.mode } };
  const where = (source: { source: string; path?: string }) => (source.source === 'file' ? `file ${source.path}` : source.source);
  return {
    subject: `${draft.host}:${draft.port}/${draft.database}`,
    details: {
      mode: draft.mode,
      host: draft.host,
      port: draft.port,
      database: draft.database,
      user: draft.user,
      sslmode: draft.sslmode,
      ca: where(draft.ca),
      clientCertificate: where(draft.clientCertificate),
      clientKey: where(draft.clientKey),
      password: { new: 'replaced', stored: 'kept', none: 'none' }[draft.password.source],
    },
  };
}
