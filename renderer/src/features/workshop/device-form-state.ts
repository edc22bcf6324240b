// The device form as typed (flat strings), turned into the contract's DeviceConfig and checked
// with the very schema the router and the device layer apply: the form and the host never disagree.
import { DeviceConfig, PassbookLayoutConfig, type DeviceKind, type PassbookStatusCodes } from '@shared/devices/device-config';

export type LinkType = 'serial' | 'tcp' | 'file';

export interface DeviceFields {
  id: string;
  name: string;
  kind: DeviceKind;
  enabled: boolean;
  linkType: LinkType;
  path: string;
  baudRate: string;
  dataBits: string;
  parity: string;
  stopBits: string;
  host: string;
  port: string;
  scaleProtocol: string;
  unit: string;
  pollMs: string;
  pattern: string;
  model: string;
  codePage: string;
  columns: string;
  labelProtocol: string;
  dotsPerMm: string;
  printerId: string;
  passbookModel: string;
  pages: string;
  linesPerPage: string;
  topMarginLines: string;
  foldAfterLine: string;
  foldSkipLines: string;
  /** A saved passbook printer's columns and status codes (JSON), kept as they were: the form does not edit them. */
  passbookKept: string;
}

export type DeviceField = keyof DeviceFields;

export const KINDS: readonly DeviceKind[] = ['receipt-printer', 'label-printer', 'passbook-printer', 'scale', 'scanner', 'cash-drawer'];

const PASSBOOK_DEFAULTS = PassbookLayoutConfig.parse({});
const keptOf = (layout: PassbookLayoutConfig, status: PassbookStatusCodes): string => JSON.stringify({ layout, status });

export const emptyDevice = (kind: DeviceKind = 'receipt-printer', id = ''): DeviceFields => ({
  id,
  name: '',
  kind,
  enabled: true,
  // Receipt and label printers usually sit on the network; passbook printers, scales and scanners on a serial line.
  linkType: kind === 'receipt-printer' || kind === 'label-printer' ? 'tcp' : 'serial',
  path: '',
  baudRate: '9600',
  dataBits: '8',
  parity: 'none',
  stopBits: '1',
  host: '',
  port: '9100',
  scaleProtocol: 'mt-sics',
  unit: 'kg',
  pollMs: '',
  pattern: '',
  model: 'epson',
  codePage: 'PC858_EURO',
  columns: '48',
  labelProtocol: 'zpl',
  dotsPerMm: '8',
  printerId: '',
  passbookModel: 'olivetti-pr2',
  pages: String(PASSBOOK_DEFAULTS.pages),
  linesPerPage: String(PASSBOOK_DEFAULTS.linesPerPage),
  topMarginLines: String(PASSBOOK_DEFAULTS.topMarginLines),
  foldAfterLine: String(PASSBOOK_DEFAULTS.foldAfterLine),
  foldSkipLines: String(PASSBOOK_DEFAULTS.foldSkipLines),
  passbookKept: '',
});

const keptPassbook = (fields: DeviceFields): { layout?: Record<string, unknown>; status?: Record<string, unknown> } => {
  if (!fields.passbookKept) return {};
  try {
    return JSON.parse(fields.passbookKept) as { layout?: Record<string, unknown>; status?: Record<string, unknown> };
  } catch {
    return {};
  }
};

const transportOf = (fields: DeviceFields) => {
  switch (fields.linkType) {
    case 'serial':
      return {
        type: 'serial',
        path: fields.path.trim(),
        baudRate: Number(fields.baudRate),
        dataBits: Number(fields.dataBits),
        parity: fields.parity,
        stopBits: Number(fields.stopBits),
      };
    case 'tcp':
      return { type: 'tcp', host: fields.host.trim(), port: Number(fields.port) };
    case 'file':
      return { type: 'file', path: fields.path.trim() };
  }
};

/** What the form would send; not yet checked. */
export function candidateOf(fields: DeviceFields): Record<string, unknown> {
  const common = { id: fields.id.trim(), name: fields.name.trim(), enabled: fields.enabled, kind: fields.kind };
  switch (fields.kind) {
    case 'scale':
      return {
        ...common,
        transport: transportOf(fields),
        protocol: fields.scaleProtocol,
        unit: fields.unit,
        // Empty: the device layer picks the shortest period the line allows.
        ...(fields.pollMs.trim() ? { pollMs: Number(fields.pollMs) } : {}),
        ...(fields.scaleProtocol === 'continuous-pattern' && fields.pattern.trim() ? { pattern: { pattern: fields.pattern.trim() } } : {}),
      };
    case 'scanner':
      return { ...common, transport: transportOf(fields) };
    case 'receipt-printer':
      return { ...common, transport: transportOf(fields), model: fields.model, codePage: fields.codePage, columns: Number(fields.columns) };
    case 'label-printer':
      return { ...common, transport: transportOf(fields), protocol: fields.labelProtocol, dotsPerMm: Number(fields.dotsPerMm) };
    case 'cash-drawer':
      return { ...common, printerId: fields.printerId };
    case 'passbook-printer': {
      const kept = keptPassbook(fields);
      const layout = {
        ...kept.layout,
        pages: Number(fields.pages),
        linesPerPage: Number(fields.linesPerPage),
        topMarginLines: Number(fields.topMarginLines),
        foldAfterLine: Number(fields.foldAfterLine),
        foldSkipLines: Number(fields.foldSkipLines),
      };
      return { ...common, transport: transportOf(fields), model: fields.passbookModel, layout, ...(kept.status ? { status: kept.status } : {}) };
    }
  }
}

