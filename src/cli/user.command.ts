import { Argument, type Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrator.js';
import type { Role } from '../db/tables.js';
import { createUser, listUsers, setRole } from '../features/accounts/index.js';
import { DomainError, fieldTexts } from '../shared/domain-error.js';
import { type CliIo, UsageError } from './cli-io.js';
import { promptNewPassword, readPasswordLine } from './password-prompt.js';

interface DatabaseOption {
  database?: string;
}

/**
 * A refusal of the accounts service as the CLI's one error line: its English
 * text, field by field when it names fields (`password: Use at least 8
 * characters.`). What was typed is wrong: a usage error (exit 2); anything
 * else (a taken address, an unknown user) is a failure (exit 1).
 */
function cliError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const fields = Object.entries(fieldTexts(error.fields, 'en'));
  const line =
    fields.length === 0
      ? error.text('en')
      : fields.map(([field, text]) => `${field}: ${text}`).join('; ');
  const typedWrong = error.kind === 'bad_request' || error.kind === 'invalid';
  return typedWrong ? new UsageError(line) : new Error(line);
}

export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program
    .command('user')
    .description('manage accounts (no default admin exists: create one here)');
  const say = (line: string) => io.stdout(`${line}\n`);
  const withDatabase = async <T>(
    options: DatabaseOption,
    work: (db: ReturnType<typeof openDatabase>) => Promise<T>,
  ) => {
    const config = loadConfig({ flags: options, env: io.env, cwd: io.cwd });
    const handle = openDatabase(config.database, { poolSize: 2 });
    try {
      await migrateToLatest(handle);
      return await work(handle);
    } finally {
      await handle.close();
    }
  };

  user
    .command('add')
    .description(
      'create a user; the password is read from a prompt (twice) or one line of stdin, never argv',
    )
    .argument('<email>', 'e-mail address (unique, case-insensitive)')
    .option('--admin', 'give the administrator role')
    .option('--name <name>', 'display name (default: the part of the e-mail before @)')
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action(async (email: string, options: DatabaseOption & { admin?: boolean; name?: string }) => {
      const password = io.stdin.isTTY
        ? await promptNewPassword(io.stdin, io.stderr)
        : await readPasswordLine(io.stdin);
      const role: Role = options.admin ? 'admin' : 'customer';
      const name = options.name ?? email.split('@')[0] ?? email;
      await withDatabase(options, async ({ db }) => {
        const created = await createUser(db, { email, name, password }, role).catch((error) => {
          throw cliError(error);
        });
        say(`created ${created.role} ${created.email} (id ${created.id})`);
      });
    });

  user
    .command('list')
    .description('list users')
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action((options: DatabaseOption) =>
      withDatabase(options, async ({ db }) => {
        const users = await listUsers(db);
        if (users.length === 0)
          return say('no users yet: create one with `monsters user add EMAIL --admin`');
        const rows = [
          ['id', 'email', 'name', 'role', 'created'],
          ...users.map((u) => [String(u.id), u.email, u.name, u.role, u.created_at.slice(0, 10)]),
        ];
        const widths =
          rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ??
          [];
        for (const row of rows)
          say(
            row
              .map((cell, column) => cell.padEnd(widths[column] ?? 0))
              .join('  ')
              .trimEnd(),
          );
      }),
    );

  user
    .command('set-role')
    .description("change a user's role; their sessions are signed out")
    .argument('<email>', 'e-mail address')
    .addArgument(new Argument('<role>', 'admin or customer').choices(['admin', 'customer']))
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action((email: string, role: Role, options: DatabaseOption) =>
      withDatabase(options, async ({ db }) => {
        const changed = await setRole(db, email, role).catch((error) => {
          throw cliError(error);
        });
        say(`${changed.email} is now ${role}; their sessions were signed out`);
      }),
    );
}
