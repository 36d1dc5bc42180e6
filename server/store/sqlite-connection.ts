import Database from 'better-sqlite3';

/**
 * A connection to the store's database file with the store's settings; the main thread's, or an import
 * worker's own (WAL lets one thread write while the other reads).
 */
export function openSqliteConnection(file: string): Database.Database {
  const db = new Database(file);
  // WAL: readers never block the writer, and a killed process leaves the last committed state.
  db.pragma('journal_mode = WAL');
  // FULL: a committed write survives power loss too, not just a crash of this process.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A write waits this long for another connection's transaction (an import worker's slice) to end.
  db.pragma('busy_timeout = 5000');
  return db;
}
