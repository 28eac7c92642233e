// The embedded store: one SQLite file in the Coastguard home, opened with better-sqlite3 behind Kysely.
// A file that is damaged, foreign or from a newer Coastguard is refused before anything writes to it.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CoastguardError } from '../core/errors.js';
import type { ChainTransaction, ChainWrite, RowReader } from './audit-repository.js';
import { corruptStoreError, type DescribeStoreError, errorMessage } from './errors.js';
import { assertSchemaUsable, migrateToLatest } from './migrations/migrate.js';
import type { Database } from './schema.js';
import { createStore, type Store } from './store.js';

export const DATABASE_FILE = 'coastguard.db';

/** How long a writer waits for another (a scan while `coastguard history` reads, two scans at once). */
const BUSY_TIMEOUT_MS = 5_000;

export async function openSqliteStore(options: { home: string }): Promise<Store> {
  const home = resolve(options.home);
  ensureHome(home);
  const path = join(home, DATABASE_FILE);
  const describeError = describeSqliteError(path);
  if (!createIfMissing(path)) await checkExisting(path, describeError);

  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    // WAL lets readers run while a scan writes. FULL syncs the log at every commit: NORMAL survives a killed
    // process but may lose the last commits on power loss, and an acknowledged audit entry must never be lost.
    // Coastguard commits rarely (one transaction per assessment, one per audit append), so the cost is small.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
  } catch (err) {
    throw describeError(err, 'open the database');
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  try {
    // Kysely runs SQLite migrations without a transaction or a lock (it assumes one connection). Holding the write
    // lock around them makes them atomic, and serializes processes opening a new database at once (the agent
    // and the CLI): the second waits, then finds the schema current.
    database.exec('begin immediate');
    await migrateToLatest(db, path, describeError);
    database.exec('commit');
  } catch (err) {
    if (database.inTransaction) database.exec('rollback');
    await db.destroy();
    throw err;
  }
  return createStore(db, {
    location: path,
    describeError,
    chainWrite: chainWriteOn(db, database),
    readRows: rowReaderOn(database),
  });
}

/** Prepared once per query text; better-sqlite3 returns each row as an array of its columns. */
function rowReaderOn(database: BetterSqlite3.Database): RowReader {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return async (query, params) => {
    let statement = statements.get(query);
    if (statement === undefined) {
      statement = database.prepare(query).raw(true);
      statements.set(query, statement);
    }
    return statement.all(...params) as unknown[][];
  };
}

/**
 * BEGIN IMMEDIATE takes SQLite's write lock before the first read, so a writer that reads the head of the audit
 * chain is sure no other process appends until it commits; a waiting writer retries for the busy timeout. (A
 * deferred BEGIN would let two processes read the same head and one fail at its first write.)
 */
function chainWriteOn(db: Kysely<Database>, database: BetterSqlite3.Database): ChainWrite {
  // Prepared on first use, once: an append is then a handful of calls into SQLite, no query building.
  let tx: ChainTransaction | undefined;
  const prepared = (): ChainTransaction => {
    if (tx !== undefined) return tx;
    const head = database.prepare('select seq, hash from audit_entries order by seq desc limit 1');
    const checkpointAt = database.prepare('select * from audit_checkpoints where seq = ?');
    const insertEntry = database.prepare(
      'insert into audit_entries (seq, time, actor, action, subject, data, prev_hash, hash) ' +
        'values (@seq, @time, @actor, @action, @subject, @data, @prev_hash, @hash)',
    );
    const insertCheckpoint = database.prepare(
      'insert into audit_checkpoints (seq, hash, time, key_id, signature) ' +
        'values (@seq, @hash, @time, @key_id, @signature)',
    );
    tx = {
      head: () => head.get() as ReturnType<ChainTransaction['head']>,
      checkpointAt: (seq) => checkpointAt.get(seq) as ReturnType<ChainTransaction['checkpointAt']>,
      insertEntry: (row) => {
        insertEntry.run(row);
      },
      insertCheckpoint: (row) => {
        insertCheckpoint.run(row);
      },
    };
    return tx;
  };
  // Through Kysely's connection, so no query of this process runs in between; better-sqlite3's immediate
  // transaction commits on return and rolls back on a throw.
  return (work) =>
    db.connection().execute(async () => {
      const statements = prepared();
      return database.transaction(() => work(statements)).immediate();
    });
}

/** The home holds the findings of a security tool: only its owner may read it. An existing one is left as is. */
function ensureHome(home: string): void {
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    if (!statSync(home).isDirectory()) throw new Error('not a directory');
    accessSync(home, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new CoastguardError(
      'STORE_ERROR',
      `Cannot use ${home} as the Coastguard home (${errorMessage(err)}); set COASTGUARD_HOME to a writable directory.`,
      { cause: err, exitCode: 2 },
    );
  }
}

/** Creates an empty database file readable by its owner only (SQLite gives its -wal and -shm the same mode). */
function createIfMissing(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx', 0o600));
    return true;
  } catch (err) {
    if (isErrnoException(err) && err.code === 'EEXIST') return false;
    throw new CoastguardError('STORE_ERROR', `Cannot create the database ${path} (${errorMessage(err)}).`, {
      cause: err,
      exitCode: 2,
    });
  }
}

/**
 * Looks at an existing file through a read-only connection, so a damaged, foreign or newer database is reported
 * with its bytes unchanged. A read-only connection to a WAL database still creates empty -wal and -shm files when
 * none exist; if we refuse the database we remove the ones we created, so the directory is as we found it.
 */
async function checkExisting(path: string, describeError: DescribeStoreError): Promise<void> {
  try {
    if (!statSync(path).isFile()) throw new Error('not a regular file');
  } catch (err) {
    throw new CoastguardError('STORE_ERROR', `Cannot use ${path} as the database (${errorMessage(err)}).`, {
      cause: err,
      exitCode: 2,
    });
  }
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  try {
    const database = new BetterSqlite3(path, {
      readonly: true,
      fileMustExist: true,
      timeout: BUSY_TIMEOUT_MS,
    });
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    try {
      await assertSchemaUsable(db, path);
    } finally {
      await db.destroy();
    }
  } catch (err) {
    removeEmptySideFiles(sideFiles);
    throw describeError(err, 'open the database');
  }
}

function removeEmptySideFiles(files: string[]): void {
  for (const file of files) {
    try {
      if (file.endsWith('-shm') || statSync(file).size === 0) unlinkSync(file);
    } catch {
      // Absent (never created) or already gone: nothing of ours is left behind.
    }
  }
}

/** SQLite result codes (https://sqlite.org/rescode.html) mapped to what a user can do about them. */
function describeSqliteError(path: string): DescribeStoreError {
  return (err, action) => {
    if (err instanceof CoastguardError) return err;
    const code = isErrnoException(err) && typeof err.code === 'string' ? err.code : '';
    const message = errorMessage(err);
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
      return corruptStoreError(path, message, err);
    }
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return new CoastguardError(
        'STORE_ERROR',
        `The database at ${path} is busy (another Coastguard is writing to it); try again (${message}).`,
        { cause: err, exitCode: 2 },
      );
    }
    const isEnvironment = ['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_FULL'].some((c) =>
      code.startsWith(c),
    );
    return new CoastguardError('STORE_ERROR', `Could not ${action}: ${message} (database ${path}).`, {
      cause: err,
      exitCode: isEnvironment ? 2 : 3,
    });
  };
}

function isErrnoException(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && 'code' in err;
}
