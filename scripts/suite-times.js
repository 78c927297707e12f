// Compares two jest --json results (`node scripts/suite-times.js node20.json node24.json`): the
// suites of the second, timed in both, summed; prints both sums and their ratio.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const [first, second] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')));
const seconds = (results) => new Map(results.testResults.map((r) => [path.relative(process.cwd(), r.name), (r.endTime - r.startTime) / 1000]));
const a = seconds(first);
const b = seconds(second);
const common = [...b.keys()].filter((suite) => a.has(suite));
const sum = (times) => common.reduce((total, suite) => total + times.get(suite), 0);
if (common.length === 0) {
  console.log('no suite timed in both runs');
} else {
  console.log(`${common.length} suites: ${sum(a).toFixed(0)} s, then ${sum(b).toFixed(0)} s; second ÷ first = ${(sum(b) / sum(a)).toFixed(2)}`);
}
