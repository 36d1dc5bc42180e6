import { openStore } from '../store/open-store.ts';
import { newKey, hashKey } from './keys.ts';

// Usage: DATA_DIR=./data npx tsx server/auth/create-key.ts editor|reader "label"
// (or DATABASE_URL=postgres://… for the PostgreSQL store). Prints the new key once; the database keeps only its hash.
const [role, label] = process.argv.slice(2);
if ((role !== 'editor' && role !== 'reader') || !label) {
  console.error('usage: tsx server/auth/create-key.ts editor|reader "who holds it"');
  process.exit(2);
}
const store = await openStore({ dataDir: process.env.DATA_DIR ?? './data', databaseUrl: process.env.DATABASE_URL || undefined }, console);
const { id, key } = newKey();
await store.keys.add({ id, hash: hashKey(key), role, label });
await store.close();
console.log(`${role} key ${id} for "${label}":\n${key}\nKeep it safe: it is not stored and cannot be shown again.`);
