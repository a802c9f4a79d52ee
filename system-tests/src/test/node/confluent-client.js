// A non-Java client of the pipeline: publishes one ESTABLISH command to contact.commands in
// Confluent's wire format and reads its result back from contact.results, using only kafkajs,
// avsc and the schema registry. The README's guide quotes this file; NodeKafkaClientIT runs it.
//
//   BOOTSTRAP=localhost:9092 SCHEMA_REGISTRY_URL=http://localhost:8085/apis/ccompat/v6 \
//     TENANT=demo CONTACT_KEY=someone@example.com node confluent-client.js
'use strict';
const { Kafka, Partitioners, CompressionTypes, CompressionCodecs, logLevel } = require('kafkajs');
const avro = require('avsc');
const lz4 = require('lz4js');
const snappy = require('kafkajs-snappy');
const { randomUUID } = require('crypto');

const bootstrap = process.env.BOOTSTRAP || 'localhost:9092';
const registry = process.env.SCHEMA_REGISTRY_URL;
const tenant = process.env.TENANT || 'demo';
const contactKey = process.env.CONTACT_KEY || 'someone@example.com';

// The resolver compresses its output with snappy (lz4 if its producer is configured so); kafkajs
// needs a codec for each.
CompressionCodecs[CompressionTypes.Snappy] = snappy;
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  compress: async (encoder) => Buffer.from(lz4.compress(encoder.buffer)),
  decompress: async (buffer) => Buffer.from(lz4.decompress(buffer)),
});

async function registryGet(path) {
  const response = await fetch(registry + path, { headers: { Accept: 'application/vnd.schemaregistry.v1+json' } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// Values: magic byte 0, the schema id (4 bytes, big-endian), then the Avro binary datum.
function frame(schemaId, datum) {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, datum]);
}

const readers = new Map();
async function unframe(value) {
  if (value[0] !== 0) throw new Error('not in Confluent framing');
  const id = value.readInt32BE(1);
  if (!readers.has(id)) readers.set(id, avro.Type.forSchema(JSON.parse((await registryGet(`/schemas/ids/${id}`)).schema)));
  return { id, record: readers.get(id).fromBuffer(value.subarray(5)) };
}

// Keys are not framed: they stay in Avro single-object encoding (C3 01, the schema's CRC-64-AVRO
// fingerprint little-endian, the datum), because their bytes decide the partition and compaction.
const CONTACT_KEY_CANONICAL = '{"name":"org.contactpipeline.schemas.avro.ContactKey","type":"record","fields":'
  + '[{"name":"tenant","type":"string"},{"name":"contactType","type":"int"},{"name":"contactKey","type":"string"}]}';
function crc64Avro(text) {
  const EMPTY = 0xc15d213aa4d7a795n;
  const table = [];
  for (let i = 0n; i < 256n; i++) {
    let fp = i;
    for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
    table.push(fp);
  }
  let fp = EMPTY;
  for (const byte of Buffer.from(text, 'utf8')) fp = (fp >> 8n) ^ table[Number((fp ^ BigInt(byte)) & 0xffn)];
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(fp);
  return bytes;
}
const contactKeyType = avro.Type.forSchema(JSON.parse(CONTACT_KEY_CANONICAL));
function keyBytes(key) {
  return Buffer.concat([Buffer.from([0xc3, 0x01]), crc64Avro(CONTACT_KEY_CANONICAL), contactKeyType.toBuffer(key)]);
}

async function main() {
  const latest = await registryGet('/subjects/contact.commands-value/versions/latest');
  const commandType = avro.Type.forSchema(JSON.parse(latest.schema));
  const key = { tenant, contactType: 0, contactKey };
  const requestId = randomUUID();
  const command = {
    requestId, itemIndex: 0, itemCount: 1, key, action: 'ESTABLISH', replyTo: null, issuedAt: Date.now(),
    contactId: null, changes: null, clearExternalUrls: false,
  };

  const kafka = new Kafka({ clientId: 'confluent-client-js', brokers: [bootstrap], logLevel: logLevel.ERROR });
  // Read the results from the start, read_committed (kafkajs' default): the resolver writes in transactions.
  const consumer = kafka.consumer({ groupId: `confluent-client-js-${requestId}` });
  await consumer.connect();
  await consumer.subscribe({ topic: 'contact.results', fromBeginning: true });
  const result = new Promise((resolve, reject) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key && message.key.toString() === requestId) resolve(await unframe(message.value));
      },
    }).catch(reject);
  });

  // The Java-compatible partitioner hashes the key bytes as Kafka's Java client does: the owner partition.
  const producer = kafka.producer({ createPartitioner: Partitioners.JavaCompatiblePartitioner });
  await producer.connect();
  await producer.send({
    topic: 'contact.commands', acks: -1,
    messages: [{ key: keyBytes(key), value: frame(latest.id, commandType.toBuffer(command)) }],
  });
  await producer.disconnect();

  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no result within 60 s')), 60000));
  const { id, record } = await Promise.race([result, timeout]);
  console.log(JSON.stringify({
    requestId, schemaId: id, outcome: record.outcome, contactId: record.contactId, newContact: record.newContact,
  }));
  await consumer.disconnect();
}

main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
