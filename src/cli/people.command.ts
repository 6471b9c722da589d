/**
 * `ucfleet people set-login`: creates or replaces a person's login. The password is read from standard input
 * (never from the arguments, which other users of the machine can see); audited as a `system` change.
 */
import type { Config } from '../config.js';
import { systemActor } from '../modules/audit/audit-trail.js';
import { isRole } from '../modules/access/roles.js';
import { withAccess } from './access-context.js';

export interface SetLoginOptions {
  tenant: string;
  person: string;
  login: string;
  role: string;
  passwordStdin?: boolean;
}

export async function runSetLogin(
  config: Config,
  options: SetLoginOptions,
  stdin: NodeJS.ReadableStream,
): Promise<void> {
  const role = options.role;
  if (!isRole(role)) throw new Error(`--role must be admin, readonly_admin, supervisor or agent (got '${role}').`);
  const password = options.passwordStdin ? await readPassword(stdin) : undefined;
  await withAccess(config, async ({ services, tenant, person }) => {
    const { id: tenantId } = await tenant(options.tenant);
    const personId = await person(tenantId, options.person);
    const { row, created } = await services.logins.setLogin(systemActor(tenantId), personId, {
      login: options.login,
      role,
      password,
    });
    console.log(
      `${created ? 'Created' : 'Replaced'} the login '${row.login}' (${row.role}) of the person ${personId}` +
        (password === undefined ? '; the password is unchanged.' : '.'),
    );
  });
}

/** Everything on standard input, without one trailing line break. */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > 4096) throw new Error('The password on standard input is too long.');
    chunks.push(buffer);
  }
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new Error('--password-stdin: standard input is empty.');
  return password;
}