const FIELD_OF_PATH: Record<string, DeviceField> = {
  id: 'id',
  name: 'name',
  kind: 'kind',
  'transport.type': 'linkType',
  'transport.path': 'path',
  'transport.baudRate': 'baudRate',
  'transport.dataBits': 'dataBits',
  'transport.parity': 'parity',
  'transport.stopBits': 'stopBits',
  'transport.host': 'host',
  'transport.port': 'port',
  protocol: 'scaleProtocol',
  unit: 'unit',
  pollMs: 'pollMs',
  'pattern.pattern': 'pattern',
  model: 'model',
  codePage: 'codePage',
  columns: 'columns',
  dotsPerMm: 'dotsPerMm',
  printerId: 'printerId',
  'layout.pages': 'pages',
  'layout.linesPerPage': 'linesPerPage',
  'layout.topMarginLines': 'topMarginLines',
  'layout.foldAfterLine': 'foldAfterLine',
  'layout.foldSkipLines': 'foldSkipLines',
};

/** Contract paths back to form fields (for the host's INVALID_INPUT too). */
export function fieldOfPath(path: string, kind: DeviceKind): DeviceField | null {
  if (path === 'protocol' && kind === 'label-printer') return 'labelProtocol';
  if (path === 'model' && kind === 'passbook-printer') return 'passbookModel';
  return FIELD_OF_PATH[path] ?? null;
}

export type CheckedDevice = { ok: true; config: DeviceConfig } | { ok: false; invalid: Set<DeviceField> };

export function checkDevice(fields: DeviceFields): CheckedDevice {
  const result = DeviceConfig.safeParse(candidateOf(fields));
  if (result.success) return { ok: true, config: result.data };
  const invalid = new Set<DeviceField>();
  for (const issue of result.error.issues) {
    const field = fieldOfPath(issue.path.join('.'), fields.kind);
    if (field) invalid.add(field);
  }
  return { ok: false, invalid };
}

/** A saved configuration back into the form, to edit it. */
export function fieldsOf(config: DeviceConfig): DeviceFields {
  const fields: DeviceFields = { ...emptyDevice(config.kind, config.id), name: config.name, enabled: config.enabled };
  if (config.kind === 'cash-drawer') return { ...fields, printerId: config.printerId };
  const link = config.transport;
  const linked: DeviceFields =
    link.type === 'serial'
      ? { ...fields, linkType: 'serial', path: link.path, baudRate: String(link.baudRate), dataBits: String(link.dataBits), parity: link.parity, stopBits: String(link.stopBits) }
      : link.type === 'tcp'
        ? { ...fields, linkType: 'tcp', host: link.host, port: String(link.port) }
        : { ...fields, linkType: 'file', path: link.path };
  switch (config.kind) {
    case 'scale':
      return { ...linked, scaleProtocol: config.protocol, unit: config.unit, pollMs: config.pollMs === undefined ? '' : String(config.pollMs), pattern: config.pattern?.pattern ?? '' };
    case 'scanner':
      return linked;
    case 'receipt-printer':
      return { ...linked, model: config.model, codePage: config.codePage, columns: String(config.columns) };
    case 'label-printer':
      return { ...linked, labelProtocol: config.protocol, dotsPerMm: String(config.dotsPerMm) };
    case 'passbook-printer':
      return {
        ...linked,
        passbookModel: config.model,
        pages: String(config.layout.pages),
        linesPerPage: String(config.layout.linesPerPage),
        topMarginLines: String(config.layout.topMarginLines),
        foldAfterLine: String(config.layout.foldAfterLine),
        foldSkipLines: String(config.layout.foldSkipLines),
        passbookKept: keptOf(config.layout, config.status),
      };
  }
}

/** A new device's id: its kind and a short random suffix, stable once saved. */
export const newDeviceId = (kind: DeviceKind): string => `${kind}-${crypto.randomUUID().slice(0, 8)}`;
