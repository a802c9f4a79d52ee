// Drives the local stack with Salesforce Marketing Cloud's own Node clients, fuel-auth and
// fuel-rest, configured the way their READMEs tell a user to: an OAuth 2 (authVersion 2) login
// with client id, secret and MID, then REST calls by path. Nothing here knows it is not talking
// to Marketing Cloud except the auth URL. Each step prints one JSON line; after the first round
// it prints {"step":"waiting"} and reads one line from stdin, so the test can make the server's
// clock pass the token's expiry before the second round.
'use strict';

const FuelRest = require('fuel-rest');
const readline = require('readline');

const env = process.env;
const rest = new FuelRest({
  auth: {
    clientId: env.MC_CLIENT_ID,
    clientSecret: env.MC_CLIENT_SECRET,
    authUrl: env.MC_AUTH_URL,
    authOptions: { authVersion: 2, accountId: env.MC_ACCOUNT_ID }
  }
});

// fuel-rest lower-cases the whole path, so keys and addresses here are lower case.
const key = env.MC_CONTACT_KEY;

function print(step, response) {
  console.log(JSON.stringify({ step, status: response.res.statusCode, body: response.body }));
}

async function firstRound() {
  print('establish', await rest.post({ uri: '/contacts/v1/establish', json: true, body: { contactKeys: [key + '-e'] } }));
  print('create', await rest.post({ uri: '/contacts/v1/contacts', json: true, body: {
    contactKey: key,
    attributeSets: [
      { name: 'Email Addresses', items: [{ values: [
        { name: 'Email Address', value: key }, { name: 'HTML Enabled', value: true }] }] },
      { name: 'Email Demographics', items: [{ values: [
        { name: 'Last Name', value: 'Fuel' }, { name: 'First Name', value: 'Rest' }] }] }
    ]
  } }));
}

async function secondRound() {
  const before = rest.AuthClient.accessToken;
  const lookup = await rest.get({ uri: '/contacts/v1/contacts/key:' + key, json: true });
  print('lookup', lookup);
  console.log(JSON.stringify({ step: 'token-renewed', renewed: before !== rest.AuthClient.accessToken }));
  print('search', await rest.post({ uri: '/contacts/v1/addresses/email/search', json: true,
    body: { ChannelAddressList: [key], MaximumCount: 5 } }));
  const deleted = await rest.post({ uri: '/contacts/v1/contacts/actions/delete?type=keys', json: true,
    body: { values: [key, key + '-e'], DeleteOperationType: 'ContactAndAttributes' } });
  print('delete', deleted);
  print('delete-status', await rest.get({ uri: '/contacts/v1/contacts/actions/delete/status?operationID='
    + deleted.body.operationID, json: true }));
}

async function main() {
  await firstRound();
  console.log(JSON.stringify({ step: 'waiting' }));
  const input = readline.createInterface({ input: process.stdin });
  await new Promise(resolve => input.once('line', resolve));
  input.close();
  await secondRound();
}

main().catch(error => {
  console.log(JSON.stringify({ step: 'error', message: String(error && error.message || error) }));
  process.exitCode = 1;
});
