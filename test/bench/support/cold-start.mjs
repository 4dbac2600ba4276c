// Child process: import a bundle, invoke its handler once, print the elapsed milliseconds.
const [bundle, eventJson] = process.argv.slice(2);
const started = performance.now();
const { handler } = await import(bundle);
const res = await handler(JSON.parse(eventJson), { awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 });
if (res.statusCode !== 200) {
  console.error(`unexpected status ${res.statusCode}: ${res.body}`);
  process.exit(1);
}
console.log(String(performance.now() - started));
