// Validates rendered Kubernetes objects against the API's JSON schemas as the npm package kubernetes-models bundles
// them (types, required fields, enums; it does not refuse unknown fields, which check_manifests.py's rules cover
// where they matter). Run by deploy/check-manifests.sh, offline:
//   node validate-schemas.mjs <node_modules/kubernetes-models> <rendered.json>
// Prints one `  FAIL kind/name: path message` line per violation and last a `SUMMARY: ...` line; exit 1 on a FAIL.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modelsDir, renderedFile] = process.argv.slice(2);
const version = JSON.parse(readFileSync(join(modelsDir, "package.json"), "utf8")).version;
const objects = JSON.parse(readFileSync(renderedFile, "utf8"));
let failures = 0;

for (const object of objects) {
  const where = `${object.kind}/${object.metadata?.name}`;
  // apps/v1 -> apps/v1/Deployment.js; the core group's v1 -> v1/Service.js
  const model = join(modelsDir, ...String(object.apiVersion).split("/"), `${object.kind}.js`);
  let Model;
  try {
    Model = (await import(pathToFileURL(model).href))[object.kind];
  } catch {
    console.log(`  FAIL  ${where}: no schema for ${object.apiVersion} ${object.kind}`);
    failures++;
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    for (const error of e.errors ?? [{ instancePath: "", message: e.message }]) {
      console.log(`  FAIL  ${where}: ${error.instancePath || "/"} ${error.message}`);
      failures++;
    }
  }
}
console.log(`SUMMARY: ${failures ? `${failures} schema violations` : "schemas valid"} (kubernetes-models ${version})`);
process.exit(failures ? 1 : 0);
