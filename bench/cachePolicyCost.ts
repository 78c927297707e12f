// The cost of the GraphQL cache policy: computing it for a new document, and finding it again per request.
// Run: npx tsx bench/cachePolicyCost.ts (BENCHMARKS.md "Caching").
import { buildSchema, parse } from 'graphql';
import { graphqlCachePolicies } from '../src/cache/policy';
import { cacheHints, typeDefs } from '../src/graphql/generated/typeDefs';
const schema = buildSchema(typeDefs);
const policyOf = graphqlCachePolicies(schema, cacheHints);
const q = 'query Catalog($first: Int!) { products(first: $first, sort: NEWEST) { totalCount pageInfo { hasNextPage endCursor } nodes { id name price stock category } } }';
const docs = Array.from({ length: 2000 }, () => parse(q));
let t = process.hrtime.bigint();
for (const d of docs) policyOf(d);
const cold = Number(process.hrtime.bigint() - t) / docs.length / 1000;
t = process.hrtime.bigint();
for (let i = 0; i < 1_000_000; i++) policyOf(docs[i % docs.length]!);
const warm = Number(process.hrtime.bigint() - t) / 1_000_000 / 1000;
console.log(`first computation per document: ${cold.toFixed(2)} µs; per request afterwards: ${warm.toFixed(3)} µs`);
