import type { SqlConnection } from '../headoffice/sql-runner';
import { HeadOfficeRegisterApi, type NationalLookupAnswer, type NationalLookupKey } from '../headoffice/register-api';
import { errorInWords } from './link-errors';

/** A clerk waits at most this long for head office before hearing it is unreachable. */
const LOOKUP_DEADLINE_MS = 3000;

/**
 * Asks head office's national register (audited there with the branch and the
 * operator). Never throws: a slow or broken link is `offline` with the reason in
 * words, and the clerk carries on with the branch's own register.
 */
export async function lookupNationally(
  connect: () => Promise<SqlConnection>,
  key: NationalLookupKey,
  operator: string,
  deadlineMs = LOOKUP_DEADLINE_MS,
): Promise<NationalLookupAnswer> {
  const opening = connect();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('head office did not answer in time')), deadlineMs);
    timer.unref?.();
  });
  try {
    const ask = async () => {
      const connection = await opening;
      const branch = await HeadOfficeRegisterApi.sessionBranch(connection);
      if (branch === null) throw new Error('the head-office role of this counter is not a branch role');
      return new HeadOfficeRegisterApi(connection, branch).lookup(operator, key);
    };
    return { state: 'answered', records: await Promise.race([ask(), deadline]) };
  } catch (error) {
    return { state: 'offline', detail: errorInWords(error) };
  } finally {
    clearTimeout(timer);
    // Closed whenever it opens, even after the deadline: ending it also stops a query still running.
    void opening.then((connection) => connection.close()).catch(() => undefined);
  }
}
