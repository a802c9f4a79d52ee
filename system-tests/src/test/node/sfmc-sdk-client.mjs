// Drives the local stack with sfmc-sdk (npm), configured the way its README tells a user to: a
// client-credentials login with client id, secret, MID and an auth URL of Marketing Cloud's own
// form, then REST calls by path on the rest_instance_url the login answered. The library is not
// changed or wrapped; the only help is the name routing preloaded by marketingcloudapis-hosts.cjs
// and the test's certificate in NODE_EXTRA_CA_CERTS. Each step prints one JSON line; after the
// first round it prints {"step":"waiting"} and reads one line from stdin, so the test can make the
// server's clock pass the token's expiry before the second round.
import SDK from 'sfmc-sdk';
import readline from 'node:readline';

const env = process.env;
const statuses = [];
const requested = [];
let logins = 0;

function sdk(scope) {
  return new SDK({
    client_id: env.MC_CLIENT_ID,
    client_secret: env.MC_CLIENT_SECRET,
    auth_url: env.MC_AUTH_URL,
    account_id: env.MC_ACCOUNT_ID,
    ...(scope ? { scope } : {})
  }, {
    // sfmc-sdk logs in again on a 401 only while it has attempts left: with its default of 1 it
    // gives up instead, so an application that wants renewal on invalid_token sets 2.
    requestAttempts: 2,
    eventHandlers: {
      onRefresh: () => { logins++; },
      logRequest: request => { requested.push(request.baseURL); },
      logResponse: response => { statuses.push(response.status); }
    }
  });
}

const client = sdk();
const key = env.MC_CONTACT_KEY;

function print(step, body) {
  console.log(JSON.stringify({ step, status: statuses[statuses.length - 1], body }));
}

async function firstRound() {
  print('establish', await client.rest.post('/contacts/v1/establish', { contactKeys: [key + '-e'] }));
  print('create', await client.rest.post('/contacts/v1/contacts', {
    contactKey: key,
    attributeSets: [
      { name: 'Email Addresses', items: [{ values: [
        { name: 'Email Address', value: key }, { name: 'HTML Enabled', value: true }] }] },
      { name: 'Email Demographics', items: [{ values: [
        { name: 'Last Name', value: 'Sdk' }, { name: 'First Name', value: 'Sfmc' }] }] }
    ]
  }));
}

async function secondRound() {
  const before = client.auth.authObject.access_token;
  const loginsBefore = logins;
  print('lookup', await client.rest.get('/contacts/v1/contacts/key:' + key));
  console.log(JSON.stringify({ step: 'token-renewed',
    renewed: before !== client.auth.authObject.access_token && logins === loginsBefore + 1 }));
  print('search', await client.rest.post('/contacts/v1/addresses/email/search',
    { ChannelAddressList: [key], MaximumCount: 5 }));
  const deleted = await client.rest.post('/contacts/v1/contacts/actions/delete?type=keys',
    { values: [key, key + '-e'], DeleteOperationType: 'ContactAndAttributes' });
  print('delete', deleted);
  print('delete-status', await client.rest.get('/contacts/v1/contacts/actions/delete/status?operationID='
    + deleted.operationID));
}

// A token asked for the read scope only reads: Marketing Cloud's 403 reaches the caller as sfmc-sdk's RestError.
async function readOnlyRound() {
  const reader = sdk(['list_and_subscribers_read']);
  print('read-only-read', await reader.rest.get('/contacts/v1/attributeSetDefinitions'));
  try {
    await reader.rest.post('/contacts/v1/establish', { contactKeys: [key + '-r'] });
    console.log(JSON.stringify({ step: 'read-only-write', status: statuses[statuses.length - 1] }));
  } catch (error) {
    console.log(JSON.stringify({ step: 'read-only-write', status: error.response && error.response.status,
      message: error.message, scope: reader.auth.authObject.scope }));
  }
}

async function main() {
  await firstRound();
  console.log(JSON.stringify({ step: 'waiting' }));
  const input = readline.createInterface({ input: process.stdin });
  await new Promise(resolve => input.once('line', resolve));
  input.close();
  await secondRound();
  await readOnlyRound();
  const routed = globalThis[Symbol.for('contact-pipeline.routed-names')];
  console.log(JSON.stringify({ step: 'routed', names: routed ? [...routed].sort() : [],
    restBases: [...new Set(requested)] }));
}

main().catch(error => {
  console.log(JSON.stringify({ step: 'error', message: String(error && error.message || error),
    code: error && error.code, endpoint: error && error.endpoint }));
  process.exitCode = 1;
});
