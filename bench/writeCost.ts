// Product write cost before and after the search index (issue 18), on MariaDB:
//   npx tsx bench/writeCost.ts [mysql://root@127.0.0.1:3306] [writes]
// "before" is the statement the app ran until then (one INSERT, or one UPDATE and a read);
// "after" is insertProduct / updateProduct as they are now (the same, plus the index rows, in one
// transaction; an edit writes the rows of the words it changed). Updates: a word added to the
// name, then a whole new description. Both on the same fresh database with the benchmark's
// products, interleaved. bench/writeCostApi.ts measures the same writes through REST.
import knex from 'knex';
import { DEFAULT_POOL_MAX } from '../src/config';
import { createDb } from '../src/db/knex';
import { migrateToLatest } from '../src/db/migrations';
import { findProductsByIds, insertProduct, updateProduct, type ProductFields } from '../src/db/products';
import { productAt } from './dataset';
import { median } from './load';

async function main(): Promise<void> {
  const url = new URL(process.argv[2] ?? 'mysql://root@127.0.0.1:3306');
  const writes = Number(process.argv[3] ?? 400);
  const name = `shopgraph_writecost_${process.pid}`;
  const server = knex({ client: 'mysql2', connection: { host: url.hostname, port: Number(url.port || 3306), user: url.username } });
  await server.raw(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
  const db = createDb({ client: 'mysql', host: url.hostname, port: Number(url.port || 3306), user: url.username, password: '', database: name, poolMax: DEFAULT_POOL_MAX });
  try {
    await migrateToLatest(db);
    const before = { insert: [] as number[], update: [] as number[], describe: [] as number[] };
    const after = { insert: [] as number[], update: [] as number[], describe: [] as number[] };
    const time = async (into: number[], work: () => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      await work();
      into.push(Number(process.hrtime.bigint() - started) / 1e6);
    };
    for (let index = 1; index <= writes; index += 1) {
      const { id: _id, ...row } = productAt(index);
      const fields = { name: row.name, description: row.description, priceCents: row.price, stock: row.stock, category: row.category };
      let plainId = 0;
      await time(before.insert, async () => {
        const now = new Date();
        plainId = Number((await db('products').insert({ ...row, created_at: now, updated_at: now }))[0]);
      });
      await time(after.insert, () => insertProduct(db, fields));
      const [last] = await db('products').orderBy('id', 'desc').limit(1).pluck('id');
      const edit = async (into: { update: number[]; describe: number[] }, update: (fields: Partial<ProductFields>) => Promise<unknown>) => {
        await time(into.update, () => update({ name: `${row.name} Limited` })); // a word added: its rows
        await time(into.describe, () => update({ description: productAt(index + writes).description })); // most words new
      };
      await edit(before, async (fields) => {
        await db('products')
          .where({ id: plainId, archived: false })
          .update({ ...fields, updated_at: new Date() }); // name or description: the columns' own names
        await findProductsByIds(db, [plainId]);
      });
      await edit(after, (fields) => updateProduct(db, Number(last), fields));
    }
    const line = (what: string, old: number[], now: number[]) =>
      `${what}: before ${median(old).toFixed(2)} ms, after ${median(now).toFixed(2)} ms (${(median(now) / median(old)).toFixed(2)}×), median of ${old.length}`;
    console.log(line('product insert', before.insert, after.insert));
    console.log(line('product update (a word added to the name)', before.update, after.update));
    console.log(line('product update (a new description)', before.describe, after.describe));
  } finally {
    await db.destroy();
    await server.raw(`DROP DATABASE ${name}`);
    await server.destroy();
  }
}

void main();
