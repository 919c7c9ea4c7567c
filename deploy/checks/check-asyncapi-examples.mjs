// Checks the message examples of AsyncAPI 3 documents against their messages' schemas, which `asyncapi validate`
// does not do for AsyncAPI 3 (it accepts an example with a wrong type or a wrong ce_type). Run by
// deploy/check-asyncapi.sh, offline, with the packages installed next to @asyncapi/cli:
//   node check-asyncapi-examples.mjs <npm prefix holding node_modules/{ajv,ajv-formats,js-yaml}> <asyncapi.yaml>...
// For every message (components.messages and messages written inline in channels), after applying its traits the way
// the AsyncAPI parser does (JSON Merge Patch, the message's own fields last):
//  - it has at least one example, and a Kafka key binding (bindings.kafka.key);
//  - a message named like a CloudEvents type (uk.sen.register.pupil-registered) fixes ce_type to that name (const);
//  - each example has headers when the message has a headers schema, and a payload exactly when it has a payload
//    schema; its headers validate against the headers schema, its payload against the payload schema (a
//    `$ref: 'x.schema.json'` is the JSON Schema 2020-12 file of that name next to the document; all the folder's
//    *.schema.json are loaded, so their own $refs resolve by $id), and its ce_subject, which the services also use
//    as the record key, against the key schema.
// Formats (uuid, date, date-time) are asserted, as the services' tests assert them. Prints one `  FAIL ...` line per
// problem and last a `SUMMARY: ...` line; exit 1 on a FAIL.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { basename, dirname, join, relative, isAbsolute } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [prefix, ...documents] = process.argv.slice(2);
if (!prefix || documents.length === 0) {
  console.error("usage: node check-asyncapi-examples.mjs <npm prefix> <asyncapi.yaml>...");
  process.exit(2);
}
const require = createRequire(join(prefix, "noop.js"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;
const yaml = require("js-yaml");

let failures = 0;
let messagesChecked = 0;
let examplesChecked = 0;

const shown = (file) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
};

for (const document of documents) {
  const where = shown(document);
  const fail = (what, text) => {
    console.log(`  FAIL  ${where} ${what}: ${text}`);
    failures++;
  };
  let doc;
  try {
    doc = yaml.load(readFileSync(document, "utf8"), { schema: yaml.CORE_SCHEMA, filename: document });
  } catch (e) {
    fail("document", `not readable YAML: ${e.message}`);
    continue;
  }

  // The folder's JSON Schemas, by file name, each known to Ajv by its $id (else by its file URL).
  const dir = dirname(document);
  // strict about unknown keywords (a typo is no constraint), not about style (allOf branches without "type")
  const ajv = new Ajv2020({ allErrors: true, strictSchema: true, strictNumbers: true, strictTypes: false,
    strictTuples: false, strictRequired: false });
  addFormats(ajv);
  const schemaIds = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".schema.json")).sort()) {
    try {
      const schema = JSON.parse(readFileSync(join(dir, file), "utf8"));
      const id = schema.$id ?? pathToFileURL(join(dir, file)).href;
      ajv.addSchema(schema, schema.$id ? undefined : id);
      schemaIds.set(file, id);
    } catch (e) {
      fail(file, `not a usable JSON Schema: ${e.message}`);
    }
  }

  const pointer = (ref) => {
    let node = doc;
    for (const raw of ref.slice(2).split("/")) {
      const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (node === null || typeof node !== "object" || !(part in node)) {
        throw new Error(`unresolvable $ref ${ref}`);
      }
      node = node[part];
    }
    return node;
  };
  // resolve: follows a local $ref (#/...) at the top of a node; deref: replaces local $refs at every depth.
  const resolve = (node, depth = 0) => {
    if (depth > 50) throw new Error("$ref loop");
    return isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#/")
      ? resolve(pointer(node.$ref), depth + 1) : node;
  };
  const deref = (node, depth = 0) => {
    if (depth > 50) throw new Error("$ref loop");
    node = resolve(node);
    if (Array.isArray(node)) return node.map((n) => deref(n, depth + 1));
    if (!isObject(node)) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(v, depth + 1)]));
  };
  const compile = (schema, what) => {
    try {
      return ajv.compile(schema);
    } catch (e) {
      fail(what, `schema does not compile: ${e.message}`);
      return null;
    }
  };
  const payloadValidator = (payload, what) => {
    if (isObject(payload) && "schemaFormat" in payload) payload = payload.schema;   // a multi-format schema
    if (isObject(payload) && typeof payload.$ref === "string" && !payload.$ref.startsWith("#")) {
      const file = payload.$ref;
      if (!schemaIds.has(file)) {
        fail(what, `payload $ref ${file} is not a *.schema.json file next to the document`);
        return null;
      }
      try {
        return ajv.getSchema(schemaIds.get(file));
      } catch (e) {
        fail(what, `${file} does not compile: ${e.message}`);
        return null;
      }
    }
    return compile(deref(payload), `${what} payload`);
  };

  // Every message once: the components' and those written inline in channels.
  const messages = new Map();
  try {
    for (const [name, m] of Object.entries(doc.components?.messages ?? {})) messages.set(resolve(m), name);
    for (const [channel, c] of Object.entries(doc.channels ?? {})) {
      for (const [name, m] of Object.entries(resolve(c)?.messages ?? {})) {
        const message = resolve(m);
        if (!messages.has(message)) messages.set(message, `channels.${channel}.messages.${name}`);
      }
    }
  } catch (e) {
    fail("document", e.message);
    continue;
  }

  for (const [raw, id] of messages) {
    let message;
    try {
      message = applyTraits(raw, resolve);
    } catch (e) {
      fail(id, e.message);
      continue;
    }
    messagesChecked++;
    let headers = null;
    let payload = null;
    let key = null;
    try {
      if (message.headers !== undefined) headers = compile(deref(message.headers), `${id} headers`);
      if (message.payload !== undefined) payload = payloadValidator(message.payload, id);
      const keySchema = resolve(resolve(message.bindings)?.kafka)?.key;
      if (keySchema === undefined) fail(id, "no Kafka key binding (bindings.kafka.key)");
      else key = compile(deref(keySchema), `${id} bindings.kafka.key`);
      const ceType = deref(message.headers)?.properties?.ce_type;
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(message.name ?? "") && ceType?.const !== message.name) {
        fail(id, `ce_type is not fixed to the message's name ${message.name} (headers.properties.ce_type.const: ` +
          `${JSON.stringify(ceType?.const)})`);
      }
    } catch (e) {
      fail(id, e.message);
      continue;
    }

    const examples = message.examples ?? [];
    if (!Array.isArray(examples) || examples.length === 0) {
      fail(id, "no example");
      continue;
    }
    examples.forEach((example, i) => {
      const what = `${id}[${example?.name ?? i}]`;
      examplesChecked++;
      if (message.headers !== undefined) {
        if (example.headers === undefined) fail(what, "no headers (the message has a headers schema)");
        else if (headers && !headers(example.headers)) report(fail, `${what} headers`, headers.errors);
      }
      if (message.payload !== undefined) {
        if (!("payload" in example)) fail(what, "no payload (the message has a payload schema)");
        else if (payload && !payload(example.payload)) report(fail, `${what} payload`, payload.errors);
      } else if ("payload" in example) {
        fail(what, "a payload, but the message has no payload schema to check it against");
      }
      const subject = example.headers?.ce_subject;
      if (key && subject !== undefined && !key(subject)) {
        report(fail, `${what} ce_subject (the record key) against bindings.kafka.key`, key.errors);
      }
    });
  }
}

