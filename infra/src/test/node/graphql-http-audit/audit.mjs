// Runs every server audit of graphql-http against the URL given as the first argument, as the account whose access
// token is in TASKLEDGER_TOKEN, and prints one JSON line per audit: {id, name, status, reason}.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const token = process.env.TASKLEDGER_TOKEN;
if (!url || !token) {
  console.error('usage: TASKLEDGER_TOKEN=... node audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}

async function fetchWithToken(input, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

for (const audit of serverAudits({ url, fetchFn: fetchWithToken })) {
  let result;
  try {
    result = await audit.fn();
  } catch (e) {
    result = { status: 'error', reason: `the audit threw: ${e}` };
  }
  console.log(JSON.stringify({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null }));
}
