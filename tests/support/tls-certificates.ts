import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM files made with the real `openssl`, as a head office's own small CA would issue them. */
export interface TestCertificates {
  dir: string;
  /** The CA that signed the server and client certificates. */
  caFile: string;
  /** A CA that signed nothing here: trusting it must not let the server in. */
  wrongCaFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  client(commonName: string): { certFile: string; keyFile: string };
  read(file: string): string;
  remove(): void;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A CA, a server certificate for `serverNames` (DNS names or IPs), and client certificates on demand. */
export function makeTestCertificates(serverNames: string[]): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'tls-certs-'));
  // The test PostgreSQL runs as `postgres` and must read the certificates.
  chmodSync(dir, 0o755);
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const makeCa = (name: string, subject: string) =>
    openssl('req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', subject,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(path(`${name}.ext`), extensions);
    openssl('req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
    chmodSync(path(`${name}.crt`), 0o644);
  };

  makeCa('ca', '/CN=Test head office CA');
  makeCa('wrong-ca', '/CN=Some other CA');
  const san = serverNames.map((name) => (/^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  issue('server', `/CN=${serverNames[0]}`, `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  for (const file of ['ca.crt', 'wrong-ca.crt']) chmodSync(path(file), 0o644);

  return {
    dir,
    caFile: path('ca.crt'),
    wrongCaFile: path('wrong-ca.crt'),
    serverCertFile: path('server.crt'),
    serverKeyFile: path('server.key'),
    client(commonName) {
      // PostgreSQL `cert` authentication maps the certificate's CN to the role name.
      issue(`client-${commonName}`, `/CN=${commonName}`, 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
      return { certFile: path(`client-${commonName}.crt`), keyFile: path(`client-${commonName}.key`) };
    },
    read: (file) => readFileSync(file, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