console.log(`SUMMARY: ${failures ? `${failures} problem(s) in the examples` : "examples valid"}: ${examplesChecked} ` +
  `example(s) of ${messagesChecked} message(s) in ${documents.length} document(s) checked against their headers, ` +
  `payload and key schemas (ajv ${require("ajv/package.json").version})`);
process.exit(failures ? 1 : 0);

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// RFC 7386 JSON Merge Patch, as the AsyncAPI parser merges traits.
function mergePatch(origin, patch) {
  if (!isObject(patch)) return patch;
  const result = isObject(origin) ? { ...origin } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
}

// The message with its traits applied: each trait in order, then the message itself, merged over an empty object.
function applyTraits(message, resolve) {
  let result = {};
  for (const part of [...(message.traits ?? []).map((t) => resolve(t)), message]) {
    for (const [k, v] of Object.entries(part)) result[k] = mergePatch(result[k], v);
  }
  return result;
}

function report(fail, what, errors) {
  for (const e of errors ?? []) {
    const p = e.params ?? {};
    const detail = p.allowedValue !== undefined ? ` ${JSON.stringify(p.allowedValue)}`
      : p.allowedValues ? ` ${JSON.stringify(p.allowedValues)}`
      : p.additionalProperty ? ` (${p.additionalProperty})` : "";
    fail(what, `${e.instancePath || "/"} ${e.message}${detail}`);
  }
}
