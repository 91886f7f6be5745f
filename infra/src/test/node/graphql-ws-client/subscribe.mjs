// Subscribes to projectChanged over graphql-transport-ws (the graphql-ws client) and prints one JSON line per
// message: each result, then {"error": ...}, {"complete": true} or {"timeout": true}. Ends after the change of the
// task key given as the last argument, or when the server ends or refuses the subscription.
// Usage: node subscribe.mjs <ws url> <projectId> <afterVersion or ""> <until task key>; the token in TASKLEDGER_TOKEN,
// sent on the upgrade request's Authorization header, or with TASKLEDGER_TOKEN_IN=init in the connection_init payload
// (as a browser must: it cannot set headers on a WebSocket).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, projectId, afterVersion, untilTaskKey] = process.argv.slice(2);
const token = process.env.TASKLEDGER_TOKEN;
const tokenInInit = process.env.TASKLEDGER_TOKEN_IN === 'init';

// Browsers cannot set headers on a WebSocket; Node's ws can: the upgrade request carries the bearer token.
class AuthorizedWebSocket extends WebSocket {
  constructor(address, protocols) {
    super(address, protocols, token && !tokenInInit ? { headers: { Authorization: `Bearer ${token}` } } : {});
  }
}

const print = (message) => console.log(JSON.stringify(message));
const client = createClient({
  url,
  webSocketImpl: AuthorizedWebSocket,
  connectionParams: token && tokenInInit ? { Authorization: `Bearer ${token}` } : undefined,
  retryAttempts: 0,
  on: { closed: (event) => print({ closed: event?.code ?? null }) },
});
const timer = setTimeout(() => finish({ timeout: true }, 2), 20000);
let finished = false;

function finish(message, code) {
  if (finished) {
    return;
  }
  finished = true;
  print(message);
  clearTimeout(timer);
  client.dispose();
  setTimeout(() => process.exit(code), 100);
}

client.subscribe(
  {
    query: 'subscription($p: ID!, $a: Int) { projectChanged(projectId: $p, afterVersion: $a) { version type taskKey } }',
    variables: { p: projectId, a: afterVersion === '' ? null : Number(afterVersion) },
  },
  {
    next: (result) => {
      print(result);
      if (result.data?.projectChanged?.taskKey === untilTaskKey) {
        finish({ until: untilTaskKey }, 0);
      }
    },
    error: (error) => finish({ error: Array.isArray(error) ? error : String(error?.message ?? error?.code ?? error) }, 1),
    complete: () => finish({ complete: true }, 0),
  },
);
